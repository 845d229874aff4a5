"""ViewState: how the person is looking at things, as one small object features may read and set.

A session file keeps it (``gui.files.sessions``) and the probe asks it for the class new points get
(``gui.inside``): they get this instead of the window's toolbar, menus and plot. Setting a value goes
through the same control a person uses, so every view that follows that control follows it here too.

Presenter mode lives here as well: whether it is on (``presenterChanged``, which ``gui.window.presenter`` follows
to set the fonts, the colours and the docks) and the plots' look that comes with it (``lookChanged``, a
``PlotLook`` every plot follows: the line widths and marker sizes are read from it). A session file does not keep
it: it belongs to a room and a projector, not to the work.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Signal, Slot

from gui.widgets.plot_look import NORMAL, PRESENTER, PlotLook


class ViewState(QObject):
    """``controls`` (gui.window.controls.Controls), ``plot`` (BoundaryView), ``curves`` (CurvesView); the plot and
    the curves follow the look from the start, other views with ``follow_look``."""

    presenterChanged = Signal(bool)
    lookChanged = Signal(object)  # the PlotLook the plots draw with now

    def __init__(self, controls, plot, curves, parent: QObject | None = None):
        super().__init__(parent)
        self._controls = controls
        self._plot = plot
        self._curves = curves
        self._presenter = False
        self.follow_look(plot.set_look)
        self.follow_look(curves.set_look)

    # ------------------------------------------------------------------ presenter mode and the plots' look
    def presenter(self) -> bool:
        return self._presenter

    @Slot(bool)
    def set_presenter(self, on: bool) -> None:
        """Presenter mode on or off: the window's fonts, colours and docks change first (the layout before is kept
        before anything changes), then the plots' look."""
        on = bool(on)
        if on == self._presenter:
            return
        self._presenter = on
        self.presenterChanged.emit(on)
        self.lookChanged.emit(self.look())

    def look(self) -> PlotLook:
        return PRESENTER if self._presenter else NORMAL

    def follow_look(self, slot) -> None:
        """``slot(look)`` now and on every change of the look."""
        self.lookChanged.connect(slot)
        slot(self.look())

    def show_test(self) -> bool:
        return bool(self._controls.show_test_action.isChecked())

    def set_show_test(self, show: bool) -> None:
        self._controls.show_test_action.setChecked(bool(show))  # the panel's box and the plot follow
        self._plot.set_show_test(bool(show))

    def legend_visible(self) -> bool:
        return bool(self._plot.legend_hand.show_action.isChecked())

    def set_legend_visible(self, visible: bool) -> None:
        self._plot.legend_hand.show_action.setChecked(bool(visible))  # View > Plot legend: the plot follows

    def curves_visible(self) -> bool:
        return bool(self._controls.curves_toggle.isChecked())

    def set_curves_visible(self, visible: bool) -> None:
        self._controls.curves_toggle.setChecked(bool(visible))

    def log_scale(self) -> bool:
        return bool(self._curves.log_scale())

    def set_log_scale(self, log: bool) -> None:
        self._curves.set_log_scale(bool(log))

    def current_class(self) -> int:
        return int(self._controls.current_class())

    def choose_class(self, k: int) -> bool:
        """Picks class ``k`` for new points as a person does (the Add tool comes with it); False when this
        data has no such class button."""
        if not self._controls.class_available(k):
            return False
        self._controls.class_buttons[k].click()
        return True

    def tool(self) -> str:
        return self._plot.tool()

    def set_tool(self, tool: str) -> None:
        if tool == "erase":
            self._controls.erase_tool_action.setChecked(True)
        elif tool == "add":
            self._controls.add_tool_action.setChecked(True)

    def plot_range(self) -> tuple[float, float, float, float]:
        """The plot's visible range, (x0, x1, y0, y1) in data coordinates."""
        (x0, x1), (y0, y1) = self._plot.viewRange()
        return float(x0), float(x1), float(y0), float(y1)

    def asked_range(self) -> tuple[float, float, float, float]:
        """The range the plot was asked to show, (x0, x1, y0, y1), which it shows whole (``plot_range`` is that
        widened to the plot's shape): what a session keeps, so it opens showing the same and saves the same."""
        return self._plot.asked_range()

    def fit_to_data(self) -> None:
        """Zooms the plot to the points, with a margin."""
        self._plot.fit_to_data()

    def set_plot_range(self, x0: float, x1: float, y0: float, y1: float) -> bool:
        """Shows exactly that range; False (nothing changes) for an empty or non-finite one."""
        values = (x0, x1, y0, y1)
        if not all(math.isfinite(v) for v in values) or not (x1 > x0 and y1 > y0):
            return False
        self._plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        return True
