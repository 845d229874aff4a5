"""SampleHighlight: marks a chosen set of the dataset's samples on the main plot.

The set is given as indices into the shown ``Dataset`` (row i of ``ds.X``), so any view can use it, whatever it
shows: the confusion matrix highlights the samples of a cell, a view of test images could highlight the images
picked there. Connect a view's ``samplesSelected(indices)`` signal to ``show_samples``; an empty set clears.

Each highlighted sample gets a thick magenta ring over a white halo, larger than the marker and than the black
ring of a misclassified point, so that the sample's own colour and shape stay readable inside it. Magenta is no
class's colour and stands out on both ends of the boundary's shading. The rings are painted like the
misclassification rings (a ``SpriteScatter`` in a cached ``PointsLayer``): a cell of 50 000 samples costs one
image blend per frame, not 50 000 symbols.

Indices are positions in the dataset the plot shows: when the data changes they may name other points, so the
highlight is cleared when the plot is given another dataset (a view that still wants it sends the set again,
computed on the new data). Indices out of range are refused.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Signal, Slot

from gui.plot.point_markers import POINT_SIZE
from gui.plot.points_layer import PointsLayer, SpriteScatter

HIGHLIGHT_SIZE = POINT_SIZE + 15  # larger than a misclassification ring (POINT_SIZE + 9)
RING_COLOR = "#E6007E"  # magenta


class SampleHighlight(QObject):
    """The highlight layer of a ``BoundaryView``.

    Signals: ``changed(indices)``, the highlighted dataset indices (int64, sorted, unique) after every change.
    """

    changed = Signal(object)

    def __init__(self, plot, parent: QObject | None = None):
        super().__init__(parent if parent is not None else plot)
        self._plot = plot
        self._indices = np.empty(0, dtype=np.int64)
        self._dataset = plot.data_points.dataset
        self.layer = PointsLayer()
        self.layer.setZValue(35)  # above the misclassification rings (30)
        # a white halo under a magenta ring; the sprites take no clicks (the edit gestures get them)
        self.ring = SpriteScatter(
            HIGHLIGHT_SIZE, [(pg.mkPen("w", width=6), None), (pg.mkPen(RING_COLOR, width=3), None)]
        )
        self.ring.setZValue(35)
        self.ring.hide()
        plot.addItem(self.layer, ignoreBounds=True)
        plot.addItem(self.ring, ignoreBounds=True)
        self.layer.add(self.ring)

    @property
    def indices(self) -> np.ndarray:
        """The highlighted samples: indices into the shown dataset (a read-only copy)."""
        out = self._indices.copy()
        out.setflags(write=False)
        return out

    @Slot(object)
    def show_samples(self, indices) -> None:
        """Highlight the samples at ``indices`` of the shown dataset (empty or None: none)."""
        xy = self._plot.data_points.xy
        idx = np.unique(np.asarray([] if indices is None else indices, dtype=np.int64).ravel())
        if idx.size and (idx[0] < 0 or idx[-1] >= xy.shape[0]):
            raise IndexError(f"sample indices must lie in [0, {xy.shape[0]})")
        self._dataset = self._plot.data_points.dataset
        self._indices = idx
        self._draw()
        self.changed.emit(self.indices)

    @Slot()
    def clear(self) -> None:
        self.show_samples(None)

    @Slot()
    def follow_data(self) -> None:
        """The plot was given data: the indices named points of the old data, so the highlight goes."""
        if self._plot.data_points.dataset is not self._dataset and self._indices.size:
            self.clear()
        self._dataset = self._plot.data_points.dataset

    def _draw(self) -> None:
        pts = self._plot.data_points.xy[self._indices]
        self.ring.setData(x=pts[:, 0], y=pts[:, 1])
        self.ring.setVisible(pts.shape[0] > 0)

    def shown_points(self) -> np.ndarray:
        """(n, 2) plot positions the ring is drawn at (what a person sees highlighted)."""
        if not self.ring.isVisible():
            return np.empty((0, 2))
        return self.ring.points()
