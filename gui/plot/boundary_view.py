"""BoundaryView: the main plot. Shows the data and the model's decision boundary, and takes point edits.

Layers (bottom to top): the boundary image (the model evaluated on a grid over what is visible), the
decision-boundary contour (or, for 1-D regression, the fitted curve), the data points and the rings around
misclassified points (``data_points``; when the rings follow the model: ``ring_follower``), and the markers of an
edit under way (``edit_gestures``). Overlays sit in the corners: the score (top right) and the legend
(``points_legend``) in the corner where it hides no point (``legend_place``; top left when that one is free), and
while a unit's map takes the boundary's place, its key (bottom right: ``unit_map_key``). Where
the view and those boxes go is ``plot_framing.PlotFraming``'s. For data of more than two features a caption under
the bottom axis names the plane shown (``plane_caption``: the points are projected onto it and the boundary is the
model there).

This module draws what the model says; the points are drawn by ``data_points.DataPoints``, the mouse is read by
``edit_gestures.EditGestures`` (whose requests this view re-emits as its own signals), and where the boundary
runs is computed by ``model.inside.contour``.

Nothing here may be called from a worker thread: snapshots arrive through queued signals.

Just over ~400 lines because it is one idea: the main plot composing its parts (each a file of its own) and keeping
them in step as the data, the model, the theme, the look and the view change.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QGraphicsItem

from gui.plot.axis_text import size_axes_text
from gui.plot.axis_title import TitledAxis
from gui.plot.data_points import DataPoints
from gui.plot.edit_gestures import MOUSE_HELP, PICK_RADIUS_PX, EditGestures, EditViewBox
from gui.plot.legend_hand import LegendHand
from gui.plot.model_layers import ModelLayers
from gui.plot.plane_caption import CAPTION_POINT_SIZE, PlaneCaption
from gui.plot.plot_framing import DEFAULT_RANGE, PlotFraming
from gui.plot.point_markers import group_style
from gui.plot.ring_follower import RingFollower
from gui.plot.score_overlay import SCORE_POINT_SIZE, ScoreOverlay, score_lines
from gui.plot.unit_map_key import KEY_POINT_SIZE, UNBOUNDED, UnitMapKey, UnitMapTitle, map_scale
from gui.plot.waiting_cover import WaitingCover
from gui.widgets import colors, theme
from model.data.view_plane import PCA_AXIS_NAMES

GRID_MIN, GRID_MAX = 100, 300
GRID_PX_PER_CELL = 3.0  # one grid cell per ~3 screen pixels, clamped to [GRID_MIN, GRID_MAX]
GRID_DEBOUNCE_MS = 50


class BoundaryView(pg.PlotWidget):
    """The data + decision-boundary plot. See ``edit_gestures`` for the mouse gestures.

    Signals
    -------
    addPointsRequested(ndarray (k, 2))  one click (k = 1) or one painted stroke, in plot coordinates
    removePointRequested(x, y)           the exact plot position of the visible point to remove
                                         (use ``Dataset.nearest(x, y)``)
    removePointsRequested(ndarray)       indices into the shown dataset, from one erase stroke
    movePointRequested(index, x, y)      Shift-drag of a point, emitted once on release
    probeRequested(x, y)                 Alt-click / probe tool (also while dragging)
    gridRequestChanged((bounds, size))   the grid the boundary should be evaluated on changed
                                         (debounced 50 ms); bounds = (xmin, xmax, ymin, ymax)
    cursorMoved(x, y)                    the mouse position in plot coordinates (for a status bar)
    """

    addPointsRequested = Signal(object)
    removePointRequested = Signal(float, float)
    removePointsRequested = Signal(object)
    movePointRequested = Signal(int, float, float)
    probeRequested = Signal(float, float)
    gridRequestChanged = Signal(object)
    cursorMoved = Signal(float, float)

    def __init__(self, parent=None):
        vb = EditViewBox(enableMenu=False)
        # axes whose titles are whole and centred whatever their length (a feature's name, a data file's column's)
        axes = {side: TitledAxis(side) for side in ("left", "bottom")}
        super().__init__(parent=parent, viewBox=vb, axisItems=axes, background="default")
        self.vb = vb
        self.setAntialiasing(True)
        # bilinear scaling of the boundary image: smooth shading instead of 3-pixel blocks, at no visible cost
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        pi = self.getPlotItem()
        pi.hideButtons()
        pi.setMenuEnabled(False)
        # No grid lines: the shaded boundary already shows where things are, and the axes
        # replay their grid on every repaint (~15 ms a frame offscreen, the largest cost).
        for name in ("left", "bottom"):
            ax = pi.getAxis(name)
            ax.setPen(pg.mkPen("#666666"))
            ax.setTextPen(pg.mkPen("#444444"))
            # The axes touch the boundary image, so they are drawn again with every frame: from a pixmap
            # (made again only when the view moves), not by replaying their ticks and labels.
            ax.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        pi.setLabel("bottom", "x₁")
        pi.setLabel("left", "x₂")
        pi.getAxis("left").setWidth(44)  # fixed: tick labels changing width would resize the plot (and the grid)
        # A tick label is centred on its tick: the one at the view's top edge stands half a line above it, where
        # the widget ended and cut it through its digits.
        half_line = (QFontMetrics(self.font()).height() + 1) // 2
        pi.layout.setContentsMargins(1, half_line, 1, 1)
        self.setAspectLocked(True)
        vb.setRange(xRange=DEFAULT_RANGE, yRange=DEFAULT_RANGE, padding=0)
        self.setToolTip(MOUSE_HELP)

        # ---- what the model says: the boundary image, its contour or the fitted curve, and the score
        self.model_layers = ModelLayers(vb)
        self._score = ScoreOverlay()
        self._score.setParentItem(vb)
        self._score.setZValue(60)
        self._score.hide()
        #: True: the score is one of the window's readouts, drawn by ``show_score`` together with the others (all
        #: of one snapshot, see ``gui.window.frame_clock``), not with every frame of the boundary
        self.score_apart = False
        #: while a unit's map takes the boundary's place: which unit, its colour scale and the way back
        self.unit_key = UnitMapKey()
        self.unit_key.setParentItem(vb)
        self.unit_key.setZValue(60)
        self.unit_key.hide()
        self.plane_caption = PlaneCaption(pi)
        self.waiting = WaitingCover(vb)  # while the first data are on their way: what is coming, over an empty plot
        self._named_axes = False  # the axes show the names of a 2-feature dataset's features
        self._names_before_waiting: tuple[str, str] | None = None  # the axes' titles the waiting ones stand in for
        self._plane_key = None  # the plane last shown: a new one fits the view to the projected points

        # ---- the data, and the gestures that edit it
        self.data_points = DataPoints(vb)
        #: where the view and the boxes in its corners go (fitted to the points, the legend where it hides none)
        self.framing = PlotFraming(vb, self.data_points, self._score, parent=self, key=self.unit_key)
        self.legend_hand = LegendHand(self, parent=self)  # the person may drag the legend, or hide it
        self.gestures = EditGestures(vb, self.data_points, parent=self)
        g = self.gestures
        for mine, theirs in (
            (self.addPointsRequested, g.addPointsRequested),
            (self.removePointRequested, g.removePointRequested),
            (self.removePointsRequested, g.removePointsRequested),
            (self.movePointRequested, g.movePointRequested),
            (self.probeRequested, g.probeRequested),
            (self.cursorMoved, g.cursorMoved),
        ):
            theirs.connect(mine)
        g.resetViewRequested.connect(self.reset_view)

        # ---- state
        self._version: int | None = None
        self._regression = False
        self._curve_mode = False  # 1-D regression: points (x, target) and a fitted curve
        self._current_class = 0
        self._snapshot = None
        self._snapshot_drawn = True
        self._last_grid_request = None

        self._draw_timer = QTimer(self)
        self._draw_timer.setSingleShot(True)
        self._draw_timer.setInterval(0)
        self._draw_timer.timeout.connect(self.flush)
        self.rings = RingFollower(
            self.data_points, lambda: (self._snapshot, self._version, self._regression), self._update_legend, self
        )
        self._grid_timer = QTimer(self)
        self._grid_timer.setSingleShot(True)
        self._grid_timer.setInterval(GRID_DEBOUNCE_MS)
        self._grid_timer.timeout.connect(self._emit_grid_request)
        vb.sigRangeChanged.connect(self._on_range_changed)
        vb.sigResized.connect(self._on_range_changed)
        self._refresh_add_style()
        self._update_legend()
        themes = theme.manager()
        self.set_theme(themes.theme)
        themes.changed.connect(self.set_theme)

    # ------------------------------------------------------------------------------------------ data
    @Slot(object)
    def set_dataset(self, ds, version: int | None = None) -> None:
        """Show ``ds`` (a model.data.dataset.Dataset, or None for nothing). Redraws only point groups that changed.

        ``version`` is the document's data version: misclassification rings are drawn only from a
        snapshot with the same ``data_version`` (with version None, from one whose predictions have
        the right length).
        """
        self._version = None if version is None else int(version)
        if ds is not None:
            self.set_regression(ds.task == "regression", _curve=(ds.task == "regression" and ds.n_features == 1))
        frame = ds.plane_frame() if ds is not None else None
        # two features with names of their own (two kept of n-D data) are named on the axes, as a plane's are
        named = ds is not None and frame is None and ds.n_features == 2 and ds.feature_names != ("x1", "x2")
        if (
            frame is None
            and not self._curve_mode
            and (named or self._named_axes or self.plane_caption.frame is not None)
        ):
            across, up = ds.feature_names if named else ("x₁", "x₂")
            self.getPlotItem().setLabel("bottom", across)
            self.getPlotItem().setLabel("left", up)
        self._named_axes = named
        if self._curve_mode:
            self._name_curve_axes(ds)
        self.plane_caption.show_frame(frame)
        self.data_points.show(ds, self._curve_mode)
        self.data_points.update_legend(self._regression)  # its size, before a fit leaves room for it
        key = None if frame is None else (ds.view_plane, ds.feature_names, ds.description)
        if key is not None and key != self._plane_key:
            self.fit_to_data()  # projected points have their own scale (the digits' PCs span a few units)
        elif key is None and self._plane_key is not None:
            # back from a plane to points of their own: the plane's range (Breast cancer's PCs span -7 to 18) is none
            # of theirs, and the sine after it was a thin scribble in the middle of the plot; two features kept of
            # the plane's data are fitted, as the plane was
            if named:
                self.fit_to_data()
            else:
                self.reset_view()
        self._plane_key = key
        self._update_legend()
        self.rings.update(force=True)

    def set_waiting(self, text: str, features: int = 2) -> None:
        """While the first data are made or loaded: ``text`` ("Loading digits (8×8)…") over an empty plot, which
        shows nothing of the stand-in data meanwhile (``waiting_cover``); '' when they are here. Meanwhile the axes
        have no ticks (the stand-in's -8 to 8 are no data's); data of more than two ``features`` on their way are
        shown on their principal components' plane (``Dataset``'s default): the axes have its titles (the digits'
        PC1, PC2, not the stand-in's x₁, x₂) and its caption's room is kept under them. Nothing moves when the data
        come: the numbers and the caption appear."""
        pi = self.getPlotItem()
        bottom, left = pi.getAxis("bottom"), pi.getAxis("left")
        if text and features > 2:
            if self._names_before_waiting is None:
                self._names_before_waiting = (bottom.labelText, left.labelText)
            pi.setLabel("bottom", PCA_AXIS_NAMES[0])
            pi.setLabel("left", PCA_AXIS_NAMES[1])
            self.plane_caption.keep_room(
                [  # as ``fit_plane`` and ``boundary_line`` will word them, two-digit shares for the ones to come
                    f"{PCA_AXIS_NAMES[0]} (00 %) vs {PCA_AXIS_NAMES[1]} (00 %), other directions at the mean",
                    f"boundary through the mean of the other {features - 2} directions",
                ]
            )
        elif not text and self._names_before_waiting is not None:
            if self.plane_caption.frame is None and not self._named_axes:  # no data came after all: the empty plane's
                pi.setLabel("bottom", self._names_before_waiting[0])
                pi.setLabel("left", self._names_before_waiting[1])
                self.plane_caption.show_frame(None)
            self._names_before_waiting = None
        for axis in (bottom, left):
            axis.set_ticks_shown(not text)
        self.waiting.say(text)

    def dataset(self):
        """The dataset last given to ``set_dataset``."""
        return self.data_points.dataset

    @Slot(bool)
    def set_show_test(self, show: bool) -> None:
        """Show or hide the test points (hollow markers) and their misclassification rings."""
        self.data_points.set_show_test(show)
        self.rings.update(force=True)
        self._update_legend()

    @Slot(bool)
    def set_regression(self, regression: bool, _curve: bool | None = None) -> None:
        """Regression mode: no class colours; 1-D data is drawn as (x, target) dots and the fitted curve."""
        regression = bool(regression)
        curve = regression if _curve is None else bool(_curve)
        if regression == self._regression and curve == self._curve_mode:
            return
        self._regression, self._curve_mode = regression, curve
        self.model_layers.set_mode(regression, curve)
        pi = self.getPlotItem()
        pi.setLabel("left", "target y" if curve else "x₂")
        pi.setLabel("bottom", "x" if curve else "x₁")
        # a fitted curve reads better without the 1:1 aspect lock (targets may have any scale)
        self.setAspectLocked(not curve)
        self._refresh_add_style()
        self.rings.forget()
        self._last_grid_request = None
        self._schedule_grid_request()

    def _name_curve_axes(self, ds) -> None:
        """A curve's axes: its input and what is predicted, by the names the data gives them (a file's columns)."""
        across = ds.feature_names[0] if ds is not None and ds.feature_names != ("x1",) else "x"
        up = ds.target_name if ds is not None and ds.target_name else "target y"
        pi = self.getPlotItem()
        if (pi.getAxis("bottom").labelText, pi.getAxis("left").labelText) != (across, up):
            pi.setLabel("bottom", across)
            pi.setLabel("left", up)

    @Slot(int)
    def set_current_class(self, k: int) -> None:
        """The class that clicks add (only used for the hover marker here)."""
        self._current_class = int(k)
        self._refresh_add_style()

    def _refresh_add_style(self) -> None:
        key = ("r", 0, False) if self._regression else ("c", self._current_class, False)
        self.gestures.set_add_style(group_style(key, self.data_points.look))

    def close(self) -> bool:
        """Stops following the theme first: pyqtgraph's close clears the scene, deleting the items a theme change
        recolours, while the view itself may live on a moment (until its deletion is processed)."""
        if self.closed:  # pyqtgraph's close cannot run twice (its plot item is gone)
            return True
        theme.manager().changed.disconnect(self.set_theme)
        return super().close()

    @Slot(object)
    def set_theme(self, now) -> None:
        """The shading of the boundary in the colours of ``now`` (a ``gui.widgets.theme.Theme``): dark tints in a
        dark theme, as before in a light one; the legend and the score box too. The snapshot shown is drawn again at
        once."""
        shading = colors.DARK_SHADING if now.dark else colors.LIGHT_SHADING
        self.data_points.set_legend_dark(bool(now.dark))
        self._score.set_theme(now)
        self.unit_key.set_theme(now)
        self.plane_caption.set_colour(now.plot_foreground)
        self.waiting.set_colours(now.plot_background, now.plot_foreground)
        self.gestures.set_ink(now.plot_ink)
        self.place_legend()
        if shading == self.model_layers.shading:
            return
        self.model_layers.set_shading(shading)
        self._snapshot_drawn = False
        self.flush()

    @Slot(object)
    def set_look(self, look) -> None:
        """Lines, markers and the text inside the plot drawn with ``look`` (a ``gui.widgets.plot_look.PlotLook``)."""
        self.model_layers.set_look(look)
        self.data_points.set_look(look)
        self._score.set_point_size(look.text_pt(SCORE_POINT_SIZE))
        self.unit_key.set_point_size(look.text_pt(KEY_POINT_SIZE))
        self.plane_caption.set_point_size(look.text_pt(CAPTION_POINT_SIZE))
        size_axes_text(self.getPlotItem(), look)
        self._refresh_add_style()
        self._update_legend()

    def current_class(self) -> int:
        return self._current_class

    @Slot(str)
    def set_tool(self, tool: str) -> None:
        """ "add" (click/paint points), "erase" (click/drag removes points) or "probe" (click inspects)."""
        self.gestures.set_tool(tool)

    def tool(self) -> str:
        return self.gestures.tool

    def pick(self, x: float, y: float, radius_px: float = PICK_RADIUS_PX):
        """Index of the visible point nearest to plot position (x, y) within radius_px screen pixels, or None."""
        return self.gestures.pick(x, y, radius_px)

    @Slot()
    def reset_view(self) -> None:
        """Back to [-6, 6]² (classification) or the data's extent (1-D regression, data of more than two
        features)."""
        if (self._curve_mode or self.plane_caption.frame is not None) and self.data_points.xy.shape[0]:
            self.fit_to_data()
        else:
            self.framing.forget_fit()
            self.vb.setRange(xRange=DEFAULT_RANGE, yRange=DEFAULT_RANGE, padding=0)

    def setRange(self, *args, **kwargs) -> None:
        """A range asked for (a session's view, a lesson's): it stays, whatever the plot's size does next."""
        self.framing.forget_fit()
        self.vb.setRange(*args, **kwargs)

    def asked_range(self) -> tuple[float, float, float, float]:
        """(x0, x1, y0, y1): the range last asked for (``setRange``, a fit, the person's pan or zoom), which the plot
        shows whole. The 1:1 aspect lock widens one axis of it to the plot's shape (``viewRange``, what is visible):
        a file keeps this one, else each reopening in a plot of another shape would widen it again."""
        (x0, x1), (y0, y1) = self.vb.targetRange()
        return float(x0), float(x1), float(y0), float(y1)

    @Slot()
    def fit_to_data(self) -> None:
        """Zoom to the points, with a margin (the default range if there are none)."""
        self.framing.fit_to_data()

    # ------------------------------------------------------------------------------------------ snapshots
    @Slot(object)
    def show_snapshot(self, snapshot) -> None:
        """Keep the newest snapshot; it is drawn on the next event-loop turn (older ones are dropped)."""
        self._snapshot = snapshot
        self._snapshot_drawn = False
        if not self._draw_timer.isActive():
            self._draw_timer.start()

    @Slot()
    def flush(self) -> None:
        """Draw the pending snapshot now (tests call this instead of waiting for the timer)."""
        self._draw_timer.stop()
        if self._snapshot_drawn:
            return
        self._snapshot_drawn = True
        if self.waiting.isVisible():
            return  # a model of the empty stand-in the first data replace: never shown
        snap = self._snapshot
        if snap is None:
            return
        grid = getattr(snap, "grid", None)
        bounds = getattr(snap, "grid_bounds", None)
        if self._curve_mode:
            self.model_layers.draw_curve(grid, bounds)
        elif grid is not None and bounds is not None and self.model_layers.heatmap is None:
            self._draw_grid(np.asarray(grid), bounds)
        self.rings.update_soon()
        if not self.score_apart:
            self._update_score(snap)

    def snapshot(self):
        """The newest snapshot given to ``show_snapshot``."""
        return self._snapshot

    @Slot()
    def clear_snapshot(self) -> None:
        """Forget the model: no boundary, curve, rings or score (the points stay)."""
        self._snapshot = None
        self._snapshot_drawn = True
        self.model_layers.clear()
        self.rings.update(force=True)
        self.framing.hide_score()

    def _draw_grid(self, grid: np.ndarray, bounds) -> None:
        self.model_layers.draw_grid(grid, bounds, self.data_points.target_range)

    def set_draw_queue(self, queue) -> None:
        """Update the rings of a large dataset on the window's draw ticks (a ``gui.widgets.draw_queue.DrawQueue``)."""
        self.rings.set_draw_queue(queue)

    def misclassified_mask(self):
        """Bool mask of the points currently ringed as misclassified (None when none are shown)."""
        return self.rings.mask()

    def show_score(self, snap) -> None:
        """The score of ``snap`` (when ``score_apart``: the window's readouts draw it with theirs)."""
        self._update_score(snap)

    def _update_score(self, snap) -> None:
        self._score.set_lines(score_lines(snap, self._regression))
        self.framing.show_score()

    def score_text(self) -> str:
        """The plain text of the score overlay ('' when hidden, or given way to the legend in a small plot)."""
        return self._score.plain_text() if self._score.isVisible() else ""

    # ------------------------------------------------------------------------------------------ heatmap
    def show_heatmap_override(
        self, grid, bounds=None, title: UnitMapTitle | None = None, value_range: tuple[float, float] = UNBOUNDED
    ) -> None:
        """Draw ``grid`` (G, G), a unit's output, with a neutral colormap instead of the boundary, scaled by
        ``value_range`` (what the unit's activation can give; ``unit_map_key.map_scale``), and with ``title`` a
        key in the corner naming the unit, its colour scale and the way back.

        ``bounds`` defaults to those of the newest snapshot's grid (else the visible range). None clears
        the override (and its key) and brings the boundary back.
        """
        layers = self.model_layers
        if grid is None:
            layers.end_heatmap()
            if self.unit_key.isVisible():
                self.unit_key.hide()
                self.place_legend()
            self._snapshot_drawn = False
            if self._snapshot is not None and not self._curve_mode:
                self.flush()
            elif self._snapshot is None:
                layers.image.clear()
            return
        if bounds is None:
            bounds = getattr(self._snapshot, "grid_bounds", None) or self.grid_request()[0]
        scale = layers.show_heatmap(grid, bounds, map_scale(grid, value_range))
        if title is not None:
            self.unit_key.show_key(title, scale)
            if not self.unit_key.isVisible():
                self.unit_key.show()
                self.place_legend()
        elif self.unit_key.isVisible():
            self.unit_key.hide()
            self.place_legend()

    def unit_key_text(self) -> str:
        """The plain text of the unit map's key ('' when hidden)."""
        return "\n".join(self.unit_key.lines()) if self.unit_key.isVisible() else ""

    def heatmap_override_active(self) -> bool:
        return self.model_layers.heatmap is not None

    # ------------------------------------------------------------------------------------------ grid request
    def grid_request(self):
        """(bounds, size): evaluate the boundary over bounds = the visible (xmin, xmax, ymin, ymax) on a
        size x size grid (100..300 cells a side, about one cell per 3 screen pixels)."""
        (x0, x1), (y0, y1) = self.vb.viewRange()
        r = self.vb.boundingRect()
        px = max(r.width(), r.height())
        size = int(min(GRID_MAX, max(GRID_MIN, round(px / GRID_PX_PER_CELL))))
        return (float(x0), float(x1), float(y0), float(y1)), size

    @Slot()
    def _on_range_changed(self, *_):
        self._schedule_grid_request()
        self.framing.view_moved()

    def _schedule_grid_request(self) -> None:
        self._grid_timer.start()  # restarts: debounced

    @Slot()
    def _emit_grid_request(self) -> None:
        req = self.grid_request()
        if req != self._last_grid_request:
            self._last_grid_request = req
            self.gridRequestChanged.emit(req)

    # ------------------------------------------------------------------------------------------ legend
    def _update_legend(self) -> None:
        self.data_points.update_legend(self._regression)
        self.place_legend()

    @Slot()
    def place_legend(self) -> None:
        """Puts the legend in the corner where it hides the fewest shown points (see ``legend_place``)."""
        self.framing.place_legend()

    def set_legend_visible(self, visible: bool) -> None:
        """Show or hide the class legend."""
        self.framing.set_legend_visible(visible)
