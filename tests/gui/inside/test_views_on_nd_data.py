"""Every inspector the View and Experiments menus open, on iris (four features drawn on a plane): each draws
something sensible or says in words why it does not apply; none raises or fails to draw."""

import numpy as np
from PySide6.QtWidgets import QApplication

from gui.inside.throttled_view import ThrottledView
from tests.gui.panels.test_real_data_choice import _pick

SKIPPED = ("Full screen", "Presenter mode", "Theme")  # window modes, not views of the data


def _actions(menu, path=""):
    for a in menu.actions():
        if a.menu():
            yield from _actions(a.menu(), path + a.text().replace("&", "") + " > ")
        elif not a.isSeparator():
            yield path + a.text().replace("&", ""), a


def test_every_view_on_iris_draws_or_says_why_not(make_window, qtbot):
    w = make_window(size=(1500, 950))
    _pick(w, qtbot, "iris")
    menus = {a.text().replace("&", ""): a.menu() for a in w.menuBar().actions()}
    turned_on = []
    for menu in ("View", "Experiments"):
        for name, action in _actions(menus[menu]):
            if action.isCheckable() and not action.isChecked() and not any(s in name for s in SKIPPED):
                action.trigger()
                turned_on.append(name)
                QApplication.processEvents()
    assert {"Hidden-layer space", "Perceptron lesson", "Probe a point", "Loss landscape"} <= set(turned_on)
    w.controller.play()
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch >= 20, timeout=30000)
    w.controller.pause()
    qtbot.wait(300)
    views = w.findChildren(ThrottledView)
    assert len(views) >= 5
    for view in views:
        view.flush()  # raises here if a view cannot draw iris
        assert view.redraw_errors == 0, type(view).__name__
    # the hidden-layer space bends the plot's plane: its grid is lifted into the four inputs, not a 2-D grid
    hidden = w.inside_views.hidden_space
    assert hidden.space is not None and np.isfinite(hidden.space.points).all()
    assert "plot's plane (PC1 vs PC2) of the 4 inputs" in hidden.caption.text()
    lines = [line for line in hidden.space.lines]
    assert len(lines) == 26 and all(np.isfinite(line).all() for line in lines)
    # the activation explorer is about one neuron, not the data: it opens on any data
    explorer = next(a for name, a in _actions(menus["View"]) if name.startswith("Activation and bias"))
    explorer.trigger()
    QApplication.processEvents()


def test_the_perceptron_lesson_on_iris_says_the_line_is_a_hyperplane(make_window, qtbot):
    w = make_window()
    _pick(w, qtbot, "iris")
    iv = w.inside_views
    w.model_panel.kind.setCurrentIndex(w.model_panel.kind.findData("perceptron"))
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.model_kind == "perceptron", timeout=5000)
    iv.docks["perceptron_lesson"].show()
    iv.lesson.show_snapshot(w.controller.latest_snapshot)
    iv.lesson.flush()
    with qtbot.waitSignal(w.controller.perceptronUpdated, timeout=5000):
        iv.lesson.next_button.click()
    qtbot.waitUntil(lambda: "Sample #" in iv.lesson.text.toPlainText(), timeout=3000)
    iv.lesson.flush()
    assert iv.lesson.redraw_errors == 0
    assert "This data has 4 features" in iv.lesson.intro.text() and "hyperplane" in iv.lesson.intro.text()
    assert not iv.lesson.highlight.isVisible()  # no ring at a place on the plot that is not the sample
