"""In the window, a challenge's card is met only by a trained network on the challenge's own data: not by the
untrained network Start shows at epoch 0, however lucky, and not on the same dataset made easier (10 points, no
noise) with Generate, nor by a best kept at epoch 0 by earlier versions; then a real run on its data meets it, and
its best is kept: the first epoch its curves meet the goal."""

from __future__ import annotations

from dataclasses import replace

import pytest

from model.teaching.lesson_content import WAITING_FOR_TRAINING
from model.training.specs import ModelSpec


@pytest.fixture
def window(make_window):
    return make_window(size=(1360, 860))


def _lucky(snap, **changes):
    """The snapshot as a network right on every point by chance would give it."""
    return replace(snap, train_loss=0.0, test_loss=0.0, train_score=1.0, test_score=1.0, **changes)


def _fits(w):
    s = w.controller.latest_snapshot
    return s is not None and s.data_version == w.document.version


def test_the_circles_card_counts_only_a_trained_network_on_its_own_data(window, qtbot):
    w, la = window, window.lesson_actions
    challenge = la.challenge("circles-no-features")
    card = la.challenges_panel.cards[challenge.id]
    menu_entry = la.challenge_actions[challenge.id]
    w.settings.save(f"challenges/{challenge.id}", {"best": 0.0, "epoch": 0})  # kept at epoch 0 by earlier versions
    assert la.board.best(challenge.id) is None and challenge.id not in la.board.solved()
    card.start_button.click()
    qtbot.waitUntil(lambda: _fits(w) and w.controller.latest_snapshot.epoch == 0, timeout=8000)
    assert card.reason == WAITING_FOR_TRAINING and "Not yet" in card.status_label.text()

    la.board.check(_lucky(w.controller.latest_snapshot))  # untrained: epoch 0
    assert not card.met and card.reason == WAITING_FOR_TRAINING
    assert la.board.best(challenge.id) is None and "not solved yet" in card.best_label.text()

    # the same dataset, made easy: 10 points without noise
    params = dict(w.data_panel.params(), n_samples=10, noise=0.0)
    w.data_panel.set_params(params)
    w.data_panel.generate_button.click()
    assert w.document.dataset.n_samples == 10 and w.document.source.generator == "circles"
    qtbot.waitUntil(lambda: _fits(w), timeout=8000)
    w.controller.step(20)
    qtbot.waitUntil(lambda: _fits(w) and w.controller.latest_snapshot.epoch == 20, timeout=8000)
    la.board.check(_lucky(w.controller.latest_snapshot))
    assert not card.met
    assert card.reason == "only this challenge's data counts (Circles, 200 points, noise 0.05, seed 13): press Start"
    assert "Not yet: only this challenge" in card.status_label.text()
    assert la.board.best(challenge.id) is None and "not solved yet" in card.best_label.text()
    assert not menu_entry.text().startswith("\u2713")

    # its own data again, and a model that can draw a circle: met after training, and kept
    card.start_button.click()
    qtbot.waitUntil(lambda: _fits(w) and w.controller.latest_snapshot.epoch == 0, timeout=8000)
    assert w.document.dataset.n_samples == 200
    w.model_panel.set_model_spec(ModelSpec(hidden_layer_sizes=(4,), activation="tanh"))
    w.controls.reset_action.trigger()
    qtbot.waitUntil(lambda: _fits(w) and w.controller.latest_snapshot.layer_sizes[1] == 4, timeout=8000)
    for _ in range(40):  # 50 epochs at a time until the goal is met
        if card.met:
            break
        epoch = w.controller.latest_snapshot.epoch
        w.controller.step(50)
        qtbot.waitUntil(lambda epoch=epoch: w.controller.latest_snapshot.epoch == epoch + 50, timeout=8000)
    assert card.met, card.reason
    best = la.board.best(challenge.id)
    assert best is not None and best >= 1
    # the soonest epoch the curves show the goal met, not the epoch of the step that found it (a multiple of 50)
    curves = w.controller.latest_snapshot.curves
    first = next(e for e, s in zip(curves["epoch"], curves["test_score"], strict=True) if s >= 0.95)
    assert best == first
    assert f"epoch {round(best):,}" in card.best_label.text() and "Met" in card.status_label.text()
    assert menu_entry.text().startswith("\u2713")
