"""Datasets: the immutable ``Dataset`` value, the built-in generators (moons, XOR, spirals, ...), the real data sets
(digits, iris, wine, breast cancer) with the plane the plot shows of them, and data files.

May import: NumPy, scikit-learn, ``model.nn`` (the layer below; nothing of it is needed now), and of
``model.storage`` only ``safe_files`` and ``atomic_files``, the file plumbing. Never Qt.
"""
