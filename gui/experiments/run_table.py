"""RunTableView: every run (model, settings, final loss and accuracy, epochs, time), sortable, exportable.

Live runs update as they train; a reset or a new architecture finishes a run (it stays in the table).
Click a header to sort; "Export CSV…" writes the table's rows in the order shown (its columns in the table's own
order); double-click a finished run to bring it back (beside the others, exactly where it ended), or a live one to
follow it on the timeline.
"""

from __future__ import annotations

import dataclasses
import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from model.training.group_contract import RunInfo
from model.training.runs import COLUMNS, HEADERS, RunTable

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The columns a person reads first, in this order, at the left of the table (the others follow in the table's own
#: order): which run it is and how far and how well it learned are in sight at the dock's default width; the
#: settings, time and lineage are a sideways scroll away. Only the order shown: sorting and the CSV keep the
#: table's columns.
FIRST_COLUMNS = ("Run", "Name", "Epochs", "Test score", "Train score", "Test loss", "Train loss")
#: Shorter words on the headers of the scores, for room (the tooltip says the whole)
SHORT_HEADERS = {"Test score": "Test", "Train score": "Train"}
REFRESH_MS = 300
TIPS = {
    "Run": "The run's number.",
    "Name": "A run branched from another carries its name and the epoch it starts from.",
    "Model": "The architecture.",
    "Training": "Optimizer, learning rate, batch size (a perceptron learns by its own rule).",
    "Seed": "The random seed of the initial weights.",
    "Epochs": "Epochs trained.",
    "Train loss": "Loss on the training points at the last epoch.",
    "Test loss": "Loss on the held-out test points at the last epoch.",
    "Train score": "Accuracy (R² for regression) on the training points.",
    "Test score": "Accuracy (R² for regression) on the test points.",
    "Time (s)": "Seconds spent training.",
    "Branched from": "Run @ epoch it was branched or restored from.",
    "Status": "Training (live) or finished (double-click to restore).",
}


def _display(header: str, value, task: str) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "—"
        if header in ("Train score", "Test score"):
            return f"{100 * value:.1f}%" if task == "classification" else f"R² {value:.3f}"
        if header == "Time (s)":
            return f"{value:.1f}"
        return f"{value:.4g}"
    if isinstance(value, int) and header == "Epochs":
        return f"{value:,}"
    return str(value)


class RunTableModel(QAbstractTableModel):
    """A Qt model over a ``model.training.runs.RunTable`` (GUI thread only)."""

    def __init__(self, table: RunTable | None = None, parent=None):
        super().__init__(parent)
        self.table = table or RunTable()
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._refresh)

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.table)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal:
            header = HEADERS[section]
            if role == Qt.DisplayRole:
                return SHORT_HEADERS.get(header, header)
            if role == Qt.ToolTipRole:
                return f"{header}: {TIPS[header]}" if header in SHORT_HEADERS else TIPS.get(header, "")
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        record = self.table[index.row()]
        header, get = COLUMNS[index.column()]
        value = get(record)
        if role == Qt.DisplayRole:
            return _display(header, value, record.task)
        if role == SORT_ROLE:
            if isinstance(value, float) and math.isnan(value):
                return math.inf  # no value yet: last when ascending
            return value if isinstance(value, (int, float)) else str(value).lower()
        if role == Qt.DecorationRole and index.column() == 1 and record.colour:
            return QColor(record.colour)
        if role == Qt.ToolTipRole:
            return (
                "Double-click to restore this run beside the others."
                if record.restorable
                else ("Training now." if record.live else "Only the scores of this run were kept.")
            )
        if role == Qt.TextAlignmentRole and isinstance(value, (int, float)):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    # ------------------------------------------------------------------ updates
    def upsert(self, record) -> None:
        """Add a run, or replace the one with the same id (a finished run replaces its live row); a finished run
        that never trained leaves the table (see ``RunTable.upsert``)."""
        table = self.table
        known = table.get(record.run_id)
        if not record.live and not record.trained:
            if known is not None:
                row = table.records.index(known)
                self.beginRemoveRows(QModelIndex(), row, row)
                table.upsert(record)
                self.endRemoveRows()
            return
        if known is not None:
            change = table.upsert(record)
            assert change is not None  # a known run that trained is always replaced
            _, row = change
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            return
        row = len(table)
        self.beginInsertRows(QModelIndex(), row, row)
        table.upsert(record)
        self.endInsertRows()

    def rename(self, run_id: int, name: str) -> None:
        """The run ``run_id`` is called ``name`` now (its row, and a restore of it, say so); nothing for a run not
        listed. The row gets a record of its own: one handed out before (to give a model back) keeps the name it
        ended with."""
        known = self.table.get(run_id)
        if known is None or known.name == name:
            return
        row = self.table.replace(dataclasses.replace(known, name=name))
        assert row is not None
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def update_live(self, snapshot, info: RunInfo | None) -> None:
        """Scores of a live run from its snapshot; ``info`` is the group's run info for its session."""
        if info is None or info.run_id is None:
            return
        record = self.table.get(info.run_id)
        if record is None or not record.live:
            return
        record.update_from_snapshot(snapshot, info.wall_time)
        self._dirty = True

    def set_active(self, active: bool) -> None:
        """Refresh live rows only while a view shows them (a hidden table costs nothing)."""
        if active:
            self._timer.start()
            self._refresh()
        else:
            self._timer.stop()

    @Slot()
    def _refresh(self) -> None:
        if self._dirty and len(self.table):
            self._dirty = False
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.table) - 1, len(COLUMNS) - 1))


class RunTableView(QWidget):
    """The run table with sorting, CSV export and restore.

    Signals: ``restoreRequested(RunRecord)`` for a finished, restorable run; ``followRequested(session_id)``
    for a live one.
    """

    restoreRequested = Signal(object)
    followRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = RunTableModel(parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setAccessibleName("Runs")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for place, name in enumerate(FIRST_COLUMNS):
            header.moveSection(header.visualIndex(HEADERS.index(name)), place)
        self.view.setAlternatingRowColors(True)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setToolTip("Write the table as a CSV file, its rows in the order shown.")
        self.restore_button = QPushButton("Restore")
        self.restore_button.setToolTip("Bring the selected finished run back beside the others, where it ended.")
        self.note = QLabel("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.restore_button)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.export_button.clicked.connect(self._on_export)
        self.restore_button.clicked.connect(self._on_restore_clicked)

    def showEvent(self, event) -> None:
        self.model.set_active(True)
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        self.model.set_active(False)
        super().hideEvent(event)

    def records_in_view_order(self) -> list:
        return [
            self.model.table[self.proxy.mapToSource(self.proxy.index(r, 0)).row()] for r in range(self.proxy.rowCount())
        ]

    def export_csv(self, path: str) -> str:
        return self.model.table.to_csv(path, self.records_in_view_order())

    def _record_at(self, proxy_index):
        if not proxy_index.isValid():
            return None
        return self.model.table[self.proxy.mapToSource(proxy_index).row()]

    @Slot(QModelIndex)
    def _on_double_clicked(self, index) -> None:
        self.activate(self._record_at(index))

    def activate(self, record) -> None:
        if record is None:
            return
        if record.live:
            self.followRequested.emit(int(record.session_id))
        elif record.restorable:
            self.restoreRequested.emit(record)
        else:
            self.note.setText(f"{record.name}: only its scores were kept (older runs drop their weights).")

    @Slot()
    def _on_restore_clicked(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        self.activate(self._record_at(rows[0]) if rows else None)

    @Slot()
    def _on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export runs as CSV", "runs.csv", "CSV files (*.csv)")
        if path:
            try:
                self.export_csv(path)
                self.note.setText(f"Saved {len(self.model.table)} runs to {path}.")
            except OSError as exc:
                self.note.setText(f"Could not save: {exc}")
