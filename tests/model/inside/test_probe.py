"""The probe of one point: its numbers are the model's own, and agree with a hand computation."""

import numpy as np
import pytest

from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.inside.probe import encode_targets, probe
from model.training.session import TrainingSession
from model.training.snapshot import network_from_snapshot
from model.training.specs import ModelSpec, TrainSpec


def _session(
    name="xor",
    kind="mlp",
    hidden=(5, 3),
    activation="tanh",
    features=(),
    n_classes=2,
    task=None,
    dtype="float64",
    epochs=20,
    seed=0,
):
    X, y = make_dataset(name, 120, 0.1, seed=1, n_classes=n_classes)
    task = task or ("regression" if name in ("sine", "plane", "polynomial") else "classification")
    ds = Dataset.from_arrays(X, y, task=task, seed=0)
    spec = ModelSpec(kind=kind, hidden_layer_sizes=hidden, activation=activation, features=features)
    s = TrainingSession(ds, spec, TrainSpec(learning_rate=0.05, dtype=dtype), seed=seed)
    s.step(epochs)
    return s


# --- an independent textbook forward/backward pass for one sample ---------------------------------
_F = {
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0),
    "identity": lambda z: z,
    "logistic": lambda z: 1 / (1 + np.exp(-z)),
    "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z),
}
_DF = {
    "tanh": lambda z: 1 - np.tanh(z) ** 2,
    "relu": lambda z: (z > 0).astype(float),
    "identity": lambda z: np.ones_like(z),
    "logistic": lambda z: _F["logistic"](z) * (1 - _F["logistic"](z)),
    "leaky_relu": lambda z: np.where(z > 0, 1.0, 0.01),
}


def _by_hand(snap, inputs, target):
    Ws = [np.asarray(W, float) for W, _ in snap.layer_params()]
    bs = [np.asarray(b, float) for _, b in snap.layer_params()]
    acts = list(snap.activations)
    xs, zs, a_s = [], [], []
    a = np.asarray(inputs, float)
    for k, (W, b) in enumerate(zip(Ws, bs)):
        xs.append(a)
        z = a @ W + b
        zs.append(z)
        if k < len(acts):
            a = _F[acts[k]](z)
        elif snap.output_activation == "softmax":
            e = np.exp(z - z.max())
            a = e / e.sum()
        elif snap.output_activation == "logistic":
            a = _F["logistic"](z)
        else:
            a = z
        a_s.append(a)
    out = a_s[-1]
    if snap.output_activation == "logistic":
        loss = -np.log(out[0] if target[0] == 1 else 1 - out[0])
    elif snap.output_activation == "softmax":
        loss = -np.log(out[int(np.argmax(target))])
    else:
        loss = 0.5 * np.mean((out - target) ** 2)
    dz = [None] * len(Ws)
    dz[-1] = out - target
    for k in range(len(Ws) - 2, -1, -1):
        dz[k] = (dz[k + 1] @ Ws[k + 1].T) * _DF[acts[k]](zs[k])
    dW = [np.outer(xs[k], dz[k]) for k in range(len(Ws))]
    return zs, a_s, dz, dW, loss


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(),
        dict(activation="relu", hidden=(6,)),
        dict(activation=("logistic", "leaky_relu"), hidden=(4, 4)),
        dict(features=("x1^2", "x2^2", "x1*x2", "sin_x1", "sin_x2"), hidden=(3,)),
        dict(name="spiral", n_classes=3, hidden=(8,)),
        dict(name="plane", hidden=(4,)),
        dict(kind="logistic"),
    ],
)
def test_probe_equals_model_forward_backward_and_hand_computation(kwargs):
    s = _session(**kwargs)
    snap = s.snapshot()
    ds = s.dataset
    x, label = ds.X[3], ds.y[3]
    p = probe(snap, x, label)

    # 1. the model's own maths: the session's network on the same single sample
    net = s.network
    inputs = s._inputs(x[None, :])
    Y = s._targets(np.array([label]))
    loss = net.loss_and_gradient(inputs, Y)
    assert p.loss == pytest.approx(loss, rel=1e-10, abs=1e-12)
    np.testing.assert_allclose(p.grads, net.grads, rtol=1e-9, atol=1e-12)
    for lp, layer in zip(p.layers, net.layers):
        np.testing.assert_allclose(lp.z, layer.z[0], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(lp.a, layer.a[0], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(lp.dW, layer.dW, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(lp.db, layer.db, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(p.output, net.predict_output(inputs)[0], rtol=1e-10)

    # 2. an independent hand computation
    zs, a_s, dz, dW, hand_loss = _by_hand(snap, p.inputs, p.target)
    assert p.loss == pytest.approx(hand_loss, rel=1e-8)
    for k, lp in enumerate(p.layers):
        np.testing.assert_allclose(lp.z, zs[k], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(lp.a, a_s[k], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(lp.dz, dz[k], rtol=1e-8, atol=1e-12)
        np.testing.assert_allclose(lp.dW, dW[k], rtol=1e-8, atol=1e-12)
        np.testing.assert_allclose(lp.db, dz[k], rtol=1e-8, atol=1e-12)
        np.testing.assert_allclose(lp.x, p.inputs if k == 0 else a_s[k - 1], rtol=1e-12)
        if k + 1 < len(p.layers):  # dL/da = next layer's delta back through its weights
            np.testing.assert_allclose(lp.da, dz[k + 1] @ p.layers[k + 1].W.T, rtol=1e-8, atol=1e-12)
    assert p.inputs.shape[0] == snap.layer_sizes[0]
    assert len(p.input_labels) == snap.layer_sizes[0]


def test_probe_finite_difference_gradient():
    s = _session(hidden=(4, 3), epochs=5)
    snap = s.snapshot()
    x, label = np.array([1.3, -2.1]), 1
    p = probe(snap, x, label)
    eps = 1e-6
    base = np.asarray(snap.params, float)
    from dataclasses import replace

    for index in [0, 5, len(base) - 1, len(base) - 4]:
        bumped = base.copy()
        bumped[index] += eps
        up = probe(replace(snap, params=bumped), x, label).loss
        bumped[index] -= 2 * eps
        down = probe(replace(snap, params=bumped), x, label).loss
        assert (up - down) / (2 * eps) == pytest.approx(p.grads[index], rel=1e-5, abs=1e-8)


def test_probe_of_float32_session_matches_its_network():
    s = _session(dtype="float32")
    snap = s.snapshot()
    p = probe(snap, s.dataset.X[0], s.dataset.y[0])
    net = network_from_snapshot(snap)
    assert net.dtype == np.float32
    out = net.predict_output(s._inputs(s.dataset.X[:1]))
    np.testing.assert_allclose(p.output, out[0], rtol=1e-5)


def test_probe_perceptron_is_rosenblatts_rule():
    s = _session(name="linearly_separable", kind="perceptron", epochs=1)
    snap = s.snapshot()
    ((W, b),) = snap.layer_params()
    x = np.array([0.5, -0.3])
    score = float(x @ W[:, 0] + b[0])
    label = 0 if score >= 0 else 1  # the wrong side: misclassified
    p = probe(snap, x, label)
    y = 1.0 if label == 1 else -1.0
    assert p.loss == pytest.approx(max(0.0, -y * score))
    np.testing.assert_allclose(p.layers[0].dW[:, 0], -y * x)
    np.testing.assert_allclose(p.layers[0].db, [-y])
    right = probe(snap, x, 1 - label)
    assert right.loss == 0 and not np.any(right.grads)


def test_single_point_step_applies_minus_eta_gradient():
    s = _session(hidden=(5,), epochs=10)
    snap = s.snapshot()
    x, label = np.array([2.0, 2.5]), 0
    p = probe(snap, x, label)
    expected = snap.params - snap.learning_rate * p.grads  # θ − η·dL/dθ of this one point
    epoch = s.epoch
    before, after = s.single_point_step(x, label)
    assert before == pytest.approx(p.loss, rel=1e-10)
    np.testing.assert_allclose(s.network.params, expected, rtol=1e-10, atol=1e-14)
    assert after < before
    assert s.epoch == epoch
    assert s.snapshot().train_loss == pytest.approx(s.train_loss)


def test_single_point_step_perceptron():
    s = _session(name="linearly_separable", kind="perceptron", epochs=0)
    x = np.array([1.0, 2.0])
    before, after = s.single_point_step(x, 1)  # zero weights: score 0 counts as a mistake
    W, b = s.network.layers[0].W, s.network.layers[0].b
    np.testing.assert_allclose(W[:, 0], 0.05 * x)
    np.testing.assert_allclose(b, [0.05])
    assert before == 0.0 and after == 0.0


def test_encode_targets_matches_session_encoding():
    for kwargs in (dict(), dict(name="spiral", n_classes=3), dict(name="plane")):
        s = _session(epochs=0, **kwargs)
        np.testing.assert_array_equal(encode_targets(s.snapshot(), s.dataset.train_y), s._Y_train)


def test_probe_rejects_wrong_point_size():
    s = _session(epochs=0)
    with pytest.raises(ValueError):
        probe(s.snapshot(), [1.0, 2.0, 3.0], 0)


def test_one_dimensional_data_drops_features_of_x2():
    X, y = make_dataset("sine", 50, 0.1, seed=0)
    ds = Dataset.from_arrays(X, y, task="regression", seed=0)
    s = _session(features=("x1^2", "x2^2", "sin_x2"), epochs=1)
    s.set_dataset(ds)
    assert s.model_spec.features == ("x1^2",)
    snap = s.snapshot()
    assert snap.features == ("x1^2",) and snap.layer_sizes[0] == 2
    p = probe(snap, [0.3], 0.5)
    assert p.input_labels == ("x₁", "x₁²")


def test_single_point_step_updates_the_timeline_moment():
    from model.training.timeline import Timeline

    s = _session(hidden=(3,), epochs=0)
    s.timeline = Timeline()
    s.timeline.restart(s)
    s.step(5)
    s.single_point_step((1.0, 1.0), 1)
    entry = s.timeline.entries[-1] if hasattr(s.timeline, "entries") else s.timeline._entries[-1]
    assert entry.epoch == 5
    np.testing.assert_array_equal(np.asarray(entry.state["params"]), s.network.params)


def test_a_step_from_a_point_with_adam_is_one_plain_gradient_step():
    """With Adam chosen, a trained model takes one plain step θ − η·dL/dθ from the point: Adam's moments and step
    count are neither used nor changed, and the model barely moves."""
    X, y = make_dataset("moons", 160, 0.1, seed=1)
    ds = Dataset.from_arrays(X, y, seed=0)
    s = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(8, 8)), TrainSpec("adam", 0.03, dtype="float64"), seed=0)
    s.step(400)
    assert s.train_loss < 0.05
    train_loss, params = s.train_loss, s.network.params.copy()
    adam = s.optimizer.state()
    x, label = ds.X[3], int(ds.y[3])
    p = probe(s.snapshot(), x, label)
    s.single_point_step(x, label)
    np.testing.assert_array_equal(s.network.params, params - 0.03 * p.grads)
    after = s.optimizer.state()
    assert after["t"] == adam["t"] > 0
    np.testing.assert_array_equal(after["m"], adam["m"])
    np.testing.assert_array_equal(after["v"], adam["v"])
    assert abs(s.train_loss - train_loss) < 0.01
