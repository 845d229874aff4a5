"""Network maths, written from scratch in NumPy: where forward and backward propagation happen.

Activations and losses with their derivatives, the dense layer (``layers.Dense.forward`` / ``backward``:
backpropagation through one layer), the network over one flat parameter vector (``network.Network``), the
optimizers, weight penalties, Rosenblatt's perceptron rule, extra input features, and the scikit-learn compatible
estimators built on them.

May import: NumPy, scikit-learn, threadpoolctl. Nothing else of the project.
"""
