"""The status bar's readouts on a small screen with a larger desktop font: the window still fits 1024 px, idle and
after a long run, because the readouts give way (the cursor position hides, then the words go and the numbers stay)
and what shows is never cut; the first start's banner puts its button under its text rather than widen the window.
A passing message shows whole: the readouts give way to it for its few seconds, and come back after."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QSizeGrip, QStatusBar, QWidget

from gui.window import message_room, readouts
from gui.window.message_room import MESSAGE_GAP, MESSAGE_LEFT, MessageRoom
from gui.window.readout_strip import ReadoutStrip
from tests.gui.window.test_toolbar_fit import larger_desktop_font  # noqa: F401 - a fixture, found by pytest by name


def shown_whole(strip: ReadoutStrip) -> list[str]:
    """The readouts' texts as shown; fails where one is cut (its text wider than its room, or past the strip)."""
    shown = []
    for label in strip.labels():
        if not label.isVisible():
            continue
        room = label.contentsRect().width()
        assert label.fontMetrics().horizontalAdvance(label.text()) <= room, f"{label.text()!r} is cut ({room} px)"
        assert label.geometry().left() >= 0 and label.geometry().right() < strip.width(), label.text()
        shown.append(label.text())
    return shown


def readouts_laid_out(qtbot, w) -> None:
    """Waits until the status bar's readouts show the newest snapshot and the strip is laid out for them.

    The frame clock draws a snapshot's numbers a few ticks after it came (plot, curves, then the numbers; its ticks
    space out under load), and a text that outgrows its readout asks for a layout on the next turn of the event
    loop: until then the strip is narrower than its new least width. A fixed wait checked that moment now and
    then under load (a readout placed at x = -140)."""

    def drawn() -> bool:
        snap = w.controller.latest_snapshot
        losses = f"{readouts._fmt(snap.train_loss)} / {readouts._fmt(snap.test_loss)}"
        return w.readouts.status_epoch.text().endswith(f"{snap.epoch:,}") and w.readouts.status_loss.text().endswith(
            losses
        )

    strip = w.readouts.strip
    qtbot.waitUntil(drawn, timeout=10000)
    qtbot.waitUntil(lambda: strip.width() >= strip.minimumSizeHint().width(), timeout=5000)


def test_readouts_give_way_lowest_priority_first_and_are_never_cut(qtbot):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    strip = ReadoutStrip()
    position = strip.add("where", "(+1.25, -0.50)", optional=True)
    epoch = strip.add("epochs", "epoch 123,456", "123,456")
    loss = strip.add("loss", "loss 0.0012 / 0.2767", "0.0012 / 0.2767")
    bar.addPermanentWidget(strip)
    bar.resize(1200, 30)
    bar.show()
    qtbot.waitExposed(bar)
    qtbot.waitUntil(lambda: strip.width() >= strip.sizeHint().width())
    assert shown_whole(strip) == ["(+1.25, -0.50)", "epoch 123,456", "loss 0.0012 / 0.2767"]
    steps = []
    for width in range(1200, strip.minimumSizeHint().width() - 1, -10):
        strip.resize(width, strip.height())
        shown = shown_whole(strip)
        if not steps or steps[-1] != shown:
            steps.append(shown)
    assert steps == [
        ["(+1.25, -0.50)", "epoch 123,456", "loss 0.0012 / 0.2767"],
        ["epoch 123,456", "loss 0.0012 / 0.2767"],  # the cursor position goes first
        ["123,456", "0.0012 / 0.2767"],  # then the words; the tooltips say what the numbers are
    ]
    assert not position.isVisible() and epoch.toolTip() == "epochs" and loss.toolTip() == "loss"
    assert bar.minimumSizeHint().width() < strip.sizeHint().width()  # the status bar may be narrower than all long


@pytest.mark.usefixtures("larger_desktop_font")
@pytest.mark.parametrize("moment", ["idle", "after a long run"])
def test_with_a_larger_font_the_window_fits_1024_px_and_its_readouts_show_whole(make_window, qtbot, moment):
    w = make_window(size=(1024, 700))
    if moment == "idle":  # a first start: the banner invites to the lessons (as the app's first start does)
        w.notices.invite(w.lesson_actions.welcome.invitation_text(), "Open the lessons", lambda: None)
    if moment == "after a long run":
        w.controls.play_action.trigger()
        # the readouts have held their long values: thousands of epochs, a rate in epochs/s
        qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch >= 1000, timeout=20000)
        qtbot.waitUntil(lambda: "/s" in w.readouts.status_rate.text(), timeout=5000)
        w.controls.play_action.trigger()
        qtbot.waitUntil(lambda: not w.controller.running, timeout=5000)
    readouts_laid_out(qtbot, w)  # the newest numbers, laid out (they may have made the window a little wider)
    w.resize(1024, 700)
    readouts_laid_out(qtbot, w)
    assert w.minimumSizeHint().width() <= 1024
    assert w.width() <= 1024
    strip = w.readouts.strip
    shown = shown_whole(strip)
    assert strip.geometry().right() < w.statusBar().width()
    number = f"{w.controller.latest_snapshot.epoch:,}"
    assert any(text.endswith(number) for text in shown), shown  # the epoch shows, with or without its word
    assert len(shown) >= 4  # epoch, loss, accuracy and the state stay; only the cursor position may give way
    banner = w.banner
    assert banner.isVisible() == (moment == "idle")
    if banner.isVisible():
        button = banner.action_button
        assert button.width() >= button.sizeHint().width(), f"{button.text()!r} is cut"
        assert banner.geometry().right() <= banner.parentWidget().width()
        if banner.button_below_text():  # where it stands: under the text, not over it
            assert button.geometry().top() >= banner.label.geometry().bottom()


def test_a_readout_emptied_and_filled_again_shows_again(qtbot):
    strip = ReadoutStrip()
    qtbot.addWidget(strip)
    score = strip.add("score", "ab")
    strip.resize(400, 30)
    strip.show()
    qtbot.waitExposed(strip)
    strip.set_text(score, "")  # no score for a while (its room kept: a short text never shrinks it)
    strip.resize(390, 30)  # laid out meanwhile: an empty readout is hidden
    qtbot.waitUntil(lambda: strip.width() == 390)
    assert score.isHidden()
    strip.set_text(score, "ab")
    assert score.isVisible() and score.text() == "ab"


def message_room_left(bar: QStatusBar) -> int:
    """How much of ``bar`` a message may take: up to its first visible widget (the readouts, a button), as
    QStatusBar draws it, eliding the rest."""
    widgets = [c for c in bar.children() if isinstance(c, QWidget) and c.isVisible() and not isinstance(c, QSizeGrip)]
    return min((c.x() for c in widgets), default=bar.width()) - MESSAGE_GAP


def message_shows_whole(bar: QStatusBar, text: str) -> bool:
    return bar.currentMessage() == text and MESSAGE_LEFT + bar.fontMetrics().horizontalAdvance(text) <= (
        message_room_left(bar)
    )


@pytest.mark.usefixtures("larger_desktop_font")
def test_with_a_larger_font_at_1024_px_a_status_message_shows_whole_and_the_readouts_come_back(
    make_window, qtbot, monkeypatch
):
    monkeypatch.setattr(message_room, "HOLD_MS", 800)  # a message that stays gives the readouts back after this
    w = make_window(size=(1024, 700))
    w.controls.play_action.trigger()  # a run's readouts: thousands of epochs, a loss, an accuracy
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch >= 1000, timeout=20000)
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: not w.controller.running, timeout=5000)
    qtbot.wait(300)
    w.resize(1024, 700)
    qtbot.wait(300)
    bar, strip = w.statusBar(), w.readouts.strip
    readouts = shown_whole(strip)
    assert len(readouts) >= 4, readouts
    height = bar.height()
    for text, timeout_ms in [
        ("Saved the session at epoch 123,456 to moons.npsession.", 600),
        ("Paused: the training loss reached the target (0.01).", 600),
        ("Paused: no progress since epoch 123,400 (loss 0.0012). Press Space (Play) to go on.", 0),  # stays
    ]:
        assert not message_shows_whole(bar, text), "the test shows nothing: the message fits beside the readouts"
        w.notices.status(text, timeout_ms)
        qtbot.waitUntil(lambda text=text: message_shows_whole(bar, text), timeout=1000)
        assert bar.shown_message() == text  # as the window's status bar draws it: not elided
        assert bar.height() == height  # the plot above does not jump
        # the message goes (or has shown long enough): the readouts are back, whole, as they were
        qtbot.waitUntil(lambda: strip.isVisible() and shown_whole(strip) == readouts, timeout=3000)
        assert bar.currentMessage() == (text if timeout_ms == 0 else "")
        assert bar.height() == height
    w.notices.status("", 1)


def test_a_short_message_takes_only_the_room_it_needs(qtbot):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    strip = ReadoutStrip()
    strip.add("where", "(+1.25, -0.50)", optional=True)
    strip.add("epochs", "epoch 123,456", "123,456")
    strip.add("loss", "loss 0.0012 / 0.2767", "0.0012 / 0.2767")
    bar.addPermanentWidget(strip)
    room = MessageRoom(bar, strip, parent=bar)
    bar.resize(strip.sizeHint().width() + 60, 30)
    bar.show()
    qtbot.waitExposed(bar)
    qtbot.waitUntil(lambda: strip.width() >= strip.sizeHint().width() - 1)
    assert shown_whole(strip) == ["(+1.25, -0.50)", "epoch 123,456", "loss 0.0012 / 0.2767"]
    text = "Saved 200 points."
    bar.showMessage(text)
    qtbot.waitUntil(lambda: message_shows_whole(bar, text), timeout=1000)
    assert room.giving_way()
    assert shown_whole(strip) in (
        ["epoch 123,456", "loss 0.0012 / 0.2767"],
        ["123,456", "0.0012 / 0.2767"],
    )  # the readouts stay, fewer or shorter
    bar.clearMessage()
    qtbot.waitUntil(lambda: len(shown_whole(strip)) == 3, timeout=1000)
    assert shown_whole(strip) == ["(+1.25, -0.50)", "epoch 123,456", "loss 0.0012 / 0.2767"]


def test_a_readout_that_grows_while_a_message_shows_leaves_it_whole(qtbot):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    strip = ReadoutStrip()
    position = strip.add("where", "", optional=True)  # the mouse is not over the plot yet
    strip.add("epochs", "epoch 123,456", "123,456")
    strip.add("loss", "loss 0.0012 / 0.2767", "0.0012 / 0.2767")
    bar.addPermanentWidget(strip)
    MessageRoom(bar, strip, parent=bar)
    text = "Saved 200 points to points.csv."
    room = MESSAGE_LEFT + bar.fontMetrics().horizontalAdvance(text) + MESSAGE_GAP + 30
    bar.resize(strip.sizeHint().width() + room, 30)
    bar.show()
    qtbot.waitExposed(bar)
    qtbot.waitUntil(lambda: strip.width() >= strip.sizeHint().width() - 1)
    bar.showMessage(text)
    qtbot.waitUntil(lambda: message_shows_whole(bar, text), timeout=1000)
    strip.set_text(position, "(+1.25, -0.50)")  # the mouse came over the plot: the strip wants more room
    qtbot.wait(100)
    qtbot.waitUntil(lambda: message_shows_whole(bar, text), timeout=1000)
    assert len(shown_whole(strip)) >= 2  # the epoch and the loss stay, in words or in numbers
