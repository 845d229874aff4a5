"""The PySide6 + pyqtgraph user interface of Neural Playground."""
