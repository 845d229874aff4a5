"""The document's data to everything that shows it or trains on it, and the first dataset when it arrives.

Every change of the data document (an edit, new data, undo, a file, the first dataset made off-thread) reaches
the plot, the data and model panels, the class buttons and the training thread through here, in that order: the
views flush what belongs to the old data first, and the worker learns of the new data last. The first dataset is
made in a child process when scikit-learn is not imported yet (see ``InitialData``); it is taken only if nothing
was drawn or generated meanwhile.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QStatusBar

from gui.window.initial_data import InitialData
from gui.window.stand_in_data import expected_features


class DataFlow(QObject):
    """Shows ``document``'s data on ``plot`` (BoundaryView), ``data_panel``, ``model_panel`` and ``controls``' class
    buttons, and hands it to ``controller``; ``notices`` hear of a new run. ``initial_data`` brings the first dataset
    (from ``first_source``); ``status_bar`` says it is being made, or why it could not be."""

    def __init__(
        self,
        *,
        document,
        initial_data: InitialData,
        first_source,
        plot,
        data_panel,
        model_panel,
        controls,
        controller,
        notices,
        status_bar: QStatusBar,
        parent=None,
    ):
        super().__init__(parent)
        self.document = document
        self.initial_data = initial_data
        self.first_source = first_source
        self.plot = plot
        self.data_panel = data_panel
        self.model_panel = model_panel
        self.controls = controls
        self.controller = controller
        self.notices = notices
        self.status_bar = status_bar
        self._stopped = False
        self._generating = ""  # the status message shown until the first data arrives
        initial_data.ready.connect(self._on_initial_data)
        initial_data.warm.connect(self._on_warm)
        document.datasetChanged.connect(self._on_document_changed)

    @property
    def first_data_ready(self) -> bool:
        """False only while the first dataset is still being generated in the background."""
        return not self.initial_data.pending

    def show_first(self) -> None:
        """Shows the document's data as the window opens (the views and panels are built by now)."""
        if self.initial_data.pending:
            # a real data set is read from scikit-learn's files; the others are made from the panel's fields
            verb = "Loading" if self.first_source.is_real else "Generating"
            self._generating = f"{verb} {self.data_panel.generator.currentText().lower()}\u2026"
        self._apply(self.document.dataset, self.document.version)
        if self.initial_data.pending:
            self.status_bar.showMessage(self._generating)

    def stop(self) -> None:
        """The window is closing: a first dataset arriving later is dropped (its process ended)."""
        self._stopped = True
        self.initial_data.stop()

    @Slot(object, str)
    def _on_initial_data(self, ds, error: str) -> None:
        if self._stopped:
            return
        if self.status_bar.currentMessage() == self._generating:  # not a message said meanwhile (a file opened)
            self.status_bar.clearMessage()
        if ds is None:
            self.plot.set_waiting("")  # the empty plane is all there is
            self.status_bar.showMessage(f"Could not generate the dataset: {error}", 10000)
            self.data_panel.show_data(self.document.dataset, self.document.source)  # no points after all
        elif self.document.version == 0:  # nothing was drawn or generated meanwhile
            self.document.set_dataset(ds, self.first_source)

    @Slot()
    def _on_warm(self) -> None:
        # The app is built and scikit-learn imported: move every object alive now into the
        # collector's permanent generation. A full collection then scans only what training
        # allocates, instead of pausing both threads for ~80 ms over Qt's and NumPy's objects.
        gc.freeze()

    @Slot(object)
    def _on_document_changed(self, _ds) -> None:
        ds, version = self.document.dataset, self.document.version
        self.notices.new_run()  # why the last run paused says nothing of a run on other data
        self._apply(ds, version)
        if not self.document.comes_trained:  # else the model trained on them follows (a session file's): the model
            # shown now is not asked to train on them first, its snapshot drawn under the one that follows
            self.controller.set_dataset(ds, version)

    def _apply(self, ds, version: int) -> None:
        self.plot.flush()  # a snapshot still waiting to be drawn belongs to the old data and mode
        self.plot.set_regression(ds.task == "regression")
        self.plot.set_dataset(ds, version)
        # what is on the plot, whatever the fields say (nothing yet while the first points are made off-thread)
        first_pending = self.initial_data.pending and self.document.version == 0
        features = expected_features(self.first_source)
        if first_pending and features > 2:
            self.data_panel.expect_plane(features)  # as it will be once they are here: nothing below it moves then
        else:
            self.data_panel.show_dataset(ds)  # the plane row of data with more than two features
        self.model_panel.set_task(ds.task)
        self.controls.update_classes(ds)
        self.data_panel.show_data(None if first_pending else ds, self.document.source, coming=self.first_source)
        if first_pending:
            self.plot.set_waiting(self._generating, features)
        else:
            self.plot.set_waiting("")
