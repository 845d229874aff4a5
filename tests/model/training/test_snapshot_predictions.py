"""A snapshot's predicted label of every point: what ``predict`` says of the dataset's points, in their order,
taken from the evaluation that follows each change of the weights rather than predicted again (no Qt)."""

import numpy as np
import pytest

from model.data.generators import make
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

KINDS = {
    "two classes": ("moons", 2, ModelSpec(hidden_layer_sizes=(6,))),
    "three classes": ("blobs", 3, ModelSpec(hidden_layer_sizes=(5,))),
    "perceptron": ("linearly_separable", 2, ModelSpec(kind="perceptron")),
    "regression": ("plane", 2, ModelSpec(hidden_layer_sizes=(4,))),
}


def _session(kind: str, test_fraction: float = 0.3) -> TrainingSession:
    name, classes, spec = KINDS[kind]
    data = make(name, 90, seed=3, n_classes=classes, test_fraction=test_fraction)
    return TrainingSession(data, spec, TrainSpec(learning_rate=0.1, dtype="float64"), seed=1)


def _assert_same_as_predicted(session: TrainingSession, predictions: np.ndarray) -> None:
    expected = session.predict(session.dataset.X)
    if session.task == "regression":
        np.testing.assert_allclose(predictions, expected, rtol=1e-12, atol=1e-12)
    else:
        np.testing.assert_array_equal(predictions, expected)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("test_fraction", [0.0, 0.3])
def test_after_steps_each_point_has_its_own_prediction_in_the_data_order(kind, test_fraction):
    s = _session(kind, test_fraction)
    assert (s.dataset.n_test > 0) == (test_fraction > 0)
    for _ in range(3):
        s.step(4)
        _assert_same_as_predicted(s, s.snapshot().predictions)


def test_a_snapshot_after_a_step_predicts_no_point_again(monkeypatch):
    s = _session("three classes")
    s.step(3)

    def predicted_again(X):
        raise AssertionError("the points were predicted again")

    monkeypatch.setattr(s, "predict", predicted_again)
    assert s.snapshot().predictions.shape == (s.dataset.n_samples,)


def test_weights_changed_since_the_evaluation_are_predicted_afresh():
    s = _session("two classes")
    s.step(5)
    rng = np.random.default_rng(0)
    s.network.params[...] = rng.normal(0.0, 3.0, s.network.params.shape)  # no evaluation follows
    _assert_same_as_predicted(s, s.snapshot().predictions)


def test_other_data_is_predicted_afresh():
    s = _session("two classes")
    s.step(5)
    s.set_dataset(make("moons", 40, seed=9, test_fraction=0.25))
    snap = s.snapshot()
    assert snap.predictions.shape == (40,)
    _assert_same_as_predicted(s, snap.predictions)
