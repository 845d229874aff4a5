"""Small widgets and helpers every view may use: colours, readouts that do not re-lay the window, the draw queue.

May import: NumPy, PySide6, pyqtgraph. Nothing else of the project.
"""
