"""The standalone NumPy script of an experiment (model.storage.script_export).

Each exported script runs in a subprocess and must print the session's final
training loss: it rebuilds the data, the initial weights, the optimizer and the
app's shuffling, so the same epochs give the same numbers.
"""

import ast
import contextlib
import io
import re
import subprocess
import sys

import numpy as np
import pytest

from model.data.generators import make
from model.nn.param_layout import layer_views
from model.storage.script_export import export_script, script_text
from model.storage.session_files import load_session, save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

CASES = {
    "mlp full-batch sgd": (
        "moons",
        ModelSpec(hidden_layer_sizes=(8, 8), activation="tanh"),
        TrainSpec(optimizer="sgd", learning_rate=0.1),
    ),
    "mlp adam mini-batches shuffled": (
        "moons",
        ModelSpec(hidden_layer_sizes=(6, 5), activation=("relu", "logistic")),
        TrainSpec(optimizer="adam", learning_rate=0.01, batch_size=16, shuffle=True),
    ),
    "logistic": (
        "circles",
        ModelSpec(kind="logistic", features=("x1^2", "x2^2")),
        TrainSpec(optimizer="momentum", learning_rate=0.05),
    ),
    "perceptron": ("moons", ModelSpec(kind="perceptron"), TrainSpec(learning_rate=0.5)),
    "softmax nesterov penalties": (
        "spiral",
        ModelSpec(hidden_layer_sizes=(10,), activation="leaky_relu", alpha=0.01, l1=0.001),
        TrainSpec(optimizer="nesterov", learning_rate=0.05, batch_size=25),
    ),
    "regression adam": (
        "sine",
        ModelSpec(hidden_layer_sizes=(8,), features=("sin_x1",)),
        TrainSpec(optimizer="adam", learning_rate=0.01),
    ),
    "perceptron three classes": (
        "blobs",
        ModelSpec(kind="perceptron"),
        TrainSpec(learning_rate=1.0, batch_size=7, shuffle=False),
    ),
}


def trained(name, dtype="float64", epochs=150, seed=3):
    dataset, model_spec, train_spec = CASES[name]
    from dataclasses import replace

    session = TrainingSession(
        make(dataset, 100, seed=1, n_classes=3), model_spec, replace(train_spec, dtype=dtype), seed=seed
    )
    session.step(epochs)
    return session


def run_script(path) -> tuple[float, str]:
    result = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return float(re.search(r"^final train loss: (\S+)$", result.stdout, re.M).group(1)), result.stdout


def imported_modules(source: str) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            modules.add((node.module or "").split(".")[0] if node.level == 0 else ".")
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("__import__", "exec", "eval", "compile"):
            modules.add(node.func.id)
    return modules


@pytest.mark.parametrize("name", list(CASES))
def test_script_trains_to_the_session_loss(tmp_path, name):
    session = trained(name)
    path = tmp_path / "experiment.py"
    export_script(session, path, title=CASES[name][0])
    source = path.read_text(encoding="utf-8")
    assert imported_modules(source) == {"numpy"}
    loss, stdout = run_script(path)
    assert loss == pytest.approx(session.train_loss, rel=1e-6, abs=1e-12)
    assert stdout.count("\nepoch ") + stdout.startswith("epoch ") == 10  # every 15th of 150 epochs
    assert "test loss:" in stdout


def test_float32_script_follows_the_app(tmp_path):
    """The app's default precision: the script computes in float32 too, and reaches the same loss."""
    session = trained("mlp adam mini-batches shuffled", dtype="float32", epochs=100)
    path = tmp_path / "f32.py"
    export_script(session, path)
    assert "DTYPE = np.float32" in path.read_text()
    loss, _ = run_script(path)
    assert loss == pytest.approx(session.train_loss, rel=1e-4)


def test_script_is_readable_and_self_describing():
    session = trained("mlp adam mini-batches shuffled", epochs=20)
    text = script_text(session, title="moons")
    compile(text, "experiment.py", "exec")
    assert text.startswith('#!/usr/bin/env python3\n"""MLP 6-5 relu/logistic (2-6-5-1) trained on moons')
    assert repr(session.train_loss) in text  # the session's result, to compare with
    for needle in (
        "SEED = 3",
        "BATCH_SIZE = 16",
        "SHUFFLE = True",
        "LEARNING_RATE = 0.01",
        "np.random.default_rng([SEED, 1])",
        "class Adam",
        "def loss_and_gradient",
        "W1 = np.array(",
        "b3 = np.array(",
        "LAYER_SIZES = [2, 6, 5, 1]",
    ):
        assert needle in text, needle
    for absent in ("class Momentum", "class GradientDescent", "MOMENTUM ="):
        assert absent not in text  # only the optimizer used
    assert max(len(line) for line in text.splitlines()) <= 110


def test_data_and_initial_weights_are_embedded_exactly():
    session = trained("softmax nesterov penalties", dtype="float32", epochs=5)
    namespace = {}
    text = script_text(session)
    # Run everything before the training loop: the data, the weights and the functions.
    exec(
        compile(
            text.split("# ---------------------------------------------------------------------------- training")[0],
            "s",
            "exec",
        ),
        namespace,
    )
    ds = session.dataset
    np.testing.assert_array_equal(namespace["X_TRAIN"], ds.train_X)
    np.testing.assert_array_equal(namespace["Y_TRAIN"], ds.train_y)
    np.testing.assert_array_equal(namespace["X_TEST"], ds.test_X)
    np.testing.assert_array_equal(namespace["Y_TEST"], ds.test_y)
    assert namespace["params"].dtype == np.float32
    # (the script lays its vector out as weights, then biases; the app, layer by layer)
    for (W, b), (W0, b0) in zip(
        namespace["LAYERS"], layer_views(session.initial_params, session.network.layer_sizes), strict=True
    ):
        np.testing.assert_array_equal(W, W0)
        np.testing.assert_array_equal(b, b0)
    assert namespace["params"].size == session.network.params.size
    assert not np.array_equal(np.sort(namespace["params"]), np.sort(session.network.params))  # the start, not the end


def test_loaded_session_exports_the_same_script(tmp_path):
    session = trained("mlp adam mini-batches shuffled", epochs=30)
    save_session(session, tmp_path / "s.npz")
    loaded, _ = load_session(tmp_path / "s.npz")
    assert script_text(loaded) == script_text(session)


def test_initial_params_follow_reset():
    session = trained("mlp full-batch sgd", epochs=3)
    first = session.initial_params.copy()
    session.reset(seed=4)
    assert not np.array_equal(session.initial_params, first)
    np.testing.assert_array_equal(session.initial_params, session.network.params)


def test_untrained_session_and_options(tmp_path):
    session = trained("logistic", epochs=0)
    text = script_text(session, epochs=40, print_every=7)
    assert "EPOCHS = 40" in text and "PRINT_EVERY = 7" in text
    path = tmp_path / "x.py"
    export_script(session, path, epochs=40, print_every=7)
    assert "python x.py" in path.read_text()
    _, stdout = run_script(path)
    assert [int(m) for m in re.findall(r"^epoch\s+(\d+)", stdout, re.M)] == [7, 14, 21, 28, 35, 40]
    assert "EPOCHS = 1000" in script_text(session)  # nothing trained yet: a default length


@pytest.mark.parametrize("name", ["mlp adam mini-batches shuffled", "softmax nesterov penalties"])
def test_script_with_units_off_predicts_what_the_app_predicts(tmp_path, name):
    session = trained(name, epochs=0)
    off = {(1, 0), (1, 3)} | ({(2, 4)} if len(session.network.hidden_sizes) > 1 else set())
    session.set_units_off(off)  # from epoch 0: the script replays the whole run
    session.step(60)
    path = tmp_path / "experiment.py"
    export_script(session, path)
    # the script run as it is written (it trains), then its model asked for every point's output
    namespace: dict = {"__name__": "exported"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(path.read_text(), str(path), "exec"), namespace)
    assert namespace["train_loss"] == pytest.approx(session.train_loss, rel=1e-9)
    X = session._inputs(session.dataset.X)
    outputs, _ = namespace["forward"](namespace["inputs"](session.dataset.X))
    app = session.network.predict_output(X)
    np.testing.assert_allclose(outputs[-1], app, rtol=1e-9, atol=1e-12)
    assert np.all(outputs[1][:, [0, 3]] == 0)
    # the units matter: with them on, the same weights predict otherwise
    session.set_units_off(set())
    assert not np.allclose(session.network.predict_output(X), app)
