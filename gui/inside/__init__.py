"""Views of the inside of the network: the diagram, the probe, hidden-layer space, health, the perceptron
lesson, the activation and bias explorer, the confusion matrix (residuals in a regression), and the code that
wires them into the window.

May import: ``model``, ``gui.widgets``, ``gui.plot``, ``gui.training``, PySide6, pyqtgraph.
"""
