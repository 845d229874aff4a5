"""Experiments: models compared side by side, the timeline to rewind and branch, the loss landscape and the run
table.

May import: ``model``, ``gui.widgets``, ``gui.plot``, ``gui.panels``, ``gui.training``, PySide6, pyqtgraph.
"""
