"""Data files: open a CSV or .npz file as the points (one undo step), save the points as CSV or .npz.

Opening reads and checks the whole file off the GUI thread, by the path session files take
(``gui.files.file_reading``): the window keeps turning, the status bar names the file, the cursor is busy, and
when the read takes longer than ``CANCEL_AFTER_MS`` the banner offers Cancel. Opening is all or nothing: only
the whole checked file changes the points (one undo step); a read cancelled, superseded by a newer open, or
failed changes nothing, and a failure's message names the file and the row and column, as ever. A read that no
longer counts stops in its thread too (the reader looks at its stop flag between chunks of rows). How a file was
read (a column left out, the column taken as the target) is said in the banner, whichever way it was opened; it is
part of the open's undo step: the undo takes it back with the file's points, the redo says it again.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QUndoCommand

from gui.files.file_reading import FileReader
from gui.panels.data_commands import ReplaceDatasetCommand
from model.data.data_file_common import LoadedData
from model.data.data_files import ReadCancelled, read_dataset, save_dataset_csv, save_dataset_npz
from model.data.data_source import DataSource

log = logging.getLogger(__name__)

#: A read that has not ended after this long gets a Cancel button in the banner (a short one never shows it).
CANCEL_AFTER_MS = 600


@dataclass(frozen=True, eq=False)
class DataRead:
    """A data file read and checked in full."""

    path: str
    loaded: LoadedData


@dataclass(frozen=True, eq=False)
class DataReadFailed:
    """A data file that could not be read; ``error`` says why (a ``DataFileError`` names the row and column)."""

    path: str
    error: BaseException


@dataclass(frozen=True, eq=False)
class DataReadStopped:
    """A read stopped early because it no longer counted (nothing was read; the reader drops it unseen)."""

    path: str


def read_data_checked(
    path: str, test_fraction: float, seed: int, cancelled: Callable[[], bool] | None = None
) -> DataRead | DataReadFailed | DataReadStopped:
    """Reads and checks `path` in the calling thread, stopping early once ``cancelled()`` says so; never raises."""
    try:
        loaded = read_dataset(path, test_fraction=test_fraction, seed=seed, cancelled=cancelled)
        # what the plot will ask of the points (the plane fitted, every point on it) is worked out here, before the
        # window changes: a failure is then the file's, and leaves the window as it was, with no undo step pushed
        loaded.dataset.plot_points()
        return DataRead(path, loaded)
    except ReadCancelled:
        return DataReadStopped(path)
    except (ValueError, OSError, MemoryError, RecursionError) as exc:
        return DataReadFailed(path, exc)
    except Exception as exc:  # a bug, not a bad file: logged with its traceback, and the window goes on
        log.exception("reading the data file %s failed", path)
        return DataReadFailed(path, exc)


class ReadNote(QUndoCommand):
    """How an opened file was read, in the banner (``notices.note``): said by the open and its redo, taken back by
    its undo (the points it describes are gone then)."""

    def __init__(self, notices, text: str, parent: QUndoCommand | None = None):
        super().__init__("Say how the file was read", parent)
        self.notices = notices
        self.note_text = text

    def redo(self) -> None:
        self.notices.note(self.note_text)

    def undo(self) -> None:
        self.notices.take_back(self.note_text)


class DataFiles(QObject):
    """Reads into ``document`` through ``undo_stack``; ``data_seed()`` splits the file's points into train and
    test; ``view_state`` zooms to data that lies outside the plot; ``recent`` and ``dialogs`` remember the file
    and its folder; ``notices`` says what happened. ``openFinished(path, opened)`` says how an open ended (a
    cancelled or superseded one says nothing)."""

    openFinished = Signal(str, bool)

    def __init__(self, *, document, undo_stack, data_seed, view_state, recent, dialogs, notices):
        super().__init__(dialogs.parent)
        self.document = document
        self.undo_stack = undo_stack
        self._data_seed = data_seed
        self.view_state = view_state
        self.recent = recent
        self.dialogs = dialogs
        self.notices = notices
        self.reader = FileReader(self)
        self.reader.finished.connect(self._on_read)
        self._opening: tuple[int, str] | None = None  # (the reader's ticket, the path) being read
        self._offered_cancel = False
        self._noted = ""  # the banner's words on how the last file opened was read

    def open_data(self, path) -> bool:
        """Starts opening a data file: read and checked off the GUI thread, then the points are replaced with
        the file's (one undo step). Until then nothing changes; a bad file: a message, nothing changes.
        ``openFinished`` says how it ended. True: the read started."""
        path = os.fspath(path)
        test_fraction, seed = self.document.test_fraction, int(self._data_seed())
        stop = threading.Event()
        ticket = self.reader.start(lambda: read_data_checked(path, test_fraction, seed, stop.is_set), stop)
        self._opening = (ticket, path)
        self.notices.status(f"Opening {os.path.basename(path)}\u2026", 0)
        QTimer.singleShot(CANCEL_AFTER_MS, self, lambda: self._offer_cancel(ticket))
        return True

    def is_opening(self) -> bool:
        """A data file is being read (the points change when it has been read in full)."""
        return self.reader.busy

    def cancel_reading(self) -> None:
        """The file being read opens no more: nothing changes (a session opened meanwhile, the window closing)."""
        self._opening = None
        self.reader.cancel()
        self._withdraw_cancel()

    @Slot()
    def _on_cancel(self) -> None:
        """The banner's Cancel."""
        opening = self._opening
        self.cancel_reading()
        if opening is not None:
            self.notices.status(f"Did not open {os.path.basename(opening[1])}: cancelled.", 4000)

    def _offer_cancel(self, ticket: int) -> None:
        if self._opening is None or self._opening[0] != ticket or self.reader.ticket != ticket:
            return  # read already, or no longer wanted
        path = self._opening[1]
        self._offered_cancel = True
        self.notices.invite(f"Reading {os.path.basename(path)} ({_size(path)})\u2026", "Cancel", self._on_cancel)

    def _withdraw_cancel(self) -> None:
        if self._offered_cancel:
            self._offered_cancel = False
            self.notices.withdraw(self._on_cancel)

    @Slot(object)
    def _on_read(self, result: DataRead | DataReadFailed | DataReadStopped) -> None:
        opening, self._opening = self._opening, None
        self._withdraw_cancel()
        if opening is None or opening[1] != result.path or isinstance(result, DataReadStopped):
            return
        if isinstance(result, DataReadFailed):
            self.notices.status("", 1)
            self.dialogs.warn("Could not open the data", result.error, result.path)
            self.openFinished.emit(result.path, False)
            return
        self._adopt(result)
        self.openFinished.emit(result.path, True)

    def _adopt(self, read: DataRead) -> None:
        """Makes a fully read and checked file the points (nothing here reads the file)."""
        path, loaded = read.path, read.loaded
        ds = loaded.dataset
        name = os.path.basename(path)
        notes = "; ".join(loaded.notes)
        # How the file was understood (a column left out, the target chosen) decides what the person sees: said
        # above the plot, where it stays until closed, not only in a passing status message; the last file's note
        # no longer holds
        self.notices.take_back(self._noted)
        self._noted = f"Opened {name}: {notes}." if notes else ""
        opening = ReplaceDatasetCommand(self.document, ds, f"Open {name}", source=DataSource.from_file(path))
        if notes:  # one undo step: the note goes with the points it describes
            self.undo_stack.beginMacro(f"Open {name}")
            self.undo_stack.push(opening)
            self.undo_stack.push(ReadNote(self.notices, self._noted))
            self.undo_stack.endMacro()
        else:
            self.undo_stack.push(opening)
        self._fit_view_if_outside(ds)
        self.recent.add(path, "data")
        self.dialogs.remember_dir(path)
        self.notices.status(f"Opened {name}: {ds.n_samples} points" + (f" ({notes})" if notes else "") + ".", 8000)

    def save_data(self, path) -> bool:
        """Writes the points as CSV (or .npz when the name ends in .npz)."""
        path = os.fspath(path)
        ds = self.document.dataset
        try:
            if path.lower().endswith(".npz"):
                save_dataset_npz(ds, path)
            else:
                save_dataset_csv(ds, path)
        except (OSError, ValueError) as exc:
            self.dialogs.warn("Could not save the data", exc, path)
            return False
        self.dialogs.remember_dir(path)
        self.notices.status(f"Saved {ds.n_samples} points to {os.path.basename(path)}.", 6000)
        return True

    def _fit_view_if_outside(self, ds) -> None:
        """Zooms to the data when some of it lies outside the visible range."""
        if ds.n_samples == 0:
            return
        xy = np.asarray(ds.plot_points(), dtype=np.float64)
        x0, x1, y0, y1 = self.view_state.plot_range()
        inside = (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
        if not bool(inside.all()):
            self.view_state.fit_to_data()


def _size(path: str) -> str:
    try:
        size = os.path.getsize(path)
    except OSError:
        return "size unknown"
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.0f} kB"
