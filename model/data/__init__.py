"""Datasets: the immutable ``Dataset`` value, the built-in generators (moons, XOR, spirals, ...), the real data sets
(digits, iris, wine, breast cancer) with the plane the plot shows of them, and data files.

May import: ``model.nn`` (feature expansion), NumPy, scikit-learn, ``model.storage.safe_files`` and
``model.storage.atomic_files`` for file plumbing.
"""
