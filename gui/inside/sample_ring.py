"""The ring the plot draws around a training sample the perceptron's rule looked at: the lesson's current sample
and, at Watch's start, the sample whose mistake moved the line last. One look for both, so a teacher reads one
visual language: orange and thick for a misclassified sample (the rule moved the line for it), thin in the plot's
ink for one it got right."""

from __future__ import annotations

import pyqtgraph as pg

from gui.inside.inspect_common import NEGATIVE
from gui.widgets import theme

RING_SIZE = 22  # px across: clear of the point it surrounds
RING_Z = 50  # above the points and the boundary, below the probe's +


def ring_pen(wrong: bool, now: theme.Theme):
    """A ring's pen: orange and thick when the sample was misclassified, else thin in the plot's ink of ``now``."""
    return pg.mkPen(NEGATIVE, width=3.5) if wrong else pg.mkPen(now.plot_ink, width=2.0)


def sample_ring(wrong: bool = False) -> pg.ScatterPlotItem:
    """An empty, hidden ring item for the plot (shown with a sample: an empty item still costs a paint call per
    frame)."""
    ring = pg.ScatterPlotItem(size=RING_SIZE, symbol="o", brush=None, pen=ring_pen(wrong, theme.current()))
    ring.setZValue(RING_Z)
    ring.hide()
    return ring
