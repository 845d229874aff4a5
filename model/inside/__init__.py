"""Looking inside a trained network: one point's probe, hidden-layer space, layer health, neuron maps and the
loss landscape, and how right its predictions are (``class_scores``: confusion matrix, per-class scores,
residuals). Each reads a ``Snapshot`` (or a session) and returns immutable results. ``contour`` finds where a
snapshot's grid crosses a level: the decision boundary as line segments.

``step_phases`` takes one training step apart (forward, loss, backward, update) for the slow-motion view.

May import: ``model.nn``, ``model.data`` (the dataset, class words, the digits' shape), ``model.training.snapshot``;
``step_phases`` also the session it steps (and its ``StepResult``), ``landscape`` the session it slices. Never Qt.
"""
