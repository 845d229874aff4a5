"""Where a dataset came from, exactly enough to rebuild it: a bundled real data set's name, split seed and
test fraction (``model.data.real_datasets``).

A ``Dataset`` loaded by ``real_datasets.load`` carries its ``DataOrigin``; any edit of its points, labels or
split drops it (the edited data is no longer what the loader gives). Session files keep it; the script export
and the PyTorch export use it to load the data through scikit-learn instead of writing every number out.

Pure Python: this module must never import Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DataOrigin:
    """``real_datasets.load(name, test_fraction=test_fraction, seed=seed)`` gives the same arrays."""

    name: str
    seed: int
    test_fraction: float

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"a data origin needs a data set name, got {self.name!r}")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or not 0 <= self.seed < 2**32:
            raise ValueError(f"a data origin's seed must be an integer in 0..2**32-1, got {self.seed!r}")
        f = self.test_fraction
        if isinstance(f, bool) or not isinstance(f, (int, float)) or not math.isfinite(f) or not 0 <= f <= 1:
            raise ValueError(f"a data origin's test fraction must lie in [0, 1], got {f!r}")
        object.__setattr__(self, "test_fraction", float(f))

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "seed": self.seed, "test_fraction": self.test_fraction}

    @classmethod
    def from_dict(cls, d: Any) -> DataOrigin:
        """The origin of ``to_dict``'s JSON object; ValueError for anything else."""
        if not isinstance(d, dict) or set(d) != {"name", "seed", "test_fraction"}:
            raise ValueError(f"a data origin is {{'name', 'seed', 'test_fraction'}}, got {d!r}")
        return cls(d["name"], d["seed"], d["test_fraction"])


__all__ = ["DataOrigin"]
