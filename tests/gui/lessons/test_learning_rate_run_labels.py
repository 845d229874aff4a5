"""Lesson 5's runs go by the lesson's labels (its file's ``compare = [{ label = ... }]``) wherever a student compares
them: the curves' legend, the compare view's panes, the run table and the timeline's list, not only in tooltips as
"Run 2" and "Run 3"; at 1024×700 each label is whole in the legend and at the head of its pane, and the charts keep
their room beside the legend."""

from __future__ import annotations

from model.teaching.lessons import load_all
from tests.gui.window.test_small_screens import check_plot_and_curves, settle

SIZE = (1024, 700)
LESSON = next(lesson for lesson in load_all()[0] if lesson.id == "learning-rate")
LABELS = [run["label"] for run in LESSON.compare]


def test_the_learning_rate_runs_go_by_the_lessons_labels(make_window, qtbot):
    assert len(LABELS) == 2 and all(LABELS)
    w = make_window(size=SIZE)
    w.lesson_actions.open_lesson(LESSON.id)
    qtbot.waitUntil(lambda: len(w.compare.members) == 2, timeout=8000)
    rates = {member.name: member.train_spec.learning_rate for member in w.compare.members}
    assert rates == {run["label"]: run["train"]["learning_rate"] for run in LESSON.compare}, rates
    w.controller.step(2)
    qtbot.waitUntil(lambda: all(r.epochs >= 2 for r in w.experiments.runs.model.table if r.live), timeout=10000)
    settle(qtbot, w, SIZE)
    check_plot_and_curves(w, SIZE, "lesson 5 with its runs' labels")

    legend = w.curves_view._legend
    said = [label.text for _, label in legend.items]
    for label in LABELS:
        assert f"{label} train" in said and f"{label} test" in said, f"the legend says {said}"
    shown = legend.mapRectToScene(legend.boundingRect())
    assert w.curves_view.glw.sceneRect().contains(shown), f"the legend {shown} is cut by the chart's edge"

    panes = w.experiments.compare_view.panes
    titles = {pane.title.text(): pane.title for pane in panes.values()}
    for label in LABELS:
        assert label in titles, f"no pane headed {label!r} whole: {sorted(titles)}"
        title = titles[label]
        assert title.fontMetrics().horizontalAdvance(label) <= title.width(), f"{label!r} is cut"

    names = [record.name for record in w.experiments.runs.model.table if record.live]
    assert sorted(LABELS) == sorted(n for n in names if n in LABELS), f"the run table lists {names}"
    box = w.experiments.timeline.model_box
    listed = [box.itemText(i) for i in range(box.count())]
    assert all(label in listed for label in LABELS), f"the timeline lists {listed}"
