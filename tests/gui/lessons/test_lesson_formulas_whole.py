"""Every lesson's formulas are shown whole in the lesson panel of a 1024×700 window, and of any wider one:
"a⁽ˡ⁻¹⁾ᵀ·δ⁽ˡ⁾" or "1 − a²" are never split across two lines (the panel wraps between words and formulas only; a
formula wider than the line only before one of its "=")."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication

from gui.lessons.lessons_panel import LessonPanel
from gui.widgets.unbroken_text import SHORT_FORMULA
from model.teaching.lessons import load_all
from tests.gui.text_lines import broken_inside, laid_out_lines

# the formulas as the lessons write them: a bold span with an operator, or terms joined by spaced operators
_BOLD = re.compile(r"\*\*([^*]+)\*\*")  # each bold span, its marks paired in order
_OPERATOR = re.compile(r"[=·←/⊙σ−+]")
_RUN = re.compile(r"[^\s*]+(?: [=−+·←≤⊙/] [^\s*]+)+")
WIDER = range(0, 400, 23)  # px added to the panel's width, as a person widens the dock


def _formulas(text: str) -> list[str]:
    found = [m.group(1) for m in _BOLD.finditer(text) if _OPERATOR.search(m.group(1))]
    rest = _BOLD.sub(" ", text)
    return found + [m.group(0).rstrip(".,") for m in _RUN.finditer(rest)]


def _cut(lesson, document) -> list[str]:
    """The formulas of ``lesson`` that ``document`` (its text, laid out) shows on more than one line."""
    lines = laid_out_lines(document)
    cut = []
    for formula in _formulas(lesson.text):
        # a formula wider than the line breaks before one of its "=" only
        for link in formula.split(" = ") if len(formula) > SHORT_FORMULA else [formula]:
            if broken_inside(lines, link.strip()):
                cut.append(f"{lesson.id}: {link.strip()!r} at {document.textWidth():.0f} px: {lines}")
    return cut


def test_every_lessons_formulas_are_whole_in_a_1024_by_700_window_and_wider(make_window, qtbot):
    lessons, _challenges, problems = load_all()
    assert not problems
    six = next(lesson for lesson in lessons if lesson.id == "backpropagation")
    assert {"∂L/∂W⁽ˡ⁾ = a⁽ˡ⁻¹⁾ᵀ·δ⁽ˡ⁾", "f′(z) = 1 − a²"} <= set(_formulas(six.text))
    w = make_window(size=(1024, 700))
    dock, panel = w.lesson_actions.lesson_dock, w.lesson_actions.lesson_panel
    dock.show()  # as opening a lesson shows it
    dock.raise_()
    browser = panel.browser
    cut = []
    for index, lesson in enumerate(lessons):
        panel.show_lesson(lesson, index, len(lessons))
        QApplication.processEvents()  # the browser lays its new text out at its own width
        qtbot.waitUntil(lambda: browser.isVisible() and browser.document().textWidth() == browser.viewport().width())
        document = browser.document()
        shown = laid_out_lines(document)  # each block laid out at the width shown, none left from another width
        fresh = document.clone(browser)  # the same text laid out from nothing, at the same width
        fresh.setTextWidth(document.textWidth())
        assert shown == laid_out_lines(fresh), f"{lesson.id}: the panel's layout is not the current one"
        cut += _cut(lesson, document)
        for extra in WIDER:
            fresh.setTextWidth(document.textWidth() + extra)
            cut += _cut(lesson, fresh)
    assert not cut, "\n".join(cut)


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
