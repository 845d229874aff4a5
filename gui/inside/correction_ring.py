"""At Watch's start the perceptron's line moves one correction at a time; this rings, on the plot, the training
point whose mistake made the latest move (the snapshot's ``last_corrected``), in the perceptron lesson's ring for
a misclassified sample (``gui.inside.sample_ring``). Whole epochs at once (Watch sped up, a fixed pace), corrections
faster than one a frame or two (``model.training.pace.RING_CORRECTIONS_MOST``: the training loop leaves the point
out), a moment of the timeline, a Reset or other data carry no such point, and the ring goes.

The plot shows the points' two features; on data of more features it shows a plane through them, and the point is
not ringed there (as the lesson's sample is not)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject

from gui.inside.sample_ring import sample_ring


class CorrectionRing(QObject):
    """``item`` goes on the plot; ``show_snapshot`` with each live snapshot and the document (``dataset``,
    ``version``) of the points shown."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self._document = document
        self.item = sample_ring(wrong=True)  # its sample was misclassified: the orange ring, in any theme
        self._shown: tuple[int, int] | None = None  # (training index, data version) ringed now

    @property
    def shown(self) -> tuple[float, float] | None:
        """The plot position ringed now (None: no ring)."""
        if not self.item.isVisible():
            return None
        xs, ys = self.item.getData()
        return float(xs[0]), float(ys[0])

    def show_snapshot(self, snap) -> None:
        """Rings ``snap``'s last corrected sample (one comparison when it is the one ringed already)."""
        index = snap.last_corrected
        if index is None:
            self.clear()
            return
        key = (int(index), int(snap.data_version))
        if key == self._shown:
            return
        ds = self._document.dataset
        if snap.data_version != self._document.version or ds.n_features != 2 or ds.plane_frame() is not None:
            self.clear()  # a snapshot of other points than those drawn, or a plane through more features
            return
        train = np.flatnonzero(~np.asarray(ds.is_test))
        if not 0 <= key[0] < train.shape[0]:
            self.clear()
            return
        x, y = (float(v) for v in ds.X[train[key[0]], :2])
        self.item.setData([x], [y])
        self.item.show()
        self._shown = key

    def clear(self) -> None:
        if self._shown is None:
            return
        self._shown = None
        self.item.setData([], [])
        self.item.hide()
