"""The perceptron lesson names each output's class as the data does (``model.data.class_words``, as the probe and
Step slowly do): on the digits output 1 is the 0 against the rest, "class 0", where it said "class 1"."""

from __future__ import annotations


def _next_sample_text(w, qtbot) -> str:
    lesson = w.inside_views.lesson
    w.inside_views.docks["perceptron_lesson"].show()
    lesson.show_snapshot(w.controller.latest_snapshot)
    lesson.flush()
    with qtbot.waitSignal(w.controller.perceptronUpdated, timeout=10000):
        lesson.next_button.click()
    qtbot.waitUntil(lambda: "Sample #" in lesson.text.toPlainText(), timeout=5000)
    return lesson.text.toPlainText()


def test_the_perceptron_lesson_says_the_digits_classes_by_their_names(make_window, qtbot):
    w = make_window(size=(1024, 700))
    generator = w.data_panel.generator
    generator.setCurrentIndex(generator.findData("digits"))
    w.data_panel.generate_button.click()
    qtbot.waitUntil(lambda: w.document.dataset.n_features == 64, timeout=20000)
    w.model_panel.kind.setCurrentIndex(w.model_panel.kind.findData("perceptron"))
    qtbot.waitUntil(
        lambda: (
            w.controller.latest_snapshot.model_kind == "perceptron"
            and w.controller.latest_snapshot.layer_sizes[0] == 64
        ),
        timeout=10000,
    )
    text = _next_sample_text(w, qtbot)
    assert "output 1 (class 0 vs the rest)" in text, text
    assert "output 10 (class 9 vs the rest)" in text, text
    assert "class 10" not in text
