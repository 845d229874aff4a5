"""A session reopened keeps its runs' names: the main model's run "Run 1" beside the compared "Run 2", saved and
opened in a fresh window (or its unsaved work restored there), is listed as "Run 1" beside "Run 2" again (in the run
table, the compare pane, the chart's legend and the timeline), not numbered on after the compared model."""

from __future__ import annotations

from model.storage.session_files import open_session_file
from tests.gui.files.test_files import open_and_wait, snap, step
from tests.gui.files.test_session_compared_models import _close, _new_window, _with_a_compared_model


def _names_in_run_table(w) -> list[str]:
    return [record.name for record in w.experiments.runs.records_in_view_order()]


def _pane_titles(w) -> list[str]:
    return [pane.title.full_text for pane in w.experiments.compare_view.panes.values()]


def _legend(w) -> set[str]:
    return {label.text for _, label in w.curves_view._legend.items}


def _timeline_models(w) -> list[str]:
    box = w.experiments.timeline.model_box
    return [box.itemText(i) for i in range(box.count())]


def test_the_main_run_keeps_its_name_beside_the_compared_one_in_a_fresh_window(qtbot, window, dialogs, tmp_path):
    w = window
    compared, _ = _with_a_compared_model(qtbot, w, 5)
    assert (w.compare.name_of(w.compare.primary_id), compared.name) == ("Run 1", "Run 2")
    path = tmp_path / "named.npz"
    dialogs.save_paths.append(str(path))
    w.file_actions.save_session_as_action.trigger()
    epoch = snap(w).epoch
    assert open_session_file(path).run_name == "Run 1"

    other = _new_window(qtbot, tmp_path / "fresh.ini")
    try:
        assert open_and_wait(qtbot, other.file_actions.sessions, path)
        qtbot.waitUntil(lambda: len(other.compare.members) == 1, timeout=10000)
        qtbot.waitUntil(lambda: other.compare.name_of(other.compare.primary_id) == "Run 1", timeout=10000)
        step(qtbot, other, 1)
        qtbot.waitUntil(lambda: sorted(_names_in_run_table(other)) == ["Run 1", "Run 2"], timeout=10000)
        (member,) = other.compare.members
        assert member.name == "Run 2"
        assert [title.split(" — ")[0] for title in _pane_titles(other)] == ["Run 2"]
        qtbot.waitUntil(lambda: {"Run 1 train", "Run 2 train"} <= _legend(other), timeout=10000)
        assert _timeline_models(other)[:2] == ["Run 1 (main model)", "Run 2"]
        assert snap(other).epoch == epoch + 1
    finally:
        _close(other)


def test_the_unsaved_work_restored_keeps_the_main_runs_name(qtbot, window, dialogs, tmp_path):
    w = window
    compared, _ = _with_a_compared_model(qtbot, w, 4)
    main_run = w.compare.name_of(w.compare.primary_id)
    ini = w.settings.q.fileName()
    w.close()  # closing keeps the work in the recovery file, the main run's name too

    again = _new_window(qtbot, ini)
    try:
        qtbot.waitUntil(lambda: again.banner.isVisible() and "unsaved" in again.banner.text(), timeout=5000)
        again.banner.action_button.click()  # "Restore it"
        qtbot.waitUntil(lambda: len(again.compare.members) == 1, timeout=10000)
        qtbot.waitUntil(lambda: again.compare.name_of(again.compare.primary_id) == main_run, timeout=10000)
        assert [m.name for m in again.compare.members] == [compared.name] != [main_run]
    finally:
        _close(again)
