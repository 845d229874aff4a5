"""PlotFraming: where the main plot's view and its corner boxes go.

The view fitted to the points leaves room for the boxes in the corners, so that they hide none of them: the legend
and the score (top right, once training runs); the caption of a plane shown stands under the plot, not in it. A fit
is made again when the plot changes size just after it (the panels beside the plot often make room right after a
new data set is fitted), until the view is moved by hand or a range is asked for. Once a pan or zoom rests, the
legend moves to the corner where it hides the fewest points (``legend_place``: the arithmetic), unless the person
dragged it somewhere (``legend_hand``). The score sits at the top right; in a plot too narrow for both at the top,
the legend keeps to the bottom corners (the fit leaves room for it there only), and one dragged to the top gives way
to the score, as does one at the bottom of a plot too short for both. The key of a unit's map, while one is shown, sits
at the bottom right; the legend finds a corner clear of it.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QTimer, Slot

from gui.plot.data_points import DataPoints
from gui.plot.legend_place import CORNERS, fit_clear_of, move_legend, shade_legend
from gui.plot.point_markers import POINT_SIZE
from gui.plot.score_overlay import ScoreOverlay

DEFAULT_RANGE = (-6.0, 6.0)
LEGEND_DEBOUNCE_MS = 80  # the legend finds its corner again once a pan or zoom rests


class PlotFraming(QObject):
    """The view range of ``vb`` fitted to ``points``, and the places of the legend and the ``score`` box."""

    def __init__(self, vb: pg.ViewBox, points: DataPoints, score: ScoreOverlay, parent: QObject, key=None):
        super().__init__(parent)
        self.vb = vb
        self.points = points
        self.score = score
        self.key = key  # the key of a unit's map (bottom right, while one is shown), or None
        self.legend_wanted = True
        self.legend_corner = "top left"
        self.legend_by_hand = False  # the person dragged it (legend_hand): it stays where they put it
        vb.sigResized.connect(self.place_score)
        self.legend_timer = QTimer(self)
        self.legend_timer.setSingleShot(True)
        self.legend_timer.setInterval(LEGEND_DEBOUNCE_MS)
        self.legend_timer.timeout.connect(self._on_view_rested)
        # the size a fit was made for, while the view is still that fit (the plot often changes size just after a
        # new data set is fitted, as the panels beside it make room): a new size fits the points again
        self._fitted_at: tuple[float, float] | None = None
        vb.sigRangeChangedManually.connect(self.forget_fit)

    def view_moved(self) -> None:
        """The view was panned, zoomed or resized: the legend is placed again once it rests."""
        self.legend_timer.start()  # restarts: debounced

    @Slot()
    def forget_fit(self, *_) -> None:
        """The view is no longer a fit (moved by hand, or a range asked for): a new size does not fit it again."""
        self._fitted_at = None

    @Slot()
    def _on_view_rested(self) -> None:
        r = self.vb.boundingRect()
        if self._fitted_at is not None and self._fitted_at != (r.width(), r.height()):
            self.fit_to_data()  # moves the view: the legend is placed when that rests
        else:
            self.place_legend()

    def fit_to_data(self) -> None:
        """Zoom to the points, with a margin (the default range if there are none)."""
        xy = self.points.xy
        r = self.vb.boundingRect()
        self._fitted_at = (r.width(), r.height())
        if xy.shape[0] == 0:
            self.vb.setRange(xRange=DEFAULT_RANGE, yRange=DEFAULT_RANGE, padding=0)
            return
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        span = np.maximum(hi - lo, 1e-6)
        pad = span * (0.08 if (hi - lo).min() > 0 else 0.5)
        lo, hi = lo - pad, hi + pad
        # fitted points fill the plot: leave room where the legend and the score hide none of them
        if self.legend_wanted and self.points.legend.has_entries() and r.width() > 0 and r.height() > 0:
            legend = self.points.legend.boundingRect()
            # the score, shown once training runs, as large as it gets: fitted while it was still short ("train
            # accuracy –"), the irises' points ran under its whole box a moment later
            fixed = [("top right", *self.score.full_size())]
            shown = self.points.visible_mask()
            points = xy if shown is None else xy[shown]
            room = fit_clear_of(
                lo,
                hi,
                points,
                r.width(),
                r.height(),
                (legend.width(), legend.height()),
                fixed,
                self._marker_reach(),
                self._legend_corners(),
            )
            if room is not None:
                self.vb.setRange(xRange=room[:2], yRange=room[2:], padding=0)
                return
        self.vb.setRange(xRange=(lo[0], hi[0]), yRange=(lo[1], hi[1]), padding=0)

    @Slot()
    def place_score(self, *_):
        """The score at the top right; the legend shown unless it is not wanted, empty, or where the score is."""
        r = self.vb.boundingRect()
        self.score.setPos(r.right() - 8, r.top() + 8)
        if self.key is not None:
            self.key.setPos(r.right() - 8, r.bottom() - 8)
        # in a narrow plot a legend at the top and the score would overlap, in a short one (large fonts on a small
        # screen) a legend at the bottom, as tall as the plot, and the score: the score wins
        legend = self.points.legend
        size = legend.boundingRect()
        beside = r.width() >= size.width() + self.score.boundingRect().width() + 32
        below = r.height() >= size.height() + self.score.full_size()[1] + 24
        if "top" in self.legend_corner:
            clear = beside
        elif "right" in self.legend_corner:
            clear = below
        else:
            clear = beside or below
        legend.setVisible(
            self.legend_wanted and self.points.legend.has_entries() and (clear or not self.score.isVisible())
        )

    def place_legend(self) -> None:
        """Puts the legend in the corner where it hides the fewest shown points (see ``legend_place``)."""
        points = self.points
        if points.legend.has_entries():
            others = [box for box in (self.score, self.key) if box is not None and box.isVisible()]
            reach = (points.look.marker(POINT_SIZE) + 9) / 2  # a marker with its ring reaches this far
            if self.legend_by_hand:  # where the person put it: it stays, see-through over points
                shade_legend(points.legend, points.shown_px(), reach)
            else:
                self.legend_corner = move_legend(
                    self.vb, points.legend, self.legend_corner, points.shown_px(), reach, others, self._legend_corners()
                )
        self.place_score()

    def _legend_corners(self) -> tuple[str, ...]:
        """The corners the legend may take: a plot too narrow for it beside the score at the top (its whole score,
        once training runs) keeps it to the bottom ones, where ``place_score`` would not hide it (the digits' ten
        classes on a 1024×700 window's plot: their points were fitted into a corner to leave a top one free for a
        legend then hidden)."""
        width = self.vb.boundingRect().width()
        if width >= self.points.legend.boundingRect().width() + self.score.full_size()[0] + 32:
            return CORNERS
        return tuple(corner for corner in CORNERS if corner.startswith("bottom"))

    def _marker_reach(self) -> float:
        """How far from its centre a point's marker with its ring (and the ring's white halo) reaches, in pixels."""
        look = self.points.look
        return (look.marker(POINT_SIZE) + 9 + look.line(3.6)) / 2

    def set_legend_visible(self, visible: bool) -> None:
        """Show or hide the class legend."""
        self.legend_wanted = bool(visible)
        self.place_score()
