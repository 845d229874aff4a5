"""The window's controls: its actions and shortcuts, the toolbar (Play, Step, the pace, Reset, the epoch, the class
of new points, the Add and Erase tools, Step slowly), and what picking a class or a tool does to the plot.

Just over ~400 lines as one idea: the toolbar and what its buttons do; how much each shows is ``toolbar_room``, the
class list for many classes ``class_menu``."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QButtonGroup, QLabel, QToolBar, QToolButton, QWidget

from gui.widgets import colors
from gui.widgets.steady_label import SteadyLabel
from gui.widgets.style import class_icon, icon
from gui.window import toolbar_room
from gui.window.class_menu import MENU_FROM, ClassMenu
from gui.window.toolbar_keys import ToolbarKeys
from gui.window.toolbar_room import CLASS_NAME_WIDTH, LOOKS

MAX_CLASSES = colors.MAX_CLASSES
NEW_CLASS_LABEL = "+"  # the button that adds a class to the data's
__all__ = ["CLASS_NAME_WIDTH", "Controls", "class_key", "class_label"]


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
        self._labels: list[str] = []  # what the data names each shown class button's class (numbers where none)
        self._adds: int | None = None  # the class button that adds a class (past the data's own), if one shows
        self.class_look = LOOKS[0]  # how much of each class the buttons show (toolbar_room)
        self._needed: dict[str, int] = {}  # the width each look asks for, for the classes shown now
        self._build_actions(window, undo_stack)
        self.toolbar = self._build_toolbar()
        self.toolbar_keys = ToolbarKeys(self.toolbar, parent=self)  # Tab reaches its buttons
        self._refit_later = QTimer(self, singleShot=True, interval=0)
        self._refit_later.timeout.connect(self._measure_again)
        self.toolbar.installEventFilter(self)
        self.epoch_label.installEventFilter(self)  # a long run's counter grows, leaving the rest less room
        self.toolbar.toolButtonStyleChanged.connect(self._measure_again_later)
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
        self.undo_action.setStatusTip(
            "Takes back the last change to the points or the model (also while training runs)."
        )
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
        # room for a long run's counter from the start (the window is not laid out again as it grows), and past it
        # for one more digit at a time, not four: the class buttons and the tools need that room at 1024 px
        self.epoch_label = SteadyLabel("0", grow_chars=1, room_for="000,000")
        self.epoch_label.setObjectName("epochLabel")
        self.epoch_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.epoch_label.setToolTip("How many passes over the training points the model has made.")
        tb.addWidget(self.epoch_label)
        tb.addSeparator()

        self.class_caption = QLabel("Class")
        self.class_caption.setObjectName("toolbarCaption")
        self.class_caption_action = tb.addWidget(self.class_caption)
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
            self._name_class_button(b, k, str(k + 1), new=False)
            self.class_group.addButton(b, k)
            self.class_buttons.append(b)
            self.class_button_actions.append(tb.addWidget(b))
        self.class_buttons[0].setChecked(True)
        self.class_group.idClicked.connect(self._on_class_clicked)
        self.class_menu = ClassMenu()  # in their place, for many classes where the buttons leave the tools no room
        self.class_menu_action = tb.addWidget(self.class_menu)
        self.class_menu_action.setVisible(False)
        self.class_menu.classPicked.connect(self._on_class_clicked)
        self.class_separator = tb.addSeparator()
        tb.addAction(self.add_tool_action)
        tb.addAction(self.erase_tool_action)
        # Step slowly comes last: a narrow window's toolbar puts what does not fit behind its », from the end, and
        # Play, Step, Reset, the class and the plot's tools are what a newcomer looks for first.
        self._tools_end = tb.addSeparator()
        tb.addAction(self.slow_step_action)
        return tb

    def add_tool(self, action: QAction, icon_name: str) -> None:
        """One more plot tool (e.g. the probe): exclusive with Add and Erase, on the toolbar, with the icon
        ``resources/icons/<icon_name>.svg`` (where room is short, the tools show their icons alone)."""
        action.setIcon(icon(icon_name))
        self.tool_group.addAction(action)
        self.toolbar.insertAction(self._tools_end, action)
        self._needed.clear()  # one more to fit before the toolbar's »
        self.fit_toolbar()

    # ------------------------------------------------------------------ the class new points get
    def current_class(self) -> int:
        return self._current_class

    def class_available(self, k: int) -> bool:
        return 0 <= k < len(self._labels)

    def update_classes(self, ds) -> None:
        """Shows a button for each class of ``ds`` and one more (none in regression), each named as the data
        names its class (numbers where it gives no names), as much of the names as the toolbar has room for."""
        regression = ds.task == "regression"
        visible = 0 if regression else min(MAX_CLASSES, max(2, ds.n_classes) + 1)
        # The last button past the data's classes adds one: it reads "+", not a number beside the data's own (a
        # 3-class data set showed a 4th numbered button, read as a class the data lacked), beside the empty place
        # of the class it adds rather than that class's marker (``_apply_look``).
        adds = visible - 1 if visible > 0 and visible - 1 >= ds.n_classes else None
        labels = [NEW_CLASS_LABEL if k == adds else class_label(ds, k) for k in range(visible)]
        for k, a in enumerate(self.class_button_actions):
            if k < visible:
                self._name_class_button(self.class_buttons[k], k, labels[k], new=k >= ds.n_classes)
            a.setVisible(k < visible)
        self.class_separator.setVisible(not regression)
        if not regression and self._current_class >= visible:
            self._set_current_class(0)
        if labels != self._labels or adds != self._adds:
            self._labels = labels
            self._adds = adds
            self._needed.clear()
            self.class_menu.set_classes([class_label(ds, k) for k in range(visible)], adds)
        self.fit_toolbar()

    @staticmethod
    def _name_class_button(button: QToolButton, k: int, label: str, new: bool) -> None:
        """The tooltip and accessible name of class ``k``'s button: its whole name, or, for the button past the
        data's classes, that it makes a new class."""
        colour = colors.CLASS_NAMES_OF_COLORS[k]
        if label == NEW_CLASS_LABEL:
            label = str(k + 1)  # the class it makes, by its number
        numbered = label == str(k + 1)
        # a digit's "0" is a name too: the tooltip quotes names so that it never reads as a number of its own
        name = label if numbered else f"\u201c{label}\u201d"
        if new:
            tip = f"Adds a new class, class {name} ({colour}): the points you add next get it; key {class_key(k)}."
            accessible = f"New class {name} ({colour})"
        else:
            tip = f"New points get class {name} ({colour}); key {class_key(k)}."
            accessible = f"Class {name} ({colour})"  # not just "1"
        if button.toolTip() != tip:
            button.setToolTip(tip)
            button.setAccessibleName(accessible)

    # ------------------------------------------------------------------ the room on the toolbar
    def fit_toolbar(self) -> None:
        """The roomiest look of the class buttons (``toolbar_room.LOOKS``) with which Play ... Probe fit the toolbar
        side by side; the tightest when none does. A toolbar showing text under its icons (presenter mode) keeps
        the names."""
        if not self._labels or self.toolbar.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonTextBesideIcon:
            self._apply_look(LOOKS[0])
            return
        room = toolbar_room.available_width(self.toolbar)
        chosen = LOOKS[-1]
        for look in LOOKS:
            if look == "names" and self._elided() is None:
                continue  # names that would read alike: never shown
            if look == "menu" and len(self._labels) < MENU_FROM:
                continue  # a few classes: their buttons, one click each
            if look not in self._needed:
                self._apply_look(look)
                self._needed[look] = toolbar_room.needed_width(self.toolbar, self._last_needed_action())
            if self._needed[look] <= room:
                chosen = look
                break
        self._apply_look(chosen)

    def _last_needed_action(self) -> QAction:
        """The last action a newcomer looks for on the toolbar (Probe, once added; Erase before)."""
        actions = self.toolbar.actions()
        return actions[actions.index(self._tools_end) - 1]

    def _elided(self) -> list[str] | None:
        font = QFont(self.class_buttons[0].font())
        font.setWeight(QFont.Weight.DemiBold)  # as the style sheet draws class buttons
        return toolbar_room.elided_labels(self._labels, font)

    def _apply_look(self, look: str) -> None:
        self.class_look = look
        tool_icons = LOOKS.index(look) >= LOOKS.index("badges, tool icons")
        # the markers say what the buttons are (their tooltips too): the caption's room goes to the buttons
        self.class_caption_action.setVisible(bool(self._labels) and not tool_icons)
        menu = look == "menu"
        for k, action in enumerate(self.class_button_actions):
            action.setVisible(k < len(self._labels) and not menu)
        self.class_menu_action.setVisible(menu)
        texts = self._elided() if look == "names" else None
        if texts is None:
            texts = toolbar_room.short_labels(self._labels)
        badges = look.startswith("badges")
        for k, text in enumerate(texts):
            button = self.class_buttons[k]
            toolbar_room.set_compact(button, "" if look == "names" else "badges" if badges else "numbers")
            new = k == self._adds  # the button that adds class k: its empty slot, not its marker
            drawn = f"{text if badges else ''}|{'new' if new else 'class'}"
            if button.property("drawn") != drawn:
                button.setProperty("drawn", drawn)
                button.setIcon(toolbar_room.badge_icon(k, text, new=new) if badges else class_icon(k, new=new))
                button.setIconSize(QSize(toolbar_room.BADGE_ICON, toolbar_room.BADGE_ICON) if badges else QSize())
            if badges:
                toolbar_room.set_icon_only(button, self.toolbar, True)
            elif button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
                toolbar_room.set_icon_only(button, self.toolbar, False)
            if button.text() != text:
                button.setText(text)
            # a full toolbar moves a whole button behind its » rather than squeezing a name to "s…a" or to nothing
            button.setMinimumWidth(0)
            button.setMinimumWidth(button.sizeHint().width())
        icons_alone = [(action, tool_icons) for action in self.tool_group.actions()]  # Add, Erase, Probe
        icons_alone += [(action, look == "badges, icons") for action in (self.step_action, self.reset_action)]
        for action, icon_only in icons_alone:
            widget = self.toolbar.widgetForAction(action)
            if isinstance(widget, QToolButton):
                toolbar_room.set_icon_only(widget, self.toolbar, icon_only)

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        restyled = kind in (QEvent.Type.StyleChange, QEvent.Type.FontChange)
        if watched is self.toolbar and kind == QEvent.Type.Resize:
            self.fit_toolbar()
        elif (watched is self.toolbar and restyled) or (watched is self.epoch_label and kind == QEvent.Type.Resize):
            self._measure_again_later()
        return False

    @Slot()
    def _measure_again_later(self) -> None:
        """After a change of theme, font or button style: once it has reached every button."""
        self._refit_later.start()

    @Slot()
    def _measure_again(self) -> None:
        self._needed.clear()
        self.fit_toolbar()

    def _set_current_class(self, k: int) -> None:
        self._current_class = int(k)
        self.class_buttons[k].setChecked(True)
        self.class_menu.set_current(int(k))
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
        if self.class_available(k):  # none in regression
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
