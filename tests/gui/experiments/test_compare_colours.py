"""The colour the compare view asks for a new model: none another model shown has, but the colours of models
asked to leave (a lesson replaces the models shown by its own before the group has told their removal)."""

from __future__ import annotations

from gui.experiments.compare import MODEL_COLOURS, CompareManager
from model.training.group_contract import Member
from model.training.specs import ModelSpec, TrainSpec

MODEL, TRAIN = ModelSpec(hidden_layer_sizes=(5,)), TrainSpec()


def _asked_colours(manager: CompareManager) -> list[str]:
    """The colours of the models asked for (no training thread yet: the requests wait for its bridge)."""
    return [args[3] for signal, args in manager._pending if signal is manager._addRequested]


def test_models_asked_for_in_place_of_those_leaving_take_their_colours_each_its_own(qtbot):
    manager = CompareManager()
    shown = [Member(7, "η 0.001", MODEL_COLOURS[1], MODEL, TRAIN), Member(8, "η 8", MODEL_COLOURS[2], MODEL, TRAIN)]
    manager._on_members_changed(shown)  # what the group told
    for member in shown:
        manager.remove_model(member.session_id)
    manager.add_model(name="η 0.001")
    manager.add_model(name="η 8")
    assert _asked_colours(manager) == [MODEL_COLOURS[1], MODEL_COLOURS[2]]


def test_a_model_asked_for_in_place_of_one_of_three_gets_its_colour_not_one_staying(qtbot):
    manager = CompareManager()
    shown = [Member(7 + i, f"Run {i + 2}", colour, MODEL, TRAIN) for i, colour in enumerate(MODEL_COLOURS[1:])]
    manager._on_members_changed(shown)
    manager.remove_model(8)
    manager.add_model()
    assert _asked_colours(manager) == [MODEL_COLOURS[2]]
    manager._on_members_changed([shown[0], shown[2]])  # the group told the removal
    manager._on_members_changed([shown[0], shown[2], Member(11, "Run 5", MODEL_COLOURS[2], MODEL, TRAIN)])
    manager.remove_model(7)
    manager.add_model()
    assert _asked_colours(manager)[-1] == MODEL_COLOURS[1]
