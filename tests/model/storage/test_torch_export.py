"""The PyTorch module of an experiment (model.storage.torch_export).

Always: every kind of model exports to a file that compiles, imports only torch (and math), and holds exactly the
trained weights. With PyTorch importable: the module predicts what the app predicts with the same loss, and its
training loop makes the app's updates (SGD, momentum and Nesterov to rounding, Adam to its epsilon, the perceptron
exactly), and the file runs as a program.
"""

import ast
import importlib.util
import re
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from model.data.generators import make
from model.storage.torch_export import export_torch_module, torch_module_text
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.paths import ROOT

CASES = {
    "mlp sgd penalties": (
        "moons",
        ModelSpec(hidden_layer_sizes=(8, 8), activation="tanh", alpha=0.01, l1=0.001),
        TrainSpec(optimizer="sgd", learning_rate=0.1),
    ),
    "mlp adam mini-batches": (
        "moons",
        ModelSpec(hidden_layer_sizes=(6, 5), activation=("relu", "logistic")),
        TrainSpec(optimizer="adam", learning_rate=0.01, batch_size=16),
    ),
    "logistic momentum features": (
        "circles",
        ModelSpec(kind="logistic", features=("x1^2", "x2^2", "x1*x2", "sin_x1", "sin_x2")),
        TrainSpec(optimizer="momentum", learning_rate=0.05),
    ),
    "softmax nesterov": (
        "spiral",
        ModelSpec(hidden_layer_sizes=(10,), activation="leaky_relu", alpha=0.01),
        TrainSpec(optimizer="nesterov", learning_rate=0.05),
    ),
    "regression adam": (
        "sine",
        ModelSpec(hidden_layer_sizes=(8,), activation="identity", features=("sin_x1",)),
        TrainSpec(optimizer="adam", learning_rate=0.01),
    ),
    "perceptron": ("moons", ModelSpec(kind="perceptron"), TrainSpec(learning_rate=0.5)),
    "perceptron three classes": ("blobs", ModelSpec(kind="perceptron"), TrainSpec(learning_rate=1.0, shuffle=False)),
}


def session(name, dtype="float64", epochs=40) -> TrainingSession:
    dataset, model_spec, train_spec = CASES[name]
    s = TrainingSession(make(dataset, 90, seed=1, n_classes=3), model_spec, replace(train_spec, dtype=dtype), seed=3)
    s.step(epochs)
    return s


def trained_literal(text: str) -> list:
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "TRAINED":
            return ast.literal_eval(node.value)
    raise AssertionError("no TRAINED in the file")


def imported(text: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add((node.module or "").split(".")[0])
    return names


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_the_file_compiles_needs_only_torch_and_holds_the_trained_weights(name, dtype, tmp_path):
    s = session(name, dtype)
    path = tmp_path / "my_experiment.py"
    export_torch_module(s, path)
    text = path.read_text(encoding="utf-8")
    compile(text, str(path), "exec")
    assert imported(text) == {"math", "torch"}
    assert "class Network(nn.Module):" in text and "from my_experiment import build_model" in text
    layers = trained_literal(text)
    assert len(layers) == len(s.network.layers)
    for (weight, bias), layer in zip(layers, s.network.layers):
        # Exactly the trained numbers (float32 values written as the float64 literals that equal them).
        assert np.array_equal(np.array(weight, dtype=np.float64), layer.W.T.astype(np.float64))
        assert np.array_equal(np.array(bias, dtype=np.float64), layer.b.astype(np.float64))
    assert f"DTYPE = torch.{dtype}" in text


def test_settings_are_written_as_the_session_has_them():
    text = torch_module_text(session("softmax nesterov"), epochs=77)
    for line in (
        "EPOCHS = 77",
        "OPTIMIZER = 'nesterov'",
        "LEARNING_RATE = 0.05",
        "MOMENTUM = 0.9",
        "ALPHA = 0.01",
        "BATCH_SIZE = None",
        "N_CLASSES = 3",
        "nn.LeakyReLU(0.01)",
    ):
        assert line in text


def test_the_model_layer_never_imports_torch():
    code = "import sys, model.storage.torch_export\nprint('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------------ against PyTorch
def load(path):
    spec = importlib.util.spec_from_file_location(f"exported_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_pytorch_predicts_what_the_app_predicts_with_the_same_loss(name, dtype, tmp_path):
    pytest.importorskip("torch")
    s = session(name, dtype)
    export_torch_module(s, tmp_path / "exported.py")
    exported = load(tmp_path / "exported.py")
    model = exported.build_model()
    points = np.vstack([s.dataset.train_X, s.dataset.test_X])
    predicted = model.predict(exported.inputs(points)).detach().numpy()
    if s.dataset.task == "regression":
        np.testing.assert_allclose(predicted, s.predict(points), rtol=1e-5 if dtype == "float32" else 1e-12, atol=1e-6)
    else:
        assert np.array_equal(predicted, s.predict(points))
    loss, _ = exported.evaluate(model, exported.X_TRAIN, exported.Y_TRAIN)
    assert loss == pytest.approx(s.train_loss, rel=1e-5 if dtype == "float32" else 1e-12, abs=1e-7)


@pytest.mark.parametrize(
    "name, tolerance",
    [
        ("mlp sgd penalties", 1e-12),
        ("logistic momentum features", 1e-12),
        ("softmax nesterov", 1e-12),
        ("perceptron three classes", 0.0),  # no shuffling: the same samples in the same order
        ("regression adam", 1e-5),  # torch's Adam adds epsilon after the bias correction
    ],
)
def test_pytorchs_training_loop_makes_the_apps_updates(name, tolerance, tmp_path):
    pytest.importorskip("torch")
    s = session(name, "float64", epochs=0)  # a fresh optimizer on both sides: no momentum carried
    export_torch_module(s, tmp_path / "exported.py")
    exported = load(tmp_path / "exported.py")
    model = exported.build_model()
    exported.train(model, epochs=15, print_every=0)
    s.step(15)
    for layer, theirs in zip(s.network.layers, model.layers):
        np.testing.assert_allclose(theirs.weight.detach().numpy(), layer.W.T, rtol=0, atol=tolerance)
        np.testing.assert_allclose(theirs.bias.detach().numpy(), layer.b, rtol=0, atol=tolerance)


def test_the_file_runs_as_a_program_and_trains_on(tmp_path):
    pytest.importorskip("torch")
    s = session("mlp adam mini-batches", "float32")
    path = tmp_path / "moons_torch.py"
    export_torch_module(s, path, epochs=30)
    result = subprocess.run([sys.executable, str(path)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    start = float(re.search(r"train loss (\S+)", result.stdout).group(1).rstrip(","))
    final = float(re.search(r"^final train loss: (\S+)$", result.stdout, re.M).group(1))
    assert start == pytest.approx(s.train_loss, rel=1e-5)
    assert final < start  # 30 more epochs of Adam from the app's weights
    assert re.search(r"^epoch +30 ", result.stdout, re.M) and "test accuracy" in result.stdout


# ------------------------------------------------------------------ hidden units switched off
def _session_with_units_off(dtype="float64", epochs=30):
    s = session("mlp sgd penalties", dtype, epochs=0)
    s.set_units_off({(1, 2), (2, 5)})
    s.step(epochs)
    return s


def test_units_switched_off_are_written_as_a_mask_after_the_activation():
    text = torch_module_text(_session_with_units_off())
    compile(text, "exported.py", "exec")
    units = next(
        ast.literal_eval(node.value)
        for node in ast.parse(text).body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "UNITS_OFF"
    )
    assert units == [(1, 2), (2, 5)]
    assert "h1.3, h2.6" in text
    assert "x = activation(layer(x)) * mask" in text
    assert "weight = layer.weight * masks[k][:, None]" in text
    # without units off, the module is the plain one
    assert "UNITS_OFF" not in torch_module_text(session("mlp sgd penalties"))


def test_pytorch_holds_the_switched_off_units_at_zero_as_the_app_does(tmp_path):
    pytest.importorskip("torch")
    s = _session_with_units_off()
    export_torch_module(s, tmp_path / "exported.py")
    exported = load(tmp_path / "exported.py")
    model = exported.build_model()
    points = np.vstack([s.dataset.train_X, s.dataset.test_X])
    np.testing.assert_allclose(
        model.output(exported.inputs(points)).detach().numpy(), s.predict_output(points), rtol=1e-6, atol=1e-7
    )
    loss, _ = exported.evaluate(model, exported.X_TRAIN, exported.Y_TRAIN)
    assert loss == pytest.approx(s.train_loss, rel=1e-12)
    # its training loop holds the units' incoming weights, as the app does
    held = model.layers[0].weight.detach().numpy()[2].copy()
    exported.train(model, epochs=5, print_every=0)
    s.step(5)
    assert np.array_equal(model.layers[0].weight.detach().numpy()[2], held)
    np.testing.assert_allclose(model.layers[1].weight.detach().numpy(), s.network.layers[1].W.T, rtol=0, atol=1e-12)
