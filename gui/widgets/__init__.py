"""Small widgets and helpers every view may use: colours, readouts that do not re-lay the window, the draw queue.

The app's look (``style``: style, font, theme and icons) and how tall a dock must be (``dock_heights``) are here
because the window and the features share them.

May import: NumPy, PySide6, pyqtgraph, ``model.resource_files`` (the style sheet and icons). Nothing else of the
project.
"""
