"""The side panels (data, model, training settings), the data document they and the plot edit through undoable
commands, and small form helpers shared by the panels.

May import: ``model``, ``gui.widgets``, PySide6.
"""
