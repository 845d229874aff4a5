"""`neural-playground train` without flags trains what pressing Play in a fresh app trains on the same dataset: the
same points, model and training settings (optimizer, learning rate, momentum, batch, precision), the same initial
weights and the same loss after a step; its --help says the defaults it uses."""

from __future__ import annotations

import numpy as np
import pytest

from neural_playground.headless import build_parser
from neural_playground.headless_session import _build_session


def _headless_session(*flags: str):
    session, _source, _out, _members, _run_name, _view = _build_session(build_parser().parse_args(["train", *flags]))
    return session


@pytest.mark.fresh_profile  # the app's own first start
@pytest.mark.parametrize("data", [None, "spiral", "blobs"], ids=["first data", "spiral", "blobs"])
def test_train_without_flags_trains_what_play_trains_in_a_fresh_window(make_window, qtbot, data):
    w = make_window()
    if data is not None:  # picked in the data panel's list, as a person does (it generates the data at once)
        generator = w.data_panel.generator
        version = w.document.version
        generator.setCurrentIndex(generator.findData(data))
        generator.activated.emit(generator.currentIndex())
        qtbot.waitUntil(
            lambda: w.document.version != version and w.controller.latest_snapshot.data_version == w.document.version,
            timeout=10000,
        )
    session = _headless_session(*(["--dataset", data] if data else []))
    assert session.model_spec == w.model_panel.model_spec()
    assert session.train_spec == w.training_panel.train_spec()
    assert session.train_spec.optimizer == "adam" and session.train_spec.learning_rate == 0.01  # the window's start
    ours, theirs = w.document.dataset, session.dataset
    assert (ours.n_samples, ours.n_classes) == (theirs.n_samples, theirs.n_classes)
    np.testing.assert_array_equal(ours.X, theirs.X)
    np.testing.assert_array_equal(ours.y, theirs.y)
    np.testing.assert_array_equal(ours.is_test, theirs.is_test)
    snap = w.controller.latest_snapshot
    assert snap.epoch == 0
    np.testing.assert_array_equal(snap.params, session.network.params)  # the same seed: the same initial weights
    w.controls.step_action.trigger()
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch > 0, timeout=10000)
    snap = w.controller.latest_snapshot
    session.step(snap.epoch)  # the same epochs: the same losses, the same weights
    np.testing.assert_array_equal(snap.curves["train_loss"], session.history.column("train_loss"))
    np.testing.assert_array_equal(snap.params, session.network.params)


def test_help_says_the_defaults_it_trains_with(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["train", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "without flags it trains what Play trains in a fresh app window" in text
    assert "the update rule (default: adam)" in text
    assert "learning rate (the perceptron's step size) (default: 0.01)" in text
    assert "(default: 200, or the dataset's own least where it needs more: spiral 600; as in the app)" in text
    assert "blobs and spiral only; default: 3" in text
    assert "'none' for no hidden layer (default: 8,8)" in text
