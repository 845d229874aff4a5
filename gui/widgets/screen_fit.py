"""``resize_within_screen``: a window's first size, no larger than the screen it opens on.

Qt gives a top-level window the size asked for, even past the screen's edge: on a 1024×700 screen the main window
(1360×860) and the guide (760 px tall) opened with their bottoms, and the buttons there, out of reach, where the
window manager does not pull them in.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

#: room left for the window's frame and title bar, which the available geometry does not count
FRAME_PX = 40


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """``widget.resize(width, height)``, each at most what the screen ``widget`` is on has available."""
    available = widget.screen().availableGeometry().size()
    widget.resize(QSize(width, height).boundedTo(QSize(available.width(), available.height() - FRAME_PX)))
