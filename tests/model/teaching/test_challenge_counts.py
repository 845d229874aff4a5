"""What counts towards a challenge (no Qt): a trained network on the challenge's own data, never an untrained one
or other data that only shares the dataset's name; and each shipped challenge can be met the way its hint says.

The runs train as the window does (``TrainingSession``), checked every 10 epochs as snapshots would be, with fixed
seeds: every run is the same run every time.
"""

from __future__ import annotations

from types import SimpleNamespace

from model.data.data_source import DataSource
from model.teaching.lesson_content import WAITING_FOR_TRAINING
from model.teaching.lessons import load_all
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

_, CHALLENGES, _ = load_all()
BY_ID = {c.id: c for c in CHALLENGES}


def _perfect(epoch: int):
    """A snapshot whose every measure meets any goal."""
    return SimpleNamespace(epoch=epoch, train_loss=0.0, test_loss=0.0, train_score=1.0, test_score=1.0)


def _first_met(challenge, model: ModelSpec, train: TrainSpec, epochs: int, seed: int):
    """The first epoch (checked every 10) at which a run on the challenge's own data meets it, or None."""
    source = challenge.data.source()
    session = TrainingSession(source.regenerate(), model, train, seed=seed)
    while session.epoch < epochs:
        session.step(10)
        if challenge.check(session.snapshot(), model, source).met:
            return session.epoch
    return None


def test_an_untrained_network_does_not_meet_a_challenge_however_lucky():
    circles = BY_ID["circles-no-features"]
    result = circles.check(_perfect(epoch=0), circles.model, circles.data.source())
    assert not result.met and result.best_value is None and result.reason == WAITING_FOR_TRAINING
    assert circles.check(_perfect(epoch=1), circles.model, circles.data.source()).met


def test_the_same_dataset_with_easier_settings_does_not_count():
    circles = BY_ID["circles-no-features"]  # its data: circles, 200 points, noise 0.05, seed 13
    easy = DataSource.generated("circles", 10, 0.0, 13, 2, 0.2)
    result = circles.check(_perfect(epoch=200), circles.model, easy)
    assert not result.met and result.best_value is None
    assert result.reason == "only this challenge's data counts (Circles, 200 points, noise 0.05, seed 13): press Start"
    edited = circles.check(_perfect(epoch=200), circles.model, circles.data.source().after_edit())
    assert not edited.met and edited.reason == "generate the circles dataset first"


def test_the_spiral_challenge_is_met_by_its_hints_recipe_and_not_by_its_starting_setup():
    """8 tanh neurons with sin x₁ and sin x₂ as extra inputs, L2 0.01, Adam at 0.02 (the hint): test loss < 0.1
    on the two-arm spiral within 300 epochs. The starting setup (the same neurons on x₁ and x₂ alone) stays far
    above it: the challenge is reachable, and still a challenge."""
    spiral = BY_ID["spiral-8-neurons"]
    assert "sin x₁ and sin x₂" in spiral.hint and "L2 (0.01)" in spiral.hint
    assert spiral.data.classes == 2 and spiral.model.hidden == (8,)
    hint = ModelSpec(hidden_layer_sizes=(8,), activation="tanh", features=("sin_x1", "sin_x2"), alpha=0.01)
    assert hint.hidden == spiral.model.hidden and hint.hidden_activations == spiral.model.hidden_activations
    seed = spiral.data.seed
    met_at = _first_met(spiral, hint, spiral.train, 300, seed)
    assert met_at is not None and met_at <= 300
    assert _first_met(spiral, spiral.model, spiral.train, 300, seed) is None


def test_the_circles_and_xor_challenges_are_met_by_their_hints():
    circles = BY_ID["circles-no-features"]  # "3 or more hidden neurons with tanh": its own SGD at 0.1
    assert "3 or more hidden neurons" in circles.hint
    three = ModelSpec(hidden_layer_sizes=(3,), activation="tanh")
    assert _first_met(circles, three, circles.train, 400, seed=circles.data.seed) is not None
    xor = BY_ID["xor-fewest-neurons"]  # "with the x₁·x₂ feature even zero hidden neurons do"
    assert "x₁·x₂ feature" in xor.hint
    no_hidden = ModelSpec(kind="logistic", features=("x1*x2",))
    assert _first_met(xor, no_hidden, xor.train, 200, seed=xor.data.seed) is not None
    assert xor.check(_perfect(epoch=1), no_hidden, xor.data.source()).best_value == 0.0


def test_a_best_epoch_is_the_first_epoch_the_curves_meet_the_goal_however_far_apart_the_checks():
    """The circles challenge's best is the soonest epoch: the run trained one epoch at a time (every epoch measured),
    checked after every epoch or only every 300 as snapshots at the fastest pace come, gives the same best, the
    first epoch at which its test-accuracy curve reaches 95 %."""
    circles = BY_ID["circles-no-features"]
    assert circles.best == "epoch" and circles.goal.metric == "test_score"
    model = ModelSpec(hidden_layer_sizes=(6,), activation="tanh")
    train = TrainSpec(optimizer="adam", learning_rate=0.05)
    source = circles.data.source()
    session = TrainingSession(source.regenerate(), model, train, seed=3)
    snapshots = []
    for _ in range(600):
        session.step(1)
        snapshots.append(session.snapshot())
    curves = snapshots[-1].curves
    first = next(int(e) for e, s in zip(curves["epoch"], curves["test_score"], strict=True) if s >= 0.95)
    assert 1 < first < 300  # met within the first check's 300 epochs: a check every 300 could not see it itself

    def best_of(checked):
        bests = [r.best_value for r in (circles.check(s, model, source) for s in checked) if r.best_value is not None]
        return min(bests) if bests else None

    assert best_of(snapshots) == first
    assert best_of(snapshots[299::300]) == first
