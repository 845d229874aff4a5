"""A session file keeps the name of the main model's run beside the compared models' names, and every name, colour
and number of its models is checked like every other field: a file the app writes opens (whatever names its runs
were given: a lesson's label, branches of branches, two branches of one moment), and a crafted one whose names are
empty, several lines, control characters, absurdly long or another model's, or whose weights, last good weights or
optimizer state hold NaN or infinite numbers, is refused, naming the file and the field; compared models that share
a colour (the app once wrote such files) open with a colour each. Saving checks the names as opening does. Files of
versions 1 to 3 without the main run's name still open."""

from dataclasses import replace

import numpy as np
import pytest

from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.storage.session_files import SessionFileError, open_session_file, save_session
from model.training.contract import ResumedRun
from model.training.requests import AddMember, AdoptState, SaveSession
from model.training.run_names import MAX_RUN_NAME_CHARS
from model.training.run_numbers import reopened_runs
from model.training.session import TrainingSession
from model.training.session_group import SessionGroup
from model.training.specs import ModelSpec, TrainSpec
from tests.model.nn.test_param_layout import weights_then_biases
from tests.model.storage.archive_edit import rewrite_archive

MLP = ModelSpec(hidden_layer_sizes=(5,))
ADAM = TrainSpec(optimizer="adam", learning_rate=0.01, batch_size=10)
MOMENTUM = TrainSpec(optimizer="momentum", learning_rate=0.01, batch_size=10)


def _data():
    X, y = make_dataset("moons", 60, 0.2, 0)
    return Dataset.from_arrays(X, y, test_fraction=0.25)


def _group_of_three(epochs=4):
    """The main model ("Run 1", Adam) beside two compared models ("Run 2", momentum; "fast", Adam)."""
    group = SessionGroup(TrainingSession(_data(), MLP, ADAM, seed=2))
    group.perform(AddMember(MLP, MOMENTUM, seed=3, colour="#009e73"))
    group.perform(AddMember(MLP, ADAM, seed=4, colour="#e69f00", name="fast"))
    group.step(epochs)
    return group


def _saved(tmp_path, group=None, name="s.npz"):
    path = tmp_path / name
    SaveSession(str(path)).apply(group or _group_of_three())
    return path


def _edited(path, edit_meta=None, edit_arrays=None):
    rewrite_archive(path, path, edit_meta=edit_meta, edit_arrays=edit_arrays)
    return path


def _refusal(path) -> str:
    with pytest.raises(SessionFileError) as caught:
        open_session_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path.name}:")
    return message


# ------------------------------------------------------------------------------------- what the app writes
def test_the_main_run_is_saved_under_its_name_and_reopened_under_it(tmp_path):
    opened = open_session_file(_saved(tmp_path))
    assert opened.run_name == "Run 1"
    assert [(m.name, m.colour, m.label) for m in opened.members] == [
        ("Run 2", "#009e73", ""),
        ("fast", "#e69f00", "fast"),
    ]
    group = SessionGroup(TrainingSession(_data(), MLP, ADAM, seed=2), first_run=7)
    group.perform(AdoptState(opened.session, 1, ResumedRun(1, opened.run_name, opened.session.epoch, 0.0)))
    info = group.run_info()[group.primary.session_id]
    assert (info.run_id, info.name) == (1, "Run 1")


def test_a_files_runs_go_on_under_the_numbers_the_window_gives_them_and_new_runs_follow(tmp_path):
    opened = open_session_file(_saved(tmp_path))
    listed = [(1, "Run 1"), (2, "Run 2")]  # the window already lists runs called so
    numbered = reopened_runs([opened.run_name, *(m.name for m in opened.members)], listed)
    assert numbered == [(3, "Run 3"), (4, "Run 4"), (5, "fast")]
    (main, *members) = [ResumedRun(n, name, opened.session.epoch, 0.0) for n, name in numbered]
    group = SessionGroup(TrainingSession(_data(), MLP, ADAM, seed=2), first_run=6)  # after every number
    group.perform(AdoptState(opened.session, 1, main))
    for member, run in zip(opened.members, members, strict=True):
        group.perform(AddMember.saved(member, run))

    def runs():
        info = group.run_info()
        return [(info[s.session_id].run_id, info[s.session_id].name) for s in group.sessions]

    assert runs() == numbered
    group.reset()  # every run ends; the new ones are numbered on after them ("fast" is a label: its new run keeps
    assert runs() == [(6, "Run 6"), (7, "Run 7"), (8, "fast")]  # it; a run that ended under it steps aside)


def test_names_the_app_gives_open_again_however_they_came(tmp_path):
    """A lesson's label of several lines, absurdly long, twice; branches of branches; two of one moment."""
    group = SessionGroup(TrainingSession(_data(), MLP, ADAM, seed=2))
    first = group.perform(AddMember(MLP, ADAM, seed=3, colour="#009e73", name="too\nbig\t(0.1)" + "!" * 300))
    group.step(3)
    sid = first
    for _ in range(14):  # each a branch of the one before, at its epoch 2: "… from epoch 2 from epoch 2 …"
        branch = group.branch(sid, 2, colour="#e69f00")
        group.remove_member(sid)
        sid = branch.session_id
    twin = group.branch(sid, 2, colour="#56b4e9")  # the same moment again
    names = [group.run_info()[s.session_id].name for s in group.sessions]
    assert len(set(names)) == 3 and all(len(n) <= MAX_RUN_NAME_CHARS and "\n" not in n for n in names)
    assert group.run_info()[twin.session_id].name.endswith(" (2)")

    opened = open_session_file(_saved(tmp_path, group))
    assert [m.name for m in opened.members] == names[1:] and opened.run_name == names[0]


def test_a_label_of_several_lines_names_its_runs_on_one_line(tmp_path):
    group = SessionGroup(TrainingSession(_data(), MLP, ADAM, seed=2))
    sid = group.perform(AddMember(MLP, ADAM, seed=3, colour="#009e73", name="  too small\n(0.001) "))
    assert group.run_info()[sid].name == "too small (0.001)"
    (member,) = open_session_file(_saved(tmp_path, group)).members
    assert (member.name, member.label) == ("too small (0.001)", "too small (0.001)")


def test_two_lesson_runs_of_one_label_are_told_apart():
    group = SessionGroup(TrainingSession(_data(), MLP, ADAM, seed=2))
    ids = [group.perform(AddMember(name="same", colour=colour)) for colour in ("#000001", "#000002")]
    assert [group.run_info()[sid].name for sid in ids] == ["same", "same (2)"]


def test_adams_second_moments_may_have_overflowed_to_infinity_but_hold_no_nan(tmp_path):
    """A squared gradient past float32's range leaves the weights finite: a file the app can write. A NaN there
    would have made the weights NaN, and training would have cleared the optimizer."""

    def overflowed(arrays):
        arrays["optimizer.v"][0] = np.inf

    opened = open_session_file(_edited(_saved(tmp_path, name="inf.npz"), edit_arrays=overflowed))
    assert opened.session.optimizer.v[0] == np.inf

    def nan(arrays):
        arrays["optimizer.v"][0] = np.nan

    assert "optimizer array 'v' holding NaN" in _refusal(_edited(_saved(tmp_path, name="nan.npz"), edit_arrays=nan))


# ----------------------------------------------------------------------------------- older files still open
def test_files_without_the_main_runs_name_open_with_none(tmp_path):
    session = TrainingSession(_data(), MLP, ADAM, seed=1)
    session.step(3)
    save_session(session, tmp_path / "v3.npz")  # a session alone has no runs: no name
    sizes = session.network.layer_sizes
    opened = open_session_file(tmp_path / "v3.npz")
    assert opened.run_name == "" and opened.session.epoch == 3

    def version(number):
        def change(meta):
            meta["version"] = number
            del meta["members"]

        return change

    def old_layout(arrays):
        for key in ("params", "recovery.good_params", "optimizer.m", "optimizer.v"):
            arrays[key] = weights_then_biases(arrays[key], sizes)

    rewrite_archive(tmp_path / "v3.npz", tmp_path / "v2.npz", edit_meta=version(2))
    rewrite_archive(tmp_path / "v3.npz", tmp_path / "v1.npz", edit_meta=version(1), edit_arrays=old_layout)
    for name in ("v2.npz", "v1.npz"):
        opened = open_session_file(tmp_path / name)
        assert opened.run_name == "" and opened.members == ()
        np.testing.assert_array_equal(opened.session.network.params, session.network.params)

    def no_main_name(meta):
        del meta["run_name"]

    with_members = _edited(_saved(tmp_path), edit_meta=no_main_name)
    opened = open_session_file(with_members)
    assert opened.run_name == "" and [m.name for m in opened.members] == ["Run 2", "fast"]


# ---------------------------------------------------------------------------------------------- refusals
def _member(index, **changes):
    def edit(meta):
        meta["members"][index].update(changes)

    return edit


def _main(**changes):
    def edit(meta):
        meta.update(changes)

    return edit


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (_member(0, name=""), "name of compared model 1: it is empty"),
        (_member(0, name="   "), "name of compared model 1: it is empty"),
        (_member(1, name="fast\nand furious"), "name of compared model 2: it holds a line break"),
        (_member(1, name="fast\x00"), "name of compared model 2: it holds a line break or another control"),
        (_member(1, name="fast\u2028"), "name of compared model 2: it holds a line break"),
        (_member(0, name="x" * (MAX_RUN_NAME_CHARS + 1)), "name of compared model 1: it is 201 characters long"),
        (_member(0, name=12), "name of compared model 1: it is not text"),
        (_member(1, name="Run 2"), "compared model 2 (“Run 2”) has the name of compared model 1"),
        (_member(0, name="Run 1"), "compared model 1 (“Run 1”) has the name of the main model's run"),
        (_main(run_name="Run 2"), "compared model 1 (“Run 2”) has the name of the main model's run"),
        (_main(run_name=""), "main model's run (run_name): it is empty"),
        (_main(run_name="Run\r1"), "main model's run (run_name): it holds a line break"),
        (_main(run_name="y" * 5000), "main model's run (run_name): it is 5,000 characters long"),
        (_main(run_name=["Run 1"]), "main model's run (run_name): it is not text"),
        (_member(1, label="fast\x07"), "compared model 2 (“fast”) has an invalid label"),
    ],
)
def test_a_name_or_colour_the_app_never_writes_refuses_the_file(tmp_path, edit, field):
    assert field in _refusal(_edited(_saved(tmp_path), edit_meta=edit))


@pytest.mark.parametrize(
    ("colours", "opened_as"),
    [
        (["#e69f00", "#e69f00"], ["#e69f00", "#009E73"]),  # the lesson's twins the app once wrote
        (["#009e73", "#009E73"], ["#009e73", "#CC79A7"]),  # one colour, letters in another case
        (["", ""], ["", "#009E73"]),  # two of the default colour
    ],
)
def test_a_file_with_two_compared_models_in_one_colour_opens_with_a_colour_each(tmp_path, colours, opened_as):
    def twins(meta):
        for member, colour in zip(meta["members"], colours, strict=True):
            member["colour"] = colour

    opened = open_session_file(_edited(_saved(tmp_path), edit_meta=twins))
    assert [m.colour for m in opened.members] == opened_as
    assert [m.name for m in opened.members] == ["Run 2", "fast"]  # the models themselves as saved
    assert opened.members[1].epoch == 4


def test_a_file_with_three_compared_models_in_one_colour_gives_the_later_two_the_first_free(tmp_path):
    group = _group_of_three()
    group.perform(AddMember(MLP, ADAM, seed=5, colour="#cc79a7", name="third"))

    def triplets(meta):
        for member in meta["members"]:
            member["colour"] = "#CC79A7"

    opened = open_session_file(_edited(_saved(tmp_path, group), edit_meta=triplets))
    assert [m.colour for m in opened.members] == ["#CC79A7", "#009E73", "#E69F00"]


# ----------------------------------------------------------------------------------------- saving checks
def test_saving_checks_the_names_as_opening_does_and_writes_nothing_it_would_refuse(tmp_path):
    opened = open_session_file(_saved(tmp_path))  # a normal save passes the checks
    path = tmp_path / "bad.npz"
    twice = (opened.members[0], replace(opened.members[1], name=opened.members[0].name))
    with pytest.raises(ValueError, match=r"compared model 2 .* has the name of compared model 1"):
        save_session(opened.session, path, members=twice, run_name="Run 1")
    with pytest.raises(ValueError, match="has the name of the main model's run"):
        save_session(opened.session, path, members=opened.members, run_name="Run 2")
    with pytest.raises(ValueError, match="invalid label"):
        save_session(opened.session, path, members=(replace(opened.members[0], label="a\nb"),), run_name="Run 1")
    with pytest.raises(ValueError, match="invalid colour"):
        save_session(opened.session, path, members=(replace(opened.members[0], colour="red"),), run_name="Run 1")
    with pytest.raises(ValueError, match="main model's run"):
        save_session(opened.session, path, members=opened.members, run_name="Run\n1")
    assert not path.exists()


def test_saving_two_compared_models_in_one_colour_writes_a_colour_each(tmp_path):
    opened = open_session_file(_saved(tmp_path))
    path = tmp_path / "twins.npz"
    twins = (opened.members[0], replace(opened.members[1], colour=opened.members[0].colour))
    save_session(opened.session, path, members=twins, run_name="Run 1")
    assert [m.colour for m in open_session_file(path).members] == ["#009e73", "#CC79A7"]


def _set(key, index, value):
    def edit(arrays):
        arrays[key][index] = value

    return edit


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (_set("params", 0, np.nan), "has weights or biases (params) that are not finite"),
        (_set("params", -1, np.inf), "has weights or biases (params) that are not finite"),
        (_set("members.0.params", 3, -np.inf), "compared model 1 (“Run 2”) has weights or biases (params)"),
        (_set("members.1.params", 3, np.nan), "compared model 2 (“fast”) has weights or biases (params)"),
        (_set("recovery.good_params", 2, np.nan), "last good weights (recovery.good_params) that are not finite"),
        (_set("members.1.recovery.good_params", 0, np.inf), "compared model 2 (“fast”) has last good weights"),
        (_set("optimizer.m", 1, np.nan), "optimizer array 'm' holding values that are not finite"),
        (_set("optimizer.m", 1, np.inf), "optimizer array 'm' holding values that are not finite"),
        (_set("optimizer.v", 1, np.nan), "optimizer array 'v' holding NaN or negative values"),
        (_set("optimizer.v", 1, -1.0), "optimizer array 'v' holding NaN or negative values"),
        (_set("members.0.optimizer.velocity", 0, np.inf), "compared model 1 (“Run 2”) has an optimizer array"),
    ],
)
def test_weights_or_an_optimizer_state_that_are_no_numbers_refuse_the_file(tmp_path, edit, field):
    assert field in _refusal(_edited(_saved(tmp_path), edit_arrays=edit))


@pytest.mark.parametrize("best", [float("nan"), -1.0, float("-inf")])
def test_a_best_loss_no_training_gives_refuses_the_file(tmp_path, best):
    def edit(meta):
        meta["recovery"]["best_loss"] = best

    assert "divergence-recovery state" in _refusal(_edited(_saved(tmp_path), edit_meta=edit))
