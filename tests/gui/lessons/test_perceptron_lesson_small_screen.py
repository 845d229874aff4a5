"""The perceptron lesson (lesson 2) on the smallest screen we support, 1024×700: its panel beside the plot shows the
rule's text, both buttons and the speed whole, nothing scrolled sideways out of sight (its one row of controls was
wider than the dock: the panel scrolled sideways, the text was cut at its right edge and the speed was out of sight)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect

from tests.gui.window.test_small_screens import check_no_sideways_scrolling, in_front, settle

SIZE = (1024, 700)


def test_the_perceptron_panel_fits_beside_the_plot_at_1024x700(make_window, qtbot):
    w = make_window(size=SIZE)
    w.lesson_actions.open_lesson("perceptron-xor")
    dock = w.inside_views.docks["perceptron_lesson"]
    qtbot.waitUntil(lambda: dock.isVisible() and in_front(dock), timeout=8000)
    settle(qtbot, w, SIZE)
    check_no_sideways_scrolling([dock], "lesson 2")
    panel = w.inside_views.lesson
    viewport = dock.widget().viewport()
    seen = QRect(QPoint(0, 0), viewport.size())
    for part in (panel.intro, panel.next_button, panel.run_button, panel.speed, panel.speed_label):
        where = QRect(part.mapTo(viewport, QPoint(0, 0)), part.size())
        assert part.isVisible() and seen.contains(where), f"{part.objectName() or type(part).__name__} cut: {where}"
