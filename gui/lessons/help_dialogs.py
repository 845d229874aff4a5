"""Help: the user guide dialog and the complete list of keyboard shortcuts.

``GuideDialog`` shows ``resources/guide.md`` in a QTextBrowser (non-modal); its links open in the desktop's viewer,
a relative one on the file beside the guide wherever the app is installed (the lessons' README in a wheel is deep in
site-packages, not at the ``resources/lessons/README.md`` of a checkout).

``ShortcutsDialog`` lists every shortcut in a table that scrolls; ``shortcut_rows(window, base)`` is what it
lists: the main window's own table (``base``), the mouse gestures other parts add (Alt+click probes a point),
then every other action of the window that has a shortcut (the docks' and menus' actions added by other parts of
the app), so the list cannot fall behind the actions.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFrame, QTextBrowser, QVBoxLayout, QWidget

from gui.lessons.lessons_panel import lesson_font
from gui.widgets.screen_fit import resize_within_screen
from model.resource_files import resource_path

GUIDE = resource_path("guide.md")

GESTURES = (
    ("Alt+click", "Probe the point under the mouse: its forward and backward pass"),
    ("Network diagram: arrows, Space", "Pick a unit; switch a hidden unit off (its output held at 0) or on"),
)

_ARROWS = {"\u2192": "Right", "\u2190": "Left", "\u2191": "Up", "\u2193": "Down"}


def _tokens(keys: str) -> set[str]:
    """The key sequences a row of the table names: 'S  or  \u2192' -> {S, Right}; '1 \u2026 9' -> {1..9}."""
    text = keys.replace(" or ", " / ")
    parts = [p.strip() for p in re.split(r"\s*/\s*|\s{2,}", text) if p.strip()]
    found: set[str] = set()
    for part in parts:
        m = re.fullmatch(r"(\d)\s*\u2026\s*(\d)", part)
        if m:
            found.update(str(d) for d in range(int(m.group(1)), int(m.group(2)) + 1))
            continue
        for word in part.split():
            found.add(_ARROWS.get(word, word))
        found.add(part)
    return found


def _action_description(action: QAction) -> str:
    text = action.text().replace("&", "").rstrip("\u2026.").strip()
    tip = action.toolTip().strip()
    return tip if tip and tip.replace("&", "").rstrip("\u2026.").strip() != text else text


def shortcut_rows(window, base=()) -> list[tuple[str, str]]:
    """(keys, what they do) for the shortcuts dialog: `base`, the gestures, then the window's other actions."""
    rows = list(base)
    covered: set[str] = set()
    for keys, _ in rows:
        covered |= _tokens(keys)
    for keys, what in GESTURES:
        if keys not in covered:
            rows.append((keys, what))
            covered.add(keys)
    extra: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            portable = seq.toString(QKeySequence.SequenceFormat.PortableText)
            if not portable or portable in covered or portable in extra:
                continue
            extra[portable] = _action_description(action)
    for portable in sorted(extra, key=lambda k: (k.count("+"), k)):
        rows.append((QKeySequence(portable).toString(QKeySequence.SequenceFormat.NativeText), extra[portable]))
    return rows


class GuideDialog(QDialog):
    """The short user guide (resources/guide.md), non-modal."""

    def __init__(self, parent: QWidget | None = None, path: Path = GUIDE):
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle("User guide \u2014 Neural Playground")
        self.setModal(False)
        resize_within_screen(self, 700, 760)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        self.path = Path(path)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # in place, a link would replace the guide with no way back
        self.browser.anchorClicked.connect(self._open_link)
        self.browser.setToolTip("The user guide; Help \u25b8 Keyboard shortcuts lists every key.")
        self.browser.document().setDefaultFont(lesson_font(11.0))
        self.browser.document().setDocumentMargin(12)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as error:
            text = f"The user guide could not be read ({error.strerror or error}): `{path}`."
        self.browser.setMarkdown(text)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setToolTip("Closes the guide.")
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def text(self) -> str:
        return self.browser.toPlainText()

    def link_target(self, url: QUrl) -> QUrl:
        """What a link of the guide opens: a relative one is the file of that name beside the guide."""
        if url.isRelative() and url.path():
            return QUrl.fromLocalFile(str(self.path.parent / url.path()))
        return url

    @Slot(QUrl)
    def _open_link(self, url: QUrl) -> None:
        if url.isRelative() and not url.path() and url.fragment():
            self.browser.scrollToAnchor(url.fragment())
        else:
            QDesktopServices.openUrl(self.link_target(url))


class ShortcutsDialog(QDialog):
    """Every shortcut, in a table that scrolls when the screen is short (non-modal). As a message box it grew
    with its ~30 rows: taller than a 700-px screen, its last rows and its Close button were off the screen."""

    WIDTH_PX = 560

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.setModal(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        cells = ((html.escape(k, quote=False), html.escape(v, quote=False)) for k, v in rows)
        self._html = (
            "<table>"
            + "".join(f"<tr><td style='padding:2px 14px 2px 0'><b>{k}</b></td><td>{v}</td></tr>" for k, v in cells)
            + "</table>"
        )
        self.browser = QTextBrowser()
        self.browser.setFrameShape(QFrame.Shape.NoFrame)
        self.browser.setHtml(self._html)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # the whole table where the screen has room, else the screen's height less room for the title bar
        document = self.browser.document()
        document.setTextWidth(self.WIDTH_PX - 40)
        wanted = int(document.size().height()) + buttons.sizeHint().height() + 40
        screen = (parent or self).screen().availableGeometry()
        self.resize(self.WIDTH_PX, min(wanted, screen.height() - 60))

    def text(self) -> str:
        """The table, as HTML."""
        return self._html
