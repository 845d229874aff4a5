"""The network drawn as a graph.

Inputs, hidden units and outputs are nodes, one column per layer; every weight
is a line from unit i of one layer to unit j of the next, blue when positive and
orange when negative (Okabe-Ito, safe for colour-blind eyes), thicker and more
opaque the larger |w| is within its layer. Each node shows a small heat map of
its own output over the plot region, as TensorFlow Playground does. The inputs
are named after the data's features when it has its own names (iris, wine, a
CSV file's columns), x₁, x₂ otherwise.

Hover a line: its weight and the current full-batch gradient dL/dw (and the
probe's, when a point is probed). Hover a node: its bias and activation. Click
a node: ``nodeSelected`` asks the main plot to draw that unit's map large, until
the node is clicked again.

Switch a hidden unit off: click the small switch at its node's corner (a unit
switched off is greyed and crossed, its lines faded; clicking it anywhere switches
it on again). ``unitsOffRequested`` asks training for exactly that set of units off;
the diagram shows the set it asked for until a snapshot carries it (or the layers
change), so quick clicks build on each other. When new layers no longer have a unit
that was off, the legend says it was switched on again. A lesson that fixes the network calls
``set_units_locked(True, tip)``: the switches are drawn disabled, their clicks and Space do nothing, and their
tooltip (and the legend) says why.

With a probe, "Lines show → gradient of the probed point" draws the backward
pass: each line's colour is the direction one gradient step moves its weight
(blue: up, orange: down), its width |dL/dw|, with a chevron pointing backward
(the way the error flows); node rims show dL/dz.

A slow step (``gui.inside.slow_step``) plays one training step on the diagram: ``set_overlay`` lets it choose
what the lines show and paint on top, ``attach_panel`` puts its captions and buttons under the diagram.

Big networks stay readable by dropping detail, never by failing: a crowded layer pair draws only its strongest
weights (``diagram_lines.MAX_LINES_PER_LAYER``), and nodes too small for a thumbnail become plain discs.

This widget decides what the diagram shows; its parts are files of their own: the painted canvas
(``diagram_canvas``, with ``diagram_geometry``, ``diagram_paint_lines``, ``diagram_paint_nodes``,
``diagram_captions`` and ``diagram_picture``), which lines are drawn (``diagram_lines``), the nodes' maps
(``diagram_node_maps``), the inputs' names (``diagram_labels``), the digits' input image (``diagram_digit_input``),
the legend and notes (``diagram_legend``), the tooltips (``diagram_tooltips``) and the units-off bookkeeping
(``diagram_switches``).
Just over ~400 lines because what is left is that one idea: which snapshot, mode and overlay decide what is shown.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, Qt, Signal, Slot
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QToolTip, QVBoxLayout

from gui.inside import diagram_digit_input, diagram_labels, diagram_legend, diagram_lines
from gui.inside.diagram_canvas import DiagramCanvas
from gui.inside.diagram_node_maps import fill_nodes
from gui.inside.diagram_switches import UnitSwitchBook
from gui.inside.diagram_tooltips import TipFacts, describe
from gui.inside.throttled_view import ThrottledView
from gui.widgets import theme
from model.inside.health import full_batch_gradient

DEFAULT_BOUNDS = (-6.0, 6.0, -6.0, 6.0)  # the region drawn when a snapshot carries no plot region


class NetworkDiagram(ThrottledView):
    """Dockable diagram of the network of the newest snapshot.

    Signals
    -------
    nodeSelected(object) : (layer, unit) when a node is clicked, None when it is clicked again
        (layer 0 = inputs, 1.. hidden, L = output)
    unitsOffRequested(object) : the frozenset of hidden (layer, unit) to switch off (all others on)
    """

    nodeSelected = Signal(object)
    unitsOffRequested = Signal(object)
    rate_hz = 12.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("networkDiagram")
        self._dataset = None
        self._probe = None
        self._grad_cache = (None, None)  # (snapshot, full-batch grads)
        self._maps = None
        self._switches = UnitSwitchBook()
        self._overlay = None  # a slow step playing on the diagram (set_overlay)
        self._digit = None  # the drawn digit's 64 inputs (digits data: the inputs are drawn as its image)
        self.digit_values = None  # every layer's values for that digit, inputs first
        self._signal_mode = False  # the lines show what the drawn digit sends along them
        self._units_locked_tip = ""  # why the switches are refused ("" while they work)
        # the notes under the diagram, each (in full, in a few words): about the lines, the maps, the inputs
        self._notes: dict[str, tuple[str, str]] = {}
        self.canvas = DiagramCanvas(self)
        self.mode = QComboBox()
        self.mode.addItem("weights", "weights")
        self.mode.addItem("probe gradient", "probe")
        self.mode.addItem("drawn digit's signal", "signal")
        self.mode.setToolTip(
            "What the lines show: each weight (blue positive, orange negative, width |w|),\n"
            "or, for a probed point, the step gradient descent takes on each weight\n"
            "(blue: the weight grows, orange: it shrinks; width |dL/dw|),\n"
            "or, on the digits, what the drawn digit sends along each line: input × weight."
        )
        self.mode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.mode.setMinimumContentsLength(6)
        self.mode.currentIndexChanged.connect(self._on_mode)
        self.thumbs = QCheckBox("maps")
        self.thumbs.setChecked(True)
        self.thumbs.setToolTip("Show each unit's output over the plot region inside its node.")
        self.thumbs.toggled.connect(self._on_mode)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Lines:"))
        bar.addWidget(self.mode, 1)
        bar.addWidget(self.thumbs)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addWidget(self.canvas, 1)
        lay.addWidget(self.legend)
        self.canvas.hovered.connect(self._on_hover)
        self.canvas.clicked.connect(self._on_click)
        self._update_legend()
        theme.manager().changed.connect(self._on_theme)

    # -- inputs ---------------------------------------------------------------------------------
    def set_units_locked(self, locked: bool, tip: str = "Locked by this lesson.") -> None:
        """Refuses (``locked``) or allows again the hidden units' switches; ``tip`` says why they are refused."""
        self._units_locked_tip = tip if locked else ""
        self.canvas.units_locked = locked
        self.canvas.update()
        self._update_legend()

    @property
    def units_locked(self) -> bool:
        return self.canvas.units_locked

    def set_dataset(self, dataset) -> None:
        """The data (its training points give the lines' gradients, its feature names the inputs' labels)."""
        self._dataset = dataset
        self._grad_cache = (None, None)

    @Slot(object)
    def set_probe(self, probe) -> None:
        """A ``model.inside.probe.Probe`` (or None): its gradients can be drawn on the lines."""
        self._probe = probe
        self._update_legend()
        self.mark_dirty()

    @Slot(object)
    def set_look(self, look) -> None:
        """The lines' widths from ``look`` (a ``PlotLook``); widened by its square root, as many lines crowd here."""
        self.canvas.line_scale = math.sqrt(look.line_scale)
        self.canvas.layout_nodes()  # wider lines, wider gaps between the node maps
        self.canvas.update()

    @Slot(object)
    def set_input_digit(self, digit) -> None:
        """The digit (64 inputs in [0, 1], or None) whose path through the network the diagram shows on the
        digits data: the input image is that digit, each unit is filled with its output for it."""
        self._digit = None if digit is None else np.array(digit, dtype=np.float64).reshape(-1)
        # a drawing shows its signal on the lines; the pad cleared, the weights again
        want = "signal" if self._digit is not None else "weights"
        if self.mode.currentData() in ("weights", "signal") and self.mode.currentData() != want:
            self.mode.setCurrentIndex(self.mode.findData(want))
        self._update_legend()
        self.mark_dirty()

    def paint_cost(self) -> float:
        return self.canvas.last_paint_cost

    def clear_selection(self) -> None:
        if self.canvas.selected is not None:
            self.canvas.selected = None
            self.canvas.update()
            self.nodeSelected.emit(None)

    # -- drawing --------------------------------------------------------------------------------
    def redraw(self, snap) -> None:
        canvas = self.canvas
        if self._overlay is not None:
            snap = self._overlay.diagram_snapshot(snap)
        if snap is None:
            canvas.sizes, canvas.drawn, canvas.images = (), [], {}
            canvas.layout_nodes()
            canvas.update_soon()
            return
        sizes = tuple(int(s) for s in snap.layer_sizes)
        canvas.off = self._switches.shown(snap)
        if sizes != canvas.sizes:
            canvas.selected = (
                None
                if canvas.selected is None
                or canvas.selected[0] >= len(sizes)
                or canvas.selected[1] >= sizes[canvas.selected[0]]
                else canvas.selected
            )
        canvas.sizes = sizes
        names = getattr(self._dataset, "feature_names", ())
        canvas.labels = [diagram_labels.input_labels(sizes[0], snap.features, names)]
        canvas.weights = [np.array(W, dtype=np.float64) for W, _ in snap.layer_params()]
        probe_mode = self.mode.currentData() == "probe" and self._probe_matches(snap) and self._overlay is None
        image = diagram_digit_input.shows_image(snap, self._dataset)
        # A slow step shows the sample it steps with (the probed point or the batch's first), not the drawing.
        stepped = None if self._overlay is None else diagram_digit_input.as_digit(self._overlay.phases.inputs)
        digit = stepped if stepped is not None else diagram_digit_input.as_digit(self._digit)
        digit = digit if image else None
        self.digit_values = diagram_digit_input.digit_values(snap, digit) if digit is not None else None
        signal_mode = (
            not probe_mode
            and self._overlay is None
            and self.mode.currentData() == "signal"
            and self.digit_values is not None
        )
        self._signal_mode = signal_mode
        if probe_mode:
            canvas.line_values = [-np.asarray(lp.dW) for lp in self._probe.layers]
        elif signal_mode:
            # what the digit sends along each line: the value leaving unit i times the weight to j
            canvas.line_values = [a[:, None] * W for a, W in zip(self.digit_values[:-1], canvas.weights)]
        else:
            canvas.line_values = canvas.weights
        canvas.chevrons = probe_mode
        if self._overlay is not None:
            self._overlay.style_lines(canvas)
        canvas.input_image = diagram_digit_input.input_image(digit) if image else None
        n_raw = sizes[0] - len(snap.features)
        self._notes.pop("maps", None)
        self._notes.pop("input", None)
        if image:  # the maps' note does not apply: the inputs are drawn as one digit
            source = None if digit is None else ("stepped" if stepped is not None else "drawn")
            self._notes["input"] = diagram_legend.input_note(source)
        elif n_raw > 2:  # a unit's map over the plot's two coordinates needs a network of two inputs
            self._notes["maps"] = diagram_legend.maps_note(n_raw)
        self._choose_lines()
        canvas.layout_nodes()
        self._maps = fill_nodes(
            canvas,
            snap,
            self._maps,
            thumbs=self.thumbs.isChecked(),
            bounds=DEFAULT_BOUNDS,
            probe=self._probe if probe_mode else None,
        )
        if image and stepped is None:  # a slow step writes its own values on the units
            canvas.node_fill.update(diagram_digit_input.unit_fills(snap, digit))
        self._update_legend()
        canvas.update_soon()

    def set_overlay(self, overlay) -> None:
        """A slow step (``gui.inside.slow_step_overlay.SlowStepOverlay``) takes over what the lines show and
        paints on top; None gives the diagram back to the snapshots."""
        self._overlay = overlay
        self.canvas.overlay = overlay
        self.mark_dirty()
        if self.isVisible():
            self.flush()

    def attach_panel(self, panel) -> None:
        """A panel under the diagram (the slow step's captions and buttons), above the legend."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)  # the diagram's own column: canvas, panels, legend
        layout.insertWidget(layout.indexOf(self.legend), panel)

    def restyle(self) -> None:
        """The overlay's lines again (its phase moved on), without recomputing the node maps."""
        canvas = self.canvas
        if self._overlay is not None and canvas.sizes and self._overlay.fits(canvas.sizes):
            self._overlay.style_lines(canvas)
            self._choose_lines()  # the notes about the inputs stay: only the lines changed
            canvas.layout_nodes()
        canvas.update()

    def _choose_lines(self) -> None:
        """Which lines to draw: all, or in a crowded layer pair the strongest of what they show."""
        self.canvas.drawn, hidden = diagram_lines.choose_lines(self.canvas.line_values, self._signal_mode)
        self._notes.pop("lines", None)
        note = diagram_legend.lines_note(hidden)
        if note is not None:
            self._notes["lines"] = note
        self.canvas.note, self.canvas.short_note = diagram_legend.note_texts(self._notes)

    @Slot(object)
    def show_snapshot(self, snapshot) -> None:
        if snapshot is not None and self._switches.note_snapshot(snapshot):
            self._update_legend()  # new layers switched units on again
        super().show_snapshot(snapshot)

    def units_off(self) -> frozenset:
        """The hidden units the diagram shows switched off."""
        return self.canvas.off

    def _toggle_unit(self, layer: int, unit: int) -> None:
        snap = self._snapshot
        if snap is None or self.units_locked:
            return
        units = self.canvas.off ^ {(layer, unit)}
        self._switches.ask(snap, units)
        self.canvas.off = units
        self.canvas.update()
        self._update_legend()
        self.unitsOffRequested.emit(units)

    def _probe_matches(self, snap) -> bool:
        p = self._probe
        return (
            p is not None
            and len(p.layers) == len(snap.layer_sizes) - 1
            and all(lp.W.shape == (a, b) for lp, a, b in zip(p.layers, snap.layer_sizes[:-1], snap.layer_sizes[1:]))
        )

    def _update_legend(self) -> None:
        self.legend.setText(
            diagram_legend.legend_text(
                self.mode.currentData(),
                has_probe=self._probe is not None,
                has_digit=self._digit is not None,
                locked=self.units_locked,
                locked_tip=self._units_locked_tip,
                switched_on=self._switches.switched_on,
                ink=theme.current(),
            )
        )

    @Slot(object)
    def _on_theme(self, _theme) -> None:
        """The legend's words in the new theme's colours."""
        self._update_legend()

    @Slot(int)
    @Slot(bool)
    def _on_mode(self, *_):
        self._update_legend()
        self.mark_dirty()
        if self.isVisible():
            self.flush()

    # -- interaction ----------------------------------------------------------------------------
    def _full_gradient(self, snap):
        cached_snap, grads = self._grad_cache
        if cached_snap is snap:
            return grads
        grads = None
        ds = self._dataset
        if ds is not None and snap is not None and getattr(ds, "n_samples", 0):
            try:
                grads = full_batch_gradient(snap, ds.train_X, ds.train_y)
            except ValueError:
                grads = None
        self._grad_cache = (snap, grads)
        return grads

    def describe(self, item) -> str:
        """The tooltip text for a node or a line (also used by the tests)."""
        snap = self._snapshot
        if item is None or snap is None:
            return ""
        facts = TipFacts(
            snap=snap,
            labels=self.canvas.labels[0] if self.canvas.labels else [],
            off=self.canvas.off,
            locked=self.units_locked,
            locked_tip=self._units_locked_tip,
            maps=self._maps,
            probe=self._probe if self._probe_matches(snap) else None,
            digit_values=self.digit_values,
            gradients=lambda: self._full_gradient(snap),
        )
        return describe(facts, item)

    @Slot(object)
    def _on_hover(self, item) -> None:
        if item is None:
            QToolTip.hideText()
            return
        text = self.describe(item)
        if text:
            where = QCursor.pos()
            if self.canvas.hasFocus() and not self.canvas.underMouse() and item[0] == "node":  # picked by a key
                where = self.canvas.mapToGlobal(self.canvas.node_center(item[1], item[2]).toPoint())
            QToolTip.showText(where, text, self.canvas)

    @Slot(object)
    def _on_click(self, item) -> None:
        kind, layer, unit = item
        if kind == "switch" and self.units_locked:
            QToolTip.showText(QCursor.pos(), self.describe(item), self.canvas)
            return
        if kind == "switch" or ((layer, unit) in self.canvas.off and not self.units_locked):
            self._toggle_unit(layer, unit)
            return
        if self.canvas.selected == (layer, unit):
            self.canvas.selected = None
            self.nodeSelected.emit(None)
        else:
            self.canvas.selected = (layer, unit)
            self.nodeSelected.emit((layer, unit))
        self.canvas.update()

    # -- for tests ------------------------------------------------------------------------------
    def line_info(self, layer: int, i: int, j: int) -> dict:
        """What the line of weight W_layer[i, j] carries: weight, value shown, colour, width, drawn."""
        return diagram_lines.line_info(self.canvas, layer, i, j)

    def node_center(self, layer: int, unit: int) -> QPointF:
        return self.canvas.node_center(layer, unit)
