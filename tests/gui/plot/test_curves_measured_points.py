"""The curves draw the test loss and scores through the epochs they were measured at, and the hover readout at an
epoch between two measurements says which epoch its test loss and accuracy were measured at."""

import numpy as np
import pytest

from model.data.generators import make
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


@pytest.fixture
def trained():
    """A moons run of 300 epochs in two chunks: every epoch measured up to 32, every 2nd to 64, every
    4th to 128, every 8th to 256 (``model.training.measured_epochs``), and the chunks' last."""
    session = TrainingSession(
        make("moons", 200, seed=3), ModelSpec(hidden_layer_sizes=(8,)), TrainSpec(optimizer="adam"), seed=1
    )
    session.step(10)
    session.step(290)
    return session


def test_the_test_line_goes_through_every_measured_epoch_without_a_gap(make_curves_view, trained):
    view = make_curves_view(800, 300)
    view.set_log_epochs(False)
    view.show_snapshot(trained.snapshot())
    view.grab()
    line = view.run().test_loss
    curves = trained.history.arrays()
    measured = np.isfinite(curves["test_loss"])
    assert 60 < measured.sum() < 120  # not every epoch: some in between hold nothing
    x, y = line.getData()
    assert np.isfinite(y).all()  # no NaN, so no break in the line where an epoch was not measured
    assert (x[0], x[-1]) == (1, 300)
    assert np.isin(y, curves["test_loss"][measured]).all()  # every point drawn is a measured value


def test_the_readout_between_two_measurements_names_the_epoch_measured(make_curves_view, trained):
    view = make_curves_view(800, 300)
    view.show_snapshot(trained.snapshot())
    curves = trained.history.arrays()
    assert np.isnan(curves["test_loss"][130 - 1])  # epoch 130: between the measurements at 128 and 136
    assert view.show_readout_at(130)
    text = view.readout_text()
    assert text.startswith("epoch 130\n")
    assert f"train {curves['train_loss'][129]:.4f}" in text  # the training loss is its own epoch's
    assert f"test {curves['test_loss'][127]:.4f}" in text  # the test loss measured at epoch 128
    assert f"acc {100 * curves['test_score'][127]:.1f}%" in text
    assert "(test, acc: measured at epoch 128)" in text
    view.show_readout_at(20)  # measured there: nothing to say
    text = view.readout_text()
    assert f"test {curves['test_loss'][19]:.4f}" in text and "measured at" not in text
