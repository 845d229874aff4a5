"""The child process that makes the first dataset, started as the app starts (no Qt here: it is imported first).

Making the first dataset imports scikit-learn: about a second of an interpreter. A child process (``spawn``, as the
training session's) does it on another core; started by the command line before the window's own modules are
imported (``start_early``), it has imported scikit-learn by the time the window asks for the dataset, ~0.7 s later.
The ``DataSource`` goes to it and the dataset (plain arrays) comes back through a pipe, pickled by
``multiprocessing`` between our own two processes. The child makes one dataset and ends; ``stop`` ends it sooner
(the window closed first).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from model.data.data_source import DataSource
from model.data.dataset import Dataset

JOIN_TIMEOUT_S = 5.0
#: added to the child's niceness: on a busy machine the window's process, which a person is waiting for, gets the
#: processor a little before it (with a core to spare, it changes nothing). Only a little: the person waits for the
#: data too, and at 10 the child got a few percent of a core beside other busy programs (six busy loops on 2 cores:
#: no data after 30 s; at 2, a window with its data in under 10 s)
NICER_BY = 2


class FirstDataFailed(RuntimeError):
    """No child process could be started, or it died before it answered."""


def import_scikit_learn() -> None:
    import sklearn.datasets  # noqa: F401  (what making data imports)


def _serve(conn: Connection) -> None:
    """The child: imports scikit-learn, then makes the one dataset it is sent and sends it back."""
    try:
        os.nice(NICER_BY)
    except (AttributeError, OSError):  # no niceness on this platform: the same priority as the window
        pass
    import_scikit_learn()
    try:
        source = conn.recv()
    except EOFError:  # the app ended before it asked (Qt could not open a window, say): nothing to make or say
        return
    try:
        answer: tuple[str, object] = ("dataset", source.regenerate())
    except Exception as exc:  # said in the window's status bar, as when it was made there
        answer = ("error", str(exc))
    conn.send(answer)
    conn.close()


#: guards ``_child``, and every call that may reap the child (``join``, ``is_alive``, ``exitcode``): two threads
#: reaping one process race in ``multiprocessing`` (the one whose ``waitpid`` loses gets no status, and until the
#: winner has stored it the process looks alive: the window's ``stop`` returned with the child it had just ended
#: still listed as running)
_lock = threading.Lock()
_child: tuple[BaseProcess, Connection] | None = None


def _start() -> tuple[BaseProcess, Connection]:
    ctx = multiprocessing.get_context("spawn")  # never fork: the GUI process runs Qt and threads
    parent_end, child_end = ctx.Pipe()
    process = ctx.Process(target=_serve, args=(child_end,), name="first-dataset", daemon=True)
    process.start()
    child_end.close()  # only the child holds it now: its death makes our recv() fail at once
    return process, parent_end


def start_early() -> None:
    """Starts the child now, to import scikit-learn while the window is being built (unless this process has
    imported it already: the window then makes its first dataset itself)."""
    global _child
    with _lock:
        if _child is None and "sklearn" not in sys.modules:
            _child = _start()


def started() -> bool:
    return _child is not None


def make(source: DataSource, stopped: Callable[[], bool] = lambda: False) -> Dataset:
    """``source.regenerate()`` in the child (started now if ``start_early`` was not called). Raises ``ValueError``
    with the child's message if the source could not be made there, ``FirstDataFailed`` if the child could not
    start or died, or if ``stopped()`` (the window closed; checked under the lock ``stop`` takes, so that a child
    ``stop`` ended is not followed by a new one nobody ends)."""
    global _child
    with _lock:
        child = _child
        if child is None and stopped():
            raise FirstDataFailed("the window closed before its first dataset was asked for")
        if child is None:
            try:
                child = _child = _start()
            except OSError as exc:
                raise FirstDataFailed(str(exc)) from exc
    process, conn = child
    try:
        conn.send(source)
        kind, value = conn.recv()
    except (OSError, EOFError) as exc:
        with _lock:  # see _lock
            code = process.exitcode
        raise FirstDataFailed(f"the first dataset's process ended (exit code {code})") from exc
    if kind == "error":
        raise ValueError(value)
    return value


def stop() -> None:
    """Ends the child, done or not (the window closed, or the dataset was made another way); waits for it."""
    global _child
    with _lock:
        child, _child = _child, None
        if child is not None:  # a thread may be reading its pipe: it reads the end of it once the child is gone
            _end(child[0])


def finish() -> None:
    """After ``make``: waits until the child has ended by itself (its interpreter's shutdown takes ~0.4 s; ``stop``
    may end it meanwhile)."""
    global _child
    with _lock:
        child = _child
    if child is None:
        return
    process, _conn = child
    wait([process.sentinel], JOIN_TIMEOUT_S)  # its end, without reaping it outside the lock
    with _lock:
        if _child is child:  # not ended by ``stop`` meanwhile
            _child = None
            _end(process)


def _end(process: BaseProcess) -> None:
    """Kills the child if it still runs and reaps it. Called with ``_lock`` held."""
    if process.is_alive():
        process.kill()
    process.join(JOIN_TIMEOUT_S)
