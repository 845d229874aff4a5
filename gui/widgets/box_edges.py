"""The app's style: Fusion, with the edges of check boxes and radio buttons drawn in the theme's colour.

Fusion draws a check box's edge (and a radio button's) a shade darker than the window's colour: on a light window a
pale grey line around a white box (1.8:1 against white), on the dark theme's window a near-black line around a box
of nearly the panel's own colour (1.2:1), where an unchecked box all but vanishes ("Log scale", "Log epochs", the
extra inputs). The theme names the edge it wants (``Theme.box_edge``); Fusion still draws every indicator itself
(its check mark, its partial mark, its pressed and focused looks), only from a window colour a shade lighter than
that edge, so that its own darker shade of it is the edge. Every check box takes it: the group boxes', the tables'
and the menus' too, as Fusion draws theirs the same way.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory

from gui.widgets import theme

#: How much lighter (in value) the window is than the edge Fusion draws from it: a check box's edge is the window's
#: colour made darker by 140 % then lighter by 110 %, a radio button's darker by 150 % (QColor.darker, .lighter).
_WINDOW_PER_EDGE = {
    QStyle.PrimitiveElement.PE_IndicatorCheckBox: 1.4 / 1.1,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton: 1.5,
}


def window_for_edge(edge: QColor, element: QStyle.PrimitiveElement) -> QColor:
    """The window colour from which Fusion draws ``element``'s edge in ``edge`` (as near as a colour's value
    allows)."""
    value = min(255, round(edge.value() * _WINDOW_PER_EDGE[element]))
    return QColor.fromHsv(max(edge.hue(), 0), edge.saturation(), value, edge.alpha())


class BoxEdgeStyle(QProxyStyle):
    """Fusion, whose check boxes and radio buttons take the current theme's edge colour."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        # every primitive Qt draws (frames, cells, focus rectangles) comes through here: the others go straight on
        if element in _WINDOW_PER_EDGE and option is not None:
            shown = theme.current()
            option = type(option)(option)  # the caller's option is left as it was
            palette = QPalette(option.palette)
            palette.setColor(QPalette.ColorRole.Window, window_for_edge(QColor(shown.box_edge), element))
            # a box that cannot be checked now looks it: its edge as faint as the panels' borders
            disabled_edge = window_for_edge(QColor(shown.qss["border_strong"]), element)
            palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Window, disabled_edge)
            option.palette = palette
        super().drawPrimitive(element, option, painter, widget)
