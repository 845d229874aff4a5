"""Training: specs, the ``TrainingSession`` stepped epoch by epoch, snapshots, history, the timeline, runs,
side-by-side groups, and the loop that serves a session from a child process.

May import: ``model.nn``, ``model.data``, ``model.inside``, ``model.storage``. Never Qt.
"""
