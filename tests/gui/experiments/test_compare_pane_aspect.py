"""A compare pane shows the region the main plot shows (the data's frame, or where the person zoomed) at the main
plot's 1:1 aspect, whatever the pane's shape: in a tall narrow dock the moons stay lying down as on the main plot, in
a plot of the region's shape with the pane's background above and below it, so two boundaries can be compared by
eye; zooming or panning a pane moves the main plot by as much, no more."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from gui.experiments.compare_view import CompareView, region_inside
from gui.plot.boundary_view import BoundaryView
from model.data.generators import make
from model.training.group_contract import Member
from model.training.specs import ModelSpec, TrainSpec
from tests.gui.view_regions import shows_region_at_one_to_one


def _main_and_pane(qtbot, pane_size):
    from gui.main_window import apply_style

    apply_style(QApplication.instance())
    ds = make("moons", 200, 0.1, seed=0)
    main = BoundaryView()
    qtbot.addWidget(main)
    main.resize(640, 480)
    main.show()
    main.set_dataset(ds)
    qtbot.waitExposed(main)
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(*pane_size)
    view.show()
    qtbot.waitExposed(view)
    view.set_members([Member(7, "Run 2", "#009e73", ModelSpec(), TrainSpec())])
    view.attach(main)
    qtbot.wait(50)
    return main, view, view.panes[7].view


@pytest.mark.parametrize("pane_size", [(220, 520), (600, 230)], ids=["tall narrow dock", "flat wide dock"])
def test_a_pane_shows_the_main_region_unstretched(qtbot, pane_size):
    main, _view, pane = _main_and_pane(qtbot, pane_size)
    qtbot.waitUntil(lambda: pane.width() > 100 and pane.height() > 100, timeout=2000)
    shows_region_at_one_to_one(pane.vb, main.vb.targetRange())
    # zoomed in on the main plot: the pane follows, still 1:1
    main.vb.scaleBy((0.5, 0.5))
    qtbot.wait(20)
    shows_region_at_one_to_one(pane.vb, main.vb.targetRange())
    # the plot has the region's shape, centred in the pane's room: no empty band inside its frame
    box = pane.parentWidget()
    assert pane.width() <= box.width() and pane.height() <= box.height()
    assert abs(box.width() - pane.width()) <= 1 or abs(box.height() - pane.height()) <= 1
    (x0, x1), (y0, y1) = pane.vb.viewRange()
    (gx0, gx1), (gy0, gy1) = main.vb.viewRange()  # where the main plot's boundary grid is drawn
    tol = 0.01 * (gx1 - gx0)
    assert gx0 - tol <= x0 and x1 <= gx1 + tol and gy0 - tol <= y0 and y1 <= gy1 + tol


def test_panning_a_pane_pans_the_main_plot_by_as_much_without_zooming_it_out(qtbot):
    main, _view, pane = _main_and_pane(qtbot, (220, 520))
    (mx0, mx1), (my0, my1) = main.vb.targetRange()
    for _ in range(3):  # as a drag does: each move from where the last left it
        pane.vb.translateBy(x=0.1, y=0.0)
        pane.vb.sigRangeChangedManually.emit([True, True])
        qtbot.wait(10)
    (nx0, nx1), (ny0, ny1) = main.vb.targetRange()
    np.testing.assert_allclose([nx0, nx1, ny0, ny1], [mx0 + 0.3, mx1 + 0.3, my0, my1], atol=1e-6)
    shows_region_at_one_to_one(pane.vb, main.vb.targetRange())


def test_region_inside_a_view_has_the_shape_asked_and_is_centred():
    assert region_inside(((0.0, 2.0), (0.0, 4.0)), 2.0) == ((0.0, 2.0), (1.5, 2.5))
    assert region_inside(((0.0, 4.0), (-1.0, 1.0)), 1.0) == ((1.0, 3.0), (-1.0, 1.0))
