"""Hidden units switched off in the network (model.nn.network, model.nn.layers, model.nn.units_off; no Qt).

A switched-off unit's output is 0 in every forward pass; its incoming weights and bias get exactly zero
gradient; the gradient of every parameter still matches central differences in float64 with the mask on.
"""

import numpy as np
import pytest

from model.nn.network import Network
from model.nn.param_layout import layer_blocks
from model.nn.units_off import checked, parse_unit_name, split_fitting, unit_name

EPS = 1e-6


def _network(activation="tanh", task="classification", n_outputs=1, seed=0):
    rng = np.random.default_rng(seed)
    net = Network([2, 5, 4, n_outputs], activation, task, np.float64)
    net.params[...] = rng.uniform(0.2, 1.2, net.params.shape) * rng.choice([-1.0, 1.0], net.params.shape)
    X = rng.uniform(0.3, 1.5, size=(11, 2)) * rng.choice([-1.0, 1.0], size=(11, 2))
    if task == "regression":
        Y = rng.normal(size=(11, n_outputs))
    elif n_outputs == 1:
        Y = rng.integers(0, 2, size=(11, 1)).astype(np.float64)
    else:
        Y = np.eye(n_outputs)[rng.integers(0, n_outputs, size=11)]
    return net, X, Y


def test_a_switched_off_units_output_is_zero_and_the_others_are_unchanged():
    net, X, _ = _network()
    before = net.hidden_outputs(X)
    net.set_units_off({(1, 2), (2, 0)})
    after = net.hidden_outputs(X)
    assert np.all(after[0][:, 2] == 0) and np.all(after[1][:, 0] == 0)
    assert np.array_equal(after[0][:, [0, 1, 3, 4]], before[0][:, [0, 1, 3, 4]])
    # what the next layer sees is the masked output: the same as a network whose unit h1.3 sends nothing
    zeroed, _, _ = _network()
    zeroed.coefs[1][2, :] = 0
    zeroed.coefs[2][0, :] = 0
    assert np.allclose(net.predict_output(X), zeroed.predict_output(X), rtol=0, atol=1e-15)
    # the training pass masks too
    net.loss_and_gradient(X, np.ones((11, 1)))
    assert np.all(net.layers[0].a[:, 2] == 0)


@pytest.mark.parametrize("activation", ["tanh", "relu", "logistic", "identity", "leaky_relu"])
@pytest.mark.parametrize("alpha,l1", [(0.0, 0.0), (0.7, 0.3)])
def test_incoming_weights_and_bias_of_an_off_unit_get_exactly_zero_gradient(activation, alpha, l1):
    net, X, Y = _network(activation)
    net.set_units_off({(1, 1)})
    net.loss_and_gradient(X, Y, alpha, l1)
    held = net.held_params()
    assert held.size == 3  # two incoming weights and the bias
    assert np.all(net.grads[held] == 0)
    block = layer_blocks(net.layer_sizes)[0]
    assert set(held) == {block.weight_index(0, 1), block.weight_index(1, 1), block.bias.start + 1}
    # and nothing flows back through it: its outgoing weights see a zero input
    W = net.layers[1].W[1, :]
    assert np.allclose(net.layers[1].dW[1, :], (alpha * W + l1 * np.sign(W)) / 11, rtol=1e-12, atol=0)
    # the other units learn
    assert np.any(net.layers[0].dW[:, 0] != 0)


@pytest.mark.parametrize(
    "activation,task,n_outputs",
    [("tanh", "classification", 1), ("logistic", "classification", 3), ("relu", "regression", 2)],
)
@pytest.mark.parametrize("alpha,l1", [(0.0, 0.0), (0.7, 0.3)])
def test_the_gradient_matches_central_differences_with_units_off(activation, task, n_outputs, alpha, l1):
    net, X, Y = _network(activation, task, n_outputs, seed=4)
    net.set_units_off({(1, 0), (1, 3), (2, 2)})
    net.loss_and_gradient(X, Y, alpha, l1)
    analytic = net.grads.copy()
    numeric = np.empty_like(analytic)
    for i in range(net.params.shape[0]):
        old = net.params[i]
        net.params[i] = old + EPS
        plus = net.loss(X, Y, alpha, l1)
        net.params[i] = old - EPS
        minus = net.loss(X, Y, alpha, l1)
        net.params[i] = old
        numeric[i] = (plus - minus) / (2 * EPS)
    assert np.allclose(analytic, numeric, rtol=1e-6, atol=1e-8)
    assert np.all(analytic[net.held_params()] == 0)


def test_switching_back_on_restores_the_unit_and_astype_keeps_the_mask():
    net, X, _ = _network()
    full = net.predict_output(X)
    net.set_units_off({(2, 3)})
    assert not np.allclose(net.predict_output(X), full)
    assert net.astype(np.float32).units_off == {(2, 3)}
    net.set_units_off(set())
    assert np.array_equal(net.predict_output(X), full)
    assert net.layers[1].off is None


def test_only_hidden_units_can_be_switched_off():
    net, _, _ = _network()
    for bad in [(0, 0), (3, 0), (1, 5), (2, -1), ("1", 0), (1,)]:
        with pytest.raises(ValueError):
            net.set_units_off({bad})
    assert net.units_off == frozenset()


def test_unit_names_read_as_the_diagram_labels_them():
    assert unit_name((1, 2)) == "h1.3"
    assert parse_unit_name("h2.1") == (2, 0)
    for bad in ["h0.1", "h1.0", "x1.1", "h1", 3, "h1.1 ", "h01.1"]:
        with pytest.raises(ValueError):
            parse_unit_name(bad)
    assert split_fitting({(1, 4), (2, 0), (3, 0)}, (5, 1)) == ({(1, 4), (2, 0)}, {(3, 0)})
    assert checked([(1, 2), [1, 2]], (3,)) == {(1, 2)}
    with pytest.raises(ValueError):
        checked([(True, 0)], (3,))
