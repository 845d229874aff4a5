"""The score chart's title is centred on its axis after the task changes: pyqtgraph places an axis title only when
the axis is resized, so "R²" stood where "accuracy (%)" had started, low on the axis (and back again)."""

from __future__ import annotations

import pytest

from tests.gui.plot.test_curves_view import make_curves, snap


@pytest.fixture
def view(make_curves_view):
    return make_curves_view(900, 260)


def title_offset(view) -> float:
    """How far (px) the score axis's title stands from its axis's middle."""
    axis = view.score_plot.getAxis("left")
    margin = axis.label.document().documentMargin()
    text = axis.label.mapRectToScene(axis.label.boundingRect().adjusted(margin, margin, -margin, -margin))
    along = axis.sceneBoundingRect()
    return abs(text.center().y() - along.center().y())


def test_the_score_title_is_centred_after_each_change_of_task(view, qtbot):
    for task, title in (("classification", "accuracy (%)"), ("regression", "R²"), ("classification", "accuracy (%)")):
        view.show_snapshot(snap(make_curves(50, task=task), task=task))
        qtbot.wait(30)
        assert view.score_plot.getAxis("left").labelText == title
        assert title_offset(view) <= 2, f"{title!r} stands {title_offset(view):.0f} px off its axis's middle"
