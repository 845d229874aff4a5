"""The main window's parts on their own: the view state a session file keeps, the controls behind it, the data
edits from the plot, and the notices features speak through."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QCheckBox, QStatusBar, QWidget

from gui.panels.data_commands import DataDocument
from gui.plot.boundary_view import BoundaryView
from gui.plot.curves_view import CurvesView
from gui.window.controls import Controls
from gui.window.data_edits import DataEdits
from gui.window.messages import Banner, Notices
from gui.window.view_state import ViewState
from model.data.dataset import Dataset
from model.training.contract import Diverged
from model.training.session import TrainingSession


def _parts(qtbot):
    window, box = QWidget(), QCheckBox()
    box.setChecked(True)
    plot, curves = BoundaryView(), CurvesView()
    for widget in (window, box, plot, curves):
        qtbot.addWidget(widget)
    undo = QUndoStack()
    controls = Controls(window, undo, plot, box, parent=window)  # its actions belong to the window
    controls.keep_alive = window  # pytest-qt holds widgets weakly: the test keeps the window through its controls
    return controls, ViewState(controls, plot, curves), plot, box, undo


def test_the_view_state_sets_what_a_person_sets_and_refuses_what_cannot_be(qtbot):
    controls, view, plot, box, _ = _parts(qtbot)
    ds = Dataset.from_arrays(np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.5]]), np.array([0, 1, 2]))
    controls.update_classes(ds)  # three classes: buttons 1-4 shown

    assert view.choose_class(3) and view.current_class() == 3 and plot.current_class() == 3
    assert not view.choose_class(6) and view.current_class() == 3  # no button for a seventh class here
    view.set_tool("erase")
    assert view.tool() == "erase" and controls.erase_tool_action.isChecked()
    assert view.choose_class(1) and view.tool() == "add"  # picking a class takes the Add tool, as a click does

    view.set_show_test(False)
    assert not box.isChecked() and not controls.show_test_action.isChecked() and not view.show_test()
    box.setChecked(True)  # the panel's box leads too
    assert view.show_test() and controls.show_test_action.isChecked()

    assert view.set_plot_range(-1.0, 2.0, -3.0, 4.0)
    x0, x1, y0, y1 = view.plot_range()
    # at least that range; the plot keeps its aspect ratio, so one axis may show more
    assert x0 <= -1.0 + 1e-6 and x1 >= 2.0 - 1e-6 and y0 <= -3.0 + 1e-6 and y1 >= 4.0 - 1e-6
    assert np.isclose(x1 - x0, 3.0) or np.isclose(y1 - y0, 7.0)
    assert not view.set_plot_range(2.0, -1.0, 0.0, 1.0) and not view.set_plot_range(0.0, float("nan"), 0.0, 1.0)
    assert np.allclose(view.plot_range(), (x0, x1, y0, y1))

    controls.update_classes(Dataset.empty("regression", n_features=1))
    assert not view.choose_class(0)  # regression has no classes to pick


def test_data_edits_push_one_command_each_and_label_points_with_the_chosen_class(qtbot):
    controls, view, _plot, _box, undo = _parts(qtbot)
    ds = Dataset.from_arrays(np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([0, 1]))
    document = DataDocument(ds)
    bar = QStatusBar()
    qtbot.addWidget(bar)
    notices = Notices(Banner(), bar, training_panel=None)
    edits = DataEdits(document, undo, view.current_class, notices)
    controls.update_classes(ds)
    view.choose_class(2)
    edits.add_points(np.array([[0.5, 0.5], [0.6, 0.4]]))
    assert undo.count() == 1 and list(document.dataset.y[-2:]) == [2, 2]
    edits.remove_point(1.0, 1.0)
    assert undo.count() == 2 and document.dataset.n_samples == 3
    edits.move_point(99, 0.0, 0.0)  # no such point: nothing pushed
    assert undo.count() == 2
    edits.generate(
        {"name": "no such dataset", "n_samples": 10, "noise": 0.1, "n_classes": 2, "seed": 0, "test_fraction": 0.2}
    )
    assert undo.count() == 2 and "Could not generate" in bar.currentMessage()
    edits.clear()
    assert undo.count() == 3 and document.dataset.n_samples == 0
    undo.undo()
    assert document.dataset.n_samples == 3


def test_notices_invite_with_a_callback_and_a_divergence_offers_a_tenth_of_the_rate(qtbot):
    class Panel:
        def __init__(self):
            self.rate = None

        def set_learning_rate(self, value):
            self.rate = value

    banner, bar, panel = Banner(), QStatusBar(), Panel()
    for widget in (banner, bar):
        qtbot.addWidget(widget)
    notices = Notices(banner, bar, panel)
    called = []
    notices.invite("Welcome", "Open", lambda: called.append(1))
    banner.show()
    banner.action_button.click()
    assert called == [1] and not banner.isVisible()
    session = TrainingSession(Dataset.from_arrays(np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([0, 1])), seed=0)
    last_good = replace(session.snapshot(), epoch=12)
    notices.show_divergence(Diverged(epoch=13, learning_rate=2.0, message="", snapshot=last_good))
    assert "epoch 12" in banner.label.text() and banner.action_button.text() == "Use 0.2"
    banner.action_button.click()
    assert panel.rate == 0.2 and called == [1]  # the divergence's button, not the old invitation's


def test_a_locked_learning_rate_takes_the_divergence_offer_away(qtbot):
    """A lesson that holds the learning rate: a divergence shown before loses its "Use …" button, the next one
    says the rate is locked instead of suggesting one, and released the offer comes back."""
    banner, bar = Banner(), QStatusBar()
    for widget in (banner, bar):
        qtbot.addWidget(widget)
    notices = Notices(banner, bar, training_panel=None)
    session = TrainingSession(Dataset.from_arrays(np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([0, 1])), seed=0)
    info = Diverged(epoch=13, learning_rate=2.0, message="", snapshot=replace(session.snapshot(), epoch=12))
    notices.show_divergence(info)
    assert not banner.action_button.isHidden()
    notices.set_rate_locked(True, "Locked by this lesson: the optimizer.")
    assert banner.action_button.isHidden() and banner.label.text().endswith("Locked by this lesson: the optimizer.")
    notices.show_divergence(info)
    assert banner.action_button.isHidden() and "Try a learning rate" not in banner.label.text()
    assert "Locked by this lesson" in bar.currentMessage()
    notices.set_rate_locked(False)
    notices.show_divergence(info)
    assert not banner.action_button.isHidden() and banner.action_button.text() == "Use 0.2"


def test_the_status_bar_says_ready_before_the_first_epoch_and_paused_after(qtbot):
    from gui.widgets.steady_label import SteadyLabel
    from gui.window.readouts import Readouts
    from tests.gui.plot.plot_helpers import snap as snapshot

    bar, running = QStatusBar(), [False]
    qtbot.addWidget(bar)
    readouts = Readouts(bar, SteadyLabel("0"), lambda: running[0])

    def snap(epoch, progress=None):
        return snapshot(epoch=epoch, epoch_progress=progress)

    readouts.show(snap(0))
    assert readouts.status_rate.text() == "ready"  # nothing was paused yet
    running[0] = True
    readouts.running_changed(True)
    assert readouts.status_rate.text() == "starting\u2026"
    readouts.show(snap(3, (37, 160)))  # the perceptron within an epoch at Watch's start: where in it
    assert readouts.status_epoch.text() in ("epoch 3 + sample 37/160", "3 (37/160)")  # the words go where room is short
    readouts.show(snap(20))
    assert readouts.status_epoch.text() in ("epoch 20", "20")
    running[0] = False
    readouts.running_changed(False)
    assert readouts.status_rate.text() == "paused"
    readouts.show(snap(0))  # Reset
    assert readouts.status_rate.text() == "ready"
