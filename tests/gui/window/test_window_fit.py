"""WindowFit on the tests' screen (1920×1080, ``tests/gui/desktop_screen.json``): a window whose docks ask for more
than the screen holds gets them as tabs, and is made no larger than the screen; one whose docks fit, or that a
person made larger than the screen, is left as it is. (The app's own window at 150 % on a 1024×700 screen:
``test_large_fonts``.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from gui.window.window_fit import WindowFit

LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea


def _least(width: int, height: int) -> QWidget:
    widget = QWidget()
    widget.setMinimumSize(width, height)
    return widget


def _window(qtbot, docks: list[tuple[str, Qt.DockWidgetArea, int, int]]) -> tuple[QMainWindow, dict]:
    """A window with a central widget of 300×300 px at least and ``docks`` (title, area, least width and height),
    those of an area one above the other."""
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(_least(300, 300))
    made = {}
    for title, area, width, height in docks:
        dock = QDockWidget(title, window)
        dock.setObjectName(title)
        dock.setWidget(_least(width, height))
        window.addDockWidget(area, dock, Qt.Orientation.Vertical)
        made[title] = dock
    return window, made


def _shown(qtbot, window: QMainWindow) -> None:
    window.show()
    qtbot.waitExposed(window)


def test_two_columns_too_wide_for_the_screen_become_one_column_of_tabs(qtbot):
    window, docks = _window(qtbot, [("Settings", LEFT, 900, 200), ("Network", RIGHT, 900, 200)])
    fit = WindowFit(window, docks["Settings"])
    room = fit.room()
    assert window.minimumSizeHint().width() > room.width()  # 900 + 300 + 900 px and the separators: past 1920
    assert fit.fit()  # before it is first shown, as the app's window does
    _shown(qtbot, window)
    assert window.dockWidgetArea(docks["Network"]) == LEFT
    assert window.tabifiedDockWidgets(docks["Settings"]) == [docks["Network"]]
    assert not docks["Settings"].visibleRegion().isEmpty()  # the settings stay in front
    assert docks["Network"].visibleRegion().isEmpty()  # a tab away
    assert window.minimumSizeHint().width() <= room.width() and window.width() <= room.width()


def test_docks_one_above_the_other_too_tall_for_the_screen_become_tabs_and_the_window_as_tall_as_the_screen(qtbot):
    window, docks = _window(qtbot, [("Lesson", LEFT, 300, 600), ("Probe", LEFT, 300, 600)])
    fit = WindowFit(window, docks["Lesson"])
    room = fit.room()
    _shown(qtbot, window)  # shown as tall as its docks ask: past the screen's bottom
    assert window.height() > room.height()
    assert fit.fit()
    assert window.tabifiedDockWidgets(docks["Lesson"]) == [docks["Probe"]]
    assert window.minimumSizeHint().height() <= room.height()
    assert window.height() <= room.height()  # Qt keeps a window's size when its least size falls: made smaller


def test_docks_that_fit_stay_where_they_are(qtbot):
    window, docks = _window(qtbot, [("Settings", LEFT, 300, 300), ("Network", RIGHT, 300, 300)])
    fit = WindowFit(window, docks["Settings"])
    _shown(qtbot, window)
    assert not fit.fit()
    assert window.dockWidgetArea(docks["Network"]) == RIGHT and not window.tabifiedDockWidgets(docks["Settings"])


def test_a_window_the_person_made_larger_than_the_screen_keeps_its_size(qtbot):
    window, docks = _window(qtbot, [("Settings", LEFT, 300, 300), ("Network", RIGHT, 300, 300)])
    fit = WindowFit(window, docks["Settings"])
    room = fit.room()
    window.resize(room.width() + 200, room.height() + 100)
    _shown(qtbot, window)
    assert not fit.fit()
    assert (window.width(), window.height()) == (room.width() + 200, room.height() + 100)


def test_the_state_remembered_is_the_one_before_the_docks_became_tabs(qtbot):
    """A start with large fonts on a small screen is not remembered as the person's layout: the next start, with
    room, shows the docks where they were (each start fits them again where it is too small)."""
    window, docks = _window(qtbot, [("Settings", LEFT, 900, 200), ("Network", RIGHT, 900, 200)])
    fit = WindowFit(window, docks["Settings"])
    assert fit.fit()
    state, docks_open = fit.remembered_state()
    assert docks_open == {"Settings": True, "Network": True}
    window.restoreState(state)
    assert window.dockWidgetArea(docks["Network"]) == RIGHT and not window.tabifiedDockWidgets(docks["Settings"])


def test_a_view_opened_after_the_fit_is_remembered_open_where_it_was(qtbot):
    window, docks = _window(
        qtbot, [("Settings", LEFT, 900, 200), ("Network", RIGHT, 900, 200), ("Weights", RIGHT, 900, 200)]
    )
    docks["Weights"].hide()
    fit = WindowFit(window, docks["Settings"])
    assert fit.fit()
    _shown(qtbot, window)
    docks["Weights"].show()  # the person opens a view: it too becomes a tab
    assert fit.fit() and docks["Weights"] in window.tabifiedDockWidgets(docks["Settings"])
    state, docks_open = fit.remembered_state()
    window.restoreState(state)
    assert docks_open["Weights"] and docks["Weights"].isHidden()  # as it was before it was opened
    docks["Weights"].show()  # as the next start does with ``docks_open``
    assert window.dockWidgetArea(docks["Weights"]) == RIGHT and not window.tabifiedDockWidgets(docks["Settings"])


def test_docks_the_person_moved_after_the_fit_are_remembered_as_they_are(qtbot):
    window, docks = _window(qtbot, [("Settings", LEFT, 900, 200), ("Network", RIGHT, 900, 200)])
    fit = WindowFit(window, docks["Settings"])
    assert fit.fit()
    _shown(qtbot, window)
    docks["Network"].setFloating(True)  # dragged out of its tab
    state, docks_open = fit.remembered_state()
    assert docks_open == {}
    docks["Network"].setFloating(False)
    window.restoreState(state)
    assert docks["Network"].isFloating()


def test_a_dock_opened_among_the_tabs_after_the_fit_leaves_the_state_before_it_remembered(qtbot):
    """A lesson's panel opens as a tab beside the settings: no move of the person's, so the docks the fit made tabs
    still come back where they were."""
    window, docks = _window(qtbot, [("Settings", LEFT, 900, 200), ("Network", RIGHT, 900, 200)])
    lesson = QDockWidget("Lesson", window)
    lesson.setObjectName("Lesson")
    lesson.setWidget(_least(300, 200))
    window.addDockWidget(LEFT, lesson)
    window.tabifyDockWidget(docks["Settings"], lesson)
    lesson.hide()
    fit = WindowFit(window, docks["Settings"])
    assert fit.fit()
    _shown(qtbot, window)
    lesson.show()
    state, docks_open = fit.remembered_state()
    assert docks_open["Lesson"]
    window.restoreState(state)
    assert window.dockWidgetArea(docks["Network"]) == RIGHT
