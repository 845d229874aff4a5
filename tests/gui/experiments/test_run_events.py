"""A run's start and end reach the GUI thread as the group's own typed events, and a kind of event nobody
handles is refused where it arrives instead of being reported as another."""

from __future__ import annotations

import pytest

from gui.experiments.compare import CompareManager
from gui.experiments.group_bridge import GroupBridge
from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.training.group_contract import MemberSnapshots, RunFinished, RunLive
from model.training.session import TrainingSession
from model.training.session_group import SessionGroup
from model.training.specs import ModelSpec, TrainSpec


@pytest.fixture
def group():
    X, y = make_dataset("moons", 40, 0.2, 0)
    return SessionGroup(
        TrainingSession(Dataset.from_arrays(X, y), ModelSpec(hidden_layer_sizes=(4,)), TrainSpec(), seed=1)
    )


def test_a_removed_model_s_run_reaches_the_gui_as_finished_and_an_added_one_s_as_live(qtbot, group):
    bridge, manager = GroupBridge(group), CompareManager()
    bridge.runEvent.connect(manager._on_run_event)  # queued in the window; both live in this thread here
    said = []
    manager.runEvent.connect(said.append)
    member = group.add_member()
    group.step(3)
    group.remove_member(member.session_id)
    assert [type(event) for event in said] == [RunLive, RunFinished]
    live, finished = said
    assert live.record.run_id == finished.record.run_id and finished.record.epochs == 3
    assert manager.next_run_id == finished.record.run_id + 1  # a later group numbers its runs after it


def test_an_event_of_a_kind_nobody_handles_is_refused_not_misreported(qtbot, group):
    bridge, manager = GroupBridge(group), CompareManager()
    said = []
    bridge.runEvent.connect(said.append)
    manager.runEvent.connect(said.append)

    class RunPaused:  # a kind of group event the GUI does not know
        record = None

    with pytest.raises(TypeError):
        bridge._on_group_event(RunPaused())
    with pytest.raises(TypeError):
        manager._on_run_event(MemberSnapshots((), {}))
    assert said == []
