"""Every number a model file holds is range-checked, and its weights must be finite numbers."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from model.storage.model_files import ModelFileError, load_model, save_model
from tests.model.storage.archive_edit import rewrite_archive

estimators = pytest.importorskip("model.nn.estimators")
HUGE = 10**400


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 2)), np.arange(30) % 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est = estimators.MLPClassifier((4,), solver="adam", max_iter=3, random_state=0).fit(X, y)
    path = tmp_path_factory.mktemp("model-numbers") / "good.npz"
    save_model(est, path)
    return path


def _attr(meta, name):
    return next(a for a in meta["attributes"] if a["name"] == name)


CASES = {
    "learning_rate_init huge": (lambda m: m["params"].update(learning_rate_init=HUGE), "learning_rate_init"),
    "learning_rate_init 1e300": (lambda m: m["params"].update(learning_rate_init=1e300), "learning_rate_init"),
    "alpha huge": (lambda m: m["params"].update(alpha=HUGE), "alpha"),
    "max_iter huge": (lambda m: m["params"].update(max_iter=HUGE), "max_iter"),
    "batch_size over int32": (lambda m: m["params"].update(batch_size=3_000_000_000), "batch_size"),
    "momentum 5": (lambda m: m["params"].update(momentum=5.0), "momentum"),
    "random_state huge": (lambda m: m["params"].update(random_state=2**70), "random_state"),
    "hidden layer of a billion": (lambda m: m["params"].update(hidden_layer_sizes={"tuple": [10**9]}), "hidden"),
    "t_ huge": (lambda m: _attr(m, "t_").update(value=HUGE), "t_"),
    "optimizer t huge": (lambda m: _attr(m, "_optimizer")["state"].update(t=HUGE), "t"),
    "optimizer rate huge": (lambda m: _attr(m, "_optimizer")["settings"].update(learning_rate=HUGE), "learning_rate"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_number_out_of_range_is_refused_naming_the_field(saved, tmp_path, name):
    edit, field = CASES[name]
    bad = tmp_path / "bad.npz"
    rewrite_archive(saved, bad, edit_meta=edit)
    with pytest.raises(ModelFileError) as info:
        load_model(bad)
    message = str(info.value)
    assert message.startswith("bad.npz: ") and field in message and len(message) < 300, message


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_weights_that_are_not_finite_numbers_are_refused(saved, tmp_path, value):
    def spoil(arrays):
        params = arrays["attr.network_.params"].copy()
        params[3] = value
        arrays["attr.network_.params"] = params

    bad = tmp_path / "nan.npz"
    rewrite_archive(saved, bad, edit_arrays=spoil)
    with pytest.raises(ModelFileError, match="not finite"):
        load_model(bad)
