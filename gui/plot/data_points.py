"""DataPoints: the dataset as drawn on the main plot, the rings around the points the model gets wrong, and the legend.

One scatter per class and split (classification), per target band (2-D regression) or per split (1-D
regression, points at (x, target)), so that showing a new dataset redraws only the groups that changed and a
boundary update never touches them. Training points are filled, test points hollow (a coloured ring over a dark
halo): each group's marker is ``point_markers``'. Rings mark the points the model gets wrong. The points and the
rings are painted from cached images (``PointsLayer``): they change far less often than the boundary image under
them. The rings take less ink while many points are wrong (``rings``: why, and the rule). The legend
(``points_legend``) is told what it explains: the classes, whether test points are shown, whether the rings fade.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg

from gui.plot.point_markers import POINT_SIZE, REGRESSION_BINS, GroupKey, group_style, halo_pen
from gui.plot.points_layer import MemberScatter, PointsLayer, SpriteScatter
from gui.plot.points_legend import PointsLegend
from gui.plot.rings import ring_ink, ring_passes
from gui.widgets.plot_look import NORMAL, PlotLook

if TYPE_CHECKING:
    from model.data.dataset import Dataset


def ring_size(look: PlotLook) -> float:
    """A misclassification ring's diameter: around the point with room for a test point's halo; in a look that
    draws markers smaller (a thumbnail of the plot), the room shrinks with them."""
    return look.marker(POINT_SIZE) + 9 * min(1.0, look.marker_scale)


def put(item, x=(), y=()) -> None:
    """setData on an overlay scatter, hidden while empty (an empty item still costs a paint call)."""
    item.setData(x=x, y=y)
    item.setVisible(len(x) > 0)


class DataPoints:
    """The points of the shown dataset in ``vb``, their misclassification rings and the legend.

    ``xy`` holds the plot position of every point of the dataset (index i is the dataset's row i), which is
    what the edit gestures pick from.
    """

    def __init__(self, vb: pg.ViewBox):
        self.vb = vb
        self.dataset: Dataset | None = None
        self.xy = np.empty((0, 2))
        self.show_test = True
        self.target_range = (0.0, 1.0)  # the targets' span, which 2-D regression colours map
        self.groups: dict[GroupKey, pg.ScatterPlotItem] = {}
        self.group_data: dict[GroupKey, np.ndarray] = {}
        self._test_halo: dict[GroupKey, pg.ScatterPlotItem] = {}
        self.layer = PointsLayer()  # every group, painted as one image
        self.layer.setZValue(10)
        vb.addItem(self.layer, ignoreBounds=True)
        # the rings in a layer apart, so that they can follow the training alone
        self.rings_layer = PointsLayer()
        self.rings_layer.setZValue(30)
        vb.addItem(self.rings_layer, ignoreBounds=True)
        # a white halo under a dark ring, around every misclassified point
        self.look = NORMAL
        self.rings = SpriteScatter(ring_size(NORMAL), ring_passes(NORMAL))
        self.rings.setZValue(30)
        vb.addItem(self.rings, ignoreBounds=True)
        self.rings_layer.add(self.rings)
        put(self.rings)

        self.legend = PointsLegend(vb)
        self.rings_ink = 1.0  # the rings' opacity now (ring_ink)
        self._legend_regression = False

    # ------------------------------------------------------------------------------------------ points
    def show(self, ds, curve_mode: bool) -> None:
        """Draw ``ds`` (None: no points); 1-D regression data as (x, target) when ``curve_mode``."""
        self.dataset = ds
        if ds is None:
            self.xy = np.empty((0, 2))
            for key in list(self.groups):
                self._set_group(key, np.empty((0, 2)))
            return
        xy = np.asarray(ds.plot_points(), dtype=np.float64) if hasattr(ds, "plot_points") else np.asarray(ds.X)
        self.xy = xy
        is_test = np.asarray(ds.is_test, dtype=bool)
        y = np.asarray(ds.y)
        wanted: dict[GroupKey, np.ndarray] = {}
        if ds.task == "classification":
            labels = y.astype(np.int64)
            for k in range(int(ds.n_classes)):
                of_k = labels == k
                for test in (False, True):
                    wanted[("c", k, test)] = xy[of_k & (is_test == test)]
        elif curve_mode:
            for test in (False, True):
                wanted[("r", 0, test)] = xy[is_test == test]
        else:  # 2-D regression: colour points by target, quantised into bands (one item per band)
            lo, hi = (float(y.min()), float(y.max())) if y.size else (0.0, 1.0)
            if hi <= lo:
                hi = lo + 1.0
            self.target_range = (lo, hi)
            band = np.clip(((y - lo) / (hi - lo) * REGRESSION_BINS).astype(np.int64), 0, REGRESSION_BINS - 1)
            for k in range(REGRESSION_BINS):
                for test in (False, True):
                    wanted[("b", k, test)] = xy[(band == k) & (is_test == test)]
        for key in list(self.groups):
            if key not in wanted:
                self._set_group(key, np.empty((0, 2)))
        for key, pts in wanted.items():
            self._set_group(key, pts)

    def set_show_test(self, show: bool) -> None:
        self.show_test = bool(show)
        for key in self.groups:
            self._apply_group_visibility(key)

    def visible_mask(self) -> np.ndarray | None:
        """Which points are shown (None: all of them)."""
        ds = self.dataset
        if ds is None or self.show_test:
            return None
        return ~np.asarray(ds.is_test, dtype=bool)

    def shown_px(self) -> np.ndarray:
        """The shown points' positions in the view box's pixels (n, 2)."""
        xy = self.xy
        shown = self.visible_mask()
        if shown is not None:
            xy = xy[shown]
        # from the view range itself: the view box's transform is brought up to date only when it paints next
        view, box = self.vb.viewRect(), self.vb.boundingRect()
        if view.width() <= 0 or view.height() <= 0:
            return np.empty((0, 2))
        px = box.left() + (xy[:, 0] - view.left()) * (box.width() / view.width())
        py = box.top() + (view.bottom() - xy[:, 1]) * (box.height() / view.height())
        return np.column_stack([px, py])

    def style_of_point(self, index: int) -> dict:
        """The marker style of the dataset's point ``index``."""
        ds = self.dataset
        if ds is None:
            raise IndexError(f"no point {index}: no dataset is shown")
        test = bool(ds.is_test[index])
        key: GroupKey = ("c", int(ds.y[index]), test) if ds.task == "classification" else ("r", 0, test)
        return group_style(key, self.look)

    def _ensure_group(self, key: GroupKey) -> pg.ScatterPlotItem:
        item = self.groups.get(key)
        if item is None:
            style = group_style(key, self.look)
            item = MemberScatter(pxMode=True, **style)
            test = key[2]
            item.setZValue(11 if test else 10)
            self.vb.addItem(item)
            self.layer.add(item)
            self.groups[key] = item
            if test:
                halo = MemberScatter(
                    pxMode=True,
                    symbol=style["symbol"],
                    size=style["size"],
                    pen=halo_pen(self.look),
                    brush=None,
                )
                halo.setZValue(10.5)
                self.vb.addItem(halo, ignoreBounds=True)
                self.layer.add(halo)
                self._test_halo[key] = halo
        return item

    def _set_group(self, key: GroupKey, pts: np.ndarray) -> None:
        old = self.group_data.get(key)
        if old is not None and old.shape == pts.shape and np.array_equal(old, pts):
            return  # unchanged: setData on a large scatter is expensive
        if old is None and pts.shape[0] == 0:
            return
        item = self._ensure_group(key)
        pts = np.array(pts, dtype=np.float64, copy=True)
        item.setData(x=pts[:, 0], y=pts[:, 1])
        halo = self._test_halo.get(key)
        if halo is not None:
            halo.setData(x=pts[:, 0], y=pts[:, 1])
        self.group_data[key] = pts
        self._apply_group_visibility(key)

    def _apply_group_visibility(self, key: GroupKey) -> None:
        data = self.group_data.get(key)
        visible = data is not None and data.shape[0] > 0 and (self.show_test or not key[2])
        self.groups[key].setVisible(visible)
        halo = self._test_halo.get(key)
        if halo is not None:
            halo.setVisible(visible)

    def set_look(self, look: PlotLook) -> None:
        """Draws every marker, ring and the legend with ``look`` from now on (the ones shown at once)."""
        if look == self.look:
            return
        self.look = look
        for key, item in self.groups.items():
            style = group_style(key, look)
            item.setSymbol(style["symbol"])
            item.setSize(style["size"])
            item.setPen(style["pen"])
            item.setBrush(style["brush"])
            halo = self._test_halo.get(key)
            if halo is not None:
                halo.setSize(style["size"])
                halo.setPen(halo_pen(look))
        self.rings.set_style(ring_size(look), ring_passes(look))
        self.legend.setLabelTextSize(look.text_size(8))
        if self.legend.forget_entries():
            self.update_legend(self._legend_regression)

    # ------------------------------------------------------------------------------------------ rings
    def misclassified_by(self, snapshot, version: int | None) -> np.ndarray | None:
        """Which shown points ``snapshot`` predicts wrong (None: it says nothing about these points).

        Only a snapshot of this data counts: with the same ``data_version`` as ``version`` (with version None,
        one whose predictions have the right length). Hidden test points are never counted.
        """
        ds = self.dataset
        if snapshot is None or ds is None or ds.task != "classification":
            return None
        pred = getattr(snapshot, "predictions", None)
        if pred is None:
            return None
        if version is not None and int(getattr(snapshot, "data_version", -1)) != version:
            return None
        pred = np.asarray(pred)
        if pred.ndim == 2:
            pred = np.argmax(pred, axis=1)
        if pred.shape[0] != ds.y.shape[0]:
            return None
        mask = pred.astype(np.int64) != np.asarray(ds.y)
        if not self.show_test:
            mask &= ~np.asarray(ds.is_test, dtype=bool)
        return mask

    def show_misclassified(self, mask: np.ndarray | None) -> bool:
        """Ring the points where ``mask`` is True (None: no rings), in the ink their share of the shown points
        leaves them (``ring_ink``). True when the legend's words for the rings changed (``update_legend``)."""
        was_faded = self.rings_ink < 1.0
        if mask is None or not mask.any():
            put(self.rings)
            self._set_rings_ink(1.0)
        else:
            visible = self.visible_mask()
            shown = mask.size if visible is None else int(np.count_nonzero(visible))
            self._set_rings_ink(ring_ink(np.count_nonzero(mask) / max(shown, 1)))
            pts = self.xy[mask]
            put(self.rings, pts[:, 0], pts[:, 1])
        return was_faded != (self.rings_ink < 1.0)

    def _set_rings_ink(self, ink: float) -> None:
        if ink == self.rings_ink:
            return
        self.rings_ink = ink
        # the layer's one cached image blended at this opacity (none: Qt paints nothing, the layer draws nothing);
        # the member's own opacity is for the exporters that paint it apart (SVG)
        self.rings_layer.setOpacity(ink)
        self.rings.setOpacity(ink)

    # ------------------------------------------------------------------------------------------ legend
    def update_legend(self, regression: bool) -> None:
        """One entry per class, then what hollow markers and rings mean (nothing in regression)."""
        ds = self.dataset
        if ds is None or ds.task != "classification":
            names: tuple = ()
        else:
            names = tuple(getattr(ds, "class_names", ()) or (f"class {k + 1}" for k in range(ds.n_classes)))
        has_test = ds is not None and bool(np.any(ds.is_test)) and self.show_test
        self._legend_regression = regression
        self.legend.show_entries(names, has_test, regression, self.rings_ink < 1.0, self.look)

    def refresh_legend(self) -> None:
        """The legend made again as it was last asked for (after it was made compact or whole)."""
        self.update_legend(self._legend_regression)

    def set_legend_dark(self, dark: bool) -> None:
        """The legend's box dark with light text (a dark theme's plot) or white with dark text."""
        if self.legend.set_dark(dark):
            self.update_legend(self._legend_regression)
