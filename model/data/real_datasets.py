"""Real data sets with more than two features, from scikit-learn's bundled files (no download).

    load(name, test_fraction=0.2, seed=0) -> Dataset        name in REAL_DATASETS: digits, iris, wine, breast_cancer
    REAL_DATASETS[name]                                     label, sizes, what it is (RealDataInfo)
    raw(name) -> (X, y, feature_names, class_names)         the loader's unscaled arrays and names
    feature_names(name)                                     the features' names ``load`` gives (below)
    shown_feature(name, feature) -> str                     a loader's name of a feature as ``load`` names it
    scaled(name, X, is_test) -> X                           the scaling ``load`` applies (below)
    digit_image(x) -> (8, 8)                                one digits row as the image it was, values 0..1

The Dataset ``load`` gives has the loader's rows in order, a stratified train/test split
(``model.data.train_test_split.split_mask(y, "classification", test_fraction, seed)``, as for generated data),
the features' and classes' names ("0".."9"; "setosa", "versicolor", "virginica"; ...), a description saying
where the data came from and how it was scaled, its origin (a ``model.data.data_source.DataSource``, so files
and exports can load it again instead of writing every number out) and the default view plane (PCA,
``model.data.view_plane``).

Scaling, and why:

* **digits**: the pixel counts 0..16 divided by 16, so every input lies in [0, 1]. All 64 features are the same
  kind of number on the same scale already; dividing keeps them images (a unit's weights can be drawn as an 8×8
  picture, a drawing can be fed in the same way) and keeps the edge pixels that are 0 in almost every image at
  0 (standardising would divide those by a standard deviation near 0 and blow single strokes up to huge inputs).
* **iris, wine, breast cancer**: standardised, each feature minus its mean and divided by its standard deviation,
  both measured on the **training** points only (the test points are scaled with the training statistics, so
  nothing about them leaks into training). Their features have very different units and ranges (wine's proline
  is about 750, its hue about 1; breast cancer's mean area about 650, its smoothness about 0.1): unscaled, one
  learning rate is far too large for some weights and far too small for others, and plain gradient descent
  crawls or diverges. A feature constant on the training points is only centred.

Names, and why: the loaders name the raw measurements, iris's with their unit ("petal length (cm)"); the
standardised numbers are no longer in that unit (a setosa's petal is -1.3 on the axis). ``load`` names each
standardised feature for what it holds, the measurement without its unit and "(standardised)" after it ("petal length
(standardised)", "alcohol (standardised)"), wherever the name goes: the plot's axes and plane caption, a CSV's header,
a lesson's plane, exported code. Showing the raw units instead would need every view, export and file to carry the
scaling and undo it, and a CSV of raw numbers would no longer open as the data trained on. The network diagram, with
room for a few letters beside a node, may leave "(standardised)" out (``model.data.standardised_names``): no unit
is claimed either way. Files written with the loaders' names (sessions, lessons naming a plane) still open: a
session keeps the names it holds, and a lesson's plane may name a feature either way (``shown_feature``).

How the digits were made (for a drawing pad that wants to feed the network the same way): scikit-learn's
``load_digits`` is the UCI "optdigits" test set: digits written on 32×32 bitmaps were divided into 8×8
non-overlapping blocks of 4×4 pixels, and each input is the number of pixels set in its block (0..16). The rows
of an image are consecutive: pixel (r, c) is feature 8·r + c, named "pixel_r_c".

Pure NumPy + scikit-learn (imported when a data set is loaded, not at module import: sklearn.datasets is slow to
import): this module must never import Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.data.dataset import Dataset
from model.data.standardised_names import standardised_name
from model.data.train_test_split import split_mask

DIGITS_SHAPE = (8, 8)
DIGITS_MAX = 16.0  # a digits pixel counts the set pixels of a 4x4 block


@dataclass(frozen=True)
class RealDataInfo:
    """One bundled data set: its registry ``name``, the ``label`` the GUI shows, its sizes, the scaling ``load``
    applies ("unit": divided by 16 into [0, 1]; "standardise": training mean 0, standard deviation 1) and
    ``about``, a sentence on what it is."""

    name: str
    label: str
    n_samples: int
    n_features: int
    n_classes: int
    scaling: str
    about: str
    loader: str  # the sklearn.datasets function
    #: the classes' names ``load`` gives, known without loading (a window shows them while the data load)
    class_names: tuple[str, ...] = ()


REAL_DATASETS: dict[str, RealDataInfo] = {
    info.name: info
    for info in (
        RealDataInfo(
            "digits",
            "Digits (8×8)",
            1797,
            64,
            10,
            "unit",
            "1 797 handwritten digits 0-9 as 8×8 images (UCI optdigits, scikit-learn's load_digits)",
            "load_digits",
            tuple(str(k) for k in range(10)),
        ),
        RealDataInfo(
            "iris",
            "Iris",
            150,
            4,
            3,
            "standardise",
            "150 iris flowers of three species, four measurements each (Fisher 1936, scikit-learn's load_iris)",
            "load_iris",
            ("setosa", "versicolor", "virginica"),
        ),
        RealDataInfo(
            "wine",
            "Wine",
            178,
            13,
            3,
            "standardise",
            "178 wines from three cultivars, 13 chemical measurements each (UCI wine, scikit-learn's load_wine)",
            "load_wine",
            ("cultivar 1", "cultivar 2", "cultivar 3"),
        ),
        RealDataInfo(
            "breast_cancer",
            "Breast cancer",
            569,
            30,
            2,
            "standardise",
            "569 breast tumour samples, malignant or benign, 30 measurements of cell nuclei each "
            "(UCI Wisconsin diagnostic, scikit-learn's load_breast_cancer)",
            "load_breast_cancer",
            ("malignant", "benign"),
        ),
    )
}

_CLASS_NAMES: dict[str, Callable[[Any], tuple[str, ...]]] = {
    "digits": lambda bunch: tuple(str(int(t)) for t in bunch.target_names),
    "wine": lambda bunch: tuple(f"cultivar {k + 1}" for k in range(len(bunch.target_names))),
}


def info(name: str) -> RealDataInfo:
    try:
        return REAL_DATASETS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown real data set {name!r}; valid names: {', '.join(REAL_DATASETS)}") from None


def raw(name: str) -> tuple[np.ndarray, np.ndarray, tuple[str, ...], tuple[str, ...]]:
    """The loader's arrays, unscaled: X (n, n_features) float64, y (n,) int64 class indices, the features' and
    the classes' names."""
    from sklearn.datasets import load_breast_cancer, load_digits, load_iris, load_wine

    loaders = {
        "load_digits": load_digits,
        "load_iris": load_iris,
        "load_wine": load_wine,
        "load_breast_cancer": load_breast_cancer,
    }
    bunch = loaders[info(name).loader]()
    X = np.ascontiguousarray(bunch.data, dtype=np.float64)
    y = np.asarray(bunch.target, dtype=np.int64)
    features = tuple(str(f) for f in bunch.feature_names)
    classes = _CLASS_NAMES.get(name, lambda b: tuple(str(t) for t in b.target_names))(bunch)
    return X, y, features, classes


def _shown(scaling: str, feature: str) -> str:
    return feature if scaling != "standardise" else standardised_name(feature)


def feature_names(name: str) -> tuple[str, ...]:
    """The features' names ``load`` gives: the loader's, a standardised one's unit replaced by "(standardised)"."""
    return tuple(_shown(info(name).scaling, f) for f in raw(name)[2])


def shown_feature(name: str, feature: str) -> str:
    """``feature`` as ``load`` names it, given by that name or by the loader's ("petal length (cm)", as files
    written before the names said what the numbers are hold it); any other name as it is."""
    return _shown(info(name).scaling, feature) if feature in raw(name)[2] else feature


def scaled(name: str, X: Any, is_test: Any) -> np.ndarray:
    """X scaled as ``load`` scales it (the module docstring says how and why); ``is_test`` chooses the points
    whose statistics are not used."""
    X = np.asarray(X, dtype=np.float64)
    if info(name).scaling == "unit":
        return X / DIGITS_MAX
    train = X[~np.asarray(is_test, dtype=bool)]
    mean = train.mean(axis=0)
    std = train.std(axis=0)
    return (X - mean) / np.where(std > 0, std, 1.0)


def description(name: str) -> str:
    """What the data set is and how ``load`` scaled it, in words."""
    entry = info(name)
    how = (
        "pixel counts 0..16 divided by 16"
        if entry.scaling == "unit"
        else "features standardised with the training points' mean and standard deviation"
    )
    return f"{entry.about}; {how}."


def load(name: str, test_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """The real data set ``name`` as a Dataset: scaled, split (stratified, seeded), named, with its origin."""
    from model.data.data_source import DataSource  # here: data_source imports this module (for the names)

    X, y, loader_names, classes = raw(name)
    features = tuple(_shown(info(name).scaling, f) for f in loader_names)
    is_test = split_mask(y, "classification", test_fraction, seed)
    origin = DataSource.real(name, int(seed), float(test_fraction))
    return Dataset(
        scaled(name, X, is_test),
        y,
        is_test,
        "classification",
        len(classes),
        classes,
        features,
        description(name),
        origin,
    )


def digit_image(x: Any) -> np.ndarray:
    """One digits row (64,) as its 8×8 image (row r is pixels 8·r .. 8·r + 7)."""
    return np.asarray(x, dtype=np.float64).reshape(DIGITS_SHAPE)


__all__ = [
    "DIGITS_MAX",
    "DIGITS_SHAPE",
    "REAL_DATASETS",
    "RealDataInfo",
    "description",
    "digit_image",
    "feature_names",
    "info",
    "load",
    "raw",
    "scaled",
    "shown_feature",
]
