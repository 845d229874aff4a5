"""ConfusionView: how right the model is, class by class, or how far off a regression is.

For a classifier: the confusion matrix (``ConfusionGrid``: counts and rates, true rows × predicted columns) and
beside it (under it, in a dock too narrow for both) each class's precision, recall, F1 and support
(``ClassScoresTable``), with the accuracy above; nothing scrolls sideways, the lines wrap; Train/Test chooses the split,
Counts/Rates which number the cells show large. For a regression: the residual plot (``ResidualPlot``) with RMSE
and R². Everything is computed (``model.inside.class_scores``) from the predictions every snapshot carries for
every point of the data, so the view is live while training and shows whatever snapshot it is given: the
timeline's past moment the same way as the present.

Selecting samples
-----------------
``samplesSelected(indices)`` is how this view tells the rest of the app which samples a person picked:
``indices`` is an int64 NumPy array of indices into the shown ``Dataset`` (rows of ``ds.X``), sorted; an empty
array means "none". Selecting a cell of the matrix emits the samples of that split with that true class and that
prediction; the selection is the *cell*, so while training goes on (or the timeline moves) the indices follow the
model's predictions and are emitted again when they change. Clicking the cell again, or beside the cells, or
Escape, clears it. In a regression, clicking a dot of the residual plot selects that one sample. When the data
changes, the indices are stale: an empty set is emitted at once, and the cell's samples again once a snapshot of
the new data arrives; other data (other classes: Iris after the digits) clears the cell, which named a class of
the data before. The main window connects the signal to the plot's ``SampleHighlight.show_samples``; any
other view of the samples (a grid of test images, say) can connect to it the same way.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.inside.class_scores_table import ClassScoresTable
from gui.inside.confusion_grid import ConfusionGrid
from gui.inside.inspect_common import fmt
from gui.inside.residual_plot import ResidualPlot
from gui.inside.throttled_view import ThrottledView
from gui.widgets.charts_when_shown import ChartsWhenShown
from gui.widgets.wrapping import FlowBar, StackingSplitter, WrappedLabel
from model.inside.class_scores import class_scores, residuals

TWO_NUMBER_CELL = 44  # px: a cell this large shows its count and its rate (a smaller one only the chosen number)
PAGE_MATRIX, PAGE_RESIDUALS, PAGE_MESSAGE = 0, 1, 2
EMPTY = np.empty(0, dtype=np.int64)
EMPTY.setflags(write=False)


def _other_classes(old, new) -> bool:
    """Whether ``new`` is other data than ``old`` for a selected cell: another task or other classes. A point added
    or moved keeps the cell (it follows the edited data); the cell "versicolor predicted right" kept over Wine rang
    a class no one picked."""
    return old.task != new.task or old.n_classes != new.n_classes or old.class_names != new.class_names


def _row(*widgets: QWidget) -> QWidget:
    """Widgets kept together on one row (a row of the switches' bar wraps as a whole)."""
    row = QWidget()
    lay = QHBoxLayout(row)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(4)
    for widget in widgets:
        lay.addWidget(widget)
    return row


def _switch(parent: QWidget, choices, tip: str) -> tuple[QButtonGroup, dict[str, QRadioButton]]:
    """Radio buttons, one per (key, text): which one is chosen shows in any style."""
    group = QButtonGroup(parent)
    group.setExclusive(True)
    buttons = {}
    for key, text in choices:
        button = QRadioButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(f"{text} ({tip})")
        group.addButton(button)
        buttons[key] = button
    return group, buttons


class ConfusionView(ChartsWhenShown, ThrottledView):
    """The dock's content. ``set_dataset(ds, version)`` and ``show_snapshot(snap)`` feed it.

    Signals: ``samplesSelected(indices)`` (see the module docstring).
    """

    samplesSelected = Signal(object)
    rate_hz = 5.0
    CHARTS = frozenset({"residual_plot"})

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("confusionView")
        self._dataset = None
        self._version: int | None = None
        self.scores = None  # the newest ClassScores or Residuals shown (None: nothing fits the data)
        self._picked_sample: int | None = None  # regression: the residual dot clicked
        self._emitted = EMPTY

        self.split_group, self.split_buttons = _switch(
            self, (("train", "Train"), ("test", "Test")), "which points are counted"
        )
        self.mode_group, self.mode_buttons = _switch(
            self, (("counts", "Counts"), ("rates", "Rates")), "what the cells show large: samples or row shares"
        )
        self.split_buttons["test"].setChecked(True)
        self.mode_buttons["counts"].setChecked(True)
        self.against_box = QComboBox()
        self.against_box.addItem("against ŷ", "predicted")
        self.against_box.addItem("against y", "target")
        self.against_box.setToolTip("What the horizontal axis shows: the prediction ŷ or the target y.")
        self.summary = WrappedLabel()
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = WrappedLabel()

        self.grid = ConfusionGrid()
        self.table = ClassScoresTable()
        # side by side while the matrix keeps its least cells and the table its whole headers; in a narrower dock
        # the table goes under the matrix (the view scrolls only up and down)
        self.matrix_page = StackingSplitter(self._side_by_side, self._stacked_sizes)
        self.matrix_page.addWidget(self.grid)
        self.matrix_page.addWidget(self.table)
        self.matrix_page.setStretchFactor(0, 3)
        self.matrix_page.setStretchFactor(1, 2)
        self.matrix_page.restacked.connect(self._on_restacked)
        # the regression's chart is made when the view is first shown or asked for (``make_charts``): the dock is
        # hidden at start; an empty page keeps its place meanwhile
        self._residual_place = QWidget()
        self.message = WrappedLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        for page in (self.matrix_page, self._residual_place, self.message):
            self.pages.addWidget(page)

        # the switches wrap onto a second row in a narrow dock, the accuracy line has a row of its own
        self.bar = FlowBar(spacing=12)
        self.bar.add(_row(QLabel("Samples:"), *self.split_buttons.values()))
        self.mode_caption = QLabel("Cells show:")
        self.mode_row = _row(self.mode_caption, *self.mode_buttons.values())
        self.bar.add(self.mode_row)
        self.bar.add(self.against_box)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.bar)
        lay.addWidget(self.summary)
        lay.addWidget(self.pages, 1)
        lay.addWidget(self.hint)
        self._show_task("classification")

        self.split_group.buttonClicked.connect(self._on_switch)
        self.mode_group.buttonClicked.connect(self._on_switch)
        self.against_box.currentIndexChanged.connect(self._on_against)
        self.grid.selectionChanged.connect(self._on_cell)

    def make_charts(self) -> None:
        self.residual_plot = ResidualPlot()
        self.residual_plot.sampleClicked.connect(self._on_sample_clicked)
        place, current = self._residual_place, self.pages.currentIndex()
        self.pages.insertWidget(PAGE_RESIDUALS, self.residual_plot)
        self.pages.removeWidget(place)
        place.deleteLater()
        self.pages.setCurrentIndex(current)

    # ------------------------------------------------------------------ state
    @property
    def split(self) -> str:
        return "test" if self.split_buttons["test"].isChecked() else "train"

    def set_split(self, split: str) -> None:
        self.split_buttons[split].click()

    @property
    def mode(self) -> str:
        return "rates" if self.mode_buttons["rates"].isChecked() else "counts"

    def set_mode(self, mode: str) -> None:
        self.mode_buttons[mode].click()

    @property
    def selected_samples(self) -> np.ndarray:
        """The indices last sent by ``samplesSelected``."""
        return self._emitted

    def set_dataset(self, dataset, version: int | None = None) -> None:
        """The data shown (the snapshot's predictions count only when made from it: same ``data_version``)."""
        old = self._dataset
        self._dataset, self._version = dataset, None if version is None else int(version)
        if old is not None and dataset is not None and _other_classes(old, dataset):
            self.grid.set_selected(None)
        self._picked_sample = None
        self._emit(EMPTY)  # indices into the old data name other points now
        self.mark_dirty()

    @Slot()
    def clear_selection(self) -> None:
        self._picked_sample = None
        self.grid.set_selected(None)
        self._emit(EMPTY)

    def select_cell(self, true_class: int, predicted_class: int) -> None:
        """As a click on that cell would."""
        self.grid.set_selected((true_class, predicted_class), notify=True)

    # ------------------------------------------------------------------ drawing
    def _fits(self, snap) -> bool:
        """Whether ``snap``'s predictions are for the data shown."""
        ds = self._dataset
        pred = getattr(snap, "predictions", None)
        if ds is None or pred is None or snap.task != ds.task:
            return False
        if self._version is not None and int(snap.data_version) != self._version:
            return False
        return int(np.asarray(pred).shape[0]) == ds.n_samples

    def redraw(self, snap) -> None:
        ds = self._dataset
        task = ds.task if ds is not None else "classification"
        self._show_task(task)
        self.scores = None
        if snap is None or ds is None or ds.n_samples == 0:
            self._say("No predictions yet: add points, then press Play or Step.")
        elif not self._fits(snap):
            self._say(
                "These predictions were made on other data than the points shown (an edit since, or a past "
                "moment of the timeline before an edit): nothing to count."
            )
        elif task == "classification":
            self.scores = class_scores(ds.y, snap.predictions, ds.is_test, ds.n_classes, self.split)
            self._show_matrix(self.scores, ds)
        else:
            self.scores = residuals(ds.y, snap.predictions, ds.is_test, self.split)
            self._show_residuals(self.scores)
        self._emit(self._selection())
        self._update_hint()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.summary.setText("")
        self.pages.setCurrentIndex(PAGE_MESSAGE)

    def _show_task(self, task: str) -> None:
        regression = task == "regression"
        self.mode_row.setVisible(not regression)
        self.against_box.setVisible(regression)
        self.bar.refit()

    def _show_matrix(self, scores, ds) -> None:
        names = ds.class_names or tuple(f"class {k + 1}" for k in range(ds.n_classes))
        self.grid.set_mode(self.mode)
        self.grid.set_matrix(scores.counts, scores.rates, names)
        self._fill_table(scores, names)
        n, right = scores.n_samples, int(np.trace(scores.counts))
        if n:
            self.summary.setText(
                f"Accuracy <b>{100 * scores.accuracy:.1f} %</b>: {right:,} of {n:,} {self.split} samples right"
            )
        else:
            self.summary.setText(f"No {self.split} samples")
        self.pages.setCurrentIndex(PAGE_MATRIX)

    def _fill_table(self, scores, names) -> None:
        self.table.fill(scores, names)
        self.matrix_page.refit()
        self._on_restacked(self.matrix_page.orientation())

    @Slot(object)
    def _on_restacked(self, orientation) -> None:
        """Beside the matrix the table keeps its whole headers; under it, it takes the width there is."""
        beside = orientation == Qt.Orientation.Horizontal
        self.table.setMinimumWidth(self.table.full_width() if beside else 0)

    def _side_by_side(self, width: int) -> bool:
        """Whether the matrix (cells large enough for both numbers) and the table (whole headers and names) fit
        side by side: a matrix squeezed beside the table reads worse than one as wide as the dock above it."""
        need = self.grid.width_for(TWO_NUMBER_CELL) + self.matrix_page.handleWidth() + self.table.full_width()
        return width >= need

    def _stacked_sizes(self, height: int) -> list[int]:
        """The matrix as tall as its cells at this width, the table the rest (at least its least height)."""
        table = self.table.minimumSizeHint().height()
        grid = min(self.grid.height_for(self.matrix_page.width()), max(height - table, 0))
        return [grid, max(height - grid, table)]

    def _show_residuals(self, res) -> None:
        self.residual_plot.set_against(self.against_box.currentData())
        self.residual_plot.set_target_name(self._dataset.target_name if self._dataset is not None else "")
        self.residual_plot.show_residuals(res)
        if res.n_samples:
            self.summary.setText(
                f"RMSE <b>{fmt(res.rmse)}</b> · R² <b>{fmt(res.r2)}</b> ({res.n_samples:,} {self.split} samples)"
            )
        else:
            self.summary.setText(f"No {self.split} samples")
        self.pages.setCurrentIndex(PAGE_RESIDUALS)

    # ------------------------------------------------------------------ selection
    def _selection(self) -> np.ndarray:
        """The samples of the selected cell (or the picked residual dot) in the scores shown."""
        scores = self.scores
        if scores is None:
            return EMPTY
        if hasattr(scores, "cell_samples"):
            cell = self.grid.selected
            return EMPTY if cell is None else scores.cell_samples(*cell)
        if self._picked_sample is not None and self._picked_sample in scores.sample_index:
            return np.array([self._picked_sample], dtype=np.int64)
        return EMPTY

    def _emit(self, indices: np.ndarray) -> None:
        if np.array_equal(indices, self._emitted):
            return
        indices = np.array(indices, dtype=np.int64)
        indices.setflags(write=False)
        self._emitted = indices
        self.samplesSelected.emit(indices)
        self._update_hint()

    def _update_hint(self) -> None:
        """Says what a click does, or what is ringed on the plot."""
        n, scores = self._emitted.size, self.scores
        if scores is None:
            self.hint.setText("")
        elif hasattr(scores, "cell_samples"):
            cell, names = self.grid.selected, self.grid.names
            if cell is None:
                self.hint.setText("Click a cell to ring its samples on the plot.")
            else:
                i, j = cell
                what = "predicted right" if i == j else f"predicted as {names[j]}"
                noun = "sample" if n == 1 else "samples"
                self.hint.setText(
                    f"{n:,} {self.split} {noun} of {names[i]} {what}: ringed in magenta on the plot "
                    "(click the cell again to clear)."
                )
        elif n:
            self.hint.setText(
                f"Sample {int(self._emitted[0])} is ringed in magenta on the plot (click it again to clear)."
            )
        else:
            self.hint.setText("Click a dot to ring its sample on the plot.")

    @Slot(object)
    def _on_cell(self, _cell) -> None:
        self._emit(self._selection())

    @Slot(int)
    def _on_sample_clicked(self, index: int) -> None:
        self._picked_sample = None if self._picked_sample == index else int(index)
        self._emit(self._selection())

    @Slot()
    def _on_switch(self, *_):
        if self._snapshot is not None:
            self.flush()  # a switch is a person's click: answer at once

    @Slot(int)
    def _on_against(self, _index: int) -> None:
        self._on_switch()
