"""Every tick label of the data plot is drawn whole: a label at the top of the left axis (6 on the moons' -6..6)
once stood half above the widget's edge, cut through its digits."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPainter, QPicture


def label_rects(view, name):
    """Each tick label of axis ``name`` as (text, its rectangle in the widget's pixels)."""
    axis = view.getPlotItem().getAxis(name)
    picture = QPicture()
    painter = QPainter(picture)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    _, _, texts = specs
    return [(text, view.mapFromScene(axis.mapRectToScene(rect)).boundingRect()) for rect, _, text in texts]


@pytest.mark.parametrize("y_range", [(-6, 6), (-2, 2), (0, 100)])
@pytest.mark.parametrize("size", [(700, 450), (450, 700)])
def test_tick_labels_at_the_plots_edges_lie_inside_the_widget(boundary_view, qtbot, y_range, size):
    view = boundary_view
    view.resize(*size)  # wider than tall: the y range spans the whole height, its end ticks on the edges
    view.vb.setRange(xRange=y_range, yRange=y_range, padding=0)  # ticks on the view's very edges
    qtbot.wait(60)
    widget = view.viewport().rect()
    for name in ("left", "bottom"):
        rects = label_rects(view, name)
        assert len(rects) >= 3, name
        for text, rect in rects:
            assert widget.contains(rect), f"{name} axis label {text!r} at {rect} leaves the widget {widget}"
    assert {text for text, _ in label_rects(view, "left")} >= {str(y_range[1])}, "the top value is labelled"
