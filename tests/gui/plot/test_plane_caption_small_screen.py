"""Tabular data on a 1024×700 window, as a newcomer sees it: the points fill the plot, and the caption under it,
saying what plane the plot shows and what the boundary is, is whole and readable. Inside the view, the caption took
a bottom corner beside the score and the legend, and the fit that keeps every point clear of them shrank the
irises and the wines to about half of the plot's height; the two moons, which have no caption, keep all of theirs.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF

from tests.gui.panels.test_real_data_choice import _pick as pick_dataset
from tests.gui.plot.test_legend_place import settled

SMALL_SCREEN = (1024, 700)
#: the share of the view the points span across its tighter dimension (the view's equal scales leave the other one
#: wider): a fit of no more than the usual margin spans 0.86; the room the legend and the score need in the corners
#: takes some of it (the wines' first two components: 0.70). Inside the view, the caption left 0.52.
FILLED = 0.65
MOST_LINES = 2


def pick(w, qtbot, name: str) -> None:
    """The data set picked as in the popup, its first snapshot come, and the plot at rest."""
    pick_dataset(w, qtbot, name)
    settled(qtbot, w.boundary_view)


def show_two_features(w, qtbot) -> None:
    control = w.data_panel.plane_control
    before = w.document.version
    control.kind.setCurrentIndex(control.kind.findData("features"))
    control.kind.activated.emit(control.kind.currentIndex())
    qtbot.waitUntil(lambda: w.document.version > before, timeout=5000)
    settled(qtbot, w.boundary_view)


def points_fill(view) -> float:
    """How much of the view the points span across its tighter dimension."""
    xy = view.data_points.xy
    (x0, x1), (y0, y1) = view.vb.viewRange()
    span = xy.max(axis=0) - xy.min(axis=0)
    return float(max(span[0] / (x1 - x0), span[1] / (y1 - y0)))


def check_caption_whole(view, moment: str) -> None:
    """Every word the caption says is drawn, in order, in lines that fit the room the plot gives them, inside the
    plot widget, and under the view (covering none of it)."""
    caption, row = view.plane_caption, view.plane_caption.row
    said = caption.text().splitlines()
    lines = row.lines()
    assert row.isVisible() and len(said) == 2, moment
    assert lines == said or " ".join(lines) == "; ".join(said), f"{moment}: {lines} do not say {said}"
    assert len(lines) <= MOST_LINES, f"{moment}: {len(lines)} lines"
    needed, given = row.needed_size(), row.size()
    assert needed.width() <= given.width() and needed.height() <= given.height(), (
        f"{moment}: the caption needs {needed.toTuple()} px and is given {given.toTuple()}"
    )
    widget = QRectF(view.viewport().rect())
    shown = view.mapFromScene(row.sceneBoundingRect()).boundingRect()
    assert widget.contains(QRectF(shown)), f"{moment}: the caption is cut ({shown} in {widget})"
    assert row.sceneBoundingRect().top() >= view.vb.sceneBoundingRect().bottom(), f"{moment}: over the view"


@pytest.mark.parametrize("name", ["iris", "wine"])
def test_on_a_small_screen_tabular_points_fill_the_plot_and_its_caption_is_whole(make_window, qtbot, name):
    w = make_window(size=SMALL_SCREEN)
    view = w.boundary_view
    settled(qtbot, view)
    moons_height = view.vb.boundingRect().height()
    pick(w, qtbot, name)
    for moment in ("principal components", "two features"):
        if moment == "two features":
            show_two_features(w, qtbot)
        check_caption_whole(view, f"{name}, {moment}")
        fill = points_fill(view)
        assert fill >= FILLED, f"{name}, {moment}: the points span {fill:.0%} of the view"
        # no point under the legend or the score: the fit's room for them, the only room the points give up
        scene = np.array([view.vb.mapViewToScene(QPointF(x, y)).toTuple() for x, y in view.data_points.xy])
        for what, box in (("the legend", view.data_points.legend), ("the score", view._score)):
            if box.isVisible():
                rect = box.sceneBoundingRect()
                inside = (
                    (scene[:, 0] > rect.left())
                    & (scene[:, 0] < rect.right())
                    & (scene[:, 1] > rect.top())
                    & (scene[:, 1] < rect.bottom())
                )
                assert not inside.any(), f"{name}, {moment}: {inside.sum()} points under {what}"
    # back on data of two features: no caption, and the plot as tall as it was
    pick(w, qtbot, "moons")
    assert view.plane_caption.text() == "" and view.plane_caption.row.size().height() == 0
    assert view.vb.boundingRect().height() == moons_height
