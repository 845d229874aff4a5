"""The GUI's requests on their way to the training worker, counted so that no chunk goes ahead of one.

While training runs, the worker sends a session in a child process its next chunk before it handles the last
one's reply (``model.training.contract.Pacing.chunks_ahead``). A request of the GUI (Pause, Step, an edit) is a
queued slot call that runs only when the worker's event loop gets its turn, after the chunk under way; if a chunk
had gone ahead meanwhile, the request would wait for that one too. So the controller says, before it sends a
request, that one is on its way (``asked``, GUI thread): the session holds back a chunk sent ahead that has
not started (``Trainable.hold``), and no chunk goes ahead until as many requests have run (``ran``, counted by
the worker as its queued slot calls run) as were asked for. A count that never caught up would only keep
chunks from going ahead: training goes on one chunk at a time, as before.
"""

from __future__ import annotations

import threading

from model.training.contract import Trainable


class RequestTurns:
    """How many requests were asked for and how many ran; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.asked = 0
        self.ran = 0

    def ask(self, session: Trainable | None) -> None:
        """A request is on its way (any thread): ``session``'s chunk sent ahead is held back if it has not
        started."""
        with self._lock:
            self.asked += 1
            if session is not None:
                session.hold(True)

    def done(self) -> None:
        """A request ran (the worker's thread)."""
        with self._lock:
            self.ran += 1

    def none_waiting(self, session: Trainable) -> bool:
        """Whether every request asked for has run; if so, ``session`` no longer holds chunks sent ahead back."""
        with self._lock:
            if self.ran < self.asked:
                return False
            session.hold(False)
            return True
