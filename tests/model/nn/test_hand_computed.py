"""A 2-2-1 network computed by hand, step by step, against the network, session and optimizer.

tanh hidden layer, sigmoid output, binary cross-entropy, two samples, one step of plain
gradient descent with learning rate 0.5. Every quantity below is written out with scalar
arithmetic (math.tanh, math.exp, math.log), never with the code under test. The numbers in
the comments are the values these lines produce, rounded, for a reader with a calculator.
"""

import math

import numpy as np
import pytest

from model.data.dataset import Dataset
from model.nn.network import Network
from model.nn.optimizers import SGD
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

# -- the network, chosen by hand ----------------------------------------------------------------
# Hidden layer: unit j computes z1_j = x1·W1[0][j] + x2·W1[1][j] + b1[j]   (W1 is fan_in x fan_out)
W1 = [[0.5, -0.3], [0.2, 0.4]]
b1 = [0.1, -0.2]
# Output unit: z2 = a1_0·W2[0] + a1_1·W2[1] + b2
W2 = [0.7, -0.6]
b2 = 0.05
LR = 0.5

# -- the data -----------------------------------------------------------------------------------
X = [
    [1.0, 2.0],  # sample A, class 1
    [-1.0, 0.5],
]  # sample B, class 0
Y = [1, 0]
N = 2


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def by_hand():
    """Loss, gradients and updated weights, one scalar at a time."""
    loss = 0.0
    dW1 = [[0.0, 0.0], [0.0, 0.0]]
    db1 = [0.0, 0.0]
    dW2 = [0.0, 0.0]
    db2 = 0.0
    for (x1, x2), y in zip(X, Y):
        # Forward.
        # A: z1 = (1·0.5 + 2·0.2 + 0.1, 1·(-0.3) + 2·0.4 - 0.2) = (1.0, 0.3)
        # B: z1 = (-0.5 + 0.1 + 0.1, 0.3 + 0.2 - 0.2)          = (-0.3, 0.3)
        z1 = [x1 * W1[0][j] + x2 * W1[1][j] + b1[j] for j in range(2)]
        # A: a1 = (tanh 1.0, tanh 0.3) = (0.761594, 0.291313)
        # B: a1 = (-0.291313, 0.291313)
        a1 = [math.tanh(z1[0]), math.tanh(z1[1])]
        # A: z2 = 0.761594·0.7 - 0.291313·0.6 + 0.05 = 0.408328
        # B: z2 = -0.291313·0.7 - 0.291313·0.6 + 0.05 = -0.328706
        z2 = a1[0] * W2[0] + a1[1] * W2[1] + b2
        # A: p = σ(0.408328) = 0.600687     B: p = σ(-0.328706) = 0.418555
        p = sigmoid(z2)
        # A: -log 0.600687 = 0.509681       B: -log(1 - 0.418555) = 0.542240
        loss += -(y * math.log(p) + (1 - y) * math.log(1 - p))

        # Backward (per sample; averaged over the N samples below).
        # Sigmoid + cross-entropy: dL/dz2 = p - y.   A: -0.399313   B: 0.418555
        delta2 = p - y
        # dL/da1_j = delta2·W2[j];  tanh' = 1 - a1²:  delta1_j = delta2·W2[j]·(1 - a1_j²)
        # A: (-0.117391, 0.219256)   B: (0.268125, -0.229821)
        delta1 = [delta2 * W2[j] * (1 - a1[j] ** 2) for j in range(2)]
        # Output layer: dL/dW2[j] = delta2·a1_j, dL/db2 = delta2.
        for j in range(2):
            dW2[j] += delta2 * a1[j]
        db2 += delta2
        # Hidden layer: dL/dW1[i][j] = x_i·delta1_j, dL/db1[j] = delta1_j.
        for j in range(2):
            dW1[0][j] += x1 * delta1[j]
            dW1[1][j] += x2 * delta1[j]
            db1[j] += delta1[j]

    # Mean over the samples: loss = (0.509681 + 0.542240) / 2 = 0.525960
    loss /= N
    dW1 = [[g / N for g in row] for row in dW1]
    db1 = [g / N for g in db1]
    dW2 = [g / N for g in dW2]
    db2 /= N
    # dW2 = ((-0.399313·0.761594 + 0.418555·(-0.291313)) / 2, ...) = (-0.213022, 0.002800)
    # db2 = (-0.399313 + 0.418555) / 2 = 0.009621

    # One step of gradient descent: w <- w - 0.5·dL/dw.
    new_W1 = [[W1[i][j] - LR * dW1[i][j] for j in range(2)] for i in range(2)]
    new_b1 = [b1[j] - LR * db1[j] for j in range(2)]
    new_W2 = [W2[j] - LR * dW2[j] for j in range(2)]
    new_b2 = b2 - LR * db2
    return dict(
        loss=loss, dW1=dW1, db1=db1, dW2=dW2, db2=db2, new_W1=new_W1, new_b1=new_b1, new_W2=new_W2, new_b2=new_b2
    )


def flat(W1_, W2_, b1_, b2_):
    """The network's layout, one [W; b] block per layer: [W1 (row-major 2x2), b1 (2) | W2 (2x1), b2 (1)]."""
    return np.array([*W1_[0], *W1_[1], *b1_, *W2_, b2_])


def hand_network():
    net = Network([2, 2, 1], "tanh", "classification", np.float64)
    net.set_coefs([np.array(W1), np.array(W2)[:, None]], [np.array(b1), np.array([b2])])
    return net


def test_the_hand_computation_itself():
    """The literal values quoted in the comments (guards against a typo in the hand code)."""
    h = by_hand()
    assert h["loss"] == pytest.approx((0.5096813139 + 0.5422395999) / 2, abs=1e-9)
    assert h["dW2"][0] == pytest.approx((-0.3993130211 * 0.7615941560 + 0.4185554101 * -0.2913126125) / 2, abs=1e-9)
    assert h["db2"] == pytest.approx((-0.3993130211 + 0.4185554101) / 2, abs=1e-9)
    assert h["db1"][0] == pytest.approx((-0.1173908562 + 0.2681248685) / 2, abs=1e-9)


def test_layout_of_the_flat_parameters():
    net = hand_network()
    np.testing.assert_array_equal(net.params, flat(W1, W2, b1, b2))
    assert net.n_weights == 6


def test_forward_matches_hand():
    net = hand_network()
    hidden, output = net.hidden_outputs(np.array(X))
    np.testing.assert_allclose(
        hidden, [[math.tanh(1.0), math.tanh(0.3)], [math.tanh(-0.3), math.tanh(0.3)]], rtol=1e-15
    )
    z2_a = math.tanh(1.0) * 0.7 - math.tanh(0.3) * 0.6 + 0.05
    z2_b = math.tanh(-0.3) * 0.7 - math.tanh(0.3) * 0.6 + 0.05
    np.testing.assert_allclose(output[:, 0], [sigmoid(z2_a), sigmoid(z2_b)], rtol=1e-14)


def test_loss_and_gradient_match_hand():
    h = by_hand()
    net = hand_network()
    loss = net.loss_and_gradient(np.array(X), np.array(Y, dtype=float)[:, None])
    assert loss == pytest.approx(h["loss"], rel=1e-14)
    np.testing.assert_allclose(net.grads, flat(h["dW1"], h["dW2"], h["db1"], h["db2"]), rtol=1e-13, atol=1e-16)
    # The layer views see the same numbers.
    np.testing.assert_allclose(net.layers[0].dW, h["dW1"], rtol=1e-13)
    np.testing.assert_allclose(net.layers[1].db, [h["db2"]], rtol=1e-13)


def test_one_sgd_step_matches_hand():
    h = by_hand()
    net = hand_network()
    net.loss_and_gradient(np.array(X), np.array(Y, dtype=float)[:, None])
    SGD(LR).step(net.params, net.grads)
    np.testing.assert_allclose(
        net.params, flat(h["new_W1"], h["new_W2"], h["new_b1"], h["new_b2"]), rtol=1e-14, atol=1e-16
    )


def test_one_session_epoch_matches_hand():
    """The whole pipeline: Dataset -> session (full batch, sgd, lr 0.5, float64) -> one epoch."""
    h = by_hand()
    ds = Dataset.from_arrays(np.array(X), np.array(Y), test_fraction=0.0)
    session = TrainingSession(
        ds,
        ModelSpec(kind="mlp", hidden_layer_sizes=(2,), activation="tanh"),
        TrainSpec(optimizer="sgd", learning_rate=LR, dtype="float64"),
        seed=0,
    )
    session.network.set_coefs([np.array(W1), np.array(W2)[:, None]], [np.array(b1), np.array([b2])])
    result = session.step(1)
    assert result.epochs_run == 1 and not result.diverged and session.epoch == 1
    # The epoch's loss is measured at the weights it started from.
    assert result.loss == pytest.approx(h["loss"], rel=1e-14)
    assert session.history.column("train_loss")[0] == pytest.approx(h["loss"], rel=1e-14)
    np.testing.assert_allclose(
        session.network.params, flat(h["new_W1"], h["new_W2"], h["new_b1"], h["new_b2"]), rtol=1e-14, atol=1e-16
    )
    # And the snapshot reports the updated weights layer by layer.
    (sW1, _), (_, sb2) = session.snapshot().layer_params()
    np.testing.assert_allclose(sW1, h["new_W1"], rtol=1e-14)
    np.testing.assert_allclose(sb2, [h["new_b2"]], rtol=1e-14)
