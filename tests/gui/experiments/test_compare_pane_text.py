"""A compare pane as small as it gets in the dock (two panes side by side beside the plot): its title is cut with
"…" and whole in its tooltip, and its score is a line under the plot instead of a box over it, so the small plot
shows its boundary."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from gui.experiments.compare_view import CompareView
from model.data.generators import make
from model.training.group_contract import Member
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

PANE = (210, 170)  # px: a pane of two side by side in a ~430 px dock


def test_a_small_pane_elides_its_title_and_keeps_its_score_off_the_plot(qtbot):
    from gui.main_window import apply_style

    apply_style(QApplication.instance())
    ds = make("moons", 200, 0.1, seed=0)
    model_spec, train_spec = ModelSpec(hidden_layer_sizes=(8, 8)), TrainSpec(learning_rate=0.01)
    session = TrainingSession(ds, model_spec, train_spec, seed=0)
    session.step(5)
    snap = session.snapshot()
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(*PANE)
    view.show()
    qtbot.waitExposed(view)
    view.set_members([Member(snap.session_id, "Run 2", "#009e73", model_spec, train_spec)])
    pane = view.panes[snap.session_id]
    pane.view.set_dataset(ds)
    view.show_snapshot(snap)
    view.flush()
    qtbot.wait(50)

    title = pane.title
    whole = title.toolTip()
    assert whole.startswith("Run 2 — MLP") and "lr 0.01" in whole
    shown = title.text()
    assert shown != whole and shown.endswith("…") and whole.startswith(shown[:-1]), shown
    assert title.fontMetrics().horizontalAdvance(shown) <= title.width()

    assert pane.view.score_text() == ""  # no box over the small plot
    assert pane.score.toolTip().startswith("test accuracy ") and "epoch 5" in pane.score.toolTip()
    assert pane.score.full_text.startswith("test ") and "train " in pane.score.full_text
    assert pane.score.fontMetrics().horizontalAdvance(pane.score.text()) <= pane.score.width()
    plot, line = pane.view.geometry(), pane.score.geometry()
    assert line.top() >= plot.bottom() and QRect(0, 0, pane.width(), pane.height()).contains(line)
