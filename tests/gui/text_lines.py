"""The lines a wrapped rich text is laid out in, as a reader sees them: for tests that check where text breaks."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from gui.widgets.unbroken_text import plain


def laid_out_lines(document: QTextDocument) -> list[str]:
    """Every line of ``document`` as laid out at its text width, in reading order (word joiners left out).

    Qt lays a document out lazily (a first part at once, the rest a step at a time from the event loop), so a block
    further down may still hold the lines of its last layout, at another width: asking a block's bounding rectangle
    lays the document out down to that block first."""
    lines = []
    block = document.begin()
    while block.isValid():
        document.documentLayout().blockBoundingRect(block)
        layout, text = block.layout(), block.text()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            lines.append(plain(text[line.textStart() : line.textStart() + line.textLength()]))
        block = block.next()
    return lines


def broken_inside(lines: list[str], formula: str) -> bool:
    """Whether ``formula`` is in the text but on no single line (a line ended inside it)."""
    return formula in " ".join(line.strip() for line in lines) and not any(formula in line for line in lines)
