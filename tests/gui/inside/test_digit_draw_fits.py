"""The Draw-a-digit dock shows its last line: at the sizes the dock has beside the plot (the digits lesson at
1 400×900 and 1 600×1 000), the caption under the pad ("Epoch …: the network says 7 …") is in sight and whole, and
each class's bar keeps a line of text, without scrolling."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics

from gui.inside.digit_draw_pad import DigitDrawView
from tests.gui.inside.in_a_dock import digits_snapshot as trained_digits
from tests.gui.inside.in_a_dock import shown_in_dock


@pytest.fixture(scope="module")
def digits_snapshot():
    return trained_digits(epochs=2)


@pytest.mark.parametrize("size", [(378, 284), (420, 333), (300, 300)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_caption_under_the_pad_is_in_sight_and_whole(qtbot, digits_snapshot, size):
    view = DigitDrawView()
    scroll = shown_in_dock(qtbot, view, "digitDraw", size)
    view.show_snapshot(digits_snapshot)
    view.pad.stroke((8, 6), (24, 6))  # a 7
    view.pad.stroke((24, 6), (14, 28))
    view.flush()
    qtbot.wait(50)

    caption = view.caption
    assert caption.text().startswith("Epoch 2: the network says")
    assert scroll.verticalScrollBar().maximum() == 0 and scroll.horizontalScrollBar().maximum() == 0
    seen = QRect(QPoint(0, 0), scroll.viewport().size())
    shown = QRect(caption.mapTo(scroll.viewport(), QPoint(0, 0)), caption.size())
    assert seen.contains(shown), f"the caption {shown.getRect()} is out of the dock's sight {seen.getRect()}"
    assert caption.height() >= caption.heightForWidth(caption.width()), "the caption's last line is cut"
    line = QFontMetrics(view.bars._text_font()).height()
    assert view.bars.height() >= 10 * line, "a class's bar has less than a line of text"
