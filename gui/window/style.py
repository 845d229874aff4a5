"""The app's look: the light theme (palette, font, style sheet) and its icons."""

from __future__ import annotations

from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap

from gui.widgets import colors
from model.resource_files import resource_root

RESOURCES = resource_root()


def apply_style(app) -> None:
    """The app's light theme: Fusion, a light palette, and resources/style.qss."""
    app.setStyle("Fusion")
    pal = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#f4f5f7"),
        (QPalette.ColorRole.WindowText, "#1d2733"),
        (QPalette.ColorRole.Base, "#ffffff"),
        (QPalette.ColorRole.AlternateBase, "#f0f2f5"),
        (QPalette.ColorRole.Text, "#1d2733"),
        (QPalette.ColorRole.Button, "#ffffff"),
        (QPalette.ColorRole.ButtonText, "#1d2733"),
        (QPalette.ColorRole.Highlight, "#2f6fb0"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.ToolTipBase, "#23303d"),
        (QPalette.ColorRole.ToolTipText, "#ffffff"),
        (QPalette.ColorRole.PlaceholderText, "#8a95a1"),
    ):
        pal.setColor(role, QColor(color))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#9aa4ae"))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#9aa4ae"))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#9aa4ae"))
    app.setPalette(pal)
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    try:
        app.setStyleSheet((RESOURCES / "style.qss").read_text(encoding="utf-8"))
    except OSError:
        pass


def icon(name: str) -> QIcon:
    return QIcon(str(RESOURCES / "icons" / f"{name}.svg"))


def class_icon(k: int, size: int = 18) -> QIcon:
    """The class's colour and marker, as the plot draws them."""
    ratio = 2
    pm = QPixmap(size * ratio, size * ratio)
    pm.setDevicePixelRatio(ratio)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.translate(size / 2, size / 2)
    p.scale(size * 0.8, size * 0.8)
    pen = QPen(QColor(colors.OUTLINE))
    pen.setWidthF(1.2 / (size * 0.8))
    p.setPen(pen)
    p.setBrush(QColor(colors.class_color(k)))
    p.drawPath(Symbols[colors.class_symbol(k)])
    p.end()
    return QIcon(pm)
