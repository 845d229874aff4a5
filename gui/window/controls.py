"""The window's controls: its actions and shortcuts, the toolbar (Play, Step, the pace, Reset, the epoch, the class
of new points, the Add and Erase tools, Step slowly), and what picking a class or a tool does to the plot."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QFont, QFontMetrics, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QButtonGroup, QLabel, QToolBar, QToolButton, QWidget

from gui.widgets import colors
from gui.widgets.steady_label import SteadyLabel
from gui.window.style import class_icon, icon

MAX_CLASSES = colors.MAX_CLASSES


CLASS_NAME_WIDTH = 64  # px: a longer class name on its toolbar button is elided (the tooltip has it whole)


def class_key(k: int) -> str:
    """The number key choosing class k: 1..9, and 0 for the tenth class (a keyboard's number row)."""
    return str((k + 1) % 10)


def class_label(ds, k: int) -> str:
    """What class ``k``'s button says: the data's own name for it ("setosa", the digit "0"), else its number."""
    names = getattr(ds, "class_names", ()) or ()
    if k < len(names) and names[k] != f"class {k + 1}":  # a name the data set gave, not the default one
        return str(names[k])
    return str(k + 1)


class Controls(QObject):
    """Builds the actions (added to ``window`` so their shortcuts work everywhere in it) and the toolbar.

    ``plot`` (a BoundaryView) gets the class and the tool picked; ``show_test_box`` is the data panel's
    "show test points" check box, kept in step with View > Show test points; ``pace_box`` (the training panel's
    pace list) sits in the toolbar next to Step."""

    def __init__(self, window: QWidget, undo_stack: QUndoStack, plot, show_test_box, pace_box=None, parent=None):
        super().__init__(parent)
        self.plot = plot
        self.show_test_box = show_test_box
        self.pace_box = pace_box
        self._current_class = 0
        self._build_actions(window, undo_stack)
        self.toolbar = self._build_toolbar()
        self.add_tool_action.toggled.connect(self._on_tool_changed)
        self.toggle_tool_action.triggered.connect(self._on_toggle_tool)
        self.show_test_action.toggled.connect(self._on_show_test_action)
        show_test_box.toggled.connect(self._on_show_test_box)

    # ------------------------------------------------------------------ construction
    def _build_actions(self, w: QWidget, undo_stack: QUndoStack) -> None:
        self.play_action = QAction(icon("play"), "Play", w)
        self.play_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.play_action.setToolTip("Starts or pauses training (Space).")
        self.step_action = QAction(icon("step"), "Step", w)
        self.step_action.setShortcuts([QKeySequence(Qt.Key.Key_S), QKeySequence(Qt.Key.Key_Right)])
        self.step_action.setToolTip("Trains exactly one epoch, then pauses (S or \u2192).")
        self.slow_step_action = QAction(icon("step"), "Step slowly", w)
        self.slow_step_action.setShortcut(QKeySequence("Shift+S"))
        self.slow_step_action.setIconText("Slow step")  # the toolbar's words: it fits a 1280 px projector
        self.slow_step_action.setToolTip(
            "Trains exactly one epoch and plays its first update on the network diagram, phase by phase: forward "
            "pass, loss, backward pass, update, with the numbers of the probed point (Shift+S)."
        )
        self.reset_action = QAction(icon("reset"), "Reset", w)
        self.reset_action.setShortcut(QKeySequence(Qt.Key.Key_R))
        self.reset_action.setToolTip("Starts again from fresh random weights at epoch 0 (R).")
        self.faster_action = QAction("Faster", w)
        self.faster_action.setShortcut(QKeySequence(Qt.Key.Key_BracketRight))
        self.faster_action.setToolTip("The next faster pace (]).")
        self.slower_action = QAction("Slower", w)
        self.slower_action.setShortcut(QKeySequence(Qt.Key.Key_BracketLeft))
        self.slower_action.setToolTip("The next slower pace ([).")
        self.undo_action = undo_stack.createUndoAction(w, "Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setStatusTip("Takes back the last change to the points (also while training runs).")
        self.redo_action = undo_stack.createRedoAction(w, "Redo")
        # Ctrl+Shift+Z on every platform, plus the platform's own (Ctrl+Y...), each once: a key bound twice is
        # "ambiguous" to Qt, which then triggers nothing
        redo_keys = [QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        self.redo_action.setShortcuts(list(dict.fromkeys(redo_keys)))
        self.redo_action.setStatusTip("Makes again the change to the points that Undo took back.")
        self.new_action = QAction("New (remove all points)", w)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setToolTip("Removes every point and resets the weights, to draw a dataset from scratch.")
        self.clear_action = QAction("Clear points", w)
        self.clear_action.setToolTip("Removes every point (undoable).")
        self.quit_action = QAction("Quit", w)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.setStatusTip("Closes the app; unsaved work is kept and offered at the next start.")

        self.add_tool_action = QAction(icon("pen"), "Add", w)
        self.add_tool_action.setCheckable(True)
        self.add_tool_action.setChecked(True)
        self.add_tool_action.setToolTip("Left click adds a point of the current class; drag to paint a stream.")
        self.erase_tool_action = QAction(icon("eraser"), "Erase", w)
        self.erase_tool_action.setCheckable(True)
        self.erase_tool_action.setToolTip("Clicking removes the nearest point (E toggles; right click always erases).")
        self.tool_group = QActionGroup(w)
        self.tool_group.addAction(self.add_tool_action)
        self.tool_group.addAction(self.erase_tool_action)
        self.toggle_tool_action = QAction("Toggle eraser", w)
        self.toggle_tool_action.setShortcut(QKeySequence(Qt.Key.Key_E))
        self.toggle_tool_action.setStatusTip("Switches the plot's tool between adding and erasing points.")
        w.addAction(self.toggle_tool_action)

        self.class_actions: list[QAction] = []
        for k in range(MAX_CLASSES):
            a = QAction(f"Class {k + 1}", w)
            a.setShortcut(QKeySequence(class_key(k)))
            a.setData(k)
            a.setStatusTip(f"New points get class {k + 1}.")
            a.triggered.connect(self._on_class_shortcut)
            w.addAction(a)
            self.class_actions.append(a)

        self.show_test_action = QAction("Show test points", w)
        self.show_test_action.setCheckable(True)
        self.show_test_action.setChecked(self.show_test_box.isChecked())
        self.show_test_action.setStatusTip("Shows or hides the held-out test points (drawn hollow) on the plot.")
        self.curves_toggle = QAction("Loss and accuracy curves", w)
        self.curves_toggle.setCheckable(True)
        self.curves_toggle.setChecked(True)
        self.curves_toggle.setStatusTip("Shows or hides the loss and accuracy charts under the plot.")
        self.shortcuts_action = QAction("Keyboard shortcuts", w)
        self.shortcuts_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.shortcuts_action.setStatusTip("Lists every keyboard shortcut of the window.")
        self.about_action = QAction("About Neural Playground", w)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.setStatusTip("The app's version, licence and what it is for.")
        for a in (
            self.play_action,
            self.step_action,
            self.slow_step_action,
            self.reset_action,
            self.faster_action,
            self.slower_action,
            self.undo_action,
            self.redo_action,
            self.new_action,
            self.quit_action,
        ):
            w.addAction(a)

    def _build_toolbar(self) -> QToolBar:
        tb = QToolBar("Controls")
        tb.toggleViewAction().setStatusTip(
            "Shows or hides this toolbar: Play, Step, the pace, the class and the tools."
        )
        tb.setObjectName("controls")
        # Its margins come from the style sheet's rule for this name, but the toolbar measured them when it had no
        # name yet: without measuring again, the first change of theme (or presenter mode) changed its height.
        tb.ensurePolished()
        QApplication.sendEvent(tb, QEvent(QEvent.Type.StyleChange))
        tb.setMovable(False)
        tb.setIconSize(QSize(20, 20))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.addAction(self.play_action)
        self.play_button = tb.widgetForAction(self.play_action)
        self.play_button.setObjectName("playButton")
        tb.addAction(self.step_action)
        if self.pace_box is not None:
            tb.addWidget(self.pace_box)
        tb.addAction(self.reset_action)
        caption = QLabel("Epoch")
        caption.setObjectName("epochCaption")
        tb.addWidget(caption)
        self.epoch_label = SteadyLabel("0")
        self.epoch_label.setObjectName("epochLabel")
        self.epoch_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.epoch_label.setToolTip("How many passes over the training points the model has made.")
        tb.addWidget(self.epoch_label)
        tb.addSeparator()

        self.class_caption = QLabel("Class")
        self.class_caption.setObjectName("toolbarCaption")
        tb.addWidget(self.class_caption)
        self.class_group = QButtonGroup(self)
        self.class_group.setExclusive(True)
        self.class_buttons: list[QToolButton] = []
        self.class_button_actions: list[QAction] = []
        for k in range(MAX_CLASSES):
            b = QToolButton()
            b.setCheckable(True)
            b.setIcon(class_icon(k))
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            b.setProperty("classButton", True)
            self._name_class_button(b, k, str(k + 1))
            self.class_group.addButton(b, k)
            self.class_buttons.append(b)
            self.class_button_actions.append(tb.addWidget(b))
        self.class_buttons[0].setChecked(True)
        self.class_group.idClicked.connect(self._on_class_clicked)
        self.class_separator = tb.addSeparator()
        tb.addAction(self.add_tool_action)
        tb.addAction(self.erase_tool_action)
        # Step slowly comes last: a narrow window's toolbar puts what does not fit behind its », from the end, and
        # Play, Step, Reset, the class and the plot's tools are what a newcomer looks for first.
        self._tools_end = tb.addSeparator()
        tb.addAction(self.slow_step_action)
        return tb

    def add_tool(self, action: QAction) -> None:
        """One more plot tool (e.g. the probe): exclusive with Add and Erase, on the toolbar."""
        self.tool_group.addAction(action)
        self.toolbar.insertAction(self._tools_end, action)

    # ------------------------------------------------------------------ the class new points get
    def current_class(self) -> int:
        return self._current_class

    def class_available(self, k: int) -> bool:
        return 0 <= k < len(self.class_buttons) and self.class_button_actions[k].isVisible()

    def update_classes(self, ds) -> None:
        """Shows a button for each class of ``ds`` and one more (none in regression), each named as the data
        names its class (numbers where it gives no names)."""
        regression = ds.task == "regression"
        visible = 0 if regression else min(MAX_CLASSES, max(2, ds.n_classes) + 1)
        for k, a in enumerate(self.class_button_actions):
            if k < visible:
                self._name_class_button(self.class_buttons[k], k, class_label(ds, k))
            a.setVisible(k < visible)
        self.class_caption.setVisible(not regression)
        self.class_separator.setVisible(not regression)
        if not regression and self._current_class >= visible:
            self._set_current_class(0)

    @staticmethod
    def _name_class_button(button: QToolButton, k: int, label: str) -> None:
        colour = colors.CLASS_NAMES_OF_COLORS[k]
        numbered = label == str(k + 1)
        font = QFont(button.font())
        font.setWeight(QFont.Weight.DemiBold)  # as the style sheet draws class buttons
        shown = QFontMetrics(font).elidedText(label, Qt.TextElideMode.ElideRight, CLASS_NAME_WIDTH)
        # a digit's "0" is a name too: the tooltip quotes names so that it never reads as a number of its own
        name = label if numbered else f"\u201c{label}\u201d"
        if button.text() == shown and button.accessibleName() == f"Class {name} ({colour})":
            return  # the same data's classes again: no new text for the toolbar to lay out
        button.setText(shown)
        button.setToolTip(f"New points get class {name} ({colour}); key {class_key(k)}.")
        button.setAccessibleName(f"Class {name} ({colour})")  # not just "1"
        # a full toolbar moves a whole button behind its » rather than squeezing a name to "s…a" or to nothing
        button.setMinimumWidth(0)
        button.setMinimumWidth(button.sizeHint().width())

    def _set_current_class(self, k: int) -> None:
        self._current_class = int(k)
        self.class_buttons[k].setChecked(True)
        self.plot.set_current_class(int(k))

    @Slot(int)
    def _on_class_clicked(self, k: int) -> None:
        self._set_current_class(k)
        self.add_tool_action.setChecked(True)

    @Slot()
    def _on_class_shortcut(self) -> None:
        action = self.sender()
        assert isinstance(action, QAction)  # the class's shortcut
        k = int(action.data())
        if self.class_button_actions[k].isVisible():  # hidden in regression
            self._on_class_clicked(k)

    # ------------------------------------------------------------------ tools and test points
    @Slot(bool)
    def _on_tool_changed(self, adding: bool) -> None:
        self.plot.set_tool("add" if adding else "erase")

    @Slot()
    def _on_toggle_tool(self) -> None:
        (self.erase_tool_action if self.add_tool_action.isChecked() else self.add_tool_action).setChecked(True)

    @Slot(bool)
    def _on_show_test_action(self, show: bool) -> None:
        if self.show_test_box.isChecked() != show:
            self.show_test_box.setChecked(show)  # its toggled signal brings the plot along
        else:
            self.plot.set_show_test(show)

    @Slot(bool)
    def _on_show_test_box(self, show: bool) -> None:
        self.show_test_action.setChecked(show)
        self.plot.set_show_test(show)
