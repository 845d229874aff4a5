"""Files: atomic writes (``atomic_files``) and checked, pickle-free archives (``safe_files``), model files, session
files and the standalone script export.

May import: ``model.nn``, ``model.data``, ``model.training``. Never Qt.
"""
