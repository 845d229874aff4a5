"""scikit-learn's own estimator checks for the four estimators of ``model.nn.estimators``.

``parametrize_with_checks`` generates 55 checks for each classifier and 53 for
the regressor (218 in all); every one passes, none is expected to fail
(``EXPECTED_FAILED_CHECKS`` is empty, and with ``xfail_strict`` a check listed
there that started to pass would fail the suite, so the list stays honest).
Small ``max_iter`` and hidden layers keep the whole file near 10 s.

Checks skipped when they run (by scikit-learn itself, for this environment):

- ``check_array_api_input``: SCIPY_ARRAY_API is not set. The estimators compute
  with NumPy only and do not claim array-API support (``array_api_support`` is False).
- ``check_classifier_data_not_an_array`` / ``check_regressor_data_not_an_array``:
  pandas is not installed. The half that does not need pandas (inputs that are
  array-likes but not arrays) is run in ``tests/test_estimators.py::test_not_an_array_inputs``.

Checks scikit-learn does not generate for these estimators, because of what they
declare (they do generate for scikit-learn's MLPClassifier/LogisticRegression/Perceptron):

- the ``check_sample_weight*`` and ``check_all_zero_sample_weights_error`` checks:
  ``fit`` takes no ``sample_weight`` (not supported);
- the ``check_classifiers_multilabel_*`` checks: multi-label classification is
  not supported (tag ``multi_label=False``; a 2-D y raises a ValueError saying so);
- ``check_class_weight_*``: no ``class_weight`` parameter;
- ``check_sparsify_coefficients``: no ``sparsify`` method (dense weights only);
- ``check_array_api_mixed_inputs`` / ``check_array_api_same_namespace``: no array-API support.

Sparse input is not supported either; ``check_estimator_sparse_array``,
``check_estimator_sparse_matrix`` and ``check_estimator_sparse_tag`` run and pass
(they require a clear error). ``MLPRegressor`` declares multi-output support, so
``check_regressor_multioutput`` runs for it too.
"""

import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from model import LogisticRegression, MLPClassifier, MLPRegressor, Perceptron

ESTIMATORS = [
    Perceptron(max_iter=20),
    LogisticRegression(max_iter=100),
    MLPClassifier(hidden_layer_sizes=(20,), max_iter=100, learning_rate_init=0.01),
    MLPRegressor(hidden_layer_sizes=(20,), max_iter=100, learning_rate_init=0.01),
]

# The small max_iter makes many fits stop at max_iter: expected, not worth a warning each.
pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")

#: Estimator class name -> {check name: reason it is expected to fail}. None are.
EXPECTED_FAILED_CHECKS: dict[str, dict[str, str]] = {}


def expected_failed_checks(estimator):
    return EXPECTED_FAILED_CHECKS.get(type(estimator).__name__, {})


@parametrize_with_checks(ESTIMATORS, expected_failed_checks=expected_failed_checks, xfail_strict=True)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)
