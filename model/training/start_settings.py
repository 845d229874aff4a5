"""The settings a new run starts with: the same in a fresh window and in ``neural-playground train`` without flags.

A person who trains headless with no flags gets the training that pressing Play in a fresh app gives on the same
dataset (same data, same model, same optimizer, rate and seed: the same initial weights and the same losses). The
window's panels (``gui.panels``: model, training, data) start from these values and the command line's options
(``neural_playground.headless_options``) default to them; both read them from here.

Plain constants that import nothing: the options module reads them and ``--help`` stays free of NumPy.

These are not ``ModelSpec``'s and ``TrainSpec``'s field defaults: those say what a lesson or session file that
leaves a field out means (a lesson that names only its learning rate trains with plain SGD), which must not change
under the files already written; where a new run starts is the app's choice, which it may change here.
"""

from __future__ import annotations

from typing import Any

#: The model: an MLP of two hidden layers of 8 tanh neurons, no penalty, no extra inputs (ModelSpec's fields).
MODEL: dict[str, Any] = {
    "kind": "mlp",
    "hidden_layer_sizes": (8, 8),
    "activation": "tanh",
    "weight_init": "auto",  # He for (leaky) ReLU layers, Glorot otherwise
    "alpha": 0.0,
    "l1": 0.0,
    "features": (),
}

#: How it trains (TrainSpec's fields). Adam at 0.01 on full batches learns every built-in dataset the window offers
#: (0.03 overshoots on the spiral) in a few hundred epochs: at the "Watch" pace the two moons' boundary bends for
#: ~6 s (0.03 finished in ~60 epochs). The momentum is the momentum and Nesterov optimizers' when one picks them.
TRAINING: dict[str, Any] = {
    "optimizer": "adam",
    "learning_rate": 0.01,
    "momentum": 0.9,
    "batch_size": None,  # the whole training set
    "shuffle": True,
    "dtype": "float32",
}

#: The data: 200 points of the two moons (a dataset that needs more, the spiral, gets its own least number of
#: points), three classes where a dataset takes a number (blobs, spiral), a fifth held out, seed 0 (which also
#: seeds the initial weights and the shuffling).
DATA: dict[str, Any] = {
    "dataset": "moons",
    "n_samples": 200,
    "n_classes": 3,
    "test_fraction": 0.2,
    "seed": 0,
}
