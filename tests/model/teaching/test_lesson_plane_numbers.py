"""The lesson "More than two features" quotes the plot's axes: the shares of variation its text gives PC1 and PC2
are the ones the plot of its wines says (it said 19 % where the plot reads 20 %)."""

from __future__ import annotations

import re

from model.data import real_datasets
from model.teaching.lessons import load_all


def test_the_lesson_quotes_the_shares_its_plot_shows():
    lessons, _, _ = load_all()
    lesson = next(item for item in lessons if item.id == "more-than-two-features")
    ds = real_datasets.load(lesson.data.dataset, lesson.data.test_fraction, lesson.data.seed)
    frame = ds.plane_frame()
    assert frame is not None
    shown = re.findall(r"PC[12] \(\d+ %\)", frame.label)
    quoted = re.findall(r"PC[12] \(\d+ %\)", lesson.text)
    assert len(shown) == 2 and quoted, frame.label
    assert set(quoted) <= set(shown), f"the lesson says {quoted}, the plot {shown}"
