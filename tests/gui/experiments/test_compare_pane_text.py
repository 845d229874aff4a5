"""A compare pane as small as it gets in the dock (two panes side by side beside the plot): the run's name and its
scores are whole (the settings line is cut with "…", whole in the tooltip), the score is under the plot instead of
a box over it, and the points and rings are drawn smaller than on the main plot, so the small plot shows its
boundary."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from gui.experiments.compare_view import NBSP, CompareView
from gui.plot.boundary_view import BoundaryView
from model.data.generators import make
from model.training.group_contract import Member
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

PANE = (210, 200)  # px: a pane of two side by side in a ~430 px dock (its plot ~120 px tall)


def _pane(qtbot, size=PANE, name="Run 2"):
    from gui.main_window import apply_style

    apply_style(QApplication.instance())
    ds = make("moons", 200, 0.1, seed=0)
    model_spec, train_spec = ModelSpec(hidden_layer_sizes=(8, 8)), TrainSpec(learning_rate=0.01)
    session = TrainingSession(ds, model_spec, train_spec, seed=0)
    session.step(5)
    snap = session.snapshot()
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.set_members([Member(snap.session_id, name, "#009e73", model_spec, train_spec)])
    pane = view.panes[snap.session_id]
    pane.view.set_dataset(ds)
    view.show_snapshot(snap)
    view.flush()
    qtbot.wait(50)
    return view, pane, ds


def _fits(label, text: str) -> bool:
    return label.fontMetrics().horizontalAdvance(text) <= label.width()


def test_a_small_pane_shows_its_run_name_and_scores_whole_and_its_score_off_the_plot(qtbot):
    _view, pane, _ds = _pane(qtbot)

    title = pane.title
    assert title.text() == "Run 2" and _fits(title, "Run 2")
    assert title.toolTip().startswith("Run 2 — MLP") and "lr 0.01" in title.toolTip()
    settings = pane.description
    assert settings.full_text.startswith("MLP") and "lr 0.01" in settings.toolTip()
    assert _fits(settings, settings.text())
    for button in (pane.settings_button, pane.remove_button):  # the buttons stay inside the pane
        assert button.geometry().right() <= pane.contentsRect().right()

    assert pane.view.score_text() == ""  # no box over the small plot
    score = pane.score
    assert score.toolTip().startswith("test accuracy ") and "epoch 5" in score.toolTip()
    shown = score.text().replace(NBSP, " ")
    assert "…" not in shown and shown.startswith("test ") and "train " in shown and "epoch 5" in shown
    # wrapped between its parts, each part on one line within the label, and the label as tall as its lines
    for part in score.text().split(" "):
        assert _fits(score, part), part
    assert score.height() >= score.heightForWidth(score.width()) >= score.fontMetrics().height()
    # the pane lays itself out again for the score's second line (on the next turn of the event loop)
    qtbot.waitUntil(lambda: score.geometry().bottom() < pane.height(), timeout=2000)
    plot, line = pane.view.geometry(), score.geometry()
    assert line.top() >= plot.bottom() and QRect(0, 0, pane.width(), pane.height()).contains(line)


def test_a_long_run_name_stays_whole_in_a_small_pane(qtbot):
    _view, pane, _ds = _pane(qtbot, name="Run 12 @ 1,500")
    assert pane.title.text() == "Run 12 @ 1,500" and _fits(pane.title, pane.title.text())


def test_a_name_wider_than_the_pane_is_cut_instead_of_widening_the_dock(qtbot):
    """A lesson's label may be 200 characters: whole, as the title's minimum width it widened the dock until the
    main plot had no room left."""
    label = ("slow learner " * 16)[:200].strip()
    view, pane, _ds = _pane(qtbot, name=label)
    assert view.minimumSizeHint().width() < PANE[0] and pane.minimumSizeHint().width() < PANE[0]
    shown = pane.title.text()
    assert shown.endswith("…") and label.startswith(shown[:-1]) and _fits(pane.title, shown)
    assert pane.title.toolTip().startswith(label)  # the whole name, with the settings
    view.resize(2000, PANE[1])  # room again: whole again
    qtbot.waitUntil(lambda: pane.title.text() == label, timeout=2000)


def test_a_small_pane_draws_its_points_and_rings_smaller_than_the_main_plot(qtbot):
    view, pane, ds = _pane(qtbot)
    main = BoundaryView()
    qtbot.addWidget(main)
    main.resize(560, 540)
    main.show()
    main.set_dataset(ds)
    qtbot.waitExposed(main)
    assert pane.view.data_points.rings.diameter() < 0.75 * main.data_points.rings.diameter()
    # a larger pane draws them larger, up to the main plot's size
    small = pane.view.data_points.rings.diameter()
    view.resize(600, 600)
    qtbot.waitUntil(lambda: pane.view.data_points.rings.diameter() > small, timeout=2000)
    assert pane.view.data_points.rings.diameter() <= main.data_points.rings.diameter()
