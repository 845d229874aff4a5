"""The rings around the points the model gets wrong: how they look, and how much ink they take.

A ring is a dark circle over a white halo (``ring_passes``), drawn around each misclassified point by
``data_points.DataPoints``. It singles out the mistakes, which only works while they are a minority: before training,
and in the first epochs, nearly every point is wrong (nine in ten on the digits), and a ring on
each made one dark mass where the classes' colours and markers should be, saying nothing. So the rings fade while
more than a quarter of the points shown are wrong and are not drawn while half or more are (``ring_ink``), and come
back in full once the mistakes are a quarter or fewer. A ramp rather than a threshold: a model hovering around it
(a linear model on XOR, near half wrong) does not make the rings blink on and off.

Meanwhile the legend's "misclassified" entry is greyed and its ring sample faint (as a legend greys what it does not
show), at the same width (a wider legend would hide points or shrink the points' fit); the legend's tooltip gives the
rule (``LEGEND_TIP``). Which points are ringed never changes: the fade is the opacity the rings' one cached image is
blended with (``points_layer.PointsLayer``), so it costs nothing per frame, and no drawing at all while the rings are
not shown.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from gui.widgets import colors
from gui.widgets.plot_look import PlotLook

#: The share of the shown points the model gets wrong up to which the rings are drawn in full ink, and from which
#: they are not drawn; between the two they fade linearly.
RINGS_FULL_UP_TO, RINGS_NONE_FROM = 0.25, 0.5
FADED_SAMPLE_ALPHA = 80  # the legend's ring sample while the rings fade: faint, still there to say what a ring is
LEGEND_TIP = (
    "Each class has its colour and marker; hollow markers are test points. A dark ring marks a point the model gets "
    f"wrong. While more than {RINGS_FULL_UP_TO:.0%} of the points shown are wrong the rings fade (the entry is "
    f"greyed), and while {RINGS_NONE_FROM:.0%} or more are wrong they are not drawn, so that the classes stay "
    "readable before and early in training."
)


def ring_ink(wrong_share: float) -> float:
    """The rings' opacity (0..1) when ``wrong_share`` of the shown points are wrong."""
    return float(np.clip((RINGS_NONE_FROM - wrong_share) / (RINGS_NONE_FROM - RINGS_FULL_UP_TO), 0.0, 1.0))


def ring_passes(look: PlotLook) -> list:
    """A white halo under a dark ring, around a misclassified point."""
    return [(pg.mkPen("w", width=look.line(3.6)), None), (pg.mkPen(colors.MISCLASSIFIED, width=look.line(1.6)), None)]
