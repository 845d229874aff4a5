"""Network health reads as it means: the sentence under the table says its rule ("mostly (≥ 50 %)") and the
shares below it, the gradient norms' chart counts whole epochs (one point, opened after training, was on an axis of
"60.6 … 61.4"), and its legend stays above the curves."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF

from gui.inside.health_panel import HealthPanel
from tests.gui.inside.test_inside_views import make_session


def _panel(qtbot, session):
    panel = HealthPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 560)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_dataset(session.dataset)
    panel.show_snapshot(session.snapshot())
    panel.flush()
    return panel


def _ticks(panel) -> list[float]:
    axis = panel.norm_plot.getAxis("bottom")
    low, high = axis.range
    return [v for _, values in axis.tickValues(low, high, axis.width()) for v in values]


def test_opened_after_training_the_chart_has_whole_epoch_ticks_around_its_one_point(qtbot):
    session = make_session(name="moons", hidden=(6, 4), activation="tanh")
    session.step(61)
    panel = _panel(qtbot, session)
    ticks = _ticks(panel)
    assert ticks and all(float(t).is_integer() for t in ticks), ticks
    assert 61 in ticks
    low, high = panel.norm_plot.getAxis("bottom").range
    assert low < 61 < high and high - low < 4  # the point in the middle of the epochs around it


def test_the_legend_does_not_cover_the_curves(qtbot):
    session = make_session(name="moons", hidden=(6, 4), activation="tanh")
    session.step(5)
    panel = _panel(qtbot, session)
    for _ in range(6):
        session.step(7)
        panel.show_snapshot(session.snapshot())
        panel.flush()
    qtbot.wait(50)  # the view takes its range as a person sees it
    assert all(float(t).is_integer() for t in _ticks(panel))
    view = panel.norm_plot.getViewBox()
    legend = panel.norm_plot.getPlotItem().legend.sceneBoundingRect()
    assert len(panel._norm_curves) == 3
    for curve in panel._norm_curves.values():
        xs, ys = curve.getData()
        assert len(xs) >= 2
        for x, y in zip(xs, ys):  # ys are log10 of the norms, the view's own coordinates
            at = view.mapViewToScene(QPointF(float(x), float(y)))
            assert view.sceneBoundingRect().contains(at)
            assert at.y() > legend.bottom(), (x, y, at, legend)


def test_the_sentence_says_its_rule_and_the_shares_under_it(qtbot):
    session = make_session(name="moons", hidden=(6, 4), activation="tanh")
    session.step(40)
    panel = _panel(qtbot, session)
    saturated = [h.saturated_fraction for h in panel.health[:-1]]
    text = panel.caption.text()
    if max(saturated) < 0.5:
        assert text.startswith("No hidden layer is mostly (≥ 50 %) dead or saturated")
        for k, share in enumerate(saturated):
            if share > 0:
                cell = panel.cell(k, "saturated")
                assert f"h{k + 1} {cell}" in text  # the same share as the table's cell
    else:
        assert "Mostly (≥ 50 %) saturated" in text
    assert "No dead or saturated layers" not in text


def test_a_mostly_saturated_layer_is_named_as_the_table_names_it():
    from types import SimpleNamespace

    def layer(index, saturated):
        return SimpleNamespace(index=index, dead_fraction=np.nan, saturated_fraction=saturated, weight_grad_norm=1.0)

    words = HealthPanel._summary([layer(1, 0.23), layer(2, 0.0), layer(3, 0.9)])
    assert words == "No hidden layer is mostly (≥ 50 %) dead or saturated (saturated: h1 23 %)."
    words = HealthPanel._summary([layer(1, 0.8), layer(2, 0.1), layer(3, 0.9)])
    assert words.startswith("Mostly (≥ 50 %) saturated: h1;")


def test_the_perceptron_has_no_gradient_and_the_panel_says_so_instead_of_nan(qtbot):
    # the perceptron rule (w += η·y·x on a mistake) follows no loss's gradient: its cells showed "NaN" and its
    # chart an empty log axis of stray labels
    session = make_session(name="moons", hidden=(), kind="perceptron")
    session.step(5)
    panel = _panel(qtbot, session)
    for measure in ("‖dL/dW‖", "‖dL/db‖"):
        assert panel.cell(0, measure) == "—"
    assert panel.cell(0, "‖W‖") not in ("—", "NaN", "nan")
    assert panel.no_gradient.isVisible() and "mistakes" in panel.no_gradient.text()
    assert not panel.norm_plot.isVisible()

    # a model with a gradient, in the same panel: the numbers and the chart are back
    session = make_session(name="moons", hidden=(4,), activation="tanh")
    session.step(5)
    panel.show_snapshot(session.snapshot())
    panel.flush()
    assert np.isfinite(float(panel.cell(0, "‖dL/dW‖")))
    assert not panel.no_gradient.isVisible() and panel.norm_plot.isVisible()
