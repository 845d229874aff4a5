"""A dock's view is styled once as its dock is made: under the app's style sheet every move of a styled widget
into another parent restyles all of it again, and the window makes 14 docks as it opens."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from gui.main_window import apply_style
from gui.window.docks import DockLayout


class _StyleChanges(QObject):
    def __init__(self):
        super().__init__()
        self.count = Counter()

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.StyleChange:
            self.count[id(obj)] += 1
        return False


def test_a_docks_view_is_styled_about_once_per_widget_as_its_dock_is_made(qtbot):
    from gui.experiments.landscape_view import LandscapeView

    app = QApplication.instance()
    apply_style(app)
    window = QMainWindow()
    qtbot.addWidget(window)
    view = LandscapeView()
    widgets = len(view.findChildren(QWidget)) + 1
    changes = _StyleChanges()
    app.installEventFilter(changes)
    try:
        dock = DockLayout(window).new_dock(
            "landscapeDock", "Loss landscape", view, Qt.DockWidgetArea.RightDockWidgetArea
        )
    finally:
        app.removeEventFilter(changes)
    assert dock.widget().widget() is view  # in the dock's scroll area
    # built inside the dock, the scroll area takes the view once; built apart and then moved into the dock, it
    # restyled the whole view a second time (about 2.5 changes a widget)
    assert sum(changes.count.values()) < 2 * widgets
