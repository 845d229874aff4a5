"""Neural Playground's model layer: networks written from scratch in NumPy.

Pure NumPy (scikit-learn for datasets and input validation); never imports Qt.
"""
