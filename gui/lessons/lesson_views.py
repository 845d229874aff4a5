"""The views a lesson shows, and where: each view behind one small switch (open it, close it, is it open), and
``LessonViews``, which shows exactly a lesson's views and arranges their docks so that none hides another, unless
the window is too short for them: views beside the plot are stacked while each gets the height its view needs at
that width; the last ones go into tabs behind the first otherwise (the digits lesson at 1024×700, the compare view
and the loss landscape of lesson 5). A view a tab away is better than views that all scroll. They are arranged
again when the window is resized, and when a view's content comes after it was measured (the compare view's models
are built in the training thread).

A lesson lists view names (``model.teaching.lessons.VIEWS``); ``lesson_views`` maps each to a switch over the
dock, toolbar, window or toggle that shows it in this build, so that lessons open and close views without
knowing where they live. Each switch knows the menu item that shows its view, whose text is the view's name for
a person (``LessonViews.words``: "Network diagram", "Timeline"), never the lesson file's "diagram".
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QDockWidget, QScrollArea

from gui.widgets.dock_heights import SEPARATOR_PX, dock_need, group_need, share_out
from model.teaching.lessons import VIEWS

log = logging.getLogger(__name__)

LESSON_DOCK_WIDTH = 430  # px: the formulas of a lesson fit on one line
SIDE_DOCK_WIDTH = 420  # px: a lesson's view docks beside the plot
NEED_CHANGE_PX = 4  # px: a view's need that changed by more than this arranges the views beside the plot again

#: Views that are part of the main window: a lesson opens them when it lists them, but never closes them.
KEPT_VIEWS = ("curves", "timeline")


def menu_words(action) -> str:
    """A menu item's text as a sentence says it: without its mnemonic's "&" nor a trailing "…"."""
    return action.text().replace("&", "").removesuffix("\u2026")


class ViewSwitch:
    """A dock or a toolbar (``widget``); ``show`` replaces plain showing when the view has a placement of its own
    (the compare view goes in front, with room). ``action``: its menu item, the widget's own toggle."""

    def __init__(self, widget, show=None):
        self.widget = widget
        self._show = show
        self.action = widget.toggleViewAction()

    @property
    def dock(self) -> QDockWidget | None:
        """The dock to arrange beside the others, if the view is one."""
        return self.widget if isinstance(self.widget, QDockWidget) else None

    def open(self) -> None:
        if self._show is not None:
            self._show()
        else:
            self.widget.show()

    def close(self) -> None:
        self.widget.hide()

    def is_open(self) -> bool:
        return self.widget.isVisible()


class CallbackSwitch:
    """A view opened by a callable (an action's trigger, a toggle's check); ``action``: the menu item that shows
    it; ``dock()``, when given, the dock it shows (made when first opened), to arrange beside the others."""

    def __init__(self, open_, close, is_open, action, dock=None):
        self._open, self._close, self._is_open, self._dock = open_, close, is_open, dock
        self.action = action

    @property
    def dock(self) -> QDockWidget | None:
        return None if self._dock is None else self._dock()

    def open(self) -> None:
        self._open()

    def close(self) -> None:
        self._close()

    def is_open(self) -> bool:
        return bool(self._is_open())


def lesson_views(inside_views, experiments, curves_toggle, curves_view, digit_views=None) -> dict:
    """Each name of ``model.teaching.lessons.VIEWS`` -> its switch in this window (the digits views only with
    ``digit_views``, a ``gui.inside.digit_views.DigitViews``)."""
    digits = {}
    if digit_views is not None:
        digits = {
            "digit_units": ViewSwitch(digit_views.docks["units"]),
            "test_images": ViewSwitch(digit_views.docks["test_images"]),
            "draw_digit": ViewSwitch(digit_views.docks["draw"]),
        }
    return {
        **digits,
        **{key: ViewSwitch(dock) for key, dock in inside_views.docks.items()},  # the lesson files' keys
        "landscape": ViewSwitch(experiments.landscape_dock),
        "timeline": ViewSwitch(experiments.timeline_toolbar),
        "compare": ViewSwitch(experiments.compare_dock, show=experiments.side_by_side.show_compare),
        "bias_explorer": CallbackSwitch(
            inside_views.open_explorer_afresh,
            inside_views.close_explorer,
            inside_views.explorer_open,
            inside_views.explorer_action,
            dock=lambda: inside_views.explorer_dock,
        ),
        "curves": CallbackSwitch(
            lambda: curves_toggle.setChecked(True), lambda: None, curves_view.isVisible, curves_toggle
        ),
    }


class LessonViews(QObject):
    """Shows a lesson's views through ``switches`` (name -> switch, None for a view this build lacks) and
    arranges their docks through ``docks`` (the window's DockLayout)."""

    def __init__(self, switches: dict, docks):
        super().__init__(docks.owner)
        self.switches = dict(switches)
        self.docks = docks
        self.missing: list[str] = []  # view names of the last lesson this build has no view for
        self._arranged: list = []
        self._needs: dict = {}  # dock -> the height its view needs, as last measured
        self._lesson_dock: QDockWidget | None = None
        # a window resized with a lesson open (restored from maximised, or sized after a lesson opened from the
        # command line) arranges the lesson's views beside the plot again for its new height, once it rests
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(100)
        self._resized.timeout.connect(self._rearrange_beside)
        # a view whose content came after it was measured (the compare view's models, a model's unit images) needs
        # another height: once its layout rests, the views beside the plot are stacked or tabbed again for it
        self._grown = QTimer(self)
        self._grown.setSingleShot(True)
        self._grown.setInterval(100)
        self._grown.timeout.connect(self._rearrange_beside)
        self._watched: dict = {}  # a view beside the plot -> its dock
        docks.owner.installEventFilter(self)

    def arranging(self) -> bool:
        """A new arrangement of the views beside the plot is due (after a resize, or a view's new need)."""
        return self._resized.isActive() or self._grown.isActive()

    def is_open(self, name: str) -> bool:
        switch = self.switches.get(name)
        return switch is not None and switch.is_open()

    def words(self, name: str) -> str:
        """The view ``name`` of a lesson file as its menu item says it ("diagram" is "Network diagram"); a view
        this build lacks, as the file names it."""
        switch = self.switches.get(name)
        return name.replace("_", " ") if switch is None else menu_words(switch.action)

    def close(self, name: str) -> None:
        switch = self.switches.get(name)
        if switch is not None:
            switch.close()

    def show_exactly(self, names, lesson_dock: QDockWidget) -> None:
        """Shows exactly the views a lesson lists: the other view docks close (the curves and the timeline,
        parts of the main window, stay as they are); a listed view this build does not have is skipped."""
        self.missing = []
        for name, switch in self.switches.items():
            if name not in names and name not in KEPT_VIEWS and switch is not None:
                switch.close()
        shown_docks = []
        for name in names:
            switch = self.switches.get(name)
            if name not in VIEWS or switch is None:
                self.missing.append(name)
                log.warning("lesson view %r: no such view in this window; skipped", name)
                continue
            switch.open()
            if switch.dock is not None:
                shown_docks.append(switch.dock)
        self._side_by_side(shown_docks)
        for dock in reversed(shown_docks):  # the first view listed ends on top of its tab group
            dock.raise_()
        lesson_dock.raise_()
        self._arranged = shown_docks
        self._lesson_dock = lesson_dock
        self._watch(shown_docks)
        QTimer.singleShot(0, self._leave_room_for_the_plot)  # once the docks are laid out

    @Slot()
    def _leave_room_for_the_plot(self) -> None:
        """The lesson text gets ~430 px; a view dock above or below the plot at most a third of the height,
        one beside it ~420 px; views beside the plot are stacked or tabbed (``_stack_or_tab``)."""
        d, lesson_dock = self.docks, self._lesson_dock
        if lesson_dock is not None and lesson_dock.isVisible() and not lesson_dock.isFloating():
            d.resize([lesson_dock], [LESSON_DOCK_WIDTH], Qt.Orientation.Horizontal)
        for dock in self._arranged:
            if not dock.isVisible() or dock.isFloating():
                continue
            area = d.area_of(dock)
            if area in (Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea):
                d.resize([dock], [max(200, d.height() // 3)], Qt.Orientation.Vertical)
            elif area == Qt.DockWidgetArea.RightDockWidgetArea:
                d.resize([dock], [SIDE_DOCK_WIDTH], Qt.Orientation.Horizontal)
        d.settle()  # a band too thin below the plot has moved beside it
        beside = self._beside()
        if len(beside) > 1:
            self._stack_or_tab(beside)

    def _watch(self, docks) -> None:
        for view in self._watched:
            view.removeEventFilter(self)
        self._watched = {}
        for dock in docks:
            scroll = dock.widget()
            view = scroll.widget() if isinstance(scroll, QScrollArea) else None
            if view is not None:
                self._watched[view] = dock
                view.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.docks.owner and event.type() == QEvent.Type.Resize and self._arranged:
            self._resized.start()
        elif event.type() == QEvent.Type.LayoutRequest and (dock := self._watched.get(obj)) is not None:
            measured = self._needs.get(dock)
            # not restarted by later requests: a view laid out again on every snapshot would put it off for ever
            if not self._grown.isActive() and measured is not None and abs(dock_need(dock) - measured) > NEED_CHANGE_PX:
                self._grown.start()
        return False

    def _beside(self) -> list:
        return [
            dock
            for dock in self._arranged
            if dock.isVisible()
            and not dock.isFloating()
            and self.docks.area_of(dock) == Qt.DockWidgetArea.RightDockWidgetArea
        ]

    @Slot()
    def _rearrange_beside(self) -> None:
        """The lesson's views beside the plot, stacked or tabbed again for the window's new height or a view's new
        need (only when the lesson's text is still shown: the person has not moved on). When the new height asks
        for the grouping they have, nothing moves: heights the person set between them stay."""
        lesson_dock = self._lesson_dock
        if lesson_dock is None or not lesson_dock.isVisible():
            return
        self.docks.settle()
        beside = self._beside()
        if len(beside) < 2:
            return
        groups = self._groups(beside)
        tabbed = [d for d in beside[1:] if d in self.docks.tabified(beside[0])]
        now = [[beside[0], *tabbed], *[[d] for d in beside[1:] if d not in tabbed]]
        if groups == now:
            return
        if groups[0] != now[0]:  # tabbed otherwise than the new height asks: stacked afresh first
            self._side_by_side(beside)
            self.docks.settle()
            groups = self._groups(beside)
        self._apply(groups)

    def _stack_or_tab(self, beside) -> None:
        """Views beside the plot, stacked in the order listed, share the column's height (``share_out``). When the
        column is too short for what they need together, the last views go into tabs with the first (which stays in
        front), one by one, until what is left stacked fits: the digits lesson at 1024×700 keeps the unit images
        and the test images in sight together, the draw pad a tab away behind the unit images (three tabs would
        not fit the column's width)."""
        self._apply(self._groups(beside))

    def _groups(self, beside) -> list[list]:
        """``beside`` in groups stacked in the column, each a group of tabs (most hold one view)."""
        needs = {dock: dock_need(dock) for dock in beside}
        groups = [[dock] for dock in beside]
        while len(groups) > 1 and sum(group_need(g, needs) for g in groups) > self._room(len(groups)):
            groups[0] += groups.pop()
        self._needs = needs
        return groups

    def _room(self, stacked: int) -> int:
        return self.docks.side_height() - SEPARATOR_PX * (stacked - 1)

    def _apply(self, groups) -> None:
        d = self.docks
        for dock in groups[0][1:]:
            if dock not in d.tabified(groups[0][0]):
                d.tabify(groups[0][0], dock)
        groups[0][0].raise_()
        if len(groups) > 1:
            sizes = share_out(self._room(len(groups)), [group_need(g, self._needs) for g in groups])
            d.resize([g[0] for g in groups], sizes, Qt.Orientation.Vertical)

    def _side_by_side(self, docks) -> None:
        """Docks a lesson shows together must not hide each other in one tab group: untabify the later ones."""
        for k, dock in enumerate(docks):
            earlier = docks[:k]
            if any(other in self.docks.tabified(dock) for other in earlier):
                self.docks.take_out_of_tabs(dock, Qt.Orientation.Vertical)
