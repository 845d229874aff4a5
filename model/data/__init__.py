"""Datasets: the immutable ``Dataset`` value, the built-in generators (moons, XOR, spirals, ...) and data files.

May import: ``model.nn`` (feature expansion), NumPy, scikit-learn, ``model.storage.safe_files`` for file plumbing.
"""
