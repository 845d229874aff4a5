"""Gradient-descent optimizers that know nothing of networks.

An optimizer gets a flat parameter vector and the gradient of the loss with
respect to it (both ndarrays of shape (n_params,)) and updates the parameters
in place. Its state (velocity, moments) is one array per parameter vector.
``learning_rate`` may be changed between steps; the next step uses it.

The update rules are scikit-learn's (``sklearn/neural_network/_stochastic_optimizers.py``),
so that from the same weights the same updates follow.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from model.nn.activations import constant


class SGD:
    """Stochastic gradient descent, optionally with momentum or Nesterov momentum.

    velocity ← momentum·velocity − lr·grad
    params  ← params + velocity                               (classical momentum)
    params  ← params + momentum·velocity − lr·grad            (Nesterov)

    With momentum 0 this is plain gradient descent: params ← params − lr·grad.
    """

    def __init__(self, learning_rate: float = 0.1, momentum: float = 0.0, nesterov: bool = False):
        self.learning_rate = float(learning_rate)
        self.momentum = float(momentum)
        self.nesterov = bool(nesterov)
        self.velocity: np.ndarray | None = None
        self._step: np.ndarray | None = None

    def reset(self) -> None:
        """Forget the velocity (after new weights)."""
        self.velocity = None

    def state(self) -> dict[str, Any]:
        """Arrays and numbers needed to resume exactly (for persistence)."""
        return {"velocity": None if self.velocity is None else self.velocity.copy()}

    def load_state(self, state: Mapping[str, Any]) -> None:
        v = state.get("velocity")
        self.velocity = None if v is None else np.array(v)

    def step(self, params: np.ndarray, grads: np.ndarray) -> None:
        """Update ``params`` in place from ``grads`` (same shape)."""
        step = self._step
        if step is None or step.shape != grads.shape or step.dtype != grads.dtype:
            step = self._step = np.empty_like(grads)
        lr_grad = np.multiply(grads, constant(self.learning_rate, grads.dtype), out=step)
        if self.momentum == 0.0:
            params -= lr_grad
            return
        velocity = self.velocity
        if velocity is None or velocity.shape != params.shape:
            velocity = self.velocity = np.zeros_like(params)
        velocity *= self.momentum
        velocity -= lr_grad
        if self.nesterov:
            params += self.momentum * velocity
            params -= lr_grad
        else:
            params += velocity


class Adam:
    """Adam (Kingma & Ba, 2014) with bias-corrected moments, as scikit-learn writes it.

    m ← β1·m + (1−β1)·g;   v ← β2·v + (1−β2)·g²
    lr_t = lr·sqrt(1−β2^t) / (1−β1^t)
    params ← params − lr_t·m / (sqrt(v) + ε)
    """

    def __init__(self, learning_rate: float = 0.001, beta_1: float = 0.9, beta_2: float = 0.999, epsilon: float = 1e-8):
        self.learning_rate = float(learning_rate)
        self.beta_1, self.beta_2, self.epsilon = float(beta_1), float(beta_2), float(epsilon)
        self.t = 0
        self.m: np.ndarray | None = None
        self.v: np.ndarray | None = None
        self._work: np.ndarray | None = None

    def reset(self) -> None:
        self.t = 0
        self.m = self.v = None

    def state(self) -> dict[str, Any]:
        return {
            "t": self.t,
            "m": None if self.m is None else self.m.copy(),
            "v": None if self.v is None else self.v.copy(),
        }

    def load_state(self, state: Mapping[str, Any]) -> None:
        self.t = int(state.get("t", 0))
        self.m = None if state.get("m") is None else np.array(state["m"])
        self.v = None if state.get("v") is None else np.array(state["v"])

    def step(self, params: np.ndarray, grads: np.ndarray) -> None:
        """Update ``params`` in place from ``grads`` (same shape)."""
        m, v, work = self.m, self.v, self._work
        if m is None or v is None or m.shape != params.shape:
            m, v = self.m, self.v = np.zeros_like(params), np.zeros_like(params)
        if work is None or work.shape != grads.shape or work.dtype != grads.dtype:
            work = self._work = np.empty_like(grads)
        self.t += 1
        b1, b2 = self.beta_1, self.beta_2
        m *= b1
        m += np.multiply(grads, 1 - b1, out=work)
        v *= b2
        np.multiply(grads, grads, out=work)
        work *= 1 - b2
        v += work
        lr_t = self.learning_rate * np.sqrt(1 - b2**self.t) / (1 - b1**self.t)
        np.sqrt(v, out=work)
        work += self.epsilon
        np.divide(m, work, out=work)
        work *= lr_t
        params -= work


OPTIMIZERS = ("sgd", "momentum", "nesterov", "adam")


def make_optimizer(
    name: str,
    learning_rate: float,
    momentum: float = 0.9,
    beta_1: float = 0.9,
    beta_2: float = 0.999,
    epsilon: float = 1e-8,
) -> SGD | Adam:
    """Build an optimizer by name: "sgd", "momentum", "nesterov" or "adam"."""
    if name == "sgd":
        return SGD(learning_rate)
    if name == "momentum":
        return SGD(learning_rate, momentum=momentum)
    if name == "nesterov":
        return SGD(learning_rate, momentum=momentum, nesterov=True)
    if name == "adam":
        return Adam(learning_rate, beta_1, beta_2, epsilon)
    raise ValueError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}")
