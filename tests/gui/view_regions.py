"""What a linked view shows: all of a region, at a 1:1 aspect, with no more margin than its shape needs."""

from __future__ import annotations

import numpy as np
import pytest


def shows_region_at_one_to_one(pane_vb, region) -> None:
    """The pane shows all of ``region`` and touches it on one axis, with square pixels."""
    (px, py) = pane_vb.viewPixelSize()
    assert px == pytest.approx(py, rel=0.02)  # the moons are not stretched
    (x0, x1), (y0, y1) = pane_vb.viewRange()
    (rx0, rx1), (ry0, ry1) = region
    tol = 0.01 * max(rx1 - rx0, ry1 - ry0)
    assert x0 <= rx0 + tol and x1 >= rx1 - tol and y0 <= ry0 + tol and y1 >= ry1 - tol  # all of it
    touches_x = abs(x0 - rx0) < tol and abs(x1 - rx1) < tol
    touches_y = abs(y0 - ry0) < tol and abs(y1 - ry1) < tol
    assert touches_x or touches_y  # no more margin than the shape needs
    np.testing.assert_allclose([(x0 + x1) / 2, (y0 + y1) / 2], [(rx0 + rx1) / 2, (ry0 + ry1) / 2], atol=tol)
