"""The network diagram's picture, drawn in parts on turns of their own while the network trains: the same pixels as
one paint draws, and the paint that shows it no longer draws the lines and nodes."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gui.inside import diagram_canvas, diagram_picture
from gui.inside.network_diagram import NetworkDiagram
from model.data.generators import make
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.gui.pixels import rgb


@pytest.fixture
def trained(qtbot):
    session = TrainingSession(make("moons", 200, seed=0), ModelSpec(hidden_layer_sizes=(16, 16)), TrainSpec(), seed=0)
    session.step(30)
    view = NetworkDiagram()
    qtbot.addWidget(view)
    view.resize(375, 560)
    # the mouse, wherever an earlier test left it, is not over a node: a hovered node is a change painted at once
    view.canvas.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    view.show()
    qtbot.waitExposed(view)
    return view, session


def _drawn_in_parts(view, qtbot, snap) -> np.ndarray:
    view.redraw(snap)
    assert view.canvas.picture.drawing()
    qtbot.waitUntil(lambda: not view.canvas.picture.drawing(), timeout=3000)
    assert view.canvas.picture.picture(view.canvas.picture_state()) is not None
    return rgb(view.canvas.grab())


def _painted_at_once(view) -> np.ndarray:
    view.canvas.picture.forget()
    return rgb(view.canvas.grab())


def test_the_picture_drawn_in_parts_is_the_one_painted_at_once(trained, qtbot, monkeypatch):
    view, session = trained
    canvas = view.canvas
    parts = []
    parts_of = diagram_picture._parts

    def counted(canvas):
        for draw, last in parts_of(canvas):
            parts.append(draw)
            yield draw, last

    monkeypatch.setattr(diagram_picture, "_parts", counted)
    for steps in (0, 40):  # the weights as they were, then after more training
        session.step(steps)
        parts.clear()
        in_parts = _drawn_in_parts(view, qtbot, session.snapshot())
        # 96 lines (2·16, the 48 strongest of 16·16, 16) and the nodes: more than two turns
        assert len(parts) >= 1 + sum(len(d) for d in canvas.drawn) // diagram_picture.PART_LINES
        at_once = _painted_at_once(view)
        assert np.array_equal(in_parts, at_once)
    # a unit switched off (its lines faded), a node selected, another under the mouse
    view._toggle_unit(1, 3)
    canvas.selected = (2, 5)
    canvas.hover = ("node", 1, 7)
    in_parts = _drawn_in_parts(view, qtbot, session.snapshot())
    at_once = _painted_at_once(view)
    assert np.array_equal(in_parts, at_once)
    inked = np.abs(in_parts.astype(int) - in_parts[0, 0].astype(int)).sum(axis=2) > 60
    assert inked.mean() > 0.03  # a diagram, not an empty canvas


def test_a_new_snapshot_is_shown_without_painting_the_diagram_in_the_paint(trained, qtbot, monkeypatch):
    view, session = trained
    _drawn_in_parts(view, qtbot, session.snapshot())
    # the paint the finished picture asked for, done now: on a busy machine it could still be pending when the next
    # redraw begins, and be counted as a paint of the new state
    view.canvas.repaint()
    painted = []
    paint = diagram_canvas.DiagramCanvas._paint

    def counted(canvas):
        # what the canvas was against what its picture was drawn for: why it was painted at once, should it be
        held = canvas.picture._state
        painted.append((canvas.picture_state()[1], held[1] if held is not None else None, canvas.picture.drawing()))
        paint(canvas)

    monkeypatch.setattr(diagram_canvas.DiagramCanvas, "_paint", counted)
    session.step(20)
    _drawn_in_parts(view, qtbot, session.snapshot())
    qtbot.wait(20)
    assert painted == []  # the picture was copied, the captions written on it
    canvas = view.canvas
    canvas.hover = ("line", 1, 0, 0)  # under the mouse, a line is drawn over the others: painted at once
    canvas.update()
    canvas.grab()
    assert len(painted) == 1


def test_a_change_without_a_redraw_is_painted_as_it_is(trained, qtbot):
    view, session = trained
    before = _drawn_in_parts(view, qtbot, session.snapshot())
    view.canvas.off = frozenset({(1, 0)})  # set, not yet asked to repaint: a grab shows it anyway
    assert not np.array_equal(rgb(view.canvas.grab()), before)


@pytest.mark.parametrize("activation", ["tanh", "logistic", "relu"])
def test_node_maps_coloured_a_layer_at_once_are_each_units_own(qtbot, activation):
    """A layer's maps are coloured in one lookup where the activation fixes the scale: each node's image is the one
    its map alone gives."""
    from gui.inside.diagram_node_maps import activation_names
    from gui.inside.inspect_common import rgba_to_qimage, unit_map_rgba

    ds = make("moons", 100, seed=0)
    session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(5, 4), activation=activation), TrainSpec(), seed=0)
    session.step(30)
    view = NetworkDiagram()
    qtbot.addWidget(view)
    view.resize(375, 560)
    view.show()
    qtbot.waitExposed(view)
    snap = session.snapshot((-3, 3, -3, 3), 32)
    view.redraw(snap)
    canvas, names = view.canvas, activation_names(snap)
    assert len(canvas.images) == sum(canvas.sizes)
    for (k, u), image in canvas.images.items():
        last = k == len(canvas.sizes) - 1
        own = unit_map_rgba(view._maps.maps[k][u], names[k], task=snap.task, unit=u if last else None)
        assert image == rgba_to_qimage(own), (k, u)
