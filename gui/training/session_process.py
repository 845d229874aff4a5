"""SessionProxy: the training session (or a SessionGroup: GroupProxy) in a child process, behind the same contract.

Why: the training thread and the GUI thread of one process share Python's interpreter lock, so while the
window animates, training ran at under half its headless speed and the GUI's event loop was late. With the
session in a child process the training thread only waits on a pipe (which releases the lock) while the
child computes on the other core.

A proxy offers ``model.training.contract.Trainable`` like a local session, so ``TrainingWorker`` and the
compare view's bridge cannot tell them apart. Every method is one request of ``model.training.requests``
sent to the child (``proxy.step(5)`` sends ``Step(5)``; ``proxy.perform(request)`` sends any), answered by
one ``Reply`` (``model.training.session_server``): one path. The reply carries

- the request's value, or the exception raised in the child (raised here, the child's traceback as its cause);
- the ``SessionFacts`` after it: ``epoch``, ``data_version`` and ``session_id`` are read from the last reply,
  never with a round trip;
- for a ``GroupProxy``, the group events the request caused: handed to ``subscribe``d listeners here, in
  order, before the request returns (so in the calling thread, as when the group lived in that thread).

``send(request)`` sends a request without waiting: its reply waits in the pipe until the ``Pending``'s
``result()`` (or a later request, which reads the replies before its own in order) reads it, so the child
computes the next chunk while the worker handles the last one. ``hold(True)`` (any thread: a flag in shared
memory) makes the child skip a chunk sent ahead that it has not started (a request from the GUI then waits
for one chunk, not two).

If the child dies, every request raises ``SessionProcessDied`` (never blocks); ``close()`` ends the child
(asks, joins with a timeout, then terminates), ``kill()`` and ``hold()`` may be called from any thread.

Only one thread uses a proxy at a time (the training thread); a lock makes a second caller wait.
Requests and replies are pickled by ``multiprocessing``: fine between our own two processes (the project's
"never load with pickle" is about files from elsewhere).
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections import deque
from collections.abc import Sequence
from typing import Any, Generic, cast

from gui.training import child_processes
from model.data.dataset import Dataset
from model.nn.perceptron_rule import PerceptronUpdate
from model.training.contract import CHILD_PROCESS, Pacing, Reply, Request, ResumedRun, SessionFacts, StepResult, T
from model.training.group_contract import GroupEvent, GroupListener
from model.training.requests import (
    AdoptState,
    PerceptronSampleStep,
    Reset,
    SetDataset,
    SetModelSpec,
    SetTrainSpec,
    SinglePointStep,
    Step,
    TakeSnapshot,
)
from model.training.session import TrainingSession
from model.training.session_server import Close, Subscribe, serve
from model.training.snapshot import Snapshot
from model.training.specs import ModelSpec, TrainSpec

log = logging.getLogger(__name__)

#: Each child numbers its sessions from its own block of ids (unique across the processes, as in one).
SESSION_ID_BLOCK = 1_000_000
_blocks = itertools.count(1)


def first_session_id() -> int:
    """The first id of a block of session ids no other has: each child process's, or the window's own for models
    it keeps while no process runs (``gui.window.kept_members``)."""
    return next(_blocks) * SESSION_ID_BLOCK + 1  # itertools.count is thread-safe enough (one C call)


class SessionProcessDied(RuntimeError):
    """The child process that trained the session ended (crashed, was killed, or was closed)."""

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        self.exit_code = exit_code


class RemoteTraceback(Exception):
    """The traceback of an exception raised in the child (the ``__cause__`` of the one raised here)."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return "in the training process:\n" + self.text


class _Waiting(Generic[T]):
    """A request sent to the child whose reply has not been read yet (``model.training.contract.Pending``)."""

    __slots__ = ("_proxy", "error", "reply")

    def __init__(self, proxy: SessionProxy):
        self._proxy = proxy
        self.reply: Reply | None = None
        self.error: BaseException | None = None  # the child died or was closed before it answered

    @property
    def answered(self) -> bool:
        return self.reply is not None or self.error is not None

    def result(self) -> T:
        return cast(T, self._proxy._result_of(self))


class SessionProxy:
    """A session built by ``model.training.session_server.BUILDERS[builder](*args, **kwargs)`` in a child process.

    Constructing it starts the child (``child_processes``: ~10 ms forked from the fork server, 0.5-1.5 s for the
    first or where a new interpreter is spawned: call it off the GUI thread) and waits until the session is built;
    a failure to build raises here.
    """

    def __init__(self, builder: str, *args: Any, **kwargs: Any):
        ctx = child_processes.context()
        parent_end, child_end = ctx.Pipe()
        self._hold = ctx.RawValue("b", 0)  # shared with the child: chunks sent ahead are held back while set
        self._process = ctx.Process(
            target=serve,
            args=(child_end, builder, args, kwargs, first_session_id(), self._hold),
            name=f"training-{builder}",
            daemon=True,  # ended if we exit
        )
        self._conn = parent_end
        self._lock = threading.Lock()
        self._waiting: deque[_Waiting[Any]] = deque()  # sent, reply not read yet, in the order sent
        self._listeners: list[GroupListener] = []
        self._facts: SessionFacts | None = None
        self._closed = False
        self._process.start()
        child_end.close()  # only the child holds it now: its death makes our recv() fail at once
        try:
            first: _Waiting[None] = _Waiting(self)
            self._waiting.append(first)
            first.result()  # the first reply: built (or the exception that prevented it)
        except BaseException:
            self.close()  # the child ends after a failed build: joined here, no process left behind
            raise

    # ------------------------------------------------------------------ Trainable: facts of the last reply
    @property
    def session_id(self) -> int:
        return self._last_facts().session_id

    @property
    def epoch(self) -> int:
        """The session's epoch after the last request (it changes only through requests)."""
        return self._last_facts().epoch

    @property
    def data_version(self) -> int:
        return self._last_facts().data_version

    @property
    def pacing(self) -> Pacing:
        return CHILD_PROCESS

    @property
    def alive(self) -> bool:
        return not self._closed and self._process.is_alive()

    @property
    def sentinel(self) -> int:
        """A handle that becomes ready when the child ends (``multiprocessing.Process.sentinel``: on POSIX a file
        descriptor that turns readable), so its death can be noticed without asking it anything."""
        return self._process.sentinel

    def _last_facts(self) -> SessionFacts:
        if self._facts is None:  # only before the first reply, which the constructor waits for
            raise SessionProcessDied("the training process has not answered yet")
        return self._facts

    # ------------------------------------------------------------------ Trainable: requests
    def perform(self, request: Request[T]) -> T:
        """Applies ``request`` to the session in the child and returns what it returned there."""
        return self._ask(request)

    def send(self, request: Request[T]) -> _Waiting[T]:
        """Sends ``request`` to the child without waiting; ``result()`` of what it returns waits for the reply."""
        with self._lock:
            if self._closed:
                raise SessionProcessDied("the training process was closed")
            try:
                self._conn.send(request)
            except (EOFError, OSError) as exc:
                raise self._died() from exc
            waiting: _Waiting[T] = _Waiting(self)
            self._waiting.append(waiting)
        return waiting

    def hold(self, held: bool) -> None:
        """Any thread: while held, a ``TrainChunk`` sent ahead that the child has not started is skipped."""
        self._hold.value = 1 if held else 0

    def step(self, n_epochs: int = 1, max_updates: int | None = None) -> StepResult:
        return self._ask(Step(int(n_epochs), max_updates))

    def snapshot(self, grid_bounds: tuple[float, ...] | None = None, grid_size: int = 0) -> Snapshot:
        return self._ask(TakeSnapshot(grid_bounds, int(grid_size)))

    def reset(self, seed: int | None = None) -> None:
        self._ask(Reset(seed))

    def set_dataset(self, dataset: Dataset, version: int | None = None) -> None:
        self._ask(SetDataset(dataset, version))

    def set_model_spec(self, spec: ModelSpec) -> None:
        self._ask(SetModelSpec(spec))

    def set_train_spec(self, spec: TrainSpec) -> None:
        self._ask(SetTrainSpec(spec))

    def single_point_step(self, x: Any, label: Any) -> tuple[float, float]:
        return self._ask(SinglePointStep(tuple(float(v) for v in x), label))

    def perceptron_sample_step(self, index: int | None = None) -> PerceptronUpdate | None:
        return self._ask(PerceptronSampleStep(index))

    # ------------------------------------------------------------------ the process
    @property
    def pid(self) -> int | None:
        return self._process.pid

    def close(self, timeout: float = 2.0) -> None:
        """Ends the child: asks it to stop, joins it for ``timeout`` s, then terminates (and kills) it.
        Safe to call twice, and after the child died."""
        if self._closed:
            return
        acquired = self._lock.acquire(timeout=timeout)  # a request in flight ends within a chunk
        try:
            self._closed = True
            unread = len(self._waiting) + 1  # the replies to requests sent ahead, then Close's
            for waiting in self._waiting:
                waiting.error = SessionProcessDied("the training process was closed")
            self._waiting.clear()
            if acquired and self._process.is_alive():
                try:
                    self._conn.send(Close())
                    while unread and self._conn.poll(timeout):
                        self._conn.recv()
                        unread -= 1
                except (EOFError, OSError):
                    pass
            self._end_process(timeout)
            self._conn.close()
        finally:
            if acquired:
                self._lock.release()

    def kill(self) -> None:
        """Any thread: ends the child at once (a request waiting for it then raises SessionProcessDied)."""
        if self._process.is_alive():
            self._process.kill()

    def _end_process(self, timeout: float) -> None:
        process = self._process
        process.join(timeout)
        if process.is_alive():
            process.terminate()
            process.join(1.0)
        if process.is_alive():
            process.kill()
            process.join(1.0)

    def __del__(self) -> None:
        try:
            if not self._closed:
                self.kill()
        except Exception:  # a half-built proxy at interpreter exit: nothing left to end
            pass

    # ------------------------------------------------------------------ one request, one reply
    def _ask(self, message: Any) -> Any:
        return self.send(message).result()

    def _died(self) -> SessionProcessDied:
        code = self._process.exitcode
        if code is None:
            self._process.join(0.5)
            code = self._process.exitcode
        return SessionProcessDied(f"the training process ended (exit code {code})", code)

    def _result_of(self, waiting: _Waiting[Any]) -> Any:
        """Reads the replies up to ``waiting``'s (each to its own request, in the order sent), hands over
        their group events in that order, then returns ``waiting``'s value or raises its error."""
        read: list[Reply] = []
        with self._lock:
            while not waiting.answered:
                first = self._waiting[0]
                try:
                    reply: Reply = self._conn.recv()  # blocks without the interpreter lock
                except (EOFError, OSError) as exc:
                    died = self._died()
                    died.__cause__ = exc
                    for each in self._waiting:
                        each.error = died
                    self._waiting.clear()
                    break
                self._waiting.popleft()
                first.reply = reply
                read.append(reply)
                if reply.facts is not None:
                    self._facts = reply.facts
        for reply in read:  # handed over in the calling thread, before the request returns
            for event in reply.events:
                for listener in self._listeners:
                    listener(cast(GroupEvent, event))  # the server queues only the group's events
        if waiting.error is not None:
            raise waiting.error
        reply = cast(Reply, waiting.reply)
        if reply.error is not None:
            raise reply.error from RemoteTraceback(reply.traceback)
        return reply.value


class GroupProxy(SessionProxy):
    """A ``SessionGroup`` in a child process (``model.training.contract.TrainableGroup``), built by
    ``model.training.session_server.make_group``."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__("group", *args, **kwargs)

    def subscribe(self, listener: GroupListener) -> None:
        """``listener(event)`` gets the group's events, in the thread whose request caused them."""
        if not self._listeners:
            self._ask(Subscribe())
        self._listeners.append(listener)


class ProcessSessionFactory:
    """A ``model.training.contract.SessionFactory``: a plain TrainingSession in a child process."""

    def build(self, dataset: Dataset, model_spec: ModelSpec, train_spec: TrainSpec, seed: int) -> SessionProxy:
        return SessionProxy("session", dataset, model_spec, train_spec, seed)

    def adopt(
        self, loaded: TrainingSession, version: int, run: ResumedRun | None = None, members: Sequence = ()
    ) -> SessionProxy:
        """The loaded session itself, served in a child process, as data version ``version`` (a session alone
        has no runs: ``run`` changes nothing; nor models beside it: ``members`` are left out, logged)."""
        if members:
            log.warning("a session alone trains no compared models: %d of the file left out", len(members))
        proxy = SessionProxy("given", loaded)
        try:
            proxy.perform(AdoptState(None, version, run))
        except BaseException:
            proxy.close()
            raise
        return proxy


process_session_factory = ProcessSessionFactory()


__all__ = [
    "GroupProxy",
    "ProcessSessionFactory",
    "SessionProcessDied",
    "SessionProxy",
    "process_session_factory",
]
