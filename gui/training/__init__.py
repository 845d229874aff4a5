"""The GUI's link to training: the ``TrainingController`` (GUI thread; the worker's ``TrainingEvents`` are its
signals), the ``TrainingWorker`` (a QObject the controller moves into its QThread: ``TrainingLoop`` steps the
session there, the worker adds the GUI's requests as slots) and the proxy of the child process the session
lives in. Both sides of the link keep ``model.training.contract``.

May import: ``model``, PySide6. No views (no widgets, no pyqtgraph).
"""
