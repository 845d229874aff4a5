"""The test loss and scores the curves show are measured ones: within a chunk of epochs too (the start of a run is
measured every epoch), so that at a past moment the readout, measured from that moment's weights, and the curve say
the same; an epoch that was not measured holds no made-up value."""

import numpy as np
import pytest

from model.data.generators import make
from model.teaching.lessons import load_file
from model.training.measured_epochs import PER_OCTAVE, measured_after, next_measured
from model.training.session import TrainingSession
from model.training.session_group import SessionGroup
from model.training.specs import ModelSpec, TrainSpec

LESSON_9 = load_file("resources/lessons/09_hidden_unit_digits.toml")


def _lesson_9_session() -> TrainingSession:
    return TrainingSession(LESSON_9.data.source().regenerate(), LESSON_9.model, LESSON_9.train)


def test_lesson_9s_curve_at_epochs_1_10_20_is_what_those_epochs_weights_measure():
    group = SessionGroup(_lesson_9_session())
    sid = group.primary.session_id
    group.step(40)  # one chunk, as the window trains at a faster pace or a Step of 40 epochs
    group.step(25)
    for epoch in (1, 10, 20, 40, 65):
        moment = group.moment(sid, epoch)  # what the timeline's scrubber (and a lesson's readout) shows
        assert moment.epoch == epoch and moment.curves["epoch"][-1] == epoch
        for name in ("test_loss", "train_score", "test_score"):
            assert moment.curves[name][-1] == getattr(moment, name), (epoch, name)
    loss = group.moment(sid, 20).curves["test_loss"]
    assert loss[0] < 0.8 and loss[9] < 0.2  # the measured 0.75 and 0.19, not a ramp from epoch 0 to 40


@pytest.mark.parametrize(
    "spec,train",
    [
        (ModelSpec(hidden_layer_sizes=(8, 8)), TrainSpec(optimizer="adam", learning_rate=0.01)),
        (ModelSpec(kind="perceptron"), TrainSpec(learning_rate=1.0, shuffle=True)),
    ],
    ids=["mlp", "perceptron"],
)
def test_a_moons_run_in_chunks_records_what_a_rerun_to_each_epoch_measures(spec, train):
    data = make("moons", 200, seed=3)
    session = TrainingSession(data, spec, train, seed=1)
    for chunk in (7, 150, 300, 43):  # the window's first chunks grow like this at its fastest pace
        session.step(chunk)
    curves = session.history.arrays()
    measured = session.history.measured()
    for epoch in (1, 10, 20, 64, 100, 200, 400, 500):
        assert measured[epoch - 1], epoch
        again = TrainingSession(data, spec, train, seed=1)
        again.step(epoch)
        assert curves["test_loss"][epoch - 1] == again.test_loss
        assert curves["test_score"][epoch - 1] == again.test_score
        assert curves["train_score"][epoch - 1] == again.train_score
    # Between measurements: nothing made up, and never far apart
    assert np.isnan(curves["test_loss"][~measured]).all()
    epochs = curves["epoch"][measured]
    assert np.all(np.diff(epochs) <= np.maximum(1, epochs[1:] // PER_OCTAVE))


def test_the_schedule_measures_the_start_every_epoch_then_a_fixed_share_of_each_doubling():
    named = [e for e in range(1, 1 << 16) if measured_after(e)]
    assert named[: 2 * PER_OCTAVE] == list(range(1, 2 * PER_OCTAVE + 1))
    for low in (64, 128, 1024, 16384):
        assert sum(low <= e < 2 * low for e in named) == PER_OCTAVE
    assert all(next_measured(e) == min(n for n in named if n > e) for e in range(0, 3000))


def test_a_branchs_history_keeps_the_measured_points_and_nothing_made_up():
    session = TrainingSession(make("moons", 100, seed=0), ModelSpec(hidden_layer_sizes=(4,)), TrainSpec(), seed=0)
    session.step(100)
    before = session.history.arrays()
    session.history.truncate(70)  # branching at epoch 70: the epochs up to it keep their measures
    after = session.history.arrays()
    np.testing.assert_array_equal(after["test_loss"], before["test_loss"][:70])
    named = np.array([measured_after(e) for e in range(1, 71)])
    assert np.isfinite(after["test_loss"][named]).all() and np.isnan(after["test_loss"][~named]).all()
    assert named[: 2 * PER_OCTAVE].all() and not named.all()


def test_the_headless_trainer_measures_every_eval_every_epochs_and_only_then():
    from model.training.headless_train import history_csv_text, train

    session = TrainingSession(make("moons", 100, seed=0), ModelSpec(hidden_layer_sizes=(4,)), TrainSpec(), seed=0)
    train(session, 50, eval_every=10)  # the person's choice: fewer measurements, faster
    measured = session.history.measured()
    np.testing.assert_array_equal(np.flatnonzero(measured) + 1, [10, 20, 30, 40, 50])
    rows = history_csv_text(session).splitlines()[1:]
    assert rows[8].split(",")[2] == "nan" and rows[9].split(",")[2] != "nan"  # epochs 9 and 10
    assert session.measures_within_chunks  # the session measures within its chunks again afterwards
