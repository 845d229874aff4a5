"""The plots: the main plot of data and decision boundary (``boundary_view``), its layers (points, score),
the loss and score curves, and rendering those views offscreen to PNG.

May import: ``model``, ``gui.widgets``, PySide6, pyqtgraph.
"""
