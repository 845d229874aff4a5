"""A view shown as its dock holds it (``fit_in_dock``: a scroll area), in the app's own style and at a given size,
for the tests that check what fits in a dock; and a digits snapshot for the digits views."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from gui.window.docks import fit_in_dock
from model.data import real_datasets
from model.training.session import TrainingSession
from model.training.snapshot import Snapshot
from model.training.specs import ModelSpec, TrainSpec


def shown_in_dock(qtbot, view: QWidget, name: str, size: tuple[int, int]) -> QScrollArea:
    """``view`` in the scroll area its dock ``name`` would hold it in, shown at ``size`` in the app's style."""
    from gui.main_window import apply_style

    apply_style(QApplication.instance())  # measured in the app's own style
    scroll = fit_in_dock(view, name)
    qtbot.addWidget(scroll)
    scroll.resize(*size)
    scroll.show()
    qtbot.waitExposed(scroll)
    return scroll


def digits_snapshot(epochs: int) -> Snapshot:
    """A 64-16-10 network on the digits after ``epochs`` epochs."""
    session = TrainingSession(
        real_datasets.load("digits"), ModelSpec(hidden_layer_sizes=(16,)), TrainSpec(learning_rate=0.01), seed=0
    )
    session.step(epochs)
    return session.snapshot()
