"""The names people read for the settings' keys, one source for every place that says them: the panels' lists and
labels, the branch and compare dialogs, the run table and the sentences that describe a setup (the save-as-lesson
dialog said "training with adam" beside a panel that says "Adam", the branch dialog "L2 penalty" for the panel's
"L2 rate").

Pure Python: this module must never import Qt.
"""

from __future__ import annotations

from model.nn.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS

#: model kinds (``ModelSpec.kind``)
MODEL_KIND_NAMES = {"perceptron": "Perceptron", "logistic": "Logistic regression", "mlp": "Neural network (MLP)"}
#: hidden activations (``ModelSpec.activation``), as ``model.nn.activations`` names them
ACTIVATION_NAMES = {key: ACTIVATIONS[key].display_name for key in HIDDEN_ACTIVATIONS}
#: the activation lists of the panels: (key, name shown), in the registry's order
ACTIVATION_CHOICES: tuple[tuple[str, str], ...] = tuple(ACTIVATION_NAMES.items())
#: optimizers (``TrainSpec.optimizer``)
OPTIMIZER_NAMES = {"sgd": "SGD", "momentum": "Momentum", "nesterov": "Nesterov", "adam": "Adam"}
#: the weights' penalties (``ModelSpec.alpha``, ``ModelSpec.l1``)
L2_NAME = "L2 rate"
L1_NAME = "L1 rate"
#: a batch of every training point (``TrainSpec.batch_size`` None)
FULL_BATCH = "Full batch"


def optimizer_name(key: str) -> str:
    """'Adam' for 'adam'; an unknown key as it is."""
    return OPTIMIZER_NAMES.get(key, key)
