"""Every activation a hidden layer may use exports whole: an activation registered in ``model.nn.activations``
without its script code or its PyTorch module fails here, not in a person's File ▸ Export.

The NumPy script is run in this process (no interpreter to start: one per activation would cost seconds) and must
train to the session's loss; the PyTorch module's forward must give the network's output (where PyTorch is
installed: ``make test-torch``).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
import runpy

import numpy as np
import pytest

from model.data.generators import make
from model.nn.activations import HIDDEN_ACTIVATIONS
from model.storage.script_export import export_script
from model.storage.torch_export import export_torch_module
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

EPOCHS = 25


def trained(activation: str, epochs: int = EPOCHS) -> TrainingSession:
    """Two hidden layers of ``activation`` (its function and its slope both in the backward pass), Adam."""
    spec = ModelSpec(hidden_layer_sizes=(5, 4), activation=activation)
    train = TrainSpec(optimizer="adam", learning_rate=0.02, batch_size=20, dtype="float64")
    session = TrainingSession(make("moons", 60, seed=1), spec, train, seed=2)
    session.step(epochs)
    return session


@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
def test_the_script_of_every_hidden_activation_trains_to_the_sessions_loss(activation, tmp_path):
    session = trained(activation)
    path = tmp_path / "experiment.py"
    export_script(session, path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        runpy.run_path(str(path), run_name="__main__")
    loss = float(re.search(r"^final train loss: (\S+)$", printed.getvalue(), re.M).group(1))
    assert loss == pytest.approx(session.train_loss, rel=1e-9)
    assert loss < trained(activation, epochs=0).train_loss  # it did train: the comparison is not of two starts


@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
def test_the_pytorch_module_of_every_hidden_activation_gives_the_networks_output(activation, tmp_path):
    pytest.importorskip("torch")
    session = trained(activation)
    path = tmp_path / f"exported_{activation}.py"
    export_torch_module(session, path)
    spec = importlib.util.spec_from_file_location(path.stem, path)
    exported = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(exported)
    points = np.vstack([session.dataset.train_X, session.dataset.test_X])
    theirs = exported.build_model().output(exported.inputs(points)).detach().numpy()
    ours = session.network.forward(points)[:, 0]  # P(class 1), from the float64 network itself
    np.testing.assert_allclose(theirs, ours, rtol=1e-10, atol=1e-12)
