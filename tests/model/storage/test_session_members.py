"""The models compared beside the main one are kept in the session file: reopened, each is listed under its name
and colour, its weights are those saved bit for bit, and after more epochs every model equals a run that never
stopped. Older files still open (no compared models); a damaged compared model refuses the whole file, naming the
file and the field."""

import json

import numpy as np
import pytest

from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.storage.session_files import SessionFileError, load_session, open_session_file, save_session
from model.training.requests import AddMember, AdoptState, ListMembers, SaveSession
from model.training.session import TrainingSession
from model.training.session_group import SessionGroup
from model.training.specs import ModelSpec, TrainSpec
from tests.model.storage.archive_edit import rewrite_archive

MLP = ModelSpec(hidden_layer_sizes=(6, 4))
MAIN = TrainSpec(optimizer="adam", learning_rate=0.01, batch_size=10)
OTHER_RATE = TrainSpec(optimizer="adam", learning_rate=0.05, batch_size=10)


def _data():
    X, y = make_dataset("moons", 80, 0.2, 0)
    return Dataset.from_arrays(X, y, test_fraction=0.25)


def _trained_group(epochs=15):
    """The main model and one compared model (another learning rate, its own seed, a unit switched off)."""
    group = SessionGroup(TrainingSession(_data(), MLP, MAIN, seed=5))
    sid = group.perform(AddMember(MLP, OTHER_RATE, seed=9, colour="#009e73", name="faster"))
    group.find(sid).set_units_off(frozenset({(1, 2)}))
    group.step(epochs)
    return group


def _reopened(path):
    """A new group as the window builds it from the file: the main model adopted, each compared model added."""
    opened = open_session_file(path)
    group = SessionGroup(
        TrainingSession(
            opened.session.dataset, opened.session.model_spec, opened.session.train_spec, opened.session.seed
        )
    )
    group.perform(AdoptState(opened.session, 1))
    for member in opened.members:
        group.perform(AddMember.saved(member))
    return group


def _rewrite(path, edit):
    """The archive at ``path`` rewritten with ``edit(meta, arrays)`` applied (both edited in place)."""
    held = {}
    rewrite_archive(
        path, path, edit_meta=lambda meta: held.update(meta=meta), edit_arrays=lambda a: edit(held["meta"], a)
    )


def _all_params(group):
    return [s.network.params.copy() for s in group.sessions]


def test_the_compared_model_is_listed_again_with_its_weights_bit_for_bit(tmp_path):
    group = _trained_group()
    path = tmp_path / "s.npz"
    SaveSession(str(path)).apply(group)
    again = _reopened(path)
    (member,) = again.perform(ListMembers()).members
    assert (member.name, member.colour, member.label, member.seed) == ("faster", "#009e73", "faster", 9)
    assert member.train_spec.learning_rate == 0.05
    rebuilt = again.members[0]
    assert rebuilt.epoch == 15 and rebuilt.units_off == frozenset({(1, 2)})
    np.testing.assert_array_equal(rebuilt.network.params, group.members[0].network.params)
    for column, values in group.members[0].history.arrays().items():
        np.testing.assert_array_equal(rebuilt.history.arrays()[column], values)


def test_both_models_go_on_bit_for_bit_as_if_never_stopped(tmp_path):
    group = _trained_group()
    path = tmp_path / "s.npz"
    SaveSession(str(path)).apply(group)
    again = _reopened(path)
    group.step(20)
    again.step(20)
    for never_stopped, reopened in zip(_all_params(group), _all_params(again), strict=True):
        np.testing.assert_array_equal(reopened, never_stopped)
    assert [s.epoch for s in again.sessions] == [35, 35]
    np.testing.assert_array_equal(
        again.members[0].history.arrays()["test_loss"], group.members[0].history.arrays()["test_loss"]
    )


def test_the_same_session_saved_twice_gives_identical_bytes(tmp_path):
    group = _trained_group(5)
    SaveSession(str(tmp_path / "a.npz")).apply(group)
    SaveSession(str(tmp_path / "b.npz")).apply(group)
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()


def test_a_session_without_compared_models_opens_with_none(tmp_path):
    session = TrainingSession(_data(), MLP, MAIN, seed=1)
    session.step(3)
    save_session(session, tmp_path / "s.npz")
    assert open_session_file(tmp_path / "s.npz").members == ()
    assert load_session(tmp_path / "s.npz")[0].epoch == 3


def test_a_version_2_file_opens_with_no_compared_models(tmp_path):
    session = TrainingSession(_data(), MLP, MAIN, seed=1)
    session.step(4)
    path = tmp_path / "s.npz"
    save_session(session, path)

    def as_version_2(meta, arrays):
        del meta["members"]
        meta["version"] = 2

    _rewrite(path, as_version_2)
    opened = open_session_file(path)
    assert opened.members == () and opened.session.epoch == 4
    np.testing.assert_array_equal(opened.session.network.params, session.network.params)


def _damaged(tmp_path, edit):
    path = tmp_path / "damaged.npz"
    SaveSession(str(path)).apply(_trained_group(3))
    _rewrite(path, edit)
    return path


def _one_row_an_epoch(arrays):
    """The history as an older file keeps it: no epoch column, one row per epoch."""
    arrays.pop("members.0.history.epoch")


def _member_meta(edit):
    def change(meta, arrays):
        edit(meta["members"][0], arrays)

    return change


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (_member_meta(lambda m, a: a.update({"members.0.params": a["members.0.params"][:-1]})), "parameters"),
        (_member_meta(lambda m, a: m.update(epoch=-4)), "epoch = -4"),
        (_member_meta(lambda m, a: m.update(epoch=2**60)), "epoch = "),
        (_member_meta(lambda m, a: m["model_spec"].update(activation="wobbly")), "wobbly"),
        (_member_meta(lambda m, a: m.update(colour="red; drop")), "colour"),
        (_member_meta(lambda m, a: m["train_spec"].update(learning_rate=1e9)), "learning_rate"),
        (_member_meta(lambda m, a: m.update(shuffle_rng={"bit_generator": "PCG64", "state": 3})), "random state"),
        (_member_meta(lambda m, a: m["recovery"].update(good_epoch=99)), "divergence-recovery"),
        (_member_meta(lambda m, a: a.update({"members.0.history.epoch": np.array([1.0, 2.0, 1e6])})), "past its"),
        (_member_meta(lambda m, a: m.update(epoch=1) or m["recovery"].update(good_epoch=0)), "past its epoch 1"),
        (
            _member_meta(lambda m, a: _one_row_an_epoch(a) or m.update(epoch=1) or m["recovery"].update(good_epoch=0)),
            "more than its epoch",
        ),
    ],
)
def test_a_damaged_compared_model_refuses_the_file_naming_file_and_field(tmp_path, edit, field):
    path = _damaged(tmp_path, edit)
    with pytest.raises(SessionFileError) as caught:
        open_session_file(path)
    message = str(caught.value)
    assert message.startswith("damaged.npz:")
    assert "compared model 1 (“faster”)" in message and field in message


def test_arrays_of_a_compared_model_the_file_does_not_list_refuse_it(tmp_path):
    def unlisted(meta, arrays):
        meta["members"] = []

    with pytest.raises(SessionFileError, match="compared models it does not list"):
        open_session_file(_damaged(tmp_path, unlisted))


def test_more_compared_models_than_can_train_refuse_the_file(tmp_path):
    def four(meta, arrays):
        meta["members"] = [json.loads(json.dumps(meta["members"][0]))] * 4

    with pytest.raises(SessionFileError, match="at most 3"):
        open_session_file(_damaged(tmp_path, four))
