"""A lesson file is validated when it is read: every value within what the window can show, the
bad value named in the message; hostile files (deep nesting, megabytes of text) are refused quickly."""

from __future__ import annotations

import pytest

from model.teaching.lessons import LessonError, load_all, load_file

LESSON = """\
kind = "lesson"
id = "{id}"
title = "A lesson"
text = "Some text."
{top}

[data]
dataset = "moons"
{data}

[model]
kind = "mlp"
{model}

[train]
{train}
"""


def _write(tmp_path, name="lesson.toml", id="a-lesson", top="", data="", model="", train=""):
    path = tmp_path / name
    path.write_text(LESSON.format(id=id, top=top, data=data, model=model, train=train), encoding="utf-8")
    return path


def test_a_plain_lesson_loads(tmp_path):
    lesson = load_file(_write(tmp_path, data="n_samples = 300\nseed = 2147483647", train="batch_size = 32"))
    assert lesson.data.n_samples == 300 and lesson.data.seed == 2**31 - 1 and lesson.train.batch_size == 32


@pytest.mark.parametrize(
    "section, line, named",
    [
        ("data", "n_samples = 1000000000", "n_samples"),
        ("data", "n_samples = 1000000000000", "n_samples"),
        ("data", "n_samples = 0", "n_samples"),
        ("data", "seed = 3000000000", "seed"),
        ("data", "seed = -1", "seed"),
        ("data", "classes = 40", "classes"),
        ("data", "noise = 1e308", "noise"),
        ("data", "noise = nan", "noise"),
        ("data", "test_fraction = 1.5", "test_fraction"),
        ("model", "hidden_layer_sizes = [8, 0]", "hidden_layer_sizes"),
        ("model", "hidden_layer_sizes = [100000]", "hidden_layer_sizes"),
        ("model", f"hidden_layer_sizes = [{', '.join(['2'] * 1000)}]", "hidden_layer_sizes"),
        ("model", "alpha = 1e308", "alpha"),
        ("model", "alpha = inf", "alpha"),
        ("train", "learning_rate = 1e308", "learning_rate"),
        ("train", "learning_rate = 0", "learning_rate"),
        ("train", "batch_size = 3000000000", "batch_size"),
        ("train", "momentum = 9.0", "momentum"),
        ("top", "order = 99999999999999", "order"),
    ],
)
def test_a_value_out_of_range_is_refused_and_named(tmp_path, section, line, named):
    path = _write(tmp_path, **{section: line})
    with pytest.raises(LessonError) as info:
        load_file(path)
    message = str(info.value)
    assert message.startswith("lesson.toml: ") and named in message and len(message) < 300, message


def test_a_compare_run_is_validated_too(tmp_path):
    top = 'compare = [{label = "huge", train = {learning_rate = 1e308}}]'
    with pytest.raises(LessonError, match="learning_rate"):
        load_file(_write(tmp_path, top=top))


def test_megabytes_of_text_are_refused_before_they_are_parsed(tmp_path, monkeypatch):
    import model.teaching.lessons as lessons

    parsed = []
    real = lessons.tomllib.loads
    monkeypatch.setattr(lessons.tomllib, "loads", lambda text, **kw: parsed.append(len(text)) or real(text, **kw))
    path = _write(tmp_path)
    path.write_text(path.read_text().replace('text = "Some text."', f'text = "{"blah " * 2_000_000}"'))
    with pytest.raises(LessonError, match=r"lesson\.toml"):
        load_file(path)
    assert parsed == []  # its size alone refused it


def test_a_long_text_is_refused_naming_the_field(tmp_path):
    path = _write(tmp_path)
    path.write_text(path.read_text().replace('text = "Some text."', f'text = "{"x" * 60_000}"'))
    with pytest.raises(LessonError, match="'text'"):
        load_file(path)


@pytest.mark.parametrize("bracket", ["[", "{a = "])
def test_a_file_nested_500_deep_is_a_lesson_error(tmp_path, bracket):
    closing = "]" if bracket == "[" else "}"
    path = tmp_path / "deep.toml"
    path.write_text("x = " + bracket * 500 + "1" + closing * 500 + "\n", encoding="utf-8")
    with pytest.raises(LessonError, match=r"deep\.toml"):
        load_file(path)
    lessons, _challenges, errors = load_all(tmp_path)  # the other files still load; the window opens
    assert lessons == [] and len(errors) == 1


def test_two_files_with_one_id_keep_the_first_and_name_both(tmp_path):
    _write(tmp_path, "a.toml", id="same")
    _write(tmp_path, "b.toml", id="same")
    _write(tmp_path, "c.toml", id="other")
    lessons, _, errors = load_all(tmp_path)
    assert sorted(lesson.path.name for lesson in lessons) == ["a.toml", "c.toml"]
    assert len(errors) == 1 and "b.toml" in errors[0] and "a.toml" in errors[0] and "'same'" in errors[0]


def test_a_lesson_can_list_units_that_start_switched_off(tmp_path):
    path = _write(tmp_path, model='hidden_layer_sizes = [4, 3]\nunits_off = ["h1.2", "h2.3"]')
    lesson = load_file(path)
    assert lesson.units_off == {(1, 1), (2, 2)}
    assert lesson.model.hidden_layer_sizes == (4, 3)
    assert load_file(_write(tmp_path, model="hidden_layer_sizes = [4]")).units_off == frozenset()


@pytest.mark.parametrize(
    "line,named",
    [
        ('units_off = ["h1.5"]', "has no unit h1.5"),
        ('units_off = ["h3.1"]', "has no unit h3.1"),
        ('units_off = ["h1.0"]', "'h1.0' is not a hidden unit's name"),
        ('units_off = ["x1"]', "'x1' is not a hidden unit's name"),
        ("units_off = [[1, 2]]", "is not a hidden unit's name"),
        ('units_off = "h1.1"', "units_off must be a list"),
    ],
)
def test_units_off_are_checked_against_the_lessons_model(tmp_path, line, named):
    with pytest.raises(LessonError) as info:
        load_file(_write(tmp_path, model=f"hidden_layer_sizes = [4, 3]\n{line}"))
    assert named in str(info.value) and "lesson.toml" in str(info.value)
