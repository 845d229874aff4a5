"""Picking the perceptron in the model panel says what a newcomer who presses Play will see and why: the line is in
place after one epoch, its loss starts at 0 and climbs (watch the accuracy), and the view that shows it learn point
by point is named as the View menu names it. The note is true of the perceptron the app trains."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from gui.panels.model_panel import PERCEPTRON_NOTE, ModelPanel
from model.data.generators import make
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


def _pick(panel: ModelPanel, kind: str) -> None:
    panel.kind.setCurrentIndex(panel.kind.findData(kind))


def test_the_note_shows_under_the_perceptron_only_and_reads_whole(qtbot):
    panel = ModelPanel()
    qtbot.addWidget(panel)
    panel.resize(250, 600)  # the settings dock's width on a 1024×700 screen
    panel.show()
    qtbot.waitExposed(panel)
    assert not panel.kind_note.isVisible()  # the MLP: nothing to explain
    _pick(panel, "perceptron")
    assert panel.kind_note.isVisible() and panel.kind_note.text() == PERCEPTRON_NOTE
    assert "loss" in PERCEPTRON_NOTE and "is 0 at its zero start" in PERCEPTRON_NOTE and "accuracy" in PERCEPTRON_NOTE
    note = panel.kind_note
    qtbot.waitUntil(lambda: note.height() >= note.heightForWidth(note.width()), timeout=2000)  # wrapped, not cut
    assert note.width() <= panel.width()
    _pick(panel, "logistic")
    assert not panel.kind_note.isVisible()


def test_what_the_note_says_of_the_perceptron_is_what_it_does():
    ds = make("moons", 200, 0.1, seed=0)
    s = TrainingSession(ds, ModelSpec(kind="perceptron"), TrainSpec(learning_rate=1.0), seed=0)
    assert s.train_loss == 0.0 and s.train_score == 0.5  # zero weights: no loss, half right (every point on the line)
    s.step(1)
    assert s.train_loss > 0.0 and s.train_score > 0.75  # one epoch: the line is in place, its loss has climbed


def test_the_view_the_note_names_is_in_the_view_menu(make_window):
    w = make_window()
    view_menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "View")
    assert isinstance(view_menu, QMenu)
    named = PERCEPTRON_NOTE.split("View ▸ ")[1].rstrip(".")
    assert named in [a.text() for a in view_menu.actions()]
