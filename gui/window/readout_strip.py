"""ReadoutStrip: the status bar's readouts in one strip that gives way when the window is narrow.

Each readout has a long form ("epoch 3,399", "loss 0.0012 / 0.2767") and a short one, its numbers ("3,399",
"0.0012 / 0.2767"; the tooltip says what they are). The strip shows the richest of its levels that fits its width:
every readout in its long form; then without the lower-priority ones (the cursor position); then the short forms.
Its least width is that of the last level, so that with a larger desktop font the window still fits a 1024 px
screen, and what shows is never cut mid-word.

Why the labels have fixed widths that only grow, four characters at a time: ``QLabel.setText`` on a label whose size
is not fixed asks the window to lay itself out again (toolbars, status bar, docks: 1-2 ms of the GUI thread), and the
epoch's new digit would do so with every frame while training. A width grows only when a text outgrows it (and
shrinks only when a text is much shorter: "paused" after a rate), both forms' widths are kept, and the level changes
only when the strip is resized or a width changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

GROW_CHARS = 4  # characters of room a readout gets each time a text outgrows it
SPACING = 0  # px between two readouts (the style's padding of a status bar's label parts them)
LONG, SHORT = 0, 1


@dataclass
class _Readout:
    label: QLabel
    optional: bool  # given up first when room is short
    texts: list[str] = field(default_factory=lambda: ["", ""])  # the long form, the short form
    widths: list[int] = field(default_factory=lambda: [0, 0])  # each form's steady width


# (readouts kept: all, or the ones not optional; the form shown), richest first
LEVELS = ((True, LONG), (False, LONG), (False, SHORT))


class ReadoutStrip(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._readouts: list[_Readout] = []
        self._level = 0
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def add(self, tooltip: str, long_text: str, short_text: str | None = None, optional: bool = False) -> QLabel:
        """A readout at the strip's right end, showing ``long_text`` (or ``short_text`` where room is short)."""
        label = QLabel(self)
        label.setToolTip(tooltip)
        label.installEventFilter(self)  # its font and padding come from the style: measured again when they change
        self._readouts.append(_Readout(label, optional))
        self.set_text(label, long_text, short_text)
        return label

    def set_text(self, label: QLabel, long_text: str, short_text: str | None = None) -> None:
        """``label``'s new texts (the short form is the long one when not given)."""
        readout = next(r for r in self._readouts if r.label is label)
        readout.texts = [long_text, long_text if short_text is None else short_text]
        keep_optional, form = LEVELS[self._level]
        if self._fit(readout):  # a width grew or shrank (rare): the strip's size hints changed
            self.updateGeometry()
            self._arrange()
        elif label.isHidden() and readout.texts[form] and (keep_optional or not readout.optional):
            self._arrange()  # hidden while its text was empty, at the same width: it shows again
        else:
            label.setText(readout.texts[form])  # a fixed size: no layout runs

    def labels(self) -> list[QLabel]:
        """The readouts' labels, from the left."""
        return [r.label for r in self._readouts]

    def level(self) -> int:
        """0: every readout, long; 1: the optional ones hidden; 2: short forms too."""
        return self._level

    # ------------------------------------------------------------------ sizes
    def _fit(self, readout: _Readout) -> bool:
        label = readout.label
        metrics, margins = label.fontMetrics(), label.contentsMargins()
        frame = max(0, 2 * label.frameWidth() + margins.left() + margins.right() + 2 * label.margin() + label.indent())
        step = GROW_CHARS * metrics.averageCharWidth()
        changed = False
        for form, text in enumerate(readout.texts):
            need = metrics.horizontalAdvance(text) + frame
            # grows past its room; shrinks only when two steps too wide ("paused" after "12,345 epochs/s"), which a
            # number that changes by a digit or two never is
            if need > readout.widths[form] or need + 2 * step < readout.widths[form]:
                readout.widths[form] = need + step
                changed = True
        return changed

    def _level_width(self, level: int) -> int:
        keep_optional, form = LEVELS[level]
        widths = [r.widths[form] for r in self._readouts if r.texts[form] and (keep_optional or not r.optional)]
        return sum(widths) + SPACING * max(0, len(widths) - 1)

    def _line_height(self) -> int:
        return max((r.label.fontMetrics().height() + 4 for r in self._readouts), default=self.fontMetrics().height())

    def sizeHint(self) -> QSize:
        return QSize(self._level_width(0), self._line_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._level_width(len(LEVELS) - 1), self._line_height())

    def _arrange(self) -> None:
        """The richest level that fits the width; its readouts placed from the right end."""
        self._level = next((i for i in range(len(LEVELS)) if self._level_width(i) <= self.width()), len(LEVELS) - 1)
        keep_optional, form = LEVELS[self._level]
        x, height = self.width(), self._line_height()
        top = max(0, (self.height() - height) // 2)
        for readout in reversed(self._readouts):
            label = readout.label
            if not readout.texts[form] or (readout.optional and not keep_optional):  # nothing yet, or no room
                label.hide()
                continue
            x -= readout.widths[form]
            label.setText(readout.texts[form])
            label.setFixedSize(readout.widths[form], height)
            label.move(x, top)
            label.show()
            x -= SPACING

    # ------------------------------------------------------------------ Qt
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Polish):
            readout = next((r for r in self._readouts if r.label is watched), None)
            if readout is not None:  # another font: measured again, from nothing (a smaller one shrinks)
                readout.widths = [0, 0]
                self._fit(readout)
                self.updateGeometry()
                self._arrange()
        return super().eventFilter(watched, event)
