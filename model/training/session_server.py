"""The child-process side of training: a loop that owns a session (or a SessionGroup) and answers requests.

Why a process: the GUI process' training thread shares the interpreter lock with the GUI thread, so while
the window animates (pyqtgraph paints in Python) training got under half of its headless speed and the GUI's
event loop was late. The GUI process starts this loop with ``multiprocessing`` (the "spawn" context: never
fork a process that already runs Qt and threads), see ``gui.training.session_process.SessionProxy``; the two talk
over a ``multiprocessing.Pipe``.

What crosses is the contract of ``model.training.contract``: the parent sends one message at a time, each
answered by exactly one ``Reply``:

- a request of ``model.training.requests`` (``Step(5)``, ``AddMember(...)`` ...): ``request.apply(target)``
  here, its value (or the exception it raised, with its traceback) in the reply;
- ``Subscribe()``: the target's group events are queued from now on, and every reply carries those its
  request caused (the parent hands them to its own subscribers);
- a ``TrainChunk`` sent ahead (one with ``expect``) while the parent holds such chunks back (``hold``, a flag
  in shared memory the parent sets from any thread, so that a request from the GUI does not wait behind a
  chunk that has not started), or right after a message that failed (the parent stops training when it reads
  that failure; a chunk sent ahead of it would train on after the error): skipped, answered by an empty
  ``ChunkDone``.

The parent may send the next message before it read the reply to the last one (while training runs it
keeps one chunk ahead); messages are answered one at a time, in order.
- ``Close()``: the loop ends and the process exits.

Every reply carries the target's ``SessionFacts`` afterwards (epoch, data version, id), so the parent reads
them without a round trip: they change only through requests. The first reply says the target was built (or
carries the exception that prevented it).

Pickle: requests and replies are pickled by ``multiprocessing``. That is fine here: both ends are our own
two processes (the rule "never load with pickle" is about files from elsewhere).

Pure Python; no Qt.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from threadpoolctl import threadpool_limits

from model.data.dataset import Dataset
from model.training.contract import ChunkDone, Reply, SessionFacts
from model.training.group_contract import GroupEvent
from model.training.requests import TrainChunk
from model.training.session import TrainingSession
from model.training.session_group import SessionGroup
from model.training.specs import ModelSpec, TrainSpec


# ---------------------------------------------------------------------------------------------- builders
def make_session(dataset: Dataset, model_spec: ModelSpec, train_spec: TrainSpec, seed: int) -> TrainingSession:
    return TrainingSession(dataset, model_spec, train_spec, seed=seed)


def make_group(
    dataset: Dataset,
    model_spec: ModelSpec,
    train_spec: TrainSpec,
    seed: int,
    member_grid_cap: int | None = None,
    primary_colour: str = "",
    first_run: int = 1,
) -> SessionGroup:
    """The compare view's group: the primary session, its colour, the members' grid cap, its first run's id."""
    group = SessionGroup(make_session(dataset, model_spec, train_spec, seed), first_run=first_run)
    group.member_grid_cap = member_grid_cap
    if primary_colour:
        group.colours[group.primary.session_id] = primary_colour
    return group


def given(session: TrainingSession) -> TrainingSession:
    """A session built elsewhere (e.g. loaded from a file), served as it is."""
    return session


BUILDERS: dict[str, Callable[..., TrainingSession | SessionGroup]] = {
    "session": make_session,
    "group": make_group,
    "given": given,
}


# ---------------------------------------------------------------------------------------------- control messages
@dataclass(frozen=True)
class Subscribe:
    """From now on, the target's group events travel with the replies."""


@dataclass(frozen=True)
class Close:
    """The loop ends (after one last reply) and the process exits."""


# ---------------------------------------------------------------------------------------------- the loop
def _limit_blas_threads() -> None:
    """One BLAS thread, as the training thread used: the other core stays with the GUI process."""
    try:
        threadpool_limits(limits=1)
    except Exception:  # a BLAS threadpoolctl cannot drive: it keeps its own threads, training still works
        pass


def facts(target: Any) -> SessionFacts:
    return SessionFacts(int(target.session_id), int(target.epoch), int(target.data_version))


def _send(conn: Connection, reply: Reply) -> bool:
    """Sends ``reply``; returns whether what was sent is an error (the request's, or that it could not cross)."""
    try:
        conn.send(reply)
    except (EOFError, OSError):
        raise
    except Exception as exc:  # the value, an event or the exception could not be pickled
        text = reply.traceback or traceback.format_exc()
        conn.send(Reply(None, (), reply.facts, RuntimeError(f"the reply could not be sent: {exc!r}"), text))
        return True
    return reply.error is not None


def answer(target: Any, message: Any, events: list[GroupEvent], held: bool = False) -> Reply:
    """The reply to one message (a request or ``Subscribe``); ``events`` are those queued while it ran.
    ``held``: whether a chunk sent ahead is skipped (the parent holds such chunks back, or the message before
    failed)."""
    try:
        if held and isinstance(message, TrainChunk) and message.expect is not None:
            value: Any = ChunkDone(None)
        elif isinstance(message, Subscribe):
            target.subscribe(events.append)
            value = None
        else:
            value = message.apply(target)
    except Exception as exc:
        reply = Reply(None, tuple(events), facts(target), exc, traceback.format_exc())
    else:
        reply = Reply(value, tuple(events), facts(target))
    events.clear()
    return reply


def serve(
    conn: Connection,
    builder: str,
    args: tuple[Any, ...] = (),
    kwargs: dict[str, Any] | None = None,
    first_session_id: int | None = None,
    hold: Any = None,
) -> None:
    """The child's main: builds the target with ``BUILDERS[builder]``, answers messages until ``Close`` or until
    the parent's end of the pipe closes (the parent died), then returns (the process exits).

    ``first_session_id``: where this process' session ids start (the parent gives each child its own
    range, so ids stay unique across processes, as they were in one). ``hold``: a shared ``multiprocessing``
    value whose ``value`` is true while the parent holds chunks sent ahead back (None: never)."""
    _limit_blas_threads()
    if first_session_id is not None:
        TrainingSession._next_id = int(first_session_id)
    events: list[GroupEvent] = []
    try:
        target = BUILDERS[builder](*args, **(kwargs or {}))
    except BaseException as exc:
        _send(conn, Reply(None, (), None, exc, traceback.format_exc()))
        conn.close()
        return
    _send(conn, Reply(None, (), facts(target)))
    failed = False  # whether the last reply sent was an error
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            break
        if isinstance(message, Close):
            _send(conn, Reply(None, (), facts(target)))
            break
        held = failed or (hold is not None and bool(hold.value))
        try:
            failed = _send(conn, answer(target, message, events, held))
        except (EOFError, OSError):
            break
    conn.close()


__all__ = ["BUILDERS", "Close", "Subscribe", "answer", "facts", "serve"]
