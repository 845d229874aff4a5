"""The name a first save suggests says what the points are: points clicked on the plot after Clear were offered as
"two_gaussians.npz" (the Dataset list's entry, which made none of them); they are "drawn.npz" now. Generated points
keep their generator's name, points read from a data file its stem, and a saved session its file's."""

from __future__ import annotations

from tests.gui.files.test_files import dialogs, window  # noqa: F401 - fixtures, found by pytest by name


def test_points_drawn_after_clear_are_offered_as_drawn(window):  # noqa: F811 - the fixture
    w = window
    sessions = w.file_actions.sessions
    assert sessions.base_name() == "moons"  # the two moons the window starts with, as generated
    w.edits.clear()
    w.edits.add_points([(0.5, 0.5), (1.0, -1.0)])
    assert w.document.source.kind == "drawn"
    assert sessions.base_name() == "drawn"
