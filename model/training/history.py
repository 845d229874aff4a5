"""The loss and score of every epoch, in growable arrays of bounded size.

The training loss is recorded for every epoch (it falls out of training for
free). Test loss and the scores need an extra pass over the data, so they are
measured at some epochs only (at the end of every ``step`` call, and within one
at the epochs ``model.training.measured_epochs`` names); an epoch not measured
holds NaN in those columns, never a value made up between two measurements:
the curves draw their line through the measured epochs and say which epoch a
value was measured at, and a past moment's readout (measured from that moment's
weights) agrees with the curve wherever the curve has a value.

Memory stays bounded however long training runs: each row holds its epoch, and
once ``max_rows`` rows are full every other row is dropped and from then on
only every ``stride``-th epoch is recorded (the stride doubles each time). A run
of up to ``max_rows`` epochs keeps every epoch; a run left going overnight keeps
an evenly spread record of all of it in the same memory.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

COLUMNS = ("train_loss", "test_loss", "train_score", "test_score")
#: Rows kept at most (5 float64 columns: ~10 MB).
MAX_ROWS = 1 << 18


class History:
    """Per-epoch curves: ``epoch`` (1-based) and the four ``COLUMNS``, float64.

    ``len(history)`` is the number of epochs recorded; ``rows`` how many are stored.
    """

    def __init__(self, capacity: int = 1024, max_rows: int = MAX_ROWS):
        self.max_rows = max(16, int(max_rows))
        self._epochs = 0  # epochs recorded (the session's epoch)
        self._stride = 1  # one row every `stride` epochs (1 until the first compaction)
        self._size = 0  # rows stored
        self._evaluated = 0  # rows whose test/score columns are filled
        self._data = {name: np.full(min(capacity, self.max_rows), np.nan) for name in ("epoch",) + COLUMNS}

    def __len__(self) -> int:
        return self._epochs

    @property
    def rows(self) -> int:
        return self._size

    @property
    def stride(self) -> int:
        return self._stride

    def clear(self) -> None:
        self._epochs = self._size = self._evaluated = 0
        self._stride = 1
        for column in self._data.values():
            column.fill(np.nan)

    def _grow(self) -> None:
        for name, column in self._data.items():
            bigger = np.full(min(2 * column.shape[0], self.max_rows), np.nan)
            bigger[: column.shape[0]] = column
            self._data[name] = bigger

    def _compact(self) -> None:
        """Keep the rows on the doubled stride (every other row); later epochs follow it."""
        self._stride *= 2
        keep = np.flatnonzero(self._data["epoch"][: self._size] % self._stride == 0)
        for column in self._data.values():
            column[: keep.size] = column[keep]
            column[keep.size : self._size] = np.nan
        self._evaluated = int(np.count_nonzero(keep < self._evaluated))
        self._size = int(keep.size)

    def append_loss(self, train_loss: float) -> None:
        """Record one epoch's training loss (mean over its batches)."""
        self._epochs += 1
        if self._epochs % self._stride:
            return  # between two recorded epochs of a long run
        if self._size == self.max_rows:
            self._compact()
            if self._epochs % self._stride:
                return
        if self._size == self._data["train_loss"].shape[0]:
            self._grow()
        self._data["epoch"][self._size] = self._epochs
        self._data["train_loss"][self._size] = train_loss
        self._size += 1

    def record_evaluation(self, test_loss: float, train_score: float, test_score: float) -> None:
        """The evaluated columns of the newest epoch, if it has none yet and has a row (a long run keeps every
        ``stride``-th epoch); the epochs since the last evaluation keep NaN: not measured. A measurement without a
        new epoch (a changed setting) records nothing: the epoch's row holds what its weights measured."""
        if self._size <= self._evaluated:
            return
        row = self._size - 1
        self._evaluated = self._size
        if self._data["epoch"][row] != self._epochs:
            return  # a long run's epoch between two kept rows: not stored
        for name, value in zip(COLUMNS[1:], (test_loss, train_score, test_score)):
            self._data[name][row] = value

    def measured(self) -> np.ndarray:
        """Whether each stored row's test loss and scores were measured (bool, over the stored rows): the
        training score is a number wherever the weights were measured with points to train on."""
        return np.isfinite(self._data["train_score"][: self._size]) | np.isfinite(self._data["test_loss"][: self._size])

    def truncate(self, n_epochs: int) -> None:
        """Forget every epoch after ``n_epochs`` (branching from an earlier moment)."""
        n_epochs = min(int(n_epochs), self._epochs)
        keep = int(np.searchsorted(self._data["epoch"][: self._size], n_epochs, side="right"))
        for column in self._data.values():
            column[keep : self._size] = np.nan
        self._size = keep
        self._evaluated = min(self._evaluated, keep)
        self._epochs = n_epochs

    def column(self, name: str) -> np.ndarray:
        """A copy of one column ("epoch" or one of ``COLUMNS``) over the stored rows."""
        return self._data[name][: self._size].copy()

    def arrays(self) -> dict[str, np.ndarray]:
        """Copies of "epoch" and all ``COLUMNS`` over the stored rows."""
        return {name: self.column(name) for name in ("epoch",) + COLUMNS}

    def load(self, arrays: Mapping[str, np.ndarray], n_epochs: int | None = None) -> None:
        """Replace the contents (from a saved session, a branch or a restored run).

        arrays : dict with the ``COLUMNS`` and optionally "epoch" (else 1..n, one row per epoch)
        n_epochs : the epochs the session has run (default: the last row's epoch); it can be
            more than that when a long run records only every ``stride``-th epoch
        """
        n = len(arrays["train_loss"])
        epoch = arrays.get("epoch")
        epoch = np.arange(1, n + 1, dtype=np.float64) if epoch is None else np.asarray(epoch, np.float64)
        last = int(epoch[-1]) if n else 0
        self._epochs = last if n_epochs is None else max(int(n_epochs), last)
        self._stride = int(np.gcd.reduce(epoch.astype(np.int64))) if n > 1 and n < self._epochs else 1
        capacity = min(max(1024, 1 << int(np.ceil(np.log2(max(n, 1))))), max(self.max_rows, n))
        self.max_rows = max(self.max_rows, n)
        self._data = {name: np.full(capacity, np.nan) for name in ("epoch",) + COLUMNS}
        self._data["epoch"][:n] = epoch
        for name in COLUMNS:
            self._data[name][:n] = np.asarray(arrays[name], dtype=np.float64)
        self._size = self._evaluated = n

    def copy(self) -> History:
        """An independent copy (a branch or a restored run starts from it)."""
        other = History(max_rows=self.max_rows)
        other.load(self.arrays(), n_epochs=self._epochs)
        other._stride = self._stride
        return other

    def thinned(self, max_points: int = 4000, until_epoch: int | None = None) -> dict[str, np.ndarray]:
        """All columns on at most ``max_points`` rows, evenly spread, first and last kept,
        optionally only up to ``until_epoch`` (a moment of the timeline).

        The curves view draws these; a run of a million epochs stays cheap to
        send and draw. When rows must be left out, half of the rows kept are
        measured ones (evenly spread among them), so the test line and the
        scores are drawn through as many measurements as the training loss has
        points, not only through those that the even spread happens to hit.
        """
        n = self._size
        if until_epoch is not None:
            n = int(np.searchsorted(self._data["epoch"][:n], int(until_epoch), side="right"))
        if n <= max_points:
            index = np.arange(n)
        else:
            measured = np.flatnonzero(self.measured()[:n])
            if measured.size > max_points // 2:
                measured = measured[np.linspace(0, measured.size - 1, max_points // 2).astype(np.int64)]
            spread = np.linspace(0, n - 1, max_points - measured.size).astype(np.int64)
            index = np.unique(np.concatenate((spread, measured)))
        return {name: self._data[name][index] for name in ("epoch",) + COLUMNS}
