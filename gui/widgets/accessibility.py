"""What assistive technology reads for a control, and status tips for actions.

``accessible_name(widget)`` is the name a screen reader announces: the widget's own accessible name when it has
one, else the name Qt's accessibility interface gives it (a button's text, a field's buddy label; on Linux a
combo box reads as its current value, its label coming through a relation). ``needs_name(text)`` says when that
is no name at all: empty, or no letter in it ("−", "✕", "0", "41×41").

``give_status_tips(window)`` copies every action's tooltip into its status tip where it has none, so the status
bar says what a menu item does while it is highlighted (Qt shows status tips, not tooltips, for menu items);
pyqtgraph's own "Export..." item of each chart's context menu gets one saying what it opens.
"""

from __future__ import annotations

import re

from pyqtgraph import GraphicsScene
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import QWidget


def accessible_name(widget: QWidget) -> str:
    if widget.accessibleName():
        return widget.accessibleName()
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def needs_name(text: str | None) -> bool:
    return not text or re.search(r"[^\W\d_]", text) is None


def _plain(text: str) -> str:
    return text.replace("&", "").rstrip("\u2026.").strip()


def give_status_tips(window: QWidget) -> int:
    """Status tip = tooltip for the actions of ``window`` that have a tooltip saying more than their text."""
    given = 0
    for action in window.findChildren(QAction):
        tip = action.toolTip().strip()
        if not action.statusTip() and tip and _plain(tip) != _plain(action.text()):
            action.setStatusTip(tip)
            given += 1
        elif not action.statusTip() and isinstance(action.parent(), GraphicsScene):
            action.setStatusTip("Opens pyqtgraph's export dialog for this chart (picture, SVG or the data as CSV).")
            given += 1
    return given
