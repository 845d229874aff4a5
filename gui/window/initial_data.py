"""The first dataset, generated in a plain Python thread when scikit-learn is not imported yet."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot

from gui.panels.data_panel import build_dataset


class InitialData(QObject):
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
