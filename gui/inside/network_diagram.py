"""The network drawn as a graph.

Inputs, hidden units and outputs are nodes, one column per layer; every weight
is a line from unit i of one layer to unit j of the next, blue when positive and
orange when negative (Okabe-Ito, safe for colour-blind eyes), thicker and more
opaque the larger |w| is within its layer. Each node shows a small heat map of
its own output over the plot region, as TensorFlow Playground does.

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

Big networks stay readable by dropping detail, never by failing: a layer pair
with more than ``MAX_LINES_PER_LAYER`` weights draws only its strongest ones,
and nodes too small for a thumbnail become plain discs.

The whole diagram is one QWidget painting itself (``gui.inside.diagram_canvas``): no QGraphicsItem per line.
"""

from __future__ import annotations

import html
import math
import time

import numpy as np
from PySide6.QtCore import QPointF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QCursor
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QToolTip, QVBoxLayout

from gui.inside import diagram_digit_input, diagram_labels
from gui.inside.diagram_canvas import MAX_LINE_WIDTH, MIN_THUMB_PX, WIDTH_LEVELS, DiagramCanvas, thumb_size
from gui.inside.inspect_common import NEGATIVE, POSITIVE, ThrottledView, fmt, rgba_to_qimage, unit_map_rgba
from model.inside.health import full_batch_gradient
from model.inside.neuron_maps import neuron_maps
from model.nn.param_layout import layer_blocks
from model.nn.units_off import names, split_fitting, unit_name

MAX_LINES_PER_LAYER = 320  # beyond this, only the strongest weights of a layer pair are drawn
DEFAULT_BOUNDS = (-6.0, 6.0, -6.0, 6.0)
#: How long the diagram shows the units it asked to switch off before trusting the snapshots again (a request
#: answered in another way, e.g. a session file opened meanwhile).
ASKED_UNITS_TTL_S = 3.0


LOCKED_PREFIX = "Locked by this lesson"  # how a lesson's locks begin their tips (gui.lessons.lesson_locks)


def locked_switches_sentence(tip: str) -> str:
    """The legend's sentence for switches a lesson locked: "Locked by this lesson: the model type, …" becomes
    "Unit switches locked by this lesson, along with the model type, …", as the locked controls say it."""
    if not tip.startswith(LOCKED_PREFIX):
        return f"Unit switches locked: {tip}"
    what = tip[len(LOCKED_PREFIX) :].strip(" :.")
    return "Unit switches locked by this lesson" + (f", along with {what}." if what else ".")


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
        self._bounds = DEFAULT_BOUNDS
        self._probe = None
        self._grad_cache = (None, None)  # (snapshot, full-batch grads)
        self._maps = None
        self._asked = None  # (monotonic time, hidden sizes, units) of the last switch clicked
        self._known_units = None  # (hidden sizes, units off) of the last snapshot
        self._switched_on = ""  # the units new layers switched on again, for the legend
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

    def set_bounds(self, bounds) -> None:
        """The plot region the thumbnails cover (xmin, xmax, ymin, ymax)."""
        bounds = tuple(float(b) for b in bounds)
        if bounds != self._bounds:
            self._bounds = bounds
            self.mark_dirty()

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

    def selected_node(self):
        return self.canvas.selected

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
        canvas.off = self._units_shown(snap)
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
        digit = self._digit if image and self._digit is not None and self._digit.shape == (64,) else None
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
            self._notes["input"] = (
                ("input: the drawn digit; units filled by their output for it", "input: the drawn digit")
                if digit is not None
                else ("input: the 8×8 image (Draw a digit to see its path through the network)", "input: the 8×8 image")
            )
        elif n_raw > 2:  # a unit's map over the plot's two coordinates needs a network of two inputs
            self._notes["maps"] = (f"no neuron maps of {n_raw} inputs (they need 2)", f"no maps of {n_raw} inputs")
        self._choose_lines()
        canvas.layout_nodes()
        self._update_nodes(snap, probe_mode)
        if image:
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
        canvas = self.canvas
        drawn, hidden = [], 0
        for values in canvas.line_values:
            fan_in, fan_out = values.shape
            budget = min(MAX_LINES_PER_LAYER, max(48, 3 * max(fan_in, fan_out)))
            if fan_in * fan_out <= budget:
                ii, jj = np.meshgrid(np.arange(fan_in), np.arange(fan_out), indexing="ij")
                pairs = np.column_stack([ii.ravel(), jj.ravel()])
            else:
                flat = np.abs(np.nan_to_num(values)).ravel()
                keep = np.argpartition(flat, -budget)[-budget:]
                keep = keep[np.argsort(flat[keep])]  # weakest first: strong lines paint on top
                pairs = np.column_stack(np.unravel_index(keep, values.shape))
                hidden += fan_in * fan_out - budget
            if self._signal_mode:  # nothing travels from a blank pixel
                pairs = pairs[values[pairs[:, 0], pairs[:, 1]] != 0]
            drawn.append(pairs.astype(np.int64))
        canvas.drawn = drawn
        self._notes.pop("lines", None)
        if hidden:
            self._notes["lines"] = (
                f"showing the strongest weights of each layer ({hidden} weaker lines hidden)",
                f"{hidden} weaker lines hidden",
            )
        self._show_notes()

    def _show_notes(self) -> None:
        """The canvas's note: every note in full, or (when that is wider than the diagram) each in a few words."""
        notes = [self._notes[key] for key in ("lines", "maps", "input") if key in self._notes]
        self.canvas.note = "; ".join(full for full, _ in notes)
        self.canvas.short_note = "; ".join(short for _, short in notes)

    @Slot(object)
    def show_snapshot(self, snapshot) -> None:
        if snapshot is not None:
            self._note_units_switched_on(snapshot)
        super().show_snapshot(snapshot)

    def _note_units_switched_on(self, snap) -> None:
        """Every snapshot (drawn or not): when the hidden layers change, the units off before that they lack."""
        hidden = tuple(int(s) for s in snap.layer_sizes[1:-1])
        known = self._known_units
        if known is not None and known[0] != hidden:
            before = self._asked[2] if self._asked is not None and self._asked[1] == known[0] else known[1]
            _, gone = split_fitting(before, hidden)
            if gone:
                self._switched_on = ", ".join(names(gone))
                self._update_legend()
        self._known_units = (hidden, frozenset(snap.units_off))

    def _units_shown(self, snap) -> frozenset:
        """The snapshot's units switched off, or those the diagram asked for while no snapshot carries them yet."""
        hidden = tuple(int(s) for s in snap.layer_sizes[1:-1])
        units = frozenset(snap.units_off)
        asked = self._asked
        if asked is not None and (
            asked[2] == units or asked[1] != hidden or time.monotonic() - asked[0] > ASKED_UNITS_TTL_S
        ):
            self._asked = asked = None
        return asked[2] if asked is not None else units

    def units_off(self) -> frozenset:
        """The hidden units the diagram shows switched off."""
        return self.canvas.off

    def _toggle_unit(self, layer: int, unit: int) -> None:
        snap = self._snapshot
        if snap is None or self.units_locked:
            return
        units = self.canvas.off ^ {(layer, unit)}
        self._asked = (time.monotonic(), tuple(int(s) for s in snap.layer_sizes[1:-1]), units)
        self._switched_on = ""
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

    def _update_nodes(self, snap, probe_mode: bool) -> None:
        canvas = self.canvas
        canvas.images, canvas.node_fill, canvas.rims = {}, {}, {}
        n_nodes = sum(canvas.sizes)
        want_thumbs = self.thumbs.isChecked() and canvas.node_px >= MIN_THUMB_PX
        n_raw = canvas.sizes[0] - len(snap.features)
        if n_raw > 2:  # a unit's map over the plot's two coordinates needs a network of two inputs
            self._maps = None
        elif want_thumbs or canvas.node_px >= 3:
            bounds = snap.grid_bounds or self._bounds
            self._maps = neuron_maps(snap, bounds, thumb_size(n_nodes))
        activations = self._activation_names(snap)
        for k, layer_maps in enumerate(self._maps.maps if self._maps is not None else ()):
            for u in range(layer_maps.shape[0]):
                values = layer_maps[u]
                if want_thumbs:
                    rgba = unit_map_rgba(
                        values,
                        activations[k],
                        task=snap.task,
                        unit=u if k == len(canvas.sizes) - 1 else None,
                        n_outputs=canvas.sizes[-1],
                    )
                    canvas.images[(k, u)] = rgba_to_qimage(rgba)
                else:
                    mean = float(np.nanmean(values)) if np.isfinite(values).any() else 0.0
                    rgba = unit_map_rgba(np.array([[mean]]), activations[k])[0, 0]
                    canvas.node_fill[(k, u)] = QColor(int(rgba[0]), int(rgba[1]), int(rgba[2]))
        if probe_mode:
            for k, lp in enumerate(self._probe.layers, 1):
                dz = np.asarray(lp.dz)
                top = float(np.max(np.abs(dz))) if dz.size else 0.0
                for u, g in enumerate(dz):
                    if top > 0 and abs(g) > 0:
                        color = QColor(POSITIVE if -g >= 0 else NEGATIVE)
                        canvas.rims[(k, u)] = (color, 1.0 + 3.0 * abs(g) / top)

    @staticmethod
    def _activation_names(snap) -> list[str]:
        return ["input"] + list(snap.activations) + [snap.output_activation]

    def _update_legend(self) -> None:
        probe = self.mode.currentData() == "probe"
        if self.mode.currentData() == "signal":
            text = (
                "Lines: what the drawn digit sends along each weight, the value leaving its source × the weight: "
                f"<span style='color:{POSITIVE}'>■ raises</span> / "
                f"<span style='color:{NEGATIVE}'>■ lowers</span> the next unit's input, width ∝ size. "
                + ("" if self._digit is not None else "<i>Draw a digit (View ▸ Draw a digit) to see it.</i>")
            )
        elif probe and self._probe is None:
            text = (
                "<i>No probed point: Alt+click the plot (or use the probe tool) to see the "
                "backward pass of one point here.</i>"
            )
        elif probe:
            text = (
                f"Lines: the step gradient descent takes on each weight for the probed point, "
                f"−dL/dw: <span style='color:{POSITIVE}'>■ increases</span>, "
                f"<span style='color:{NEGATIVE}'>■ decreases</span>; width ∝ |dL/dw|; "
                f"arrows: the error flows backward. Rims: dL/dz of each unit."
            )
        else:
            text = (
                f"<span style='color:{POSITIVE}'>■ positive</span> / "
                f"<span style='color:{NEGATIVE}'>■ negative</span> weight, width ∝ |w| in its layer. "
                f"Hover for values; click a node to see its map on the plot, "
                f"its corner's switch to turn a hidden unit off."
            )
            if self.units_locked:
                text = text.replace(", its corner's switch to turn a hidden unit off.", ".")
                text += f" {html.escape(locked_switches_sentence(self._units_locked_tip))}"
        if self._switched_on:
            text += f"<br><b>Switched on again</b> (the new layers have no such unit): {self._switched_on}."
        self.legend.setText(text)

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
        params = snap.layer_params()
        if item[0] == "line":
            _, layer, i, j = item
            w = float(params[layer - 1][0][i, j])
            src = self._unit_name(snap, layer - 1, i)
            dst = self._unit_name(snap, layer, j)
            lines = [f"<b>weight {src} → {dst}</b>", f"w = {fmt(w)}"]
            if self.digit_values is not None and layer - 1 < len(self.digit_values):
                a = float(self.digit_values[layer - 1][i])
                lines.append(f"drawn digit: {fmt(a)} × w = {fmt(a * w)} sent along it")
            grads = self._full_gradient(snap)
            if grads is not None:
                g = float(grads[layer_blocks(snap.layer_sizes)[layer - 1].weight_index(i, j)])
                lines.append(f"dL/dw = {fmt(g)} (mean over the training set, now)")
            if self._probe_matches(snap):
                lp = self._probe.layers[layer - 1]
                lines.append(f"probed point: dL/dw = {fmt(lp.dW[i, j])} = x·dL/dz = {fmt(lp.x[i])} × {fmt(lp.dz[j])}")
            return "<br>".join(lines)
        kind, layer, unit = item
        name = self._unit_name(snap, layer, unit)
        off = (layer, unit) in self.canvas.off
        if kind == "switch" and self.units_locked:
            state = "switched off" if off else "on"
            return f"<b>{name}</b>: {state}. {html.escape(self._units_locked_tip)}"
        if kind == "switch":
            if off:
                return f"<b>{name}</b>: switched off — click to switch on"
            return f"<b>{name}</b>: click to switch it off (its output held at 0 while training goes on)"
        if off and not self.units_locked:
            return f"<b>{name}</b>: switched off — click to switch on<br>its output is held at 0; its weights wait"
        acts = self._activation_names(snap)
        lines = [f"<b>{name}</b>"]
        if layer == 0:
            lines.append("an input: it passes its value on unchanged")
        else:
            b = float(params[layer - 1][1][unit])
            lines.append(f"bias b = {fmt(b)}")
            lines.append(f"activation: {acts[layer]}")
        if self._maps is not None and layer < len(self._maps.ranges):
            lo, hi = self._maps.ranges[layer][unit]
            lines.append(f"output over the plot: {fmt(lo, 3)} … {fmt(hi, 3)}")
        if self._probe_matches(snap):
            if layer == 0:
                lines.append(f"probed point: x = {fmt(self._probe.inputs[unit])}")
            else:
                lp = self._probe.layers[layer - 1]
                lines.append(f"probed point: z = {fmt(lp.z[unit])}, a = {fmt(lp.a[unit])}, dL/dz = {fmt(lp.dz[unit])}")
        lines.append("<i>click: show its map on the plot</i>")
        if off:
            lines.insert(1, "switched off: its output is held at 0; its weights wait")
        if 0 < layer < len(snap.layer_sizes) - 1 and not self.units_locked:
            lines.append("<i>click the switch at its corner: switch it off</i>")
        return "<br>".join(lines)

    def _unit_name(self, snap, layer: int, unit: int) -> str:
        if layer == 0:
            labels = self.canvas.labels[0] if self.canvas.labels else []
            return f"input {labels[unit] if unit < len(labels) else unit + 1}"
        if layer == len(snap.layer_sizes) - 1:
            return f"output {unit + 1}" if snap.layer_sizes[-1] > 1 else "output"
        return unit_name((layer, unit))

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
        canvas = self.canvas
        w = float(canvas.weights[layer - 1][i, j])
        shown = float(canvas.line_values[layer - 1][i, j])
        pairs = canvas.drawn[layer - 1]
        drawn = bool(np.any((pairs[:, 0] == i) & (pairs[:, 1] == j)))
        values = np.abs(canvas.line_values[layer - 1][pairs[:, 0], pairs[:, 1]]) if len(pairs) else []
        top = float(np.max(values)) if len(values) else 0.0
        rel = abs(shown) / top if top > 0 else 0.0
        level = min(int(rel * WIDTH_LEVELS), WIDTH_LEVELS - 1)
        crowd = float(np.clip(np.sqrt(40.0 / max(len(pairs), 1)), 0.3, 1.0))
        return {
            "weight": w,
            "value": shown,
            "drawn": drawn,
            "color": POSITIVE if shown >= 0 else NEGATIVE,
            "width": (0.4 + crowd * MAX_LINE_WIDTH * (level + 0.5) / WIDTH_LEVELS) * canvas.line_scale,
        }

    def node_center(self, layer: int, unit: int) -> QPointF:
        return self.canvas.node_center(layer, unit)
