"""How tall a dock must be to show its view without scrolling, and a column's height shared among docks by what
they need: the rules by which a lesson stacks its views beside the plot (or puts the last in tabs), and by which
the loss landscape stands under the compared models when the column has room for both."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QScrollArea

SEPARATOR_PX = 6  # px: the handle between two docks stacked in a column
TAB_BAR_PX = 28  # px: the bar of a group of tabbed docks


def dock_need(dock: QDockWidget) -> int:
    """The least height ``dock`` shows its view in without scrolling, at its present width: its title bar and its
    view's least height for that width (a view holding wrapped text needs more height when narrow)."""
    scroll = dock.widget()
    if not isinstance(scroll, QScrollArea) or (view := scroll.widget()) is None:
        return dock.minimumSizeHint().height()
    title = dock.height() - scroll.height()
    layout = view.layout()
    if layout is not None and layout.hasHeightForWidth():
        least = layout.totalMinimumHeightForWidth(scroll.viewport().width())
    else:
        least = view.minimumSizeHint().height()
    return title + max(least, view.minimumHeight())


def group_need(group, needs: dict) -> int:
    """The height a group of docks stacked in a column needs: its neediest view's, and a bar of tabs if more than
    one."""
    return max(needs[dock] for dock in group) + (TAB_BAR_PX if len(group) > 1 else 0)


def share_out(room: int, needs: list[int]) -> list[int]:
    """``room`` shared equally, except that a part needing more than its share gets what it needs and the others
    share the rest: a view whose need is not known yet (measured before its model came, so small) is not left
    with only that."""
    sizes = [0] * len(needs)
    free = list(range(len(needs)))
    while free:
        share = room // len(free)
        more = [i for i in free if needs[i] > share]
        if not more:
            for i in free:
                sizes[i] = share
            break
        for i in more:
            sizes[i] = needs[i]
            room -= needs[i]
            free.remove(i)
    return sizes
