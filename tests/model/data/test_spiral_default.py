"""The spiral as it comes (its own points and noise, the app's three classes) is learned by the app's default model
with the default training settings in a bounded number of epochs: clearly better than chance."""

from __future__ import annotations

import pytest

from model.data.generators import DATASETS, make
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

# The app's training defaults (gui.panels.training_panel.DEFAULTS): Adam, learning rate 0.01, full batch, float32.
APP_TRAINING = TrainSpec(optimizer="adam", learning_rate=0.01)
EPOCHS = 1000  # about a minute at the pace a person watches, seconds at full speed


@pytest.mark.parametrize("n_classes", [2, 3])  # 3: the data panel's default number of classes
@pytest.mark.parametrize("seed", [0, 1])
def test_the_default_spiral_is_learned_by_the_default_model(n_classes, seed):
    ds = make("spiral", seed=seed, n_classes=n_classes)
    assert ds.n_samples == DATASETS["spiral"].default_n_samples
    session = TrainingSession(ds, ModelSpec(), APP_TRAINING, seed=seed)
    session.step(EPOCHS)
    chance = 1.0 / n_classes
    assert session.test_score > chance + 0.4, (session.train_score, session.test_score)
