"""save_model / load_model: exact round trips of the estimators, no pickle, clear errors."""

from __future__ import annotations

import json
import os
import warnings

import numpy as np
import pytest

from model.storage import safe_files
from model.storage.model_files import FORMAT, VERSION, ModelFileError, load_model, save_model
from tests.model.nn.test_param_layout import weights_then_biases
from tests.model.storage.archive_edit import rewrite_archive as _rewrite

estimators = pytest.importorskip("model.nn.estimators")

RNG = np.random.default_rng(0)
X = RNG.normal(size=(80, 2))
Y_BINARY = (X[:, 0] * X[:, 1] > 0).astype(int)
Y_WORDS = np.array(["red", "green", "blue"])[(X[:, 0] > 0).astype(int) + (X[:, 1] > 0)]
Y_REG = np.column_stack([np.sin(X[:, 0]), X[:, 1] ** 2])


def _models():
    E = estimators
    return {
        "mlp binary adam": (
            E.MLPClassifier((6, 4), activation=("tanh", "relu"), max_iter=15, random_state=0, batch_size=16),
            Y_BINARY,
        ),
        "mlp words float32": (
            E.MLPClassifier((5,), solver="sgd", momentum=0.8, max_iter=15, random_state=1, dtype="float32", l1=0.01),
            Y_WORDS,
        ),
        "mlp regressor 2 outputs": (
            E.MLPRegressor((7,), solver="sgd", max_iter=15, random_state=2, batch_size=20),
            Y_REG,
        ),
        "logistic": (E.LogisticRegression(max_iter=20, random_state=0, batch_size=10), Y_WORDS),
        "perceptron": (E.Perceptron(random_state=0, max_iter=7, tol=None), Y_BINARY),
    }


MODELS = list(_models())


def _fit(name):
    est, y = _models()[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return est.fit(X, y), y


def _same_fitted_state(a, b):
    assert type(a) is type(b)
    assert a.get_params() == b.get_params()
    assert set(vars(a)) == set(vars(b))
    for x, y in zip(a.coefs_ + a.intercepts_, b.coefs_ + b.intercepts_, strict=True):
        assert x.dtype == y.dtype and x.tobytes() == y.tobytes()
    for attr, value in vars(a).items():
        if attr in ("network_", "_optimizer", "_label_binarizer"):
            continue
        other = vars(b)[attr]
        if isinstance(value, np.ndarray):
            np.testing.assert_array_equal(other, value)
            assert other.dtype == value.dtype, attr
        else:
            assert other == value, attr


@pytest.mark.parametrize("name", MODELS)
def test_round_trip_predicts_identically(tmp_path, name):
    est, y = _fit(name)
    save_model(est, tmp_path / "m.npz")
    loaded = load_model(tmp_path / "m.npz")
    _same_fitted_state(est, loaded)
    np.testing.assert_array_equal(loaded.predict(X), est.predict(X))
    if hasattr(est, "predict_proba"):
        np.testing.assert_array_equal(loaded.predict_proba(X), est.predict_proba(X))
    if hasattr(est, "classes_"):
        assert loaded.classes_.dtype == est.classes_.dtype
        np.testing.assert_array_equal(loaded.classes_, est.classes_)
    if hasattr(type(est), "coef_"):
        np.testing.assert_array_equal(loaded.coef_, est.coef_)
        np.testing.assert_array_equal(loaded.intercept_, est.intercept_)
    assert loaded.score(X, y) == est.score(X, y)


@pytest.mark.parametrize("name", MODELS)
def test_partial_fit_continues_bit_for_bit_after_loading(tmp_path, name):
    est, y = _models()[name]
    straight, _ = _models()[name]
    kwargs = {} if "regressor" in name else {"classes": np.unique(y)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i in range(10):
            straight.partial_fit(X, y, **(kwargs if i == 0 else {}))
        for i in range(5):
            est.partial_fit(X, y, **(kwargs if i == 0 else {}))
        save_model(est, tmp_path / "m.npz")
        resumed = load_model(tmp_path / "m.npz")
        for _ in range(5):
            resumed.partial_fit(X, y)
    _same_fitted_state(straight, resumed)


def test_warm_start_fit_continues_after_loading(tmp_path):
    def make():
        return estimators.MLPClassifier(
            (4,),
            max_iter=5,
            warm_start=True,
            random_state=3,
        )

    straight, est = make(), make()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        straight.fit(X, Y_WORDS).fit(X, Y_WORDS)
        est.fit(X, Y_WORDS)
        save_model(est, tmp_path / "m.npz")
        resumed = load_model(tmp_path / "m.npz").fit(X, Y_WORDS)
    _same_fitted_state(straight, resumed)


def test_unfitted_estimator_round_trip(tmp_path):
    est = estimators.MLPRegressor(hidden_layer_sizes=(3, 2), activation="tanh", alpha=0.5, n_iter_no_change=np.inf)
    save_model(est, tmp_path / "m.npz")
    loaded = load_model(tmp_path / "m.npz")
    assert loaded.get_params() == est.get_params()
    assert loaded.hidden_layer_sizes == (3, 2)  # a tuple stays a tuple
    assert not loaded.__sklearn_is_fitted__()


def test_same_model_saved_twice_gives_identical_bytes(tmp_path):
    a, _ = _fit("mlp binary adam")
    b, _ = _fit("mlp binary adam")
    save_model(a, tmp_path / "a.npz")
    save_model(b, tmp_path / "b.npz")
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()


def test_the_file_is_npz_arrays_and_json(tmp_path):
    est, _ = _fit("logistic")
    save_model(est, tmp_path / "m.npz")
    with np.load(tmp_path / "m.npz", allow_pickle=False) as npz:
        meta = json.loads(str(npz["meta"][()]))
        assert meta["format"] == FORMAT and meta["version"] == VERSION == 2
        assert meta["class"] == "LogisticRegression" and meta["fitted"] is True
        assert meta["params"]["learning_rate_init"] == est.learning_rate_init
        names = {a["name"] for a in meta["attributes"]}
        assert {"classes_", "loss_curve_", "n_iter_", "network_", "n_features_in_"} <= names
        assert meta["arrays"]["attr.network_.params"]["shape"] == [len(est.network_.params)]
        np.testing.assert_array_equal(npz["attr.classes_"], est.classes_)


def test_unsaveable_estimators(tmp_path):
    est = estimators.MLPClassifier(random_state=np.random.RandomState(0))
    with pytest.raises(ValueError, match="random_state"):
        save_model(est, tmp_path / "m.npz")
    from sklearn.linear_model import LinearRegression

    with pytest.raises(ValueError, match="can only save"):
        save_model(LinearRegression(), tmp_path / "m.npz")
    assert os.listdir(tmp_path) == []


def test_saving_is_atomic(tmp_path, monkeypatch):
    est, _ = _fit("perceptron")
    path = tmp_path / "m.npz"
    save_model(est, path)
    before = path.read_bytes()
    other, _ = _fit("logistic")

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(safe_files.os, "replace", crash)
    with pytest.raises(OSError):
        save_model(other, path)
    monkeypatch.undo()
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["m.npz"]
    assert isinstance(load_model(path), estimators.Perceptron)


# ---------------------------------------------------------------------------- bad files


def _attr(meta, name):
    return next(a for a in meta["attributes"] if a["name"] == name)


@pytest.fixture
def saved(tmp_path):
    est, _ = _fit("mlp words float32")
    path = tmp_path / "good.npz"
    save_model(est, path)
    return path


@pytest.mark.parametrize(
    "edit_meta, edit_arrays, message",
    [
        (lambda m: m.update(version=9), None, "newer"),
        (lambda m: m.update(format="neural-playground-session"), None, "session file, not a model"),
        (lambda m: m.update({"class": "os.system"}), None, "unknown kind of model"),
        (lambda m: m.update({"class": "BaseEstimator"}), None, "unknown kind of model"),
        (lambda m: m["params"].update(evil=1), None, "parameters"),
        (lambda m: m["params"].update(hidden_layer_sizes={"set": [1]}), None, "parameters"),
        (lambda m: m.update(attributes={}), None, "list of attributes"),
        (
            lambda m: m["attributes"].append({"name": "predict", "kind": "value", "value": 1}),
            None,
            "would replace part of",
        ),
        (lambda m: m["attributes"].append({"name": "__class__", "kind": "value", "value": 1}), None, "invalid name"),
        (lambda m: m["attributes"].append({"name": "x_", "kind": "value", "value": [1]}), None, "malformed value"),
        (lambda m: m["attributes"].append({"name": "x_", "kind": "pickle"}), None, "unknown kind"),
        (lambda m: m["attributes"].append(dict(_attr(m, "n_iter_"))), None, "twice"),
        (lambda m: _attr(m, "network_").update(layer_sizes=[2, 5, 4]), None, "need"),
        (lambda m: _attr(m, "network_").update(layer_sizes=[2, 10**12, 3]), None, "too large"),
        (lambda m: _attr(m, "network_").update(activations=["nope"]), None, "cannot be built"),
        (lambda m: _attr(m, "network_").update(dtype="float16"), None, "dtype"),
        (lambda m: _attr(m, "n_features_in_").update(value=5), None, "input features"),
        (lambda m: _attr(m, "_optimizer").update({"class": "Evil"}), None, "invalid optimizer"),
        (lambda m: _attr(m, "_optimizer").update({"class": ["SGD"]}), None, "invalid optimizer"),
        (lambda m: _attr(m, "_optimizer")["state"].update(extra=1), None, "optimizer state"),
        (lambda m: m.update(fitted=True, attributes=[]), lambda a: a.clear(), "no network"),
        (None, lambda a: a.update({"attr.network_.params": a["attr.network_.params"][:-1]}), "need"),
        (None, lambda a: a.update({"attr.classes_": a["attr.classes_"][:2]}), "outputs"),
        (None, lambda a: a.update({"attr.junk": np.zeros(2)}), "no attribute uses"),
        (None, lambda a: a.pop("attr.loss_curve_"), "lacks the array"),
        (None, lambda a: a.update({"attr.loss_curve_": np.zeros((2, 2))}), "malformed list"),
        (None, lambda a: a.update({"attr._optimizer.velocity": np.zeros(3)}), "optimizer array"),
    ],
)
def test_inconsistent_files_raise_a_clear_model_file_error(saved, tmp_path, edit_meta, edit_arrays, message):
    bad = tmp_path / "bad.npz"
    _rewrite(saved, bad, edit_meta, edit_arrays)
    with pytest.raises(ModelFileError) as info:
        load_model(bad)
    assert isinstance(info.value, ValueError)
    assert str(info.value).startswith("bad.npz: ")
    assert message in str(info.value)


def test_a_pickled_object_inside_is_refused(saved, tmp_path):
    arrays = safe_files.read_npz(saved)
    np.savez(tmp_path / "bad.npz", **arrays, evil=np.array([object()], dtype=object))
    with pytest.raises(ModelFileError, match="pickled Python objects"):
        load_model(tmp_path / "bad.npz")


@pytest.mark.parametrize("content", [b"", b"\x93NUMPY\x01\x00", b"PK\x05\x06" + bytes(18), b"\x80\x04K\x01."])
def test_garbage_is_a_model_file_error(tmp_path, content):
    (tmp_path / "m.npz").write_bytes(content)
    with pytest.raises(ModelFileError, match=r"^m\.npz: "):
        load_model(tmp_path / "m.npz")


@pytest.mark.parametrize("name", ["mlp binary adam", "mlp words float32"])
def test_a_version_1_file_opens_with_its_vectors_reordered(tmp_path, name):
    """Version 1 laid the parameter vectors out as all weights, then all biases."""
    est, _y = _fit(name)
    save_model(est, tmp_path / "v2.npz")
    sizes = est.network_.layer_sizes

    def to_version_1(meta):
        meta["version"] = 1

    def old_layout(arrays):
        n = est.network_.params.size
        for key, array in arrays.items():
            if key.startswith(("attr.network_.", "attr._optimizer.")) and array.shape == (n,):
                arrays[key] = weights_then_biases(array, sizes)

    _rewrite(tmp_path / "v2.npz", tmp_path / "v1.npz", to_version_1, old_layout)
    loaded = load_model(tmp_path / "v1.npz")
    _same_fitted_state(est, loaded)
    for key, array in est._optimizer.state().items():
        if isinstance(array, np.ndarray):
            np.testing.assert_array_equal(loaded._optimizer.state()[key], array)
    np.testing.assert_array_equal(loaded.predict_proba(X), est.predict_proba(X))
