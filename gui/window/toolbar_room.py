"""How much the toolbar shows of each class button and tool, so that Play ... Probe fit beside each other without
its ».

The class buttons come in three looks, the roomiest that fits the toolbar's width wins:

- ``names``: the class's colour and marker, then its name ("setosa"), elided at ``CLASS_NAME_WIDTH``;
- ``numbers``: the marker, then a short distinct form (the class number, or a name of at most two characters such as
  the digits' "0"), a little narrower;
- ``badges``: the marker alone with that short form drawn on it;
- ``menu``: for data of many classes (``class_menu.MENU_FROM``), one drop-down list of the classes instead of the
  buttons, so that the tools keep their words (the digits at 1024 px);
- ``badges, tool icons``: the same, and the plot's tools (Add, Erase, Probe) as their icons alone;
- ``badges, icons``: the same, and Step and Reset as their icons alone too (a larger desktop font on the digits'
  ten classes); Play keeps its word.

Names whose elided forms would read alike ("cultiva…" three times) are never shown: the numbers are. The tooltip
and the accessible name always say the whole name. Pure layout arithmetic and pixmaps; ``controls`` applies it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QIcon, QPainterPath, QPen
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

from gui.widgets.style import draw_class_marker, draw_new_class_slot, icon_canvas

CLASS_NAME_WIDTH = 64  # px: a longer class name on its toolbar button is elided (the tooltip has it whole)
LOOKS = ("names", "numbers", "badges", "menu", "badges, tool icons", "badges, icons")  # roomiest first
SHORT_NAME = 2  # characters: a name this short is its own short form (the digits' "0"), else the class number
BADGE_ICON = 18  # px: a badge's marker, large enough for the number on it to read
EXTENSION_ROOM = 16  # px: the toolbar's » (kept free: what follows Probe never fits at the smallest width)


def short_labels(labels: Sequence[str]) -> list[str]:
    """The short forms of the classes' ``labels``: a name of at most ``SHORT_NAME`` characters, else the class
    number; the numbers for all when two short forms would read alike."""
    short = [label if len(label) <= SHORT_NAME else str(k + 1) for k, label in enumerate(labels)]
    return short if len(set(short)) == len(short) else [str(k + 1) for k in range(len(labels))]


def elided_labels(labels: Sequence[str], font: QFont) -> list[str] | None:
    """The ``labels`` elided to ``CLASS_NAME_WIDTH`` in ``font``; None when two would read alike."""
    metrics = QFontMetrics(font)
    shown = [metrics.elidedText(label, Qt.TextElideMode.ElideRight, CLASS_NAME_WIDTH) for label in labels]
    return shown if len(set(shown)) == len(shown) else None


def badge_icon(k: int, text: str, size: int = BADGE_ICON, new: bool = False) -> QIcon:
    """Class ``k``'s marker in its colour with ``text`` (its short form) on it: dark with a white halo, which reads
    on every colour, on the thin markers' (cross, star) arms and on a dark theme's toolbar alike. For the button
    that adds class ``k`` (``new``), the empty slot of its colour instead of its marker."""
    pm, p = icon_canvas(size)
    if new:
        draw_new_class_slot(p, k, size, 0.9)
    else:
        draw_class_marker(p, k, size, 0.95, 1.0)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(round(size * (0.62 if len(text) < 2 else 0.5)))
    path = QPainterPath()
    metrics = QFontMetrics(font)
    width = metrics.horizontalAdvance(text)
    path.addText((size - width) / 2, (size + metrics.capHeight()) / 2, font, text)
    halo = QPen(QColor(255, 255, 255, 235), 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.strokePath(path, halo)
    p.fillPath(path, QColor("#111111"))
    p.end()
    return QIcon(pm)


def needed_width(toolbar: QToolBar, last: QAction) -> int:
    """The width the toolbar's shown items up to ``last`` (included) ask for, side by side, with its margins."""
    layout = toolbar.layout()
    spacing = max(0, layout.spacing()) if layout is not None else 0
    margins = layout.contentsMargins() if layout is not None else None
    total = margins.left() if margins is not None else 0
    for action in toolbar.actions():
        widget = toolbar.widgetForAction(action)
        if action.isVisible() and widget is not None:
            total += widget.sizeHint().expandedTo(widget.minimumSize()).width() + spacing  # as layouts do
        if action is last:
            break
    return total


def available_width(toolbar: QToolBar) -> int:
    """The width the toolbar gives its items before its » (kept free, see ``EXTENSION_ROOM``)."""
    layout = toolbar.layout()
    right = layout.contentsMargins().right() if layout is not None else 0
    return toolbar.contentsRect().width() - right - EXTENSION_ROOM


def set_compact(button: QWidget, compact: str) -> None:
    """The style sheet's narrower padding for a class button (``classButton[compact="numbers"]`` or ``"badges"``;
    "" for none), polished again."""
    if (button.property("compact") or "") == compact:
        return
    button.setProperty("compact", compact)
    button.style().unpolish(button)
    button.style().polish(button)
    button.updateGeometry()


def set_icon_only(button: QToolButton, toolbar: QToolBar, icon_only: bool) -> None:
    """A toolbar button as its icon alone, or as the toolbar shows its buttons."""
    style = Qt.ToolButtonStyle.ToolButtonIconOnly if icon_only else toolbar.toolButtonStyle()
    if button.toolButtonStyle() != style:
        button.setToolButtonStyle(style)


def fits(toolbar: QToolBar, last: QAction) -> bool:
    return needed_width(toolbar, last) <= available_width(toolbar)
