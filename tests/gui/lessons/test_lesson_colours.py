"""A lesson opened again (or over models already compared) shows each of its models in a colour of its own, and
the session saved then opens again in a fresh window, each compared model in its colour: the lesson's models
replace the old ones before the group has told their removal, and the colours of those leaving are free. Every run
is listed under a name of its own, in the window and in the file opened again, and the lesson's models are called
as its text calls them (its labels, which a lesson saved from the window keeps): opened again (or redone), they take
the labels, and the first opening's runs, finished under them, are told apart as "η 0.001 (1)"; an undo gives the
first opening's models back under the labels."""

from __future__ import annotations

from PySide6.QtCore import Qt

from model.teaching.lessons import load_all

LESSON = next(lesson for lesson in load_all()[0] if lesson.id == "learning-rate")
LABELS = [run["label"] for run in LESSON.compare]
EARLIER = [f"{label} (1)" for label in LABELS]  # the first opening's runs, once the lesson opened again


def _lesson_models(w, qtbot, names=LABELS):
    qtbot.waitUntil(lambda: sorted(m.name for m in w.compare.members) == sorted(names), timeout=10000)


def _rows(w) -> dict[str, bool]:
    """The lesson's runs in the run table: name -> whether it is training (live)."""
    return {r.name: r.live for r in w.experiments.runs.model.table if r.name.startswith("η")}


def _colours(w):
    return [m.colour.lower() for m in w.compare.members]


def _names(w) -> list[str]:
    """The run table's Name column, as the person reads it."""
    proxy = w.experiments.runs.proxy
    headers = [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(proxy.columnCount())]
    name = headers.index("Name")
    return [str(proxy.data(proxy.index(row, name))) for row in range(proxy.rowCount())]


def test_lesson_5_opened_twice_saves_a_session_that_opens_with_a_colour_for_each_model(make_window, qtbot, tmp_path):
    w = make_window(size=(1024, 700))
    w.lesson_actions.open_lesson(LESSON.id)
    _lesson_models(w, qtbot)
    w.controller.step(1)  # trained, the first opening's runs stay in the run table when they end
    live = lambda: [r for r in w.experiments.runs.model.table if r.live]  # noqa: E731
    qtbot.waitUntil(lambda: len(live()) == 3 and all(r.epochs == 1 for r in live()), timeout=10000)
    before = {m.session_id for m in w.compare.members}
    w.lesson_actions.open_lesson(LESSON.id)  # its models replace those shown
    qtbot.waitUntil(lambda: not before & {m.session_id for m in w.compare.members}, timeout=10000)
    _lesson_models(w, qtbot)  # called as the lesson's text calls them
    panes = sorted(pane.title.full_text.split(" — ")[0] for pane in w.experiments.compare_view.panes.values())
    assert panes == sorted(LABELS) and len(set(_names(w))) == len(_names(w)), _names(w)
    # the first opening's runs, finished, are told apart: listed on under names of their own
    qtbot.waitUntil(lambda: _rows(w) == {**{n: False for n in EARLIER}, **{n: True for n in LABELS}}, timeout=10000)
    text = w.lesson_actions.lesson_panel.browser.document().toPlainText()
    assert all(label in text for label in LABELS)  # the lesson's text names them by their labels
    assert sorted(m.label for m in w.compare.members) == sorted(LABELS)  # what a lesson saved now calls them
    assert len(set(_colours(w))) == 2, [(m.name, m.colour) for m in w.compare.members]
    w.controls.undo_action.trigger()  # the first opening's models come back, under the lesson's names
    _lesson_models(w, qtbot)
    # going on with their runs, which take the lesson's names back (the second opening's never trained: gone)
    qtbot.waitUntil(lambda: _rows(w) == {n: True for n in LABELS}, timeout=10000)
    w.controls.redo_action.trigger()  # and leave again: the lesson's models are called as its text says once more
    _lesson_models(w, qtbot)
    qtbot.waitUntil(lambda: _rows(w) == {**{n: False for n in EARLIER}, **{n: True for n in LABELS}}, timeout=10000)
    assert len(set(_names(w))) == len(_names(w)), _names(w)
    w.controller.step(2)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch >= 2, timeout=10000)
    path = tmp_path / "lesson.npz"
    assert w.file_actions.sessions.save_session(str(path))

    fresh = make_window(size=(1024, 700))
    sessions = fresh.file_actions.sessions
    with qtbot.waitSignal(sessions.openFinished, timeout=15000) as blocker:
        assert sessions.open_session(str(path), ask=False)
    assert blocker.args == [str(path), True]
    _lesson_models(fresh, qtbot)
    assert len(set(_colours(fresh))) == 2, [(m.name, m.colour) for m in fresh.compare.members]
    assert fresh.compare.colour_of(fresh.compare.members[0].session_id) != fresh.compare.colour_of(
        fresh.compare.members[1].session_id
    )
    names = sorted([*LABELS, *EARLIER])
    qtbot.waitUntil(lambda: sorted(n for n in _names(fresh) if n.startswith("η")) == names, timeout=10000)
    assert len(set(_names(fresh))) == len(_names(fresh)), _names(fresh)
