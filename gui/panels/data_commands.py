"""Undoable data edits: a ``DataDocument`` holding the current Dataset, and QUndoCommands over it.

Datasets are immutable values, so every command simply keeps the dataset before and after its edit:
undo and redo put back exactly those objects (no recomputation, so no drift). A painted stroke is one
``AddPointsCommand``, hence one undo step, and so is a dragged point (the view emits one move per drag).

Typical wiring in the main window (connect @Slot methods, not lambdas)::

    self.doc = DataDocument(Dataset.empty())
    self.undo_stack = QUndoStack(self)
    self.doc.datasetChanged.connect(self.on_dataset_changed)    # -> view.set_dataset(ds, self.doc.version)
    view.addPointsRequested.connect(self.on_add_points)

    @Slot(object)
    def on_add_points(self, P):
        self.undo_stack.push(AddPointsCommand(self.doc, P, labels=self.current_class))
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from model.data.data_source import DataSource
from model.data.dataset import Dataset


class DataDocument(QObject):
    """The current Dataset, where it came from (a ``DataSource``), a version number that increases on every
    change, and the test split policy.

    Signals
    -------
    datasetChanged(Dataset)  after every change (``version`` already increased)
    """

    datasetChanged = Signal(object)

    def __init__(self, dataset=None, test_fraction: float = 0.2, seed: int = 0, parent=None, source=None):
        super().__init__(parent)
        if dataset is None:
            dataset = Dataset.empty()
        self._dataset = dataset
        self._source = source if source is not None else DataSource()
        self._version = 0
        #: True while datasetChanged is emitted for data that come with the model trained on them (a session file):
        #: the views follow; training is handed that model instead of being asked to take the data
        self.comes_trained = False
        self._test_fraction = self._check_fraction(test_fraction)
        self.rng = np.random.default_rng(seed)

    @staticmethod
    def _check_fraction(f: float) -> float:
        f = float(f)
        if not 0.0 <= f <= 1.0:
            raise ValueError(f"test_fraction must lie in [0, 1], got {f!r}")
        return f

    @property
    def dataset(self):
        return self._dataset

    @property
    def source(self) -> DataSource:
        """Where the current points came from (generated, a file, drawn; edited since or not)."""
        return self._source

    @property
    def version(self) -> int:
        return self._version

    @property
    def test_fraction(self) -> float:
        return self._test_fraction

    def set_test_fraction(self, fraction: float) -> None:
        """The share of newly clicked points that go to the test set (existing points keep their split)."""
        self._test_fraction = self._check_fraction(fraction)

    def draw_test_mask(self, k: int) -> np.ndarray:
        """k independent draws: True (test) with probability ``test_fraction``, from the document's RNG."""
        return self.rng.random(int(k)) < self._test_fraction

    def set_dataset(
        self,
        dataset,
        source: DataSource | None = None,
        test_fraction: float | None = None,
        *,
        comes_trained: bool = False,
    ) -> None:
        """Replace the dataset (commands call this; direct calls bypass undo) and emit datasetChanged.
        ``source`` says where it came from (None: not known); ``test_fraction`` the split of the points clicked
        from now on (None: unchanged); ``comes_trained``: with the model trained on them (``comes_trained``)."""
        if test_fraction is not None:
            self._test_fraction = self._check_fraction(test_fraction)
        self._dataset = dataset
        self._source = source if source is not None else DataSource()
        self._version += 1
        self.comes_trained = comes_trained
        try:
            self.datasetChanged.emit(dataset)
        finally:
            self.comes_trained = False


class _DatasetCommand(QUndoCommand):
    """Swaps the document between two immutable datasets and their sources (an edit's source is the one before,
    edited)."""

    def __init__(self, doc: DataDocument, before, after, text: str, parent=None, source: DataSource | None = None):
        super().__init__(text, parent)
        self.doc = doc
        self.before = before
        self.after = after
        self.before_source = doc.source
        self.after_source = source if source is not None else doc.source.after_edit()

    def redo(self) -> None:
        self.doc.set_dataset(self.after, self.after_source)

    def undo(self) -> None:
        self.doc.set_dataset(self.before, self.before_source)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class AddPointsCommand(_DatasetCommand):
    """Add k points given in plot coordinates (one click, or one painted stroke = one undo step).

    labels : class index (scalar or (k,)) for classification; ignored for 1-D regression, where
        P[:, 1] is the target. is_test : bool or (k,) bools; None draws each point's split from the
        document's RNG with its test fraction (drawn once, here, so redo gives the same split).
    """

    def __init__(self, doc: DataDocument, P, labels=None, is_test=None, text: str | None = None, parent=None):
        P = np.asarray(P, dtype=np.float64).reshape(-1, 2)
        k = P.shape[0]
        if is_test is None:
            is_test = doc.draw_test_mask(k)
        else:
            is_test = np.broadcast_to(np.asarray(is_test, dtype=bool), (k,)).copy()
        before = doc.dataset
        if labels is None and before.task == "classification":
            labels = 0
        after = before.with_points(P, labels, is_test)
        super().__init__(doc, before, after, text or f"Add {_plural(k, 'point')}", parent)
        self.points = P
        self.is_test = is_test


class RemovePointCommand(_DatasetCommand):
    """Remove the point at ``index``."""

    def __init__(self, doc: DataDocument, index: int, text: str | None = None, parent=None):
        before = doc.dataset
        super().__init__(doc, before, before.without([int(index)]), text or "Remove point", parent)
        self.index = int(index)


class RemovePointsCommand(_DatasetCommand):
    """Remove several points at once (an erase stroke), one undo step."""

    def __init__(self, doc: DataDocument, indices, text: str | None = None, parent=None):
        idx = np.unique(np.asarray(indices, dtype=np.int64).reshape(-1))
        before = doc.dataset
        super().__init__(doc, before, before.without(idx), text or f"Remove {_plural(idx.size, 'point')}", parent)
        self.indices = idx


class MovePointCommand(_DatasetCommand):
    """Move point ``index`` to plot position (x, y) (the view emits one request per drag: one undo step)."""

    def __init__(self, doc: DataDocument, index: int, position, text: str | None = None, parent=None):
        before = doc.dataset
        pos = (float(position[0]), float(position[1]))
        super().__init__(doc, before, before.moved(int(index), pos), text or "Move point", parent)
        self.index = int(index)


class ReplaceDatasetCommand(_DatasetCommand):
    """Swap in a whole new dataset: Generate, Clear, Load file...; ``source`` says where it came from (None: not
    known). With ``test_fraction``, the split of the points clicked from then on changes with it (Generate's
    Split), and undo puts the one before back. With ``fields`` (``show(values)``, the values before, the values
    after), the data panel's generator fields change with it too: undoing Generate shows the fields the old
    points were made with again, not those of the points undone."""

    def __init__(
        self,
        doc: DataDocument,
        new_dataset,
        text: str = "Replace data",
        parent=None,
        source: DataSource | None = None,
        test_fraction: float | None = None,
        fields: tuple[Callable[[dict], None], dict, dict] | None = None,
    ):
        super().__init__(doc, doc.dataset, new_dataset, text, parent, source if source is not None else DataSource())
        self.fractions = (doc.test_fraction, test_fraction) if test_fraction is not None else None
        self.fields = fields

    def redo(self) -> None:
        if self.fields is not None:
            show, _, after = self.fields
            show(after)
        fraction = None if self.fractions is None else self.fractions[1]
        self.doc.set_dataset(self.after, self.after_source, fraction)

    def undo(self) -> None:
        if self.fields is not None:
            show, before, _ = self.fields
            show(before)
        fraction = None if self.fractions is None else self.fractions[0]
        self.doc.set_dataset(self.before, self.before_source, fraction)
