"""A status message longer than its room ends in "…" before the readouts, the whole text in the tooltip."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from gui.window.message_bar import MessageBar

LONG = "Lesson 5: Gradient descent and the learning rate. Press Play (Space) to train."


def tip_text(bar: MessageBar) -> str:
    doc = QTextDocument()
    doc.setHtml(bar.toolTip())
    return doc.toPlainText()


def test_a_long_message_is_elided_before_the_readouts_and_whole_in_the_tooltip(qtbot):
    bar = MessageBar()
    qtbot.addWidget(bar)
    readout = QLabel("accuracy 38.1% / 22.5%")
    bar.addPermanentWidget(readout)
    bar.resize(420, 30)
    bar.show()
    qtbot.waitExposed(bar)
    bar.showMessage(LONG)
    qtbot.wait(20)
    shown = bar.shown_message()
    assert bar.is_elided() and shown.endswith("\u2026") and LONG.startswith(shown[:-1])
    assert bar.message_rect().right() < readout.x()
    assert bar.fontMetrics().horizontalAdvance(shown) <= bar.message_rect().width()
    assert tip_text(bar) == LONG

    bar.resize(1400, 30)  # room enough: whole, and no tooltip needed
    qtbot.wait(20)
    assert bar.shown_message() == LONG and not bar.is_elided() and bar.toolTip() == ""
    bar.clearMessage()
    assert bar.shown_message() == "" and bar.toolTip() == ""
