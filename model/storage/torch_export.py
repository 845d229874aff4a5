"""Export a training session as a PyTorch module, for when an experiment outgrows the app.

    export_torch_module(session, "experiment_torch.py")
    text = torch_module_text(session)              # the same, as a string

The file holds an ``nn.Module`` of the session's architecture (``nn.Linear`` layers with the same sizes and
hidden activations; the perceptron is one ``nn.Linear``), the weights the session has trained (in nn.Linear's
layout, ``weight`` = the app's ``W`` transposed), the training and test points (a real data set loaded through
scikit-learn, ``model.storage.script_data``), the extra input features, and the
training settings as a PyTorch loop that continues from those weights: the same loss (binary or softmax
cross-entropy, half the squared error summed over the outputs), the same L2/L1 penalties on the weights only,
scaled by the batch size, the same optimizer settings (``torch.optim.SGD`` with or without (Nesterov) momentum
equals the app's updates at a constant learning rate; ``torch.optim.Adam`` adds epsilon after the bias correction,
a difference of the order of epsilon), the same batch size and shuffling on or off (torch's generator draws the
order, so not the app's batches), or Rosenblatt's rule for the perceptron. ``python file.py`` trains ``EPOCHS``
more epochs and prints the loss; ``from file import build_model, inputs`` gives the trained network to other code.

Pure text generation: this module never imports PyTorch (nor Qt), so the app exports without PyTorch installed.

The text is written top to bottom: the settings, the data and the network here, the training loop, the evaluation and
``main`` in ``model.storage.torch_training_code``; the literals it shares with the NumPy script are in
``model.storage.script_literals``.

Hidden units switched off in the app stay off in the module: a mask buffer per hidden layer is multiplied after
the activation, and the penalties leave their incoming weights out, as the app does.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import numpy as np

from model.nn.activations import get_activation
from model.nn.units_off import names
from model.storage.atomic_files import FilePath, atomic_write
from model.storage.script_data import input_names_text, real_data_lines
from model.storage.script_literals import _data_literals, _float, _list_literal
from model.storage.torch_training_code import Writer, evaluation_and_main, gradient_training, perceptron_training

if TYPE_CHECKING:
    from model.nn.network import Network
    from model.training.session import TrainingSession


#: PyTorch for each extra input feature of ``model.nn.features`` (X: the raw inputs, a tensor).
FEATURE_CODE = {
    "x1^2": "X[:, 0] * X[:, 0]",
    "x2^2": "X[:, 1] * X[:, 1]",
    "x1*x2": "X[:, 0] * X[:, 1]",
    "sin_x1": "torch.sin(X[:, 0])",
    "sin_x2": "torch.sin(X[:, 1])",
}
DEFAULT_EPOCHS = 1000


def torch_module_text(
    session: TrainingSession, epochs: int = DEFAULT_EPOCHS, print_every: int | None = None, name: str = ""
) -> str:
    """The PyTorch file for ``session`` (see the module docstring) as a string.

    epochs : the epochs ``python file.py`` trains on from the exported weights
    print_every : print the loss every this many epochs (default: about ten lines)
    name : the file's name, for the usage lines of its docstring
    """
    spec, t, ds, network = session.model_spec, session.train_spec, session.dataset, session.network
    perceptron = spec.kind == "perceptron"
    for feature in spec.features:
        if feature not in FEATURE_CODE:
            raise ValueError(f"cannot export the input feature {feature!r}")
    sizes = [int(s) for s in network.layer_sizes]
    hidden = list(network.hidden_activations)
    head = "perceptron" if perceptron else network.head.name  # binary | softmax | regression
    n_classes = int(ds.n_classes) if ds.task == "classification" else 1
    print_every = max(1, int(epochs) // 10) if print_every is None else int(print_every)
    name = name or "experiment_torch.py"
    module = os.path.splitext(name)[0]
    trained = int(session.epoch)
    raw = input_names_text(ds)
    real_data = real_data_lines(ds)  # a real data set: scikit-learn loads it instead of literals

    out: list[str] = []
    w = out.append
    w("#!/usr/bin/env python3")
    w(f'"""{spec.describe()} ({"-".join(map(str, sizes))}): a Neural Playground experiment as a PyTorch module.')
    w("")
    w(f"The network as an nn.Module, the weights the app trained ({trained:,} epochs), its training and test")
    w("points, and its training settings as a PyTorch loop that continues from those weights:")
    w("")
    w(f"    python {name}                          # trains EPOCHS more epochs, prints the loss")
    if module.isidentifier():
        w(f"    from {module} import build_model, inputs   # the trained network, for your own code")
    w("")
    w(
        ("Needs PyTorch, NumPy and scikit-learn (for the data)." if real_data is not None else "Needs PyTorch.")
        + " The same loss, penalties, optimizer settings and batch size as the app; torch's own"
    )
    w("generator shuffles the samples, so the batches are not the app's.")
    w('"""')
    w("import math")
    w("")
    if real_data is not None:
        w("import numpy as np")
    w("import torch")
    w("from torch import nn")
    w("")
    w("# ---------------------------------------------------------------------------- settings")
    w(f"DTYPE = torch.{np.dtype(t.dtype).name}   # the precision the app trained in")
    w(f"EPOCHS = {int(epochs)}")
    w(f"PRINT_EVERY = {print_every}")
    w(f"SEED = {int(session.seed)}   # seeds torch's shuffling")
    w(f"LEARNING_RATE = {_float(t.learning_rate)}")
    if not perceptron:
        w(f"OPTIMIZER = {t.optimizer!r}   # 'sgd', 'momentum', 'nesterov' or 'adam'")
        w(f"MOMENTUM = {_float(t.momentum)}   # for 'momentum' and 'nesterov'")
        w(f"BETA_1, BETA_2, EPSILON = {_float(t.beta_1)}, {_float(t.beta_2)}, {_float(t.epsilon)}   # for 'adam'")
        w(f"BATCH_SIZE = {t.batch_size!r}   # samples per update; None: the whole training set")
        w(f"ALPHA = {_float(spec.alpha)}   # L2 penalty: 0.5 * ALPHA * sum(w**2) / n (weights only)")
        w(f"L1 = {_float(spec.l1)}   # L1 penalty: L1 * sum(|w|) / n (weights only)")
    w(f"SHUFFLE = {bool(t.shuffle)!r}   # reshuffle the training set every epoch")
    if ds.task == "classification":
        w(f"N_CLASSES = {n_classes}")
    w("")
    w("# ---------------------------------------------------------------------------- data")
    label = "class index 0..N_CLASSES-1" if ds.task == "classification" else "target value"
    w(f"# The app's training and test points: ({raw}) and their labels ({label}).")
    if real_data is not None:
        for line in real_data:
            w(line)
    else:
        for line in _data_literals(ds, numpy=False):
            w(line)
    w("")
    w("")
    w("def inputs(points):")
    extra = f", then {', '.join(spec.features)}" if spec.features else ""
    w(f'    """The network\'s inputs for points of shape (n, {ds.n_features}): {raw}{extra}."""')
    w("    X = torch.as_tensor(points, dtype=DTYPE).reshape(-1, " + str(ds.n_features) + ")")
    if spec.features:
        w("    columns = [X]")
        for feature in spec.features:
            w(f"    columns.append(({FEATURE_CODE[feature]})[:, None])   # {feature}")
        w("    return torch.cat(columns, dim=1)")
    else:
        w("    return X")
    w("")
    w("")
    _module_part(w, sizes, hidden, head, network)
    if perceptron:
        perceptron_training(w)
    else:
        gradient_training(w, head, masked=bool(network.units_off))
    evaluation_and_main(w, head, ds.task, trained, session)
    return "\n".join(out) + "\n"


def _module_part(w: Writer, sizes: list[int], hidden: list[str], head: str, network: Network) -> None:
    w("# ---------------------------------------------------------------------------- the network")
    w(f"LAYER_SIZES = {sizes}   # inputs, hidden layers..., outputs")
    w(f"HIDDEN_ACTIVATIONS = {hidden}")
    output = {
        "binary": "a sigmoid gives P(class 1)",
        "softmax": "a softmax gives one probability per class",
        "regression": "the predicted values",
        "perceptron": "the perceptron's scores: class 1 where z >= 0 (the largest score wins for more classes)",
    }[head]
    masked = bool(network.units_off)
    if masked:
        units = sorted(network.units_off)
        w(f"# Hidden units switched off in the app ({', '.join(names(units))}): a mask multiplied after the activation")
        w("# holds their output at 0 (no gradient for their incoming weights, none through them; not penalised).")
        w(f"UNITS_OFF = {[tuple(u) for u in units]}   # (hidden layer from 1, unit from 0)")
    w("")
    w("")
    w("class Network(nn.Module):")
    w('    """The app\'s network: nn.Linear layers, each hidden one followed by its activation. forward() gives')
    w(f'    the last layer\'s z (logits); output() applies the output activation: {output}."""')
    w("")
    w("    def __init__(self):")
    w("        super().__init__()")
    w("        pairs = zip(LAYER_SIZES[:-1], LAYER_SIZES[1:])")
    w("        self.layers = nn.ModuleList(nn.Linear(fan_in, fan_out, dtype=DTYPE) for fan_in, fan_out in pairs)")
    codes = ", ".join(get_activation(name).torch_module for name in hidden)
    w(f"        self.activations = nn.ModuleList([{codes}])")
    if masked:
        w("        for k, size in enumerate(LAYER_SIZES[1:-1]):  # 1 for a unit that works, 0 for one switched off")
        w("            mask = torch.ones(size, dtype=DTYPE)")
        w("            for layer, unit in UNITS_OFF:")
        w("                if layer == k + 1:")
        w("                    mask[unit] = 0")
        w('            self.register_buffer(f"mask{k + 1}", mask)')
        w("")
        w("    def masks(self):")
        w('        """The mask of every hidden layer, multiplied after its activation."""')
        w('        return [getattr(self, f"mask{k + 1}") for k in range(len(self.activations))]')
    w("")
    w("    def forward(self, x):")
    if masked:
        w("        for layer, activation, mask in zip(self.layers, self.activations, self.masks()):")
        w("            x = activation(layer(x)) * mask")
    else:
        w("        for layer, activation in zip(self.layers, self.activations):")
        w("            x = activation(layer(x))")
    w("        return self.layers[-1](x)")
    w("")
    w("    def output(self, x):")
    if head == "binary":
        w('        """P(class 1), shape (n,)."""')
        w("        return torch.sigmoid(self(x))[:, 0]")
    elif head == "softmax":
        w('        """Class probabilities, shape (n, N_CLASSES)."""')
        w("        return torch.softmax(self(x), dim=1)")
    elif head == "regression":
        w('        """Predicted values, shape (n,) for one output."""')
        w("        z = self(x)")
        w("        return z[:, 0] if z.shape[1] == 1 else z")
    else:
        w('        """The scores z = x @ W.T + b."""')
        w("        return self(x)")
    w("")
    w("    def predict(self, x):")
    if head == "regression":
        w("        return self.output(x)")
    elif head in ("binary", "perceptron"):
        threshold = "0" if head == "perceptron" else "0.5"
        source = "self(x)" if head == "perceptron" else "self.output(x)[:, None]"
        w('        """Class indices, shape (n,)."""')
        w(f"        scores = {source}")
        w(f"        return (scores[:, 0] >= {threshold}).long() if scores.shape[1] == 1 else scores.argmax(dim=1)")
    else:
        w('        """Class indices, shape (n,)."""')
        w("        return self(x).argmax(dim=1)")
    w("")
    w("")
    w("# The weights the app trained, in nn.Linear's layout: (weight of shape (fan_out, fan_in), bias).")
    w("TRAINED = [")
    for layer in network.layers:
        w("    (")
        w("        " + _list_literal(np.asarray(layer.W).T, indent="            ") + ",")
        w("        " + _list_literal(np.asarray(layer.b), indent="            ") + ",")
        w("    ),")
    w("]")
    w("")
    w("")
    w("def build_model():")
    w('    """The network with the weights the app trained."""')
    w("    model = Network()")
    w("    with torch.no_grad():")
    w("        for layer, (weight, bias) in zip(model.layers, TRAINED):")
    w("            layer.weight.copy_(torch.tensor(weight, dtype=DTYPE))")
    w("            layer.bias.copy_(torch.tensor(bias, dtype=DTYPE))")
    w("    return model")
    w("")
    w("")
    w("def targets(y):")
    if head == "perceptron":
        w('    """+1 for the sample\'s class, -1 otherwise: one column for two classes, else one per class."""')
        w("    y = torch.as_tensor(y, dtype=torch.long)")
        w("    if N_CLASSES <= 2:")
        w("        return torch.where(y == 1, 1.0, -1.0).to(DTYPE)[:, None]")
        w("    return torch.where(y[:, None] == torch.arange(N_CLASSES)[None, :], 1.0, -1.0).to(DTYPE)")
    elif head == "binary":
        w('    """1.0 for class 1, 0.0 for class 0: the target of the one sigmoid output."""')
        w("    return (torch.as_tensor(y) == 1).to(DTYPE)[:, None]")
    elif head == "softmax":
        w('    """Class indices, as cross_entropy takes them."""')
        w("    return torch.as_tensor(y, dtype=torch.long)")
    else:
        w('    """The target values as one output column."""')
        w("    return torch.as_tensor(y, dtype=DTYPE).reshape(-1, 1)")
    w("")
    w("")


def export_torch_module(session: TrainingSession, path: FilePath, epochs: int = DEFAULT_EPOCHS) -> None:
    """Write ``torch_module_text(session, ...)`` to ``path`` (UTF-8, atomically)."""
    text = torch_module_text(session, epochs, name=os.path.basename(os.fspath(path)))
    data = text.encode("utf-8")
    atomic_write(path, lambda f: f.write(data))


__all__ = ["export_torch_module", "torch_module_text"]
