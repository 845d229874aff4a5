"""scikit-learn compatible estimators, thin wrappers over the app's own core.

``Perceptron``, ``LogisticRegression``, ``MLPClassifier`` and ``MLPRegressor``
train a ``model.nn.network.Network`` with the optimizers of ``model.nn.optimizers``
(or Rosenblatt's rule of ``model.nn.perceptron_rule``): the very code the app
animates, behind scikit-learn's API (``fit``, ``partial_fit``, ``predict``,
``predict_proba``, ``score``, ``get_params``/``set_params``, ``clone``, pipelines,
grid search).

Names follow scikit-learn where they overlap (``hidden_layer_sizes``,
``activation``, ``solver``, ``alpha``, ``batch_size``, ``learning_rate_init``,
``momentum``, ``max_iter``, ``tol``, ``coefs_``, ``loss_curve_``, ...), and so
does the maths: the mean loss over a batch, the L2 term
``0.5 * alpha * sum(W**2) / n_samples``, the same SGD/Nesterov/Adam updates, the
same batches (``batch_size='auto'`` is ``min(200, n_samples)``), the same
stopping rule (stop when the training loss has not improved by ``tol`` for more
than ``n_iter_no_change`` epochs) and, with ``weight_init='glorot'`` (the
default), the same initial weights drawn from the same ``random_state``. So
from the same weights the same updates follow, and ``MLPClassifier(random_state=0)``
here and in ``sklearn.neural_network`` train alike (to rounding).

One difference by design of the core: for a regressor with several outputs,
the loss (``loss_``, ``loss_curve_``) is the squared error *summed* over the
outputs, ``0.5 * sum((y - y_hat)**2) / n_samples``, the function the shared
gradient ``(y_hat - y) / n_samples`` descends; scikit-learn reports the mean over
outputs (scikit-learn GitHub issue 8349). The updates are the same; the reported loss is
n_outputs times larger, and ``tol`` applies to it.

What scikit-learn's MLP has and these do not: the ``lbfgs`` solver, learning
rate schedules other than constant, early stopping on a validation split,
``sample_weight``, sparse input, multi-label classification, and the Poisson
loss. What they have and scikit-learn's does not: ``activation='leaky_relu'``
and ``'softplus'`` (or one activation per hidden layer), an ``l1`` penalty, ``weight_init``
(``'glorot'``, ``'he'``, ``'auto'``) and ``dtype`` (``'float32'`` trains in
single precision, as the app does; the default, None, trains in X's precision when X is float32 or float64,
as scikit-learn does). Bad parameters raise scikit-learn's ``InvalidParameterError`` at ``fit``.

``coefs_`` and ``intercepts_`` are lists of *views* into the network's one flat
parameter vector: ``est.coefs_[0][...] = W``, ``est.coefs_[0] = W`` and
``est.coefs_ = [W0, W1]`` all write into the network, and the next
``partial_fit`` (or ``fit`` with ``warm_start=True``) continues from them.
"""

from model.nn.linear_estimators import LogisticRegression, Perceptron
from model.nn.mlp_estimators import MLPClassifier, MLPRegressor

__all__ = ["LogisticRegression", "MLPClassifier", "MLPRegressor", "Perceptron"]
