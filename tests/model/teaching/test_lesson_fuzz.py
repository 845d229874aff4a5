"""Fuzzing the lesson loader: shipped lessons with values, lines and nesting spoiled at random.

Whatever the file says, ``load_file`` returns a lesson whose every value is one the window can show,
or raises ``LessonError`` naming the file; never another exception (OverflowError, RecursionError,
TypeError...). The budget is small in ``make test``, larger in ``make fuzz``.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.teaching import lesson_content
from model.teaching.lessons import LESSON_DIR, Challenge, LessonError, load_file
from tests.model.storage.fuzz_settings import FUZZ

SHIPPED = sorted(LESSON_DIR.glob("*.toml"))

#: TOML values, hostile ones among them: numbers beyond every range, NaN, deep arrays, long strings.
_VALUES = st.one_of(
    st.integers().map(str),
    st.sampled_from(
        [
            "10" + "0" * 400,
            "-1",
            "0",
            "3000000000",
            "9223372036854775807",
            "1e308",
            "-1e308",
            "nan",
            "inf",
            "-inf",
            "1e-320",
            "true",
            '""',
            '"x"',
            "[]",
            "{}",
            "[1, 2]",
            '["a", 1]',
            "[" * 300 + "]" * 300,
            "{a = " * 300 + "1" + "}" * 300,
            '"' + "x" * 30_000 + '"',
            "1979-05-27",
        ]
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda v: repr(v).replace("inf", "inf")),
    st.text(max_size=6).map(lambda t: '"' + t.replace("\\", "").replace('"', "") + '"'),
)


def _assignment_lines(text: str) -> list[int]:
    return [i for i, line in enumerate(text.splitlines()) if " = " in line and not line.startswith(" ")]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("lesson-fuzz")


def _load(path: Path):
    try:
        return load_file(path)
    except LessonError as error:
        assert str(error).startswith(path.name), str(error)
        assert len(str(error)) < 2000
        return None


def _within_the_window(item) -> None:
    """What a loaded lesson says is something the window's controls can show, unclamped."""
    d = item.data
    assert 1 <= d.n_samples <= lesson_content.MAX_POINTS
    assert 0 <= d.seed <= 2**31 - 1 and 2 <= d.classes <= 10
    assert d.noise is None or 0 <= d.noise <= 1
    assert 0 <= d.test_fraction <= lesson_content.MAX_TEST_FRACTION
    assert len(item.model.hidden_layer_sizes) <= lesson_content.MAX_HIDDEN_LAYERS
    assert all(1 <= h <= lesson_content.MAX_NEURONS for h in item.model.hidden_layer_sizes)
    t = item.train
    assert lesson_content.MIN_LEARNING_RATE <= t.learning_rate <= lesson_content.MAX_LEARNING_RATE
    assert t.batch_size is None or 1 <= t.batch_size <= lesson_content.MAX_BATCH_SIZE
    assert len(item.text) <= lesson_content.MAX_TEXT_CHARS
    if isinstance(item, Challenge):
        for bound in (item.goal.below, item.goal.above):
            assert bound is None or math.isfinite(bound)


@FUZZ
@given(data=st.data())
def test_a_shipped_lesson_with_values_replaced(workdir, data):
    source = data.draw(st.sampled_from(SHIPPED), label="file")
    lines = source.read_text(encoding="utf-8").splitlines()
    candidates = _assignment_lines("\n".join(lines))
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        i = data.draw(st.sampled_from(candidates), label="line")
        key = lines[i].split(" = ", 1)[0]
        lines[i] = f"{key} = {data.draw(_VALUES, label='value')}"
    path = workdir / "spoiled.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    item = _load(path)
    if item is not None:
        _within_the_window(item)


@FUZZ
@given(data=st.data())
def test_a_shipped_lesson_with_keys_added(workdir, data):
    source = data.draw(st.sampled_from(SHIPPED), label="file")
    text = source.read_text(encoding="utf-8")
    section = data.draw(st.sampled_from(["", "[data]", "[model]", "[train]", "[goal]", "[limits]"]), label="section")
    key = data.draw(
        st.sampled_from(
            ["n_samples", "seed", "noise", "hidden_layer_sizes", "learning_rate", "batch_size", "order", "below", "x"]
        ),
        label="key",
    )
    line = f"{key} = {data.draw(_VALUES, label='value')}"
    if section and section in text:
        text = text.replace(section, f"{section}\n{line}", 1)
    else:
        text = f"{line}\n{text}"
    path = workdir / "added.toml"
    path.write_text(text, encoding="utf-8")
    item = _load(path)
    if item is not None:
        _within_the_window(item)


@FUZZ
@given(content=st.binary(max_size=2000) | st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_random_bytes_are_never_a_lesson(workdir, content):
    path = workdir / "random.toml"
    path.write_bytes(content)
    assert _load(path) is None
