"""Presenter mode (View ▸ Presenter mode) and full screen (F11): readable on a 1280×720 projector with nothing cut,
and the window exactly as it was after."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QDockWidget, QLabel, QToolButton

from gui.widgets import theme

PROJECTOR = (1280, 720)
MIN_POINT_SIZE = 14.0  # the window's text, in presenter mode
MIN_TOOLBAR_POINT_SIZE = 12.0  # the presenter's controls (Play, the pace, the tools)
MIN_EPOCH_PX = 28  # the epoch counter's font
MIN_BOUNDARY_PX = 4.0  # the decision boundary's width
MIN_CURVE_PX = 2.5  # the loss and accuracy curves' width
MIN_MARKER_PX = 12.0  # a data point's diameter
MIN_PLOT_SHARE = 1 / 3  # of the window's area, for the boundary plot


def settle(qtbot) -> None:
    qtbot.wait(50)  # posted layout requests and repaints run
    QApplication.processEvents()


@pytest.fixture
def projector(qtbot, make_window):
    w = make_window(size=PROJECTOR)
    qtbot.waitUntil(lambda: bool(w.inside_views.diagram.canvas.weights), timeout=5000)  # the diagram is drawn
    settle(qtbot)
    yield w
    w.presenter.leave()  # the application's font is shared with the next test's window


def enter(qtbot, w) -> None:
    assert w.presenter.presenter_action in w.menus.view.actions()
    w.presenter.presenter_action.trigger()  # as from the View menu
    settle(qtbot)


def cut_texts(w) -> list[str]:
    """Every shown label, button and list box whose text needs more width than it has."""
    cut = []
    for widget in w.findChildren(QLabel) + w.findChildren(QAbstractButton) + w.findChildren(QComboBox):
        if not widget.isVisible() or (isinstance(widget, QLabel) and widget.wordWrap()):
            continue
        if widget.sizeHint().width() > widget.width():
            text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
            name = f"{type(widget).__name__} {widget.objectName()!r} {text!r}"
            cut.append(f"{name}: {widget.sizeHint().width()} > {widget.width()}")
    return cut


def axis_titles_cut(w) -> list[str]:
    """The charts' vertical axis titles longer than their axis (drawn turned, they are cut at both ends)."""
    cut = []
    for chart in (w.curves_view.loss_plot, w.curves_view.score_plot):
        axis = chart.getAxis("left")
        length, room = axis.label.boundingRect().width(), chart.vb.boundingRect().height()
        if length > room:
            cut.append(f"{axis.labelText!r}: {length:.0f} px on a {room:.0f} px axis")
    return cut


def line_widths(w) -> dict[str, float]:
    run = w.curves_view.run()
    points = next(item for key, item in w.boundary_view.data_points.groups.items() if not key[2] and item.isVisible())
    return {
        "boundary": w.boundary_view.model_layers.contour.pen().widthF(),
        "train loss": run.train_loss.opts["pen"].widthF(),
        "test loss": run.test_loss.opts["pen"].widthF(),
        "marker": float(points.opts["size"]),
        "diagram": w.inside_views.diagram.line_info(1, 0, 0)["width"],
    }


def test_presenter_mode_at_1280x720_reads_from_afar_and_cuts_nothing(qtbot, projector):
    w = projector
    desk_font = QApplication.font().pointSizeF()
    desk_diagram_line = line_widths(w)["diagram"]
    enter(qtbot, w)

    assert w.size().toTuple() == PROJECTOR
    assert QApplication.font().pointSizeF() >= max(MIN_POINT_SIZE, 1.4 * desk_font)
    assert w.curves_view.log_check.font().pointSizeF() >= MIN_POINT_SIZE
    assert w.controls.play_button.font().pointSizeF() >= MIN_TOOLBAR_POINT_SIZE
    assert w.training_panel.pace.font().pointSizeF() >= MIN_TOOLBAR_POINT_SIZE
    assert w.controls.epoch_label.font().pixelSize() >= MIN_EPOCH_PX
    assert cut_texts(w) == []
    overflow = w.controls.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert overflow is None or not overflow.isVisible(), "the toolbar hides some of its buttons behind »"
    assert w.controls.play_button.isVisible() and w.training_panel.pace.isVisible()

    plot = w.boundary_view
    assert plot.width() * plot.height() >= MIN_PLOT_SHARE * PROJECTOR[0] * PROJECTOR[1]
    assert w.curves_view.isVisible() and w.curves_view.height() >= 150
    assert axis_titles_cut(w) == []
    shown = {d.objectName() for d in w.findChildren(QDockWidget) if d.isVisible()}
    assert shown == {"diagramDock"}  # the settings and the inspectors are put away

    widths = line_widths(w)
    assert widths["boundary"] >= MIN_BOUNDARY_PX
    assert widths["train loss"] >= MIN_CURVE_PX and widths["test loss"] >= MIN_CURVE_PX
    assert widths["marker"] >= MIN_MARKER_PX
    assert widths["diagram"] >= 1.5 * desk_diagram_line

    ink = theme.current()
    assert ink.qss["text_soft"] == ink.qss["text"] == "#000000" and ink.plot_background == "#ffffff"


def test_leaving_presenter_mode_puts_the_window_back_exactly(qtbot, projector):
    w = projector
    app = QApplication.instance()
    before = {
        "docks": w.saveState(),
        "geometry": w.saveGeometry(),
        "splitter": w.splitter.sizes(),
        "font": app.font().toString(),
        "icons": w.controls.toolbar.iconSize(),
        "theme": theme.current(),
        "widths": line_widths(w),
        "plot": w.boundary_view.size(),
    }
    enter(qtbot, w)
    w.experiments.runs_dock.toggleViewAction().trigger()  # a dock shown meanwhile goes away again
    assert w.experiments.runs_dock.isVisible()
    w.presenter.presenter_action.trigger()
    settle(qtbot)
    after = {
        "docks": w.saveState(),
        "geometry": w.saveGeometry(),
        "splitter": w.splitter.sizes(),
        "font": app.font().toString(),
        "icons": w.controls.toolbar.iconSize(),
        "theme": theme.current(),
        "widths": line_widths(w),
        "plot": w.boundary_view.size(),
    }
    assert after == before
    assert not w.experiments.runs_dock.isVisible() and w.panel_dock.isVisible()
    assert w.statusBar().isVisible() and w.curves_view.log_check.isVisible()  # the desk's widgets are back
    assert not w.presenter.presenter_action.isChecked()


def test_the_view_state_drives_presenter_mode_and_the_menu_item_follows(qtbot, projector):
    w = projector
    looks = []
    w.view_state.lookChanged.connect(looks.append)
    w.view_state.set_presenter(True)
    settle(qtbot)
    assert w.presenter.presenter_action.isChecked() and w.presenter.active
    assert looks[-1].line_scale > 1 and line_widths(w)["boundary"] >= MIN_BOUNDARY_PX
    w.view_state.set_presenter(False)
    assert not w.presenter.presenter_action.isChecked() and not w.presenter.active
    assert looks[-1].line_scale == 1


def test_f11_toggles_full_screen_with_one_action(qtbot, projector):
    w = projector
    action = w.presenter.full_screen_action
    assert QKeySequence(Qt.Key.Key_F11) in action.shortcuts()
    assert action in w.menus.view.actions()
    triggered = []
    action.triggered.connect(lambda *_: triggered.append(1))
    w.boundary_view.setFocus()
    QTest.keyClick(w.boundary_view, Qt.Key.Key_F11)
    qtbot.waitUntil(w.isFullScreen, timeout=2000)
    assert len(triggered) == 1 and action.isChecked()
    QTest.keyClick(w.boundary_view, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not w.isFullScreen(), timeout=2000)
    assert len(triggered) == 2 and not action.isChecked()


def test_presenter_mode_is_not_kept_for_the_next_start(qtbot, make_window, ini):
    w = make_window(size=PROJECTOR)
    settle(qtbot)
    desk_font = QApplication.font().toString()
    desk_state = w.saveState()
    enter(qtbot, w)
    w.close()  # closed in presenter mode: the layout saved is the normal one
    assert QApplication.font().toString() == desk_font
    assert QSettings(ini, QSettings.IniFormat).value("window/state") == desk_state

    again = make_window(size=PROJECTOR)
    assert not again.view_state.presenter() and not again.presenter.presenter_action.isChecked()
    assert again.panel_dock.isVisible()


def test_an_open_lesson_stays_and_fits_in_presenter_mode(qtbot, projector):
    w = projector
    lessons = w.lesson_actions
    lessons.open_lesson(lessons.lessons[0].id)
    qtbot.waitUntil(lessons.lesson_dock.isVisible, timeout=5000)
    settle(qtbot)
    before = w.saveState()
    enter(qtbot, w)
    shown = {d.objectName() for d in w.findChildren(QDockWidget) if d.isVisible()}
    assert "lessonDock" in shown and "settingsDock" not in shown
    assert lessons.lesson_panel.browser.font().pointSizeF() >= MIN_POINT_SIZE  # its own font grows too
    assert cut_texts(w) == []
    w.presenter.leave()
    settle(qtbot)
    assert w.saveState() == before
