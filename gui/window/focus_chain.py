"""The window's Tab order: from the plot to the settings (data, model, training, top to bottom), then the
toolbar's buttons (Play, Step, the pace, Reset, the class, the tools), then on to the curves under the plot, the
timeline and the docks on the right.

Qt's default order is the order widgets were made in, which puts the settings after every dock; a person working
from the keyboard starts at the plot and goes to the settings that change it first.

Only the panels' part of the focus chain is walked, never the whole window's: a Python wrapper made for a widget
Qt made itself (a dock's tab bar, a title bar button) can outlive it and be handed out again for a new widget at
the same address (seen as "already deleted" errors in later windows of the same process).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QWidget


def takes_tab(widget: QWidget) -> bool:
    """Tab stops at it; the line edit inside a spin box or an editable list is part of its owner."""
    inner = isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox))
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and not inner


def tab_stops(panels: list[QWidget]) -> list[QWidget]:
    """The widgets Tab stops at in ``panels`` (made one after the other, so one stretch of the focus chain), in
    the chain's order; hidden ones too: they keep their place."""
    stops: list[QWidget] = []
    seen: set[int] = set()
    w: QWidget | None = panels[0]
    while w is not None and id(w) not in seen and any(p is w or p.isAncestorOf(w) for p in panels):
        seen.add(id(w))
        if takes_tab(w):
            stops.append(w)
        w = w.nextInFocusChain()
    return stops


def order_plot_then_settings(plot: QWidget, panels: list[QWidget], then: Sequence[QWidget] = ()) -> None:
    """Tab from ``plot`` goes through every ``panels``' controls in their order, then ``then`` (the toolbar's
    buttons), then where it went before."""
    previous = plot
    for w in [*tab_stops(panels), *then]:
        QWidget.setTabOrder(previous, w)
        previous = w
