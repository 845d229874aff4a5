"""The GUI's link to training: the ``TrainingController`` (GUI thread), the ``TrainingWorker`` (a QThread that
steps the session) and the child process the session lives in.

May import: ``model``, PySide6. No views.
"""
