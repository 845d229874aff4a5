"""Helpers of the main plot's tests: real mouse input at data coordinates, sample data and snapshots."""

from __future__ import annotations

import dataclasses
import types

import numpy as np
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from model.data.dataset import Dataset
from model.training.snapshot import Snapshot

LEFT, RIGHT, MIDDLE = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton
NOMOD = Qt.KeyboardModifier.NoModifier


def wpos(view, x, y):
    """Viewport pixel of data point (x, y)."""
    return view.mapFromScene(view.vb.mapViewToScene(QPointF(x, y)))


def px_tol(view):
    """One screen pixel in data units (both axes)."""
    pw, ph = view.vb.viewPixelSize()
    return max(pw, ph)


def click(view, x, y, button=LEFT, mods=NOMOD):
    QTest.mouseClick(view.viewport(), button, mods, wpos(view, x, y))


def move(widget, pos, buttons, mods=NOMOD):
    # QTest.mouseMove on a QWidget does not carry the pressed buttons (Qt 6), so send the event ourselves.
    lp = QPointF(pos)
    ev = QMouseEvent(
        QEvent.Type.MouseMove, lp, lp, QPointF(widget.mapToGlobal(pos)), Qt.MouseButton.NoButton, buttons, mods
    )
    QApplication.sendEvent(widget, ev)


def drag(qtbot, view, path, button=LEFT, mods=NOMOD):
    """Press at path[0], move through path[1:] (12 ms apart: pyqtgraph rate-limits moves), release at path[-1].

    Screen positions are computed up front, as a hand would move: a pan shifts the data under the mouse.
    """
    vp = view.viewport()
    screen = [wpos(view, x, y) for x, y in path]
    QTest.mousePress(vp, button, mods, screen[0])
    for pos in screen[1:]:
        qtbot.wait(12)
        move(vp, pos, button, mods)
    qtbot.wait(12)
    QTest.mouseRelease(vp, button, mods, screen[-1])


def sample_dataset(n_classes=3, n=60, seed=0, test_fraction=0.25):
    rng = np.random.default_rng(seed)
    centres = np.array([[-3.0, 2.0], [3.0, 2.0], [0.0, -3.0], [-3, -3], [3, -3]])[:n_classes]
    y = np.arange(n) % n_classes
    X = centres[y] + rng.normal(0, 0.8, size=(n, 2))
    return Dataset.from_arrays(X, y, test_fraction=test_fraction, seed=seed, n_classes=n_classes)


def centroid_grid(ds, bounds, size):
    """A (G, G, K) softmax of negative distances to the class centres, plus predictions for ds."""
    xmin, xmax, ymin, ymax = bounds
    xs = xmin + (np.arange(size) + 0.5) * (xmax - xmin) / size
    ys = ymin + (np.arange(size) + 0.5) * (ymax - ymin) / size
    gx, gy = np.meshgrid(xs, ys)
    C = np.array([ds.X[ds.y == k].mean(axis=0) for k in range(ds.n_classes)])
    d = -((gx[..., None] - C[:, 0]) ** 2 + (gy[..., None] - C[:, 1]) ** 2) / 4.0
    P = np.exp(d - d.max(axis=-1, keepdims=True))
    P /= P.sum(axis=-1, keepdims=True)
    dp = -((ds.X[:, None, 0] - C[:, 0]) ** 2 + (ds.X[:, None, 1] - C[:, 1]) ** 2)
    return P.astype(np.float32), dp.argmax(axis=1)


SNAPSHOT_FIELDS = frozenset(f.name for f in dataclasses.fields(Snapshot))


def snap(**kw):
    """A stand-in for ``Snapshot`` with only the fields a view reads; a name ``Snapshot`` lacks is refused, so a
    test cannot exercise a path the app never takes."""
    unknown = set(kw) - SNAPSHOT_FIELDS
    if unknown:
        raise TypeError(f"Snapshot has no field {', '.join(sorted(unknown))}")
    base = dict(
        epoch=10,
        train_loss=0.3,
        test_loss=0.35,
        train_score=0.9,
        test_score=0.875,
        task="classification",
        diverged=False,
        curves={},
        grid=None,
        grid_bounds=None,
        predictions=None,
        data_version=0,
        session_id=0,
    )
    base.update(kw)
    return types.SimpleNamespace(**base)
