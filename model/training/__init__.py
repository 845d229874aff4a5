"""Training: specs, the ``TrainingSession`` stepped epoch by epoch, snapshots, history, the timeline, runs,
side-by-side groups, and the loop that serves a session from a child process.

The contract between the GUI's training worker and a session (wherever it lives) is ``contract`` (what a
session offers, its replies and events; ``group_contract`` for models side by side) and ``requests`` (what
can be asked of a session where it lives).

May import: ``model.nn``, ``model.data``, ``model.inside``, ``model.storage``. Never Qt.
"""
