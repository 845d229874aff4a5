"""Light and dark themes: the palettes, the style sheet's colours per theme, the plots' colours, and the choice.

The choice is System, Light or Dark. System follows ``QStyleHints.colorScheme()`` (Qt 6.5+) and its
``colorSchemeChanged`` signal, so the app turns dark when the desktop does. One ``ThemeManager`` per application
(``manager()``) applies the theme: the app's palette, ``resources/style.qss`` with its ``@name`` colour tokens filled
from the theme, pyqtgraph's default background and foreground, and every plot of the windows it follows (their
backgrounds, axis lines, tick labels, axis titles and legends), then emits ``changed`` with the theme.

The class colours (Okabe-Ito) stay the same in both themes: they were chosen to be told apart, also by people
with the common colour-vision deficiencies, and both backgrounds keep them visible.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from enum import StrEnum

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget


class ThemeChoice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @classmethod
    def parse(cls, value: object) -> ThemeChoice:
        """A stored value back as a choice; anything else (a damaged settings file) is System."""
        try:
            return cls(str(value))
        except ValueError:
            return cls.SYSTEM


@dataclass(frozen=True)
class Theme:
    name: str
    dark: bool
    palette: dict[str, str]  # QPalette role name -> colour (the Active and Inactive groups)
    disabled_text: str
    qss: dict[str, str] = field(default_factory=dict)  # style.qss token (without '@') -> colour
    plot_background: str = "#ffffff"
    plot_foreground: str = "#1d2733"

    def qpalette(self) -> QPalette:
        pal = QPalette(QColor(self.palette["Button"]), QColor(self.palette["Window"]))  # derives light/mid/dark
        for role_name, colour in self.palette.items():
            pal.setColor(getattr(QPalette.ColorRole, role_name), QColor(colour))
        for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
            pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(self.disabled_text))
        return pal

    def style_sheet(self, template: str) -> str:
        """``template`` with every ``@token`` replaced by this theme's colour (an unknown token is an error)."""

        def colour(match: re.Match[str]) -> str:
            return self.qss[match.group(1)]

        return re.sub(r"@([a-z_]+)", colour, template)


LIGHT = Theme(
    name="light",
    dark=False,
    palette={
        "Window": "#f4f5f7",
        "WindowText": "#1d2733",
        "Base": "#ffffff",
        "AlternateBase": "#f0f2f5",
        "Text": "#1d2733",
        "Button": "#ffffff",
        "ButtonText": "#1d2733",
        "Highlight": "#2f6fb0",
        "HighlightedText": "#ffffff",
        "ToolTipBase": "#23303d",
        "ToolTipText": "#ffffff",
        "PlaceholderText": "#6f7b88",
        "Link": "#1f5f9f",
    },
    disabled_text="#8a949e",
    qss={
        "window": "#f4f5f7",
        "surface": "#ffffff",
        "text": "#1d2733",
        "text_soft": "#5a6673",
        "heading": "#3b4b5c",
        "border": "#dcdfe4",
        "border_strong": "#c4cbd4",
        "hover": "#eef1f5",
        "checked": "#e2e8f0",
        "checked_border": "#b8c2cf",
        "pressed": "#e2e7ee",
        "dock_title": "#eceef2",
        "disabled": "#8a949e",
        "primary": "#2f6fb0",
        "primary_border": "#285f98",
        "primary_hover": "#3a7cc0",
        "primary_pressed": "#275d93",
        "banner": "#fff4e0",
        "banner_border": "#e9c27a",
        "banner_text": "#5b3c00",
        "splitter": "#e3e6eb",
        "tooltip": "#23303d",
        "tooltip_text": "#ffffff",
    },
    plot_background="#ffffff",
    plot_foreground="#2d3a48",
)

DARK = Theme(
    name="dark",
    dark=True,
    palette={
        "Window": "#1f2329",
        "WindowText": "#e6e9ed",
        "Base": "#272c33",
        "AlternateBase": "#2d333b",
        "Text": "#e6e9ed",
        "Button": "#2d333b",
        "ButtonText": "#e6e9ed",
        "Highlight": "#2f6fb0",
        "HighlightedText": "#ffffff",
        "ToolTipBase": "#0f1318",
        "ToolTipText": "#f0f2f4",
        "PlaceholderText": "#9aa5b1",
        "Link": "#8cc4ff",
        "BrightText": "#ffffff",
    },
    disabled_text="#7d8794",
    qss={
        "window": "#1f2329",
        "surface": "#2a2f36",
        "text": "#e6e9ed",
        "text_soft": "#aeb8c3",
        "heading": "#c9d2dc",
        "border": "#3a414a",
        "border_strong": "#4d5661",
        "hover": "#353c45",
        "checked": "#3d4652",
        "checked_border": "#5a6572",
        "pressed": "#39414b",
        "dock_title": "#262b31",
        "disabled": "#7d8794",
        "primary": "#2f6fb0",
        "primary_border": "#4a86c4",
        "primary_hover": "#3a7cc0",
        "primary_pressed": "#275d93",
        "banner": "#3a301c",
        "banner_border": "#8a6a2a",
        "banner_text": "#f3dcae",
        "splitter": "#2c3138",
        "tooltip": "#0f1318",
        "tooltip_text": "#f0f2f4",
    },
    plot_background="#1b1f24",
    plot_foreground="#d4dae1",
)


#: Presenter mode's look: black on white, dark borders, no soft greys, because a projector washes out light tints and
#: faint greys first. The accents stay strong blues.
HIGH_CONTRAST = Theme(
    name="high contrast",
    dark=False,
    palette={
        "Window": "#ffffff",
        "WindowText": "#000000",
        "Base": "#ffffff",
        "AlternateBase": "#f2f2f2",
        "Text": "#000000",
        "Button": "#ffffff",
        "ButtonText": "#000000",
        "Highlight": "#0a4f9e",
        "HighlightedText": "#ffffff",
        "ToolTipBase": "#000000",
        "ToolTipText": "#ffffff",
        "PlaceholderText": "#333333",
        "Link": "#0a3f80",
    },
    disabled_text="#595959",
    qss={
        "window": "#ffffff",
        "surface": "#ffffff",
        "text": "#000000",
        "text_soft": "#000000",
        "heading": "#000000",
        "border": "#404040",
        "border_strong": "#000000",
        "hover": "#e6eefa",
        "checked": "#cfe0f7",
        "checked_border": "#0a4f9e",
        "pressed": "#cfe0f7",
        "dock_title": "#e8e8e8",
        "disabled": "#595959",
        "primary": "#0a4f9e",
        "primary_border": "#06346b",
        "primary_hover": "#0d5bb5",
        "primary_pressed": "#06346b",
        "banner": "#fff0c2",
        "banner_border": "#000000",
        "banner_text": "#000000",
        "splitter": "#404040",
        "tooltip": "#000000",
        "tooltip_text": "#ffffff",
    },
    plot_background="#ffffff",
    plot_foreground="#000000",
)


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


def theme_for(choice: ThemeChoice, system_dark: bool) -> Theme:
    if choice is ThemeChoice.SYSTEM:
        return DARK if system_dark else LIGHT
    return DARK if choice is ThemeChoice.DARK else LIGHT


def style_plot_widget(view: pg.GraphicsView, theme: Theme) -> None:
    """A plot already built, in ``theme``'s colours: background, axes (lines, ticks, titles), titles, legends."""
    view.setBackground(theme.plot_background)
    for item in view.scene().items():
        if isinstance(item, pg.AxisItem):
            item.setPen(theme.plot_foreground)  # also the axis title, through the label's style
            item.setTextPen(theme.plot_foreground)
        elif isinstance(item, pg.LegendItem):
            item.setLabelTextColor(theme.plot_foreground)
        elif isinstance(item, pg.LabelItem) and not isinstance(item.parentItem(), pg.LegendItem):
            item.setAttr("color", theme.plot_foreground)
            item.setText(item.text)


class ThemeManager(QObject):
    """The application's theme: the user's choice, the system's scheme, and applying the theme they give."""

    changed = Signal(object)  # the Theme now shown

    def __init__(self, app: QApplication, template: str = "") -> None:
        super().__init__(app)
        self._app = app
        self._template = template
        self.choice = ThemeChoice.SYSTEM
        self._override: Theme | None = None
        self._extra_qss = ""
        self._windows: weakref.WeakSet[QWidget] = weakref.WeakSet()
        self.theme = theme_for(self.choice, system_is_dark())
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._on_system_scheme)

    def set_template(self, template: str) -> None:
        self._template = template

    def set_choice(self, choice: ThemeChoice) -> None:
        self.choice = choice
        self.apply()

    def set_override(self, theme: Theme | None, extra_qss: str = "") -> None:
        """Shows ``theme`` (and ``extra_qss`` after the style sheet) whatever the choice, until called with None;
        the choice is kept, and shown again then (presenter mode uses this)."""
        self._override = theme
        self._extra_qss = extra_qss if theme is not None else ""
        self.apply()

    @Slot(Qt.ColorScheme)
    def _on_system_scheme(self, _scheme: Qt.ColorScheme) -> None:
        if self.choice is ThemeChoice.SYSTEM and self._override is None:
            self.apply()

    def apply(self) -> None:
        theme = self._override or theme_for(self.choice, system_is_dark())
        self.theme = theme
        pg.setConfigOptions(background=theme.plot_background, foreground=theme.plot_foreground)
        self._app.setPalette(theme.qpalette())
        if self._template:
            # Set even when unchanged: the style sheet's palette() references are resolved when it is set.
            self._app.setStyleSheet(theme.style_sheet(self._template) + self._extra_qss)
        for window in list(self._windows):
            try:
                views = window.findChildren(pg.GraphicsView)
            except RuntimeError:  # the window is gone
                self._windows.discard(window)
                continue
            for view in views:
                style_plot_widget(view, theme)
        self.changed.emit(theme)

    def follow(self, window: QWidget) -> None:
        """Restyle the plots under ``window`` on every change (plots made later start in the current colours).

        Windows are registered rather than found with ``allWidgets()``: that would make Python wrappers for every
        widget Qt made itself, which outlive their widgets and can be handed out again for a new widget at the
        same address."""
        self._windows.add(window)


_manager: ThemeManager | None = None


def manager() -> ThemeManager:
    """The application's one ThemeManager (made with the QApplication's first call)."""
    global _manager
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("themes need a QApplication")
    if _manager is None or _manager.parent() is not app:
        _manager = ThemeManager(app)
    return _manager


def current() -> Theme:
    return manager().theme
