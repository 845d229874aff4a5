"""Step slowly writes every hidden activation's own formula and slope, with the network's numbers: an activation
registered in ``model.nn.activations`` is explained as itself, never as another (the caption of an unknown one
said "a = z" and "f′(z) = f′(z)"). No Qt needed."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from gui.inside.inspect_common import fmt
from gui.inside.slow_step_text import Phase, phase_caption
from gui.widgets.unbroken_text import plain
from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.inside.step_phases import StepPhases, take_slow_step
from model.nn.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, LEAKY_SLOPE
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

#: where the captions are read: both sides of every kink at 0, and the flat tails of σ and tanh
Z_VALUES = (-2.5, -0.4, 0.3, 1.7)


def slow_step(activation: str) -> StepPhases:
    X, y = make_dataset("moons", 40, 0.2, seed=4)
    spec = ModelSpec(hidden_layer_sizes=(4,), activation=activation)
    session = TrainingSession(Dataset.from_arrays(X, y, seed=0), spec, TrainSpec(dtype="float64"), seed=1)
    session.step(2)
    phases = take_slow_step(session)
    assert isinstance(phases, StepPhases)
    return phases


def at_z(phases: StepPhases, z: float) -> tuple[StepPhases, float, float]:
    """``phases`` with the hidden unit the captions feature at pre-activation ``z``, its output the network's
    f(z); with f(z) and f′(z), the slope by central differences of the network's function (not its derivative)."""
    hidden = phases.layers[0]
    _, j = hidden.featured()
    f = ACTIVATIONS[hidden.activation].function
    h = 1e-6
    value = float(f(np.array([z]))[0])
    slope = float((f(np.array([z + h])) - f(np.array([z - h])))[0] / (2 * h))
    zs, a, dz = hidden.z.copy(), hidden.a.copy(), hidden.dz.copy()
    zs[j], a[j], dz[j] = z, value, hidden.da[j] * slope
    layers = (replace(hidden, z=zs, a=a, dz=dz), *phases.layers[1:])
    return replace(phases, layers=layers), value, slope


@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
def test_the_captions_write_each_activations_formula_and_the_networks_numbers(activation):
    registered = ACTIVATIONS[activation]
    phases = slow_step(activation)
    _, j = phases.layers[0].featured()
    for z in Z_VALUES:
        shown, value, slope = at_z(phases, z)
        forward = plain(phase_caption(shown, Phase("forward", 1)))
        assert f"applies {registered.applied_name}." in forward
        assert f"a = {registered.formula}" in forward
        assert forward.split("<br>")[2].endswith(f" = {fmt(value)}"), (z, forward)
        backward = plain(phase_caption(shown, Phase("backward", 1)))
        written = fmt(slope, 3)  # a factor inside a formula: three digits
        assert f"· {written} = {fmt(shown.layers[0].dz[j])}" in backward, (z, written, backward)
        assert f"f′(z) = {registered.derivative_formula})" in backward


def test_a_leaky_relu_layers_backward_caption_gives_its_slope_rule_and_number():
    """A person steps slowly through a leaky-ReLU network: the caption names the slope's rule and writes the slope
    the network used for the featured unit (0.01 for z ≤ 0), not "f′(z) = f′(z)"."""
    phases = slow_step("leaky_relu")
    hidden = phases.layers[0]
    _, j = hidden.featured()
    caption = plain(phase_caption(phases, Phase("backward", 1)))
    assert f"f′(z) = 1 if z > 0 else {LEAKY_SLOPE:g}" in caption
    slope = 1.0 if hidden.z[j] > 0 else LEAKY_SLOPE
    assert "∂L/∂a · f′(z) = " in caption and f"· {fmt(slope, 3)} = {fmt(hidden.dz[j])}" in caption
    assert np.isclose(hidden.dz[j], hidden.da[j] * slope)
