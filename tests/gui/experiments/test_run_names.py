"""Experiments built alone (a compare manager without a training thread, the plot, the curves, the docks): one
name per run everywhere a run is named (the run table, the chart's legend, the panes, the timeline), in characters
the font has, and each run described by what it really trains with."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QMainWindow

from gui.experiments.compare import CompareManager
from gui.experiments.experiments import Experiments
from gui.panels.data_commands import DataDocument
from gui.panels.data_panel import DataPanel
from gui.panels.model_panel import ModelPanel
from gui.panels.settings_panels import SettingsPanels
from gui.panels.training_panel import TrainingPanel
from gui.plot.boundary_view import BoundaryView
from gui.plot.curves_view import CurvesView
from gui.window.docks import DockLayout
from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.training.group_contract import Member, RunFinished, RunLive
from model.training.session import TrainingSession
from model.training.session_group import SessionGroup
from model.training.specs import ModelSpec, TrainSpec


class Controller(QObject):
    snapshotReady = Signal(object)
    runningChanged = Signal(bool)

    def __init__(self):
        super().__init__()
        self.running = False
        self.latest_snapshot = None

    def pause(self) -> None:
        self.running = False


class Notices:
    def status(self, text, timeout_ms=8000):
        pass


def build(qtbot, group: SessionGroup):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QLabel("plot"))
    plot, curves = BoundaryView(), CurvesView()
    qtbot.addWidget(plot)
    qtbot.addWidget(curves)
    panels = SettingsPanels(DataPanel(), ModelPanel(), TrainingPanel())
    for panel in (panels.data, panels.model, panels.training):
        qtbot.addWidget(panel)
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    manager = CompareManager()
    manager._primary_id = group.session_id  # as the training thread's bridge tells it
    experiments = Experiments(
        manager=manager,
        controller=Controller(),
        document=DataDocument(Dataset.from_arrays(X, np.array([0, 1]))),
        panels=panels,
        plot=plot,
        curves=curves,
        docks=DockLayout(window),
        notices=Notices(),
        show_primary=lambda snap: None,
    )
    return experiments, manager, curves


def tell(manager, group: SessionGroup, events: list) -> None:
    """What the bridge tells the GUI thread after a request: the run events, the run infos, the members."""
    for event in events:
        manager._on_run_event(event)
    events.clear()
    info = group.run_info()
    manager._on_members_snapshots((), info)
    manager._on_members_changed(
        [Member(s.session_id, info[s.session_id].name, "#009E73", s.model_spec, s.train_spec) for s in group.members]
    )


def names_shown(experiments, curves, session_id) -> dict:
    run = curves.runs[session_id]
    labels = {curves._legend.getLabel(item).text for item in (run.train_loss, run.test_loss)}
    box = experiments.timeline.model_box
    return {
        "legend": {label.rsplit(" ", 1)[0] for label in labels},
        "pane": experiments.compare_view.panes[session_id].title.text().split(" — ")[0],
        "timeline": box.itemText(box.findData(session_id)),
        "table": next(r.name for r in experiments.runs.model.table if r.session_id == session_id),
    }


def test_a_run_has_one_name_in_the_table_the_legend_the_pane_and_the_timeline(qtbot):
    X, y = make_dataset("moons", 40, 0.2, 0)
    events: list = []
    group = SessionGroup(
        TrainingSession(Dataset.from_arrays(X, y), ModelSpec(hidden_layer_sizes=(4,)), TrainSpec(), seed=1),
        subscribers=[lambda e: isinstance(e, (RunLive, RunFinished)) and events.append(e)],
    )
    experiments, manager, curves = build(qtbot, group)
    member = group.add_member()
    sid = member.session_id
    tell(manager, group, events)
    assert names_shown(experiments, curves, sid) == {
        "legend": {"Run 2"},
        "pane": "Run 2",
        "timeline": "Run 2",
        "table": "Run 2",
    }
    main_legend = {label.text for _, label in curves._legend.items} - {"Run 2 train", "Run 2 test"}
    assert main_legend == {"Run 1 train", "Run 1 test"}  # beside another run, the main model's lines say whose
    assert experiments.timeline.model_box.itemText(0) == "Run 1 (main model)"

    group.step(5)
    group.set_member_model_spec(sid, ModelSpec(hidden_layer_sizes=(6,)))  # a new run for that model
    tell(manager, group, events)
    assert names_shown(experiments, curves, sid) == {
        "legend": {"Run 3"},
        "pane": "Run 3",
        "timeline": "Run 3",
        "table": "Run 3",
    }

    group.remove_member(sid)
    tell(manager, group, events)
    assert {label.text for _, label in curves._legend.items} == {"train", "test"}  # alone again: no name needed


def test_a_branch_title_is_drawn_in_characters_the_font_has(qtbot):
    X, y = make_dataset("moons", 40, 0.2, 0)
    events: list = []
    group = SessionGroup(
        TrainingSession(Dataset.from_arrays(X, y), ModelSpec(hidden_layer_sizes=(4,)), TrainSpec(), seed=1),
        subscribers=[lambda e: isinstance(e, (RunLive, RunFinished)) and events.append(e)],
    )
    experiments, manager, _curves = build(qtbot, group)
    group.step(8)
    child = group.branch(group.primary.session_id, 8)
    tell(manager, group, events)
    title = experiments.compare_view.panes[child.session_id].title
    assert title.text() == "Run 1 from epoch 8" and title.full_text.startswith("Run 1 from epoch 8 — ")
    metrics = QFontMetrics(title.font())
    assert [c for c in title.full_text if not metrics.inFontUcs4(ord(c))] == []
    model = experiments.runs.model
    row = next(i for i, r in enumerate(model.table) if r.session_id == child.session_id)
    for column in range(model.columnCount()):
        text = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
        assert [c for c in text if not QFontMetrics(experiments.runs.view.font()).inFontUcs4(ord(c))] == []


def test_a_perceptron_is_described_by_its_rule_not_by_an_optimizer_it_never_uses(qtbot):
    X, y = make_dataset("moons", 40, 0.2, 0)
    events: list = []
    group = SessionGroup(
        TrainingSession(Dataset.from_arrays(X, y), ModelSpec(), TrainSpec(optimizer="adam"), seed=1),
        subscribers=[lambda e: isinstance(e, (RunLive, RunFinished)) and events.append(e)],
    )
    experiments, manager, _curves = build(qtbot, group)
    perceptron = group.add_member(model_spec=ModelSpec(kind="perceptron"))
    tell(manager, group, events)
    title = experiments.compare_view.panes[perceptron.session_id].title.full_text
    assert title.endswith("Perceptron · Perceptron rule lr 0.03") and "Adam" not in title
    model = experiments.runs.model
    row = next(i for i, r in enumerate(model.table) if r.session_id == perceptron.session_id)
    training = model.data(model.index(row, 3), Qt.ItemDataRole.DisplayRole)
    assert training == "Perceptron rule lr 0.03"


def test_a_run_that_never_trained_leaves_the_table(qtbot):
    X, y = make_dataset("moons", 40, 0.2, 0)
    events: list = []
    group = SessionGroup(
        TrainingSession(Dataset.from_arrays(X, y), ModelSpec(hidden_layer_sizes=(4,)), TrainSpec(), seed=1),
        subscribers=[lambda e: isinstance(e, (RunLive, RunFinished)) and events.append(e)],
    )
    experiments, manager, _curves = build(qtbot, group)
    for hidden in ((5,), (6,), (7, 2)):  # model edits before Play
        group.set_model_spec(ModelSpec(hidden_layer_sizes=hidden))
    tell(manager, group, events)
    model = experiments.runs.model
    assert model.rowCount() == 1 and model.data(model.index(0, 1)) == "Run 1" and model.data(model.index(0, 5)) == "0"
    group.step(4)
    group.set_model_spec(ModelSpec(hidden_layer_sizes=(3,)))
    tell(manager, group, events)
    assert [(r.name, r.epochs, r.live) for r in model.table] == [("Run 1", 4, False), ("Run 2", 0, True)]
