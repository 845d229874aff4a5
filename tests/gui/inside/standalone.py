"""``InsideViews`` built from its narrow objects alone, without a MainWindow: a window for its docks, the plot,
the model panel's input features, a draw queue, and the controller and data document a test gives."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from gui.inside.inside_views import InsideViews
from gui.panels.feature_inputs import FeatureInputs
from gui.plot.boundary_view import BoundaryView
from gui.widgets.draw_queue import DrawQueue
from gui.window.docks import DockLayout


def inside_views_alone(qtbot, controller, document, current_class: int = 0):
    """(inside views, their window, the plot showing ``document``'s data, the input features box); the window is
    not shown."""
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QLabel("plot"))
    plot, features = BoundaryView(), FeatureInputs()
    qtbot.addWidget(plot)
    qtbot.addWidget(features)
    plot.set_dataset(document.dataset, document.version)
    inside = InsideViews(
        controller=controller,
        document=document,
        plot=plot,
        draw_queue=DrawQueue(),
        docks=DockLayout(window),
        current_class=lambda: current_class,
        features_box=features,
    )
    return inside, window, plot, features
