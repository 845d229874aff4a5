"""A perceptron cannot learn regression data (its output is a hard class): the command line, the session reader
and the lesson loader refuse the pair by one rule, and say which file and field."""

from __future__ import annotations

import pytest

from model.data.generators import make
from model.storage.session_files import SessionFileError, open_session_file, save_session
from model.storage.session_members import SavedMember
from model.teaching.lesson_content import LessonError
from model.teaching.lessons import load_file
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec, task_mismatch
from model.training.state_start import StateStart


def test_the_rule():
    assert "perceptron" in task_mismatch("perceptron", "regression")
    assert task_mismatch("perceptron", "classification") == ""
    assert task_mismatch("logistic", "regression") == task_mismatch("mlp", "regression") == ""


def test_a_session_file_of_a_perceptron_on_regression_data_is_refused_naming_file_and_field(tmp_path):
    session = TrainingSession(make("sine", 30, seed=1), ModelSpec(kind="perceptron"), TrainSpec())
    path = tmp_path / "perceptron-sine.npz"
    save_session(session, path)
    with pytest.raises(SessionFileError) as error:
        open_session_file(path)
    assert str(error.value).startswith("perceptron-sine.npz: ") and "model_spec.kind" in str(error.value)
    assert task_mismatch("perceptron", "regression") in str(error.value)


def test_a_compared_perceptron_on_regression_data_is_refused_too(tmp_path):
    data = make("sine", 30, seed=1)
    main, other = TrainingSession(data), TrainingSession(data, ModelSpec(kind="perceptron"))
    member = SavedMember("steps", "#009e73", "", other.model_spec, other.train_spec, 0, StateStart.of(other))
    save_session(main, tmp_path / "s.npz", members=(member,))
    with pytest.raises(SessionFileError, match=r"steps.*model_spec\.kind"):
        open_session_file(tmp_path / "s.npz")


LESSON = """kind = "lesson"
id = "steps"
title = "Steps"
text = "t"
[data]
dataset = "sine"
[model]
kind = "{main}"
{compare}
"""


@pytest.mark.parametrize(
    ("main", "compare", "field"),
    [
        ("perceptron", "", "[model] kind"),
        ("logistic", '[[compare]]\nmodel = {kind = "perceptron"}', "compare entry 1: [model] kind"),
    ],
)
def test_a_lesson_of_a_perceptron_on_regression_data_is_refused_naming_file_and_field(tmp_path, main, compare, field):
    path = tmp_path / "steps.toml"
    path.write_text(LESSON.format(main=main, compare=compare), encoding="utf-8")
    with pytest.raises(LessonError) as error:
        load_file(path)
    assert str(error.value).startswith(f"steps.toml: {field} = 'perceptron'")


def test_a_lesson_of_a_perceptron_on_a_files_regression_points_is_refused(tmp_path):
    (tmp_path / "curve.csv").write_text("x,target\n" + "".join(f"{k},{k * k / 7}\n" for k in range(20)), "utf-8")
    path = tmp_path / "curve.toml"
    path.write_text(LESSON.format(main="perceptron", compare="").replace('dataset = "sine"', 'file = "curve.csv"'))
    with pytest.raises(LessonError, match=r"curve\.toml: \[model\] kind = 'perceptron'"):
        load_file(path)
