"""The registry of the inside views: one ``InsideViewSpec`` per dock that ``InsideViews`` makes, in the View
menu's order (and its tabs' order beside the plot).

Everything else follows the tuple: ``InsideViews`` makes each view and its dock from it, hands every view the
draw queue, each snapshot and each new data set, and lists the docks' toggles for the View menu; a lesson opens
a view by its ``key`` (``gui.lessons.lesson_views``). A view here is a ``ThrottledView`` with
``set_dataset(dataset)`` (``InsideView``); what only one view does (the probe's clicks, the diagram's nodes)
is wired by name in ``InsideViews``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from gui.inside.health_panel import HealthPanel
from gui.inside.hidden_space_view import HiddenSpaceView
from gui.inside.network_diagram import NetworkDiagram
from gui.inside.perceptron_lesson import PerceptronLesson
from gui.inside.probe_panel import ProbePanel


class InsideView(Protocol):
    """What ``InsideViews`` asks of every view (``gui.inside.throttled_view.ThrottledView`` gives the first two)."""

    def set_draw_queue(self, queue) -> None: ...

    def show_snapshot(self, snapshot) -> None: ...

    def set_dataset(self, dataset) -> None: ...


@dataclass(frozen=True)
class InsideViewSpec:
    """One inside view.

    ``key``: its name in lesson files (``model.teaching.lesson_content.VIEWS``) and in ``InsideViews.docks``;
    ``tab_title``: its dock's title bar and tab, a word or two (tabs beside the plot share ~240 px at 1024×700);
    ``title``: its name in the View menu; ``make``: builds the view; ``dock_name``: the dock's object name, under
    which ``QMainWindow.saveState`` keeps where the person left it (renaming it forgets that);
    ``shown_at_start``: its dock is open in a fresh window."""

    key: str
    tab_title: str
    title: str
    make: Callable[[], InsideView]
    dock_name: str
    shown_at_start: bool = False


INSIDE_VIEWS: tuple[InsideViewSpec, ...] = (
    InsideViewSpec("diagram", "Network", "Network diagram", NetworkDiagram, "diagramDock", shown_at_start=True),
    InsideViewSpec("probe", "Probe", "Probe a point", ProbePanel, "probeDock"),
    InsideViewSpec("hidden_space", "Hidden space", "Hidden-layer space", HiddenSpaceView, "hiddenDock"),
    InsideViewSpec("health", "Health", "Network health", HealthPanel, "healthDock"),
    InsideViewSpec("perceptron_lesson", "Perceptron", "Perceptron lesson", PerceptronLesson, "perceptronLessonDock"),
)
