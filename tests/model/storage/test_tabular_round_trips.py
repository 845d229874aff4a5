"""Tabular n-D data from a CSV file (no origin to reload it from) and the two-features-only data made of a plane:
sessions reopen them bit for bit with their plane, the script export rebuilds and trains on them, the PyTorch file
holds the same points."""

import numpy as np
import pytest

from model.data.data_files import load_dataset
from model.data.plane_dataset import shown_plane_dataset
from model.data.view_plane import ViewPlane
from model.storage.script_export import export_script
from model.storage.session_files import load_session, save_session
from model.storage.torch_export import torch_module_text
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.model.data.test_csv_features import IRIS_LIKE
from tests.model.storage.test_script_export import imported_modules, run_script

SPEC = ModelSpec("mlp", (5,), "tanh")
TRAIN = TrainSpec("adam", 0.02, dtype="float64")


@pytest.fixture
def flowers(tmp_path):
    path = tmp_path / "flowers.csv"
    path.write_text(IRIS_LIKE, encoding="utf-8")
    return load_dataset(path).with_view_plane(ViewPlane.of_features(2, 0))


def _reopened(session, path):
    save_session(session, path)
    return load_session(path)[0]


def test_a_csv_session_reopens_bit_for_bit_with_its_plane_and_continues_the_same(tmp_path, flowers):
    straight = TrainingSession(flowers, SPEC, TRAIN, seed=1)
    straight.step(7)
    first = TrainingSession(flowers, SPEC, TRAIN, seed=1)
    first.step(4)
    resumed = _reopened(first, tmp_path / "flowers.npz")
    ds = resumed.dataset
    assert ds.same_as(flowers) and ds.X.tobytes() == flowers.X.tobytes()
    assert ds.view_plane == ViewPlane.of_features(2, 0) and ds.feature_names[2] == "petal length"
    assert ds.plane_frame().label.startswith("petal length vs sepal length")
    resumed.step(3)
    assert resumed.network.params.tobytes() == straight.network.params.tobytes()


def test_the_two_shown_features_only_data_reopens_with_its_names(tmp_path, flowers):
    two = shown_plane_dataset(flowers)
    session = TrainingSession(two, SPEC, TRAIN, seed=0)
    session.step(2)
    ds = _reopened(session, tmp_path / "two.npz").dataset
    assert ds.same_as(two) and ds.feature_names == ("petal length", "sepal length")
    assert "only the features" in ds.description and ds.view_plane is None


def test_the_script_of_a_csv_session_rebuilds_the_points_and_trains_to_the_session_loss(tmp_path, flowers):
    session = TrainingSession(flowers, SPEC, TRAIN, seed=3)
    session.step(6)
    path = tmp_path / "flowers.py"
    export_script(session, path, title="flowers")
    source = path.read_text(encoding="utf-8")
    assert imported_modules(source) == {"numpy"}
    loss, stdout = run_script(path)
    assert loss == pytest.approx(session.train_loss, rel=1e-10)
    assert "test accuracy" in stdout


def test_the_pytorch_file_of_a_csv_session_holds_its_four_features(flowers):
    session = TrainingSession(flowers, SPEC, TRAIN, seed=0)
    text = torch_module_text(session)
    compile(text, "flowers_torch.py", "exec")
    block = text[text.index("X_TRAIN = ") : text.index("def inputs")]
    space: dict = {}
    exec(compile(block, "data", "exec"), space)
    ds = session.dataset
    assert np.asarray(space["X_TRAIN"], dtype=np.float64).tobytes() == ds.train_X.tobytes()
    assert np.asarray(space["Y_TEST"]).tolist() == ds.test_y.tolist()
    assert "(n, 4)" in text


def test_pytorch_rebuilds_a_csv_session_and_predicts_what_it_predicts(flowers, tmp_path):
    pytest.importorskip("torch")
    from model.storage.torch_export import export_torch_module
    from tests.model.storage.test_torch_export import load

    session = TrainingSession(flowers, SPEC, TRAIN, seed=0)
    session.step(10)
    export_torch_module(session, tmp_path / "flowers_torch.py")
    exported = load(tmp_path / "flowers_torch.py")
    model = exported.build_model()
    points = np.vstack([flowers.train_X, flowers.test_X])
    assert np.array_equal(model.predict(exported.inputs(points)).detach().numpy(), session.predict(points))
    loss, _ = exported.evaluate(model, exported.X_TRAIN, exported.Y_TRAIN)
    assert loss == pytest.approx(session.train_loss, rel=1e-12)
