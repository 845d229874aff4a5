"""The GUI's link to training: the ``TrainingController`` (GUI thread; the worker's ``TrainingEvents`` are its
signals), the ``TrainingWorker`` (a QThread that steps the session) and the proxy of the child process the
session lives in. Both sides of the link keep ``model.training.contract``.

May import: ``model``, PySide6. No views.
"""
