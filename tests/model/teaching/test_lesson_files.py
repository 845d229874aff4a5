"""Lessons and challenges load from resources/lessons/, each challenge's goal is checked on a real run that
meets it and one that does not, and a malformed file gives a message naming it."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from model.data import real_datasets
from model.data.data_source import DataSource
from model.data.generators import make
from model.teaching.lessons import Challenge, Lesson, LessonError, load_all, load_file
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

LESSONS, CHALLENGES, ERRORS = load_all()
BY_ID = {c.id: c for c in CHALLENGES}


def test_every_shipped_file_loads():
    assert ERRORS == []
    assert len(LESSONS) >= 8 and len(CHALLENGES) >= 3
    assert [lesson.order for lesson in LESSONS] == sorted(lesson.order for lesson in LESSONS)


def test_the_eight_lessons_of_the_journey_are_there():
    titles = " | ".join(lesson.title.lower() for lesson in LESSONS)
    for topic in (
        "logistic regression",
        "perceptron",
        "forward propagation",
        "bias",
        "learning rate",
        "backpropagation",
        "softmax",
        "regression",
    ):
        assert topic in titles


def _train(challenge: Challenge, model: ModelSpec, train: TrainSpec, epochs: int):
    d = challenge.data
    dataset = make(d.dataset, d.n_samples, d.noise, d.seed, d.classes, d.test_fraction)
    session = TrainingSession(dataset, model, train, seed=0)
    session.step(epochs)
    return challenge.check(session.snapshot(), model, d.source())


# (challenge id, a model + training that meets it, one that does not)
CASES = [
    (
        "spiral-8-neurons",
        (  # the hint's recipe (test_challenge_hints.py)
            ModelSpec(hidden_layer_sizes=(8,), features=("sin_x1", "sin_x2"), alpha=0.01),
            TrainSpec(optimizer="adam", learning_rate=0.02),
            300,
        ),
        (ModelSpec(hidden_layer_sizes=(8,)), TrainSpec(optimizer="adam", learning_rate=0.02), 300),
    ),
    (
        "xor-fewest-neurons",
        (ModelSpec(hidden_layer_sizes=(4,)), TrainSpec(optimizer="adam", learning_rate=0.03), 1500),
        (ModelSpec(kind="logistic"), TrainSpec(optimizer="adam", learning_rate=0.03), 1500),
    ),
    (
        "circles-no-features",
        (ModelSpec(hidden_layer_sizes=(4,)), TrainSpec(optimizer="adam", learning_rate=0.03), 1500),
        (ModelSpec(hidden_layer_sizes=(2,)), TrainSpec(optimizer="sgd", learning_rate=0.1), 100),
    ),
]


@pytest.mark.parametrize("challenge_id, meets, fails", CASES, ids=[c[0] for c in CASES])
def test_challenge_is_met_by_a_good_run_and_not_by_a_poor_one(challenge_id, meets, fails):
    challenge = BY_ID[challenge_id]
    good = _train(challenge, *meets)
    assert good.met, good.reason
    assert good.best_value is not None
    poor = _train(challenge, *fails)
    assert not poor.met
    assert "not reached" in poor.reason


def test_rules_are_enforced_even_when_the_metric_is_reached():
    challenge = BY_ID["circles-no-features"]
    with_features = ModelSpec(kind="logistic", features=("x1^2", "x2^2"))
    result = _train(challenge, with_features, TrainSpec(optimizer="adam", learning_rate=0.05), 800)
    assert not result.met and "features" in result.reason
    spiral = BY_ID["spiral-8-neurons"]
    too_big = ModelSpec(hidden_layer_sizes=(16,))

    class Perfect:
        epoch, train_loss, test_loss, train_score, test_score = 10, 0.0, 0.0, 1.0, 1.0

    assert "at most 8" in spiral.check(Perfect, too_big, spiral.data.source()).reason
    moons = DataSource.generated("moons", 400, 0.02, 11, 2, 0.2)
    assert "generate the spiral" in spiral.check(Perfect, ModelSpec(hidden_layer_sizes=(4,)), moons).reason


def test_best_comparison_follows_the_measure():
    xor = BY_ID["xor-fewest-neurons"]
    assert xor.is_better(2, 4) and not xor.is_better(4, 2) and xor.is_better(3, None)
    spiral = BY_ID["spiral-8-neurons"]  # best = test_loss: lower is better
    assert spiral.is_better(0.05, 0.08)


GOOD = """kind = "lesson"
id = "x"
title = "X"
text = "hello"
[data]
dataset = "moons"
[model]
kind = "mlp"
[train]
learning_rate = 0.1
"""


@pytest.mark.parametrize(
    "content, expected",
    [
        ('kind = "lesson"\ntitle = [', "not valid TOML"),
        (GOOD.replace('kind = "lesson"', 'kind = "quiz"'), "'kind' must be"),
        (GOOD.replace('id = "x"\n', ""), "missing 'id'"),
        (GOOD.replace('dataset = "moons"', 'dataset = "donut"'), "dataset 'donut'"),
        (GOOD.replace('kind = "mlp"', 'kind = "svm"'), "unknown model kind"),
        (GOOD.replace("learning_rate = 0.1", "learning_rate = -1"), "learning_rate = -1 is out of range"),
        (GOOD.replace("learning_rate = 0.1", "learnin_rate = 0.1"), "unknown key(s) learnin_rate in [train]"),
        (GOOD.replace('text = "hello"', 'text = "hello"\nviews = ["xray"]'), "unknown view(s) xray"),
        (GOOD.replace('kind = "lesson"', 'kind = "challenge"'), "[goal]"),
        (GOOD.replace('text = "hello"', 'text = "hello"\npace = "ludicrous"'), "unknown pace 'ludicrous'"),
        (GOOD.replace('text = "hello"', 'text = "hello"\npace = 42'), "unknown pace"),
        ("\xff\xfe garbage", "not valid TOML"),
    ],
)
def test_a_malformed_file_gives_a_message_naming_it(tmp_path: Path, content, expected):
    path = tmp_path / "teacher_lesson.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LessonError) as info:
        load_file(path)
    assert "teacher_lesson.toml" in str(info.value)
    assert expected in str(info.value)


def test_every_shipped_file_sets_its_own_pace():
    import tomllib

    from model.training.pace import PACE_KEYS

    for item in LESSONS + CHALLENGES:
        doc = tomllib.loads(item.path.read_text(encoding="utf-8"))
        assert "pace" in doc, f"{item.path.name} names no pace"
        assert item.pace in PACE_KEYS


def test_a_pace_is_read_as_its_key(tmp_path: Path):
    path = tmp_path / "paced.toml"
    path.write_text(GOOD.replace('text = "hello"', 'text = "hello"\npace = 100'), encoding="utf-8")
    assert load_file(path).pace == "100"
    path.write_text(GOOD, encoding="utf-8")
    assert load_file(path).pace == "watch"


def test_a_bad_file_does_not_hide_the_good_ones(tmp_path: Path):
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.toml").write_text("kind = 3", encoding="utf-8")
    lessons, challenges, errors = load_all(tmp_path)
    assert [lesson.id for lesson in lessons] == ["x"] and challenges == []
    assert len(errors) == 1 and errors[0].startswith("bad.toml")
    assert isinstance(lessons[0], Lesson)


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_every_lesson_setup_learns_what_it_shows(lesson):
    """A lesson whose network cannot learn its data (or over-fits it badly) would teach the wrong thing."""
    d = lesson.data
    if d.dataset in real_datasets.REAL_DATASETS:  # real data: mini-batches, a few epochs suffice
        dataset, epochs = real_datasets.load(d.dataset, d.test_fraction, d.seed), 30
    else:
        dataset, epochs = make(d.dataset, d.n_samples, d.noise, d.seed, d.classes, d.test_fraction), 1500
    session = TrainingSession(dataset, lesson.model, lesson.train, seed=0)
    session.step(epochs)
    assert session.test_score >= (0.9 if dataset.task == "regression" else 0.85), lesson.id


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_learning_rate_lessons_runs_do_what_its_text_says(seed):
    """Lesson 5 says: a tiny rate crawls, its own rate falls steadily, a large one overshoots and jumps around. Over
    the first 200 epochs (a few seconds at the lesson's pace), from any start."""
    lesson = next(lesson for lesson in LESSONS if lesson.id == "learning-rate")
    d = lesson.data
    dataset = make(d.dataset, d.n_samples, d.noise, d.seed, d.classes, d.test_fraction)

    def losses(rate: float):
        session = TrainingSession(dataset, lesson.model, replace(lesson.train, learning_rate=rate), seed=seed)
        first = session.step(1).loss
        result = session.step(199)
        assert not result.diverged, result.message
        return np.array([first, *session.history.column("train_loss")[-199:]])

    tiny, large = (run["train"]["learning_rate"] for run in lesson.compare)
    own = losses(lesson.train.learning_rate)
    assert own[-1] < 0.8 * own[0] and own[-1] == pytest.approx(own[-20:].min(), rel=0.01)  # down, and steadily
    crawl = losses(tiny)
    assert crawl[-1] < crawl[0] and crawl[-1] > 2 * own[-1]  # down, far more slowly
    jumps = losses(large)[-100:]
    assert jumps.min() > own[-1]  # never as low as the good rate
    assert jumps.max() > 2 * jumps.min() and np.sum(np.diff(jumps) > 0) >= 20  # up and down, far apart
