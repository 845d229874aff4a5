"""Pictures for a person to look at. ``take_shot`` returns a widget's grab (for the test to check what it shows);
under `make shots` (which sets NEURAL_PLAYGROUND_SHOTS to the folder) it also writes the picture there. Ordinary
test runs write nothing. Tests that take one are marked ``shots`` so that `make shots` runs just them."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication

SHOTS_ENV = "NEURAL_PLAYGROUND_SHOTS"


def take_shot(widget, name: str):
    """The widget as a person sees it now (a QPixmap); written to $NEURAL_PLAYGROUND_SHOTS/<name> when set."""
    QApplication.processEvents()  # pending layout requests (a label that grew a line)
    image = widget.grab()
    folder = os.environ.get(SHOTS_ENV)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert image.save(str(Path(folder) / name)), f"could not write {name}"
    return image
