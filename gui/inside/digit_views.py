"""The digits views and what connects them to training, the data, the diagram and the confusion matrix.

``DigitViews`` adds three docks (hidden at first; ``view_actions`` toggles them, for the View menu):

- "Unit images" (``DigitUnitsView``): what each unit looks for, the first layer's weights as 8×8 images;
- "Test images" (``DigitTestGrid``): test digits with the predicted class, mistakes in red; ``show_samples``
  takes the confusion matrix's ``samplesSelected`` (the window connects it);
- "Draw a digit" (``DigitDrawView``): the pad and the class bars; the drawing goes to the network diagram, which
  draws the input layer as that digit and fills each unit with its output for it.

Every live snapshot goes to the three views; the window also hands them the snapshot it shows in place of the
present (``show_snapshot``: the timeline's past moment), so they show that epoch's model. On other data than the
digits the views say what they need instead of drawing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot

from gui.inside.digit_draw_pad import DigitDrawView
from gui.inside.digit_test_grid import DigitTestGrid
from gui.inside.digit_units_view import DigitUnitsView
from model.inside.digit_images import is_digit_data

TITLES = {  # the View menu's names
    "units": "Unit images",
    "test_images": "Test images",
    "draw": "Draw a digit",
}
#: the docks' titles, on their tabs beside the network diagram's in the narrow column beside the plot
TAB_TITLES = {"units": "Units", "test_images": "Test set", "draw": "Draw"}


class DigitViews(QObject):
    """``controller``: the TrainingController; ``document``: the DataDocument; ``draw_queue``: the window's;
    ``docks``: the DockLayout; ``diagram``: the NetworkDiagram (the drawn digit's path); ``tab_with``: the dock the
    units and the pad share tabs with (on a small screen, docks side by side would not fit; a lesson showing
    them together takes them out of the tabs)."""

    def __init__(self, *, controller, document, draw_queue, docks, diagram, tab_with=None):
        super().__init__(docks.owner)
        self.document = document
        self.diagram = diagram
        self.units = DigitUnitsView()
        self.test_images = DigitTestGrid()
        self.draw = DigitDrawView()
        self.docks = {}
        # the units and the pad beside the plot; the test images in a wide strip below it (rows of digits)
        areas = {
            "units": Qt.DockWidgetArea.RightDockWidgetArea,
            "test_images": Qt.DockWidgetArea.BottomDockWidgetArea,
            "draw": Qt.DockWidgetArea.RightDockWidgetArea,
        }
        for key, view in (("units", self.units), ("test_images", self.test_images), ("draw", self.draw)):
            view.set_draw_queue(draw_queue)
            name = "digit" + "".join(part.title() for part in key.split("_")) + "Dock"
            self.docks[key] = docks.new_dock(name, TAB_TITLES[key], view, areas[key], full_title=TITLES[key])
            if tab_with is not None and areas[key] == Qt.DockWidgetArea.RightDockWidgetArea:
                docks.tabify(tab_with, self.docks[key])
        tips = {
            "units": "Shows or hides what each unit looks for: every first-layer unit's 64 weights as an 8×8 image "
            "(digits data).",
            "test_images": "Shows or hides test digits with the predicted class; mistakes framed red (digits data).",
            "draw": "Shows or hides a pad to draw a digit on and see the network's probabilities for it.",
        }
        for key, dock in self.docks.items():
            dock.toggleViewAction().setStatusTip(tips[key])

        controller.snapshotReady.connect(self.show_snapshot)
        document.datasetChanged.connect(self._on_dataset)
        self.draw.digitChanged.connect(self._on_digit_drawn)
        self._on_dataset(document.dataset)
        if controller.latest_snapshot is not None:
            self.show_snapshot(controller.latest_snapshot)

    def view_actions(self) -> list:
        return [self.docks[key].toggleViewAction() for key in ("units", "test_images", "draw")]

    @Slot(object)
    def show_snapshot(self, snap) -> None:
        """``snap`` in every digits view (a live snapshot or the timeline's past moment)."""
        for view in (self.units, self.test_images, self.draw):
            view.show_snapshot(snap)

    @Slot(object)
    def show_samples(self, indices) -> None:
        """The test-image grid shows exactly these samples (the confusion matrix's selection)."""
        self.test_images.show_samples(indices)

    @Slot(object)
    def _on_dataset(self, _ds) -> None:
        ds = self.document.dataset
        self.test_images.set_dataset(ds, self.document.version)
        if ds is not None and ds.class_names:
            self.draw.set_class_names(ds.class_names)
        self._hand_digit_to_diagram()

    @Slot(object)
    def _on_digit_drawn(self, _digit) -> None:
        self._hand_digit_to_diagram()

    def _hand_digit_to_diagram(self) -> None:
        """The diagram follows the drawing on the digits only: on other data (Wine after the digits lesson) its
        lines stayed "the drawn digit's signal" and its caption spoke of a drawn digit. Back on the digits, the
        drawing still on the pad is followed again."""
        features = self.draw.features if is_digit_data(self.document.dataset) else None
        self.diagram.set_input_digit(None if features is None else features.copy())
