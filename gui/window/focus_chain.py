"""The window's Tab order: from the plot to the settings (data, model, training, top to bottom), then on to the
curves under the plot, the timeline and the docks on the right.

Qt's default order is the order widgets were made in, which puts the settings after every dock; a person working
from the keyboard starts at the plot and goes to the settings that change it first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QWidget


def takes_tab(widget: QWidget) -> bool:
    """Tab stops at it; the line edit inside a spin box or an editable list is part of its owner."""
    inner = isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox))
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and not inner


def focus_chain(window: QWidget) -> list[QWidget]:
    """The widgets Tab visits under ``window``, in order (hidden ones included: they keep their place)."""
    chain: list[QWidget] = []
    seen: set[int] = set()
    w = window.nextInFocusChain()
    while w is not None and w is not window and id(w) not in seen:
        seen.add(id(w))
        if takes_tab(w) and window.isAncestorOf(w):
            chain.append(w)
        w = w.nextInFocusChain()
    return chain


def order_plot_then_settings(plot: QWidget, panels: list[QWidget]) -> None:
    """Tab from ``plot`` goes through every ``panels``' controls in their order, then where it went before."""
    window = plot.window()
    settings = [w for w in focus_chain(window) if any(p is w or p.isAncestorOf(w) for p in panels)]
    previous = plot
    for w in sorted(settings, key=lambda w: next(k for k, p in enumerate(panels) if p is w or p.isAncestorOf(w))):
        QWidget.setTabOrder(previous, w)
        previous = w
