"""DockLayout: the main window's dock areas, as the one door features get to place and arrange their docks.

A feature builds its docks and hands them over here; a lesson that shows several views side by side, or the
compare view that wants room beside the plot, arranges them through the few methods below rather than through
the whole ``QMainWindow``.

Every dock holds its view in a frameless scroll area (``fit_in_dock``): a view's minimum size (a table's columns,
a row of buttons) then never pushes the window past a small screen nor takes the plot's room; a dock narrowed
below what its view needs scrolls instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QToolBar, QWidget

from gui.widgets.dock_heights import SEPARATOR_PX, dock_need, share_out
from gui.window.plot_room import PlotRoom
from gui.window.whole_tab_titles import WholeTabTitles

FEATURES = (
    QDockWidget.DockWidgetFeature.DockWidgetMovable
    | QDockWidget.DockWidgetFeature.DockWidgetClosable
    | QDockWidget.DockWidgetFeature.DockWidgetFloatable
)

#: px: a dock may be made this narrow and this short (less when its view needs less); below what its view
#: needs, the view scrolls
DOCK_MIN_WIDTH, DOCK_MIN_HEIGHT = 240, 150


def fit_in_dock(widget: QWidget, name: str, dock: QWidget | None = None) -> QScrollArea:
    """``widget`` in a frameless scroll area that fills the dock, and may be smaller than ``widget``'s minimum.

    Made inside ``dock`` when given: a scroll area made apart and then moved into its dock restyles the whole view
    a second time under the app's style sheet (about a quarter of the time the window's docks took to build)."""
    scroll = QScrollArea(dock)
    scroll.setObjectName(f"{name}Scroll")
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setWidget(widget)
    need = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    scroll.setMinimumSize(min(need.width(), DOCK_MIN_WIDTH), min(need.height(), DOCK_MIN_HEIGHT))
    return scroll


class DockLayout:
    """``window``'s dock areas. After each arrangement, the window's ``PlotRoom`` (if it has one) gives the plot
    back its share of the window: a feature asks for the room it would like, the plot keeps what it needs."""

    def __init__(self, window: QMainWindow):
        self._window = window
        self._room = window.findChild(PlotRoom)
        self._whole_tabs = WholeTabTitles(window)

    def _arranged(self) -> None:
        if self._room is not None:
            self._room.schedule()

    @property
    def owner(self) -> QWidget:
        """The widget docks, dialogs and actions belong to (dialogs are centred on it)."""
        return self._window

    def new_dock(
        self, name: str, title: str, widget: QWidget, area, visible: bool | None = False, full_title: str = ""
    ) -> QDockWidget:
        """A movable, closable, floatable dock holding ``widget``, added to ``area``; hidden unless ``visible``
        (None: left as added, for a dock that is tabified first and shown or hidden after).

        ``title`` is what its title bar and its tab say: a word or two, as docks share the narrow column beside the
        plot in tabs, which cut a longer name ("Network dia…") on a 1024×700 screen. ``full_title`` (when longer)
        names it in the View menu, where there is room."""
        dock = QDockWidget(title, self._window)
        dock.setObjectName(name)
        dock.setWidget(fit_in_dock(widget, name, dock))
        dock.setFeatures(FEATURES)
        name_in_menu(dock, full_title or title)
        self._window.addDockWidget(area, dock)
        if visible is not None:
            dock.setVisible(visible)
        raise_when_asked_for(dock)
        return dock

    def add(self, dock: QDockWidget, area, orientation=None) -> None:
        raise_when_asked_for(dock)
        if orientation is None:
            self._window.addDockWidget(area, dock)
        else:
            self._window.addDockWidget(area, dock, orientation)
        self._arranged()

    def add_toolbar(self, toolbar: QToolBar, area=Qt.ToolBarArea.BottomToolBarArea) -> None:
        self._window.addToolBar(area, toolbar)

    def tabify(self, first: QDockWidget, second: QDockWidget) -> None:
        """``second`` becomes a tab beside ``first``."""
        self._window.tabifyDockWidget(first, second)
        self._arranged()

    def tabified(self, dock: QDockWidget) -> list:
        return self._window.tabifiedDockWidgets(dock)

    def split(self, first: QDockWidget, second: QDockWidget, orientation) -> None:
        self._window.splitDockWidget(first, second, orientation)
        self._arranged()

    def area_of(self, dock: QDockWidget):
        return self._window.dockWidgetArea(dock)

    def take_out_of_tabs(self, dock: QDockWidget, orientation=Qt.Orientation.Vertical) -> None:
        """Puts ``dock`` back in its area on its own (out of a tab group), still shown."""
        area = self._window.dockWidgetArea(dock)
        self._window.removeDockWidget(dock)
        self._window.addDockWidget(
            area if area != Qt.DockWidgetArea.NoDockWidgetArea else Qt.DockWidgetArea.RightDockWidgetArea,
            dock,
            orientation,
        )
        dock.show()
        self._arranged()

    def stack_under_if_room(self, upper: QDockWidget, lower: QDockWidget) -> bool:
        """``lower`` out of its tabs and under ``upper`` in the column beside the plot, when the column holds both
        views without scrolling, the height shared by what each needs; else left where it is (a tab in front).
        True when stacked."""
        self.settle()
        room = self.side_height() - SEPARATOR_PX
        needs = [dock_need(upper), dock_need(lower)]
        if sum(needs) > room:
            return False
        if lower in self.tabified(upper) or self.tabified(lower):
            self.take_out_of_tabs(lower, Qt.Orientation.Vertical)
        self.settle()
        self.resize([upper, lower], share_out(room, needs), Qt.Orientation.Vertical)
        return True

    def docks_shown_in(self, area) -> list:
        """The docks visible in ``area`` (not floating)."""
        return [
            d
            for d in self._window.findChildren(QDockWidget)
            if d.isVisible() and not d.isFloating() and self._window.dockWidgetArea(d) == area
        ]

    def resize(self, docks, sizes, orientation) -> None:
        self._window.resizeDocks(docks, sizes, orientation)
        self._arranged()

    def height(self) -> int:
        return self._window.height()

    def side_height(self) -> int:
        """The height of the columns of docks beside the plot (the central widget's: the bands above and below
        the plot span the window's width)."""
        central = self._window.centralWidget()
        return central.height() if central is not None else self._window.height()

    def settle(self) -> None:
        """Lays the docks out now, the plot's room made (a band too thin below the plot moved beside it), so that
        the sizes read next are the ones shown."""
        layout = self._window.layout()
        if layout is not None:
            layout.activate()
        if self._room is not None:
            self._room.make_room()
            if layout is not None:
                layout.activate()  # the widths it gave


def name_in_menu(dock: QDockWidget, full_title: str) -> None:
    """The dock's View menu item (its ``toggleViewAction``) says ``full_title``, whatever its short title; Qt
    renames the item after the title, so this is to be called again after a new title."""
    action = dock.toggleViewAction()
    action.setText(full_title)
    action.setStatusTip(f"Shows or hides the {full_title} panel.")


def raise_when_asked_for(dock: QDockWidget) -> None:
    """Its View menu item (``toggleViewAction``) also raises it: shown into a group of tabs, a dock otherwise stays
    behind the current tab, and nothing visible happens."""
    action = dock.toggleViewAction()
    if not action.property("raisesDock"):
        action.setProperty("raisesDock", True)
        action.triggered.connect(lambda checked, d=dock: d.raise_() if checked else None)
