"""The loss and score of every epoch, in growable arrays.

The training loss is recorded for every epoch (it falls out of training for
free). Test loss and the scores need an extra pass over the data, so they are
measured when the session is asked (at the end of every ``step`` call, i.e.
every chunk the worker runs, many times a second) and that value is written
for the epochs since the last measurement. All columns thus have one row per epoch.
"""

from __future__ import annotations

import numpy as np

COLUMNS = ("train_loss", "test_loss", "train_score", "test_score")


class History:
    """Per-epoch curves: ``epoch`` (1-based) and the four ``COLUMNS``, float64."""

    def __init__(self, capacity: int = 1024):
        self._size = 0
        self._evaluated = 0  # rows whose test/score columns are filled
        self._data = {name: np.full(capacity, np.nan) for name in COLUMNS}

    def __len__(self) -> int:
        return self._size

    def clear(self) -> None:
        self._size = self._evaluated = 0
        for column in self._data.values():
            column.fill(np.nan)

    def _grow(self) -> None:
        for name, column in self._data.items():
            bigger = np.full(2 * column.shape[0], np.nan)
            bigger[:column.shape[0]] = column
            self._data[name] = bigger

    def append_loss(self, train_loss: float) -> None:
        """Record one epoch's training loss (mean over its batches)."""
        if self._size == self._data["train_loss"].shape[0]:
            self._grow()
        self._data["train_loss"][self._size] = train_loss
        self._size += 1

    def record_evaluation(self, test_loss: float, train_score: float, test_score: float) -> None:
        """Fill the evaluated columns of the epochs since the last evaluation."""
        rows = slice(self._evaluated, self._size)
        self._data["test_loss"][rows] = test_loss
        self._data["train_score"][rows] = train_score
        self._data["test_score"][rows] = test_score
        self._evaluated = self._size

    def truncate(self, n_epochs: int) -> None:
        """Forget every epoch after ``n_epochs`` (branching from an earlier moment)."""
        n_epochs = min(n_epochs, self._size)
        for column in self._data.values():
            column[n_epochs:self._size] = np.nan
        self._size = n_epochs
        self._evaluated = min(self._evaluated, n_epochs)

    def column(self, name: str) -> np.ndarray:
        """A copy of one column for all recorded epochs."""
        return self._data[name][:self._size].copy()

    def arrays(self) -> dict[str, np.ndarray]:
        """Copies of all columns plus "epoch" (1..n)."""
        out = {"epoch": np.arange(1, self._size + 1, dtype=np.float64)}
        out.update({name: self.column(name) for name in COLUMNS})
        return out

    def load(self, arrays: dict) -> None:
        """Replace the contents (from a saved session)."""
        n = len(arrays["train_loss"])
        capacity = max(1024, 1 << int(np.ceil(np.log2(max(n, 1)))))
        self._data = {name: np.full(capacity, np.nan) for name in COLUMNS}
        for name in COLUMNS:
            self._data[name][:n] = np.asarray(arrays[name], dtype=np.float64)
        self._size = self._evaluated = n

    def thinned(self, max_points: int = 4000) -> dict[str, np.ndarray]:
        """All columns on at most ``max_points`` epochs, evenly spread, first and last kept.

        The curves view draws these; a run of a million epochs stays cheap to
        send and draw.
        """
        n = self._size
        if n <= max_points:
            return self.arrays()
        index = np.unique(np.linspace(0, n - 1, max_points).astype(np.int64))
        out = {"epoch": (index + 1).astype(np.float64)}
        out.update({name: self._data[name][index] for name in COLUMNS})
        return out
