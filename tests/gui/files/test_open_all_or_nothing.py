"""Opening a file changes the window wholly or not at all: a file the app cannot use leaves the points, the undo
history, the title and a run under way as they were, and the message names the file and what is wrong; a view
setting no control can show is left out of an open that goes on, and the banner names it."""

from __future__ import annotations

import numpy as np
import pytest

from model.data import real_datasets
from model.data.data_source import DataSource
from model.data.generators import make
from model.storage.session_files import save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.gui.files.test_files import add_point, open_and_wait, write_csv


@pytest.fixture
def window(shared_window):
    """One window for the module: each test makes it busy again, and checks what an open changed or left. The open
    that goes on comes last: the others' points are the window's first data, drawn without fitting a plane."""
    return shared_window


def _busy(qtbot, w):
    """A window with an edit to undo and training under way: what an open that fails must leave as it was."""
    add_point(w, 0.25, 0.25)
    w.controller.play()
    qtbot.waitUntil(lambda: w.controller.running, timeout=5000)
    return w.dataset, w.undo_stack.count(), w.windowTitle()


def _untouched(w, before):
    dataset, undo_count, title = before
    assert w.dataset is dataset and w.undo_stack.count() == undo_count
    assert w.windowTitle() == title and w.isWindowModified()
    assert w.controller.running


def _open_data(qtbot, w, dialogs, path):
    dialogs.open_paths.append(str(path))
    with qtbot.waitSignal(w.file_actions.data_files.openFinished, timeout=10000) as finished:
        w.file_actions.open_data_action.trigger()
    return finished.args[1]


def test_a_session_of_a_perceptron_on_regression_data_changes_nothing(qtbot, window, dialogs, tmp_path):
    w = window
    session = TrainingSession(make("sine", 30, seed=1), ModelSpec(kind="perceptron"), TrainSpec())
    path = tmp_path / "perceptron-sine.npz"
    save_session(session, path)
    before = _busy(qtbot, w)
    w.file_actions.sessions.confirm_discard = lambda reason: "discard"

    assert not open_and_wait(qtbot, w.file_actions.sessions, path)

    _untouched(w, before)
    (_kind, _title, text), *_ = dialogs.messages
    assert "perceptron-sine.npz" in text and "model_spec.kind" in text and "regression" in text


def test_a_csv_of_numbers_beyond_32_bit_floats_changes_nothing_and_names_row_and_column(
    qtbot, window, dialogs, tmp_path
):
    w = window
    rows = [f"{k}e306,{k}e305,{k},{k % 2}" for k in range(10)]
    path = write_csv(tmp_path / "huge.csv", rows, header="a,b,c,label")
    before = _busy(qtbot, w)
    recent = w.file_actions.recent.entries()

    assert not _open_data(qtbot, w, dialogs, path)

    _untouched(w, before)
    (_kind, _title, text), *_ = dialogs.messages
    assert "huge.csv, row 3, column 'a'" in text and "32-bit" in text
    assert w.file_actions.recent.entries() == recent  # not added to the recent files


def test_a_csv_whose_class_name_no_session_could_hold_changes_nothing_and_names_the_name(
    qtbot, window, dialogs, tmp_path
):
    """Opened, its sessions and autosaves would be files the app refuses: so the file is refused, naming why."""
    w = window
    long_name = "Iris setosa " * 20
    rows = [f"{k},{k % 3},{long_name.strip() if k % 2 else 'versicolor'}" for k in range(10)]
    path = write_csv(tmp_path / "long.csv", rows, header="x1,x2,label")
    before = _busy(qtbot, w)

    assert not _open_data(qtbot, w, dialogs, path)

    _untouched(w, before)
    (_kind, _title, text), *_ = dialogs.messages
    assert "long.csv, row 3, column 'label': the class name 'Iris setosa" in text
    assert "has 239 characters; a name is at most 200" in text


def test_points_the_plot_cannot_place_change_nothing(qtbot, window, dialogs, tmp_path, monkeypatch):
    """Whatever fails in placing a file's points on the plot fails before the undo step is pushed."""
    import model.data.dataset

    def cannot_fit(*args):
        raise np.linalg.LinAlgError("SVD did not converge")

    monkeypatch.setattr(model.data.dataset, "fit_plane", cannot_fit)
    w = window
    rows = [f"{k},{k * k % 7},{k % 3},{k % 2}" for k in range(10)]
    path = write_csv(tmp_path / "three.csv", rows, header="a,b,c,label")
    before = _busy(qtbot, w)

    assert not _open_data(qtbot, w, dialogs, path)

    _untouched(w, before)
    (_kind, _title, text), *_ = dialogs.messages
    assert "three.csv" in text and "SVD did not converge" in text


@pytest.mark.parametrize("name", [None, 7])
def test_a_session_whose_dataset_name_no_list_holds_opens_whole_and_names_the_setting_left_out(
    qtbot, window, dialogs, tmp_path, name
):
    w = window
    session = TrainingSession(real_datasets.load("iris", 0.2, 5), ModelSpec(hidden_layer_sizes=(3,)), TrainSpec())
    session.step(3)
    path = tmp_path / "named.npz"
    source = DataSource.real("iris", 5, 0.2).to_dict()
    save_session(session, path, view={"data": {"name": name, "seed": 5}, "data_source": source, "show_test": False})
    _busy(qtbot, w)
    w.file_actions.sessions.confirm_discard = lambda reason: "discard"

    assert open_and_wait(qtbot, w.file_actions.sessions, path)

    assert w.windowTitle().startswith("named.npz") and not w.isWindowModified()
    assert w.dataset.same_as(session.dataset) and w.undo_stack.count() == 0
    assert w.data_panel.generator.currentData() == "iris"  # what made the points, not the list's separator line
    assert not w.data_panel.pending_hint.isVisibleTo(w)  # nothing waits for Generate: the fields made these points
    assert w.data_panel.params()["seed"] == 5 and not w.view_state.show_test()  # the usable settings kept
    assert "named.npz" in w.banner.label.text() and "data.name" in w.banner.label.text()
    add_point(w, 1.0, 1.0)  # an edit after the open works on the file's points
    assert w.dataset.n_samples == session.dataset.n_samples + 1 and w.undo_stack.count() == 1
