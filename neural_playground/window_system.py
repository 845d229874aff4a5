"""Can a window open here? Asked before Qt is loaded, because Qt cannot say it well.

Without a display, or on X11 without the system's ``libxcb-cursor`` (which the PySide6 wheels do not ship and
Qt's X11 plugin needs since Qt 6.5), Qt prints "This application failed to start because no Qt platform plugin
could be initialized. Reinstalling the application may fix this problem." and aborts: reinstalling changes
nothing. It does the same with a display that is named but cannot be reached (a stale ``ssh -X`` session's
DISPLAY, another user's display without its cookie, a WAYLAND_DISPLAY with no compositor behind it).
``missing_window_system`` says instead, in one line, what is missing and which package brings it.

Only when Qt would choose the platform itself: a ``-platform`` option or ``QT_QPA_PLATFORM`` (``offscreen``,
``wayland``, ...) is left to Qt. Only on Linux and the BSDs, where Qt uses X11 or Wayland.
"""

from __future__ import annotations

import ctypes.util
import os
import socket
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


def x_display_reached(name: str) -> bool:
    """An X server accepts a connection at display ``name``, as Qt's X11 plugin would open it (libxcb, which
    every X client has; where it cannot be loaded nothing is known, and Qt is left to try)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(name.encode(), None)  # never NULL: a connection in an error state instead
    try:
        return xcb.xcb_connection_has_error(connection) == 0
    finally:
        xcb.xcb_disconnect(connection)


def wayland_display_reached(name: str, environ: Mapping[str, str]) -> bool:
    """A Wayland compositor listens on ``name``'s socket (a path, or a name in XDG_RUNTIME_DIR)."""
    path = name if os.path.isabs(name) else os.path.join(environ.get("XDG_RUNTIME_DIR", ""), name)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(1.0)
        try:
            s.connect(path)
        except OSError:
            return False
    return True


def display_reached(environ: Mapping[str, str]) -> bool:
    """Qt can reach one of the displays named: Wayland's first, then X11's, as Qt falls back from one to the
    other."""
    wayland, x11 = environ.get("WAYLAND_DISPLAY"), environ.get("DISPLAY")
    return bool(wayland and wayland_display_reached(wayland, environ)) or bool(x11 and x_display_reached(x11))


def missing_window_system(
    qt_arguments: Sequence[str],
    environ: Mapping[str, str] | None = None,
    has_library: Callable[[str], bool] | None = None,
    platform: str | None = None,
    reached: Callable[[Mapping[str, str]], bool] | None = None,
) -> str | None:
    """What stops Qt from opening a window here (one sentence), or None when nothing known does."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    has_library = library_present if has_library is None else has_library
    reached = display_reached if reached is None else reached
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if "-platform" in qt_arguments or environ.get("QT_QPA_PLATFORM"):
        return None  # a platform asked for by name: Qt says itself what it lacks
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return (
            "there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set): start it in a "
            "desktop session, or train without a window: neural-playground train --help"
        )
    if not reached(environ):
        named = " and ".join(
            f"{variable}={environ[variable]}" for variable in ("WAYLAND_DISPLAY", "DISPLAY") if environ.get(variable)
        )
        return (
            f"cannot connect to the display ({named}): it is gone or refuses this user (a stale ssh -X session, "
            "another user's display, no Xauthority cookie); start it in a desktop session, or train without a "
            "window: neural-playground train --help"
        )
    if not environ.get("WAYLAND_DISPLAY") and not has_library("xcb-cursor"):
        return f"the window needs the system library libxcb-cursor, which is not installed: {XCB_CURSOR_PACKAGES}"
    return None
