"""scikit-learn's conventions the estimators keep beyond its generated checks: its parameter validation
(InvalidParameterError, every constraint tried), its MLP's precision rule (float32 input trains in float32),
and a declared scikit-learn floor that has every API the code uses."""

import ast
import tomllib

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils._param_validation import InvalidParameterError
from sklearn.utils.estimator_checks import check_param_validation

from model import LogisticRegression, MLPClassifier, MLPRegressor, Perceptron
from tests.paths import ROOT

pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
ESTIMATORS = [Perceptron, LogisticRegression, MLPClassifier, MLPRegressor]


def problem(dtype, regression=False):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 3)).astype(dtype)
    y = X[:, 0] - X[:, 1] if regression else (X[:, 0] + X[:, 1] > 0).astype(int)
    return X, y


def small(cls, **params):
    if cls in (MLPClassifier, MLPRegressor):
        params.setdefault("hidden_layer_sizes", (4,))
    return cls(max_iter=3, random_state=0, **params)


@pytest.mark.parametrize("cls", ESTIMATORS, ids=lambda c: c.__name__)
def test_every_parameter_constraint_is_checked_as_scikit_learn_does(cls):
    # Tries a value of a wrong type and a value out of range for every parameter, at fit and partial_fit,
    # and that every __init__ parameter has a constraint.
    check_param_validation(cls.__name__, cls())


@pytest.mark.parametrize(
    "cls, params, match",
    [
        (MLPClassifier, dict(hidden_layer_sizes=(3, 0)), "hidden_layer_sizes"),
        (MLPClassifier, dict(activation=("tanh", "relu")), "activation"),
        (MLPRegressor, dict(activation=("tanh", "softsign")), "activation"),
        (LogisticRegression, dict(solver="lbfgs"), "solver"),
        (LogisticRegression, dict(dtype="float16"), "dtype"),
        (Perceptron, dict(eta0=0.0), "eta0"),
        (Perceptron, dict(shuffle="yes"), "shuffle"),
    ],
)
def test_bad_parameters_raise_scikit_learns_invalid_parameter_error(cls, params, match):
    X, y = problem(np.float64, regression=cls is MLPRegressor)
    with pytest.raises(InvalidParameterError, match=match):
        cls(**params).fit(X, y)


@pytest.mark.parametrize("cls", ESTIMATORS, ids=lambda c: c.__name__)
def test_float32_input_trains_in_float32_by_default_as_scikit_learns_mlp(cls):
    X32, y = problem(np.float32, regression=cls is MLPRegressor)
    est = small(cls).fit(X32, y)
    assert est.network_.dtype == np.float32 and est.coefs_[0].dtype == np.float32
    if cls is MLPRegressor:
        assert est.predict(X32.astype(np.float64)).dtype == np.float32  # predicts in the network's precision
    for other in (X32.astype(np.float64), X32.astype(np.float16).tolist(), (X32 * 10).astype(np.int64)):
        assert small(cls).fit(other, y).network_.dtype == np.float64  # anything else: float64, as scikit-learn
    # A continued fit keeps the network's precision, whatever the new batch's.
    est.partial_fit(X32.astype(np.float64), y)
    assert est.network_.dtype == np.float32


@pytest.mark.parametrize("cls", ESTIMATORS, ids=lambda c: c.__name__)
def test_an_explicit_dtype_wins_over_the_inputs(cls):
    X32, y = problem(np.float32, regression=cls is MLPRegressor)
    assert small(cls, dtype="float64").fit(X32, y).network_.dtype == np.float64
    assert small(cls, dtype=np.float32).fit(X32.astype(np.float64), y).network_.dtype == np.float32


def test_float32_default_matches_scikit_learns_own_mlp():
    from sklearn.neural_network import MLPClassifier as SkMLP

    X32, y = problem(np.float32)
    ours = MLPClassifier(hidden_layer_sizes=(4,), max_iter=2, random_state=0).fit(X32, y)
    theirs = SkMLP(hidden_layer_sizes=(4,), max_iter=2, random_state=0)
    with pytest.warns(ConvergenceWarning):
        theirs.fit(X32, y)
    assert ours.coefs_[0].dtype == theirs.coefs_[0].dtype == np.float32


# ------------------------------------------------------------------ the declared floor
#: The scikit-learn release that first has each API the code uses (from scikit-learn's release notes).
#: A new import must be added here, so the floor in pyproject.toml is checked against it.
FIRST_RELEASE = {
    "sklearn.base.BaseEstimator": "1.0",
    "sklearn.base.ClassifierMixin": "1.0",
    "sklearn.base.RegressorMixin": "1.0",
    "sklearn.datasets.load_breast_cancer": "1.0",
    "sklearn.datasets.load_digits": "1.0",
    "sklearn.datasets.load_iris": "1.0",
    "sklearn.datasets.load_wine": "1.0",
    "sklearn.datasets.make_blobs": "1.0",
    "sklearn.datasets.make_circles": "1.0",
    "sklearn.datasets.make_moons": "1.0",
    "sklearn.decomposition.PCA": "1.0",
    "sklearn.exceptions.ConvergenceWarning": "1.0",
    "sklearn.exceptions.NotFittedError": "1.0",
    "sklearn.preprocessing.LabelBinarizer": "1.0",
    "sklearn.utils.check_random_state": "1.0",
    "sklearn.utils.column_or_1d": "1.0",
    "sklearn.utils.shuffle": "1.0",
    "sklearn.utils._param_validation.Interval": "1.2",
    "sklearn.utils._param_validation.InvalidParameterError": "1.2",
    "sklearn.utils._param_validation.Options": "1.2",
    "sklearn.utils._param_validation.StrOptions": "1.2",
    "sklearn.utils.multiclass.check_classification_targets": "1.0",
    "sklearn.utils.multiclass.unique_labels": "1.0",
    "sklearn.utils.validation.check_is_fitted": "1.0",
    "sklearn.utils.validation.validate_data": "1.6",
    # Not an import: the estimators override __sklearn_tags__ (the Tags dataclasses), new in 1.6.
    "sklearn.utils.Tags": "1.6",
}


def _sklearn_imports() -> set[str]:
    found = set()
    for top in ("model", "gui", "neural_playground"):
        for path in (ROOT / top).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sklearn":
                    found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_the_declared_scikit_learn_floor_has_everything_the_code_uses():
    used = _sklearn_imports()
    assert "sklearn.utils.validation.validate_data" in used  # the walk finds the imports
    unknown = used - set(FIRST_RELEASE)
    assert not unknown, f"add the first scikit-learn release of {sorted(unknown)} to FIRST_RELEASE"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (requirement,) = [d for d in project["dependencies"] if d.startswith("scikit-learn")]
    floor = requirement.split(">=")[1].split(",")[0].split(";")[0].strip()
    needed = max((FIRST_RELEASE[name] for name in used | {"sklearn.utils.Tags"}), key=_version)
    assert _version(floor) >= _version(needed), f"scikit-learn>={floor} lacks what the code uses (>= {needed})"
