"""Wires the "inside the network" views into the main window.

``InsideViews(window)`` adds five docks (network diagram, probe, hidden-layer
space, health, perceptron lesson), the activation/bias explorer window, their
View-menu toggles and a probe tool, and connects them:

- every snapshot goes to every view (a pointer store; each view redraws on its own
  timer, only while visible);
- Alt+click (or the probe tool) on the plot probes that point; the probe's
  gradients are drawn on the diagram; "Step from this point" asks the training
  thread for one gradient step from it (``TrainingController.single_point_step``);
- clicking a diagram node draws its map large on the plot until clicked again;
- the perceptron lesson asks the training thread for one-sample steps and rings
  the current sample on the plot.

The views never call the session: the training thread owns it.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from gui.inside.bias_explorer import BiasExplorerDialog
from gui.inside.health_panel import HealthPanel
from gui.inside.hidden_space_view import HiddenSpaceView
from gui.inside.network_diagram import NetworkDiagram
from gui.inside.perceptron_lesson import PerceptronLesson
from gui.inside.probe_panel import ProbePanel

HEATMAP_SIZE = 96  # cells a side of a node's map drawn on the main plot
HEATMAP_INTERVAL_MS = 100  # how often that map follows training


class InsideViews(QObject):
    """Creates the docks and connects them to ``window`` (a ``gui.main_window.MainWindow``)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.view = window.boundary_view
        self.controller = window.controller
        self.diagram = NetworkDiagram()
        self.probe_panel = ProbePanel()
        self.hidden_space = HiddenSpaceView()
        self.health = HealthPanel()
        self.lesson = PerceptronLesson()
        self.explorer = None
        self._snapshot = None
        self._node = None

        self.docks = {}
        specs = (
            ("diagram", "Network diagram", self.diagram, True),
            ("probe", "Probe a point", self.probe_panel, False),
            ("hidden", "Hidden-layer space", self.hidden_space, False),
            ("health", "Network health", self.health, False),
            ("perceptronLesson", "Perceptron lesson", self.lesson, False),
        )
        first = None
        for key, title, widget, visible in specs:
            dock = QDockWidget(title, window)
            dock.setObjectName(f"{key}Dock")
            dock.setWidget(widget)
            dock.setFeatures(
                QDockWidget.DockWidgetFeature.DockWidgetMovable
                | QDockWidget.DockWidgetFeature.DockWidgetClosable
                | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            )
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            if first is None:
                first = dock
            else:
                window.tabifyDockWidget(first, dock)
            dock.setVisible(visible)
            self.docks[key] = dock
        first.raise_()

        # markers on the main plot: the probed point and the perceptron's current sample
        self.probe_marker = pg.ScatterPlotItem(
            size=18, symbol="+", pen=pg.mkPen("#000000", width=2.5), brush=pg.mkBrush("#000000")
        )
        self.probe_marker.setZValue(60)
        self.probe_marker.hide()  # shown with a probe: an empty item would still cost a paint call per frame
        self.view.addItem(self.probe_marker)
        self.view.addItem(self.lesson.highlight)

        self._heatmap_timer = QTimer(self)
        self._heatmap_timer.setInterval(HEATMAP_INTERVAL_MS)
        self._heatmap_timer.timeout.connect(self._refresh_heatmap)

        queue = getattr(window, "draw_queue", None)
        if queue is not None:  # redraw on the window's draw ticks, never in the same turn as a frame of the plot
            for view in (self.diagram, self.probe_panel, self.hidden_space, self.health, self.lesson):
                view.set_draw_queue(queue)
        self._build_actions()
        self._connect()
        self._on_dataset(window.dataset)
        latest = getattr(self.controller, "latest_snapshot", None)
        if latest is not None:
            self._on_snapshot(latest)

    # -- construction ---------------------------------------------------------------------------
    def _build_actions(self) -> None:
        w = self.window
        self.probe_tool_action = QAction("Probe", w)
        self.probe_tool_action.setCheckable(True)
        self.probe_tool_action.setShortcut(QKeySequence(Qt.Key.Key_P))
        self.probe_tool_action.setToolTip(
            "Clicking the plot probes that point: its forward and backward pass (P; Alt+click probes with any tool)."
        )
        group = getattr(w, "tool_group", None)
        if group is not None:
            group.addAction(self.probe_tool_action)
        toolbar = getattr(w, "toolbar", None)
        if toolbar is not None:
            toolbar.addAction(self.probe_tool_action)
        self.explorer_action = QAction("Activation and bias explorer…", w)
        self.explorer_action.setToolTip("A single neuron f(w·x + b) with sliders for w and b.")
        menu = self._menu("&View")
        if menu is not None:
            menu.addSeparator()
            for key in ("diagram", "probe", "hidden", "health", "perceptronLesson"):
                menu.addAction(self.docks[key].toggleViewAction())
            menu.addAction(self.explorer_action)
        edit = self._menu("&Edit")
        if edit is not None:
            edit.addAction(self.probe_tool_action)

    def _menu(self, title: str):
        for action in self.window.menuBar().actions():
            if action.text() == title and action.menu() is not None:
                return action.menu()
        return None

    def _connect(self) -> None:
        c = self.controller
        c.snapshotReady.connect(self._on_snapshot)
        if hasattr(c, "pointStepped"):
            c.pointStepped.connect(self._on_point_stepped)
        if hasattr(c, "perceptronUpdated"):
            c.perceptronUpdated.connect(self.lesson.show_update)
        self.window.document.datasetChanged.connect(self._on_dataset)
        self.view.probeRequested.connect(self._on_probe_requested)
        self.probe_tool_action.triggered.connect(self._on_probe_tool)
        self.explorer_action.triggered.connect(self._on_explorer)
        self.diagram.nodeSelected.connect(self._on_node_selected)
        self.probe_panel.probeChanged.connect(self.diagram.set_probe)
        self.probe_panel.stepRequested.connect(self._on_step_requested)
        self.probe_panel.cleared.connect(self._on_probe_cleared)
        self.lesson.sampleStepRequested.connect(self._on_sample_step)

    # -- snapshots and data ---------------------------------------------------------------------
    @Slot(object)
    def _on_snapshot(self, snap) -> None:
        self._snapshot = snap
        for view in (self.diagram, self.probe_panel, self.hidden_space, self.health, self.lesson):
            view.show_snapshot(snap)

    @Slot(object)
    def _on_dataset(self, ds) -> None:
        for view in (self.diagram, self.hidden_space, self.health):
            view.set_dataset(ds)
        self.probe_panel.set_dataset_info(ds.task, max(2, int(ds.n_classes)) if ds.task == "classification" else 1)
        features = getattr(getattr(self.window, "model_panel", None), "features_box", None)
        if features is not None:
            features.set_n_inputs(ds.n_features)

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
        ds = self.window.dataset
        if ds.task == "regression" and ds.n_features == 1:
            point, label = (x,), (float(y) if label is None else label)
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
        return int(getattr(self.window, "_current_class", 0))

    @Slot(object)
    def _on_step_requested(self, request) -> None:
        point, label = request
        if hasattr(self.controller, "single_point_step"):
            self.controller.single_point_step(point, label)

    @Slot(object)
    def _on_point_stepped(self, result) -> None:
        before, after = result
        self.probe_panel.show_step_result(before, after)

    @Slot()
    def _on_probe_cleared(self) -> None:
        self.probe_marker.setData([], [])
        self.probe_marker.hide()

    # -- node heat map on the plot --------------------------------------------------------------
    @Slot(object)
    def _on_node_selected(self, node) -> None:
        self._node = node
        if node is None:
            self._heatmap_timer.stop()
            self.view.show_heatmap_override(None)
            return
        self._refresh_heatmap()
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
            self.diagram.clear_selection()
            return
        from model.inside.neuron_maps import unit_map

        bounds = self.view.grid_request()[0]
        grid = unit_map(snap, bounds, HEATMAP_SIZE, layer, unit)
        self.view.show_heatmap_override(grid, bounds)

    # -- perceptron lesson ----------------------------------------------------------------------
    @Slot()
    def _on_sample_step(self) -> None:
        if hasattr(self.controller, "perceptron_sample_step"):
            self.controller.perceptron_sample_step()

    # -- explorer -------------------------------------------------------------------------------
    @Slot()
    def _on_explorer(self) -> None:
        if self.explorer is None:
            self.explorer = BiasExplorerDialog(self.window)
        self.explorer.show()
        self.explorer.raise_()
