"""Where the points came from: a built-in generator (and with what), a bundled real data set, a file, or clicks.

One small immutable value says it, for everyone who asks:

- the data panel says what is on the plot ("Two moons: 2 classes, 200 points, noise 0.1, seed 0",
  "Wine: 3 classes, 178 points (45 test), 13 features, seed 4", "Drawn by hand: 4 classes, 37 points",
  "From file moons.csv, edited: 2 classes, 151 points"): the GUI's data document keeps the source of its dataset
  beside it, and a session file keeps it in its view settings (``model.storage.data_source_entry``);
- a challenge tells its own data (the points its Start generates, not edited since: ``same_points``) from any
  other, and from the same dataset made with other settings; a lesson its own data, edited in it or not
  (``made_from``), from other data;
- a ``Dataset`` that ``real_datasets.load`` gave carries its source as ``Dataset.origin`` (any edit of its points,
  labels or split drops it: the edited data is no longer what the loader gives), so session files keep it and the
  script and PyTorch exports load the data again through scikit-learn (``regenerate``) instead of writing every
  number out.

Pure Python: this module must never import Qt.
"""

from __future__ import annotations

import math
import os
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np

from model.data import real_datasets
from model.data.dataset import Dataset
from model.data.generators import DATASETS, make

KINDS = ("generated", "file", "drawn", "unknown")
MAX_SEED = 2**32 - 1  # what NumPy's seeding and the stratified split take


@dataclass(frozen=True)
class DataSource:
    """kind : "generated" (``name`` is a key of ``DATASETS``, the other fields how it was made, or of
    ``real_datasets.REAL_DATASETS``: a real data set, loaded with ``seed`` and ``test_fraction``, its size and
    classes its own), "file" (``name`` is the file's name), "drawn" (clicked on the plot, from no points) or
    "unknown".
    edited : points were added, moved or removed since it was generated or read."""

    kind: str = "unknown"
    name: str = ""
    n_samples: int = 0
    noise: float = 0.0
    seed: int = 0
    n_classes: int = 2
    test_fraction: float = 0.2
    edited: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown data source kind {self.kind!r}; choose one of {KINDS}")
        if self.kind == "generated" and self.name not in DATASETS and self.name not in real_datasets.REAL_DATASETS:
            raise ValueError(f"unknown dataset {self.name!r}")
        seed, f = self.seed, self.test_fraction
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
            raise ValueError(f"a data source's seed must be an integer in 0..{MAX_SEED}, got {seed!r}")
        if isinstance(f, bool) or not isinstance(f, (int, float)) or not math.isfinite(f) or not 0 <= f <= 1:
            raise ValueError(f"a data source's test fraction must lie in [0, 1], got {f!r}")
        object.__setattr__(self, "test_fraction", float(f))
        real = real_datasets.REAL_DATASETS.get(self.name) if self.kind == "generated" else None
        if real is not None and (self.n_samples, self.n_classes, self.noise) != (real.n_samples, real.n_classes, 0):
            raise ValueError(
                f"the {real.label} data set has {real.n_samples} points of {real.n_classes} classes and no noise, "
                f"not {self.n_samples}, {self.n_classes} and {self.noise!r}"
            )

    # ----------------------------------------------------------------- constructors
    @classmethod
    def generated(
        cls, name: str, n_samples: int, noise: float, seed: int, n_classes: int, test_fraction: float
    ) -> DataSource:
        return cls(
            "generated", str(name), int(n_samples), float(noise), int(seed), int(n_classes), float(test_fraction)
        )

    @classmethod
    def real(cls, name: str, seed: int, test_fraction: float) -> DataSource:
        """The bundled real data set ``name`` as ``real_datasets.load(name, test_fraction, seed)`` gives it."""
        info = real_datasets.info(name)
        return cls.generated(name, info.n_samples, 0.0, seed, info.n_classes, test_fraction)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> DataSource:
        return cls("file", os.path.basename(os.fspath(path)))

    @classmethod
    def drawn(cls) -> DataSource:
        return cls("drawn")

    def after_edit(self) -> DataSource:
        """The source of this data once a point was added, moved or removed."""
        if self.kind in ("drawn", "unknown") or self.edited:
            return self
        return replace(self, edited=True)

    # ----------------------------------------------------------------- questions
    @property
    def generator(self) -> str | None:
        """The built-in dataset these points are, as generated (None once edited, or not generated)."""
        return self.name if self.kind == "generated" and not self.edited else None

    def same_points(self, other: DataSource) -> bool:
        """Do both stand for the same points, untouched: the same generator with the same settings (a bundled data
        set with the same seed and split; the same file), neither edited since? Drawn points and points of
        unknown origin are never known to be the same. A number of classes the generator ignores does not count
        (circles have two whatever the panel says); noise and split are compared as numbers, not bit patterns."""
        if self.kind != other.kind or self.name != other.name or self.edited or other.edited:
            return False
        if self.kind == "file":
            return True
        if self.kind != "generated":
            return False
        info = DATASETS.get(self.name)
        classes_count = info is None or info.supports_n_classes
        return (
            (self.n_samples, self.seed) == (other.n_samples, other.seed)
            and (not classes_count or self.n_classes == other.n_classes)
            and math.isclose(self.noise, other.noise, rel_tol=1e-9, abs_tol=1e-12)
            and math.isclose(self.test_fraction, other.test_fraction, rel_tol=1e-9, abs_tol=1e-12)
        )

    def made_from(self, other: DataSource) -> bool:
        """Are these ``other``'s points, or ``other``'s points edited since? An edit keeps the source it was made on,
        marked edited (points added, moved or removed); points cleared, then clicked, are drawn ones, data of its
        own. ``other`` untouched, as ``same_points`` asks of both."""
        return replace(self, edited=False).same_points(other) and not other.edited

    @property
    def is_real(self) -> bool:
        """A bundled real data set (``model.data.real_datasets``), edited or not."""
        return self.kind == "generated" and self.name in real_datasets.REAL_DATASETS

    def regenerate(self) -> Dataset:
        """The dataset a generated source makes again (same arrays, same split; a real data set with this source
        as its origin)."""
        if self.kind != "generated":
            raise ValueError("only generated data can be made again")
        if self.is_real:
            return real_datasets.load(self.name, self.test_fraction, self.seed)
        return make(self.name, self.n_samples, self.noise, self.seed, self.n_classes, self.test_fraction)

    def describe(self, dataset: Dataset) -> str:
        """One line about the points on the plot, e.g. "Drawn by hand: 4 classes, 37 points (7 test)"."""
        if dataset.n_samples == 0:
            return "No points: click the plot to add some, or press Generate."
        counts = _counts(dataset)
        edited = ", edited" if self.edited else ""
        if self.is_real:
            real = real_datasets.REAL_DATASETS[self.name]
            made = "" if self.edited else f", seed {self.seed}"
            return f"{real.label}{edited}: {counts}, {dataset.n_features} features{made}"  # 2 once trained on two
        if self.kind == "generated":
            made = "" if self.edited else f", noise {self.noise:g}, seed {self.seed}"
            return f"{DATASETS[self.name].label}{edited}: {counts}{made}"
        if self.kind == "file":
            return f"From file {self.name}{edited}: {counts}"
        if self.kind == "drawn":
            return f"Drawn by hand: {counts}"
        return counts[0].upper() + counts[1:]

    def to_dict(self) -> dict[str, Any]:
        """JSON values (a session file keeps them; ``model.storage.data_source_entry`` reads them back, checked)."""
        return asdict(self)


def _counts(dataset: Dataset) -> str:
    """'2 classes, 200 points (40 test)', '1 class, 3 points', or '50 points (10 test), a curve'."""
    n, n_test = dataset.n_samples, int(np.count_nonzero(dataset.is_test))
    points = f"{n:,} point{'s' if n != 1 else ''}" + (f" ({n_test:,} test)" if n_test else "")
    if dataset.task == "regression":
        return points + (", a curve" if dataset.n_features == 1 else ", a surface")
    k = int(np.unique(dataset.y).size)
    return f"{k} class{'es' if k != 1 else ''}, {points}"
