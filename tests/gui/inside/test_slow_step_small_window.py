"""Step slowly in a fresh window on a small screen (1024×700), the network diagram's dock at its narrow default
width: through every phase, nothing scrolls sideways (the title and the formulas wrap, the buttons go onto two
rows) and the buttons are in sight without scrolling. In one row, with formulas that could not break, the view
was ~360 px wide in a 226 px dock: only the inputs and the first layer showed, and the buttons were below a
sideways scroll bar."""

from __future__ import annotations

from PySide6.QtCore import QRect


def _in_sight(widget, viewport) -> bool:
    return viewport.rect().contains(QRect(widget.mapTo(viewport, widget.rect().topLeft()), widget.size()))


def test_every_phase_fits_the_diagrams_dock_at_1024x700(make_window, qtbot):
    w = make_window(size=(1024, 700))
    dock = w.inside_views.docks["diagram"]
    player = w.slow_step.player
    player.phase_timer.setInterval(10**7)  # the test moves the phases on
    w.controls.slow_step_action.trigger()  # Training > Step slowly (Shift+S)
    qtbot.waitUntil(lambda: player.phases is not None and player.isVisible(), timeout=10000)
    scroll = dock.widget()
    seen = set()
    for _ in range(len(player._list)):
        qtbot.wait(50)
        title = player.title.text()
        seen.add(title)
        assert scroll.horizontalScrollBar().maximum() == 0, f"{title}: the dock scrolls sideways"
        assert player.title.width() <= scroll.viewport().width(), title
        for button in (player.previous_button, player.pause_button, player.next_button, player.close_button):
            assert _in_sight(button, scroll.viewport()), f"{title}: {button.text()} out of sight"
        player.next_phase()
    assert len(seen) >= 6, seen  # the phases were walked through, each with its own title
    assert (w.width(), w.height()) == (1024, 700)
