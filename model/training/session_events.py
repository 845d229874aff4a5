"""A session's events: who is told what happens to it, and the timeline that records it.

``TrainingSession`` is one: ``subscribe(listener)`` calls ``listener(event)`` with every ``SessionEvent``
(``model.training.contract``) in the thread that trains, in order. Assigning ``timeline`` subscribes that
timeline (anything with ``on_session_event``; the session never imports ``model.training.timeline``).
"""

from __future__ import annotations

from typing import Any

from model.training.contract import SessionEvent, SessionListener


class SessionEvents:
    """The listeners of a session and its timeline; ``_publish`` tells them an event."""

    def __init__(self) -> None:
        self._listeners: list[SessionListener] = []
        self._timeline: Any = None

    def subscribe(self, listener: SessionListener) -> None:
        """``listener(event)`` is called with every ``SessionEvent`` from now on, in the thread that trains."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: SessionListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _publish(self, event: SessionEvent) -> None:
        for listener in self._listeners:
            listener(event)

    @property
    def timeline(self) -> Any:
        return self._timeline

    @timeline.setter
    def timeline(self, timeline: Any) -> None:
        if self._timeline is not None:
            self.unsubscribe(self._timeline.on_session_event)
        self._timeline = timeline
        if timeline is not None:
            self.subscribe(timeline.on_session_event)
