"""The training process is dead and the person goes on working in the compare view: a compared model removed, given
other settings, or added then is shown so at once, kept so in a Save and in the recovery file, and trains so after
Play, as if the process had been alive."""

from __future__ import annotations

import os

import numpy as np
import pytest

from gui.experiments import side_by_side
from model.storage.session_files import open_session_file
from model.training.session import TrainingSession
from tests.gui.files.test_files import step
from tests.gui.window.test_compared_models_restart import _add_a_compared_model, _member_snap
from tests.gui.window.test_process_restart import _kill_training

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


def _trained_then_killed(qtbot, w, epochs=4):
    """A compared model trained ``epochs`` epochs beside the main one, then the training process killed; the
    compared model as listed, and its last snapshot."""
    before = _add_a_compared_model(qtbot, w)
    step(qtbot, w, epochs)
    qtbot.waitUntil(lambda: getattr(_member_snap(w, before.session_id), "epoch", -1) == epochs, timeout=10000)
    last = _member_snap(w, before.session_id)
    _kill_training(qtbot, w)
    return before, last


def _edit_in_the_settings_dialog(monkeypatch, w, session_id, change):
    """The pane's "Settings…" button, ``change(editor)`` done in the dialog, then OK."""

    class Answered(side_by_side.SettingsDialog):
        def exec(self):
            change(self.editor)
            self._on_ok()
            return self.result()

    monkeypatch.setattr(side_by_side, "SettingsDialog", Answered)
    w.experiments.compare_view.panes[session_id].settings_button.click()


def _titles(w):
    return [pane.title.full_text for pane in w.experiments.compare_view.panes.values()]


def _saved(w, tmp_path, name):
    """Save (while the process is dead, training starts again first and the new process writes the file); the
    compared models the file keeps."""
    path = tmp_path / name
    assert w.file_actions.sessions.save_session(str(path))
    assert not w.process_restart.died
    return open_session_file(path).members


def _kept_while_dead(w):
    """The recovery file the window writes itself while no process runs: the compared models it keeps."""
    sessions = w.file_actions.sessions
    assert w.process_restart.died and sessions.autosave()
    return open_session_file(sessions.recovery_path()).members


def _listed_after_the_restart(qtbot, w, dead_primary, count):
    """The ``count`` compared models the new process lists, once it did (the dead process's main model was
    ``dead_primary``)."""
    qtbot.waitUntil(lambda: w.compare.primary_id != dead_primary and not w.kept_members._awaiting, timeout=20000)
    qtbot.waitUntil(lambda: len(w.compare.members) == count, timeout=10000)
    return w.compare.members


def test_a_compared_model_removed_while_the_process_is_dead_does_not_come_back(qtbot, window, dialogs, tmp_path):
    w = window
    before, _ = _trained_then_killed(qtbot, w)
    dead = w.compare.primary_id

    table = w.experiments.runs.model.table
    run = table.for_session(before.session_id).run_id
    w.experiments.compare_view.panes[before.session_id].remove_button.click()  # its pane's ✕
    assert w.experiments.compare_view.panes == {} and w.compare.members == []  # gone at once
    assert before.session_id not in w.curves_view.runs
    assert not table.get(run).live  # its run has ended (its scores stay listed)
    assert w.banner.text().endswith("Your points are kept, and the weights of epoch 4.")  # no more "and Run 2"
    assert _kept_while_dead(w) == ()

    assert _saved(w, tmp_path, "while-dead.npz") == ()
    assert _listed_after_the_restart(qtbot, w, dead, 0) == []
    step(qtbot, w, 2)  # the new process trains on: the model does not come back
    assert w.compare.members == [] and w.experiments.compare_view.panes == {}
    assert _saved(w, tmp_path, "after.npz") == ()


def test_new_training_settings_while_the_process_is_dead_go_on_with_the_weights_and_the_run(
    qtbot, window, dialogs, tmp_path, monkeypatch
):
    w = window
    before, last = _trained_then_killed(qtbot, w)
    dead = w.compare.primary_id
    table = w.experiments.runs.model.table
    run = table.for_session(before.session_id).run_id

    _edit_in_the_settings_dialog(monkeypatch, w, before.session_id, lambda editor: editor.learning_rate.setValue(0.07))
    edited = w.compare.members[0]
    assert edited.train_spec.learning_rate == 0.07 and edited.name == before.name
    assert _titles(w) == [f"{before.name} — MLP 8-8 tanh · Adam lr 0.07"]  # shown at once
    (recovered,) = _kept_while_dead(w)
    assert (recovered.name, recovered.train_spec.learning_rate, recovered.epoch) == (before.name, 0.07, last.epoch)
    np.testing.assert_array_equal(recovered.state.params, last.params)  # its weights go on

    (saved,) = _saved(w, tmp_path, "while-dead.npz")
    assert (saved.name, saved.train_spec, saved.epoch) == (before.name, edited.train_spec, last.epoch)
    np.testing.assert_array_equal(saved.state.params, last.params)
    (again,) = _listed_after_the_restart(qtbot, w, dead, 1)
    assert (again.name, again.colour, again.model_spec, again.train_spec) == (
        before.name,
        before.colour,
        before.model_spec,
        edited.train_spec,
    )
    assert _titles(w) == [f"{before.name} — MLP 8-8 tanh · Adam lr 0.07"]
    step(qtbot, w, 2)
    rows = [r for r in table if r.name == before.name]  # the same run goes on, with the new settings
    assert [(r.run_id, r.live) for r in rows] == [(run, True)]
    qtbot.waitUntil(lambda: table.get(run).epochs == last.epoch + 2, timeout=10000)
    assert table.get(run).train_spec.learning_rate == 0.07
    (saved,) = _saved(w, tmp_path, "after.npz")
    assert (saved.name, saved.train_spec.learning_rate, saved.epoch) == (before.name, 0.07, last.epoch + 2)


def test_a_new_architecture_while_the_process_is_dead_starts_from_fresh_weights_on_a_new_run(
    qtbot, window, dialogs, tmp_path, monkeypatch
):
    w = window
    before, _ = _trained_then_killed(qtbot, w)
    dead = w.compare.primary_id
    table = w.experiments.runs.model.table
    old_run = table.for_session(before.session_id).run_id

    def three_neurons(editor):
        editor.layers.setText("3")
        editor.layers.editingFinished.emit()

    _edit_in_the_settings_dialog(monkeypatch, w, before.session_id, three_neurons)
    edited = w.compare.members[0]
    assert edited.model_spec.hidden_layer_sizes == (3,) and edited.name == "Run 3"  # a new run, named at once
    pane = w.experiments.compare_view.panes[edited.session_id]
    assert pane.title.full_text.startswith("Run 3 — MLP 3 tanh")
    assert pane.view.snapshot() is None and "starts again" in pane.score.text()  # no old boundary shown
    assert not table.get(old_run).live
    # what the process would have done: the weights drawn again from its seed, at epoch 0
    fresh = TrainingSession(w.document.dataset, edited.model_spec, edited.train_spec, seed=before.seed)
    (recovered,) = _kept_while_dead(w)
    assert (recovered.name, recovered.model_spec, recovered.epoch) == ("Run 3", edited.model_spec, 0)
    np.testing.assert_array_equal(recovered.state.params, fresh.network.params)

    (saved,) = _saved(w, tmp_path, "while-dead.npz")
    assert (saved.name, saved.model_spec, saved.epoch) == ("Run 3", edited.model_spec, 0)
    np.testing.assert_array_equal(saved.state.params, fresh.network.params)
    (again,) = _listed_after_the_restart(qtbot, w, dead, 1)
    assert (again.name, again.colour, again.model_spec, again.train_spec) == (
        "Run 3",
        before.colour,
        edited.model_spec,
        before.train_spec,
    )
    assert _titles(w) == [pane.title.full_text]
    step(qtbot, w, 2)
    qtbot.waitUntil(lambda: getattr(_member_snap(w, again.session_id), "epoch", -1) == 2, timeout=10000)
    assert [r.name for r in table if r.live] == ["Run 1", "Run 3"]  # the old run ended; the new one trains
    assert table.get(3).name == "Run 3"  # numbered as it was named
    assert not table.get(old_run).live
    (saved,) = _saved(w, tmp_path, "after.npz")
    assert (saved.name, saved.model_spec, saved.epoch) == ("Run 3", edited.model_spec, 2)


def test_a_compared_model_added_while_the_process_is_dead_trains_after_the_restart(qtbot, window, dialogs, tmp_path):
    w = window
    before, last = _trained_then_killed(qtbot, w)
    dead = w.compare.primary_id

    w.experiments.side_by_side.add_slow_action.trigger()  # Experiments ▸ Add the same model with ⅒ the rate
    assert [m.name for m in w.compare.members] == [before.name, "Run 3"]  # shown at once
    added = w.compare.members[1]
    assert added.train_spec.learning_rate == pytest.approx(w.panels.training.train_spec().learning_rate / 10)
    assert added.colour not in ("", before.colour)
    assert w.experiments.compare_view.panes[added.session_id].title.full_text.startswith("Run 3 — ")
    assert "“Run 3” starts training when training starts again." in w.statusBar().currentMessage()
    assert w.banner.text().endswith("the weights of epoch 4 and the 2 compared models.")
    # a branch needs the dead process's timeline: it waits for the restart, in words (no dialog opens)
    w.experiments.timeline.branchRequested.emit(w.compare.primary_id, 2)
    assert w.statusBar().currentMessage() == "Training has stopped: restart it (Play) to branch from the timeline."
    assert len(w.compare.members) == 2
    kept = _kept_while_dead(w)
    assert [(m.name, m.colour, m.epoch) for m in kept] == [
        (before.name, before.colour, last.epoch),
        ("Run 3", added.colour, 0),
    ]

    saved = _saved(w, tmp_path, "while-dead.npz")
    assert [(m.name, m.colour, m.train_spec, m.epoch) for m in saved] == [
        (before.name, before.colour, before.train_spec, last.epoch),
        ("Run 3", added.colour, added.train_spec, 0),
    ]
    listed = _listed_after_the_restart(qtbot, w, dead, 2)
    assert [(m.name, m.colour, m.model_spec, m.train_spec, m.seed) for m in listed] == [
        (before.name, before.colour, before.model_spec, before.train_spec, before.seed),
        ("Run 3", added.colour, added.model_spec, added.train_spec, added.seed),
    ]
    assert sorted(_titles(w)) == sorted(p.title.full_text for p in w.experiments.compare_view.panes.values())
    assert [t.split(" — ")[0] for t in _titles(w)] == [before.name, "Run 3"]
    step(qtbot, w, 2)
    qtbot.waitUntil(lambda: getattr(_member_snap(w, listed[1].session_id), "epoch", -1) == 2, timeout=10000)
    table = w.experiments.runs.model.table
    assert [r.name for r in table if r.live] == ["Run 1", before.name, "Run 3"]
    assert table.get(3).name == "Run 3"
    saved = _saved(w, tmp_path, "after.npz")
    assert [(m.name, m.epoch) for m in saved] == [(before.name, last.epoch + 2), ("Run 3", 2)]
