"""The timeline: exact moments, bit-for-bit branches, bounded memory over a million epochs."""

from dataclasses import replace

import numpy as np
import pytest

from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from model.training.timeline import Timeline, branch_from


def _data(name="moons", n=60, seed=0):
    X, y = make_dataset(name, n, 0.2, seed)
    return Dataset.from_arrays(X, y, test_fraction=0.25, seed=seed)


def _session(train=None, model=None, data=None, seed=3, timeline=True, **tl):
    s = TrainingSession(
        data or _data(), model or ModelSpec(hidden_layer_sizes=(5, 4)), train or TrainSpec(learning_rate=0.1), seed=seed
    )
    if timeline:
        s.timeline = Timeline(**tl)
        s.timeline.restart(s)
    return s


MINI_BATCH_MOMENTUM = TrainSpec(optimizer="momentum", learning_rate=0.05, batch_size=8, shuffle=True)
ADAM = TrainSpec(optimizer="adam", learning_rate=0.01, batch_size=16)


def test_short_run_keeps_every_epoch_with_the_exact_parameters():
    s = _session(MINI_BATCH_MOMENTUM)
    twin = _session(MINI_BATCH_MOMENTUM, timeline=False)  # same seed, no timeline
    expected = [twin.network.params.copy()]
    for _ in range(120):
        twin.step(1)
        expected.append(twin.network.params.copy())
    for chunk in (1, 7, 50, 62):  # the worker steps in uneven chunks
        s.step(chunk)
    assert list(s.timeline.epochs) == list(range(121))
    for k in (0, 1, 2, 57, 119, 120):
        entry = s.timeline.entry_at(k)
        assert entry.epoch == k
        assert np.array_equal(entry.params, expected[k])  # bit for bit
        assert not entry.params.flags.writeable
    assert np.array_equal(s.network.params, expected[-1])  # recording does not change training


def test_entry_lookup():
    s = _session()
    s.step(10)
    tl = s.timeline
    assert tl.entry_at(-1) is None and tl.entry_at(4).epoch == 4 and tl.entry_at(99).epoch == 10
    assert tl.nearest(3.4).epoch == 3 and tl.nearest(3.6).epoch == 4 and tl.index_of(5) == 5


@pytest.mark.parametrize(
    "train",
    [TrainSpec(learning_rate=0.2), MINI_BATCH_MOMENTUM, ADAM, replace(ADAM, dtype="float64")],
    ids=["gd", "momentum", "adam", "adam64"],
)
def test_branch_with_unchanged_settings_reproduces_the_run_bit_for_bit(train):
    s = _session(train)
    s.step(40)
    s.step(60)
    original = s.network.params.copy()
    original_losses = s.history.column("train_loss")
    child = branch_from(s, s.timeline.entry_at(37))
    assert child.epoch == 37 and len(child.history) == 37
    assert np.array_equal(child.network.params, s.timeline.entry_at(37).params)
    child.step(63)
    assert child.epoch == 100
    assert np.array_equal(child.network.params, original)
    assert np.array_equal(child.history.column("train_loss"), original_losses)
    assert np.array_equal(s.network.params, original)  # the parent is untouched
    # the branch's timeline shares the parent's past and continues on its own
    assert child.timeline.entry_at(20) is s.timeline.entry_at(20)
    assert np.array_equal(child.timeline.entry_at(80).params, s.timeline.entry_at(80).params)
    assert child.timeline.entry_at(80) is not s.timeline.entry_at(80)


def test_branch_of_the_perceptron_reproduces():
    model = ModelSpec(kind="perceptron")
    s = _session(TrainSpec(learning_rate=0.1, shuffle=True), model, _data("linearly_separable"))
    s.step(30)
    final = s.network.params.copy()
    child = branch_from(s, s.timeline.entry_at(11))
    child.step(19)
    assert np.array_equal(child.network.params, final)


def test_branch_with_changed_settings_is_a_new_run_beside_the_old():
    s = _session(MINI_BATCH_MOMENTUM)
    s.step(50)
    final = s.network.params.copy()
    child = branch_from(s, s.timeline.entry_at(20), learning_rate=0.5)
    assert child.train_spec.learning_rate == 0.5 and child.epoch == 20
    assert child.timeline.last.train_spec.learning_rate == 0.5  # the branch point with its settings
    child.step(30)
    assert not np.array_equal(child.network.params, final)
    assert np.array_equal(s.network.params, final)
    # another optimizer starts with a fresh optimizer state but the same weights
    other = branch_from(s, s.timeline.entry_at(20), train_spec=ADAM)
    assert np.array_equal(other.network.params, s.timeline.entry_at(20).params)
    other.step(1)
    # a penalty may change; the architecture may not
    branch_from(s, s.timeline.entry_at(20), model_spec=replace(s.model_spec, alpha=0.1)).step(1)
    with pytest.raises(ValueError, match="keeps the weights"):
        branch_from(s, s.timeline.entry_at(20), model_spec=replace(s.model_spec, hidden_layer_sizes=(3,)))


def test_entries_hold_the_settings_the_next_epochs_use():
    """New settings mid-run replace the entry at that epoch: branching there reproduces the run."""
    s = _session(MINI_BATCH_MOMENTUM)
    s.step(25)
    s.set_learning_rate(0.2)
    s.step(25)
    final = s.network.params.copy()
    assert s.timeline.entry_at(24).learning_rate == 0.05
    assert s.timeline.entry_at(25).learning_rate == 0.2
    child = branch_from(s, s.timeline.entry_at(25))
    child.step(25)
    assert np.array_equal(child.network.params, final)
    # data edited mid-run: the entry records the new data
    s.set_dataset(s.dataset.without([0, 1]))
    assert s.timeline.last.epoch == 50 and s.timeline.last.dataset is s.dataset


def test_reset_and_a_new_architecture_restart_the_timeline():
    s = _session()
    s.step(30)
    s.reset(seed=9)
    assert list(s.timeline.epochs) == [0]
    assert np.array_equal(s.timeline.last.params, s.network.params)
    s.step(5)
    s.set_model_spec(ModelSpec(hidden_layer_sizes=(3,)))
    assert list(s.timeline.epochs) == [0]


def test_a_long_real_run_stays_bounded_and_every_entry_is_exact():
    """20 000 real epochs into a 200-entry timeline: bounded, spread over the whole run, each exact."""
    data = _data("xor", 12)
    train = TrainSpec(learning_rate=0.1, dtype="float64")
    s = _session(train, ModelSpec(hidden_layer_sizes=(2,)), data, max_entries=200)
    for chunk in (1000, 3000, 7000, 9000):
        s.step(chunk)
        assert len(s.timeline) <= 200
    epochs = s.timeline.epochs
    assert epochs[0] == 0 and epochs[-1] == 20_000 and np.all(np.diff(epochs) > 0)
    assert s.timeline.thinnings > 0
    # the whole run is covered, densest near the present
    for lo in range(0, 20_000, 2_000):
        assert np.any((epochs >= lo) & (epochs < lo + 2_000))
    gaps = np.diff(epochs)
    assert gaps[-1] <= gaps[len(gaps) // 2] <= gaps[0] or gaps[-1] < gaps[0]
    # every entry holds exactly the parameters of its epoch
    twin = _session(train, ModelSpec(hidden_layer_sizes=(2,)), data, timeline=False)
    for entry in s.timeline:
        twin.step(entry.epoch - twin.epoch)
        assert np.array_equal(twin.network.params, entry.params), entry.epoch


class _FakeSession:
    """Just what Timeline.record reads, to drive a million epochs quickly."""

    def __init__(self, n_params=200):
        self.epoch = 0
        self.dataset = None
        self.data_version = 0
        self.model_spec = self.train_spec = None
        self.params = np.zeros(n_params)
        self.velocity = np.zeros(n_params)

    def training_state(self):
        return {
            "epoch": self.epoch,
            "params": self.params.copy(),
            "optimizer": {"velocity": self.velocity.copy()},
            "shuffle_rng": {},
            "sample_position": 0,
        }


def test_memory_stays_bounded_over_a_million_epochs():
    fake, tl = _FakeSession(), Timeline(max_entries=2000)
    tl.restart(fake)
    peak_entries = peak_bytes = 0
    for epoch in range(1, 1_000_001):
        fake.epoch = epoch
        fake.params[0] = epoch  # to tell the entries apart
        tl.record(fake)
        if epoch % 10_000 == 0:
            peak_entries = max(peak_entries, len(tl))
            peak_bytes = max(peak_bytes, tl.nbytes())
    assert peak_entries <= 2000 and len(tl) <= 2000
    assert peak_bytes <= 2000 * (2 * 200 * 8 + 1200)  # about 8.8 MB for 200 parameters
    epochs = tl.epochs
    assert epochs[0] == 0 and 1_000_000 - tl.every < epochs[-1] <= 1_000_000
    for k in (0, 1, 1_000, 100_000, 500_000, 999_000):
        entry = tl.entry_at(k)
        # geometric: the resolution is a small fraction of the age (and `every` near the present)
        assert entry.params[0] == entry.epoch
        assert k - entry.epoch <= max(tl.every, (1_000_000 - k) / 32)
    # whole run covered: some entry in every 5 % of it
    assert all(np.any((epochs >= lo) & (epochs < lo + 50_000)) for lo in range(0, 1_000_000, 50_000))
    assert tl.every >= 64  # a long run records only a small fraction of its epochs


def test_a_big_network_keeps_fewer_entries():
    fake = _FakeSession(n_params=100_000)  # 1.6 MB per entry with its optimizer state
    tl = Timeline(max_entries=2000, max_bytes=32 * 1024 * 1024)
    tl.restart(fake)
    for epoch in range(1, 400):
        fake.epoch = epoch
        tl.record(fake)
    assert tl.limit == 20 and len(tl) <= 20 and tl.nbytes() <= 32 * 1024 * 1024
