"""The contract between the training worker and a training session: what a session offers, what crosses.

The GUI's training worker (``gui.training.training_worker``) steps a session and asks it for snapshots. The
session may be a ``TrainingSession`` or a ``SessionGroup`` in the worker's own process, or either of them in a
child process behind a proxy (``gui.training.session_process``). All of them offer ``Trainable``; the worker
knows nothing else of them (it never asks which one it holds). What crosses is typed:

- **requests** (``model.training.requests``): frozen dataclasses, each one thing to do to a session where it
  lives (``Step(5)``, ``TakeSnapshot(bounds, size)``, ``SaveSession(...)``, ``AddMember(...)``). A local
  session applies one at once; a proxy sends it to its child, which applies it there. ``Trainable.perform``
  is that one path; ``step``, ``snapshot`` ... are the common requests as methods.
- **replies** (``Reply``): a request's value (or the exception it raised, with the child's traceback), the
  group events it caused, and ``SessionFacts`` (epoch, data version, id) after it, so that reading the
  epoch never costs a round trip. ``Trainable.send`` sends a request without waiting for its reply (a
  ``Pending``): while training runs the worker sends the next chunk (``TrainChunk``, answered by a
  ``ChunkDone``: the step and, when one was due, the snapshot after it) before it handles the last one's
  reply, so a session in a child process computes while that reply travels (``Pacing.chunks_ahead``).
- **session events** (``SessionEvent``): what a ``TrainingSession`` tells its subscribers (its timeline) as
  it trains: a run started, data or settings changed, a state was adopted, an epoch was trained, the run
  went back, the weights were nudged by one point.
- **group events** (``model.training.group_contract``): what a ``SessionGroup`` tells its subscriber (the
  compare view's bridge): the members' snapshots, a run that is live, a run that finished. They live apart
  because they carry run records, which the session itself never needs.
- **training events**: what the worker reports besides snapshots: ``Diverged``, a ``TrainingFailure``
  (``SessionError``, or ``SessionProcessEnded`` when the session's child process died), an ``AutoPause``
  (a limit the window set was reached: ``EpochLimitReached``, ``TargetLossReached``), and ``SaveDone``, how a
  save the GUI did not wait for ended.

Pure Python; no Qt.
"""

from __future__ import annotations

import math
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from model.data.dataset import Dataset
from model.nn.perceptron_rule import PerceptronUpdate
from model.training.snapshot import Snapshot
from model.training.specs import ModelSpec, TrainSpec

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


# ---------------------------------------------------------------------------------------------- pacing
@dataclass(frozen=True)
class Pacing:
    """How the worker should pace a session: it depends on where the session computes.

    chunk_target_s : seconds of training per request (the worker sizes its chunks to it; requests from the
        GUI wait at most about one chunk)
    snapshot_cost_factor : while training runs, snapshots are spaced so that they take at most about
        1 / (1 + factor) of the time (the worker's measure of a snapshot's cost times this factor)
    caller_limits_blas : whether the caller must hold BLAS to one thread around each request (the session
        computes in the caller's thread), or the session's own process already does
    chunks_ahead : how many chunks the worker may send before the reply of the one before is handled: 0 for
        a session computing in the worker's own thread (sending ahead would only compute the next chunk at
        once), 1 for a session in a child process (it trains the next chunk while the last one's reply
        travels and waits for the worker thread's turn of its process' interpreter lock)
    """

    chunk_target_s: float
    snapshot_cost_factor: float
    caller_limits_blas: bool
    chunks_ahead: int = 0


#: A session in the worker's own thread. A snapshot with a fine boundary grid can cost ~10 ms: with factor 3
#: snapshots take at most ~1/4 of the worker's time (a big grid then updates ~30 times a second instead of 60).
IN_PROCESS = Pacing(chunk_target_s=0.006, snapshot_cost_factor=3.0, caller_limits_blas=True)

#: A session in a child process. Every chunk is a round trip, and the worker thread needs its process'
#: interpreter lock to read each reply, which can take up to a switch interval (5 ms) while the GUI thread
#: paints. So the worker keeps one chunk ahead: the child trains it while the last reply travels and is
#: handled. Chunks of ~20 ms of the child's time (before chunks went ahead, 6 ms ones kept ~60 % of the
#: headless rate at 10 000 points, 20 ms ~72 %); a request from the GUI holds the chunk sent ahead back
#: (``Trainable.hold``), so it still waits at most about one chunk. Snapshots are timed by the child (their
#: compute only), spaced so they take at most ~1/5 of its time (at 100 000 points the GUI draws ~20-30
#: frames a second, fewer than a factor of 3 would make). The child limits its own BLAS threads.
CHILD_PROCESS = Pacing(chunk_target_s=0.02, snapshot_cost_factor=4.0, caller_limits_blas=False, chunks_ahead=1)


# ---------------------------------------------------------------------------------------------- replies
@dataclass(frozen=True)
class StepResult:
    """What a call to ``step`` did.

    epochs_run : int, epochs completed by this call
    loss : float, the training loss of the last epoch run (NaN if none)
    diverged : bool, stopped because the loss or a weight became non-finite
    message : str, a sentence for the status bar ("" when all went well)
    corrections : int or None, the updates the perceptron's rule made in this call; None for a model that trains
        whole epochs only (a limit on updates does not apply to it)
    """

    epochs_run: int
    loss: float
    diverged: bool = False
    message: str = ""
    corrections: int | None = None


@dataclass(frozen=True)
class ChunkDone:
    """The answer to ``model.training.requests.TrainChunk``: a chunk of training and, when asked, the snapshot
    after it, made in one request where the session lives.

    result : what the step did; None when the chunk was skipped: it was sent ahead of the reply before it and
        either the session was not where that chunk left it (it diverged and went back) or the worker held
        chunks sent ahead back (a request from the GUI waits)
    snapshot : the snapshot after the step, when the chunk asked for one (else None)
    step_s, snapshot_s : seconds (wall, where the session lives) the step and the snapshot took
    """

    result: StepResult | None
    snapshot: Snapshot | None = None
    step_s: float = 0.0
    snapshot_s: float = 0.0

    @property
    def skipped(self) -> bool:
        return self.result is None


@dataclass(frozen=True)
class SessionFacts:
    """What every reply says about the session after the request (they change only through requests)."""

    session_id: int
    epoch: int
    data_version: int


@dataclass(frozen=True)
class Reply:
    """The one answer to one request from a session in another process.

    value : what the request returned (None when it raised)
    events : the group events the request caused, in order (``model.training.group_contract``; delivered to
        the subscribers on this side before the request returns)
    facts : the session's facts after the request (None when it could not even be built)
    error : the exception the request raised, or None
    traceback : the child's traceback text of ``error`` ("" when none)
    """

    value: Any
    events: tuple[object, ...]
    facts: SessionFacts | None
    error: BaseException | None = None
    traceback: str = ""


class Request(Protocol[T_co]):
    """Something to do to a session where it lives (see ``model.training.requests``)."""

    def apply(self, target: Any) -> T_co: ...


class Pending(Protocol[T_co]):
    """A request sent with ``Trainable.send``: ``result()`` waits for its reply and returns the request's
    value, or raises what the request raised (``SessionProcessDied`` when the session's process ended)."""

    def result(self) -> T_co: ...


class Answered(Generic[T]):
    """The ``Pending`` of a request already applied (a session in this process applies one at once)."""

    __slots__ = ("_error", "_value")

    def __init__(self, value: T | None = None, error: BaseException | None = None):
        self._value, self._error = value, error

    def result(self) -> T:
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]  # None only when the request answered None


# ---------------------------------------------------------------------------------------------- session events
@runtime_checkable
class Recordable(Protocol):
    """What a session event's subscriber may read of the session (the timeline records these)."""

    @property
    def epoch(self) -> int: ...
    @property
    def data_version(self) -> int: ...
    @property
    def dataset(self) -> Dataset: ...
    @property
    def model_spec(self) -> ModelSpec: ...
    @property
    def train_spec(self) -> TrainSpec: ...
    def training_state(self) -> dict[str, Any]: ...


@dataclass(frozen=True, eq=False)
class SessionEvent:
    """Something that happened to ``session``, told to its subscribers right after (same thread)."""

    session: Recordable


@dataclass(frozen=True, eq=False)
class RunStarted(SessionEvent):
    """Fresh weights at epoch 0 (a new session, a reset, a new architecture, another shape of data)."""


@dataclass(frozen=True, eq=False)
class StateAdopted(SessionEvent):
    """A training state from elsewhere (a file, a branch point): the past before it is not this run's."""


@dataclass(frozen=True, eq=False)
class DataChanged(SessionEvent):
    """The next epochs train on other data (same shapes: the weights were kept)."""


@dataclass(frozen=True, eq=False)
class SettingsChanged(SessionEvent):
    """The next epochs train with other settings (learning rate, optimizer, dtype ...)."""


@dataclass(frozen=True, eq=False)
class EpochTrained(SessionEvent):
    """One more epoch; ``train_loss`` is the loss measured during it (NaN when the rule has none to report)."""

    train_loss: float = math.nan


@dataclass(frozen=True, eq=False)
class WentBack(SessionEvent):
    """Training diverged and the session went back to its last good weights (and epoch)."""


@dataclass(frozen=True, eq=False)
class WeightsNudged(SessionEvent):
    """One point's gradient step (or perceptron update) changed the weights within the present epoch."""


SessionListener = Callable[[SessionEvent], None]


# ---------------------------------------------------------------------------------------------- training events
@dataclass(frozen=True, eq=False)
class Diverged:
    """Training stopped on a non-finite loss or weight; ``snapshot`` shows the last good weights restored.

    epoch : the epoch that failed (the weights are those of the one before)
    learning_rate : the rate it failed with
    message : the session's sentence about it
    grew : for a loss that grew tenfold while staying finite (``model.training.stop_rules``), the lowest value it
        had reached and its value now; nothing was restored then and ``snapshot`` shows the weights of now
    """

    epoch: int
    learning_rate: float
    message: str
    snapshot: Snapshot
    grew: tuple[float, float] | None = None


@dataclass(frozen=True)
class SessionError:
    """A request to the session raised; training paused. ``traceback`` is the text (the child's, if remote)."""

    traceback: str

    @property
    def summary(self) -> str:
        text = self.traceback.strip()
        return text.splitlines()[-1] if text else "unknown error"


@dataclass(frozen=True)
class SessionProcessEnded:
    """The session's child process died (crashed or was killed): training stopped and the session is gone
    (later requests are ignored)."""

    exit_code: int | None
    traceback: str

    @property
    def summary(self) -> str:
        """How it ended, in words a person reads in the window: "killed by SIGKILL, ...", "exit code 3"."""
        code = self.exit_code
        if code is None:
            return "it ended"
        if code >= 0:
            return f"it ended with exit code {code}"
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        # SIGKILL is what the system's out-of-memory killer sends, and what `kill -9` sends
        return f"killed by {name}" + (", as when the computer runs out of memory" if name == "SIGKILL" else "")


TrainingFailure = SessionError | SessionProcessEnded


@dataclass(frozen=True)
class EpochLimitReached:
    """Training paused by itself: the session reached ``max_epochs``, the limit the window set."""

    max_epochs: int


@dataclass(frozen=True)
class TargetLossReached:
    """Training paused by itself: the training loss fell to ``target_loss``, the target the window set."""

    target_loss: float


AutoPause = EpochLimitReached | TargetLossReached


@dataclass(frozen=True, eq=False)
class SaveDone:
    """The reply to a save the GUI did not wait for (an autosave): ``epoch`` was saved to ``path``, or the
    save raised ``error`` (``epoch`` is then None)."""

    path: str
    epoch: int | None
    error: BaseException | None = None


# ---------------------------------------------------------------------------------------------- what a session offers
@runtime_checkable
class Trainable(Protocol):
    """What the training worker needs of a session, wherever it lives.

    ``perform`` applies any request where the session lives; the methods below are the requests the worker
    makes all the time. ``send`` sends a request without waiting for the reply (replies come in the order
    requests were sent; a later ``perform`` first collects the replies before its own); a session in this
    process applies it at once. ``hold(True)`` (any thread) makes a ``TrainChunk`` sent ahead that has not
    started yet be skipped, until ``hold(False)``; a session in this process never has one waiting. ``close``
    ends the session's process if it has its own (nothing otherwise); ``kill`` ends it at once from any
    thread; ``alive`` is False once its process ended; ``sentinel`` is a handle that becomes ready when that
    process ends (a file descriptor on POSIX), None for a session held in this process.
    """

    @property
    def session_id(self) -> int: ...
    @property
    def epoch(self) -> int: ...
    @property
    def data_version(self) -> int: ...
    @property
    def pacing(self) -> Pacing: ...
    @property
    def alive(self) -> bool: ...
    @property
    def sentinel(self) -> int | None: ...

    def perform(self, request: Request[T]) -> T: ...
    def send(self, request: Request[T]) -> Pending[T]: ...
    def hold(self, held: bool) -> None: ...
    def step(self, n_epochs: int = 1, max_updates: int | None = None) -> StepResult: ...
    def snapshot(self, grid_bounds: tuple[float, ...] | None = None, grid_size: int = 0) -> Snapshot: ...
    def reset(self, seed: int | None = None) -> None: ...
    def set_dataset(self, dataset: Dataset, version: int | None = None) -> None: ...
    def set_model_spec(self, spec: ModelSpec) -> None: ...
    def set_train_spec(self, spec: TrainSpec) -> None: ...
    def single_point_step(self, x: Any, label: Any) -> tuple[float, float]: ...
    def perceptron_sample_step(self, index: int | None = None) -> PerceptronUpdate | None: ...
    def close(self) -> None: ...
    def kill(self) -> None: ...


@dataclass(frozen=True)
class ResumedRun:
    """A run the new session goes on with (training restarted after its process died, from the weights the window
    kept; or a session file's run, under the number and name the window's run table gives it): its id and name, the
    epoch it had reached (where the adopted state stands) and the seconds it had trained; for a compared model's run
    branched or restored from another, that run and the epoch it started at. A group goes on with it
    (``GroupRuns.resume_run``); a session alone has no runs."""

    run_id: int
    name: str
    epoch: int
    wall_time: float
    parent_id: int | None = None
    branch_epoch: int | None = None


class SessionFactory(Protocol):
    """How the worker gets its session (in the training thread): ``build`` a new one, or ``adopt`` one loaded
    from a file (the factory decides whether the loaded session itself is trained or a new one given its
    history and state; a group given ``run`` goes on with that run instead of starting a new one, and performs
    ``members``, the requests that add the compared models the file keeps; a session alone has none)."""

    def build(self, dataset: Dataset, model_spec: ModelSpec, train_spec: TrainSpec, seed: int) -> Trainable: ...
    def adopt(
        self, loaded: Any, version: int, run: ResumedRun | None = None, members: Sequence[Request[Any]] = ()
    ) -> Trainable: ...
