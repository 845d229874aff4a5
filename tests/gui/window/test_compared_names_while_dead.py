"""A lesson whose two compared runs share one label: the window lists them as "lr 0.1" and "lr 0.1 (2)". The
training process dies and the person gives the second a new architecture: its new run is "lr 0.1 (3)" (as the live
training would have called it: "lr 0.1 (2)", the run that ended, stays listed), the recovery file and Save keep the
session, and after the restart the models are listed under the names shown while no process ran."""

from __future__ import annotations

import os

import pytest

from tests.gui.files.test_files import step
from tests.gui.window.test_compared_edits_while_dead import (
    _edit_in_the_settings_dialog,
    _kept_while_dead,
    _listed_after_the_restart,
    _saved,
    _titles,
)
from tests.gui.window.test_compared_models_restart import _member_snap
from tests.gui.window.test_process_restart import _kill_training

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")

LESSON = """kind = "lesson"
id = "one-label-twice"
title = "Two runs under one label"
views = ["compare", "curves"]
compare = [
  { label = "lr 0.1", train = { learning_rate = 0.1 } },
  { label = "lr 0.1", train = { learning_rate = 0.01 } },
]
text = "The author gave both compared runs one label."

[data]
dataset = "moons"
n_samples = 100
seed = 3

[model]
kind = "mlp"
hidden_layer_sizes = [4]
activation = "tanh"

[train]
optimizer = "sgd"
learning_rate = 0.3
"""


def _hidden_layers(text):
    def change(editor):
        editor.layers.setText(text)
        editor.layers.editingFinished.emit()

    return change


def _names(members):
    return [m.name for m in members]


def test_two_compared_runs_under_one_label_keep_distinct_names_through_a_death_an_edit_and_a_save(
    qtbot, window, dialogs, tmp_path, monkeypatch
):
    w = window
    path = tmp_path / "one-label-twice.toml"
    path.write_text(LESSON, encoding="utf-8")
    assert w.lesson_actions.open_lesson_file(path)
    qtbot.waitUntil(lambda: len(w.compare.members) == 2, timeout=10000)
    first, second = w.compare.members
    assert _names(w.compare.members) == ["lr 0.1", "lr 0.1 (2)"]
    step(qtbot, w, 3)
    qtbot.waitUntil(
        lambda: all(getattr(_member_snap(w, m.session_id), "epoch", -1) == 3 for m in (first, second)), timeout=10000
    )
    dead = w.compare.primary_id
    _kill_training(qtbot, w)

    _edit_in_the_settings_dialog(monkeypatch, w, second.session_id, _hidden_layers("3"))
    shown = _names(w.compare.members)
    assert shown == ["lr 0.1", "lr 0.1 (3)"]
    assert w.compare.members[1].model_spec.hidden_layer_sizes == (3,)
    assert [title.split(" — ")[0] for title in _titles(w)] == shown
    assert _names(_kept_while_dead(w)) == shown  # the recovery file is written, and opens again

    assert _names(_saved(w, tmp_path, "while-dead.npz")) == shown  # Save starts training again, then writes
    assert _names(_listed_after_the_restart(qtbot, w, dead, 2)) == shown
    table = w.experiments.runs.model.table
    qtbot.waitUntil(lambda: sorted(r.name for r in table if r.live) == ["Run 1", *shown], timeout=10000)

    # the same edit with the process alive: the training names the new run as the window did while it was dead
    again = w.compare.members[1]
    _edit_in_the_settings_dialog(monkeypatch, w, again.session_id, _hidden_layers("5"))
    qtbot.waitUntil(lambda: w.compare.members[1].model_spec.hidden_layer_sizes == (5,), timeout=10000)
    assert _names(w.compare.members) == shown
    assert _names(_saved(w, tmp_path, "after.npz")) == shown
