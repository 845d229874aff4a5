"""A session saved with a view range opens showing that range, and saves the same numbers again, in a plot of any
shape: the 1:1 aspect lock widens one axis to fit the plot, and that widening is never written back."""

from __future__ import annotations

import numpy as np

from model.storage.session_files import load_session
from tests.gui.files.test_files import open_and_wait


def _saved_range(path) -> list[float]:
    return load_session(path)[1]["plot_range"]


def _shows_whole(shown, asked) -> bool:
    """Whether the visible range ``shown`` is ``asked`` widened on one axis about its centre (the aspect lock)."""
    (a0, a1), (b0, b1) = shown
    x0, x1, y0, y1 = asked
    tol = 1e-9 * (x1 - x0)
    centred = abs((a0 + a1) - (x0 + x1)) < tol and abs((b0 + b1) - (y0 + y1)) < tol
    one_axis_as_asked = np.isclose(a1 - a0, x1 - x0) or np.isclose(b1 - b0, y1 - y0)
    return centred and one_axis_as_asked and a0 <= x0 + tol and b0 <= y0 + tol


def test_a_saved_view_range_reopens_as_saved_and_saves_the_same_numbers_again(qtbot, window, dialogs, tmp_path):
    w = window
    vb = w.boundary_view.vb
    asked = (-6.0, 6.0, -4.0, 5.0)
    assert w.view_state.set_plot_range(*asked)
    shown = vb.viewRange()
    assert not np.isclose(vb.width() / vb.height(), 12.0 / 9.0)  # this plot's shape widens one axis
    assert _shows_whole(shown, asked)
    path = tmp_path / "view.npz"
    dialogs.save_paths.append(str(path))
    w.file_actions.save_session_as_action.trigger()
    assert _saved_range(path) == list(asked)  # what was asked for, not the visible range widened to the plot

    w.file_actions.sessions.confirm_discard = lambda reason: "discard"
    w.view_state.set_plot_range(-1.0, 1.0, -1.0, 1.0)
    assert open_and_wait(qtbot, w.file_actions.sessions, path)
    np.testing.assert_allclose(vb.viewRange(), shown, rtol=0, atol=1e-12)  # the same plot shows the same
    w.file_actions.save_session_action.trigger()
    assert _saved_range(path) == list(asked)

    # a plot of another shape (a window left taller than wide) shows the saved range whole, and saves it unchanged
    width, height = vb.width(), vb.height()
    w.resize(w.width() - 250, w.height() + 150)
    qtbot.waitUntil(lambda: (vb.width(), vb.height()) != (width, height), timeout=5000)
    assert open_and_wait(qtbot, w.file_actions.sessions, path)
    assert _shows_whole(vb.viewRange(), asked) and not np.allclose(vb.viewRange(), shown)
    w.file_actions.save_session_action.trigger()
    assert _saved_range(path) == list(asked)
