"""Exports of sessions on real data sets: the NumPy script and the PyTorch file load the data through scikit-learn
(scaled and split as the app did, bit for bit) instead of writing every number out; edited data is written out."""

import ast
import re

import numpy as np
import pytest

from model.data import real_datasets
from model.storage.script_data import real_data_lines
from model.storage.script_export import export_script, script_text
from model.storage.torch_export import torch_module_text
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.model.storage.test_script_export import imported_modules, run_script


@pytest.mark.parametrize("name", tuple(real_datasets.REAL_DATASETS))
def test_the_data_lines_rebuild_the_arrays_bit_for_bit(name):
    ds = real_datasets.load(name, test_fraction=0.3, seed=9)
    lines = real_data_lines(ds)
    assert lines is not None
    space = {"np": np}
    exec(compile("\n".join(lines), "data", "exec"), space)
    for got, want in (("X_TRAIN", ds.train_X), ("Y_TRAIN", ds.train_y), ("X_TEST", ds.test_X), ("Y_TEST", ds.test_y)):
        assert space[got].dtype == want.dtype and space[got].tobytes() == want.tobytes(), got


def test_a_digits_script_loads_the_digits_and_trains_to_the_session_loss(tmp_path):
    ds = real_datasets.load("digits", seed=4)
    session = TrainingSession(
        ds, ModelSpec("mlp", (12,), "relu"), TrainSpec("adam", 0.01, batch_size=64, dtype="float64"), seed=2
    )
    session.step(4)
    path = tmp_path / "digits.py"
    export_script(session, path, title="digits")
    source = path.read_text(encoding="utf-8")
    assert imported_modules(source) == {"numpy", "sklearn"} and "load_digits()" in source
    assert len(source) < 120_000  # the initial weights, not 1 797 x 64 data literals
    assert "64 features: 'pixel_0_0', 'pixel_0_1', ..., 'pixel_7_7'" in source  # names quoted, as every name is
    loss, stdout = run_script(path)
    assert loss == pytest.approx(session.train_loss, rel=1e-10)
    assert "test accuracy" in stdout


def test_edited_real_data_is_written_out_number_by_number(tmp_path):
    ds = real_datasets.load("iris").relabeled(0, 1)
    assert ds.origin is None and real_data_lines(ds) is None
    session = TrainingSession(ds, ModelSpec("logistic"), TrainSpec(learning_rate=0.2, dtype="float64"), seed=0)
    session.step(5)
    text = script_text(session)
    assert "load_iris" not in text and imported_modules(text) == {"numpy"}
    path = tmp_path / "iris.py"
    export_script(session, path)
    assert run_script(path)[0] == pytest.approx(session.train_loss, rel=1e-10)


def test_an_origin_that_does_not_load_the_same_arrays_is_not_trusted():
    ds = real_datasets.load("wine", seed=1)
    forged = type(ds)(
        ds.X + 1.0, ds.y, ds.is_test, "classification", 3, ds.class_names, ds.feature_names, "", ds.origin
    )
    assert real_data_lines(forged) is None


def test_the_pytorch_file_of_digits_loads_them_through_scikit_learn():
    ds = real_datasets.load("digits", seed=4)
    session = TrainingSession(ds, ModelSpec("logistic"), TrainSpec(learning_rate=0.1, batch_size=64), seed=2)
    session.step(1)
    text = torch_module_text(session)
    compile(text, "digits_torch.py", "exec")
    names = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add((node.module or "").split(".")[0])
    assert names == {"math", "numpy", "torch", "sklearn"}
    assert "load_digits()" in text and len(text) < 120_000
    # The file's data block, run without torch, gives the session's training points.
    block = text[text.index("from sklearn.datasets") : text.index("def inputs")]
    space = {"np": np}
    exec(compile(block, "data", "exec"), space)
    assert space["X_TRAIN"].tobytes() == ds.train_X.tobytes()
    assert re.search(r"reshape\(-1, 64\)", text)


# ------------------------------------------------------------------ against PyTorch (where it is installed)
@pytest.mark.parametrize("name", tuple(real_datasets.REAL_DATASETS))
def test_pytorch_rebuilds_a_real_data_session_predicts_what_it_predicts_and_trains_the_same(name, tmp_path):
    pytest.importorskip("torch")
    from model.storage.torch_export import export_torch_module
    from tests.model.storage.test_torch_export import load

    ds = real_datasets.load(name, seed=4)
    spec = ModelSpec("mlp", (6,), "tanh") if name != "breast_cancer" else ModelSpec("logistic")
    session = TrainingSession(ds, spec, TrainSpec("sgd", 0.1, dtype="float64"), seed=2)
    session.step(3)
    path = tmp_path / f"{name}_torch.py"
    export_torch_module(session, path)
    exported = load(path)
    model = exported.build_model()
    points = np.vstack([ds.train_X, ds.test_X])
    assert np.array_equal(model.predict(exported.inputs(points)).detach().numpy(), session.predict(points))
    loss, _ = exported.evaluate(model, exported.X_TRAIN, exported.Y_TRAIN)
    assert loss == pytest.approx(session.train_loss, rel=1e-12)
    # Its training loop makes the app's updates (full batch SGD: no momentum to carry over).
    exported.train(model, epochs=4, print_every=0)
    session.step(4)
    for layer, theirs in zip(session.network.layers, model.layers):
        np.testing.assert_allclose(theirs.weight.detach().numpy(), layer.W.T, rtol=0, atol=1e-12)
        np.testing.assert_allclose(theirs.bias.detach().numpy(), layer.b, rtol=0, atol=1e-12)
