"""The confusion matrix reads whole in its dock at the widths it gets: beside the plot of a 1 500-1 600 px window
(~520 px), tabbed in a lesson (~420 px) and on a 1024×700 screen (the docks' least width, 240 px), on 2, 3 and 10
classes. Nothing scrolls sideways; the accuracy line, the hint and the message wrap and show every line; the
table's numbers and headers are whole (abbreviated headers and cut class names end in "…" or a short form, with
the whole word in a tooltip); the matrix's cells and axis titles are inside it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont, QFontMetrics

from gui.inside.class_scores_table import COLUMNS, SHORT_COLUMNS
from gui.inside.confusion_view import ConfusionView
from model.data import real_datasets
from model.data.generators import make
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.gui.inside.in_a_dock import shown_in_dock

#: (width, height) of the dock: beside the plot at 1 550×950, tabbed in the digits lesson at 1 600×1 000, at
#: 1024×700 alone and tabbed under others (short: the view scrolls up and down, and the scroll bar takes width)
DOCK_SIZES = ((524, 770), (420, 306), (240, 520), (240, 177))


def dataset(name):
    if name == "moons":
        return make("moons", 200, 0.1, seed=0)
    return real_datasets.load(name)


@pytest.fixture(scope="module")
def snapshots():
    """One trained snapshot per data set (a few epochs: some mistakes, so that every cell has a number)."""
    made = {}
    for name in ("moons", "iris", "digits"):
        ds = dataset(name)
        session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(8,)), TrainSpec(learning_rate=0.01), seed=0)
        session.step(3)
        made[name] = (ds, session.snapshot())
    return made


def shown_view(qtbot, width, height):
    view = ConfusionView()
    return view, shown_in_dock(qtbot, view, "confusion", (width, height))


def settle(qtbot, scroll) -> None:
    """The scroll area and the view have laid themselves out (a restack posts one more layout)."""

    def where():
        view = scroll.widget()
        return view.size().toTuple(), view.table.geometry().getRect(), view.grid.geometry().getRect()

    def still() -> bool:
        before = where()
        qtbot.wait(40)
        return where() == before

    qtbot.waitUntil(still, timeout=3000)


def lines_shown(label) -> bool:
    """A word-wrapped label is as tall as its text at its width."""
    return label.height() >= label.heightForWidth(label.width())


def check_table_whole(table) -> None:
    header = table.horizontalHeader()
    assert table.horizontalScrollBar().maximum() == 0
    assert header.length() <= table.viewport().width() + 1, "the table's columns run past its edge"
    head_metrics, cell_metrics = QFontMetrics(header.font()), QFontMetrics(table.font())
    margin = 2 * header.style().pixelMetric(header.style().PixelMetric.PM_HeaderMargin)
    for column in range(table.columnCount()):
        item = table.horizontalHeaderItem(column)
        assert item.text() in (COLUMNS[column], SHORT_COLUMNS[column])
        assert COLUMNS[column] in item.toolTip()  # the whole word, a hover away
        if column == 0:
            continue  # the names' column: elided names are checked below
        assert header.sectionSize(column) >= head_metrics.horizontalAdvance(item.text()) + margin, item.text()
        for row in range(table.rowCount()):
            text = table.item(row, column).text()
            assert header.sectionSize(column) >= cell_metrics.horizontalAdvance(text) + 6, f"{text!r} is cut"
    for row in range(table.rowCount()):
        name = table.item(row, 0)
        assert name.toolTip() == table._names[row]  # a shortened name is whole in its tooltip
        assert header.sectionSize(0) >= table.iconSize().width() + cell_metrics.horizontalAdvance("W…")


def check_grid_whole(grid) -> None:
    inside = QRect(0, 0, grid.width(), grid.height())
    k = grid.n_classes
    for i in range(k):
        for j in range(k):
            assert inside.contains(grid.cell_rect(i, j)), f"cell {(i, j)} is cut"
    left, top, size = grid._layout()
    bold = QFont(grid.font())
    bold.setBold(True)
    title = QFontMetrics(bold).horizontalAdvance("predicted class →")
    assert grid.width() >= title and grid.height() >= QFontMetrics(bold).horizontalAdvance("← true class")
    # a name cut to its cell is whole in the tooltip over it
    assert grid.label_at(QPoint(left + size // 2, top - 4)) == f"predicted class: {grid.names[0]}"
    assert grid.label_at(QPoint(left - 20, top + size // 2)) == f"true class: {grid.names[0]}"


@pytest.mark.parametrize("name", ["moons", "iris", "digits"])
@pytest.mark.parametrize("size", DOCK_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_matrix_the_table_and_the_lines_fit_the_docks_width(qtbot, snapshots, name, size):
    ds, snap = snapshots[name]
    width = size[0]
    view, scroll = shown_view(qtbot, *size)
    view.set_dataset(ds)
    view.show_snapshot(snap)
    view.flush()
    view.select_cell(0, 1)
    settle(qtbot, scroll)

    assert scroll.horizontalScrollBar().maximum() == 0, (
        f"{name} at {width} px scrolls sideways: the view needs {view.minimumSizeHint().width()} px"
    )
    assert view.width() <= scroll.viewport().width()
    assert view.summary.text().startswith("Accuracy") and lines_shown(view.summary)
    assert view.hint.text().startswith(f"{view.scores.counts[0, 1]} test") and lines_shown(view.hint)
    check_table_whole(view.table)
    check_grid_whole(view.grid)
    beside = view.table.geometry().left() >= view.grid.geometry().right()
    if width >= 500 and name == "moons":
        assert beside, "a wide dock has the table beside two classes' matrix"
        assert view.table.shown_headers() == COLUMNS
    if not beside:
        assert view.table.geometry().top() >= view.grid.geometry().bottom()


def test_the_message_wraps_in_a_narrow_dock(qtbot, snapshots):
    ds, _snap = snapshots["iris"]
    view, scroll = shown_view(qtbot, 240, 400)
    view.set_dataset(ds)
    view.show_snapshot(None)
    view.flush()
    settle(qtbot, scroll)
    assert view.message.text().startswith("No predictions yet") and view.message.isVisible()
    assert scroll.horizontalScrollBar().maximum() == 0
    assert lines_shown(view.message)
    assert view.message.heightForWidth(view.message.width()) > view.message.fontMetrics().height()  # it wraps
