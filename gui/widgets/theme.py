"""Light and dark themes: the palettes, the style sheet's colours per theme, the plots' colours, and the choice.

The choice is System, Light or Dark. System follows ``QStyleHints.colorScheme()`` (Qt 6.5+) and its
``colorSchemeChanged`` signal, so the app turns dark when the desktop does. One ``ThemeManager`` per application
(``manager()``) applies the theme: the app's palette, ``resources/style.qss`` with its ``@name`` colour tokens filled
from the theme, pyqtgraph's default background and foreground, and every plot of the windows it follows (their
backgrounds, axis lines, tick labels, axis titles and legends), then emits ``changed`` with the theme. Presenter
mode asks for the high-contrast kind of the chosen theme (``set_high_contrast``): black on white, or white on black.

The class colours (Okabe-Ito) stay the same in both themes: they were chosen to be told apart, also by people
with the common colour-vision deficiencies, and both backgrounds keep them visible.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Mapping
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
    qss: dict[str, str]  # style.qss token (without '@') -> colour
    #: The QPalette roles with no colour of the style sheet's (name -> colour); ``palette`` adds the others.
    own_roles: dict[str, str] = field(default_factory=dict)
    plot_background: str = "#ffffff"
    plot_foreground: str = "#1d2733"
    score_fill: str = "#ffffff"
    score_border: str = "#bbbbbb"
    score_text: str = "#222222"
    score_soft: str = "#666666"
    score_alarm: str = "#b00000"
    box_edge: str = "#767f8a"  # of a check box or radio button (``box_edges``)
    # the inks a view writes into its own text or draws over a plot (``_INK_COLOURS``)
    plot_ink: str = "#000000"
    plot_guide: str = "#555555"
    soft_text: str = "#555555"
    pending_text: str = "#4a5663"
    done_text: str = "#1b7a3a"
    positive_text: str = "#0072B2"
    negative_text: str = "#a35200"
    zero_text: str = "#444444"
    table_header: str = "#eeeeee"

    @property
    def palette(self) -> dict[str, str]:
        """QPalette role name -> colour (the Active and Inactive groups). The roles that the style sheet also
        paints take its colours, so what Qt draws from the palette matches what the style sheet draws."""
        qss = self.qss
        text = qss["text"]
        return {
            "Window": qss["window"],
            "WindowText": text,
            "Text": text,
            "ButtonText": text,
            "Highlight": qss["primary"],
            "ToolTipBase": qss["tooltip"],
            "ToolTipText": qss["tooltip_text"],
            **self.own_roles,
        }

    @property
    def disabled_text(self) -> str:
        """The Disabled group's text colours."""
        return self.qss["disabled"]

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


#: Each style.qss token (without '@') -> its colour in the light, dark, high-contrast and high-contrast dark themes.
_QSS_COLOURS: dict[str, tuple[str, str, str, str]] = {
    "window": ("#f4f5f7", "#1f2329", "#ffffff", "#000000"),
    "surface": ("#ffffff", "#2a2f36", "#ffffff", "#000000"),
    "text": ("#1d2733", "#e6e9ed", "#000000", "#ffffff"),
    "text_soft": ("#5a6673", "#aeb8c3", "#000000", "#ffffff"),
    "heading": ("#3b4b5c", "#c9d2dc", "#000000", "#ffffff"),
    "border": ("#dcdfe4", "#3a414a", "#404040", "#c0c0c0"),
    "border_strong": ("#c4cbd4", "#4d5661", "#000000", "#ffffff"),
    "hover": ("#eef1f5", "#353c45", "#e6eefa", "#1a2c44"),
    "checked": ("#e2e8f0", "#3d4652", "#cfe0f7", "#123a66"),
    "checked_border": ("#b8c2cf", "#5a6572", "#0a4f9e", "#8cc4ff"),
    "pressed": ("#e2e7ee", "#39414b", "#cfe0f7", "#123a66"),
    "dock_title": ("#eceef2", "#262b31", "#e8e8e8", "#1a1a1a"),
    "disabled": ("#8a949e", "#7d8794", "#595959", "#a6a6a6"),
    "primary": ("#2f6fb0", "#2f6fb0", "#0a4f9e", "#0a4f9e"),
    "primary_border": ("#285f98", "#4a86c4", "#06346b", "#8cc4ff"),
    "primary_hover": ("#3a7cc0", "#3a7cc0", "#0d5bb5", "#0d5bb5"),
    "primary_pressed": ("#275d93", "#275d93", "#06346b", "#06346b"),
    "banner": ("#fff4e0", "#3a301c", "#fff0c2", "#3a2e00"),
    "banner_border": ("#e9c27a", "#8a6a2a", "#000000", "#ffffff"),
    "banner_text": ("#5b3c00", "#f3dcae", "#000000", "#ffffff"),
    "splitter": ("#e3e6eb", "#2c3138", "#404040", "#c0c0c0"),
    "tooltip": ("#23303d", "#0f1318", "#000000", "#ffffff"),
    "tooltip_text": ("#ffffff", "#f0f2f4", "#ffffff", "#000000"),
    # words set in a widget's own colour by a style.qss rule: an error under a field, a warning on a button
    "error_text": ("#b00020", "#ff8a80", "#b00020", "#ff8a80"),
    "warning_text": ("#8a4b00", "#f0b45a", "#8a4b00", "#f0b45a"),
}
#: The QPalette roles that take no style-sheet colour -> light, dark, high contrast, high contrast dark (None: Qt
#: derives it).
_OWN_ROLES: dict[str, tuple[str | None, str | None, str | None, str | None]] = {
    "Base": ("#ffffff", "#272c33", "#ffffff", "#000000"),
    "AlternateBase": ("#f0f2f5", "#2d333b", "#f2f2f2", "#141414"),
    "Button": ("#ffffff", "#2d333b", "#ffffff", "#000000"),
    "HighlightedText": ("#ffffff", "#ffffff", "#ffffff", "#ffffff"),
    "PlaceholderText": ("#6f7b88", "#9aa5b1", "#333333", "#cccccc"),
    "Link": ("#1f5f9f", "#8cc4ff", "#0a3f80", "#8cc4ff"),
    "BrightText": (None, "#ffffff", None, "#ffffff"),
}


#: The plots' colours -> light, dark, high contrast, high contrast dark.
_PLOT_COLOURS: dict[str, tuple[str, str, str, str]] = {
    "plot_background": ("#ffffff", "#1b1f24", "#ffffff", "#000000"),
    "plot_foreground": ("#2d3a48", "#d4dae1", "#000000", "#ffffff"),
    # the plot's score box (its fill is drawn a little see-through), as the legend beside it
    "score_fill": ("#ffffff", "#23272d", "#ffffff", "#000000"),
    "score_border": ("#bbbbbb", "#59616b", "#bbbbbb", "#8b939e"),
    "score_text": ("#222222", "#e4e7eb", "#222222", "#ffffff"),
    "score_soft": ("#666666", "#aeb8c3", "#666666", "#d0d0d0"),  # the epoch line
    "score_alarm": ("#b00000", "#ff8a80", "#b00000", "#ff8a80"),  # "diverged"
}


#: The controls' colours Qt's style would otherwise derive -> light, dark, high contrast, high contrast dark. A box's
#: edge at 3:1 or more against the panels and the window (WCAG's contrast for a control's bounds): Fusion's, a shade of
#: the window's colour, is ~1.8:1 on white and ~1.2:1 on the dark panels, where an unchecked box all but vanished;
#: black (white) in high contrast, as its other borders.
_CONTROL_COLOURS: dict[str, tuple[str, str, str, str]] = {
    "box_edge": ("#767f8a", "#8b939e", "#000000", "#ffffff"),
}


#: The colours a view writes into its own text (rich text, a table's cells) or draws over a plot itself, where neither
#: the palette nor the style sheet reaches -> light, dark, high contrast, high contrast dark. Text is 4.5:1 or more
#: against the panels, fields and plots of its theme (WCAG AA); a plot's ink and guide 3:1 or more against the plot
#: (WCAG's for graphics). The light ones are the colours these places always had, but for the negative numbers,
#: darkened from the class orange (2.1:1 on white) to a brown-orange that reads.
_INK_COLOURS: dict[str, tuple[str, str, str, str]] = {
    # marks and lines over a plot: the probe's +, the perceptron's sample ring, the eraser's ring, a threshold
    "plot_ink": ("#000000", "#f0f2f4", "#000000", "#ffffff"),
    "plot_guide": ("#555555", "#8b939e", "#555555", "#a0a0a0"),  # a line under the data: zero, the hovered epoch
    "soft_text": ("#555555", "#aeb8c3", "#555555", "#d0d0d0"),  # a note beside the text: a formula row, a count
    "pending_text": ("#4a5663", "#c9d2dc", "#4a5663", "#e0e0e0"),  # a goal not met yet
    "done_text": ("#1b7a3a", "#7ad394", "#1b7a3a", "#7ad394"),  # a goal met
    "positive_text": ("#0072B2", "#6cc0f0", "#0072B2", "#6cc0f0"),  # a number > 0 (blue: the positive weights)
    "negative_text": ("#a35200", "#E69F00", "#a35200", "#E69F00"),  # a number < 0 (orange, as the negative weights)
    "zero_text": ("#444444", "#c8ccd2", "#444444", "#e0e0e0"),  # a number = 0
    "table_header": ("#eeeeee", "#353c45", "#eeeeee", "#262626"),  # behind a rich-text table's column names
}


def _column(table: Mapping[str, tuple[str | None, ...]], theme: int) -> dict[str, str]:
    """One theme's colours of a table above (0 light, 1 dark, 2 high contrast, 3 high contrast dark)."""
    chosen = ((name, colours[theme]) for name, colours in table.items())
    return {name: colour for name, colour in chosen if colour is not None}


def _theme(column: int, name: str, dark: bool) -> Theme:
    """The theme of the tables' ``column``."""
    qss, own_roles = _column(_QSS_COLOURS, column), _column(_OWN_ROLES, column)
    plots, controls, inks = (_column(table, column) for table in (_PLOT_COLOURS, _CONTROL_COLOURS, _INK_COLOURS))
    return Theme(name=name, dark=dark, qss=qss, own_roles=own_roles, **plots, **controls, **inks)


LIGHT = _theme(0, "light", dark=False)
DARK = _theme(1, "dark", dark=True)
#: Presenter mode's look: black on white, dark borders, no soft greys, because a projector washes out light tints and
#: faint greys first. The accents stay strong blues.
HIGH_CONTRAST = _theme(2, "high contrast", dark=False)
#: Presenter mode's look when the person chose Dark (or the desktop is dark under System): white on black, light
#: borders, no soft greys. Presenter mode honours the choice rather than overrule it: a dark room, a teacher who
#: dislikes a white wall, and the View menu never marks a theme the window is not in.
HIGH_CONTRAST_DARK = _theme(3, "high contrast dark", dark=True)


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


def theme_for(choice: ThemeChoice, system_dark: bool, high_contrast: bool = False) -> Theme:
    """The theme ``choice`` shows; ``high_contrast`` (presenter mode): its high-contrast kind, dark or light alike."""
    dark = system_dark if choice is ThemeChoice.SYSTEM else choice is ThemeChoice.DARK
    if high_contrast:
        return HIGH_CONTRAST_DARK if dark else HIGH_CONTRAST
    return DARK if dark else LIGHT


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
        self._high_contrast = False
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

    def set_high_contrast(self, on: bool, extra_qss: str = "") -> None:
        """Shows the chosen theme's high-contrast kind (and ``extra_qss`` after the style sheet) until called with
        False (presenter mode uses this). The choice still counts: Dark chosen meanwhile shows the high-contrast dark
        theme at once."""
        self._high_contrast = on
        self._extra_qss = extra_qss if on else ""
        self.apply()

    @Slot(Qt.ColorScheme)
    def _on_system_scheme(self, _scheme: Qt.ColorScheme) -> None:
        if self.choice is ThemeChoice.SYSTEM:
            self.apply()

    def apply(self) -> None:
        theme = theme_for(self.choice, system_is_dark(), self._high_contrast)
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
        """Styles the plots under ``window`` in the theme now shown, and again on every change (plots made later
        start in the current colours). Styled at once: a plot's own greys (the curves' axes) were otherwise kept
        until the theme changed, light-theme greys on the dark plots of a window opened on a dark desktop.

        Windows are registered rather than found with ``allWidgets()``: that would make Python wrappers for every
        widget Qt made itself, which outlive their widgets and can be handed out again for a new widget at the
        same address."""
        self._windows.add(window)
        for view in window.findChildren(pg.GraphicsView):
            style_plot_widget(view, self.theme)


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
