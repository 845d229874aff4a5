"""Names that come from files (class labels of a CSV) are shown as text, never as HTML."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QTextDocument

from model.data.data_files import DataFileError
from model.data.dataset import Dataset

HOSTILE = ("<img src=x>", "<b>bold</b> & co")


def test_class_names_in_the_legend_are_plain_text(boundary_view):
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.5, 0.2], [0.2, 0.8]])
    ds = Dataset(X, np.array([0, 1, 0, 1]), np.zeros(4, bool), "classification", 2, HOSTILE)
    boundary_view.set_dataset(ds, 1)
    shown = [label.item.toPlainText() for _, label in boundary_view.data_points.legend.items]
    assert shown[:2] == list(HOSTILE)


def test_an_error_naming_a_cell_is_shown_as_text_in_a_message_box():
    """A message box guesses rich text from a tag in the first line: the text it gets reads as the error."""
    from gui.files.file_dialogs import error_text

    error = DataFileError("points.csv", "'<img src=x>' is not a number & more", 3, "x1")
    document = QTextDocument()
    document.setHtml(error_text(error, "points.csv"))
    assert document.toPlainText() == str(error)
