"""The run table's numbers agree with the runs' names after a session file is opened: "Run 1" beside the compared
"Run 2", saved and opened in a fresh window (or its unsaved work restored there), is listed as "1 | Run 1" and
"2 | Run 2", not "3 | Run 1" and "4 | Run 2". Opened in a window that already lists runs 1 and 2, the file's runs
take the next numbers and are called by them ("Run 3", "Run 4") in the table, the legend, the compare pane and the
timeline: no two rows say "Run 2"."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.files.test_files import open_and_wait, snap, step
from tests.gui.files.test_session_compared_models import _close, _new_window, _with_a_compared_model


def _rows(w) -> list[tuple[str, ...]]:
    """The run table as the person reads it, in its order: (Run, Name, Status)."""
    proxy = w.experiments.runs.proxy
    headers = [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(proxy.columnCount())]
    columns = [headers.index(h) for h in ("Run", "Name", "Status")]
    return [tuple(str(proxy.data(proxy.index(row, column))) for column in columns) for row in range(proxy.rowCount())]


def _legend(w) -> set[str]:
    return {label.text for _, label in w.curves_view._legend.items}


def _pane_names(w) -> list[str]:
    return [pane.title.full_text.split(" — ")[0] for pane in w.experiments.compare_view.panes.values()]


def _timeline_models(w) -> list[str]:
    box = w.experiments.timeline.model_box
    return [box.itemText(i) for i in range(box.count())]


def _saved_beside_a_compared_model(qtbot, w, dialogs, path) -> None:
    """``w`` trains "Run 1" beside the compared "Run 2" and saves them to ``path``."""
    _with_a_compared_model(qtbot, w, 4)
    qtbot.waitUntil(lambda: _rows(w) == [("1", "Run 1", "training"), ("2", "Run 2", "training")], timeout=10000)
    dialogs.save_paths.append(str(path))
    w.file_actions.save_session_as_action.trigger()


def _shows_runs(qtbot, w, main: str, compared: str) -> None:
    """The main model's run called ``main`` and the compared model's ``compared`` in the legend, the compare pane
    and the timeline."""
    qtbot.waitUntil(lambda: len(w.compare.members) == 1, timeout=10000)
    qtbot.waitUntil(lambda: {f"{main} train", f"{compared} train"} <= _legend(w), timeout=10000)
    assert _pane_names(w) == [compared]
    assert _timeline_models(w)[:2] == [f"{main} (main model)", compared]


def test_opened_in_a_fresh_window_the_runs_are_numbered_as_they_are_named(qtbot, window, dialogs, tmp_path):
    path = tmp_path / "two.npz"
    _saved_beside_a_compared_model(qtbot, window, dialogs, path)

    fresh = _new_window(qtbot, tmp_path / "fresh.ini")
    try:
        # untouched, it leaves the table when a file is opened
        qtbot.waitUntil(lambda: _rows(fresh) == [("1", "Run 1", "training")], timeout=10000)
        assert open_and_wait(qtbot, fresh.file_actions.sessions, path)
        _shows_runs(qtbot, fresh, "Run 1", "Run 2")
        step(qtbot, fresh, 1)
        qtbot.waitUntil(lambda: _rows(fresh) == [("1", "Run 1", "training"), ("2", "Run 2", "training")], timeout=10000)
        # the next run the window starts is numbered on after them
        fresh.controller.reset()
        qtbot.waitUntil(lambda: ("3", "Run 3", "training") in _rows(fresh), timeout=10000)
        assert ("1", "Run 1", "finished") in _rows(fresh)
    finally:
        _close(fresh)


def test_opened_where_runs_1_and_2_are_listed_the_files_runs_are_run_3_and_run_4(qtbot, window, dialogs, tmp_path):
    w = window
    path = tmp_path / "two.npz"
    _saved_beside_a_compared_model(qtbot, w, dialogs, path)
    step(qtbot, w, 2)  # the window's runs go on past what the file kept

    assert open_and_wait(qtbot, w.file_actions.sessions, path)
    qtbot.waitUntil(lambda: w.statusBar().currentMessage().endswith("with the compared model “Run 4”."), timeout=5000)
    _shows_runs(qtbot, w, "Run 3", "Run 4")
    step(qtbot, w, 1)
    qtbot.waitUntil(
        lambda: (
            sorted(_rows(w))
            == [
                ("1", "Run 1", "finished"),
                ("2", "Run 2", "finished"),
                ("3", "Run 3", "training"),
                ("4", "Run 4", "training"),
            ]
        ),
        timeout=10000,
    )


def test_the_unsaved_work_restored_in_a_fresh_window_is_numbered_as_it_is_named(qtbot, window, dialogs, tmp_path):
    w = window
    _with_a_compared_model(qtbot, w, 3)
    ini = w.settings.q.fileName()
    w.close()  # closing keeps the work in the recovery file

    again = _new_window(qtbot, ini)
    try:
        qtbot.waitUntil(lambda: again.banner.isVisible() and "unsaved" in again.banner.text(), timeout=5000)
        again.banner.action_button.click()  # "Restore it"
        _shows_runs(qtbot, again, "Run 1", "Run 2")
        epoch = snap(again).epoch
        step(qtbot, again, 1)
        qtbot.waitUntil(lambda: _rows(again) == [("1", "Run 1", "training"), ("2", "Run 2", "training")], timeout=10000)
        assert snap(again).epoch == epoch + 1
        qtbot.waitUntil(
            lambda: again.statusBar().currentMessage().endswith("with the compared model “Run 2”."), timeout=5000
        )
    finally:
        _close(again)
