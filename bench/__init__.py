"""Speed benchmarks (not tests): ``python -m bench`` or ``make bench``.

One module per section: ``throughput`` (epochs/s against scikit-learn and
PyTorch), ``limit`` (the floor for this work and each implementation's share of
it), ``grid`` (boundary evaluation), ``drawing`` (offscreen frames of the main
window) and ``live`` (training while the window animates). ``ncalls`` counts
NumPy calls; ``runners`` wraps the implementations; ``common`` holds the task,
timing and tables. See bench/README.md for the figures.
"""
