"""The note under the network diagram says all it has to in a narrow dock: at a 1024×700 window's dock width the
wines' diagram noted "56 weaker lines hidden; no maps of 1…", the reason its nodes have no maps cut off. When even
the note's few-words form is wider than the diagram, its parts go on two lines, each whole, and the nodes make room
for them."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics

from gui.inside.diagram_captions import caption_font
from model.data import real_datasets
from tests.gui.inside.test_diagram_input_names import shown_diagram


@pytest.mark.parametrize(
    ("name", "hidden", "said"),
    [
        ("wine", (8,), ("weaker lines hidden", "no maps of 13 inputs")),
        ("digits", (8, 8), ("weaker lines hidden", "input: the 8×8 image")),
    ],
)
def test_the_notes_few_words_are_whole_in_a_narrow_diagram(qtbot, name, hidden, said):
    diagram = shown_diagram(qtbot, real_datasets.load(name), (226, 400), hidden, steps=0)
    canvas = diagram.canvas
    lines = canvas.shown_note().split("\n")
    metrics = QFontMetrics(caption_font(canvas))
    assert all(metrics.horizontalAdvance(line) <= canvas.width() - 8 for line in lines), lines
    assert not any(line.endswith("…") for line in lines), lines
    assert all(any(part in line for line in lines) for part in said), lines
    note_top = canvas.height() - 16 * len(lines)
    lowest = max(float(column[:, 1].max()) for column in canvas.positions) + canvas.node_px / 2
    if canvas.image_rect is not None:
        lowest = max(lowest, canvas.image_rect.bottom())
    assert lowest <= note_top, "a node is drawn over the note"


def test_a_note_that_fits_stays_one_line(qtbot):
    diagram = shown_diagram(qtbot, real_datasets.load("wine"), (700, 420), (8,), steps=0)
    assert "\n" not in diagram.canvas.shown_note()
    assert "no neuron maps of 13 inputs" in diagram.canvas.shown_note()
