"""Where a window opens while another window of the app already sits at the remembered place.

A window's place is remembered when it closes (``AppSettings.save_window``) and given back at the next start. A
second window started while the first runs was given the same place, exactly over the first, and it looked as if
nothing had happened. So each window given the remembered place notes where it opened, under the name of its
recovery file (``gui.files.recovery_slot``: its lock is what tells running windows apart, also across processes);
a window opening looks at the places of the others still running and, as desktop apps cascade their windows, opens
a step down and to the right of any it would cover, made smaller if need be to stay on the screen, and from the
screen's top left corner again when no step is left. Its note goes when it closes; a note a killed window left is
ignored and removed (nobody holds its recovery file).

Places are the windows' geometry (inside the frame) as restored, before they are shown: the frame is the window
manager's and not known yet, and every window notes and compares the same way.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication

from gui.widgets.screen_fit import FRAME_PX

CASCADE_PX = 32  # px down and to the right of the window it would cover (about a title bar's height)
MIN_SHARE = 0.75  # a window may shrink to this share of its width and height to stay on the screen
MAX_STEPS = 100
BORDER_PX = 8  # room for the frame's sides and bottom (the title bar above has FRAME_PX)


def cascaded(
    rect: QRect, taken: Iterable[QPoint], screen: QRect, smallest: QSize | None = None, step: int = CASCADE_PX
) -> QRect:
    """``rect`` where no window of ``taken`` (their top left corners) sits: itself when free, else moved by whole
    steps down and to the right until its corner is at least half a step from every other's, no larger than
    ``screen`` has room for from there (nor smaller than ``smallest``, the least size the window takes): a step
    past the screen's right or bottom edge goes down or right only; past both, the steps start again at ``screen``'s
    top left corner. ``rect`` as it is when no place is free."""
    taken = list(taken)

    def free(corner: QPoint) -> bool:
        return all(max(abs(corner.x() - q.x()), abs(corner.y() - q.y())) >= step // 2 for q in taken)

    if free(rect.topLeft()):
        return QRect(rect)
    # a window as large as the screen moves a step at least, smaller by that step
    least = QSize(int(rect.width() * MIN_SHARE), int(rect.height() * MIN_SHARE)).boundedTo(
        screen.size() - QSize(step, step)
    )
    if smallest is not None:
        least = least.expandedTo(smallest)
    last = QPoint(screen.right() + 1 - least.width(), screen.bottom() + 1 - least.height())  # the lowest corner
    for start, first in ((rect.topLeft(), 1), (screen.topLeft(), 0)):
        for k in range(first, MAX_STEPS):
            steps = start + QPoint(k * step, k * step)
            if steps.x() > last.x() and steps.y() > last.y():
                break  # past the bottom right: from the top left corner
            corner = QPoint(max(screen.left(), min(steps.x(), last.x())), max(screen.top(), min(steps.y(), last.y())))
            if free(corner):
                room = QSize(screen.right() + 1 - corner.x(), screen.bottom() + 1 - corner.y())
                return QRect(corner, rect.size().boundedTo(room))
    return QRect(rect)


class WindowPlaces:
    """The places of the running windows of a profile: ``settings`` (``AppSettings``) keeps them; this window's
    recovery file is ``slot`` (``RecoverySlot``), its name the key of this window's place, and the slot tells
    which other windows' files are held by windows still running (``slot.held_by_another``)."""

    def __init__(self, settings, slot):
        self.settings = settings
        self.slot = slot
        self._noted = False

    def open_apart(self, window) -> None:
        """``window``, just given the remembered place (not yet shown), moved off the places of the other running
        windows, and its own place noted for the windows opened after it. A maximised or full-screen window
        stays as it is: it covers the screen wherever it is."""
        if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
            return
        mine = os.path.basename(self.slot.path)
        others = []
        for name, corner in self.settings.window_places().items():
            if name == mine:
                continue
            if self.slot.held_by_another(name):
                others.append(corner)
            else:  # left by a window killed before it could remove it
                self.settings.forget_window_place(name)
        rect = window.geometry()
        screen = QGuiApplication.screenAt(rect.center()) or window.screen()
        # the frame the window manager draws (not known before it is shown) stays on the screen too
        area = screen.availableGeometry().adjusted(BORDER_PX, FRAME_PX, -BORDER_PX, -BORDER_PX)
        place = cascaded(rect, others, area, window.minimumSizeHint().expandedTo(window.minimumSize()))
        if place != rect:
            window.setGeometry(place)
        self.settings.note_window_place(mine, place.topLeft())
        self._noted = True

    def forget(self) -> None:
        """The window closes: its place is free."""
        if self._noted:
            self.settings.forget_window_place(os.path.basename(self.slot.path))
            self._noted = False
