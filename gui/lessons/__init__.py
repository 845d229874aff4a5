"""Lessons, challenges and help: the Lessons menu, the lesson and challenge docks, the start page and guide.

May import: ``model``, ``gui.widgets``, ``gui.panels``, ``gui.training``, PySide6.
"""
