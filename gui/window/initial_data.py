"""The first dataset, made in a child process when scikit-learn is not imported yet, and scikit-learn warmed up after.

Importing scikit-learn takes about a second of the interpreter. Made in a thread of the GUI process, the first
dataset held the interpreter lock half the time while the window was being built and painted, which made the
window appear ~0.6 s later. A child process (``first_data_process``) imports it on another core while the window
is built, and hands back the dataset. Once the dataset is in the window, a thread imports scikit-learn in the GUI
process too, so that the first Generate does not wait a second for it (``warm``).
"""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Signal, Slot

from gui.panels.data_panel import generated_source
from gui.window import first_data_process


def _scikit_learn_imported() -> bool:
    return "sklearn" in sys.modules


class InitialData(QObject):
    """Makes the first dataset in a child process and hands it over (``ready``), then imports scikit-learn in a
    plain Python thread (``warm`` once done).

    ``ready`` is emitted in the GUI thread, from its event loop: a slot connected while the window is still being
    built gets it, even when the dataset was made before the connection was made. (Emitted from the thread itself,
    a queued signal reaches only the slots connected at that moment: a fast thread would hand the dataset to no
    one.) The warm-up starts after ``ready``'s slots have run: the first points are drawn before it competes with
    them for the interpreter.

    The warm-up thread is joined before ``warm`` is said and when the window closes: a daemon thread still inside a
    signal's emit (C++) when the interpreter shuts down is ended there by the interpreter, and ending a thread
    inside C++ frames aborts the whole process ("terminate called without an active exception", seen at exit
    under load)."""

    #: how long a closing window waits for the warm-up's import to end (it takes about a second from its start)
    WARM_UP_JOIN_S = 5.0

    ready = Signal(object, str)  # the Dataset (or None), an error message
    warm = Signal()  # scikit-learn is imported in this process
    _made = Signal(object, str)  # from the thread, to the GUI thread's ``_hand_over``
    _warmed = Signal()  # likewise, to ``_warm_done``

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pending = False
        self._stopped = False
        self._warm_thread: threading.Thread | None = None
        self._made.connect(self._hand_over)  # before any thread can emit it
        self._warmed.connect(self._warm_done)

    def start(self, params: dict) -> None:
        self.pending = True
        threading.Thread(target=self._run, args=(params,), name="initial-dataset", daemon=True).start()

    def _run(self, params: dict) -> None:
        try:
            source = generated_source(params)
            if _scikit_learn_imported():  # nothing to keep off this process: made here
                first_data_process.stop()
                ds = source.regenerate()
            else:
                try:
                    ds = first_data_process.make(source, lambda: self._stopped)
                except first_data_process.FirstDataFailed:
                    if self._stopped:  # ended by the window closing
                        return
                    ds = source.regenerate()  # no child process could be started, or it died: made here
            error = ""
        except Exception as exc:
            ds, error = None, str(exc)
        self._emit("_made", ds, error)
        first_data_process.finish()

    def stop(self) -> None:
        """The window is closing: the child process ends now if it is still at work."""
        self._stopped = True
        first_data_process.stop()
        if self._warm_thread is not None:
            self._warm_thread.join(self.WARM_UP_JOIN_S)

    def _warm_up(self) -> None:
        try:
            first_data_process.import_scikit_learn()
        finally:
            self._emit("_warmed")

    def _emit(self, signal: str, *args) -> None:
        try:
            getattr(self, signal).emit(*args)  # queued to the GUI thread
        except RuntimeError:  # the window was closed and deleted meanwhile
            pass

    @Slot(object, str)
    def _hand_over(self, ds, error: str) -> None:
        self.pending = False
        self.ready.emit(ds, error)
        self._warm_thread = threading.Thread(target=self._warm_up, name="import-scikit-learn", daemon=True)
        self._warm_thread.start()

    @Slot()
    def _warm_done(self) -> None:
        if self._warm_thread is not None:  # it has emitted: it only returns from the emit now
            self._warm_thread.join()
        self.warm.emit()
