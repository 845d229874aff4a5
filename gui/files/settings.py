"""Remembered window geometry and last settings, stored with QSettings; and where each running window opened.

Values are stored as JSON text so that the native store and an ini file (used by the tests) give back the
same types. A missing or corrupt value simply yields the default.

Settings that cannot be written (a read-only or full settings folder: ``QSettings.status()`` is ``AccessError``)
are said once (``watch_writing``): the recent files, the layout and the settings would otherwise be lost silently.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QSettings
from PySide6.QtWidgets import QDockWidget

ORGANIZATION = "NeuralPlayground"
APPLICATION = "Neural Playground"
VERSION = 1  # bump when the layout of the stored values changes incompatibly
_PLACES = "window/open"  # where each running window noted the place it opened at
_DOCKS_OPEN = "docks_open"  # {dock's name: open} for a window state kept from before its docks moved to fit


class AppSettings:
    def __init__(self, qsettings: QSettings | None = None):
        self.q = qsettings if qsettings is not None else QSettings(ORGANIZATION, APPLICATION)
        self._say_unwritable: Callable[[str], object] | None = None
        self._unwritable_said = False
        if _int(self.q.value("version"), VERSION) != VERSION:
            self.q.clear()

    # ------------------------------------------------------------------ window
    def restore_window(self, window) -> bool:
        """Restores geometry and dock/toolbar state (the docks named open or closed with it so); returns False when
        nothing was stored."""
        geometry = self.q.value("window/geometry")
        state = self.q.value("window/state")
        restored = False
        if isinstance(geometry, (QByteArray, bytes)) and not QByteArray(geometry).isEmpty():
            restored = bool(window.restoreGeometry(QByteArray(geometry)))
        if isinstance(state, (QByteArray, bytes)) and not QByteArray(state).isEmpty():
            window.restoreState(QByteArray(state))
            docks_open = self.load(_DOCKS_OPEN, {})
            for dock in window.findChildren(QDockWidget) if isinstance(docks_open, dict) else ():
                if isinstance(docks_open.get(dock.objectName()), bool):
                    dock.setVisible(docks_open[dock.objectName()])
        return restored

    def save_window(self, window, state: QByteArray | None = None, docks_open: dict[str, bool] | None = None) -> None:
        """Keeps the window's geometry and ``state`` (its dock/toolbar state now when None), with the docks open
        and closed in it by name when ``docks_open`` says (a state kept from before the docks last moved)."""
        self.q.setValue("version", VERSION)
        self.q.setValue("window/geometry", window.saveGeometry())
        self.q.setValue("window/state", window.saveState() if state is None else state)
        if docks_open:
            self.save(_DOCKS_OPEN, docks_open)
        else:
            self.remove(_DOCKS_OPEN)

    # ------------------------------------------------------------------ places of the windows running
    def window_places(self) -> dict[str, QPoint]:
        """The places the running windows noted (``gui.window.window_place``), by their recovery file's name; read
        afresh: windows of other processes note theirs in the same store."""
        self.sync()
        self.q.beginGroup(_PLACES)
        try:
            places = {name: _point(self.q.value(name)) for name in self.q.childKeys()}
        finally:
            self.q.endGroup()
        return {name: point for name, point in places.items() if point is not None}

    def note_window_place(self, name: str, corner: QPoint) -> None:
        self.q.setValue(f"{_PLACES}/{name}", f"{corner.x()} {corner.y()}")
        self.sync()  # for a window another process opens next

    def forget_window_place(self, name: str) -> None:
        self.q.remove(f"{_PLACES}/{name}")
        self.sync()

    # ------------------------------------------------------------------ plain values
    def load(self, key: str, default=None):
        text = self.q.value(f"settings/{key}")
        if not isinstance(text, str):
            return default
        try:
            return json.loads(text)
        except (ValueError, TypeError):
            return default

    def save(self, key: str, value) -> None:
        self.q.setValue("version", VERSION)
        self.q.setValue(f"settings/{key}", json.dumps(value))

    def remove(self, key: str) -> None:
        self.q.remove(f"settings/{key}")

    def sync(self) -> None:
        self.q.sync()
        self._check_written()

    def watch_writing(self, say: Callable[[str], object]) -> None:
        """``say(message)`` once when the settings could not be written (now or at a later sync), naming the file."""
        self._say_unwritable = say
        self._check_written()

    def _check_written(self) -> None:
        if self._unwritable_said or self._say_unwritable is None:
            return
        if self.q.status() != QSettings.Status.AccessError:
            return
        self._unwritable_said = True
        self._say_unwritable(
            f"The settings cannot be saved to {self.q.fileName()} (the file or its folder cannot be written): the "
            "recent files, the window's layout and the settings chosen will not be remembered."
        )

    def folder(self):
        """The folder the settings live in (kept files such as an unsaved session go beside them)."""
        return Path(self.q.fileName()).resolve().parent


def _point(value) -> QPoint | None:
    """ "x y" -> QPoint; None for anything else."""
    try:
        x, y = (int(part) for part in str(value).split())
    except (TypeError, ValueError):
        return None
    return QPoint(x, y)


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
