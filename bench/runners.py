"""The implementations being compared, each behind the same small interface.

A runner is built for one (N, optimizer, dtype); ``prepare()`` (not timed) puts
it back at the common starting weights, ``run(epochs)`` (timed) trains that
many full-batch epochs, ``final_loss`` is the loss its last epoch reported
(each records the loss of every epoch, computed before that epoch's update).
"""

from __future__ import annotations

import itertools
import math
import warnings

from bench.common import HIDDEN, LEARNING_RATES, initial_weights, make_session, moons


class SessionRunner:
    """The app's ``TrainingSession.step(epochs)``."""

    def __init__(self, n, optimizer, dtype):
        self.name = f"TrainingSession.step {dtype}"
        self.n, self.optimizer, self.dtype = n, optimizer, dtype
        self.X, self.y = moons(n)
        self.session = None
        self.final_loss = math.nan

    def prepare(self):
        self.session = make_session(self.n, self.optimizer, self.dtype, self.X, self.y)

    def run(self, epochs):
        result = self.session.step(epochs)
        self.final_loss = result.loss


class _FitRunner:
    """An ``MLPClassifier.fit`` warm-started from the common weights; ``_make_model`` says whose."""

    def __init__(self, n, optimizer, dtype, name):
        self.name = name
        self.n, self.optimizer, self.dtype = n, optimizer, dtype
        X, y = moons(n)
        self.X, self.y = X.astype(dtype), y
        self.model = None
        self.final_loss = math.nan

    def prepare(self):
        self.model = self._make_model()
        _warm_start_from_common_weights(self.model, self.X, self.y, self.dtype)

    def run(self, epochs):
        _fit_epochs(self.model, self.X, self.y, epochs)
        self.final_loss = float(self.model.loss_curve_[-1])


class EstimatorRunner(_FitRunner):
    """Our scikit-learn compatible ``model.nn.estimators.MLPClassifier.fit``, when that module exists."""

    def __init__(self, n, optimizer, dtype):
        from model.nn.estimators import MLPClassifier  # ImportError: not written yet

        self.estimator_class = MLPClassifier
        super().__init__(n, optimizer, dtype, f"our MLPClassifier.fit {dtype}")

    def _make_model(self):
        return self.estimator_class(**estimator_settings(self.optimizer, self.n), dtype=self.dtype)


def estimator_settings(optimizer, n):
    """An MLP at its leanest for this task: no penalty, no shuffling, no momentum, one
    batch of all n samples, never stopping early (the parameters both APIs share)."""
    settings = dict(
        hidden_layer_sizes=HIDDEN,
        activation="tanh",
        solver=optimizer,
        alpha=0.0,
        batch_size=n,
        learning_rate_init=LEARNING_RATES[optimizer],
        max_iter=1,
        shuffle=False,
        tol=0.0,
        n_iter_no_change=10**9,
        random_state=0,
    )
    if optimizer == "sgd":
        settings.update(momentum=0.0, nesterovs_momentum=False)
    else:
        settings.update(beta_1=0.9, beta_2=0.999, epsilon=1e-8)
    return settings


def _warm_start_from_common_weights(model, X, y, dtype):
    """Fit one epoch (sets every fitted attribute), then put the common weights in."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(X, y)
    coefs, intercepts = initial_weights()
    model.coefs_ = [W.astype(dtype) for W in coefs]
    model.intercepts_ = [b.astype(dtype) for b in intercepts]
    model.set_params(warm_start=True)


def _fit_epochs(model, X, y, epochs):
    model.set_params(max_iter=epochs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning: max_iter reached, as intended
        model.fit(X, y)


class SklearnRunner(_FitRunner):
    """scikit-learn's ``MLPClassifier.fit``."""

    def __init__(self, n, optimizer, dtype):
        import sklearn

        super().__init__(n, optimizer, dtype, f"scikit-learn {sklearn.__version__} MLPClassifier.fit {dtype}")

    def _make_model(self):
        from sklearn.neural_network import MLPClassifier

        return MLPClassifier(
            **estimator_settings(self.optimizer, self.n), learning_rate="constant", early_stopping=False
        )


def torch_available():
    """(True, version) or (False, why)."""
    try:
        import torch
    except Exception as error:  # ImportError, or a broken wheel
        return False, f"{type(error).__name__}: {error}"
    return True, torch.__version__


class TorchRunner:
    """PyTorch CPU eager, float32, one thread: zero_grad, forward, BCE with logits,
    backward, optimizer step, and ``loss.item()`` every epoch (the app records it)."""

    def __init__(self, n, optimizer, dtype="float32"):
        import torch

        torch.set_num_threads(1)
        self.torch = torch
        self.name = f"PyTorch {torch.__version__} eager {dtype}, 1 thread"
        self.n, self.optimizer, self.dtype = n, optimizer, getattr(torch, dtype)
        X, y = moons(n)
        self.X = torch.tensor(X, dtype=self.dtype)
        self.y = torch.tensor(y[:, None], dtype=self.dtype)
        self.model = self.opt = None
        self.final_loss = math.nan

    def prepare(self):
        torch = self.torch
        sizes = [2, *HIDDEN, 1]
        layers = []
        for i, (fan_in, fan_out) in enumerate(itertools.pairwise(sizes)):
            layers.append(torch.nn.Linear(fan_in, fan_out, dtype=self.dtype))
            if i < len(sizes) - 2:
                layers.append(torch.nn.Tanh())
        self.model = torch.nn.Sequential(*layers)
        coefs, intercepts = initial_weights()
        linears = [m for m in self.model if isinstance(m, torch.nn.Linear)]
        with torch.no_grad():
            for linear, W, b in zip(linears, coefs, intercepts):
                linear.weight.copy_(torch.tensor(W.T))
                linear.bias.copy_(torch.tensor(b))
        lr = LEARNING_RATES[self.optimizer]
        if self.optimizer == "sgd":
            self.opt = torch.optim.SGD(self.model.parameters(), lr=lr)
        else:
            self.opt = torch.optim.Adam(self.model.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-8)
        self.loss_fn = torch.nn.BCEWithLogitsLoss()

    def run(self, epochs):
        model, opt, loss_fn, X, y = self.model, self.opt, self.loss_fn, self.X, self.y
        loss_value = math.nan
        for _ in range(epochs):
            opt.zero_grad()
            loss = loss_fn(model(X), y)
            loss.backward()
            opt.step()
            loss_value = loss.item()
        self.final_loss = loss_value
