"""A short window (large fonts on a 720 px screen leave it 440 px of its own pixels) gives the plot its height back:
the banner takes two lines at most, the curves drop their summary line and "epoch" titles and may be shorter; a
taller window shows them whole again, and presenter mode (no status bar to read the numbers in) keeps the summary."""

from __future__ import annotations

from gui.window.layout import CURVES_MIN_HEIGHT
from gui.window.messages import Banner
from gui.window.plot_room import CURVES_FLOOR

LONG_MESSAGE = "New here? Ten short lessons and three challenges, from one neuron to backpropagation and beyond."


def curves_titles(w) -> list[bool]:
    return [plot.getAxis("bottom").label.isVisible() for plot in (w.curves_view.loss_plot, w.curves_view.score_plot)]


def test_a_short_window_gives_the_banner_and_the_curves_height_to_the_plot(make_window, qtbot):
    w = make_window(size=(853, 440))
    w.notices.invite(LONG_MESSAGE, "Open the lessons", lambda: None)
    qtbot.waitUntil(lambda: w.banner.isVisible() and w.banner.short())
    qtbot.waitUntil(lambda: w.banner.shown_text().endswith("\u2026"))
    assert w.banner.label.text() == LONG_MESSAGE and w.banner.line.toolTip() == LONG_MESSAGE
    assert not w.banner.button_below_text()
    assert w.banner.height() <= 2 * w.banner.line.fontMetrics().lineSpacing() + 8, "more than two lines"
    assert not w.curves_view.summary.isVisible() and curves_titles(w) == [False, False]
    assert w.curves_view.score_plot.getAxis("left").labelText == "accuracy"
    assert CURVES_FLOOR <= w.curves_view.minimumHeight() < CURVES_MIN_HEIGHT
    assert w.minimumSize().height() <= 440

    w.presenter.presenter_action.trigger()  # the status bar goes: the curves' summary says the numbers
    try:
        qtbot.waitUntil(lambda: w.curves_view.summary.isVisible())
        assert curves_titles(w) == [True, True]
    finally:
        w.presenter.leave()  # the application's font is shared with the next test's window
    qtbot.waitUntil(lambda: not w.curves_view.summary.isVisible() and curves_titles(w) == [False, False])

    w.resize(1024, 700)
    qtbot.waitUntil(lambda: w.height() == 700 and not w.banner.short())
    qtbot.waitUntil(lambda: w.curves_view.summary.isVisible() and curves_titles(w) == [True, True])
    assert w.banner.label.isVisible() and not w.banner.line.isVisible()
    assert w.curves_view.score_plot.getAxis("left").labelText == "accuracy (%)"
    assert w.curves_view.minimumHeight() == CURVES_MIN_HEIGHT


def test_a_banner_in_a_short_window_keeps_a_short_message_whole(qtbot):
    banner = Banner()
    qtbot.addWidget(banner)
    banner.resize(600, 60)
    banner.set_short(True)
    banner.show_message("Saved.")
    qtbot.waitExposed(banner)
    assert banner.shown_text() == "Saved." and banner.line.toolTip() == ""
    banner.set_short(False)
    assert banner.shown_text() == "Saved." and banner.label.isVisible() and not banner.line.isVisible()


def test_a_banner_in_a_short_window_says_its_short_form_rather_than_cut_words(qtbot):
    """Two lines beside the button, as tall as it: the whole message where it fits them, else its short form
    (which, with the button's words, says it); the whole message in the tooltip."""
    banner = Banner()
    qtbot.addWidget(banner)
    banner.resize(300, 60)
    banner.set_short(True)
    banner.show_message(LONG_MESSAGE, "Open the lessons", short="New here?")
    qtbot.waitExposed(banner)
    assert banner.shown_text() == "New here?" and banner.line.toolTip() == LONG_MESSAGE
    assert banner.sizeHint().height() <= banner.action_button.sizeHint().height() + 8, "taller than the button"
    banner.resize(1400, 60)  # room for the whole message on two lines
    qtbot.waitUntil(lambda: banner.shown_text() == LONG_MESSAGE)
    assert banner.line.toolTip() == "" and banner.line.text().count("\n") <= 1
