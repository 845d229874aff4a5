"""The first dataset, generated in a plain Python thread when scikit-learn is not imported yet."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot

from gui.panels.data_panel import build_dataset


class InitialData(QObject):
    """Generates the first dataset in a plain Python thread (it imports scikit-learn) and hands it over.

    ``ready`` is emitted in the GUI thread, from its event loop: a slot connected while the window is still being
    built gets it, even when the thread was done before the connection was made. (Emitted from the thread itself,
    a queued signal reaches only the slots connected at that moment: a fast thread would hand the dataset to no
    one.)"""

    ready = Signal(object, str)  # the Dataset (or None), an error message
    _made = Signal(object, str)  # from the thread, to the GUI thread's ``_hand_over``

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pending = False
        self._made.connect(self._hand_over)  # before any thread can emit it

    def start(self, params: dict) -> None:
        self.pending = True
        threading.Thread(target=self._run, args=(params,), name="initial-dataset", daemon=True).start()

    def _run(self, params: dict) -> None:
        try:
            ds, error = build_dataset(params), ""
        except Exception as exc:
            ds, error = None, str(exc)
        try:
            self._made.emit(ds, error)  # queued to the GUI thread
        except RuntimeError:  # the window was closed and deleted meanwhile
            pass

    @Slot(object, str)
    def _hand_over(self, ds, error: str) -> None:
        self.pending = False
        self.ready.emit(ds, error)
