"""A session reopened keeps its runs' names: the main model's run "Run 1" beside the compared "Run 2", saved and
opened in a fresh window, is listed as "Run 1" beside "Run 2" again (in the run table and the compare panes), not
numbered on after the compared model."""

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
