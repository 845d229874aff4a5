"""Lessons and challenges read from TOML files a teacher can write without touching code.

May import: ``model.data``, ``model.training.specs``. Never Qt.
"""
