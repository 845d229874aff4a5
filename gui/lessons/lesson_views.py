"""The views a lesson can open, each behind one small switch: open it, close it, is it open.

A lesson lists view names (``model.teaching.lessons.VIEWS``); ``lesson_views`` maps each to a switch over the
dock, toolbar, window or toggle that shows it in this build, so that ``LessonActions`` opens and closes views
without knowing where they live.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget

#: Views that are part of the main window: a lesson opens them when it lists them, but never closes them.
KEPT_VIEWS = ("curves", "timeline")


class ViewSwitch:
    """A dock or a toolbar (``widget``); ``show`` replaces plain showing when the view has a placement of its own
    (the compare view goes in front, with room)."""

    def __init__(self, widget, show=None):
        self.widget = widget
        self._show = show

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
    """A view opened by a callable (an action's trigger, a toggle's check), not a dock."""

    dock = None

    def __init__(self, open_, close, is_open):
        self._open, self._close, self._is_open = open_, close, is_open

    def open(self) -> None:
        self._open()

    def close(self) -> None:
        self._close()

    def is_open(self) -> bool:
        return bool(self._is_open())


def lesson_views(inside_views, experiments, curves_toggle, curves_view) -> dict:
    """Each name of ``model.teaching.lessons.VIEWS`` -> its switch in this window."""
    docks = inside_views.docks
    return {
        "diagram": ViewSwitch(docks["diagram"]),
        "probe": ViewSwitch(docks["probe"]),
        "hidden_space": ViewSwitch(docks["hidden"]),
        "health": ViewSwitch(docks["health"]),
        "perceptron_lesson": ViewSwitch(docks["perceptronLesson"]),
        "landscape": ViewSwitch(experiments.landscape_dock),
        "timeline": ViewSwitch(experiments.timeline_toolbar),
        "compare": ViewSwitch(experiments.compare_dock, show=experiments.show_compare),
        "bias_explorer": CallbackSwitch(
            inside_views.explorer_action.trigger, inside_views.close_explorer, inside_views.explorer_open
        ),
        "curves": CallbackSwitch(lambda: curves_toggle.setChecked(True), lambda: None, curves_view.isVisible),
    }
