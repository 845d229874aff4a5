"""The main window's own parts, one idea a file: the controls (actions, toolbar, classes and tools), the menu
bar, the banner and status messages, the readouts, the draw tick, data edits from the plot, the first dataset,
the dock layout and the view state a session file keeps.

``gui.main_window.MainWindow`` builds these and the features (``gui.files``, ``gui.experiments``,
``gui.inside``, ``gui.lessons``), handing each feature only the objects it needs.

May import: ``model``, ``gui.widgets``, ``gui.plot``, ``gui.panels``, ``gui.training``, PySide6, pyqtgraph. Never
the features, and the features never import these parts: the main window hands each side the other's objects.
"""
