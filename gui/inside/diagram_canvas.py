"""The painted network diagram: the widget that holds what to draw, lays it out, paints it and answers the mouse
and the keys. ``NetworkDiagram`` decides what it shows.

Where things go is ``gui.inside.diagram_geometry`` (also the hit-testing); the lines are painted by
``gui.inside.diagram_paint_lines``, the nodes and their switches by ``gui.inside.diagram_paint_nodes``, the
captions, input labels and the note by ``gui.inside.diagram_captions``; a slow step's overlay paints between and
on top of them. A new snapshot's lines and nodes are drawn into a picture over a few turns of the event loop
(``gui.inside.diagram_picture``), which the paint copies.

Every hidden unit has a small round switch at its top-right corner; a unit switched off is drawn greyed and
crossed, its lines faded. From the keyboard (the canvas takes the focus): the arrows pick a unit, Space clicks
its switch, Enter clicks the unit (these keys are the canvas's while it has the focus, not the window's).
While ``units_locked`` (a lesson fixes the network), the switches are drawn greyed, a padlock in place of their
power sign.

The whole diagram is one QWidget painting itself: no QGraphicsItem per line.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.inside import diagram_captions
from gui.inside.diagram_geometry import Placement, place
from gui.inside.diagram_paint_lines import paint_lines
from gui.inside.diagram_paint_nodes import paint_nodes
from gui.inside.diagram_picture import DiagramPicture

_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_Return)


class DiagramCanvas(QWidget):
    """The painted diagram. The owning ``NetworkDiagram`` feeds it arrays; it paints and hit-tests."""

    hovered = Signal(object)  # ("node", layer, unit) | ("switch", layer, unit) | ("line", layer, i, j) | None
    clicked = Signal(object)  # ("node", layer, unit) | ("switch", layer, unit)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Network diagram")
        self.setAccessibleDescription(
            "Arrows pick a unit; Space switches a hidden unit off or on; Enter shows its map."
        )
        self.setMinimumSize(150, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.sizes: tuple = ()
        self.labels: list[list[str]] = []
        self.weights: list[np.ndarray] = []  # per layer k = 1..L at index k-1: (fan_in, fan_out)
        self.line_values: list[np.ndarray] = []  # what the lines show (weights or −gradients)
        self.drawn: list[np.ndarray] = []  # (n_drawn, 2) int: (i, j) of the lines drawn per layer
        self.images: dict = {}  # (layer, unit) -> QImage
        self.node_fill: dict = {}  # (layer, unit) -> QColor (when no thumbnail)
        self.rims: dict = {}  # (layer, unit) -> (QColor, width)
        self.selected = None
        self.off: frozenset = frozenset()  # hidden (layer, unit) shown switched off
        self.input_image = None  # QImage: the inputs are one image's pixels (digits), drawn as that image
        self.input_shape = (8, 8)
        self.units_locked = False  # the switches are drawn disabled (NetworkDiagram refuses their clicks)
        self.chevrons = False
        self.note = ""
        self.short_note = ""  # the note said in fewer words, when the whole one is wider than the diagram
        self.line_scale = 1.0  # the weights' lines widen by this much (presenter mode)
        self.overlay = None  # a slow step's painting on top (gui.inside.slow_step_overlay), or None
        self.placement = Placement()  # where the nodes, the input image and the lines are (layout_nodes)
        self.hover = None  # the item under the mouse, or the unit picked by a key
        self.last_paint_cost = 0.0
        # A redraw computes what to draw; the picture is drawn on later turns of the event loop, in parts
        # (gui.inside.diagram_picture), so that none of them (each 1-4 ms at once) keeps a click or a key waiting.
        self.picture = DiagramPicture(self)
        self._paint_timer = QTimer(self)
        self._paint_timer.setSingleShot(True)
        self._paint_timer.setInterval(0)
        self._paint_timer.timeout.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(420, 320)

    def update_soon(self) -> None:
        """Repaint on later turns of the event loop than this one: the picture drawn in parts, then shown (a slow
        step's overlay, or a canvas not shown: painted at once on the next turn)."""
        if self._pictured() and self.isVisible():
            self._paint_timer.stop()
            self.picture.start()
        elif not self._paint_timer.isActive():
            self._paint_timer.start()

    def _pictured(self) -> bool:
        """Whether a picture drawn in parts can show the canvas: not a slow step's overlay (it paints between the
        layers), nor a hovered line (drawn between the lines and the nodes), nor an empty canvas."""
        hover = self.hover
        return (
            self.overlay is None
            and not (hover and hover[0] == "line")
            and bool(self.positions)
            and self.width() > 0
            and self.height() > 0
        )

    @Slot()
    def update(self, *args) -> None:
        """Something the picture shows changed: painted at once, as it is now."""
        self.picture.forget()
        super().update(*args)

    def show_picture(self) -> None:
        """Repaint, keeping the picture just drawn (``DiagramPicture``)."""
        super().update()

    def picture_state(self) -> tuple:
        """What a picture depends on: the objects it draws from (a redraw replaces them; compared by identity) and
        the small values (compared by equality). See ``gui.inside.diagram_picture.same_state``."""
        return (
            (self.placement, self.drawn, self.line_values, self.images, self.node_fill, self.rims, self.input_image),
            (
                self.width(),
                self.height(),
                self.devicePixelRatioF(),
                self.palette().cacheKey(),
                self.off,
                self.sizes,
                self.line_scale,
                self.chevrons,
                self.hover,
                self.selected,
                self.units_locked,
                self.input_shape,
                self.overlay is None,
            ),
        )

    # -- geometry -------------------------------------------------------------------------------
    def layout_nodes(self) -> None:
        """Places the nodes and the lines drawn for the widget's size (after the sizes, lines or note changed)."""
        if not self.sizes:
            self.placement = Placement(node_px=self.placement.node_px, input_shape=self.input_shape)
            return
        self.placement = place(
            self.sizes,
            self.width(),
            self.height(),
            note_lines=len(diagram_captions.note_lines(self)),
            image_inputs=self.images_the_inputs(),
            input_shape=self.input_shape,
            label_room=diagram_captions.label_room(self, max(self.width(), 50)),
            drawn=self.drawn,
            line_scale=self.line_scale,
        )

    def images_the_inputs(self) -> bool:
        rows, cols = self.input_shape
        return self.input_image is not None and bool(self.sizes) and self.sizes[0] == rows * cols

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.layout_nodes()

    @property
    def positions(self) -> list[np.ndarray]:
        """Per layer, the (n, 2) centres of its nodes."""
        return self.placement.positions

    @property
    def node_px(self) -> float:
        return self.placement.node_px

    @property
    def image_rect(self) -> QRectF | None:
        """Where the inputs are drawn as one image, or None."""
        return self.placement.image_rect

    def node_center(self, layer: int, unit: int) -> QPointF:
        return self.placement.node_center(layer, unit)

    def is_hidden(self, layer: int) -> bool:
        return 0 < layer < len(self.sizes) - 1

    @property
    def switch_radius(self) -> float:
        return self.placement.switch_radius

    def switch_center(self, layer: int, unit: int) -> QPointF:
        """The centre of a hidden unit's switch: its node's top-right corner."""
        return self.placement.switch_center(layer, unit)

    def item_at(self, x: float, y: float):
        """("switch", layer, unit), ("node", layer, unit), ("line", layer, i, j) or None under (x, y)."""
        return self.placement.item_at(x, y)

    # -- words ----------------------------------------------------------------------------------
    def caption_font(self) -> QFont:
        return diagram_captions.caption_font(self)

    def shown_note(self) -> str:
        """The note as painted: in full when it fits the width, else in a few words."""
        return diagram_captions.shown_note(self)

    def input_label_texts(self) -> list[str]:
        """The input nodes' labels as painted, elided to the room beside their node."""
        return diagram_captions.input_label_texts(self)

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        t0 = time.perf_counter()
        picture = self.picture.picture(self.picture_state()) if self._pictured() else None
        if picture is None:
            self._paint()
            self.last_paint_cost = time.perf_counter() - t0
            return
        p = QPainter(self)
        p.drawImage(0, 0, picture)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        diagram_captions.paint_captions(p, self)
        p.end()
        self.last_paint_cost = time.perf_counter() - t0 + self.picture.cost

    def _paint(self) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.fillRect(self.rect(), self.palette().base())
        if not self.positions:
            p.setPen(self.palette().text().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No network yet")
            p.end()
            return
        paint_lines(p, self)
        if self.overlay is not None:
            self.overlay.paint_lines(p, self)
        paint_nodes(p, self)
        diagram_captions.paint_captions(p, self)
        if self.overlay is not None:
            self.overlay.paint_over(p, self)
        p.end()

    # -- mouse ----------------------------------------------------------------------------------
    def mouseMoveEvent(self, event) -> None:
        pos = event.position()
        item = self.item_at(pos.x(), pos.y())
        if item != self.hover:
            self.hover = item
            self.update()
        self.hovered.emit(item)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:
        if self.hover is not None:
            self.hover = None
            self.update()
        self.hovered.emit(None)
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            pos = event.position()
            item = self.item_at(pos.x(), pos.y())
            if item is not None and item[0] in ("node", "switch"):
                self.clicked.emit(item)
                event.accept()
                return
        super().mousePressEvent(event)

    # -- keyboard -------------------------------------------------------------------------------
    def event(self, event) -> bool:
        # The diagram's keys are its own while it has the focus (Space would otherwise play, → step).
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in _KEYS + (Qt.Key.Key_Enter,):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        positions = self.positions
        if not positions:
            super().keyPressEvent(event)
            return
        key = event.key()
        k, u = self._keyed_unit()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            k = min(max(k + (1 if key == Qt.Key.Key_Right else -1), 0), len(positions) - 1)
            u = min(u, len(positions[k]) - 1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            u = min(max(u + (1 if key == Qt.Key.Key_Down else -1), 0), len(positions[k]) - 1)
        elif key == Qt.Key.Key_Space and self.is_hidden(k):
            self.clicked.emit(("switch", k, u))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.clicked.emit(("node", k, u))
        else:
            super().keyPressEvent(event)
            return
        self.hover = ("node", k, u)
        self.update()
        self.hovered.emit(self.hover)

    def _keyed_unit(self) -> tuple[int, int]:
        """The unit the keys act on: the one under the mouse or picked last, else the first hidden one."""
        if self.hover and self.hover[0] in ("node", "switch"):
            return self.hover[1], self.hover[2]
        return (1 if len(self.positions) > 2 else 0), 0
