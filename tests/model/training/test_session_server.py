"""model.training.session_server's loop, driven here through a Pipe from a thread (no process, no Qt): one typed
``Reply`` per message, with the value, the group events the request caused and the session's facts; errors
with their traceback; a reply that cannot be pickled still answered."""

from __future__ import annotations

import multiprocessing
import threading
from dataclasses import dataclass

import pytest

from model.data.generators import make
from model.training import requests
from model.training.contract import Reply, SessionFacts
from model.training.group_contract import MemberSnapshots, RunLive
from model.training.session_server import Close, Subscribe, serve
from model.training.specs import ModelSpec, TrainSpec

MODEL = ModelSpec(hidden_layer_sizes=(3,))
TRAIN = TrainSpec(optimizer="sgd", learning_rate=0.1, dtype="float64")


class _Asker:
    """Sends messages to the served loop and reads their replies."""

    def __init__(self, conn):
        self.conn = conn

    def __call__(self, message) -> Reply:
        self.conn.send(message)
        return self.conn.recv()

    def many(self, *messages) -> list[Reply]:
        """All sent before any reply is read, as the worker sends a chunk ahead."""
        for message in messages:
            self.conn.send(message)
        return [self.conn.recv() for _ in messages]


@pytest.fixture
def served():
    ds = make("blobs", n_samples=60, noise=0.1, seed=2, n_classes=2)
    ours, theirs = multiprocessing.Pipe()
    thread = threading.Thread(
        target=serve, args=(theirs, "group", (ds, MODEL, TRAIN, 0), {"member_grid_cap": 8}, 501), daemon=True
    )
    thread.start()

    ask = _Asker(ours)

    built = ours.recv()
    assert built == Reply(None, (), SessionFacts(501, 0, 0))  # built; its ids start where it was told
    yield ask
    assert ask(Close()).error is None
    thread.join(5)
    assert not thread.is_alive()


def test_replies_carry_values_events_and_the_facts(served):
    ask = served
    reply = ask(requests.Step(4))
    assert reply.value.epochs_run == 4 and reply.events == () and reply.facts == SessionFacts(501, 4, 0)
    reply = ask(requests.AddMember(colour="#fff"))
    member = reply.value
    assert member != 501 and reply.events == ()  # nobody subscribed yet: no events queued
    assert ask(Subscribe()).error is None
    reply = ask(requests.SetMemberTrainSpec(member, TRAIN))
    assert reply.events == ()
    reply = ask(requests.AddMember())
    ((started,),) = [reply.events]
    assert isinstance(started, RunLive) and started.record.session_id == reply.value
    reply = ask(requests.TakeSnapshot((-5.0, 5.0, -5.0, 5.0), 20))
    assert reply.value.session_id == 501 and reply.value.grid.shape[-1] == 20
    ((snaps,),) = [reply.events]
    assert isinstance(snaps, MemberSnapshots)
    assert [s.session_id for s in snaps.snapshots] == [member, started.record.session_id]
    assert snaps.snapshots[0].grid.shape[-1] == 8 and set(snaps.run_info) == {501, member, started.record.session_id}
    assert ask(requests.SetDataset(make("blobs", n_samples=40, seed=3, n_classes=2), 6)).facts.data_version == 6


def test_errors_come_back_with_their_traceback_and_the_loop_goes_on(served):
    ask = served
    reply = ask(requests.MomentAt(999, 0))
    assert isinstance(reply.error, KeyError) and "Traceback" in reply.traceback and reply.facts.epoch == 0
    reply = ask("nonsense")
    assert isinstance(reply.error, AttributeError) and reply.value is None
    assert ask(requests.Step(1)).facts.epoch == 1


def test_a_chunk_sent_ahead_of_one_that_failed_does_nothing(served):
    """A chunk whose epochs ran but whose snapshot raised leaves the session at the epoch the next chunk expects;
    the parent stops training when it reads the error, so the chunk it had sent ahead must not train on."""
    ask = served
    failing = requests.TrainChunk(3, ((-5.0, 5.0), 10))  # bounds that cannot be unpacked: the snapshot raises
    ahead = requests.TrainChunk(3, None, expect=(3, 0))
    first, second = ask.many(failing, ahead)
    assert isinstance(first.error, ValueError) and first.facts.epoch == 3  # its epochs ran, then it failed
    assert second.error is None and second.value.result is None and second.facts.epoch == 3  # skipped
    after = ask(requests.TrainChunk(2, None, expect=(3, 0)))  # the next chunk after a good reply trains
    assert after.value.result.epochs_run == 2 and after.facts.epoch == 5


@dataclass(frozen=True)
class _AnswersALock:
    """A request whose answer cannot be pickled."""

    def apply(self, target):
        return threading.Lock()


def test_an_answer_that_cannot_cross_is_an_error_not_a_hang(served):
    ask = served
    reply = ask(_AnswersALock())
    assert isinstance(reply.error, RuntimeError) and "could not be sent" in str(reply.error)
    assert reply.facts.epoch == 0
    assert ask(requests.Step(2)).facts.epoch == 2


def test_a_failing_build_answers_with_its_exception():
    ours, theirs = multiprocessing.Pipe()
    serve(theirs, "no such builder")
    reply = ours.recv()
    assert isinstance(reply.error, KeyError) and reply.facts is None
