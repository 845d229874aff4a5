"""MainWindow: the panels, the plot, the curves, the controls, menus, shortcuts, status bar and settings."""

from __future__ import annotations

import gc
import logging
import math
import sys
import threading
import time
from collections import deque
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QKeySequence, QPainter, QPen, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QButtonGroup,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.files.settings import AppSettings
from gui.panels.data_commands import (
    AddPointsCommand,
    DataDocument,
    MovePointCommand,
    RemovePointCommand,
    RemovePointsCommand,
    ReplaceDatasetCommand,
)
from gui.panels.data_panel import DataPanel, build_dataset
from gui.panels.model_panel import ModelPanel
from gui.panels.training_panel import TrainingPanel
from gui.plot.boundary_view import BoundaryView
from gui.plot.curves_view import CurvesView
from gui.training.training_controller import TrainingController
from gui.widgets import colors
from gui.widgets.draw_queue import DrawQueue
from gui.widgets.steady_label import SteadyLabel
from model.data.dataset import Dataset

log = logging.getLogger(__name__)
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
DRAW_INTERVAL_MS = 12  # ~80 ticks a second while the GUI thread keeps up: the plot gets at least every other one
CURVES_INTERVAL_S = 0.1  # a loss curve reads fine at 10 frames a second; the boundary gets the rest
MAX_DRAW_INTERVAL_MS = 100
MAX_CLASSES = colors.MAX_CLASSES

SHORTCUTS = (
    ("Space", "Play / pause training"),
    ("S  or  \u2192", "Train one epoch"),
    ("R", "Reset the weights (epoch 0)"),
    ("1 \u2026 9", "Choose the class new points get"),
    ("E", "Toggle the eraser"),
    ("Left click / drag", "Add points (a drag paints a stream; one undo step)"),
    ("Right click", "Remove the nearest point"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo a data edit"),
    ("Ctrl+N", "New: remove every point and reset the weights"),
    ("Ctrl+O / Ctrl+S / Ctrl+Shift+S", "Open / save / save as a session (data, model, weights, view)"),
    ("Ctrl+Shift+O", "Open data (CSV or .npz)"),
)


def apply_style(app) -> None:
    """The app's light theme: Fusion, a light palette, and resources/style.qss."""
    from PySide6.QtGui import QPalette

    app.setStyle("Fusion")
    pal = QPalette()
    for role, color in (
        (QPalette.Window, "#f4f5f7"),
        (QPalette.WindowText, "#1d2733"),
        (QPalette.Base, "#ffffff"),
        (QPalette.AlternateBase, "#f0f2f5"),
        (QPalette.Text, "#1d2733"),
        (QPalette.Button, "#ffffff"),
        (QPalette.ButtonText, "#1d2733"),
        (QPalette.Highlight, "#2f6fb0"),
        (QPalette.HighlightedText, "#ffffff"),
        (QPalette.ToolTipBase, "#23303d"),
        (QPalette.ToolTipText, "#ffffff"),
        (QPalette.PlaceholderText, "#8a95a1"),
    ):
        pal.setColor(role, QColor(color))
    pal.setColor(QPalette.Disabled, QPalette.Text, QColor("#9aa4ae"))
    pal.setColor(QPalette.Disabled, QPalette.WindowText, QColor("#9aa4ae"))
    pal.setColor(QPalette.Disabled, QPalette.ButtonText, QColor("#9aa4ae"))
    app.setPalette(pal)
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    try:
        app.setStyleSheet((RESOURCES / "style.qss").read_text(encoding="utf-8"))
    except OSError:
        pass


def icon(name: str) -> QIcon:
    return QIcon(str(RESOURCES / "icons" / f"{name}.svg"))


def class_icon(k: int, size: int = 18) -> QIcon:
    """The class's colour and marker, as the plot draws them."""
    from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols

    ratio = 2
    pm = QPixmap(size * ratio, size * ratio)
    pm.setDevicePixelRatio(ratio)
    pm.fill(Qt.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    p.translate(size / 2, size / 2)
    p.scale(size * 0.8, size * 0.8)
    pen = QPen(QColor(colors.OUTLINE))
    pen.setWidthF(1.2 / (size * 0.8))
    p.setPen(pen)
    p.setBrush(QColor(colors.class_color(k)))
    p.drawPath(Symbols[colors.class_symbol(k)])
    p.end()
    return QIcon(pm)


def format_rate(value: float) -> str:
    return f"{value:g}"


def _sklearn_loaded() -> bool:
    return "sklearn" in sys.modules


class _InitialData(QObject):
    """Generates the first dataset in a plain Python thread (it imports scikit-learn) and hands it over."""

    ready = Signal(object, str)  # the Dataset (or None), an error message

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pending = False

    def start(self, params: dict) -> None:
        self.pending = True
        self.ready.connect(self._done)
        threading.Thread(target=self._run, args=(params,), name="initial-dataset", daemon=True).start()

    def _run(self, params: dict) -> None:
        try:
            ds, error = build_dataset(params), ""
        except Exception as exc:
            ds, error = None, str(exc)
        try:
            self.ready.emit(ds, error)  # queued to the GUI thread
        except RuntimeError:  # the window was closed and deleted meanwhile
            pass

    @Slot(object, str)
    def _done(self, *_):
        self.pending = False


class Banner(QFrame):
    """A non-modal message above the plot, with an optional action button and a close button."""

    actionTriggered = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.action_button = QPushButton()
        self.action_button.setToolTip("Applies the change this message suggests.")
        self.action_button.clicked.connect(self._on_action)
        close = QToolButton()
        close.setText("\u2715")
        close.setAutoRaise(True)
        close.setToolTip("Hides this message.")
        close.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(close)
        self.hide()

    def show_message(self, text: str, action: str | None = None) -> None:
        self.label.setText(text)
        self.action_button.setVisible(bool(action))
        self.action_button.setText(action or "")
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    @Slot()
    def _on_action(self) -> None:
        self.hide()
        self.actionTriggered.emit()


class MainWindow(QMainWindow):
    """The whole app. `settings` (a QSettings) lets tests keep their own ini file."""

    def __init__(
        self,
        dataset: str | None = None,
        seed: int | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        lesson_dir=None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Neural Playground")
        self.setWindowIcon(icon("play"))
        self.setDockOptions(QMainWindow.AnimatedDocks)
        self.settings = AppSettings(settings)
        self._latest_snapshot = None  # newest snapshot, drawn by the timer
        self._curves_drawn_at = -math.inf
        self._banner_callback = None  # what the banner's button does besides a divergence's "Use ..."
        self._pending_draw = False
        self._curves_due = None  # the snapshot the curves draw on the tick after the plot
        self._rate_samples: deque[tuple[float, int]] = deque(maxlen=120)
        self._diverged_lr: float | None = None
        self._current_class = 0
        self._closed = False

        # ---------------------------------------------------------- panels and their remembered values
        self.data_panel = DataPanel()
        self.model_panel = ModelPanel()
        self.training_panel = TrainingPanel()
        data_params = self.settings.load("data", {}) or {}
        if dataset is not None:
            data_params["name"] = dataset
        if seed is not None:
            data_params["seed"] = int(seed)
        self.data_panel.set_params(data_params)
        self.model_panel.set_params(self.settings.load("model", {}))
        self.training_panel.set_params(self.settings.load("training", {}))

        # ---------------------------------------------------------- data, undo, views, training
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        params = self.data_panel.params()
        self._initial_data = _InitialData(self)
        self._initial_data.ready.connect(self._on_initial_data)
        if _sklearn_loaded():
            ds = build_dataset(params)
        else:
            # Importing scikit-learn takes a second or more: the window opens at once on an empty plot and the
            # first dataset arrives from a background thread a moment later.
            ds = Dataset.empty("regression" if self.data_panel.task() == "regression" else "classification")
            self._initial_data.start(params)
        self.document = DataDocument(ds, test_fraction=params["test_fraction"], seed=params["seed"], parent=self)
        self.draw_queue = DrawQueue()  # views' redraws that wait for a draw tick of their own (see _draw)
        self.boundary_view = BoundaryView()
        self.boundary_view.set_draw_queue(self.draw_queue)
        self.curves_view = CurvesView()
        self.model_panel.set_task(ds.task)
        # The worker trains a SessionGroup (models side by side, timelines)
        from gui.experiments.compare import CompareManager

        self.compare = CompareManager(self)
        self.controller = TrainingController(
            ds,
            self.model_panel.model_spec(),
            self.training_panel.train_spec(),
            seed=int(self.data_panel.params()["seed"]),
            data_version=self.document.version,
            parent=self,
            session_factory=self.compare.session_factory,
        )
        self.controller.set_speed(self.training_panel.speed_value())
        self.controller.set_limits(*self.training_panel.limits())

        self._build_layout()
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self._build_statusbar()
        self._connect()
        # Compare models, timeline, loss landscape, run table
        from gui.experiments.experiments import Experiments

        self.experiments = Experiments(self)
        # Diagram, probe, hidden space, health, perceptron lesson docks
        from gui.inside.inside_views import InsideViews

        self.inside_views = InsideViews(self)
        # Open/save data and sessions, recent files, exports, title with [*]
        from gui.files.file_actions import FileActions

        self.file_actions = FileActions(self)
        # Lessons menu, Lesson and Challenges docks, start page (only with the
        # user's own settings, never with the QSettings a test passes), Help > Start page / User guide
        from gui.lessons.lesson_actions import LessonActions

        self.lesson_actions = LessonActions(self, directory=lesson_dir, start_page=settings is None)
        # Unsaved work kept when the window last closed: offered back (after, so above, the lessons' invitation)
        QTimer.singleShot(0, self.file_actions.offer_recovery)

        self.boundary_view.set_show_test(self.data_panel.params()["show_test"])
        self._apply_dataset(ds, self.document.version)
        if self._initial_data.pending:
            self.statusBar().showMessage(f"Generating {self.data_panel.generator.currentText().lower()}\u2026")
        self.controller.set_grid_request(self.boundary_view.grid_request())

        self._draw_timer = QTimer(self)
        self._draw_timer.setTimerType(Qt.PreciseTimer)
        self._draw_timer.setInterval(DRAW_INTERVAL_MS)
        self._last_draw_tick = None
        self._plot_drew_last = False
        self._readouts_due = None
        self._frame_cost = 0.0
        self._draw_timer.timeout.connect(self._draw)
        self._draw_timer.start()

        self.resize(1360, 860)
        self.settings.restore_window(self)
        splitter = self.settings.load("splitter")
        if isinstance(splitter, str):
            self.splitter.restoreState(QByteArray.fromBase64(splitter.encode()))

    # ================================================================== construction
    def _build_layout(self) -> None:
        panel_container = QWidget()
        panel_container.setObjectName("panelContainer")
        col = QVBoxLayout(panel_container)
        col.setContentsMargins(10, 4, 10, 10)
        col.setSpacing(4)
        for panel in (self.data_panel, self.model_panel, self.training_panel):
            col.addWidget(panel)
        col.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("panelScroll")
        scroll.setWidget(panel_container)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(panel_container.sizeHint().width() + 24)
        self.panel_dock = QDockWidget("Settings")
        self.panel_dock.setObjectName("settingsDock")
        self.panel_dock.setWidget(scroll)
        self.panel_dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetClosable)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.panel_dock)

        self.banner = Banner()
        central = QWidget()
        v = QVBoxLayout(central)
        v.setContentsMargins(8, 8, 8, 0)
        v.setSpacing(6)
        v.addWidget(self.banner)
        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.setObjectName("plotSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.boundary_view)
        self.splitter.addWidget(self.curves_view)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([620, 210])
        v.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _build_actions(self) -> None:
        self.play_action = QAction(icon("play"), "Play", self)
        self.play_action.setShortcut(QKeySequence(Qt.Key_Space))
        self.play_action.setToolTip("Starts or pauses training (Space).")
        self.step_action = QAction(icon("step"), "Step", self)
        self.step_action.setShortcuts([QKeySequence(Qt.Key_S), QKeySequence(Qt.Key_Right)])
        self.step_action.setToolTip("Trains exactly one epoch, then pauses (S or \u2192).")
        self.reset_action = QAction(icon("reset"), "Reset", self)
        self.reset_action.setShortcut(QKeySequence(Qt.Key_R))
        self.reset_action.setToolTip("Starts again from fresh random weights at epoch 0 (R).")
        self.undo_action = self.undo_stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.Redo])
        self.new_action = QAction("New (remove all points)", self)
        self.new_action.setShortcut(QKeySequence.New)
        self.new_action.setToolTip("Removes every point and resets the weights, to draw a dataset from scratch.")
        self.clear_action = QAction("Clear points", self)
        self.clear_action.setToolTip("Removes every point (undoable).")
        self.quit_action = QAction("Quit", self)
        self.quit_action.setShortcut(QKeySequence.Quit)
        self.quit_action.setMenuRole(QAction.QuitRole)

        self.add_tool_action = QAction(icon("pen"), "Add", self)
        self.add_tool_action.setCheckable(True)
        self.add_tool_action.setChecked(True)
        self.add_tool_action.setToolTip("Left click adds a point of the current class; drag to paint a stream.")
        self.erase_tool_action = QAction(icon("eraser"), "Erase", self)
        self.erase_tool_action.setCheckable(True)
        self.erase_tool_action.setToolTip("Clicking removes the nearest point (E toggles; right click always erases).")
        self.tool_group = QActionGroup(self)
        self.tool_group.addAction(self.add_tool_action)
        self.tool_group.addAction(self.erase_tool_action)
        self.toggle_tool_action = QAction("Toggle eraser", self)
        self.toggle_tool_action.setShortcut(QKeySequence(Qt.Key_E))
        self.addAction(self.toggle_tool_action)

        self.class_actions: list[QAction] = []
        for k in range(MAX_CLASSES):
            a = QAction(f"Class {k + 1}", self)
            a.setShortcut(QKeySequence(str(k + 1)))
            a.setData(k)
            a.triggered.connect(self._on_class_shortcut)
            self.addAction(a)
            self.class_actions.append(a)

        self.show_test_action = QAction("Show test points", self)
        self.show_test_action.setCheckable(True)
        self.show_test_action.setChecked(self.data_panel.params()["show_test"])
        self.shortcuts_action = QAction("Keyboard shortcuts", self)
        self.shortcuts_action.setShortcut(QKeySequence.HelpContents)
        self.about_action = QAction("About Neural Playground", self)
        self.about_action.setMenuRole(QAction.AboutRole)
        for a in (
            self.play_action,
            self.step_action,
            self.reset_action,
            self.undo_action,
            self.redo_action,
            self.new_action,
            self.quit_action,
        ):
            self.addAction(a)

    def _build_toolbar(self) -> None:
        tb = QToolBar("Controls")
        tb.setObjectName("controls")
        tb.setMovable(False)
        tb.setIconSize(QSize(20, 20))
        tb.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.addToolBar(Qt.TopToolBarArea, tb)
        tb.addAction(self.play_action)
        self.play_button = tb.widgetForAction(self.play_action)
        self.play_button.setObjectName("playButton")
        tb.addAction(self.step_action)
        tb.addAction(self.reset_action)
        caption = QLabel("Epoch")
        caption.setObjectName("epochCaption")
        tb.addWidget(caption)
        self.epoch_label = SteadyLabel("0")
        self.epoch_label.setObjectName("epochLabel")
        self.epoch_label.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.epoch_label.setToolTip("How many passes over the training points the model has made.")
        tb.addWidget(self.epoch_label)
        tb.addSeparator()

        self.class_caption = QLabel("Class")
        self.class_caption.setObjectName("toolbarCaption")
        tb.addWidget(self.class_caption)
        self.class_group = QButtonGroup(self)
        self.class_group.setExclusive(True)
        self.class_buttons: list[QToolButton] = []
        self.class_button_actions: list[QAction] = []
        for k in range(MAX_CLASSES):
            b = QToolButton()
            b.setCheckable(True)
            b.setText(str(k + 1))
            b.setIcon(class_icon(k))
            b.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
            b.setProperty("classButton", True)
            b.setToolTip(f"New points get class {k + 1} ({colors.CLASS_NAMES_OF_COLORS[k]}); key {k + 1}.")
            self.class_group.addButton(b, k)
            self.class_buttons.append(b)
            self.class_button_actions.append(tb.addWidget(b))
        self.class_buttons[0].setChecked(True)
        self.class_group.idClicked.connect(self._on_class_clicked)
        self.class_separator = tb.addSeparator()
        tb.addAction(self.add_tool_action)
        tb.addAction(self.erase_tool_action)
        self.toolbar = tb

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&File")
        m.addAction(self.new_action)
        m.addSeparator()
        m.addAction(self.quit_action)
        m = mb.addMenu("&Edit")
        m.addAction(self.undo_action)
        m.addAction(self.redo_action)
        m.addSeparator()
        m.addAction(self.clear_action)
        m.addSeparator()
        m.addAction(self.add_tool_action)
        m.addAction(self.erase_tool_action)
        m = mb.addMenu("&Training")
        m.addAction(self.play_action)
        m.addAction(self.step_action)
        m.addAction(self.reset_action)
        m = mb.addMenu("&View")
        m.addAction(self.show_test_action)
        m.addSeparator()
        settings_toggle = self.panel_dock.toggleViewAction()
        settings_toggle.setText("Settings panel")
        m.addAction(settings_toggle)
        self.curves_toggle = QAction("Loss and accuracy curves", self)
        self.curves_toggle.setCheckable(True)
        self.curves_toggle.setChecked(True)
        m.addAction(self.curves_toggle)
        m = mb.addMenu("&Help")
        m.addAction(self.shortcuts_action)
        m.addSeparator()
        m.addAction(self.about_action)

    def _build_statusbar(self) -> None:
        sb = self.statusBar()
        sb.setSizeGripEnabled(True)
        self.status_position = SteadyLabel("")
        self.status_position.setToolTip("The mouse position on the plot, in data coordinates.")
        sb.addWidget(self.status_position)
        self.status_epoch = SteadyLabel("epoch 0")
        self.status_loss = SteadyLabel("loss \u2014")
        self.status_score = SteadyLabel("accuracy \u2014")
        self.status_rate = SteadyLabel("paused")
        self.status_epoch.setToolTip("Epochs trained so far.")
        self.status_loss.setToolTip("Loss on the training points (and on the held-out test points).")
        self.status_score.setToolTip("Share of points classified correctly (R\u00b2 for regression), train / test.")
        self.status_rate.setToolTip("How many epochs the model trains per second.")
        for w in (self.status_epoch, self.status_loss, self.status_score, self.status_rate):
            sb.addPermanentWidget(w)

    def _connect(self) -> None:
        c = self.controller
        c.snapshotReady.connect(self._on_snapshot)
        c.runningChanged.connect(self._on_running_changed)
        c.diverged.connect(self._on_diverged)
        c.stopped.connect(self._on_stopped)
        c.failed.connect(self._on_failed)

        self.play_action.triggered.connect(self._on_play)
        self.step_action.triggered.connect(self._on_step)
        self.reset_action.triggered.connect(self._on_reset)
        self.new_action.triggered.connect(self._on_new)
        self.clear_action.triggered.connect(self._on_clear)
        self.quit_action.triggered.connect(self.close)
        self.add_tool_action.toggled.connect(self._on_tool_changed)
        self.toggle_tool_action.triggered.connect(self._on_toggle_tool)
        self.show_test_action.toggled.connect(self._on_show_test_action)
        self.curves_toggle.toggled.connect(self.curves_view.setVisible)
        self.shortcuts_action.triggered.connect(self._on_show_shortcuts)
        self.about_action.triggered.connect(self._on_about)
        self.banner.actionTriggered.connect(self._on_banner_action)

        self.data_panel.generateRequested.connect(self._on_generate)
        self.data_panel.clearRequested.connect(self._on_clear)
        self.data_panel.showTestChanged.connect(self._on_show_test_panel)
        self.model_panel.modelSpecChanged.connect(self._on_model_spec)
        self.training_panel.trainSpecChanged.connect(self._on_train_spec)
        self.training_panel.speedChanged.connect(self._on_speed)
        self.training_panel.limitsChanged.connect(self._on_limits)

        self.document.datasetChanged.connect(self._on_document_changed)
        v = self.boundary_view
        v.addPointsRequested.connect(self._on_add_points)
        v.removePointRequested.connect(self._on_remove_point)
        v.removePointsRequested.connect(self._on_remove_points)
        v.movePointRequested.connect(self._on_move_point)
        v.cursorMoved.connect(self._on_cursor_moved)
        v.gridRequestChanged.connect(self._on_grid_request)

    # ================================================================== data
    @property
    def dataset(self):
        return self.document.dataset

    @property
    def data_ready(self) -> bool:
        """False only while the first dataset is still being generated in the background."""
        return not self._initial_data.pending

    @Slot(object, str)
    def _on_initial_data(self, ds, error: str) -> None:
        if self._closed:
            return
        self.statusBar().clearMessage()
        if ds is None:
            self.statusBar().showMessage(f"Could not generate the dataset: {error}", 10000)
        elif self.document.version == 0:  # nothing was drawn or generated meanwhile
            self.document.set_dataset(ds)
        # The app is built and scikit-learn imported: move every object alive now into the
        # collector's permanent generation. A full collection then scans only what training
        # allocates, instead of pausing both threads for ~80 ms over Qt's and NumPy's objects.
        gc.freeze()

    def _apply_dataset(self, ds, version: int) -> None:
        self.boundary_view.flush()  # a snapshot still waiting to be drawn belongs to the old data and mode
        regression = ds.task == "regression"
        self.boundary_view.set_regression(regression)
        self.boundary_view.set_dataset(ds, version)
        self.model_panel.set_task(ds.task)
        self._update_class_buttons(ds)

    def _update_class_buttons(self, ds) -> None:
        regression = ds.task == "regression"
        visible = 0 if regression else min(MAX_CLASSES, max(2, ds.n_classes) + 1)
        for k, a in enumerate(self.class_button_actions):
            a.setVisible(k < visible)
        self.class_caption.setVisible(not regression)
        self.class_separator.setVisible(not regression)
        if not regression and self._current_class >= visible:
            self._set_current_class(0)

    def _set_current_class(self, k: int) -> None:
        self._current_class = int(k)
        self.class_buttons[k].setChecked(True)
        self.boundary_view.set_current_class(int(k))

    @Slot(object)
    def _on_document_changed(self, _ds) -> None:
        ds, version = self.document.dataset, self.document.version
        self._apply_dataset(ds, version)
        self.controller.set_dataset(ds, version)

    @Slot(object)
    def _on_add_points(self, points) -> None:
        ds = self.dataset
        label = self._current_class if ds.task == "classification" else None
        self.undo_stack.push(AddPointsCommand(self.document, points, label))

    @Slot(float, float)
    def _on_remove_point(self, x: float, y: float) -> None:
        index = self.dataset.nearest(x, y)
        if index is not None:
            self.undo_stack.push(RemovePointCommand(self.document, index))

    @Slot(object)
    def _on_remove_points(self, indices) -> None:
        if len(indices):
            self.undo_stack.push(RemovePointsCommand(self.document, indices))

    @Slot(int, float, float)
    def _on_move_point(self, index: int, x: float, y: float) -> None:
        if 0 <= index < self.dataset.n_samples:
            self.undo_stack.push(MovePointCommand(self.document, index, (x, y)))

    @Slot(float, float)
    def _on_cursor_moved(self, x: float, y: float) -> None:
        self.status_position.setText(f"({x:+.2f}, {y:+.2f})")

    @Slot(object)
    def _on_generate(self, params: dict) -> None:
        try:
            ds = build_dataset(params)
        except ValueError as exc:
            self.statusBar().showMessage(f"Could not generate the dataset: {exc}", 8000)
            return
        self.document.set_test_fraction(params["test_fraction"])
        self.undo_stack.push(ReplaceDatasetCommand(self.document, ds, f"Generate {params['name']}"))
        self.banner.hide()

    @Slot()
    def _on_clear(self) -> None:
        ds = self.dataset
        empty = Dataset.empty(ds.task, ds.n_classes, ds.n_features)
        self.undo_stack.push(ReplaceDatasetCommand(self.document, empty, "Clear points"))

    @Slot()
    def _on_new(self) -> None:
        if not self.file_actions.maybe_save("new"):  # unsaved changes?
            return
        self.file_actions.forget_path()  # a new document has no file yet
        self._on_clear()
        self.controller.reset()

    # ================================================================== training requests
    @Slot()
    def _on_play(self) -> None:
        if self.controller.running:
            self.controller.pause()
        else:
            self.banner.hide()
            self.controller.play()

    @Slot()
    def _on_step(self) -> None:
        self.controller.step(1)

    @Slot()
    def _on_reset(self) -> None:
        self.banner.hide()
        self._rate_samples.clear()
        self.controller.reset()

    @Slot(object)
    def _on_model_spec(self, spec) -> None:
        self._rate_samples.clear()
        self.controller.set_model_spec(spec)

    @Slot(object)
    def _on_train_spec(self, spec) -> None:
        self.controller.set_train_spec(spec)

    @Slot(float)
    def _on_speed(self, speed: float) -> None:
        self.controller.set_speed(speed)

    @Slot(object, object)
    def _on_limits(self, max_epochs, target_loss) -> None:
        self.controller.set_limits(max_epochs, target_loss)

    @Slot(object)
    def _on_grid_request(self, request) -> None:
        self.controller.set_grid_request(request)

    # ================================================================== tools and classes
    @Slot(int)
    def _on_class_clicked(self, k: int) -> None:
        self._set_current_class(k)
        self.add_tool_action.setChecked(True)

    @Slot()
    def _on_class_shortcut(self) -> None:
        k = int(self.sender().data())
        if self.dataset.task == "classification" and self.class_button_actions[k].isVisible():
            self._on_class_clicked(k)

    @Slot(bool)
    def _on_tool_changed(self, adding: bool) -> None:
        self.boundary_view.set_tool("add" if adding else "erase")

    @Slot()
    def _on_toggle_tool(self) -> None:
        (self.erase_tool_action if self.add_tool_action.isChecked() else self.add_tool_action).setChecked(True)

    @Slot(bool)
    def _on_show_test_action(self, show: bool) -> None:
        if self.data_panel.show_test.isChecked() != show:
            self.data_panel.show_test.setChecked(show)  # emits showTestChanged
        else:
            self.boundary_view.set_show_test(show)

    @Slot(bool)
    def _on_show_test_panel(self, show: bool) -> None:
        self.show_test_action.setChecked(show)
        self.boundary_view.set_show_test(show)

    # ================================================================== from the worker
    @Slot(object)
    def _on_snapshot(self, snap) -> None:
        if getattr(snap, "data_version", self.document.version) != self.document.version:
            return  # trained on data that has been edited since: the next snapshot will fit the new data
        self._latest_snapshot = snap
        self._pending_draw = True

    @Slot()
    def _draw(self) -> None:
        """Draws the newest snapshot. Each tick draws one thing: the plot, the curves, or a redraw waiting in
        ``draw_queue`` (an inspector, the rings of a large dataset), so that one turn of the event loop never
        paints two of them; the plot gets at least every other tick. Frames are spaced so that painting takes
        at most about half of the GUI thread's time (the rest stays free for the mouse and the keyboard)."""
        now = time.perf_counter()
        drew_last_time, self._last_draw_tick = self._last_draw_tick, None
        if drew_last_time is not None:
            # how late this tick is after a drawing tick: what painting that frame cost the event loop
            cost = max(0.0, now - drew_last_time - self._draw_timer.interval() / 1000.0)
            self._frame_cost = 0.7 * self._frame_cost + 0.3 * cost
            interval = int(min(MAX_DRAW_INTERVAL_MS, max(DRAW_INTERVAL_MS, 1000 * self._frame_cost)))
            if interval != self._draw_timer.interval():
                self._draw_timer.setInterval(interval)
        plot_waits = self._pending_draw and self._latest_snapshot is not None
        plot_drew_last, self._plot_drew_last = self._plot_drew_last, False
        if self._curves_due is not None:
            snap, self._curves_due = self._curves_due, None
            self.curves_view.show_snapshot(snap)
            # the numbers follow at the curves' 10 frames a second (not the plot's 40), on a tick of their own
            self._readouts_due = snap
            self.draw_queue.want("readouts", self._show_readouts)
            self._last_draw_tick = now
            return
        if plot_drew_last or not plot_waits:
            job = self.draw_queue.take(now)
            if job is not None:
                try:
                    job()
                except Exception:
                    log.exception("a queued redraw failed")
                self._last_draw_tick = now
                return
        if not plot_waits:
            return
        self._plot_drew_last = True
        self._pending_draw = False
        snap = self._latest_snapshot
        if getattr(snap, "data_version", self.document.version) != self.document.version:
            return  # the data changed after it arrived
        self.boundary_view.show_snapshot(snap)
        if now - self._curves_drawn_at >= CURVES_INTERVAL_S or not self.controller.running:
            self._curves_due = snap
            self._curves_drawn_at = now
        self._last_draw_tick = now

    @Slot()
    def _show_readouts(self) -> None:
        snap, self._readouts_due = self._readouts_due, None
        if snap is not None:
            self._update_readouts(snap)

    def _update_readouts(self, snap) -> None:
        epoch = int(snap.epoch)
        self.epoch_label.setText(f"{epoch:,}")
        self.status_epoch.setText(f"epoch {epoch:,}")
        now = time.perf_counter()
        if self._rate_samples and epoch < self._rate_samples[-1][1]:
            self._rate_samples.clear()
        self._rate_samples.append((now, epoch))
        while len(self._rate_samples) > 2 and now - self._rate_samples[0][0] > 1.0:
            self._rate_samples.popleft()
        self.status_loss.setText(f"loss {_fmt(snap.train_loss)} / {_fmt(snap.test_loss)}")
        if snap.task == "regression":
            self.status_score.setText(f"R\u00b2 {_fmt(snap.train_score, 3)} / {_fmt(snap.test_score, 3)}")
        else:
            self.status_score.setText(f"accuracy {_pct(snap.train_score)} / {_pct(snap.test_score)}")
        self._update_rate()

    def _update_rate(self) -> None:
        if not self.controller.running:
            self.status_rate.setText("paused")
            return
        s = self._rate_samples
        if len(s) >= 2 and s[-1][0] > s[0][0]:
            rate = (s[-1][1] - s[0][1]) / (s[-1][0] - s[0][0])
            self.status_rate.setText(f"{rate:,.0f} epochs/s")

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        self.play_action.setText("Pause" if running else "Play")
        self.play_action.setIcon(icon("pause" if running else "play"))
        self._rate_samples.clear()
        if not running:
            self.status_rate.setText("paused")
            if self._latest_snapshot is not None:  # the curves may lag by a frame: catch up
                self._curves_due = self._latest_snapshot
        else:
            self.status_rate.setText("starting\u2026")

    @Slot(object)
    def _on_diverged(self, info) -> None:
        snap = info.get("snapshot")
        lr = info.get("learning_rate")
        if lr is None or not math.isfinite(lr):
            lr = self.training_panel.learning_rate.value()
        epoch = int(snap.epoch) if snap is not None else int(info.get("epoch", 0))
        suggestion = lr / 10.0
        self._diverged_lr = suggestion
        text = (
            f"Training diverged at epoch {epoch} with learning rate {format_rate(lr)}: the last good "
            f"weights were restored. Try a learning rate of {format_rate(suggestion)}."
        )
        self._banner_callback = None
        self.banner.show_message(text, f"Use {format_rate(suggestion)}")
        self.statusBar().showMessage(text, 20000)
        if snap is not None:
            self._on_snapshot(snap)

    @Slot()
    def _on_banner_action(self) -> None:
        if self._diverged_lr is not None:
            self.training_panel.set_learning_rate(self._diverged_lr)
            self._diverged_lr = None
        elif self._banner_callback is not None:
            callback, self._banner_callback = self._banner_callback, None
            callback()

    def show_invitation(self, text: str, action: str, on_action) -> None:
        """A non-blocking message above the plot with one button (e.g. the lessons at first start);
        a divergence message replaces it."""
        self._diverged_lr = None
        self._banner_callback = on_action
        self.banner.show_message(text, action)

    @Slot(str)
    def _on_stopped(self, why: str) -> None:
        if why == "max_epochs":
            max_epochs, _ = self.training_panel.limits()
            self.statusBar().showMessage(f"Paused: reached the epoch limit ({max_epochs}).", 8000)
        elif why == "target_loss":
            _, target = self.training_panel.limits()
            self.statusBar().showMessage(f"Paused: the training loss reached the target ({target:g}).", 8000)

    @Slot(str)
    def _on_failed(self, text: str) -> None:
        last = text.strip().splitlines()[-1] if text.strip() else "unknown error"
        self.banner.show_message(f"Training stopped after an error: {last}")

    # ================================================================== help
    @Slot()
    def _on_show_shortcuts(self) -> None:
        from gui.lessons.help_dialogs import shortcut_rows

        rows = "".join(
            f"<tr><td style='padding:2px 14px 2px 0'><b>{k}</b></td><td>{v}</td></tr>"
            for k, v in shortcut_rows(self, SHORTCUTS)
        )  # + every action
        box = QMessageBox(QMessageBox.NoIcon, "Keyboard shortcuts", f"<table>{rows}</table>", QMessageBox.Close, self)
        box.setModal(False)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.show()

    @Slot()
    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            "About Neural Playground",
            "<h3>Neural Playground</h3><p>Draw points, pick a model, press Play and watch a "
            "neural network written from scratch in NumPy learn its decision boundary.</p>",
        )

    # ================================================================== life cycle
    def save_settings(self) -> None:
        self.settings.save("data", self.data_panel.params())
        self.settings.save("model", self.model_panel.params())
        self.settings.save("training", self.training_panel.params())
        self.settings.save("splitter", bytes(self.splitter.saveState().toBase64()).decode())
        self.settings.save_window(self)
        self.settings.sync()

    def closeEvent(self, event) -> None:
        # Ask about unsaved changes first (Cancel keeps the window open)
        if not self._closed and hasattr(self, "file_actions"):
            if not self.file_actions.maybe_save("close"):
                event.ignore()
                return
            self.file_actions.shutdown()
        if not self._closed:
            self._closed = True
            self._draw_timer.stop()
            try:
                self.save_settings()
            finally:
                self.controller.shutdown()
        super().closeEvent(event)


def _fmt(value, digits: int = 4) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "\u2014"
    if not math.isfinite(v):
        return "\u2014"
    return f"{v:.{digits}f}"


def _pct(value) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "\u2014"
    return "\u2014" if not math.isfinite(v) else f"{100 * v:.1f}%"
