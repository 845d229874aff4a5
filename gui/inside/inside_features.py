"""Everything that looks inside the model, built together: the inside views, Step slowly, the confusion matrix
and the digits' views.

They share the network diagram (Step slowly plays on it, the digit pad draws its path on it) and its dock (the
confusion matrix's and the digits' docks are tabbed with it), and a clicked cell of the confusion matrix shows
its samples as digit images. Each gets the few objects it needs; the window puts the actions they bring into
its menus and toolbar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import QObject

from gui.inside.confusion_dock import ConfusionDock
from gui.inside.digit_views import DigitViews
from gui.inside.inside_views import InsideViews
from gui.inside.slow_step import SlowStep


class InsideFeatures(NamedTuple):
    inside_views: InsideViews  # diagram, probe, hidden space, health and perceptron lesson docks
    slow_step: SlowStep  # one step played phase by phase on the network diagram
    confusion: ConfusionDock  # confusion matrix and class scores (residuals in a regression)
    digit_views: DigitViews  # digits: each unit's weights as an image, test images, a pad to draw on


def build_inside_features(
    *,
    controller: Any,
    document: Any,
    plot: Any,
    draw_queue: Any,
    docks: Any,
    current_class: Callable[[], int],
    features_box: Any,
    status: Callable[..., None],
    parent: QObject,
) -> InsideFeatures:
    """The four, linked to each other; ``status`` shows Step slowly's messages."""
    inside_views = InsideViews(
        controller=controller,
        document=document,
        plot=plot,
        draw_queue=draw_queue,
        docks=docks,
        current_class=current_class,
        features_box=features_box,
    )
    diagram_dock = inside_views.docks["diagram"]
    slow_step = SlowStep(
        controller, inside_views.diagram, diagram_dock, inside_views.probe_panel, status, parent=parent
    )
    # a clicked cell highlights its points on the plot
    confusion = ConfusionDock(controller=controller, document=document, plot=plot, draw_queue=draw_queue, docks=docks)
    docks.tabify(diagram_dock, confusion.dock)
    digit_views = DigitViews(
        controller=controller,
        document=document,
        draw_queue=draw_queue,
        docks=docks,
        diagram=inside_views.diagram,  # the pad's path is drawn on it
        tab_with=diagram_dock,
    )
    confusion.samplesSelected.connect(digit_views.show_samples)  # a cell's samples as images
    return InsideFeatures(inside_views, slow_step, confusion, digit_views)
