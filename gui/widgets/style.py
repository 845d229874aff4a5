"""The app's look: its style, font and theme (gui.widgets.theme), and its icons."""

from __future__ import annotations

from typing import ClassVar

from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols
from PySide6.QtCore import QByteArray, QObject, QRect, QSize, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QIconEngine, QPainter, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QMenu, QStyle, QWidget

from gui.widgets import colors, theme
from gui.widgets.box_edges import BoxEdgeStyle
from model.resource_files import resource_root

RESOURCES = resource_root()


def apply_style(app) -> None:
    """The app's look: Fusion (its check boxes edged in the theme's colour: ``box_edges``), a font no smaller than
    10 pt, and the theme (palette and resources/style.qss).

    The theme is the application's ThemeManager's current choice (System until a window sets the user's)."""
    app.setStyle(AppStyle())
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    themes = theme.manager()
    try:
        themes.set_template((RESOURCES / "style.qss").read_text(encoding="utf-8"))
    except OSError:
        pass
    themes.apply()


class AppStyle(BoxEdgeStyle):
    """The app's style: Fusion with the theme's box edges (``box_edges``), and a toolbar's » (the way to the tools it
    has no room for) drawn in the theme's ink, as the toolbar's own icons: Fusion draws it in one grey, 1.1:1 on the
    dark theme's toolbar."""

    _OWN_ICONS: ClassVar[dict[QStyle.StandardPixmap, str]] = {
        QStyle.StandardPixmap.SP_ToolBarHorizontalExtensionButton: "more",
        QStyle.StandardPixmap.SP_ToolBarVerticalExtensionButton: "more-down",
    }

    def standardIcon(self, standard_icon, option=None, widget=None) -> QIcon:
        name = self._OWN_ICONS.get(standard_icon)
        if name is not None:
            return icon(name)
        return super().standardIcon(standard_icon, option, widget)


THEME_ENTRIES = (
    (theme.ThemeChoice.SYSTEM, "&System", "Follow the desktop's light or dark colour scheme"),
    (theme.ThemeChoice.LIGHT, "&Light", "Dark text on light backgrounds, whatever the desktop uses"),
    (theme.ThemeChoice.DARK, "&Dark", "Light text on dark backgrounds, whatever the desktop uses"),
)


class ThemeMenu(QObject):
    """View > Theme: System, Light or Dark, one checked; the choice is applied and kept in the window's settings."""

    SETTINGS_KEY = "theme"

    def __init__(self, settings, parent: QWidget) -> None:
        super().__init__(parent)
        self._settings = settings
        self.menu = QMenu("&Theme", parent)
        self.menu.menuAction().setStatusTip("Choose a light or dark look, or follow the desktop")
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[theme.ThemeChoice, QAction] = {}
        for choice, text, tip in THEME_ENTRIES:
            action = QAction(text, self)
            action.setCheckable(True)
            action.setData(choice.value)
            action.setStatusTip(tip)
            action.setToolTip(tip)
            self.group.addAction(action)
            self.menu.addAction(action)
            self.actions[choice] = action
        chosen = theme.ThemeChoice.parse(settings.load(self.SETTINGS_KEY, theme.ThemeChoice.SYSTEM.value))
        self.actions[chosen].setChecked(True)
        theme.manager().follow(parent)
        if chosen is not theme.manager().choice:
            theme.manager().set_choice(chosen)
        self.group.triggered.connect(self._on_triggered)

    def choose(self, choice: theme.ThemeChoice) -> None:
        self.actions[choice].trigger()

    @Slot(QAction)
    def _on_triggered(self, action: QAction) -> None:
        choice = theme.ThemeChoice.parse(action.data())
        self._settings.save(self.SETTINGS_KEY, choice.value)
        theme.manager().set_choice(choice)


ICON_INK = "#34495e"  # the dark slate the toolbar's SVG icons are drawn in; the dark theme swaps it for its ink


class ThemedSvgIconEngine(QIconEngine):
    """An SVG icon drawn in the current theme's ink, read when painted: a theme change needs no new icons.

    The renderer of each ink and the pixmap of each size, mode and ink are kept: a toolbar paints its icons
    whenever a readout beside them changes (every frame while training), and parsing the SVG and rendering it
    each time cost ~0.2 ms an icon.
    """

    def __init__(self, svg: bytes) -> None:
        super().__init__()
        self._svg = svg
        self._renderers: dict[str, QSvgRenderer] = {}
        self._pixmaps: dict[tuple[int, int, QIcon.Mode, QIcon.State, str], QPixmap] = {}

    @staticmethod
    def _ink() -> str:
        return theme.current().plot_foreground if theme.current().dark else ICON_INK

    def _renderer(self) -> QSvgRenderer:
        ink = self._ink()
        renderer = self._renderers.get(ink)
        if renderer is None:
            renderer = QSvgRenderer(QByteArray(self._svg.replace(ICON_INK.encode(), ink.encode())))
            self._renderers[ink] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.4)
        self._renderer().render(painter, rect)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (size.width(), size.height(), mode, state, self._ink())
        pm = self._pixmaps.get(key)
        if pm is None:
            pm = QPixmap(size)
            pm.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pm)
            self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
            painter.end()
            self._pixmaps[key] = pm
        return pm

    def clone(self) -> QIconEngine:
        return ThemedSvgIconEngine(self._svg)


def icon(name: str) -> QIcon:
    try:
        return QIcon(ThemedSvgIconEngine((RESOURCES / "icons" / f"{name}.svg").read_bytes()))
    except OSError:
        return QIcon()


def icon_canvas(size: int) -> tuple[QPixmap, QPainter]:
    """A transparent ``size``×``size`` icon at twice the pixels (sharp on high-density screens), and an
    antialiased painter on it (the caller ends it)."""
    ratio = 2
    pm = QPixmap(size * ratio, size * ratio)
    pm.setDevicePixelRatio(ratio)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pm, p


def draw_class_marker(p: QPainter, k: int, size: int, share: float, outline_px: float) -> None:
    """Class ``k``'s marker in its colour, as the plot draws it, centred in a ``size`` square and ``share`` of
    it wide, outlined ``outline_px`` wide."""
    p.save()
    p.translate(size / 2, size / 2)
    p.scale(size * share, size * share)
    pen = QPen(QColor(colors.OUTLINE))
    pen.setWidthF(outline_px / (size * share))
    p.setPen(pen)
    p.setBrush(QColor(colors.class_color(k)))
    p.drawPath(Symbols[colors.class_symbol(k)])
    p.restore()


def draw_new_class_slot(p: QPainter, k: int, size: int, share: float) -> None:
    """Where class ``k``'s marker will be, while the data have no such class: an empty dashed circle in its colour,
    centred in a ``size`` square and ``share`` of it wide. Not its marker: beside the "+" of the button that adds
    it, the fifth class's plus-shaped marker read "+ +"."""
    p.save()
    pen = QPen(QColor(colors.class_color(k)), max(1.6, size / 10))
    pen.setStyle(Qt.PenStyle.DashLine)
    pen.setDashPattern([1.2, 1.8])  # in pen widths: eight or so dashes around the circle
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    radius = size * share / 2
    p.drawEllipse(QRect(0, 0, size, size).toRectF().center(), radius, radius)
    p.restore()


def class_icon(k: int, size: int = 18, new: bool = False) -> QIcon:
    """The class's colour and marker, as the plot draws them; for a class the data do not have yet (``new``: the
    button or item that adds it) the empty slot of its colour (``draw_new_class_slot``)."""
    pm, p = icon_canvas(size)
    if new:
        draw_new_class_slot(p, k, size, 0.72)
    else:
        draw_class_marker(p, k, size, 0.8, 1.2)
    p.end()
    return QIcon(pm)
