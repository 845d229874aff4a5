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


def _score_box(view):
    """The score box in the plot widget's pixels (its border's line, not the pixel of room around it), or None while
    it is not shown."""
    score = view._score
    box = score.mapRectToScene(score.boundingRect().adjusted(1, 1, -1, -1))
    return view.mapFromScene(box).boundingRect() if score.isVisible() else None


def test_a_legend_dragged_over_the_score_stays_there_and_the_score_moves_clear_of_it(qtbot, boundary_view):
    from types import SimpleNamespace

    from tests.gui.plot.plot_helpers import sample_dataset

    view = boundary_view
    view.set_dataset(sample_dataset(), 1)
    view.show_score(SimpleNamespace(task="classification", test_score=0.912, train_score=0.95, epoch=120))
    qtbot.wait(200)
    score = _score_box(view)
    assert score is not None and not score.intersects(_legend_box(view))
    # the person drags the legend's top right onto the score's, at the plot's top right corner
    legend = _legend_box(view)
    _drag_legend_by(qtbot, view, score.right() - legend.right(), score.top() - legend.top())
    qtbot.wait(300)  # the view rests: boxes are placed again
    dropped = _legend_box(view)
    assert abs(dropped.right() - score.right()) <= 3 and abs(dropped.top() - score.top()) <= 3  # the drag stands
    moved = _score_box(view)
    assert moved is not None, "the score hid: a plot this large has room for it beside the legend"
    assert not moved.intersects(dropped), f"the score {moved} and the legend {dropped} overlap"
    assert view.score_text().startswith("test accuracy 91.2 %")
    plot = view.mapFromScene(view.vb.sceneBoundingRect()).boundingRect()
    assert plot.adjusted(-1, -1, 1, 1).contains(moved)

    # a new score (training goes on) and a resize keep them apart; the legend stays where it was dropped
    view.show_score(SimpleNamespace(task="classification", test_score=0.95, train_score=0.97, epoch=12345))
    view.resize(460, 420)
    qtbot.wait(300)
    moved, dropped = _score_box(view), _legend_box(view)
    assert moved is not None and not moved.intersects(dropped)
    assert view.legend_hand.by_hand

    # a plot too small for the score in any corner clear of the legend (dragged to the middle): the score gives way
    # (its numbers are in the status bar); the legend stays, within the plot; a larger plot brings the score back
    def to_the_middle():
        plot = view.mapFromScene(view.vb.sceneBoundingRect()).boundingRect()
        legend = _legend_box(view)
        _drag_legend_by(qtbot, view, plot.center().x() - legend.center().x(), plot.center().y() - legend.center().y())
        qtbot.wait(300)

    to_the_middle()
    view.resize(330, 180)  # the legend shows its classes alone, in a row: wider than it was
    qtbot.wait(300)
    plot = view.mapFromScene(view.vb.sceneBoundingRect()).boundingRect()
    assert view.data_points.legend.form() == "row"
    assert plot.adjusted(-1, -1, 1, 1).contains(_legend_box(view)), "the legend's new form reaches past the plot"
    to_the_middle()
    assert _score_box(view) is None and view.framing.score_gave_way and view.score_text() == ""
    assert view.data_points.legend.isVisible() and view.legend_hand.by_hand
    view.resize(460, 420)
    qtbot.wait(300)
    view.show_score(SimpleNamespace(task="classification", test_score=0.95, train_score=0.97, epoch=12346))
    moved, dropped = _score_box(view), _legend_box(view)
    assert moved is not None and not moved.intersects(dropped)

    # the legend placed by itself again: the score goes back to its own corner, the top right
    view.legend_hand.place_automatically()
    qtbot.wait(300)
    plot = view.mapFromScene(view.vb.sceneBoundingRect()).boundingRect()
    back = _score_box(view)
    assert back is not None and abs(back.right() - (plot.right() - 8)) <= 2 and abs(back.top() - (plot.top() + 8)) <= 2
    assert not back.intersects(_legend_box(view))
