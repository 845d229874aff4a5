"""Sessions on real n-D data (digits, iris) saved and reopened bit for bit, with their names, origin and view
plane; what is read about them is checked."""

from __future__ import annotations

import pytest

from model.data import real_datasets
from model.data.view_plane import ViewPlane
from model.storage.session_files import SessionFileError, load_session, save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.model.storage.archive_edit import rewrite_archive


@pytest.fixture(scope="module")
def digits():
    return real_datasets.load("digits", test_fraction=0.25, seed=6).with_view_plane(ViewPlane.of_features(27, 36))


def test_a_digits_session_reopens_bit_for_bit_and_continues_as_never_stopping(tmp_path, digits):
    spec, train = ModelSpec("mlp", (12,), "relu"), TrainSpec(optimizer="adam", learning_rate=0.01, batch_size=100)
    straight = TrainingSession(digits, spec, train, seed=3)
    straight.step(3)
    straight.step(2)
    first = TrainingSession(digits, spec, train, seed=3)
    first.step(3)
    save_session(first, tmp_path / "digits.npz")
    resumed, _view = load_session(tmp_path / "digits.npz")
    ds = resumed.dataset
    assert ds.same_as(digits)  # arrays bit for bit, names, description, origin, plane
    assert ds.X.tobytes() == digits.X.tobytes() and ds.is_test.tobytes() == digits.is_test.tobytes()
    assert ds.class_names == tuple("0123456789") and ds.feature_names[63] == "pixel_7_7"
    assert ds.origin is not None and ds.origin.name == "digits" and ds.origin.seed == 6
    assert ds.view_plane == ViewPlane.of_features(27, 36)
    resumed.step(2)
    assert resumed.network.params.tobytes() == straight.network.params.tobytes()
    assert resumed.history.arrays()["train_loss"].tobytes() == straight.history.arrays()["train_loss"].tobytes()


@pytest.fixture
def saved_iris(tmp_path):
    s = TrainingSession(real_datasets.load("iris"), ModelSpec("logistic"), seed=0)
    s.step(2)
    path = tmp_path / "iris.npz"
    save_session(s, path)
    return path


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda d: d.update(feature_names=["a"] * 3), "malformed feature names"),
        (lambda d: d.update(feature_names=[1, 2, 3, 4]), "malformed feature names"),
        (lambda d: d.update(class_names=["b", "x" * 500, "c"]), "the name of class 2, 'xxxx"),
        (lambda d: d.update(class_names=["b", "x" * 500, "c"]), "has 500 characters; a name is at most 200"),
        (lambda d: d.update(feature_names=["a", "b", "c", "y" * 201]), "the name of feature 4, 'yyyy"),
        (lambda d: d.update(description=7), "description"),
        (lambda d: d.update(description="x" * 10**5), "description"),
        (lambda d: d.update(origin={"name": "iris", "seed": -2, "test_fraction": 0.2}), "data origin"),
        (lambda d: d.update(origin={"name": "mnist", "seed": 0, "test_fraction": 0.2}), "'mnist'"),
        (lambda d: d.update(view_plane={"kind": "features", "features": [0, 4]}), "invalid data"),
        (lambda d: d.update(view_plane={"kind": "tsne", "features": [0, 1]}), "view plane"),
        (lambda d: d.update(view_plane="pca"), "view plane"),
    ],
)
def test_bad_data_metadata_is_refused_clearly(saved_iris, tmp_path, edit, message):
    bad = tmp_path / "bad.npz"
    rewrite_archive(saved_iris, bad, lambda meta: edit(meta["dataset"]))
    with pytest.raises(SessionFileError) as info:
        load_session(bad)
    assert message in str(info.value)


def test_files_without_the_new_keys_open_with_defaults(saved_iris, tmp_path):
    old = tmp_path / "old.npz"

    def strip(meta):
        for key in ("feature_names", "description", "origin", "view_plane"):
            meta["dataset"].pop(key)

    rewrite_archive(saved_iris, old, strip)
    ds = load_session(old)[0].dataset
    assert ds.feature_names == ("x1", "x2", "x3", "x4") and ds.origin is None and ds.view_plane == ViewPlane.pca()
