"""The menu bar (File, Edit, Training, View, Help) with the window's own actions, and the Help boxes.

The features bring menus and actions of their own; ``MainWindow`` puts them in place with ``insert_into``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QMessageBox, QWidget

from gui.window.shortcuts_dialog import ShortcutsDialog, shortcut_rows

SHORTCUTS = (
    ("Space", "Play / pause training"),
    ("S  or  \u2192", "Train one epoch"),
    ("Shift+S", "Step slowly: one epoch played phase by phase on the network diagram"),
    ("R", "Reset the weights (epoch 0)"),
    ("]  /  [", "Train faster / slower (the pace next to Step)"),
    ("1 \u2026 9  /  0", "Choose the class new points get (0: the tenth class)"),
    ("E", "Toggle the eraser"),
    ("Left click / drag", "Add points (a drag paints a stream; one undo step)"),
    ("Right click", "Remove the nearest point"),
    ("Drag the legend", "Move the plot's legend out of the way (right-click it to hide it)"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo a data edit"),
    ("Ctrl+N", "New: remove every point and reset the weights"),
    ("Ctrl+O / Ctrl+S / Ctrl+Shift+S", "Open / save / save as a session (data, model, weights, view)"),
    ("Ctrl+Shift+O", "Open data (CSV or .npz)"),
)


@dataclass(frozen=True)
class Menus:
    file: QMenu
    edit: QMenu
    training: QMenu
    view: QMenu
    help: QMenu


def build_menus(menu_bar: QMenuBar, controls, settings_toggle: QAction, theme_menu: QMenu | None = None) -> Menus:
    """The window's menus; ``settings_toggle`` shows and hides the settings dock; ``theme_menu`` is View > Theme."""
    c = controls
    file = menu_bar.addMenu("&File")
    file.addAction(c.new_action)
    file.addSeparator()
    file.addAction(c.quit_action)
    edit = menu_bar.addMenu("&Edit")
    edit.addAction(c.undo_action)
    edit.addAction(c.redo_action)
    edit.addSeparator()
    edit.addAction(c.clear_action)
    edit.addSeparator()
    edit.addAction(c.add_tool_action)
    edit.addAction(c.erase_tool_action)
    training = menu_bar.addMenu("&Training")
    training.addAction(c.play_action)
    training.addAction(c.step_action)
    training.addAction(c.slow_step_action)
    training.addAction(c.reset_action)
    training.addSeparator()
    training.addAction(c.faster_action)
    training.addAction(c.slower_action)
    view = menu_bar.addMenu("&View")
    view.addAction(c.show_test_action)
    view.addSeparator()
    settings_toggle.setText("Settings panel")
    settings_toggle.setStatusTip("Shows or hides the data, model and training settings.")
    view.addAction(settings_toggle)
    view.addAction(c.curves_toggle)
    if theme_menu is not None:
        view.addSeparator()
        view.addMenu(theme_menu)
    help_menu = menu_bar.addMenu("&Help")
    help_menu.addAction(c.shortcuts_action)
    help_menu.addSeparator()
    help_menu.addAction(c.about_action)
    return Menus(file, edit, training, view, help_menu)


def insert_into(menu: QMenu, items, before: QAction | None = None) -> None:
    """Adds ``items`` (actions, menus, None for a separator) to ``menu``, before ``before`` when given."""
    for item in items:
        if isinstance(item, QMenu):
            item = item.menuAction()
        if item is None:
            menu.insertSeparator(before) if before is not None else menu.addSeparator()
        else:
            menu.insertAction(before, item) if before is not None else menu.addAction(item)


def show_shortcuts(window: QWidget) -> None:
    """Every shortcut of ``window``'s actions, the documented gestures first; a box that does not block."""
    ShortcutsDialog(shortcut_rows(window, SHORTCUTS), window).show()


def show_about(window: QWidget) -> None:
    version = QApplication.applicationVersion()  # set from the package's __version__ at start
    QMessageBox.about(
        window,
        "About Neural Playground",
        f"<h3>Neural Playground {version}</h3><p>Draw points, pick a model, press Play and watch a "
        "neural network written from scratch in NumPy learn its decision boundary.</p>",
    )
