"""The plots: the main plot of data and decision boundary (``boundary_view``, composed of ``model_layers`` for
what the model says, ``data_points`` for the data and its legend (``points_legend``), ``edit_gestures`` for what the
mouse does, and ``score_overlay``; ``sample_highlight`` rings chosen samples on it), the loss and score curves, and
rendering those views offscreen to PNG.

May import: ``model``, ``gui.widgets``, PySide6, pyqtgraph.
"""
