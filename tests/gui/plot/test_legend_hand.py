"""The person gets the plot's legend out of the way where every corner holds points (the spiral): a drag moves it
anywhere on the plot (never past its edges, no point painted), and it stays there while training, the view and the
window change, until other data are shown; a right click on it hides it (no point removed), View > Plot legend
brings it back, and the choice is remembered, by the app and in a session file."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest

from gui.plot.legend_place import CORNERS, OPAQUE, OVER_MANY, SEE_THROUGH
from tests.gui.plot.plot_helpers import LEFT, NOMOD, RIGHT, move


def _legend_box(view):
    """The legend's box in the plot widget's pixels."""
    legend = view.data_points.legend
    return view.mapFromScene(legend.sceneBoundingRect()).boundingRect()


def _drag_legend_by(qtbot, view, dx: int, dy: int) -> None:
    """A left drag that takes the legend at its middle and lets go (dx, dy) pixels further."""
    vp = view.viewport()
    start = _legend_box(view).center()
    QTest.mousePress(vp, LEFT, NOMOD, start)
    for i in range(1, 9):
        qtbot.wait(12)  # pyqtgraph rate-limits moves
        move(vp, start + QPoint(dx * i // 8, dy * i // 8), LEFT)
    qtbot.wait(12)
    QTest.mouseRelease(vp, LEFT, NOMOD, start + QPoint(dx, dy))


def _show(w, qtbot, name: str) -> None:
    generator = w.data_panel.generator
    version = w.document.version
    generator.setCurrentIndex(generator.findData(name))
    generator.activated.emit(generator.currentIndex())
    qtbot.waitUntil(lambda: w.document.version != version, timeout=10000)
    qtbot.wait(300)  # fitted and placed once the view rests


def _view_menu_action(w):
    return next(a for a in w.menus.view.actions() if a.text() == "Plot legend")


def test_the_legend_dragged_out_of_the_way_stays_there_until_other_data_are_shown(make_window, qtbot):
    w = make_window(size=(1024, 700))
    view = w.boundary_view
    _show(w, qtbot, "spiral")
    legend = view.data_points.legend
    assert view.framing.legend_corner in CORNERS and legend.isVisible()
    points = w.document.version
    before = _legend_box(view)
    _drag_legend_by(qtbot, view, 140, 90)
    after = _legend_box(view)
    assert abs(after.left() - before.left() - 140) <= 2 and abs(after.top() - before.top() - 90) <= 2
    assert w.document.version == points  # the drag moved the legend: no point painted
    assert view.legend_hand.by_hand

    # it stays where the person put it: training, the view resting after a zoom, the window resized
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch >= 50, timeout=10000)
    w.controls.play_action.trigger()
    view.vb.scaleBy((0.9, 0.9))
    qtbot.wait(300)
    assert _legend_box(view) == after
    covers = legend.brush().color().alpha()
    assert covers in (OPAQUE, SEE_THROUGH, OVER_MANY)  # over a few points it lets them show through, as in a corner
    w.resize(1100, 720)
    qtbot.wait(300)
    plot = view.mapFromScene(view.vb.sceneBoundingRect()).boundingRect()
    assert plot.contains(_legend_box(view))

    # an edit of these points leaves it there; other data let it find its corner again
    box = _legend_box(view)
    w.edits.add_points([(0.1, 0.1)])
    qtbot.waitUntil(lambda: w.document.dataset.n_samples == 601, timeout=2000)
    qtbot.wait(300)
    assert _legend_box(view) == box and view.legend_hand.by_hand
    _show(w, qtbot, "circles")
    assert not view.legend_hand.by_hand and view.framing.legend_corner in CORNERS


def test_the_legend_is_never_dragged_past_the_plot_s_edges(qtbot, boundary_view):
    from tests.gui.plot.plot_helpers import sample_dataset

    view = boundary_view
    view.set_dataset(sample_dataset(), 1)
    qtbot.wait(200)
    _drag_legend_by(qtbot, view, -400, 900)
    plot = view.mapFromScene(view.vb.sceneBoundingRect()).boundingRect()
    box = _legend_box(view)
    assert plot.adjusted(-1, -1, 1, 1).contains(box), (plot, box)
    assert box.bottom() >= plot.bottom() - 2 and box.left() <= plot.left() + 2  # as far as it goes


def test_a_right_click_hides_the_legend_and_the_view_menu_brings_it_back_remembered(make_window, qtbot, ini):
    w = make_window(size=(1024, 700))
    view = w.boundary_view
    legend = view.data_points.legend
    shown = _view_menu_action(w)
    assert shown.isChecked() and legend.isVisible()
    n = w.document.dataset.n_samples
    QTest.mouseClick(view.viewport(), RIGHT, NOMOD, _legend_box(view).center())
    menu = view.legend_hand.menu
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    hide = next(a for a in menu.actions() if a.text() == "Hide the legend")
    assert not next(a for a in menu.actions() if a.text().startswith("Place it")).isEnabled()  # it placed itself
    menu.hide()
    hide.trigger()
    assert not legend.isVisible() and not shown.isChecked()
    assert w.document.dataset.n_samples == n  # the right click on the legend removed no point
    assert w.file_actions.sessions.view_settings()["legend_visible"] is False

    # remembered: the next start shows no legend, until View > Plot legend brings it back
    w.close()
    again = type(w)(settings=QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    try:
        assert not _view_menu_action(again).isChecked()
        assert not again.boundary_view.data_points.legend.isVisible()
        _view_menu_action(again).trigger()
        assert again.boundary_view.data_points.legend.isVisible()
        again.file_actions.sessions.apply_view_settings({"legend_visible": False})  # a session file's view settings
        assert not again.boundary_view.data_points.legend.isVisible() and not _view_menu_action(again).isChecked()
    finally:
        again.close()


def test_the_legend_tooltip_and_the_shortcuts_list_say_it_can_be_moved_and_hidden(qtbot, boundary_view):
    from gui.window.menus import SHORTCUTS

    assert any("legend" in keys and "right-click it to hide it" in what for keys, what in SHORTCUTS)  # F1
    tip = boundary_view.data_points.legend.toolTip()
    assert "Drag the legend" in tip and "right-click it to hide it" in tip
    assert boundary_view.data_points.legend.cursor().shape() == Qt.CursorShape.OpenHandCursor
