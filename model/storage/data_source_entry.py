"""The data's source as a session file keeps it, read back checked: two entries of one ``DataSource``.

    view["data_source"] = source.to_dict()                 # saving: where the GUI's points came from
    source = read_data_source(view.get("data_source"), ds)  # opening: a DataSource, or None
    dataset_meta["origin"] = origin_entry(ds.origin)        # saving: the real data set a Dataset was loaded as
    origin = read_origin(dataset_meta.get("origin"))        # opening: a DataSource or None; ValueError if malformed

Every field is range-checked like any number read from a file. A source that says "generated, not edited" is
believed only when the generator, run again with its parameters, makes exactly the points the file holds: a
challenge counts such data as its own dataset, so a file cannot claim it for other points. The origin entry is
the short form ``{"name", "seed", "test_fraction"}`` of a real data set (its size and classes are its own).

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from model.data.data_source import KINDS, MAX_SEED, DataSource
from model.data.dataset import MAX_CLASSES, Dataset
from model.data.generators import DATASETS
from model.data.real_datasets import REAL_DATASETS, raw
from model.storage.value_checks import INT32_MAX, ValueOutOfRange, real, whole

KEY = "data_source"  # the entry of the session file's view settings
MAX_NAME = 255  # a file name's length on common file systems
MAX_GENERATED_POINTS = 1_000_000  # what the headless trainer generates at most


def read_data_source(value: object, dataset: Dataset) -> DataSource | None:
    """The source ``value`` (what ``DataSource.to_dict`` wrote) describes, if it is well formed and true of
    ``dataset``; None otherwise (absent, malformed, out of range, or generated points that were not these). Without
    a well-formed ``value`` (a session the headless trainer wrote has no view settings), the dataset's origin when
    it loads exactly these points again."""
    source = _entry(value, dataset)
    if source is None and dataset.origin is not None and _made_by(dataset.origin, dataset):
        return dataset.origin
    return source


def _entry(value: object, dataset: Dataset) -> DataSource | None:
    if not isinstance(value, dict):
        return None
    try:
        source = _checked(value)
    except (ValueError, TypeError):  # ValueOutOfRange is a ValueError
        return None
    if source.generator is not None and not _made_by(source, dataset):
        return None
    return source


def origin_entry(origin: DataSource | None) -> dict[str, Any] | None:
    """What ``read_origin`` reads back: a real data set's name, seed and test fraction, or None."""
    if origin is None:
        return None
    return {"name": origin.name, "seed": origin.seed, "test_fraction": origin.test_fraction}


def read_origin(value: object) -> DataSource | None:
    """The real data set ``origin_entry`` wrote (None for null); ValueError naming what is wrong otherwise."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"name", "seed", "test_fraction"}:
        raise ValueOutOfRange(f"a data origin is {{'name', 'seed', 'test_fraction'}}, got {value!r}")
    name = value["name"]
    if not isinstance(name, str) or name not in REAL_DATASETS:
        raise ValueOutOfRange(f"the data came from {name!r}, which is no data set this program knows")
    return DataSource.real(
        name,
        whole(value["seed"], "seed", 0, MAX_SEED),
        real(value["test_fraction"], "test_fraction", 0.0, 1.0),
    )


def _checked(d: dict[str, Any]) -> DataSource:
    kind, name, edited = d.get("kind"), d.get("name", ""), d.get("edited", False)
    if kind not in KINDS:
        raise ValueOutOfRange(f"kind = {kind!r} is not a data source")
    if not isinstance(name, str) or len(name) > MAX_NAME:
        raise ValueOutOfRange("name is not a short text")
    if not isinstance(edited, bool):
        raise ValueOutOfRange("edited is not true or false")
    if kind != "generated":
        return DataSource(kind, name if kind == "file" else "", edited=edited)
    if name not in DATASETS and name not in REAL_DATASETS:
        raise ValueOutOfRange(f"name = {name!r} is not a built-in dataset")
    source = DataSource.generated(
        name,
        whole(d.get("n_samples"), "n_samples", 1, MAX_GENERATED_POINTS),
        real(d.get("noise"), "noise", 0.0, 10.0),
        whole(d.get("seed"), "seed", 0, INT32_MAX),
        whole(d.get("n_classes"), "n_classes", 2, MAX_CLASSES),
        real(d.get("test_fraction"), "test_fraction", 0.0, 1.0),
    )
    return source.after_edit() if edited else source


def _made_by(source: DataSource, dataset: Dataset) -> bool:
    if source.n_samples != dataset.n_samples:  # cheap, and no generating a million points for a small file
        return False
    try:
        made = source.regenerate()
    except ValueError:
        return False
    try:
        if made.view_plane is not None and dataset.view_plane is not None:
            made = made.with_view_plane(dataset.view_plane)  # the plane shown is a view of the same points
    except ValueError:  # a plane that does not fit these points
        return False
    old_names = source.is_real and made.feature_names != dataset.feature_names
    if old_names and dataset.feature_names == raw(source.name)[2]:  # saved before they said "(standardised)"
        made = replace(made, feature_names=dataset.feature_names)
    return made.same_as(dataset)
