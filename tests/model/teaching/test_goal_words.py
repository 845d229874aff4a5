"""A challenge's text, its goal's description and its check say the same thing: "at least 95 %" counts 95.0 %."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from model.teaching.lessons import load_all
from model.training.specs import ModelSpec

_, CHALLENGES, _ = load_all()
BY_ID = {c.id: c for c in CHALLENGES}
XOR = BY_ID["xor-fewest-neurons"]


def _snapshot(**metrics):
    values = dict(epoch=10, train_loss=0.1, test_loss=0.1, train_score=0.9, test_score=0.9)
    return SimpleNamespace(**{**values, **metrics})


def test_the_xor_challenge_counts_exactly_95_percent_as_its_text_says():
    assert "at least 95 %" in XOR.text and XOR.goal.describe() == "test accuracy ≥ 95 %"
    spec = ModelSpec(hidden_layer_sizes=(2,))
    exactly = XOR.check(_snapshot(test_score=19 / 20), spec, XOR.data.source())  # 19 of 20 test points
    assert exactly.met and exactly.reason == "test accuracy ≥ 95 % reached"
    short = XOR.check(_snapshot(test_score=0.9499), spec, XOR.data.source())
    assert not short.met and short.reason == "test accuracy ≥ 95 % not reached yet (now 94.99 %)"


@pytest.mark.parametrize("challenge", CHALLENGES, ids=[c.id for c in CHALLENGES])
def test_every_challenge_text_states_its_goal_as_checked(challenge):
    goal = challenge.goal
    if goal.above is not None:  # counted when value >= above: "at least", never "more than"
        percent = f"{100 * goal.above:g} %"
        assert f"at least {percent}" in challenge.text and goal.describe().endswith(f"≥ {percent}")
        assert not re.search(r"more than|over|above", challenge.text)
    else:  # counted when value < below
        assert f"below {goal.below:g}" in challenge.text and goal.describe().endswith(f"< {goal.below:g}")
