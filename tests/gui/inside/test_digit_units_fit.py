""" "Unit images" in its dock's scroll area: where every unit's image fits in sight at a readable size
(at least ``LEAST_CELL_PX`` square), no scroll bar shows; where the images would be smaller, the view scrolls up and
down (never sideways), and scrolled, every image is readable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from gui.inside.digit_units_view import LEAST_CELL_PX, DigitUnitsView
from tests.gui.inside.in_a_dock import digits_snapshot as trained_digits
from tests.gui.inside.in_a_dock import shown_in_dock


@pytest.fixture(scope="module")
def digits_snapshot():
    return trained_digits(epochs=1)


def units_in_dock(qtbot, snapshot, size):
    view = DigitUnitsView()
    scroll = shown_in_dock(qtbot, view, "digitUnits", size)
    view.show_snapshot(snapshot)
    view.flush()
    qtbot.wait(50)
    assert len(view.grid.cell_rects()) == 16
    return view, scroll


def images_in_sight(view, scroll) -> list[QRect]:
    """The images' rectangles that lie wholly in the scroll area's sight."""
    seen = QRect(QPoint(0, 0), scroll.viewport().size())
    shown = []
    for rect in view.grid.cell_rects():
        r = rect.toAlignedRect()
        r.moveTopLeft(view.grid.mapTo(scroll.viewport(), r.topLeft()))
        if seen.contains(r):
            shown.append(r)
    return shown


@pytest.mark.parametrize("size", [(420, 350), (300, 300), (240, 260)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_scroll_bar_when_every_image_fits(qtbot, digits_snapshot, size):
    view, scroll = units_in_dock(qtbot, digits_snapshot, size)
    assert scroll.verticalScrollBar().maximum() == 0, (
        f"a scroll bar at {size}: the view asks {view.heightForWidth(scroll.viewport().width())} px of "
        f"{scroll.viewport().height()}"
    )
    assert scroll.horizontalScrollBar().maximum() == 0
    shown = images_in_sight(view, scroll)
    assert len(shown) == 16, f"{len(shown)} of 16 images in sight"
    assert min(r.width() for r in shown) >= LEAST_CELL_PX - 3  # the cell less its padding


@pytest.mark.parametrize("size", [(420, 90), (240, 150)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_scroll_bar_when_the_images_would_be_too_small(qtbot, digits_snapshot, size):
    view, scroll = units_in_dock(qtbot, digits_snapshot, size)
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0, f"no scroll bar at {size}: the images are {view.grid.cell_rects()[0].width():.0f} px"
    assert scroll.horizontalScrollBar().maximum() == 0, "it scrolls sideways"
    bar.setValue(bar.maximum())
    qtbot.wait(20)
    rects = view.grid.cell_rects()
    assert min(r.width() for r in rects) >= LEAST_CELL_PX - 3, "scrolled, an image is still too small to read"
    assert len(images_in_sight(view, scroll)) == 16, "scrolled to the end, not every image is in sight"
