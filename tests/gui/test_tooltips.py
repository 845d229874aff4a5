"""Every control of the main window explains itself: each interactive widget, in the window and
in every dock (and the windows the app opens from it: the bias explorer, the start page, the user guide),
has a non-empty tooltip, or its action has one that says more than the action's name.

Qt's own sub-widgets are skipped: the line edit inside a spin box or an editable combo box (the box has
the tooltip), the buttons Qt adds to dock titles, tab bars, tool bars and menu bars.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QSlider,
    QTabBar,
    QToolButton,
    QWidget,
)

from gui.main_window import MainWindow, apply_style

INTERACTIVE = (QAbstractButton, QComboBox, QAbstractSpinBox, QSlider, QLineEdit, QCheckBox, QToolButton)
QT_INTERNAL_NAMES = (
    "qt_toolbar_ext_button",
    "qt_tableview_cornerbutton",
    "qt_menubar_ext_button",
    "qt_dockwidget_closebutton",
    "qt_dockwidget_floatbutton",
    "qt_spinbox_lineedit",
    "qt_tabwidget_tabbar",
)


def _qt_internal(widget: QWidget) -> bool:
    if widget.objectName() in QT_INTERNAL_NAMES or type(widget).__name__ == "QDockWidgetTitleButton":
        return True
    parent = widget.parentWidget()
    if isinstance(widget, QLineEdit) and isinstance(parent, (QAbstractSpinBox, QComboBox)):
        return True  # the editor of a spin box / editable combo box: the box carries the tooltip
    if isinstance(parent, QTabBar):
        return True  # the scroll arrows and close buttons of a tab bar
    return widget.metaObject().className().startswith("QDockWidgetTitle")


def _tooltip(widget: QWidget) -> str:
    tip = widget.toolTip().strip()
    if tip:
        return tip
    action = widget.defaultAction() if isinstance(widget, QToolButton) else None
    if action is not None:
        text = action.text().replace("&", "").strip()
        tip = action.toolTip().replace("&", "").strip()
        if tip and tip != text:  # QAction.toolTip() falls back to its text: that explains nothing
            return tip
    return ""


def _describe(widget: QWidget) -> str:
    chain, w = [], widget
    while w is not None and len(chain) < 5:
        chain.append(f"{type(w).__name__}({w.objectName()!r})")
        w = w.parentWidget()
    text = getattr(widget, "text", lambda: "")()
    return f"{text!r} in " + " < ".join(chain)


def test_every_interactive_widget_has_a_tooltip(qtbot, tmp_path):
    apply_style(QApplication.instance())
    w = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.resize(1360, 860)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.data_ready and w.controller.latest_snapshot is not None, timeout=10000)
    try:
        # the windows opened from the main window, and a lesson with side-by-side models (compare panes)
        w.inside_views.explorer_action.trigger()
        w.lesson_actions.show_start_page()
        w.lesson_actions.show_guide()
        w.lesson_actions.open_lesson("learning-rate")
        qtbot.waitUntil(lambda: len(w.compare.members) == 2, timeout=8000)
        qtbot.wait(50)

        roots = [w] + [t for t in QApplication.topLevelWidgets() if t.isVisible() and t.parentWidget() is w]
        checked, missing = 0, []
        for root in roots:
            for widget in root.findChildren(QWidget):
                if not isinstance(widget, INTERACTIVE) or _qt_internal(widget):
                    continue
                checked += 1
                if not _tooltip(widget):
                    missing.append(_describe(widget))
        assert checked > 80
        assert not missing, "controls without a tooltip:\n" + "\n".join(sorted(set(missing)))
    finally:
        w.close()
