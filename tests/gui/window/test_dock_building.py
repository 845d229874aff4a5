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


def test_the_hidden_loss_landscape_makes_its_charts_when_first_shown_then_draws_as_before(make_window, qtbot):
    from gui.experiments.landscape_view import PLOT_MIN_HEIGHT

    w = make_window()
    view, dock = w.experiments.landscape, w.experiments.landscape_dock
    assert not dock.isVisible() and not view.charts_made  # hidden at start: no charts made
    with qtbot.waitSignal(w.compare.landscapeReady, timeout=15000):
        dock.toggleViewAction().trigger()  # Experiments > Loss landscape: asks for a landscape of the main model
    assert view.charts_made and view.glw.isVisible() and view.glw.height() >= PLOT_MIN_HEIGHT
    qtbot.waitUntil(lambda: view.landscape is not None, timeout=5000)
    assert view.image.image is not None and view.image.image.shape == (view.grid_size, view.grid_size)
    assert len(view.path.getData()[0]) >= 1  # the path, ending at the centre


def test_a_landscape_dock_left_open_is_open_again_with_its_charts_at_the_next_start(make_window, qtbot):
    first = make_window()
    first.experiments.landscape_dock.show()
    first.close()  # keeps the layout (QMainWindow.saveState) in the test's settings file
    again = make_window()
    dock, view = again.experiments.landscape_dock, again.experiments.landscape
    qtbot.waitUntil(dock.isVisible, timeout=5000)
    assert view.charts_made and view.glw.isVisible() and view.glw.height() > 0


def test_the_hidden_inside_views_make_their_charts_when_first_shown_then_draw(make_window, qtbot):
    w = make_window()
    inside = w.inside_views
    health, space, confusion = inside.health, inside.hidden_space, w.confusion.view
    assert not health.charts_made and not space.charts_made  # their docks are hidden at start
    assert not confusion.charts_made
    inside.docks["health"].show()
    inside.docks["health"].raise_()
    assert health.charts_made and health.norm_plot.isVisible() and health.histograms.isVisible()
    layers = len(w.controller.latest_snapshot.layer_sizes) - 1
    qtbot.waitUntil(lambda: len(health._hist_plots) == layers, timeout=5000)  # a histogram per layer
    assert not space.charts_made  # a tab behind: not shown yet
    inside.docks["hidden_space"].show()
    inside.docks["hidden_space"].raise_()
    assert space.charts_made and space.plot.isVisible() and space.plot.height() >= 140
    qtbot.waitUntil(lambda: space.space is not None, timeout=5000)  # drawn from the newest snapshot
    w.confusion.dock.show()
    w.confusion.dock.raise_()
    assert confusion.charts_made and confusion.pages.indexOf(confusion.residual_plot) == 1  # the residuals' page
    qtbot.waitUntil(lambda: confusion.scores is not None, timeout=5000)
    assert confusion.pages.currentWidget() is confusion.matrix_page and "Accuracy" in confusion.summary.text()
