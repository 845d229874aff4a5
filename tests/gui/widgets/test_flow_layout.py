"""A row of controls in a FlowLayout wraps onto more rows in a narrow widget instead of running past its edge."""

from __future__ import annotations

import itertools

from PySide6.QtWidgets import QComboBox, QPushButton, QSizePolicy, QWidget

from gui.widgets.flow_layout import FlowLayout


def rows(widgets) -> int:
    """How many rows ``widgets`` stand in (a row centres items of different heights on one line)."""
    centres = sorted(w.geometry().center().y() for w in widgets)
    return 1 + sum(1 for a, b in itertools.pairwise(centres) if b - a > 4)


def test_controls_wrap_into_rows_and_stay_inside_a_narrow_widget(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout(host)
    box = QComboBox()
    box.addItem("Random directions")
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    buttons = [QPushButton(text) for text in ("New directions", "Recompute", "Follow training")]
    for w in (box, *buttons):
        flow.addWidget(w)
    one_row = flow.sizeHint().width()
    host.resize(one_row, flow.heightForWidth(one_row))
    host.show()
    qtbot.waitExposed(host)
    assert rows((box, *buttons)) == 1  # room enough: one row

    narrow = max(w.sizeHint().width() for w in (box, *buttons)) + 10
    assert flow.minimumSize().width() <= narrow
    host.resize(narrow, flow.heightForWidth(narrow))
    qtbot.wait(20)
    assert flow.heightForWidth(narrow) > flow.heightForWidth(one_row)
    for w in (box, *buttons):
        assert host.rect().contains(w.geometry()), w.text() if isinstance(w, QPushButton) else "box"
    assert rows((box, *buttons)) >= 3
    assert box.width() == narrow  # an expanding control fills its row
