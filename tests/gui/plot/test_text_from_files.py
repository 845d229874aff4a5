"""Text that comes from files (a CSV cell an error names) is shown as text, never as HTML (the legend's class names:
test_points_legend)."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from model.data.data_files import DataFileError


def test_an_error_naming_a_cell_is_shown_as_text_in_a_message_box():
    """A message box guesses rich text from a tag in the first line: the text it gets reads as the error."""
    from gui.files.file_dialogs import error_text

    error = DataFileError("points.csv", "'<img src=x>' is not a number & more", 3, "x1")
    document = QTextDocument()
    document.setHtml(error_text(error, "points.csv"))
    assert document.toPlainText() == str(error)
