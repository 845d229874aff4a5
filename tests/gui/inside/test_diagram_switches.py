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
from model.data.generators import make
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


@pytest.fixture
def diagram(qtbot):
    session = TrainingSession(make("moons", 60, seed=0), ModelSpec(hidden_layer_sizes=(6, 5)), TrainSpec(), seed=0)
    session.step(20)
    view = NetworkDiagram()
    qtbot.addWidget(view)
    view.resize(480, 420)
    view.show()
    qtbot.waitExposed(view)
    view.redraw(session.snapshot())
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
