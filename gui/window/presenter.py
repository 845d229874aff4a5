"""Presenter mode and full screen: the window made to be read from the back of a room, and put back after.

Presenter mode (View ▸ Presenter mode) follows ``ViewState.presenterChanged``. On, it keeps the window as it was
(``QMainWindow.saveState``/``saveGeometry``, the window state, the application's font and every font a widget set
for itself, the toolbar's icon size, the plot splitter), then shows it for a projector: every font 1.5 times as
large, the high-contrast kind of the chosen theme (black on white, or white on black when Dark is chosen; no soft
greys), larger toolbar icons, and only what a class
watches: the plot, the curves, the toolbar with Play, Step and the pace, and of the docks only the network diagram,
the compare view, a lesson or a challenge when they are open. The window's ``desk_only`` widgets go too (the status
bar, whose numbers the curves' line, the epoch and the plot's score box already show, and the curves' log
switches): their height goes to the curves, so that the charts' axis titles ("accuracy (%)") are whole in large
type. The plots draw bolder lines and markers through the
ViewState's look. Off, everything kept is put back exactly. Docks shown meanwhile (View menu) go away again.

Presenter mode is not remembered across restarts: it is for one room and one projector; the next start is at a
desk, where a window in huge type with its settings hidden would look broken. Closing the window in presenter
mode leaves it first, so the layout saved for the next start is the normal one.

Full screen (F11, View ▸ Full screen) is its own switch: a teacher who shares one window in a video call wants
presenter mode without full screen, and one at a projector wants both.

This part gets the main window itself, as ``DockLayout`` does: saving and restoring its dock state and geometry
is what it is for.
"""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QSplitter, QToolBar, QToolButton, QWidget

from gui.widgets import theme

FONT_SCALE = 1.5
#: The toolbar's text grows less: at 1.5 times, Play ... Probe and the pace list need ~1440 px of a 1280 px
#: projector. It is the presenter's controls; what the class reads (the plots, the epoch, a lesson) grows 1.5 times.
TOOLBAR_FONT_SCALE = 1.2
ICON_SCALE = 1.5
DIAGRAM_SHARE = 0.3  # of the window's width: the rest is the plot's
#: of the height the plot and the curves share: the curves keep their axis titles whole, the plot a third of the
#: window's area (at 1280×720)
PLOT_SHARE = 0.62
#: The docks a class watches, left shown when they are open; every other dock is hidden.
KEPT_DOCKS = ("diagramDock", "compareDock", "lessonDock", "challengesDock", "perceptronLessonDock")
#: Sizes the style sheet sets in pixels do not follow the fonts: the epoch counter grows here.
PRESENTER_QSS = """
QLabel#epochLabel { font-size: 30px; min-width: 0px; }
QToolBar#controls QToolButton#playButton { min-width: 0px; }
QToolButton[classButton="true"] { min-width: 0px; }
QToolBar#controls { spacing: 3px; }
QToolBar#controls QToolButton { padding: 4px 5px; }
"""
#: A widget's own font loses to the style sheet's: the toolbar's size is set there (the application's fonts are
#: in points, and so is this).
TOOLBAR_QSS = (
    "QToolBar#controls QToolButton, QToolBar#controls QComboBox, QToolBar#controls QLabel { font-size: %gpt; }"
    "QToolBar#controls QLabel#epochLabel { font-size: 30px; }"
)


@dataclass
class _Kept:
    """The window as it was before presenter mode."""

    state: QByteArray
    geometry: QByteArray
    window_state: Qt.WindowState
    app_font: QFont
    own_fonts: list  # (widget, font) of the widgets that set a font of their own
    icon_size: QSize
    button_style: Qt.ToolButtonStyle
    class_button_style: Qt.ToolButtonStyle
    splitter: QByteArray
    desk_shown: list  # the desk-only widgets that were shown (hidden now, shown again after)


class PresenterMode(QObject):
    """``window`` (the QMainWindow), ``view_state`` (its presenter flag drives this), ``toolbar`` (the controls:
    kept, with larger icons), ``splitter`` (between the plot and the curves), ``desk_only`` (widgets hidden in
    presenter mode)."""

    def __init__(
        self, window: QMainWindow, view_state, toolbar: QToolBar, splitter: QSplitter, desk_only=(), parent=None
    ):
        super().__init__(parent)
        self._window = window
        self._desk_only = tuple(desk_only)
        self._view_state = view_state
        self._toolbar = toolbar
        self._splitter = splitter
        self._kept: _Kept | None = None

        self.presenter_action = QAction("Presenter mode", window)
        self.presenter_action.setCheckable(True)
        self.presenter_action.setStatusTip(
            "Large text, bold lines and high contrast for a projector, with only the plot, the curves and the "
            "toolbar; off again puts the window back as it was."
        )
        self.full_screen_action = QAction("Full screen", window)
        self.full_screen_action.setCheckable(True)
        # F11 everywhere, plus the platform's own key (Ctrl+Meta+F on macOS), each once: a key bound twice is
        # "ambiguous" to Qt, which then triggers nothing
        keys = [QKeySequence(Qt.Key.Key_F11), *QKeySequence.keyBindings(QKeySequence.StandardKey.FullScreen)]
        self.full_screen_action.setShortcuts(list(dict.fromkeys(keys)))
        self.full_screen_action.setStatusTip("Shows the window on the whole screen, or back as a window (F11).")
        window.addAction(self.full_screen_action)

        self.presenter_action.toggled.connect(view_state.set_presenter)
        view_state.presenterChanged.connect(self._on_presenter_changed)
        self.full_screen_action.toggled.connect(self._on_full_screen_toggled)
        window.installEventFilter(self)

    def actions(self) -> tuple[QAction, QAction]:
        """For the View menu."""
        return self.presenter_action, self.full_screen_action

    @property
    def active(self) -> bool:
        return self._kept is not None

    def leave(self) -> None:
        """Back to the window as it was (nothing when presenter mode is off)."""
        self._view_state.set_presenter(False)

    # ------------------------------------------------------------------ presenter mode
    @Slot(bool)
    def _on_presenter_changed(self, on: bool) -> None:
        if self.presenter_action.isChecked() != on:
            self.presenter_action.setChecked(on)  # set through the ViewState: the menu item shows it
        if on and self._kept is None:
            self._enter()
        elif not on and self._kept is not None:
            self._restore()

    def _enter(self) -> None:
        w, app = self._window, QApplication.instance()
        assert isinstance(app, QApplication)
        self._kept = _Kept(
            state=w.saveState(),
            geometry=w.saveGeometry(),
            window_state=w.windowState(),
            app_font=QFont(app.font()),
            own_fonts=[
                (child, QFont(child.font()))
                for child in w.findChildren(QWidget)
                if child.testAttribute(Qt.WidgetAttribute.WA_SetFont)
            ],
            icon_size=self._toolbar.iconSize(),
            button_style=self._toolbar.toolButtonStyle(),
            class_button_style=next(
                (b.toolButtonStyle() for b in self._class_buttons()), Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            ),
            splitter=self._splitter.saveState(),
            desk_shown=[widget for widget in self._desk_only if not widget.isHidden()],
        )
        for widget in self._kept.desk_shown:
            widget.hide()
        for dock in w.findChildren(QDockWidget):
            if dock.objectName() not in KEPT_DOCKS or dock.isFloating():
                dock.hide()
        for bar in w.findChildren(QToolBar):
            if bar is not self._toolbar:
                bar.hide()
        diagram = w.findChild(QDockWidget, "diagramDock")
        if diagram is not None and diagram.toggleViewAction().isChecked():
            diagram.raise_()
            w.resizeDocks([diagram], [round(DIAGRAM_SHARE * w.width())], Qt.Orientation.Horizontal)
        for child, font in self._kept.own_fonts:
            child.setFont(_scaled(font, FONT_SCALE))
        app.setFont(_scaled(self._kept.app_font, FONT_SCALE))
        # after the fonts: the style sheet's fonts (bold buttons, group titles) are made from the font then
        toolbar_pt = _scaled(self._kept.app_font, TOOLBAR_FONT_SCALE).pointSizeF()
        theme.manager().set_high_contrast(True, PRESENTER_QSS + TOOLBAR_QSS % toolbar_pt)
        size = self._kept.icon_size
        self._toolbar.setIconSize(QSize(round(size.width() * ICON_SCALE), round(size.height() * ICON_SCALE)))
        # text under the icons: in large type, Play ... Probe beside their icons need more than 1280 px
        self._toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        for button in self._class_buttons():
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the room the hidden widgets left
        total = sum(self._splitter.sizes())
        self._splitter.setSizes([round(total * PLOT_SHARE), total - round(total * PLOT_SHARE)])
        _lay_out_again(self._toolbar)

    def _restore(self) -> None:
        kept, self._kept = self._kept, None
        assert kept is not None
        w, app = self._window, QApplication.instance()
        assert isinstance(app, QApplication)
        for widget in kept.desk_shown:
            if shiboken6.isValid(widget):
                widget.show()
        app.setFont(kept.app_font)
        for child, font in kept.own_fonts:
            if shiboken6.isValid(child):
                child.setFont(font)
        theme.manager().set_high_contrast(False)
        self._toolbar.setIconSize(kept.icon_size)
        self._toolbar.setToolButtonStyle(kept.button_style)
        for button in self._class_buttons():
            button.setToolButtonStyle(kept.class_button_style)
        w.setWindowState(kept.window_state)
        if w.saveGeometry() != kept.geometry:  # moved or resized meanwhile (restoring fits it to the screen)
            w.restoreGeometry(kept.geometry)
        _lay_out_again(self._toolbar)
        # the normal fonts' sizes first (the toolbar's height), then the docks' sizes in what is left: restored
        # into the presenter's heights, they were saved (on closing) a few pixels off
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        w.restoreState(kept.state)
        self._splitter.restoreState(kept.splitter)

    def _class_buttons(self) -> list[QToolButton]:
        """The toolbar's buttons that pick the class of new points (widgets of their own, not actions)."""
        return [b for b in self._toolbar.findChildren(QToolButton) if b.property("classButton")]

    # ------------------------------------------------------------------ full screen
    @Slot(bool)
    def _on_full_screen_toggled(self, on: bool) -> None:
        w = self._window
        if on != w.isFullScreen():
            w.setWindowState(w.windowState() ^ Qt.WindowState.WindowFullScreen)

    def eventFilter(self, obj, event) -> bool:
        if obj is self._window and event.type() == QEvent.Type.WindowStateChange:
            # also when the window manager ends full screen: the menu item follows
            self.full_screen_action.setChecked(self._window.isFullScreen())
        return False


def _lay_out_again(toolbar: QToolBar) -> None:
    """The toolbar measures its widgets again: its layout keeps their old sizes through a change of fonts."""
    for child in toolbar.findChildren(QWidget):
        child.updateGeometry()
    layout = toolbar.layout()
    if layout is not None:
        layout.invalidate()
        layout.activate()


def _scaled(font: QFont, factor: float) -> QFont:
    bigger = QFont(font)
    if font.pointSizeF() > 0:
        bigger.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        bigger.setPixelSize(round(font.pixelSize() * factor))
    return bigger
