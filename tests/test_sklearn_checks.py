"""scikit-learn's own estimator checks for the four estimators of ``model.estimators``.

Small ``max_iter`` keeps them fast; every check that is expected to fail is
listed in ``EXPECTED_FAILED_CHECKS`` with the reason (xfail_strict: a listed check
that starts passing fails the suite, so the list stays honest).
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

#: check name -> reason, per estimator class.
EXPECTED_FAILED_CHECKS: dict[str, dict[str, str]] = {}


def expected_failed_checks(estimator):
    return EXPECTED_FAILED_CHECKS.get(type(estimator).__name__, {})


@parametrize_with_checks(ESTIMATORS, expected_failed_checks=expected_failed_checks,
                         xfail_strict=True)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)
