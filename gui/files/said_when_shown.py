"""SaidWhenShown: a status message about an opened session, said once the window shows that session.

"Opened moons.npz at epoch 1,200" or "Restored the unsaved work of the last session, at epoch 40" names the epoch
the window is about to show: the session read is handed to training, which answers with its first snapshot a moment
later (a tenth of a second, more on a busy machine). Said at once, the message stood over the model shown before
(its boundary, "epoch 0" in the toolbar). It waits for the window's readouts to show a snapshot of the session's
data (its data version: training is not asked to train the model shown before on them, ``DataDocument.comes_trained``),
which is drawn with the plot on the ticks just before; where none comes (training stopped), it is said after
``LONGEST_WAIT_MS`` all the same.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Slot

LONGEST_WAIT_MS = 3000
SHOWN_FOR_MS = 8000


class SaidWhenShown(QObject):
    """Holds one message (``say``) for ``notices``' status bar until ``shown(snap)`` (a readout of the window's frame
    clock) brings a snapshot of ``document``'s data as it was when the message was given, or newer."""

    def __init__(self, notices, document, parent: QObject | None = None):
        super().__init__(parent)
        self.notices = notices
        self.document = document
        self._waiting: tuple[str, int] | None = None  # (the message, the data version it waits for)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LONGEST_WAIT_MS)
        self._timer.timeout.connect(self._say_now)

    def say(self, text: str) -> None:
        """``text`` in the status bar once the window shows the document's data as they are now with their model;
        replaces a message still waiting."""
        self._waiting = (text, self.document.version)
        self._timer.start()

    def waiting(self) -> str:
        """The message still waiting ('' when none)."""
        return self._waiting[0] if self._waiting is not None else ""

    def shown(self, snap) -> None:
        """The window's readouts show ``snap`` (``FrameClock.add_readout``)."""
        if self._waiting is not None and getattr(snap, "data_version", -1) >= self._waiting[1]:
            self._say_now()

    @Slot()
    def _say_now(self) -> None:
        waiting, self._waiting = self._waiting, None
        self._timer.stop()
        if waiting is not None:
            self.notices.status(waiting[0], SHOWN_FOR_MS)
