"""On data that is not the digits, the unit images and the test images say where the digits are; the path they
name is the one the window has (the Settings panel, its Data box, the Dataset list, the digits' item), and
following it shows the images."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QGroupBox


def _path(text: str) -> list[str]:
    match = re.search(r"Settings ▸ Data ▸ [^▸]+ ▸ Digits \(8×8\)", text)
    assert match, f"no path to the digits in {text!r}"
    return match.group(0).split(" ▸ ")


def test_the_digit_views_name_the_real_way_to_the_digits(make_window, qtbot):
    w = make_window(dataset="moons", seed=0)
    grid, units = w.digit_views.test_images, w.digit_views.units
    for view in (grid, units):
        view.show_snapshot(w.controller.latest_snapshot)
        view.flush()
    hints = [grid.caption.text(), units.caption.text()]
    assert all("Data ▸ Digits" not in hint for hint in hints)  # no menu of that name
    for hint in hints:
        dock, box, field, item = _path(hint)
        assert w.panel_dock.windowTitle() == dock
        data = w.panels.data
        assert box in [b.title() for b in data.findChildren(QGroupBox)]
        assert data.generator_label.text() == field and data.generator.findText(item) >= 0

    data = w.panels.data
    i = data.generator.findText("Digits (8×8)")  # the hint followed: the item picked in the list
    data.generator.setCurrentIndex(i)
    data.generator.activated.emit(i)
    qtbot.waitUntil(lambda: w.document.dataset.n_features == 64, timeout=10000)
    qtbot.waitUntil(
        lambda: (snap := w.controller.latest_snapshot) is not None and snap.layer_sizes[0] == 64, timeout=20000
    )
    grid.show_snapshot(w.controller.latest_snapshot)
    grid.flush()
    assert len(grid.cells.images) > 0 and "need the digits" not in grid.caption.text()
