"""Export ▸ Plot as PNG and Curves as PNG write the picture at twice its size on screen, legends included: the
legend takes the same share of the exported picture as of the window (it stayed at its size on screen, half the
share of the axes' and the points' twice-as-large text)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QImage

from gui.files.exporters import export_png
from tests.gui.pixels import rgb


def _legends(item) -> list:
    return [i for i in item.scene().items() if isinstance(i, pg.LegendItem) and item.isAncestorOf(i) and i.isVisible()]


def _footprint(shown: np.ndarray, hidden: np.ndarray) -> tuple[int, int]:
    """Width and height of the box round the pixels the legends change."""
    rows, cols = np.nonzero(np.abs(shown.astype(int) - hidden.astype(int)).max(axis=-1) > 24)
    assert rows.size, "the legend changed no pixel"
    return int(cols.max() - cols.min() + 1), int(rows.max() - rows.min() + 1)


def _shares(item, widget, tmp_path) -> tuple[np.ndarray, np.ndarray]:
    """The legends' footprint as a share of the item's width and height: in a grab of the window, in the export."""
    legends = _legends(item)
    assert legends
    size = np.array([item.boundingRect().width(), item.boundingRect().height()])
    on_screen, exported = [], []
    for shown in (True, False):
        for legend in legends:
            legend.setVisible(shown)
        on_screen.append(rgb(widget.grab()))
        export_png(item, tmp_path / f"{shown}.png", scale=2.0)
        exported.append(rgb(QImage(str(tmp_path / f"{shown}.png"))))
    for legend in legends:
        legend.setVisible(True)
    image = np.array(exported[0].shape[1::-1], dtype=float)
    assert np.allclose(image / size, 2.0, atol=0.02)  # the export is at twice the size on screen
    return np.array(_footprint(*on_screen)) / size, np.array(_footprint(*exported)) / image


def test_an_exported_legend_keeps_its_share_of_the_picture(make_window, qtbot, tmp_path):
    w = make_window(size=(1024, 700))
    w.controller.step(30)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch == 30, timeout=10000)
    qtbot.wait(100)  # the views drew the snapshot
    for view, item in ((w.boundary_view, w.boundary_view.getPlotItem()), (w.curves_view, w.curves_view.glw.ci)):
        on_screen, exported = _shares(item, view, tmp_path)
        assert np.allclose(exported, on_screen, rtol=0.12), (type(view).__name__, on_screen, exported)
