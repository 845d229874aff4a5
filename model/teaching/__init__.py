"""Lessons and challenges read from TOML files a teacher can write without touching code.

May import: ``model.data``, ``model.training`` (specs, pace, snapshot), ``model.nn.units_off``, ``model.storage``
(value checks; an atomic write for the lesson writer) and ``model.resource_files`` (the bundled lessons). Never Qt.
"""
