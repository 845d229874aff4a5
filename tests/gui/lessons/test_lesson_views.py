"""LessonViews on its own: the views a lesson lists open, the others close, the window's own views stay, a view
this build lacks is reported; docks shown together are taken out of each other's tab group."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow

from gui.lessons.lesson_views import CallbackSwitch, LessonViews, ViewSwitch
from gui.window.docks import DockLayout


def test_a_lesson_shows_exactly_its_views_and_none_hides_another(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QLabel("plot"))
    docks = DockLayout(window)
    diagram = docks.new_dock("diagramDock", "Diagram", QLabel("d"), Qt.RightDockWidgetArea, visible=True)
    health = docks.new_dock("healthDock", "Health", QLabel("h"), Qt.RightDockWidgetArea, visible=None)
    docks.tabify(diagram, health)
    landscape = docks.new_dock("landscapeDock", "Landscape", QLabel("l"), Qt.BottomDockWidgetArea, visible=True)
    lesson_dock = docks.new_dock("lessonDock", "Lesson", QLabel("text"), Qt.LeftDockWidgetArea, visible=True)
    curves = {"open": True}
    views = LessonViews(
        {
            "diagram": ViewSwitch(diagram),
            "health": ViewSwitch(health),
            "landscape": ViewSwitch(landscape),
            "curves": CallbackSwitch(
                lambda: curves.update(open=True),
                lambda: curves.update(open=False),
                lambda: curves["open"],
                QAction("Loss and accuracy curves", window),
            ),
            "probe": None,  # a view this build does not have
        },
        docks,
    )
    window.resize(900, 700)
    window.show()
    qtbot.waitExposed(window)
    assert docks.tabified(diagram) == [health]

    views.show_exactly(["diagram", "health", "probe"], lesson_dock)
    assert views.is_open("diagram") and views.is_open("health") and not views.is_open("landscape")
    assert views.is_open("curves")  # the window's own view is never closed by a lesson
    assert views.missing == ["probe"] and not views.is_open("probe")
    assert health not in docks.tabified(diagram)  # shown together: side by side, not one behind the other
    qtbot.waitUntil(lambda: diagram.height() > 50 and health.height() > 50, timeout=3000)

    views.show_exactly(["landscape"], lesson_dock)
    assert views.is_open("landscape") and not views.is_open("diagram") and views.missing == []
