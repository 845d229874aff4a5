"""The main plot's legend: names that come from files (class labels of a CSV) are shown as text, never as HTML."""

from __future__ import annotations

import numpy as np

from model.data.dataset import Dataset

HOSTILE = ("<img src=x>", "<b>bold</b> & co")


def test_class_names_in_the_legend_are_plain_text(boundary_view):
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.5, 0.2], [0.2, 0.8]])
    ds = Dataset(X, np.array([0, 1, 0, 1]), np.zeros(4, bool), "classification", 2, HOSTILE)
    boundary_view.set_dataset(ds, 1)
    shown = [label.item.toPlainText() for _, label in boundary_view.data_points.legend.items]
    assert shown[:2] == list(HOSTILE)
