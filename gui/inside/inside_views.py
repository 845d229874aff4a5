"""The "inside the network" views and what connects them to training and to the plot.

``InsideViews`` adds a dock for each view of ``gui.inside.inside_view_specs.INSIDE_VIEWS`` (network diagram, probe,
hidden-layer space, health, perceptron lesson) through the window's ``DockLayout``, tabbed together beside the plot,
and the activation/bias explorer's dock when first opened (a tab beside the diagram: a
window of its own covered the plot it explains), the docks' toggles (``view_actions``, for a View menu) and a probe
tool (``probe_tool_action``, for the window's tools), and connects them:

- every snapshot goes to every view (a pointer store; each view redraws on its own
  timer, only while visible);
- Alt+click (or the probe tool) on the plot probes that point; the probe's
  gradients are drawn on the diagram; "Step from this point" asks the training
  thread for one gradient step from it (``TrainingController.single_point_step``);
- clicking a diagram node draws its map large on the plot, with a key naming it and its colour scale, until it is
  clicked again or Esc is pressed (``back_to_boundary_action``);
- clicking a hidden unit's switch in the diagram switches it off (or on) in the training
  thread (``TrainingController.set_units_off``), live or paused;
- the perceptron lesson asks the training thread for one-sample steps and rings
  the current sample on the plot; at Watch's start the plot rings, in the same way, the point whose mistake moved
  the perceptron's line last (``gui.inside.correction_ring``);
- the probe (its marker and its panel) and the lesson's ring belong to the data and the model they were
  made on: new data, a Reset (the epoch goes back) or another architecture clears them, so that neither
  the plot nor an export of it shows a mark of something no longer there. Training on keeps them.

The views never call the session: the training thread owns it.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence

from gui.inside.bias_explorer import BiasExplorer
from gui.inside.correction_ring import CorrectionRing
from gui.inside.diagram_node_maps import activation_names
from gui.inside.diagram_tooltips import unit_name
from gui.inside.health_panel import HealthPanel
from gui.inside.hidden_space_view import HiddenSpaceView
from gui.inside.inside_view_specs import INSIDE_VIEWS
from gui.inside.inspect_common import output_range
from gui.inside.network_diagram import NetworkDiagram
from gui.inside.perceptron_lesson import PerceptronLesson
from gui.inside.probe_panel import ProbePanel
from gui.plot.unit_map_key import UnitMapTitle
from gui.widgets import theme
from model.inside.neuron_maps import unit_map
from model.nn.activations import ACTIVATIONS

HEATMAP_SIZE = 96  # cells a side of a node's map drawn on the main plot
HEATMAP_INTERVAL_MS = 100  # how often that map follows training


class InsideViews(QObject):
    """The docks and their wiring. ``plot`` is the main BoundaryView (probe clicks, markers, a node's map),
    ``draw_queue`` the window's (views redraw on its ticks), ``current_class()`` the class new points get
    (a probe's default label), ``features_box`` the model panel's input features (they follow the data)."""

    def __init__(self, *, controller, document, plot, draw_queue, docks, current_class, features_box):
        super().__init__(docks.owner)
        self.owner = docks.owner
        self.view = plot
        self.controller = controller
        self.document = document
        self._current_class = current_class
        self._features_box = features_box
        # each view of the registry, by its key; the ones wired to the plot or the training thread also by name
        self.views = {spec.key: spec.make() for spec in INSIDE_VIEWS}
        self.diagram: NetworkDiagram = self.views["diagram"]
        self.probe_panel: ProbePanel = self.views["probe"]
        self.hidden_space: HiddenSpaceView = self.views["hidden_space"]
        self.health: HealthPanel = self.views["health"]
        self.lesson: PerceptronLesson = self.views["perceptron_lesson"]
        self.explorer: BiasExplorer | None = None
        self.explorer_dock = None  # made when first opened (its plot is not needed at start)
        self._dock_layout = docks
        self._snapshot = None
        self._node = None
        self._live_model = None  # (architecture, epoch) of the newest live snapshot: a reset or a new model

        self.docks = {}  # key -> dock, tabbed behind the first in the registry's order
        for spec in INSIDE_VIEWS:
            dock = docks.new_dock(
                spec.dock_name,
                spec.tab_title,
                self.views[spec.key],
                Qt.DockWidgetArea.RightDockWidgetArea,
                visible=None,
                full_title=spec.title,
            )
            if self.docks:
                docks.tabify(self.docks[INSIDE_VIEWS[0].key], dock)
            dock.setVisible(spec.shown_at_start)
            self.docks[spec.key] = dock
        self.docks[INSIDE_VIEWS[0].key].raise_()

        # markers on the main plot: the probed point and the perceptron's current sample
        self.probe_marker = pg.ScatterPlotItem(size=18, symbol="+")
        self._ink_probe_marker(theme.current())
        theme.manager().changed.connect(self._ink_probe_marker)
        self.probe_marker.setZValue(60)
        self.probe_marker.hide()  # shown with a probe: an empty item would still cost a paint call per frame
        self.view.addItem(self.probe_marker)
        self.view.addItem(self.lesson.highlight)
        self.correction_ring = CorrectionRing(document, self)  # at Watch's start: the point the line moved for
        self.view.addItem(self.correction_ring.item)

        self._heatmap_timer = QTimer(self)
        self._heatmap_timer.setInterval(HEATMAP_INTERVAL_MS)
        self._heatmap_timer.timeout.connect(self._refresh_heatmap)

        # redraw on the window's draw ticks, never in the same turn as a frame of the plot
        for view in self.views.values():
            view.set_draw_queue(draw_queue)
        self._build_actions()
        self._connect()
        self._on_dataset(document.dataset)
        latest = self.controller.latest_snapshot
        if latest is not None:
            self.show_snapshot(latest)

    # -- construction ---------------------------------------------------------------------------
    def _build_actions(self) -> None:
        w = self.owner
        self.probe_tool_action = QAction("Probe", w)
        self.probe_tool_action.setCheckable(True)
        self.probe_tool_action.setShortcut(QKeySequence(Qt.Key.Key_P))
        self.probe_tool_action.setToolTip(
            "Clicking the plot probes that point: its forward and backward pass (P; Alt+click probes with any tool)."
        )
        # Esc ends a unit's map on the plot, as clicking its node again does; enabled only while one is shown, so
        # that Esc means nothing else to the window the rest of the time
        self.back_to_boundary_action = QAction("Back to the decision boundary", w)
        self.back_to_boundary_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.back_to_boundary_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.back_to_boundary_action.setStatusTip(
            "Ends the unit's map on the plot and shows the decision boundary again (Esc)."
        )
        self.back_to_boundary_action.setEnabled(False)
        w.addAction(self.back_to_boundary_action)
        self.explorer_action = QAction("Activation and bias explorer", w)
        self.explorer_action.setToolTip("A single neuron f(w·x + b) with sliders for w and b.")

    def view_actions(self) -> list[QAction]:
        """The docks' toggles and the explorer, for a View menu."""
        return [dock.toggleViewAction() for dock in self.docks.values()] + [self.explorer_action]

    @Slot(object)
    def _ink_probe_marker(self, now: theme.Theme) -> None:
        """The probe's + in the plot's ink of ``now``: black on the dark theme's plot was all but lost."""
        self.probe_marker.setPen(pg.mkPen(now.plot_ink, width=2.5))
        self.probe_marker.setBrush(pg.mkBrush(now.plot_ink))

    def _connect(self) -> None:
        c = self.controller
        c.snapshotReady.connect(self._on_live_snapshot)
        c.pointStepped.connect(self._on_point_stepped)
        c.perceptronUpdated.connect(self.lesson.show_update)
        self.document.datasetChanged.connect(self._on_dataset)
        self.view.probeRequested.connect(self._on_probe_requested)
        self.probe_tool_action.triggered.connect(self._on_probe_tool)
        self.explorer_action.triggered.connect(self._on_explorer)
        self.back_to_boundary_action.triggered.connect(self.diagram.clear_selection)
        self.diagram.nodeSelected.connect(self._on_node_selected)
        self.diagram.unitsOffRequested.connect(self._on_units_off)
        self.probe_panel.probeChanged.connect(self.diagram.set_probe)
        self.probe_panel.stepRequested.connect(self._on_step_requested)
        self.probe_panel.cleared.connect(self._on_probe_cleared)
        self.lesson.sampleStepRequested.connect(self._on_sample_step)

    # -- snapshots and data ---------------------------------------------------------------------
    @Slot(object)
    def show_snapshot(self, snap) -> None:
        """Every view gets ``snap`` (each redraws on its own tick, only while visible); the plot rings the point of
        its latest correction at Watch's start, or none (a moment of the timeline has none)."""
        self._snapshot = snap
        self.correction_ring.show_snapshot(snap)
        for view in self.views.values():
            view.show_snapshot(snap)

    @Slot(object)
    def _on_live_snapshot(self, snap) -> None:
        """A snapshot of the training: a model other than the one probed (another architecture, another
        session, or the epoch gone back by a Reset) takes the probe and the lesson's ring away first. While the
        plot waits for the window's first data, the model of the empty stand-in is shown nowhere (an x₁, x₂ network
        where the digits' 64 inputs come a moment later): the views say they have no network yet."""
        if self.view.waiting.isVisible():
            return
        model = (
            snap.session_id,
            snap.model_kind,
            tuple(snap.layer_sizes),
            tuple(snap.activations),
            tuple(snap.features),
            snap.task,
        )
        live = self._live_model
        if live is not None and (model != live[0] or snap.epoch < live[1]):
            self.forget_marks()
        self._live_model = (model, snap.epoch)
        self.show_snapshot(snap)

    def forget_marks(self) -> None:
        """Clears the probe (marker and panel), the perceptron lesson's ring and the ring of Watch's correction."""
        self.probe_panel.clear()
        self.lesson.clear()
        self.correction_ring.clear()

    @Slot(object)
    def _on_dataset(self, ds) -> None:
        self.forget_marks()  # the probe's label and the lesson's sample were the old data's
        for view in self.views.values():
            view.set_dataset(ds)
        self._features_box.set_n_inputs(ds.n_features)

    # -- probe ----------------------------------------------------------------------------------
    @Slot(bool)
    def _on_probe_tool(self, checked: bool) -> None:
        if checked:
            self.view.set_tool("probe")

    @Slot(float, float)
    def _on_probe_requested(self, x: float, y: float) -> None:
        self.probe_at(x, y)

    def probe_at(self, x: float, y: float, label=None) -> None:
        """Probe the plot position (x, y): in 1-D regression that is sample x with target y."""
        ds = self.document.dataset
        point: tuple[float, ...]
        if ds.task == "regression" and ds.n_features == 1:
            point, label = (x,), (float(y) if label is None else label)
        elif ds.plane_frame() is not None:  # n-D data: the point clicked, else the plane's point there
            index = self.view.pick(x, y)
            frame = ds.plane_frame()
            point = tuple(ds.X[index]) if index is not None else tuple(frame.lift([[x, y]])[0])
            if label is None:
                label = self._default_label(ds, x, y)
        else:
            point = (x, y)
            if label is None:
                label = self._default_label(ds, x, y)
        self.probe_marker.setData([x], [y])
        self.probe_marker.show()
        self.docks["probe"].show()
        self.docks["probe"].raise_()
        self.probe_panel.set_point(point, label)

    def _default_label(self, ds, x: float, y: float):
        """The label of the point clicked on, else the class new points get (the nearest target in regression)."""
        index = None
        try:
            index = self.view.pick(x, y)
        except Exception:
            index = None
        if ds.task == "regression":
            if index is None and ds.n_samples:
                index = int(np.argmin(((ds.X - np.array([x, y])) ** 2).sum(axis=1)))
            return float(ds.y[index]) if index is not None else 0.0
        if index is not None:
            return int(ds.y[index])
        return int(self._current_class())

    @Slot(object)
    def _on_step_requested(self, request) -> None:
        point, label = request
        self.controller.single_point_step(point, label)

    @Slot(object)
    def _on_point_stepped(self, result) -> None:
        before, after = result
        self.probe_panel.show_step_result(before, after)

    @Slot()
    def _on_probe_cleared(self) -> None:
        self.probe_marker.setData([], [])
        self.probe_marker.hide()

    @Slot(object)
    def _on_units_off(self, units) -> None:
        self.controller.set_units_off(units)

    # -- node heat map on the plot --------------------------------------------------------------
    @Slot(object)
    def _on_node_selected(self, node) -> None:
        self._node = node
        self.back_to_boundary_action.setEnabled(node is not None)
        if node is None:
            self._heatmap_timer.stop()
            self.view.show_heatmap_override(None)
            return
        self._refresh_heatmap()
        if self._node is not None:
            self._heatmap_timer.start()

    @Slot()
    def _refresh_heatmap(self) -> None:
        snap, node = self._snapshot, self._node
        if snap is None or node is None:
            return
        layer, unit = node
        if (
            layer >= len(snap.layer_sizes)
            or unit >= snap.layer_sizes[layer]
            or snap.layer_sizes[0] - len(snap.features) != 2
        ):
            # the node is gone (another network) or has no map over the plane: the boundary again
            self.diagram.clear_selection()
            if self._node is not None:
                self._on_node_selected(None)
            return
        bounds = self.view.grid_request()[0]
        grid = unit_map(snap, bounds, HEATMAP_SIZE, layer, unit)
        activation = activation_names(snap)[layer]
        self.view.show_heatmap_override(grid, bounds, self._map_title(snap, layer, unit), output_range(activation))

    def _map_title(self, snap, layer: int, unit: int) -> UnitMapTitle:
        """The key's words for the map of ``unit`` of ``layer``: named as the diagram names it ("unit h1.3",
        "output", "input x₁"), its activation, and what the plot shows again without it."""
        labels = self.diagram.canvas.labels[0] if self.diagram.canvas.labels else []
        name = unit_name(snap, labels, layer, unit)
        if 0 < layer < len(snap.layer_sizes) - 1:
            name = f"unit {name}"
        known = ACTIVATIONS.get(activation_names(snap)[layer])
        activation = "" if layer == 0 or known is None else known.display_name
        back_to = "the prediction" if snap.task == "regression" else "the boundary"
        return UnitMapTitle(name, activation, back_to)

    # -- perceptron lesson ----------------------------------------------------------------------
    @Slot()
    def _on_sample_step(self) -> None:
        self.controller.perceptron_sample_step()

    # -- explorer -------------------------------------------------------------------------------
    @Slot()
    def _on_explorer(self) -> None:
        """The explorer's dock in front: beside the plot, a tab beside the diagram (as a window of its own it was
        placed over the plot, whose boundary it explains)."""
        if self.explorer_dock is None:
            self.explorer = BiasExplorer()
            self.explorer_dock = self._dock_layout.new_dock(
                "biasExplorerDock",
                "Bias",
                self.explorer,
                Qt.DockWidgetArea.RightDockWidgetArea,
                visible=None,
                full_title="Bias explorer",
            )
            self._dock_layout.tabify(self.docks["diagram"], self.explorer_dock)
        self.explorer_dock.show()
        self.explorer_dock.raise_()

    def open_explorer_afresh(self) -> None:
        """The explorer at its starting values (a lesson opens it so, whatever the sliders were left at)."""
        self._on_explorer()
        assert self.explorer is not None  # made by _on_explorer
        self.explorer.start_over()

    def explorer_open(self) -> bool:
        return self.explorer_dock is not None and not self.explorer_dock.isHidden()

    def close_explorer(self) -> None:
        if self.explorer_dock is not None:
            self.explorer_dock.hide()
