"""The File menu: data and session files, recent files, exports (PNG, SVG, GIF), remembered settings.

May import: ``model``, ``gui.widgets``, ``gui.plot``, ``gui.panels``, ``gui.training``, PySide6, pyqtgraph.
"""
