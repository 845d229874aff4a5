"""CompareView: the extra models trained side by side, each in its own boundary view.

Each pane shows one model (a colour chip matching its curves, its name whole, two small buttons to edit its
settings or remove it, and its settings on a line of their own, cut with "…" and whole in the tooltip) above a
``BoundaryView``, and its scores under the plot, wrapped rather than cut: a small pane's plot is all boundary, and
the main plot's score box would cover most of it. A pane is a thumbnail of the main plot: its points and rings are
drawn smaller, in proportion to the pane, so that a model that gets many points wrong is not hidden under its
rings. The panes'
views are linked to the main boundary view (zoom or pan one, all follow), show the main view's data, and hand
point edits to the main view's signals, so an edit made anywhere is one edit of the one dataset every model
trains on.

A pane's settings are edited in ``gui.experiments.model_settings``. Nothing here talks to a session: requests
go through ``gui.experiments.compare.CompareManager``.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.plot.boundary_view import BoundaryView
from gui.plot.score_overlay import score_lines
from gui.widgets.aspect_box import AspectBox
from gui.widgets.plot_look import PlotLook
from gui.widgets.wrapping import ElidedLabel, WrappedLabel
from model.training.runs import describe_model, describe_training

#: px: below two panes this wide side by side, the panes stand one above the other (a narrow dock scrolls no
#: pane sideways: a pane's header needs its buttons)
PANE_MIN_WIDTH = 180

#: px: a pane this large (its smaller side) draws its points and rings as large as the main plot does; a smaller
#: one draws them smaller in proportion, down to ``MIN_MARKER_SCALE``
FULL_SIZE_PANE = 400
MIN_MARKER_SCALE = 0.5

#: px: a pane's plot is never shorter: squeezed flatter beside a taller view (the loss landscape), the moons drawn
#: five times wider than tall no longer look like the main plot's; the views beside it then go into tabs instead
PANE_PLOT_MIN_HEIGHT = 100
NBSP = "\u00a0"

EDIT_SIGNALS = (
    "addPointsRequested",
    "removePointRequested",
    "removePointsRequested",
    "movePointRequested",
    "probeRequested",
)


def describe(model_spec, train_spec) -> str:
    return f"{describe_model(model_spec)} · {describe_training(train_spec, model_spec)}"


def pane_look(width: int, height: int) -> PlotLook:
    """How a pane of ``width`` x ``height`` px draws its markers: in proportion to its smaller side (in steps of a
    tenth, so that resizing the dock redraws the markers seldom), lines thinned less than markers shrink."""
    scale = min(1.0, max(MIN_MARKER_SCALE, min(width, height) / FULL_SIZE_PANE))
    scale = round(scale * 10) / 10
    return PlotLook(line_scale=max(0.7, scale), marker_scale=scale)


Range = tuple[tuple[float, float], tuple[float, float]]


def _ratio(view_range) -> float:
    """Width over height of a view range ((x0, x1), (y0, y1)), in data units."""
    (x0, x1), (y0, y1) = view_range
    return (x1 - x0) / (y1 - y0) if y1 != y0 else 1.0


def region_inside(view_range, ratio: float) -> Range:
    """The largest region of width/height ``ratio`` centred in ``view_range``: what a 1:1 view showing
    ``view_range`` was asked to show, when the region it was given had that shape (pyqtgraph widens the
    region about its centre to the view's shape)."""
    (x0, x1), (y0, y1) = view_range
    cx, cy, w, h = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0
    if ratio <= 0 or h <= 0 or w <= 0:
        return (x0, x1), (y0, y1)
    if w / h > ratio:
        w = h * ratio
    else:
        h = w / ratio
    return (cx - w / 2, cx + w / 2), (cy - h / 2, cy + h / 2)


def unbreakable(text: str) -> str:
    """``text`` kept on one line when wrapped (its spaces made non-breaking)."""
    return text.replace(" ", NBSP)


class PaneTitle(ElidedLabel):
    """A pane's run name, whole whenever the pane has room for it; ``full_text`` (also the tooltip) is the name
    with the model's settings. A name wider than the pane (a lesson's label may be 200 characters) is cut with "…"
    rather than widening the pane: as the title's minimum width it pushed the dock, and with it the main plot, off
    the window."""

    def set_title(self, name: str, settings: str) -> None:
        self.set_full_text(f"{name} — {settings}")
        self._whole = name
        self._elide()

    def sizeHint(self) -> QSize:  # asks for the whole name, which the pane gives when it can
        return QSize(self.fontMetrics().horizontalAdvance(self._whole) + 2, super().sizeHint().height())


class ModelPane(QFrame):
    """One extra model: a header line above its own boundary view."""

    settingsRequested = Signal(int)
    removeRequested = Signal(int)

    def __init__(self, session_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.session_id = int(session_id)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        head = QHBoxLayout()
        head.setSpacing(3)
        self.chip = QLabel()
        self.chip.setFixedSize(12, 12)
        # The run's name is whole (it is what says which run the pane is); its settings go on the next line, cut
        # with "…" when the pane is narrow (whole in the tooltip).
        self.title = PaneTitle()
        self.description = ElidedLabel()
        self.description.setAccessibleName("settings")
        self.settings_button = QToolButton()
        self.settings_button.setText("⚙")
        self.settings_button.setAccessibleName("Settings…")
        self.settings_button.setAutoRaise(True)
        self.settings_button.setToolTip("Settings… Change this model's settings (the others keep theirs).")
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAccessibleName("Remove")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip("Stop training this model and remove it (its run stays in the run table).")
        head.addWidget(self.chip)
        head.addWidget(self.title, 1)
        head.addWidget(self.settings_button)
        head.addWidget(self.remove_button)
        layout.addLayout(head)
        layout.addWidget(self.description)
        self.view = BoundaryView()
        self.view.set_legend_visible(False)
        self.view.plane_caption.set_wanted(False)  # the main plot says what plane it shows, for the panes too
        self.view.score_apart = True  # the score goes under the plot (``show_score``), not over it
        self.score = WrappedLabel()
        self.score.setAccessibleName("score")
        # The pane shows the main plot's region: its axes would repeat the main plot's, and painting
        # axes is most of what a small plot costs. A thin frame instead.
        plot = self.view.getPlotItem()
        plot.hideAxis("left")
        plot.hideAxis("bottom")
        plot.showGrid(x=False, y=False)
        self.view.vb.setBorder(pg.mkPen("#999999"))
        # The plot keeps the main plot's shape of the region it shows (``CompareView`` sets it), centred in the
        # room the pane has: the moons lie as on the main plot, with the pane's background around the plot.
        self.plot_box = AspectBox(self.view, self._plot_frame)
        self.plot_box.setMinimumHeight(PANE_PLOT_MIN_HEIGHT)
        self.view.vb.sigResized.connect(self.plot_box.refit)
        layout.addWidget(self.plot_box, 1)
        layout.addWidget(self.score)
        self.settings_button.clicked.connect(self._on_settings)
        self.remove_button.clicked.connect(self._on_remove)
        self.model_spec = self.train_spec = None

    def _plot_frame(self) -> QSize:
        """How much larger the plot widget is than its view box (a thin margin around it)."""
        vb = self.view.vb
        if vb.width() <= 0 or vb.height() <= 0:  # not laid out yet
            return QSize(0, 0)
        return QSize(max(0, self.view.width() - round(vb.width())), max(0, self.view.height() - round(vb.height())))

    def show_region(self, region: Range, ratio: float) -> None:
        """Show ``region`` ((x0, x1), (y0, y1)), in a plot of width/height ``ratio`` on screen."""
        self.plot_box.set_ratio(ratio)
        (x0, x1), (y0, y1) = region
        self.view.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.view.set_look(pane_look(self.width(), self.height()))

    def set_info(self, name: str, colour: str, model_spec, train_spec) -> None:
        self.model_spec, self.train_spec = model_spec, train_spec
        self.chip.setStyleSheet(f"background: {colour}; border: 1px solid #333; border-radius: 2px")
        settings = describe(model_spec, train_spec)
        self.title.set_title(name, settings)
        self.description.set_full_text(settings, self.title.full_text)

    def show_score(self, snapshot) -> None:
        """The score of ``snapshot`` under the plot (the test score first; "accuracy" is left out there, for room,
        and said in the tooltip), wrapped between its parts when the pane is narrow: never cut."""
        lines = [text for text, _bold, _ink in score_lines(snapshot, getattr(snapshot, "task", "") == "regression")]
        # the break goes after a "·", so that a wrapped line does not start with one
        self.score.setText(f"{NBSP}· ".join(unbreakable(t.replace(" accuracy ", " ")) for t in lines))
        self.score.setToolTip("\n".join(lines))

    def show_waiting(self) -> None:
        """No weights of this model exist yet (it was added, or given a new architecture, while no training
        process ran): no boundary, and the score line says when it starts."""
        self.view.clear_snapshot()
        self.score.setText("Starts when training starts again")
        self.score.setToolTip("This model starts from its settings (fresh weights) when training starts again.")

    @Slot()
    def _on_settings(self) -> None:
        self.settingsRequested.emit(self.session_id)

    @Slot()
    def _on_remove(self) -> None:
        self.removeRequested.emit(self.session_id)


class CompareView(QWidget):
    """The extra models in a grid of panes, linked to the main boundary view.

    ``attach(main_view)`` links the panes to the main view (ranges, data, edits);
    ``set_members(list)`` builds/removes panes; ``show_snapshot(snapshot)`` routes a member's
    snapshot to its pane by ``session_id``.
    """

    settingsRequested = Signal(int)
    removeRequested = Signal(int)
    addRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(2, 2, 2, 2)
        self._grid.setSpacing(4)
        self._empty = QLabel(
            "Experiments ▸ Add a model (same settings) trains another model beside the main one on the same data."
        )
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._grid.addWidget(self._empty, 0, 0)
        self.panes: dict[int, ModelPane] = {}
        self._cols = 1
        self._main: BoundaryView | None = None
        self._syncing = False

    def attach(self, main_view: BoundaryView) -> None:
        self._main = main_view
        main_view.vb.sigRangeChanged.connect(self._on_main_range)
        for pane in self.panes.values():
            self._link(pane)

    # Ranges are synchronised by hand, not with setXLink/setYLink: pyqtgraph's links align views by
    # their position on screen, and the panes sit elsewhere than the main plot. Each pane shows the region the
    # main plot was asked to show with the main plot's 1:1 aspect (its own BoundaryView locks it, as the main
    # one does), in a plot of the region's shape: two boundaries compare by eye only if the moons are not
    # stretched upright in a tall narrow pane. (The main plot, wider than the region, shows more at its sides;
    # its boundary grid covers that, so it covers every pane.)
    def _main_region(self) -> tuple[Range, float]:
        """The region the main plot was asked to show (the data's frame, or where the person zoomed: it shows a
        margin around it when its shape differs) and that region's width/height on its screen."""
        assert self._main is not None
        vb = self._main.vb
        (x0, x1), (y0, y1) = vb.targetRange()
        px, py = vb.viewPixelSize()
        ratio = ((x1 - x0) / px) / ((y1 - y0) / py) if px > 0 and py > 0 and y1 != y0 else 1.0
        return ((x0, x1), (y0, y1)), ratio

    @Slot()
    def _on_main_range(self, *_) -> None:
        if self._syncing or self._main is None:
            return
        self._syncing = True
        try:
            region, ratio = self._main_region()
            for pane in self.panes.values():
                pane.show_region(region, ratio)
        finally:
            self._syncing = False

    @Slot()
    def _on_pane_range(self, *_) -> None:
        pane_vb = self.sender()
        if self._syncing or self._main is None or not isinstance(pane_vb, pg.ViewBox):
            return
        (x0, x1), (y0, y1) = pane_vb.viewRange()
        if pane_vb.state["aspectLocked"] is not False:
            # the pane may show a thin margin around the region: the main plot follows the region inside it
            (x0, x1), (y0, y1) = region_inside(((x0, x1), (y0, y1)), _ratio(self._main.vb.targetRange()))
        self._main.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)  # the panes follow the main view

    def _link(self, pane: ModelPane) -> None:
        main = self._main
        if main is None:
            return
        pane.view.vb.sigRangeChangedManually.connect(self._on_pane_range)
        for name in EDIT_SIGNALS:  # an edit in a pane is an edit of the one dataset
            getattr(pane.view, name).connect(getattr(main, name))
        self._sync_data(pane)
        self._follow_main(pane)

    def _follow_main(self, pane: ModelPane) -> None:
        if self._main is None:  # not attached to the main plot yet
            return
        self._syncing = True
        try:
            pane.show_region(*self._main_region())
        finally:
            self._syncing = False

    def _sync_data(self, pane: ModelPane) -> None:
        main = self._main
        if main is None:
            return
        ds = main.dataset()
        if ds is not pane.view.dataset():
            pane.view.set_dataset(ds)  # rings from any snapshot whose predictions fit
            self._follow_main(pane)
        pane.view.set_tool(main.tool())

    def set_members(self, members) -> None:
        """members: [model.training.group_contract.Member, ...]"""
        wanted = {int(m.session_id): m for m in members}
        for sid in list(self.panes):
            if sid not in wanted:
                pane = self.panes.pop(sid)
                self._grid.removeWidget(pane)
                pane.deleteLater()
        for member in members:
            sid = member.session_id
            found = self.panes.get(sid)
            pane = ModelPane(sid) if found is None else found
            if found is None:
                pane.settingsRequested.connect(self.settingsRequested)
                pane.removeRequested.connect(self.removeRequested)
                self.panes[sid] = pane
                self._link(pane)
            pane.set_info(member.name, member.colour, member.model_spec, member.train_spec)
        self._relayout()

    def _relayout(self) -> None:
        for pane in self.panes.values():
            self._grid.removeWidget(pane)
        self._grid.removeWidget(self._empty)
        self._empty.setVisible(not self.panes)
        if not self.panes:
            self._grid.addWidget(self._empty, 0, 0)
            return
        cols = self._columns()
        for i, pane in enumerate(self.panes.values()):
            self._grid.addWidget(pane, i // cols, i % cols)
        self._cols = cols

    def _columns(self) -> int:
        return 2 if len(self.panes) > 1 and self.width() >= 2 * PANE_MIN_WIDTH + self._grid.spacing() else 1

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.panes and self._columns() != self._cols:
            self._relayout()

    @Slot(object)
    def show_snapshot(self, snapshot) -> None:
        session_id = getattr(snapshot, "session_id", None)
        pane = None if session_id is None else self.panes.get(session_id)
        if pane is None:
            return
        self._sync_data(pane)
        pane.view.show_snapshot(snapshot)
        pane.show_score(snapshot)

    @Slot(int)
    def show_waiting(self, session_id: int) -> None:
        pane = self.panes.get(session_id)
        if pane is not None:
            pane.show_waiting()

    def flush(self) -> None:
        """Draw pending snapshots now (tests)."""
        for pane in self.panes.values():
            pane.view.flush()
