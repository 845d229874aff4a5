"""The residual plot's axes read in the data's own numbers: predictions of an untrained model, all near 0, are not
rescaled into "prediction ŷ (x0.001)" under ticks of 0 to 400."""

from __future__ import annotations

import numpy as np

from gui.inside.residual_plot import ResidualPlot
from model.inside.class_scores import residuals


def test_small_predictions_are_not_rescaled_with_a_prefix_on_the_axis(qtbot):
    plot = ResidualPlot()
    qtbot.addWidget(plot)
    plot.resize(300, 220)
    plot.show()
    qtbot.waitExposed(plot)
    rng = np.random.default_rng(0)
    y = rng.normal(0, 3, size=40)
    predictions = rng.uniform(0.0, 0.4, size=40)  # an untrained regression's outputs
    plot.show_residuals(residuals(y, predictions, np.ones(40, dtype=bool), "test"))
    qtbot.wait(50)
    for side in ("bottom", "left"):
        label = plot.getPlotItem().getAxis(side).labelString()
        assert "x0.001" not in label and "(m" not in label and "x1e" not in label, label
