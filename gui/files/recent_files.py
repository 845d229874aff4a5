"""The recent files list (sessions and data files), kept in the app's QSettings, and its menu.

    recent = RecentFiles(window.settings)        # a gui.files.settings.AppSettings
    recent.add("/home/me/moons.npz", "session")
    menu = RecentFilesMenu(recent, "Open recent")
    menu.openRequested.connect(on_open)          # (path, kind)

At most ``MAX_RECENT`` entries, newest first, each path once. Files that no longer exist are dropped
when the menu opens (``missingRemoved`` names them, for a message).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

MAX_RECENT = 8
KINDS = ("session", "data")
SETTINGS_KEY = "recent_files"


class RecentFiles(QObject):
    """Newest-first list of {"path", "kind"} entries stored as JSON under ``settings/recent_files``."""

    changed = Signal()

    def __init__(self, settings, parent=None, max_entries: int = MAX_RECENT):
        super().__init__(parent)
        self.settings = settings
        self.max_entries = int(max_entries)

    def entries(self) -> list[dict]:
        raw = self.settings.load(SETTINGS_KEY, [])
        out: list[dict] = []
        seen: set[str] = set()
        if not isinstance(raw, list):
            return out
        for item in raw:
            if not isinstance(item, dict):
                continue
            path, kind = item.get("path"), item.get("kind")
            if not isinstance(path, str) or not path or kind not in KINDS:
                continue
            key = _key(path)
            if key in seen:
                continue
            seen.add(key)
            out.append({"path": path, "kind": kind})
        return out[: self.max_entries]

    def paths(self) -> list[str]:
        return [e["path"] for e in self.entries()]

    def _store(self, entries: list[dict]) -> None:
        self.settings.save(SETTINGS_KEY, entries[: self.max_entries])
        self.settings.sync()
        self.changed.emit()

    def add(self, path, kind: str) -> None:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
        path = os.path.abspath(os.fspath(path))
        entries = [e for e in self.entries() if _key(e["path"]) != _key(path)]
        self._store([{"path": path, "kind": kind}, *entries])

    def remove(self, path) -> None:
        key = _key(os.fspath(path))
        self._store([e for e in self.entries() if _key(e["path"]) != key])

    def clear(self) -> None:
        self._store([])

    def remove_missing(self) -> list[str]:
        """Drops the entries whose file no longer exists; returns their paths."""
        entries = self.entries()
        kept = [e for e in entries if os.path.isfile(e["path"])]
        missing = [e["path"] for e in entries if not os.path.isfile(e["path"])]
        if missing:
            self._store(kept)
        return missing


def _key(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


class RecentFilesMenu(QMenu):
    """A menu listing ``recent``; rebuilt each time it opens (missing files are dropped then)."""

    openRequested = Signal(str, str)  # path, kind
    missingRemoved = Signal(object)  # list of paths dropped because the files are gone

    def __init__(self, recent: RecentFiles, title: str = "Open &recent", parent=None):
        super().__init__(title, parent)
        self.recent = recent
        self.setToolTipsVisible(True)
        self.aboutToShow.connect(self._on_about_to_show)
        self.recent.changed.connect(self.rebuild)
        self.rebuild()

    @Slot()
    def _on_about_to_show(self) -> None:
        missing = self.recent.remove_missing()  # emits changed -> rebuild
        if missing:
            self.missingRemoved.emit(missing)

    @Slot()
    def rebuild(self) -> None:
        self.clear()
        entries = self.recent.entries()
        for i, e in enumerate(entries):
            name = (os.path.basename(e["path"]) or e["path"]).replace("&", "&&")
            label = f"&{i + 1}  {name}" + ("  (data)" if e["kind"] == "data" else "")
            a = QAction(label, self)
            a.setData(i)
            a.setToolTip(e["path"])
            a.setStatusTip(e["path"])
            a.triggered.connect(self._on_entry)
            self.addAction(a)
        if not entries:
            empty = self.addAction("No recent files")
            empty.setEnabled(False)
            empty.setStatusTip("Files you open or save will be listed here.")
        self.addSeparator()
        clear = self.addAction("Clear list")
        clear.setEnabled(bool(entries))
        clear.setStatusTip("Empties the list of recent files (the files stay where they are).")
        clear.triggered.connect(self._on_clear)
        self.setEnabled(True)

    def entry_actions(self) -> list[QAction]:
        return [a for a in self.actions() if isinstance(a.data(), int)]

    @Slot()
    def _on_entry(self) -> None:
        action = self.sender()
        entries = self.recent.entries()
        i = action.data() if isinstance(action, QAction) else None
        if isinstance(i, int) and 0 <= i < len(entries):
            self.openRequested.emit(entries[i]["path"], entries[i]["kind"])

    @Slot()
    def _on_clear(self) -> None:
        self.recent.clear()
