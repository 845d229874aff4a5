"""Every lesson's formulas stay whole in the lesson panel, whatever its width: "a⁽ˡ⁻¹⁾ᵀ·δ⁽ˡ⁾" or "1 − a²" are
never split across two lines (the panel wraps between words and formulas only)."""

from __future__ import annotations

import re

from gui.lessons.lessons_panel import LessonPanel
from gui.widgets.unbroken_text import SHORT_FORMULA
from model.teaching.lessons import load_all
from tests.gui.text_lines import broken_inside, laid_out_lines

# the formulas as the lessons write them: a bold span with an operator, or terms joined by spaced operators
_BOLD = re.compile(r"\*\*([^*]*[=·←/⊙σ−+][^*]*)\*\*")
_RUN = re.compile(r"[^\s*]+(?: [=−+·←≤⊙/] [^\s*]+)+")


def _formulas(text: str) -> list[str]:
    found = [m.group(1) for m in _BOLD.finditer(text)]
    rest = _BOLD.sub(" ", text)
    return found + [m.group(0).rstrip(".,") for m in _RUN.finditer(rest)]


def test_lesson_six_formulas_and_every_other_lessons_stay_on_one_line(qtbot):
    lessons, _challenges, problems = load_all()
    assert not problems
    panel = LessonPanel()
    qtbot.addWidget(panel)
    six = next(lesson for lesson in lessons if lesson.id == "backpropagation")
    assert {"∂L/∂W⁽ˡ⁾ = a⁽ˡ⁻¹⁾ᵀ·δ⁽ˡ⁾", "f′(z) = 1 − a²"} <= set(_formulas(six.text))
    for index, lesson in enumerate(lessons):
        panel.show_lesson(lesson, index, len(lessons))
        document = panel.browser.document()
        formulas = [f for f in _formulas(lesson.text) if f in document.toPlainText().replace("\u2060", "")]
        for width in range(240, 700, 23):
            document.setTextWidth(width)
            lines = laid_out_lines(document)
            for formula in formulas:
                # a formula wider than the line breaks before one of its "=" only
                for link in formula.split(" = ") if len(formula) > SHORT_FORMULA else [formula]:
                    assert not broken_inside(lines, link.strip()), f"{lesson.id}: {link!r} at {width} px: {lines}"


def test_a_lessons_links_code_and_emphasis_beside_a_formula_render_as_without_it(qapp):
    """A teacher's lesson file may put a link, inline code or _emphasis_ next to a spaced operator: the joiners that
    keep formulas whole must not land inside their marks (the link showed as "[the rate](https://…)", the
    underscores as text)."""
    from PySide6.QtGui import QTextDocument

    from gui.widgets.unbroken_text import formulas_unbroken, plain

    for text in (
        "Set [the rate](https://example.org/a) = 0.1 here",
        "Code: `w = w - lr*g` ok",
        "_x_ = 2 and y",
        "![a plot](plot.png) = the loss",
    ):
        as_written, kept_whole = QTextDocument(), QTextDocument()
        as_written.setMarkdown(text)
        kept_whole.setMarkdown(formulas_unbroken(text))
        assert plain(kept_whole.toPlainText()) == as_written.toPlainText(), text
        for mark in ("href", "italic", "<img", "monospace"):
            assert kept_whole.toHtml().count(mark) == as_written.toHtml().count(mark), (text, mark)


def test_a_formula_copied_from_a_lesson_is_the_text_as_read(qtbot):
    """Copied (Ctrl+C) from the lesson, "f′(z) = 1 − a²" pastes as typed, without the invisible joiners that keep it
    whole on screen: pasted into Python or a search box it matched nothing."""
    from PySide6.QtWidgets import QApplication

    lessons, _challenges, _problems = load_all()
    panel = LessonPanel()
    qtbot.addWidget(panel)
    six = next(i for i, lesson in enumerate(lessons) if lesson.id == "backpropagation")
    panel.show_lesson(lessons[six], six, len(lessons))
    assert "\u2060" in panel.browser.document().toPlainText()  # kept whole on screen by joiners
    panel.browser.selectAll()
    panel.browser.copy()
    copied = QApplication.clipboard().mimeData()
    assert "f′(z) = 1 − a²" in copied.text() and "\u2060" not in copied.text()
    assert "\u2060" not in copied.html()
