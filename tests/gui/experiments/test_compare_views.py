"""Compare, rewind and the loss landscape in the real window, with the real training thread.

- two models side by side reach the same weights as each trained alone with the same seed;
- scrubbing to epoch k shows exactly the parameters of epoch k; a branch from k with unchanged
  settings (through the real "Branch from here…" path) reproduces the original run bit for bit;
- the landscape's centre is the training loss and its path ends at the centre;
- the run table sorts, exports CSV and restores a finished run.

Waits are on conditions, never sleeps. Pictures are checked against the models shown (and written to shots/
by `make shots`).
"""

from __future__ import annotations

import csv
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from gui.main_window import MainWindow, apply_style
from model.training.session import TrainingSession
from tests.gui.pixels import check_boundary_view
from tests.gui.view_regions import shows_region_at_one_to_one


@pytest.fixture
def window(qtbot, tmp_path):
    apply_style(QApplication.instance())
    w = MainWindow(dataset="moons", seed=0, settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.resize(1500, 950)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(
        lambda: w.data_ready and w.compare.ready and snap(w) is not None and snap(w).data_version == w.document.version,
        timeout=15000,
    )
    yield w
    w.close()
    assert not w.controller.is_alive


def snap(w):
    return w.controller.latest_snapshot


def step(qtbot, w, n: int) -> None:
    """n epochs for every model, and wait until every model's snapshot says so."""
    target = snap(w).epoch + n
    members = [sid for sid, *_ in w.compare.members]
    w.controller.step(n)
    qtbot.waitUntil(
        lambda: (
            snap(w).epoch == target
            and all(
                sid in w.experiments._member_latest and w.experiments._member_latest[sid].epoch >= 0 for sid in members
            )
        ),
        timeout=15000,
    )


def alone(w, epochs: int, model_spec=None, train_spec=None) -> np.ndarray:
    """The parameters of the main model's settings (or others) trained alone with the same seed."""
    s = TrainingSession(
        w.dataset,
        model_spec or w.model_panel.model_spec(),
        train_spec or w.training_panel.train_spec(),
        seed=int(w.data_panel.params()["seed"]),
    )
    s.step(epochs)
    return s.network.params.copy()


def add_fast_model(qtbot, w) -> int:
    w.experiments.side_by_side._on_add_fast()  # Experiments ▸ Add the same model with 10× the learning rate
    qtbot.waitUntil(lambda: len(w.compare.members) == 1, timeout=10000)
    return w.compare.members[0][0]


def test_two_models_side_by_side_reach_the_same_weights_as_each_alone(qtbot, window):
    w = window
    fast = add_fast_model(qtbot, w)
    assert w.experiments.compare_dock.isVisible() and fast in w.experiments.compare_view.panes
    assert fast in w.curves_view.runs  # its own colour in the shared chart
    step(qtbot, w, 30)
    step(qtbot, w, 45)
    qtbot.waitUntil(lambda: w.experiments._member_latest[fast].epoch == 75, timeout=10000)
    main_snap, fast_snap = snap(w), w.experiments._member_latest[fast]
    ts = w.training_panel.train_spec()
    assert np.array_equal(main_snap.params, alone(w, 75))
    assert np.array_equal(fast_snap.params, alone(w, 75, train_spec=replace(ts, learning_rate=ts.learning_rate * 10)))
    assert not np.array_equal(main_snap.params, fast_snap.params)
    # the pane draws its own boundary, over the same region as the main plot
    pane = w.experiments.compare_view.panes[fast]
    qtbot.waitUntil(lambda: pane.view.snapshot() is not None and pane.view.snapshot().epoch == 75, timeout=15000)
    shows_region_at_one_to_one(pane.view.vb, w.boundary_view.vb.targetRange())  # the main plot's region, unstretched
    # Reset acts on all
    w.controls.reset_action.trigger()
    qtbot.waitUntil(lambda: snap(w).epoch == 0 and w.experiments._member_latest[fast].epoch == 0, timeout=10000)


@pytest.mark.shots
def test_scrub_shows_epoch_k_exactly_and_a_branch_from_k_reproduces_the_run(qtbot, window, monkeypatch, shot):
    w = window
    step(qtbot, w, 40)
    at_40 = snap(w).params.copy()
    primary = w.compare.primary_id
    bar = w.experiments.timeline
    assert bar.session_id == primary and not bar.scrubbing
    bar.scrub_to(17)
    qtbot.waitUntil(lambda: w.experiments._moment is not None and w.experiments._moment.epoch == 17, timeout=10000)
    moment = w.experiments._moment
    assert np.array_equal(moment.params, alone(w, 17))
    assert moment.curves["epoch"][-1] == 17
    # the plot, curves and readouts show the moment, and keep showing it while paused
    qtbot.waitUntil(
        lambda: (
            w.boundary_view.snapshot() is moment
            and w.controls.epoch_label.text() == "17"
            and "epoch 17 " in w.curves_view.summary.text()
        ),
        timeout=15000,
    )
    qtbot.wait(200)
    assert w.boundary_view.snapshot() is moment
    inside = getattr(w, "inside_views", None)  # the network diagram shows the moment too
    if inside is not None:
        shown = inside.diagram.snapshot
        assert (shown() if callable(shown) else shown) is moment
    w.boundary_view.flush()
    check_boundary_view(
        w.boundary_view, shot(w, "timeline_scrubbed_epoch_17.png"), widget=w, overlays=[w.boundary_view._score]
    )

    # "Branch from here…" with the settings left as they are
    monkeypatch.setattr("gui.experiments.experiments.SettingsDialog.exec", lambda self: 1)
    bar.branch_button.click()
    qtbot.waitUntil(lambda: len(w.compare.members) == 1, timeout=10000)
    child = w.compare.members[0][0]
    assert not bar.scrubbing  # back to the present
    qtbot.waitUntil(lambda: child in w.experiments._member_latest, timeout=15000)
    assert w.experiments._member_latest[child].epoch == 17
    step(qtbot, w, 23)  # the main model goes 40 -> 63, the branch 17 -> 40
    qtbot.waitUntil(lambda: w.experiments._member_latest[child].epoch == 40, timeout=10000)
    assert np.array_equal(w.experiments._member_latest[child].params, at_40)  # bit for bit
    records = w.experiments.runs.model.table
    branch_record = records.for_session(child)
    assert branch_record.parent_id == records.for_session(primary).run_id and branch_record.branch_epoch == 17

    # Play returns to the present
    bar.scrub_to(5)
    qtbot.waitUntil(
        lambda: bar.scrubbing and w.experiments._moment is not None and w.experiments._moment.epoch == 5, timeout=10000
    )
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: not bar.scrubbing and snap(w).epoch > 63, timeout=10000)
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: not w.controller.running, timeout=15000)
    # so does Step
    bar.scrub_to(5)
    qtbot.waitUntil(lambda: bar.scrubbing and w.experiments._moment is not None, timeout=10000)
    e = snap(w).epoch
    w.controls.step_action.trigger()
    qtbot.waitUntil(
        lambda: (
            not bar.scrubbing and snap(w).epoch == e + 1 and w.boundary_view.snapshot() is not w.experiments._moment
        ),
        timeout=10000,
    )


def test_landscape_centre_is_the_training_loss_and_the_path_ends_there(qtbot, window):
    w = window
    step(qtbot, w, 60)
    with qtbot.waitSignal(w.compare.landscapeReady, timeout=15000) as blocker:
        # Experiments > Loss landscape: asks for a landscape of the main model
        w.experiments.landscape_dock.toggleViewAction().trigger()
    land = blocker.args[0]
    assert land.epoch == 60 and land.session_id == w.compare.primary_id
    assert land.center_loss == snap(w).train_loss
    assert np.array_equal(land.path[-1], [0.0, 0.0]) and land.path_epochs[-1] == 60
    view = w.experiments.landscape
    qtbot.waitUntil(lambda: view.landscape is land, timeout=15000)
    assert view.image.image is not None and view.contours
    with qtbot.waitSignal(w.compare.landscapeReady, timeout=15000) as blocker:
        view.mode_box.setCurrentIndex(view.mode_box.findData("pca"))
    assert blocker.args[0].mode == "pca" and blocker.args[0].explained.sum() > 0.5
    # the present moves live on the plane
    step(qtbot, w, 5)
    qtbot.waitUntil(lambda: len(view._live) >= 1, timeout=15000)


def test_run_table_sorts_exports_and_restores(qtbot, window, tmp_path):
    w = window
    fast = add_fast_model(qtbot, w)
    step(qtbot, w, 25)
    qtbot.waitUntil(lambda: w.experiments._member_latest[fast].epoch == 25, timeout=10000)
    before_reset = snap(w).params.copy()
    w.controls.reset_action.trigger()  # both runs finish, two new ones start
    table = w.experiments.runs.model.table
    qtbot.waitUntil(lambda: len(table) == 4 and sum(not r.live for r in table) == 2, timeout=10000)
    finished = [r for r in table if not r.live]
    assert all(r.epochs == 25 and r.restorable for r in finished)
    runs = w.experiments.runs
    runs.view.sortByColumn(6, runs.view.horizontalHeader().sortIndicatorOrder().DescendingOrder)  # train loss
    ordered = runs.records_in_view_order()
    losses = [r.train_loss for r in ordered if np.isfinite(r.train_loss)]
    assert losses == sorted(losses, reverse=True)
    path = tmp_path / "runs.csv"
    runs.export_csv(str(path))
    rows = list(csv.reader(path.open()))
    assert len(rows) == 5 and rows[0][0] == "Run"
    # double-click a finished run: it comes back beside the others, where it ended
    main_run = next(r for r in finished if r.colour == w.compare.colour_of(w.compare.primary_id))
    runs.activate(main_run)
    qtbot.waitUntil(lambda: len(w.compare.members) == 2, timeout=10000)
    restored = w.compare.members[-1][0]
    qtbot.waitUntil(lambda: restored in w.experiments._member_latest, timeout=15000)
    assert np.array_equal(w.experiments._member_latest[restored].params, before_reset)
    assert w.experiments._member_latest[restored].epoch == 25


@pytest.mark.shots
def test_a_comparison_shows_each_model(qtbot, window, shot):
    """Three models side by side, the landscape and the run table: each pane draws its own model's boundary."""
    w = window
    w.experiments.side_by_side._on_add_fast()
    w.experiments.side_by_side._on_add_logistic()
    qtbot.waitUntil(lambda: len(w.compare.members) == 2, timeout=10000)
    w.resize(1700, 1050)
    w.experiments.landscape_dock.toggleViewAction().trigger()
    w.experiments.runs_dock.show()
    w.resizeDocks([w.experiments.runs_dock], [330], Qt.Vertical)
    w.resizeDocks([w.experiments.compare_dock], [620], Qt.Horizontal)
    # the landscape dragged from under the panes to beside the run table, the panes the column's whole height
    w.splitDockWidget(w.experiments.runs_dock, w.experiments.landscape_dock, Qt.Horizontal)
    w.resizeDocks([w.experiments.runs_dock, w.experiments.landscape_dock], [760, 940], Qt.Horizontal)
    view = w.experiments.landscape
    view.mode_box.setCurrentIndex(view.mode_box.findData("pca"))
    step(qtbot, w, 300)
    qtbot.waitUntil(lambda: all(s.epoch == 300 for s in w.experiments._member_latest.values()), timeout=15000)
    with qtbot.waitSignal(w.compare.landscapeReady, timeout=15000):
        w.experiments.landscape.recompute_button.click()
    qtbot.wait(300)
    main_range = w.boundary_view.vb.targetRange()
    for pane in w.experiments.compare_view.panes.values():  # every pane shows the main plot's region
        shows_region_at_one_to_one(pane.view.vb, main_range)
    shot(w, "compare_three_models.png")
    for pane in w.experiments.compare_view.panes.values():  # each pane shows its own model
        pane.view.flush()
        check_boundary_view(pane.view, overlays=[pane.view._score])


def test_opening_a_saved_session_ends_the_side_by_side_runs_and_starts_the_saved_models(qtbot, window, tmp_path):
    w = window
    add_fast_model(qtbot, w)
    step(qtbot, w, 12)
    saved = snap(w).params.copy()
    (compared,) = w.compare.members
    path = tmp_path / "s.npz"
    assert w.file_actions.sessions.save_session(str(path))
    old_primary = w.compare.primary_id
    with qtbot.waitSignal(w.compare.groupReplaced, timeout=10000):
        assert w.file_actions.sessions.open_session(str(path), ask=False)
    qtbot.waitUntil(
        lambda: (
            w.compare.primary_id != old_primary
            and len(w.compare.members) == 1
            and w.compare.members[0].session_id != compared.session_id
            and snap(w).session_id == w.compare.primary_id
        ),
        timeout=10000,
    )
    assert snap(w).epoch == 12 and np.array_equal(snap(w).params, saved)
    # the file's compared model, in the new process, under its colour; this window still lists the runs "Run 1"
    # and "Run 2" (finished now), so the file's go on as the next numbers, called by them
    (again,) = w.compare.members
    assert (compared.name, again.name) == ("Run 2", "Run 4")
    assert (again.colour, again.train_spec) == (compared.colour, compared.train_spec)
    table = w.experiments.runs.model.table
    qtbot.waitUntil(lambda: sum(r.live for r in table) == 2, timeout=15000)  # the loaded runs train, no old one
    assert {r.session_id for r in table if r.live} == {w.compare.primary_id, again.session_id}
    assert set(w.experiments.compare_view.panes) == {again.session_id}
    # its timeline starts at the loaded epoch: scrubbing back finds nothing earlier than 12
    step(qtbot, w, 8)
    w.experiments.timeline.scrub_to(3)
    qtbot.waitUntil(lambda: w.experiments._moment is not None, timeout=10000)
    assert w.experiments._moment.epoch == 12  # the earliest moment it has
