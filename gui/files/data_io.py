"""Data files: open a CSV or .npz file as the points (one undo step), save the points as CSV or .npz."""

from __future__ import annotations

import os

import numpy as np

from gui.panels.data_commands import ReplaceDatasetCommand
from model.data.data_files import read_dataset, save_dataset_csv, save_dataset_npz
from model.data.data_source import DataSource


class DataFiles:
    """Reads into ``document`` through ``undo_stack``; ``data_seed()`` splits the file's points into train and
    test; ``view_state`` zooms to data that lies outside the plot; ``recent`` and ``dialogs`` remember the file
    and its folder; ``notices`` says what happened."""

    def __init__(self, *, document, undo_stack, data_seed, view_state, recent, dialogs, notices):
        self.document = document
        self.undo_stack = undo_stack
        self._data_seed = data_seed
        self.view_state = view_state
        self.recent = recent
        self.dialogs = dialogs
        self.notices = notices

    def open_data(self, path) -> bool:
        """Replaces the points with the file's (one undo step). A bad file: a message, nothing changes."""
        path = os.fspath(path)
        try:
            loaded = read_dataset(path, test_fraction=self.document.test_fraction, seed=int(self._data_seed()))
        except (ValueError, OSError) as exc:
            self.dialogs.warn("Could not open the data", exc, path)
            return False
        ds = loaded.dataset
        name = os.path.basename(path)
        self.undo_stack.push(
            ReplaceDatasetCommand(self.document, ds, f"Open {name}", source=DataSource.from_file(path))
        )
        self._fit_view_if_outside(ds)
        self.recent.add(path, "data")
        self.dialogs.remember_dir(path)
        notes = "; ".join(loaded.notes)
        self.notices.status(
            f"Opened {os.path.basename(path)}: {ds.n_samples} points" + (f" ({notes})" if notes else "") + ".", 8000
        )
        return True

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
