"""The ``Trainable`` plumbing of a session that lives in this process (a ``TrainingSession`` or a ``SessionGroup``).

A proxy (``gui.training.session_process``) sends requests to a child process, watches whether that process is
alive and ends it; a session held here has none of that to do: a request applies at once, it lives as long as
it is held, and there is no process to end. Both kinds of session here say so in the same words, from here.

Pure Python; no Qt.
"""

from __future__ import annotations

from model.training.contract import IN_PROCESS, Answered, Pacing, Request, T


class InProcess:
    """``pacing``, ``alive``, ``sentinel``, ``perform``, ``send``, ``hold``, ``close`` and ``kill`` of a
    ``Trainable`` held in this process."""

    @property
    def pacing(self) -> Pacing:
        return IN_PROCESS

    @property
    def alive(self) -> bool:
        """Always: a session in this process lives as long as it is held."""
        return True

    @property
    def sentinel(self) -> None:
        """None: there is no process of its own whose end could be watched."""
        return None

    def perform(self, request: Request[T]) -> T:
        """Applies ``request`` (``model.training.requests``) here, at once."""
        return request.apply(self)

    def send(self, request: Request[T]) -> Answered[T]:
        """Applies ``request`` here, at once (there is nothing to compute meanwhile): its value, or the
        exception it raised, waits in the answer."""
        try:
            return Answered(request.apply(self))
        except Exception as exc:
            return Answered(error=exc)

    def hold(self, held: bool) -> None:
        """Nothing to hold back: a chunk sent here was applied when it was sent."""

    def close(self) -> None:
        """Nothing to end: the session has no process of its own."""

    def kill(self) -> None:
        """Nothing to end: the session has no process of its own."""
