"""The names of the diagram's input nodes: the data's own feature names when it has them, else x₁, x₂, ….

Data with named features (iris, wine, a CSV file's columns; also the two kept by "Train on these two only", or
PC1 and PC2) labels its inputs with those names; drawn data, whose features are the default "x1", "x2", keeps
the short mathematical x₁, x₂ the rest of the app uses. The extra features (x₁², sin x₁, …) keep their formulas.
The names are matched to the network by their number only: a model trained on other data than the current
(a moment between a data change and the next snapshot) keeps the plain x₁, x₂ labels.
"""

from __future__ import annotations

from collections.abc import Sequence

from model.nn.features import feature_labels


def default_feature_names(n: int) -> tuple[str, ...]:
    """The names a ``Dataset`` gives features it was not told the names of."""
    return tuple(f"x{i + 1}" for i in range(n))


def input_labels(n_inputs: int, extras: Sequence[str], feature_names: Sequence[str] = ()) -> list[str]:
    """One label per network input: the raw inputs named by ``feature_names`` (when they are the data's own names
    for exactly these inputs), then the extra features' formulas."""
    n_raw = n_inputs - len(extras)
    labels = feature_labels(n_raw, extras)
    names = tuple(str(name) for name in feature_names)
    if len(names) == n_raw and names != default_feature_names(n_raw):
        labels[:n_raw] = names
    return labels
