"""PlotFraming: where the main plot's view and its corner boxes go.

The view fitted to the points leaves room for the boxes in the corners, so that they hide none of them: the legend
and the score (top right, once training runs); the caption of a plane shown stands under the plot, not in it. A fit
is made again when the plot changes size just after it (the panels beside the plot often make room right after a
new data set is fitted), until the view is moved by hand or a range is asked for. Once a pan or zoom rests, the
legend moves to the corner where it hides the fewest points (``legend_place``: the arithmetic), unless the person
dragged it somewhere (``legend_hand``). The score sits at the top right; in a plot too narrow for both at the top,
the legend keeps to the bottom corners (the fit leaves room for it there only). The key of a unit's map, while one is
shown, sits at the bottom right; the legend finds a corner clear of it.

Where the person drags the legend stands: a score it would cover moves to another corner clear of it (and of the
key), the one hiding the fewest points, and goes back to the top right once that is clear again; where no corner
is clear of the legend, the score gives way (its numbers are in the status bar) until one is.

In a plot too small for the whole legend and the whole score (large fonts on a small screen), the class colours
stay: they are read nowhere else, while the score's numbers are in the status bar too. The legend first keeps only
its classes, in a row or a column (``PointsLegend.set_form``; what hollow markers and rings mean is in its
tooltip), then the score keeps only its first line, the test score (``ScoreOverlay.set_brief``: "test 97.5 %"),
and where even that leaves no room the score gives way to the legend (``score_gave_way``) until the plot is larger.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QTimer, Slot

from gui.plot.data_points import DataPoints
from gui.plot.legend_place import CORNERS, MARGIN, best_corner, corner_rect, fit_clear_of, move_legend, shade_legend
from gui.plot.point_markers import POINT_SIZE
from gui.plot.score_overlay import ScoreOverlay

DEFAULT_RANGE = (-6.0, 6.0)
SCORE_HOME = "top right"
#: the corners the score may take from a legend dragged over it, the nearest to its own first
SCORE_CORNERS = (SCORE_HOME, "top left", "bottom right", "bottom left")
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
        self.score_gave_way = False  # a score to show, hidden: the plot has room only for the legend
        #: where the score stands: the top right, or another corner clear of a legend the person dragged over it
        self.score_corner = SCORE_HOME
        self._moved_for: tuple | None = None  # the plot's size and boxes the legend last moved clear of the score for
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
        if self.key is not None:
            self.key.setPos(r.right() - 8, r.bottom() - 8)
        legend = self.points.legend
        wanted = self.legend_wanted and legend.has_entries()
        score_on = self.score.isVisible() or self.score_gave_way
        form, brief, score_shown = "", False, score_on
        if wanted and score_on:
            # the first of these that leaves the legend and the score clear of each other: the whole legend and
            # score; the classes alone beside the whole score, then beside its first line; else the legend alone
            tries = [("", False), ("row", False), ("column", False), ("row", True), ("column", True)]
            fits = [(f, b) for f, b in tries if self._clear(r, legend.size_of(f), b)]
            if fits:
                form, brief = fits[0]
            else:
                row = legend.size_of("row")
                form = "row" if row is not None and row[0] + 16 <= r.width() else "column"
                brief, score_shown = True, False
        if legend.set_form(form if wanted else ""):
            self.points.refresh_legend()
            self.legend_timer.start()  # its size changed: its corner is found again
        self.score.set_brief(brief)
        corner: str | None = SCORE_HOME
        if wanted and score_shown and self.legend_by_hand:
            corner = self._score_corner_clear_of(r, legend)
            score_shown = corner is not None
        self.score_corner = corner or self.score_corner
        self._put_score(r, self.score_corner)
        self.score_gave_way = score_on and not score_shown
        self.score.setVisible(score_shown)
        legend.setVisible(wanted)
        if wanted and score_shown and not self.legend_by_hand:
            box = self.score.mapRectToParent(self.score.boundingRect())
            moved_for = (r.width(), r.height(), form, brief)
            if legend.mapRectToParent(legend.boundingRect()).intersects(box) and moved_for != self._moved_for:
                self._moved_for = moved_for  # once for this size: a corner clear of the score is found
                self.legend_timer.start()

    def _put_score(self, r, corner: str) -> None:
        """The score box in ``corner`` of the plot ``r``, ``MARGIN`` from its edges (its position is its top right)."""
        width, height = self.score.box_size()
        x = r.right() - MARGIN if "right" in corner else r.left() + MARGIN + width
        y = r.top() + MARGIN if "top" in corner else r.bottom() - MARGIN - height
        self.score.setPos(x, y)

    def _score_corner_clear_of(self, r, legend) -> str | None:
        """The corner for the score beside a legend the person placed: the top right when the legend leaves it clear,
        else the corner it stands in when that one is, else the clear corner where it hides the fewest points; None
        when no corner is clear of the legend and the key (or the plot is smaller than the score)."""
        width, height = self.score.full_size()  # room for the longest score: it does not hop as the epochs grow
        if width + 2 * MARGIN > r.width() or height + 2 * MARGIN > r.height():
            return None
        others = [legend.mapRectToParent(legend.boundingRect())]
        if self.key is not None and self.key.isVisible():
            others.append(self.key.mapRectToParent(self.key.boundingRect()))
        clear = [c for c in SCORE_CORNERS if not any(corner_rect(c, r, width, height).intersects(o) for o in others)]
        if not clear:
            return None
        if SCORE_HOME in clear:
            return SCORE_HOME
        if self.score_corner in clear:
            return self.score_corner
        points = self.points
        reach = (points.look.marker(POINT_SIZE) + 9) / 2
        return best_corner(r, width, height, points.shown_px(), reach, others, clear)

    def _clear(self, r, legend: tuple[float, float] | None, brief: bool) -> bool:
        """Whether a legend of this size (None: not made) and the score (``brief`` or whole) fit the plot ``r``
        without overlapping: side by side at the top, or one above the other."""
        if legend is None or legend[0] + 16 > r.width() or legend[1] + 16 > r.height():
            return False
        score_w, score_h = self.score.full_size(brief)
        if score_w + 16 > r.width():
            return False
        beside = r.width() >= legend[0] + score_w + 32
        below = r.height() >= legend[1] + score_h + 24
        return beside or below

    def show_score(self) -> None:
        """A new score to show: shown, unless it gave way to the legend (``place_score`` decides again)."""
        if not self.score_gave_way:
            self.score.show()
        self.place_score()

    def hide_score(self) -> None:
        """No score to show (no model)."""
        self.score_gave_way = False
        self.score.hide()
        self.place_score()

    def place_legend(self) -> None:
        """Puts the legend in the corner where it hides the fewest shown points (see ``legend_place``)."""
        points = self.points
        if points.legend.has_entries():
            others = [box for box in (self.score, self.key) if box is not None and box.isVisible()]
            reach = (points.look.marker(POINT_SIZE) + 9) / 2  # a marker with its ring reaches this far
            if self.legend_by_hand:  # where the person put it: it stays, see-through over points
                points.legend.move_within(points.legend.pos())  # within the plot, its form or the plot's size changed
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
