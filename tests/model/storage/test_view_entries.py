"""A session file's view settings are checked value by value as it is read: one no control can show is left out,
named with why; the rest come back as saved. The work in the file (data, model, weights) is untouched by it."""

from __future__ import annotations

import pytest

from model.data.generators import make
from model.storage.session_files import open_session_file, save_session
from model.storage.view_entries import checked_view
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

#: What the window writes (gui.files.sessions.view_settings), every key with a value it can take.
SAVED = {
    "format": 1,
    "plot_range": [-1.5, 2.5, -1.0, 1.25],
    "show_test": True,
    "log_scale": False,
    "current_class": 1,
    "tool": "erase",
    "curves_visible": True,
    "legend_visible": False,
    "data": {
        "name": "iris",
        "n_samples": 200,
        "noise": 0.1,
        "n_classes": 3,
        "seed": 0,
        "test_fraction": 0.2,
        "show_test": True,
    },
    "data_source": {"kind": "generated", "name": "iris", "seed": 0, "test_fraction": 0.2},
    "model": {
        "kind": "mlp",
        "layers": [8, 8],
        "activations": ["tanh", "relu"],
        "alpha": 0.0,
        "l1": 1e-4,
        "weight_init": "auto",
        "features": ["x1^2"],
    },
    "training": {
        "optimizer": "adam",
        "learning_rate": 0.01,
        "batch_size": 0,
        "dtype": "float32",
        "max_epochs": 0,
        "target_loss": 0.0,
        "pace": "max",
        "pause_on_plateau": False,
        "warn_overfitting": True,
    },
}


def test_what_the_window_saves_comes_back_whole():
    checked = checked_view(SAVED)
    assert checked.view == SAVED and checked.left_out == ()


@pytest.mark.parametrize(
    ("where", "bad"),
    [
        (("data", "name"), None),
        (("data", "name"), 7),
        (("data", "name"), "no such data"),
        (("data", "seed"), 3_000_000_000),
        (("data", "noise"), float("nan")),
        (("data", "test_fraction"), 0.95),
        (("model", "layers"), [8, 10**6]),
        (("model", "activations"), ["tanh", None]),
        (("model", "kind"), ["mlp"]),
        (("training", "pace"), "warp"),
        (("training", "learning_rate"), 0),
        (("training", "max_epochs"), -1),
        (("training", "pause_on_plateau"), "yes"),
        (("plot_range",), [2.0, 1.0, 0.0, 1.0]),
        (("plot_range",), [0.0, 1.0, 0.0, float("inf")]),
        (("current_class",), True),
        (("tool",), 3),
        (("show_test",), 1),
    ],
)
def test_a_value_no_control_can_show_is_left_out_and_named(where, bad):
    view = {key: dict(value) if isinstance(value, dict) else value for key, value in SAVED.items()}
    holder = view if len(where) == 1 else view[where[0]]
    holder[where[-1]] = bad
    checked = checked_view(view)
    field = ".".join(where)
    (note,) = checked.left_out
    assert note.startswith(f"{field}: ")
    kept = checked.view if len(where) == 1 else checked.view[where[0]]
    assert where[-1] not in kept
    others = {k: v for k, v in (SAVED if len(where) == 1 else SAVED[where[0]]).items() if k != where[-1]}
    assert {k: v for k, v in kept.items()} == others  # every other setting as saved


def test_a_panel_entry_that_is_no_object_is_left_out_and_keys_of_a_newer_version_kept():
    checked = checked_view({**SAVED, "model": [1, 2], "a_newer_setting": {"x": 1}})
    assert checked.left_out == ("model: [1, 2] is not a JSON object",)
    assert "model" not in checked.view and checked.view["a_newer_setting"] == {"x": 1}


def test_a_session_file_with_a_null_dataset_name_opens_with_the_name_left_out(tmp_path):
    session = TrainingSession(make("moons", 30, seed=1), ModelSpec(hidden_layer_sizes=(3,)), TrainSpec())
    session.step(2)
    path = tmp_path / "s.npz"
    save_session(session, path, view={**SAVED, "data": {**SAVED["data"], "name": None}})
    opened = open_session_file(path)
    assert opened.session.epoch == 2 and opened.session.dataset.same_as(session.dataset)
    assert "name" not in opened.view["data"] and opened.view["data"]["seed"] == 0
    assert opened.view_left_out == ("data.name: None is not the name of a dataset the list offers",)
