"""Data edits: a click, a drag, Generate or another plane shown becomes one undoable command on the data document.

The plot asks (add, remove, move points), the data panel asks (generate, clear); each request is pushed on the
undo stack as one command, and the document tells every view and the training thread what changed. While a
lesson locks the data (``locked_reason`` set), every request is refused and the reason shown instead. An edit that
starts the network afresh (data of another shape) is asked about first and undone with the trained network brought
back (``gui.window.fresh_starts``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QUndoStack

from gui.panels.data_commands import (
    AddPointsCommand,
    DataDocument,
    MovePointCommand,
    RemovePointCommand,
    RemovePointsCommand,
    ReplaceDatasetCommand,
)
from gui.panels.data_panel import generated_source
from gui.window.fresh_starts import FreshStartCommand, FreshStarts
from model.data.data_source import DataSource
from model.data.dataset import Dataset
from model.data.plane_dataset import shown_plane_dataset
from model.training.fresh_start import new_shape, shape_words


class DataEdits(QObject):
    """``current_class()`` is the class new points get; ``notices`` says when a dataset cannot be generated;
    ``fields`` (the data panel, or None) the generator fields a Generate and its undo show."""

    def __init__(
        self, document: DataDocument, undo_stack: QUndoStack, current_class, notices, parent=None, fields=None
    ):
        super().__init__(parent)
        self.fields = fields  # the data panel, whose generator fields Generate's undo shows as they were
        self.document = document
        self.undo_stack = undo_stack
        self._current_class = current_class
        self.notices = notices
        self.locked_reason: str | None = None  # set while a lesson locks the data: edits are refused
        #: set by the window (``FreshStarts``): an edit that starts the network afresh asks first, undo brings it back
        self.fresh_starts: FreshStarts | None = None

    def _refused(self) -> bool:
        if self.locked_reason:
            self.notices.status(self.locked_reason, 4000)
        return bool(self.locked_reason)

    def _push(self, command) -> None:
        if not self._refused():
            self._push_edit(command)

    def _push_edit(self, command) -> None:
        """Pushes ``command``; one that starts the network afresh (data of another shape: a point of a new class)
        is asked about first, as Reset is, and goes on the stack as a ``FreshStartCommand``."""
        fresh = self.fresh_starts
        before, after = command.before, command.after
        if fresh is not None and new_shape(before, after):
            if not fresh.may_start_afresh("class" if isinstance(command, AddPointsCommand) else "data"):
                return  # the person kept the training: nothing changes
            command = FreshStartCommand(command, fresh, shape_words(before, after), shape_words(after, before))
        self.undo_stack.push(command)

    @Slot(object)
    def add_points(self, points) -> None:
        ds = self.document.dataset
        label = self._current_class() if ds.task == "classification" else None
        self._push(AddPointsCommand(self.document, points, label))

    @Slot(float, float)
    def remove_point(self, x: float, y: float) -> None:
        index = self.document.dataset.nearest(x, y)
        if index is not None:
            self._push(RemovePointCommand(self.document, index))

    @Slot(object)
    def remove_points(self, indices) -> None:
        if len(indices):
            self._push(RemovePointsCommand(self.document, indices))

    @Slot(int, float, float)
    def move_point(self, index: int, x: float, y: float) -> None:
        if 0 <= index < self.document.dataset.n_samples:
            self._push(MovePointCommand(self.document, index, (x, y)))

    @Slot(object)
    def generate(self, params: dict) -> None:
        if self._refused():
            return
        try:
            source = generated_source(params)
            ds = source.regenerate()
        except ValueError as exc:
            self.notices.status(f"Could not generate the dataset: {exc}", 8000)
            return
        fields = None if self.fields is None else (self.fields.show_fields, self.fields.fields_of_points(), params)
        text = f"Generate {params['name']}"
        self._push(
            ReplaceDatasetCommand(
                self.document, ds, text, source=source, test_fraction=params["test_fraction"], fields=fields
            )
        )
        self.notices.dismiss()

    @Slot(object)
    def show_plane(self, plane) -> None:
        """Show the data on another plane (``model.data.view_plane.ViewPlane``): one undoable step, saved with
        the data; the model is not touched (the session only evaluates its grid on the new plane)."""
        ds = self.document.dataset
        if ds.view_plane is None or ds.view_plane == plane:
            return
        try:
            shown = ds.with_view_plane(plane)
        except ValueError as exc:
            self.notices.status(f"Cannot show that plane: {exc}", 8000)
            return
        self.undo_stack.push(
            ReplaceDatasetCommand(self.document, shown, "Show another plane", source=self.document.source)
        )

    @Slot()
    def keep_shown_plane(self) -> None:
        """Train on the two coordinates the plot shows only (``model.data.plane_dataset``): one undoable step;
        the network gets two inputs and starts afresh. The points keep their source, edited (the panel goes on
        saying "Iris, edited: …, 2 features", not only "3 classes, 150 points")."""
        ds = self.document.dataset
        if ds.view_plane is None:
            return
        source = self.document.source.after_edit()
        self._push_edit(
            ReplaceDatasetCommand(self.document, shown_plane_dataset(ds), "Train on two shown only", source=source)
        )

    @Slot()
    def clear(self) -> None:
        ds = self.document.dataset
        if ds.n_features > 2:
            # a fresh canvas of x₁, x₂: points clicked on a plane of many features would get the mean of the others
            # (a made-up digit of 62 grey pixels), and one class per digit or wine would wait for them
            empty = Dataset.empty(ds.task)
        else:
            empty = Dataset.empty(ds.task, ds.n_classes, ds.n_features)
        self._push(ReplaceDatasetCommand(self.document, empty, "Clear points", source=DataSource.drawn()))
