"""The "Confusion matrix" dock and what connects it to training, the data and the plot.

``ConfusionDock`` builds the ``ConfusionView`` in a dock (hidden at first; ``view_action`` shows it, for a View
menu) and a ``SampleHighlight`` on the main plot, and connects them:

- every live snapshot goes to the view (it redraws on the window's draw ticks, only while visible); the window
  also hands it the snapshots it shows in place of the present (``show_snapshot``: the timeline's past moment);
- the data document's changes go to the view and the highlight (indices into old data are dropped);
- the view's ``samplesSelected(indices)`` drives the highlight; closing the dock clears the selection (nothing
  on the plot points at a view that is gone).

Another view that wants to highlight samples on the plot, or to follow what was picked here, connects to
``samplesSelected`` or calls ``highlight.show_samples(indices)``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot

from gui.inside.confusion_view import ConfusionView
from gui.plot.sample_highlight import SampleHighlight
from gui.widgets.scroll_into_view import KeepInView

MENU_TEXT = "Confusion matrix and class scores"


class ConfusionDock(QObject):
    """``controller``: the TrainingController (live snapshots); ``document``: the DataDocument; ``plot``: the main
    BoundaryView (the highlight); ``draw_queue``: the window's; ``docks``: the DockLayout."""

    def __init__(self, *, controller, document, plot, draw_queue, docks):
        super().__init__(docks.owner)
        self.document = document
        self.view = ConfusionView()
        self.view.set_draw_queue(draw_queue)
        self.highlight = SampleHighlight(plot, parent=self)
        self.dock = docks.new_dock(
            "confusionDock", "Confusion", self.view, Qt.DockWidgetArea.RightDockWidgetArea, full_title=MENU_TEXT
        )
        # a dock made short by others in its column (a small screen: the test images, the run table) shows the
        # matrix, its switches a scroll away above, rather than the switches and a row of cells
        self._matrix_in_view = KeepInView(self.dock.widget(), self.view.grid)
        self.view_action = self.dock.toggleViewAction()
        self.view_action.setStatusTip(
            "Shows or hides the confusion matrix with each class's precision, recall and F1 "
            "(the residuals in a regression); click a cell to highlight its points."
        )
        #: the samples picked in the view (indices into the dataset; empty: none), for other views to follow
        self.samplesSelected = self.view.samplesSelected

        controller.snapshotReady.connect(self.show_snapshot)
        document.datasetChanged.connect(self._on_dataset)
        self.view.samplesSelected.connect(self.highlight.show_samples)
        self.view_action.toggled.connect(self._on_toggled)
        self.view.set_dataset(document.dataset, document.version)
        self._retitle()
        if controller.latest_snapshot is not None:
            self.show_snapshot(controller.latest_snapshot)

    @Slot(object)
    def show_snapshot(self, snap) -> None:
        """Show ``snap``'s predictions (a live snapshot or the timeline's past moment)."""
        self.view.show_snapshot(snap)

    @Slot(object)
    def _on_dataset(self, _ds) -> None:
        self.highlight.follow_data()
        self.view.set_dataset(self.document.dataset, self.document.version)
        self._retitle()

    def _retitle(self) -> None:
        """ "Residuals" over a regression's dock; the menu item keeps its name (a new title renames it)."""
        regression = self.document.dataset is not None and self.document.dataset.task == "regression"
        self.dock.setWindowTitle("Residuals" if regression else "Confusion")  # short: it may be a tab beside others
        self.view_action.setText(MENU_TEXT)

    @Slot(bool)
    def _on_toggled(self, shown: bool) -> None:
        if not shown:
            self.view.clear_selection()
