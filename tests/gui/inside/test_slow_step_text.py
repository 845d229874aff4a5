"""The slow step's captions for every head, activation and optimizer: each names its phase and writes out the
numbers of the step (no Qt needed)."""

from __future__ import annotations

import pytest

from gui.inside.inspect_common import fmt
from gui.inside.slow_step_text import moved_most, phase_caption, phase_list, phase_title
from gui.widgets.unbroken_text import plain
from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.inside.step_phases import take_slow_step
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


def _phases(task="classification", n_classes=2, activation="tanh", optimizer="sgd", batch_size=None, alpha=0.0):
    name = "sine" if task == "regression" else ("blobs" if n_classes > 2 else "moons")
    X, y = make_dataset(name, 50, 0.2, seed=4, n_classes=max(n_classes, 2))
    ds = Dataset.from_arrays(X, y, task=task, seed=0)
    spec = ModelSpec(hidden_layer_sizes=(5,), activation=activation, alpha=alpha)
    train = TrainSpec(learning_rate=0.05, optimizer=optimizer, batch_size=batch_size, dtype="float64")
    session = TrainingSession(ds, spec, train, seed=1)
    session.step(2)
    return take_slow_step(session)


@pytest.mark.parametrize(
    ("task", "n_classes", "activation", "optimizer", "batch_size", "alpha"),
    [
        ("classification", 2, "tanh", "sgd", None, 0.0),
        ("classification", 3, "relu", "adam", 10, 0.0),
        ("regression", 1, "logistic", "momentum", None, 0.1),
        ("classification", 2, "leaky_relu", "nesterov", 10, 0.0),
    ],
)
def test_every_phase_has_a_caption_with_its_numbers(task, n_classes, activation, optimizer, batch_size, alpha):
    phases = _phases(task, n_classes, activation, optimizer, batch_size, alpha)
    listed = phase_list(phases)
    assert [p.kind for p in listed] == ["forward", "forward", "loss", "backward", "backward", "update"]
    hidden, out = phases.layers
    captions = {(p.kind, p.layer): plain(phase_caption(phases, p)) for p in listed}
    assert all(phase_title(phases, p) for p in listed)
    _, j = hidden.featured()
    assert f"= {fmt(hidden.z[j])}" in captions[("forward", 1)]
    assert fmt(phases.point_loss) in captions[("loss", 0)] and fmt(phases.batch_loss) in captions[("loss", 0)]
    if alpha:
        assert "L2 penalty" in captions[("loss", 0)]
    i, j = out.featured()
    assert f"= {fmt(out.dz[j])}" in captions[("backward", 2)] and fmt(out.dW[i, j]) in captions[("backward", 2)]
    i, j = hidden.featured()
    assert fmt(hidden.dz[j]) in captions[("backward", 1)] and fmt(hidden.dW[i, j]) in captions[("backward", 1)]
    update = captions[("update", 0)]
    _, _, _, index = moved_most(phases)
    assert fmt(phases.params_after_batch[index], 6) in update
    if batch_size:
        assert f"first of this epoch's {phases.n_updates} mini-batches" in update
        assert fmt(phases.params_after_step[index], 6) in update
    else:
        assert "Full-batch training" in update
    rule = {"sgd": "w ← w − η·∂L/∂w", "adam": "m ← β₁·m", "momentum": "v ← μ·v", "nesterov": "Nesterov"}
    assert rule[optimizer] in update
