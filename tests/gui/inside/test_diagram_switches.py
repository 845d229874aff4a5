"""The network diagram's unit switches: stamped from one drawing per look (drawn in place, their antialiased
discs and power signs were half the diagram's paint), and looking as they did drawn in place."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainter

import gui.inside.diagram_paint_nodes as paint_nodes
from gui.inside.network_diagram import NetworkDiagram
from gui.lessons.lesson_locks import locked_tip
from model.data.generators import make
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


def _snapshot():
    session = TrainingSession(make("moons", 60, seed=0), ModelSpec(hidden_layer_sizes=(6, 5)), TrainSpec(), seed=0)
    session.step(20)
    return session.snapshot()


@pytest.fixture
def diagram(qtbot):
    view = NetworkDiagram()
    qtbot.addWidget(view)
    view.resize(480, 420)
    view.show()
    qtbot.waitExposed(view)
    view.redraw(_snapshot())
    view.canvas.off = {(1, 2)}  # one switch dark
    return view


def _pixels(canvas) -> np.ndarray:
    image = canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4)[..., :3].astype(int)


def _around(pixels, centre, reach):
    x, y = round(centre.x()), round(centre.y())
    return pixels[y - reach : y + reach + 1, x - reach : x + reach + 1]


def test_every_switch_is_drawn_where_it_was_drawn_in_place(diagram, monkeypatch):
    canvas = diagram.canvas
    paint_nodes._SWITCH_SPRITES.clear()
    stamped = _pixels(canvas)
    assert 1 <= len(paint_nodes._SWITCH_SPRITES) <= 2  # eleven switches, two looks: on and off

    def in_place(p: QPainter, canvas, k, u, ink, base, ratio, hovered):
        # drawn where the stamp goes: its centre moved to whole pixels (at most half a pixel)
        r = canvas.switch_radius
        c, half = canvas.switch_center(k, u), math.ceil(r + 2)
        on_pixels = QPointF(round(c.x() - half) + half, round(c.y() - half) + half)
        assert abs(on_pixels.x() - c.x()) <= 0.5 and abs(on_pixels.y() - c.y()) <= 0.5
        paint_nodes._draw_switch(p, on_pixels, r, (k, u) in canvas.off, hovered, False, base, ink)

    monkeypatch.setattr(paint_nodes, "_paint_switch", in_place)
    drawn = _pixels(canvas)
    monkeypatch.setattr(paint_nodes, "_paint_switch", lambda *args: None)
    bare = _pixels(canvas)
    reach = round(canvas.switch_radius) + 1
    switches = [(k, u) for k in (1, 2) for u in range(canvas.sizes[k])]
    assert len(switches) == 11
    for k, u in switches:
        centre = canvas.switch_center(k, u)
        box, box_drawn, box_bare = (_around(p, centre, reach) for p in (stamped, drawn, bare))
        # a switch is there (not the node and lines under it), and it is the one drawn in place
        assert np.abs(box - box_bare).sum(axis=2).max() > 150, (k, u)
        assert np.abs(box - box_drawn).max() <= 2, (k, u)


def test_a_locked_switch_reads_as_locked(diagram):
    """A lesson that fixes the network locks the switches: each is drawn with a padlock in its middle (it was a plain
    white dot, read as nothing in particular), unlike a working switch's power sign, and its tooltip says that the
    lesson locks it."""
    canvas = diagram.canvas
    reach = round(canvas.switch_radius) + 1
    middle = max(1, round(canvas.switch_radius * 0.4))
    working = _pixels(canvas)
    diagram.set_units_locked(True, locked_tip("architecture"))
    locked = _pixels(canvas)
    background = np.array(canvas.palette().color(canvas.backgroundRole()).getRgb()[:3])
    for k, u in [(1, 0), (1, 3), (2, 4)]:
        centre = canvas.switch_center(k, u)
        lock = _around(locked, centre, middle)
        # ink at the middle of the disc, as dark against the diagram's background as a person reads a sign
        assert np.abs(lock - background).sum(axis=2).max() > 250, (k, u)
        assert np.abs(_around(locked, centre, reach) - _around(working, centre, reach)).max() > 100, (k, u)
    diagram.show_snapshot(_snapshot())
    tip = diagram.describe(("switch", 1, 0))
    assert "its switch is locked" in tip and "Locked by this lesson" in tip and "click" not in tip
