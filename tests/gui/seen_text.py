"""The contrast of text as a person sees it, measured on a window's pixels rather than on the colours asked for.

The window is grabbed twice: as shown, and with the words of its labels, text-less-icon buttons and text browsers
taken away (the labels and buttons emptied, each browser's document swapped for a copy whose characters are drawn
transparent; table cells, boxes and frames stay). The pixels that differ are the words; the second grab is what is
behind each of them. The words' pixels are cut into runs (a line of text, then the gaps between words), and every
run's most contrasting pixel against its own background must reach WCAG's 4.5:1 (a solid square, a colour's key
beside its word, is not a word). Antialiasing only blends a glyph
toward its background, so a run measures at most its colour's contrast: a run that fails was drawn too faint, in
whatever way its colour was set (a palette role, a style sheet, a colour written inline into rich text).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QAbstractButton, QLabel, QTextEdit, QWidget

from tests.gui.pixels import rgb

WCAG_AA = 4.5
WORD_GAP = 4  # columns without a text pixel that end a run (the space between words is wider; a glyph's is not)
MIN_RUN_PIXELS = 6  # fewer changed pixels are a speck (a caret, a rounding difference), not a word
#: A run this narrow is one symbol; one drawn of thin strokes only (an arrow "←", a "·") never covers a whole pixel,
#: so its strongest pixel is a blend. It is taken as drawn in the ink of its line that lies in the same direction
#: from the same background (the same colour, only thicker elsewhere), if there is one.
SYMBOL_WIDTH = 12
SAME_DIRECTION = 0.995  # cosine between two inks' offsets from their background: the same colour
SAME_BACKGROUND = 8.0  # RGB distance
#: A run that fills this much of a box at least this big is a solid square, a colour's key ("■ positive"): the colour
#: of the lines it names, not a word to read.
KEY_FILL = 0.75
KEY_SIDE = 6


@dataclass(frozen=True)
class Run:
    """A run of text seen in the window: where, its most contrasting pixel, that pixel's background, the ratio."""

    widget: QWidget
    rect: QRect  # in the window's coordinates
    ink: QColor
    background: QColor
    ratio: float

    def describe(self) -> str:
        name = self.widget.objectName() or type(self.widget).__name__
        return (
            f"{name} at ({self.rect.x()}, {self.rect.y()}) {self.rect.width()}×{self.rect.height()}: "
            f"{self.ink.name()} on {self.background.name()} = {self.ratio:.2f}"
        )


def _linear(channel: np.ndarray) -> np.ndarray:
    s = channel / 255.0
    return np.where(s <= 0.04045, s / 12.92, ((s + 0.055) / 1.055) ** 2.4)


def luminance(pixels: np.ndarray) -> np.ndarray:
    """WCAG's relative luminance of (..., 3) RGB pixels."""
    lin = _linear(pixels.astype(np.float64))
    return 0.2126 * lin[..., 0] + 0.7152 * lin[..., 1] + 0.0722 * lin[..., 2]


def contrast(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    la, lb = luminance(a), luminance(b)
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.isEnabled() and not widget.objectName().startswith("qt_")


def _texts(window: QWidget) -> tuple[list[QLabel], list[QAbstractButton], list[QTextEdit]]:
    labels = [w for w in window.findChildren(QLabel) if _shown(w) and QLabel.text(w).strip()]
    # a button's icon moves when its text goes: buttons with icons are left to the palette's measure
    buttons = [w for w in window.findChildren(QAbstractButton) if _shown(w) and w.text().strip() and w.icon().isNull()]
    browsers = [w for w in window.findChildren(QTextEdit) if _shown(w) and not w.document().isEmpty()]
    return labels, buttons, browsers


def _fragments(document) -> list[tuple[int, int, QTextCharFormat]]:
    """(position, length, format) of every run of characters of one format in ``document`` (tables' too)."""
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            found.append((fragment.position(), fragment.length(), fragment.charFormat()))
            it += 1
        block = block.next()
    return found


def _format_range(document, position: int, length: int, char_format: QTextCharFormat, merge: bool) -> None:
    cursor = QTextCursor(document)
    cursor.setPosition(position)
    cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
    if merge:
        cursor.mergeCharFormat(char_format)
    else:
        cursor.setCharFormat(char_format)


@contextmanager
def _words_taken_away(labels, buttons, browsers) -> Iterator[None]:
    """The words gone, nothing moved (no event is handled in between), and put back as they were. The C++ setters
    are called: a label class's own ``setText`` may keep a whole text or add marks. A browser keeps its document:
    its characters are drawn transparent, then given back their formats."""
    texts = [QLabel.text(w) for w in labels]
    button_texts = [w.text() for w in buttons]
    unseen = QTextCharFormat()
    unseen.setForeground(QBrush(Qt.GlobalColor.transparent))
    formats = []
    for browser in browsers:
        document = browser.document()
        formats.append((document, document.isModified(), _fragments(document)))
        for position, length, _ in formats[-1][2]:
            _format_range(document, position, length, unseen, merge=True)
    for w in labels:
        QLabel.setText(w, "")
    for w in buttons:
        QAbstractButton.setText(w, "")
    try:
        yield
    finally:
        for w, text in zip(labels, texts):
            QLabel.setText(w, text)
        for w, text in zip(buttons, button_texts):
            QAbstractButton.setText(w, text)
        for document, modified, fragments in formats:
            for position, length, char_format in fragments:
                _format_range(document, position, length, char_format, merge=False)
            document.setModified(modified)


def _spans(filled: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """(start, end) of the runs of True in ``filled``, runs closer than ``gap`` joined."""
    where = np.flatnonzero(filled)
    if where.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(where) > gap)
    starts = np.concatenate(([where[0]], where[breaks + 1]))
    ends = np.concatenate((where[breaks], [where[-1]])) + 1
    return list(zip(starts.tolist(), ends.tolist()))


def _rgb(colour: QColor) -> np.ndarray:
    return np.array([colour.red(), colour.green(), colour.blue()], dtype=np.float64)


def _thin_symbols_in_their_line_ink(line: list[Run]) -> list[Run]:
    """The line's runs, a narrow one measured in the strongest ink of the line of its own colour (``SYMBOL_WIDTH``)."""
    measured = []
    for run in line:
        if run.rect.width() <= SYMBOL_WIDTH:
            offset = _rgb(run.ink) - _rgb(run.background)
            for other in line:
                other_offset = _rgb(other.ink) - _rgb(other.background)
                same_background = np.linalg.norm(_rgb(other.background) - _rgb(run.background)) <= SAME_BACKGROUND
                cosine = offset @ other_offset / (np.linalg.norm(offset) * np.linalg.norm(other_offset) + 1e-9)
                if same_background and cosine >= SAME_DIRECTION and other.ratio > run.ratio:
                    run = Run(run.widget, run.rect, other.ink, other.background, other.ratio)
        measured.append(run)
    return measured


def _runs(widget, area: QRect, shown: np.ndarray, behind: np.ndarray) -> list[Run]:
    words = np.any(shown != behind, axis=2)
    ratios = np.where(words, contrast(shown, behind), 0.0)
    found = []
    for top, bottom in _spans(words.any(axis=1), 1):  # lines of text
        line = words[top:bottom]
        runs = []
        for left, right in _spans(line.any(axis=0), WORD_GAP):
            run_pixels = line[:, left:right]
            rows = np.flatnonzero(run_pixels.any(axis=1))
            height = rows[-1] - rows[0] + 1 if rows.size else 0
            if run_pixels.sum() < MIN_RUN_PIXELS:
                continue
            if min(height, right - left) >= KEY_SIDE and run_pixels.sum() >= KEY_FILL * height * (right - left):
                continue
            block = ratios[top:bottom, left:right]
            y, x = np.unravel_index(int(np.argmax(block)), block.shape)
            ink = QColor(*[int(v) for v in shown[top + y, left + x]])
            background = QColor(*[int(v) for v in behind[top + y, left + x]])
            rect = QRect(area.x() + left, area.y() + top, right - left, bottom - top)
            runs.append(Run(widget, rect, ink, background, float(block[y, x])))
        found.extend(_thin_symbols_in_their_line_ink(runs))
    return found


def seen_runs(window: QWidget) -> list[Run]:
    """Every run of text of the window's visible labels, text-only buttons and text browsers, as grabbed."""
    labels, buttons, browsers = _texts(window)
    shown = rgb(window.grab())
    with _words_taken_away(labels, buttons, browsers):
        behind = rgb(window.grab())
    runs = []
    for widget in [*labels, *buttons, *(b.viewport() for b in browsers)]:
        visible = widget.visibleRegion().boundingRect()
        if visible.width() < 4 or visible.height() < 4:
            continue  # scrolled out of sight
        top_left = widget.mapTo(window, visible.topLeft())
        area = QRect(top_left, visible.size()).intersected(window.rect())
        cut = np.s_[area.top() : area.bottom() + 1, area.left() : area.right() + 1]
        runs.extend(_runs(widget, area, shown[cut], behind[cut]))
    return runs


def faint_text(window: QWidget, least: float = WCAG_AA, least_runs: int = 100) -> list[str]:
    """The runs of text seen below ``least``:1 against what is behind them, described (``least_runs``: how many runs
    the window shows at least, else its words were not found)."""
    runs = seen_runs(window)
    assert len(runs) >= least_runs, "the window's words were not found"
    return [run.describe() for run in runs if run.ratio < least]
