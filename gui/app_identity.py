"""The app's identity for the desktop: names, version, desktop entry id and icon, set on the QApplication.

The organisation and application names also decide where QSettings keeps the user's settings, so they are
the ones the app always used. The desktop file name ties the running window to the installed ``.desktop``
entry (Wayland shows that entry's icon and name; see ``neural_playground.desktop_entry``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QIcon

from model.resource_files import resource_path

ORGANIZATION = "NeuralPlayground"
APPLICATION = "Neural Playground"
ICON_NAME = "neural-playground"


def app_icon() -> QIcon:
    """The application icon: the SVG for every size, the PNG where SVG support is missing."""
    result = QIcon()
    for suffix in ("svg", "png"):
        path = resource_path("icons", f"{ICON_NAME}.{suffix}")
        if path.is_file():
            result.addFile(str(path))
    return result


def configure_application(app: QCoreApplication, version: str, desktop_id: str) -> None:
    """Names, version, desktop entry and icon of ``app``; call before the first window is made."""
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(version)
    if isinstance(app, QGuiApplication):  # a window system's names: only a GUI application has them
        app.setApplicationDisplayName(APPLICATION)
        app.setDesktopFileName(desktop_id)
        app.setWindowIcon(app_icon())
