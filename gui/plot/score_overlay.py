"""ScoreOverlay: a few lines of text in a box, anchored by its top-right corner (the plot's score).

Why not pyqtgraph's TextItem: it lays out a rich-text document (QTextDocument) whenever its HTML changes, and
the score changes with every frame (its epoch line): ~0.5 ms of the GUI thread per frame while training. Here
the lines are painted with ``drawText``; only their widths are measured when the text changes. ``score_lines``
says what the lines are for a snapshot.

The box is kept as a pixmap (``DeviceCoordinateCache``), painted again only when its text or colours change
(10 times a second while training): it sits on the boundary image, which changes with every frame of the plot
(~40 a second), and its lines of text cost ~0.4-0.7 ms of each of those paints.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from gui.widgets.theme import LIGHT

PAD_X, PAD_Y = 6.0, 4.0
INKS = ("text", "soft", "alarm")
FILL_ALPHA = 235  # a little see-through: a point under the box still shows
SCORE_POINT_SIZE = 9.0  # at a desk; presenter mode scales it


def score_lines(snap, regression: bool) -> list[tuple[str, bool, str]]:
    """What the plot's score says about a snapshot: the test score (bold, when there is one), the training
    score, the epoch, and whether training diverged. Accuracy in per cent; R² for regression. Each line's ink is
    one of ``INKS``, coloured by the theme."""
    task = getattr(snap, "task", "regression" if regression else "classification")
    test, train = getattr(snap, "test_score", math.nan), getattr(snap, "train_score", math.nan)
    epoch = getattr(snap, "epoch", None)

    def fmt(v):
        if v is None or not math.isfinite(v):
            return "–"
        return f"{100 * v:.1f} %" if task == "classification" else f"{v:.3f}"

    name = "accuracy" if task == "classification" else "R²"
    lines = []
    if test is not None and math.isfinite(test):
        lines.append((f"test {name} {fmt(test)}", True, "text"))
    lines.append((f"train {name} {fmt(train)}", False, "text"))
    if epoch is not None:
        lines.append((f"epoch {int(epoch):,}", False, "soft"))
    if getattr(snap, "diverged", False):
        lines.append(("diverged", False, "alarm"))
    return lines


def box_fonts(point_size: float) -> tuple[QFont, QFont]:
    """The plain and bold fonts of a box drawn on the plot (the score's, a unit map's key) at ``point_size``."""
    font = QFont()
    font.setPointSizeF(point_size)
    bold = QFont(font)
    bold.setBold(True)
    return font, bold


class ScoreOverlay(QGraphicsObject):
    """Lines of ``(text, bold, ink)`` (ink one of ``INKS``), right-aligned in a box with a border, in the colours
    of the theme set (``set_theme``; the light one until then). The item's position is the box's top-right corner
    (so that the box grows to the left as its text gets longer)."""

    def __init__(self, point_size: float = SCORE_POINT_SIZE, parent=None):
        super().__init__(parent)
        self._lines: list[tuple[str, bool, str]] = []  # as shown
        self._given: list[tuple[str, bool, str]] = []  # as given: all of them
        self._brief = False  # only the first line (and an alarm): a plot too short for the whole box and the legend
        self._widths: list[float] = []
        self._rect = QRectF()
        self.set_point_size(point_size)
        self.set_theme(LIGHT)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_theme(self, now) -> None:
        """The box and its text in the colours of ``now`` (a ``gui.widgets.theme.Theme``)."""
        fill = QColor(now.score_fill)
        fill.setAlpha(FILL_ALPHA)
        self.fill = QBrush(fill)
        self.border = QPen(QColor(now.score_border))
        self._inks = {"text": QColor(now.score_text), "soft": QColor(now.score_soft), "alarm": QColor(now.score_alarm)}
        self.update()

    def set_point_size(self, point_size: float) -> None:
        """The text's size; the lines shown are measured again."""
        self._font, self._bold = box_fonts(point_size)
        self._line_height = QFontMetricsF(self._bold).height()
        self._lines = []
        self.set_lines(self._given)

    def set_lines(self, lines) -> None:
        """``lines``: (text, bold, ink) tuples, top to bottom."""
        self._given = [(str(t), bool(b), str(ink)) for t, b, ink in lines]
        lines = self._shown(self._given, self._brief)
        if lines == self._lines:
            return
        self._lines = lines
        normal, bold = QFontMetricsF(self._font), QFontMetricsF(self._bold)
        self._widths = [(bold if b else normal).horizontalAdvance(t) for t, b, _ in lines]
        width = (max(self._widths) if self._widths else 0.0) + 2 * PAD_X
        height = len(lines) * self._line_height + 2 * PAD_Y
        rect = QRectF(-width, 0.0, width, height)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    @staticmethod
    def _shown(lines, brief: bool):
        """``lines`` as the box shows them: all, or (``brief``) the first, without the word "accuracy", and an alarm
        ("diverged")."""
        if not brief:
            return list(lines)
        first = [(text.replace(" accuracy", "", 1), bold, ink) for text, bold, ink in lines[:1]]  # "test 97.5 %"
        return first + [line for line in lines[1:] if line[2] == "alarm"]

    def set_brief(self, brief: bool) -> None:
        """Only the first line (the test score: "test 97.5 %") and an alarm, or every line: in a plot too small for
        the whole box beside the legend, the training score and the epoch are read in the status bar."""
        if brief != self._brief:
            self._brief = brief
            self.set_lines(self._given)

    def brief(self) -> bool:
        return self._brief

    def full_size(self, brief: bool | None = None) -> tuple[float, float]:
        """The box's width and height with the longest score it shows (test and training accuracy of 100.0 %, a
        long epoch count), or as it is now where larger: the room to keep for it before training has made it so.
        ``brief``: the size of the brief box (``set_brief``), or of the whole one; as it is shown when None."""
        lines = score_lines(
            SimpleNamespace(task="classification", test_score=1.0, train_score=1.0, epoch=100_000), False
        )
        brief = self._brief if brief is None else brief
        lines = self._shown(lines, brief)
        if brief != self._brief:  # not as shown: measured alone
            normal, bold = QFontMetricsF(self._font), QFontMetricsF(self._bold)
            widest = max((bold if b else normal).horizontalAdvance(t) for t, b, _ in lines)
            return widest + 2 * PAD_X, len(lines) * self._line_height + 2 * PAD_Y
        normal, bold = QFontMetricsF(self._font), QFontMetricsF(self._bold)
        widest = max((bold if b else normal).horizontalAdvance(t) for t, b, _ in lines)
        width = max(widest + 2 * PAD_X, self._rect.width())
        return width, max(len(lines) * self._line_height + 2 * PAD_Y, self._rect.height())

    def box_size(self) -> tuple[float, float]:
        """The box's width and height as it is shown now."""
        return self._rect.width(), self._rect.height()

    def plain_text(self) -> str:
        """The lines shown (a brief box: its first line)."""
        return "\n".join(t for t, _, _ in self._lines)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not self._lines:
            return
        painter.setPen(self.border)
        painter.setBrush(self.fill)
        painter.drawRect(self._rect)
        y = self._rect.top() + PAD_Y
        right = self._rect.right() - PAD_X
        for (text, bold, ink), width in zip(self._lines, self._widths):
            painter.setFont(self._bold if bold else self._font)
            painter.setPen(self._inks.get(ink, self._inks["text"]))
            box = QRectF(right - width - 1, y, width + 2, self._line_height)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
            y += self._line_height
