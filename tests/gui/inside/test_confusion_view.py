"""The confusion matrix dock, built from its narrow objects (a controller with the one signal it uses, the data
document, the plot, a draw queue, a dock layout) and fed snapshots of a real TrainingSession stepped here: its
counts are scikit-learn's, a click on a cell highlights exactly those samples on the plot, the highlight follows
the predictions and goes when the data changes, and a regression shows scikit-learn's RMSE and R²."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pytest
from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QMainWindow
from sklearn.metrics import confusion_matrix, mean_squared_error, precision_recall_fscore_support, r2_score

from gui.inside.confusion_dock import ConfusionDock
from gui.panels.data_commands import DataDocument
from gui.plot.boundary_view import BoundaryView
from gui.widgets.draw_queue import DrawQueue
from gui.window.docks import DockLayout
from model.data.data_files import load_dataset
from model.data.generators import make
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


class Controller(QObject):
    snapshotReady = Signal(object)

    def __init__(self):
        super().__init__()
        self.latest_snapshot = None


@dataclass
class Parts:
    window: QMainWindow  # held by the test: the dock and the view are its children
    document: DataDocument
    controller: Controller
    dock: ConfusionDock


def build(qtbot, ds) -> Parts:
    window = QMainWindow()
    qtbot.addWidget(window)
    plot = BoundaryView()
    window.setCentralWidget(plot)
    document = DataDocument(ds)
    plot.set_dataset(document.dataset, document.version)
    controller = Controller()
    dock = ConfusionDock(
        controller=controller, document=document, plot=plot, draw_queue=DrawQueue(), docks=DockLayout(window)
    )
    # as the main window does: the plot takes the new data first, then the dock hears of it
    document.datasetChanged.connect(lambda _ds: plot.set_dataset(document.dataset, document.version))
    document.datasetChanged.disconnect(dock._on_dataset)
    document.datasetChanged.connect(dock._on_dataset)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    dock.view_action.trigger()
    assert dock.dock.isVisible()
    return Parts(window, document, controller, dock)


def session_on(ds, epochs, seed=1):
    session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(4,)), TrainSpec(learning_rate=0.01), seed=seed)
    session.step(epochs)
    return session


def feed(dock, controller, snap):
    controller.latest_snapshot = snap
    controller.snapshotReady.emit(snap)
    dock.view.flush()


def click_cell(qtbot, grid, i, j):
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=grid.cell_rect(i, j).center())


def test_the_matrix_counts_are_scikit_learns_and_a_click_highlights_exactly_that_cells_samples(qtbot):
    ds = make("blobs", n_samples=240, seed=4, n_classes=3, noise=1.2, test_fraction=0.3)
    parts = build(qtbot, ds)
    document, controller, dock = parts.document, parts.controller, parts.dock
    session = session_on(document.dataset, 3)
    snap = session.snapshot()
    feed(dock, controller, snap)
    view, grid = dock.view, dock.view.grid
    pred = np.asarray(snap.predictions)
    for split, chosen in (("test", ds.is_test), ("train", ~ds.is_test)):
        view.set_split(split)
        expected = confusion_matrix(ds.y[chosen], pred[chosen], labels=[0, 1, 2])
        assert np.array_equal(view.scores.counts, expected)
        assert np.array_equal(grid._counts, expected)  # what the grid draws
        p, r, f, s = precision_recall_fscore_support(ds.y[chosen], pred[chosen], labels=[0, 1, 2], zero_division=0)
        shown = [[view.table.item(row, col).text() for col in range(1, 5)] for row in range(3)]
        assert shown == [[f"{p[k]:.2f}", f"{r[k]:.2f}", f"{f[k]:.2f}", f"{s[k]:,}"] for k in range(3)]

    # a mistake cell of the training split: the samples of true class i predicted as j, and only those
    counts = view.scores.counts
    i, j = max(((a, b) for a in range(3) for b in range(3) if a != b), key=lambda c: counts[c])
    assert counts[i, j] > 0
    click_cell(qtbot, grid, i, j)
    wanted = np.flatnonzero(~ds.is_test & (ds.y == i) & (pred == j))
    assert np.array_equal(view.selected_samples, wanted)
    assert np.array_equal(dock.highlight.indices, wanted)
    assert np.allclose(dock.highlight.shown_points(), ds.X[wanted])  # the ring is on exactly those points
    assert dock.highlight.ring.isVisible() and dock.highlight.ring.points().shape == (wanted.size, 2)

    click_cell(qtbot, grid, i, j)  # the same cell again: cleared
    assert view.selected_samples.size == 0 and dock.highlight.indices.size == 0
    assert not dock.highlight.ring.isVisible()
    click_cell(qtbot, grid, i, i)
    assert np.array_equal(dock.highlight.indices, np.flatnonzero(~ds.is_test & (ds.y == i) & (pred == i)))
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=QPoint(3, grid.height() - 3))  # beside the cells
    assert dock.highlight.indices.size == 0 and grid.selected is None


def test_the_highlight_follows_the_predictions_and_goes_with_the_data_it_named(qtbot):
    ds = make("blobs", n_samples=240, seed=4, n_classes=3, noise=1.2, test_fraction=0.3)
    parts = build(qtbot, ds)
    document, controller, dock = parts.document, parts.controller, parts.dock
    session = session_on(document.dataset, 1)
    early = session.snapshot()
    session.step(300)
    late = session.snapshot()
    feed(dock, controller, early)
    view = dock.view
    view.set_split("train")
    view.select_cell(0, 0)
    right_early = np.flatnonzero(~ds.is_test & (ds.y == 0) & (early.predictions == 0))
    right_late = np.flatnonzero(~ds.is_test & (ds.y == 0) & (late.predictions == 0))
    assert not np.array_equal(right_early, right_late)  # the model learned something in between
    assert np.array_equal(dock.highlight.indices, right_early)
    feed(dock, controller, late)  # the same cell, now with the later model's predictions
    assert np.array_equal(dock.highlight.indices, right_late)

    # new data: the indices named points of the old data, so the highlight goes at once
    document.set_dataset(ds.without(range(10)))
    assert dock.highlight.indices.size == 0 and not dock.highlight.ring.isVisible()
    feed(dock, controller, late)  # a snapshot of the old data does not bring it back
    assert dock.highlight.indices.size == 0
    assert "other data" in view.message.text()
    session.set_dataset(document.dataset, document.version)
    newer = session.snapshot()
    feed(dock, controller, newer)  # predictions for the new data: the selected cell's samples again
    new = document.dataset
    assert np.array_equal(
        dock.highlight.indices, np.flatnonzero(~new.is_test & (new.y == 0) & (newer.predictions == 0))
    )
    assert np.allclose(dock.highlight.shown_points(), new.X[dock.highlight.indices])

    dock.view_action.trigger()  # closing the dock clears what it highlighted
    assert not dock.dock.isVisible()
    assert dock.highlight.indices.size == 0


def test_counts_and_rates_switch_what_a_cell_shows_large(qtbot):
    ds = make("blobs", n_samples=120, seed=2, n_classes=2, noise=1.5, test_fraction=0.25)
    parts = build(qtbot, ds)
    document, controller, dock = parts.document, parts.controller, parts.dock
    feed(dock, controller, session_on(document.dataset, 2).snapshot())
    view = dock.view
    assert view.grid.mode == "counts"
    view.set_mode("rates")
    assert view.grid.mode == "rates"
    rates = view.scores.rates
    assert np.allclose(np.nansum(rates, axis=1)[view.scores.support > 0], 1.0)
    described = view.grid.describe(0, 1)
    assert f"{int(view.scores.counts[0, 1])} sample" in described


def test_a_regression_shows_its_residuals_with_scikit_learns_rmse_and_r2(qtbot):
    ds = make("sine", n_samples=150, seed=3, test_fraction=0.3)
    parts = build(qtbot, ds)
    document, controller, dock = parts.document, parts.controller, parts.dock
    snap = session_on(document.dataset, 40).snapshot()
    feed(dock, controller, snap)
    view = dock.view
    assert view.pages.currentWidget() is view.residual_plot
    assert dock.dock.windowTitle() == "Residuals" and dock.view_action.text() == "Confusion matrix and class scores"
    for split, chosen in (("test", ds.is_test), ("train", ~ds.is_test)):
        view.set_split(split)
        y, yhat = ds.y[chosen], np.asarray(snap.predictions)[chosen]
        rmse, r2 = math.sqrt(mean_squared_error(y, yhat)), r2_score(y, yhat)
        assert view.scores.rmse == pytest.approx(rmse) and view.scores.r2 == pytest.approx(r2)
        from gui.inside.inspect_common import fmt

        assert f"RMSE <b>{fmt(rmse)}</b>" in view.summary.text() and f"R² <b>{fmt(r2)}</b>" in view.summary.text()
        x, res = view.residual_plot.shown()
        assert np.allclose(x, yhat) and np.allclose(res, y - yhat)
    view.against_box.setCurrentIndex(1)  # against the target
    x, res = view.residual_plot.shown()
    assert np.allclose(x, ds.y[~ds.is_test])
    # clicking a dot highlights that sample
    view.residual_plot.sampleClicked.emit(int(np.flatnonzero(~ds.is_test)[5]))
    assert np.array_equal(dock.highlight.indices, [np.flatnonzero(~ds.is_test)[5]])


def test_the_keyboard_moves_the_selected_cell_and_escape_clears_it(qtbot):
    ds = make("blobs", n_samples=120, seed=2, n_classes=3, noise=1.5, test_fraction=0.25)
    parts = build(qtbot, ds)
    snap = session_on(parts.document.dataset, 2).snapshot()
    feed(parts.dock, parts.controller, snap)
    grid, highlight = parts.dock.view.grid, parts.dock.highlight
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Down)  # nothing selected: the first cell
    assert grid.selected == (0, 0)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert grid.selected == (1, 1)
    pred = np.asarray(snap.predictions)
    assert np.array_equal(highlight.indices, np.flatnonzero(ds.is_test & (ds.y == 1) & (pred == 1)))
    qtbot.keyClick(grid, Qt.Key.Key_Escape)
    assert grid.selected is None and highlight.indices.size == 0


def test_a_cell_picked_on_one_data_set_is_not_kept_over_another(qtbot):
    """Iris's "versicolor predicted right" picked, then Wine opened (three classes too, other names): no cell stays
    selected and nothing is ringed on the plot once Wine's predictions come, as nobody picked a cell of Wine."""
    from model.data import real_datasets

    iris, wine = real_datasets.load("iris", 0.2, 0), real_datasets.load("wine", 0.2, 0)
    parts = build(qtbot, iris)
    document, controller, dock = parts.document, parts.controller, parts.dock
    feed(dock, controller, session_on(document.dataset, 5).snapshot())
    dock.view.select_cell(1, 1)
    assert dock.highlight.indices.size > 0
    document.set_dataset(wine)
    session = session_on(wine, 5)
    session.set_dataset(document.dataset, document.version)  # its predictions are of the data shown
    feed(dock, controller, session.snapshot())
    assert dock.view.scores is not None  # Wine's matrix is drawn
    assert dock.view.grid.selected is None and dock.highlight.indices.size == 0
    assert "Click a cell" in dock.view.hint.text()


def test_a_curve_read_from_a_files_columns_is_named_on_the_plot_and_the_residuals(qtbot, tmp_path):
    """hours → score: the plot's axes and the residual plot name the input and what is predicted, as the file does;
    points that name neither are x and target y again."""
    rng = np.random.default_rng(4)
    hours = rng.uniform(0, 10, 60).tolist()
    rows = [f"{h!r},{3 * h + float(rng.normal())!r}" for h in hours]
    (tmp_path / "study.csv").write_text("hours,score\n" + "\n".join(rows) + "\n", encoding="utf-8")
    ds = load_dataset(tmp_path / "study.csv")
    assert (ds.task, ds.feature_names, ds.target_name) == ("regression", ("hours",), "score")
    parts = build(qtbot, ds)
    plot, view = parts.window.centralWidget(), parts.dock.view

    def axes(widget):
        return tuple(widget.getPlotItem().getAxis(side).labelText for side in ("bottom", "left"))

    assert axes(plot) == ("hours", "score")
    feed(parts.dock, parts.controller, session_on(parts.document.dataset, 5).snapshot())
    assert axes(view.residual_plot) == ("predicted score ŷ", "residual y − ŷ")
    view.against_box.setCurrentIndex(1)  # against the target
    assert axes(view.residual_plot) == ("score y", "residual y − ŷ")
    parts.document.set_dataset(make("sine", 40, seed=1))
    assert axes(plot) == ("x", "target y")
    snap = session_on(parts.document.dataset, 5).snapshot()
    feed(parts.dock, parts.controller, replace(snap, data_version=parts.document.version))  # made from these points
    assert view.pages.currentWidget() is view.residual_plot
    assert axes(view.residual_plot) == ("target y", "residual y − ŷ")
