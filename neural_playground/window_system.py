"""Can a window open here? Asked before Qt is loaded, because Qt cannot say it well.

Without a display, or on X11 without the system's ``libxcb-cursor`` (which the PySide6 wheels do not ship and
Qt's X11 plugin needs since Qt 6.5), Qt prints "This application failed to start because no Qt platform plugin
could be initialized. Reinstalling the application may fix this problem." and aborts: reinstalling changes
nothing. ``missing_window_system`` says instead, in one line, what is missing and which package brings it.

Only when Qt would choose the platform itself: a ``-platform`` option or ``QT_QPA_PLATFORM`` (``offscreen``,
``wayland``, ...) is left to Qt. Only on Linux and the BSDs, where Qt uses X11 or Wayland.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Callable, Mapping, Sequence

#: the package that brings libxcb-cursor, by family of distributions
XCB_CURSOR_PACKAGES = (
    "libxcb-cursor0 (Debian, Ubuntu: sudo apt install libxcb-cursor0) or xcb-util-cursor "
    "(Fedora: sudo dnf install xcb-util-cursor)"
)


def library_present(name: str) -> bool:
    """``lib<name>`` is known to the dynamic linker (its cache, or ``LD_LIBRARY_PATH``), as Qt will load it."""
    if ctypes.util.find_library(name) is not None:
        return True
    try:  # find_library reads only ld.so's cache (and needs binutils for the rest): a library found by the path
        ctypes.CDLL(f"lib{name}.so.0")
    except OSError:
        return False
    return True


def missing_window_system(
    qt_arguments: Sequence[str],
    environ: Mapping[str, str] | None = None,
    has_library: Callable[[str], bool] | None = None,
    platform: str | None = None,
) -> str | None:
    """What stops Qt from opening a window here (one sentence), or None when nothing known does."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    has_library = library_present if has_library is None else has_library
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if "-platform" in qt_arguments or environ.get("QT_QPA_PLATFORM"):
        return None  # a platform asked for by name: Qt says itself what it lacks
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return (
            "there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set): start it in a "
            "desktop session, or train without a window: neural-playground train --help"
        )
    if not environ.get("WAYLAND_DISPLAY") and not has_library("xcb-cursor"):
        return f"the window needs the system library libxcb-cursor, which is not installed: {XCB_CURSOR_PACKAGES}"
    return None
