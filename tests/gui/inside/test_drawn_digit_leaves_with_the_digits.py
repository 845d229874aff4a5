"""The digit drawn on the pad drives the network diagram on the digits only: with other data open (Wine, lesson 10,
after the digits lesson) the diagram's lines are its weights again and its caption speaks of no drawn digit, and
back on the digits the drawing still on the pad is followed again."""

from __future__ import annotations

from tests.gui.inside.test_digit_views import _open_digits_lesson


def test_the_diagram_forgets_the_drawing_on_other_data_and_takes_it_back_on_the_digits(make_window, qtbot):
    w = make_window()
    _open_digits_lesson(w, qtbot)
    pad = w.digit_views.draw.pad
    pad.stroke((14, 4), (14, 27))  # a stroke of the mouse on the pad
    diagram = w.inside_views.diagram
    assert diagram.mode.currentData() == "signal" and "drawn digit" in diagram.legend.text()

    w.lesson_actions.open_lesson("more-than-two-features")
    qtbot.waitUntil(lambda: w.document.dataset.n_features == 13, timeout=20000)
    assert pad.bitmap.any()  # the drawing is still on the pad...
    assert diagram.mode.currentData() == "weights"  # ...but Wine's lines are its weights
    assert "drawn digit" not in diagram.legend.text()

    generator = w.data_panel.generator
    generator.setCurrentIndex(generator.findData("digits"))
    w.data_panel.generate_button.click()
    qtbot.waitUntil(lambda: w.document.dataset.n_features == 64, timeout=20000)
    assert diagram.mode.currentData() == "signal" and "drawn digit" in diagram.legend.text()
