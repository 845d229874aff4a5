"""The main plot's axes while its first data are on their way: the titles the coming data will give them and no
ticks of the empty plane held meanwhile; the ticks are back, in the same room, when the data come, and the empty
plane's own titles when none come after all."""

from __future__ import annotations

from model.data.generators import make


def axes(view):
    bottom, left = (view.getPlotItem().getAxis(side) for side in ("bottom", "left"))
    return (bottom.labelText, left.labelText), (bottom.ticks_shown(), left.ticks_shown())


def sizes(view):
    return [view.getPlotItem().getAxis(side).geometry().getRect() for side in ("bottom", "left")]


def test_the_axes_wait_without_ticks_under_the_coming_titles_in_the_same_room(boundary_view, qtbot):
    view = boundary_view
    view.set_waiting("Generating blobs\u2026", 2)
    qtbot.wait(50)
    assert axes(view) == (("x₁", "x₂"), (False, False))
    before = sizes(view)
    view.set_dataset(make("blobs", seed=0), 1)
    view.set_waiting("")
    qtbot.wait(50)
    assert axes(view) == (("x₁", "x₂"), (True, True))
    assert sizes(view) == before  # the ticks left out, not their room: nothing moves when they come


def test_no_data_after_all_give_back_the_empty_planes_titles(boundary_view):
    view = boundary_view
    view.set_waiting("Loading digits (8×8)\u2026", 64)
    assert axes(view)[0] == ("PC1", "PC2")
    assert view.plane_caption.row.isVisible() and view.plane_caption.row.blank  # its room kept, drawn empty
    view.set_waiting("")  # the data could not be made: the empty plane is all there is
    assert axes(view) == (("x₁", "x₂"), (True, True))
    assert not view.plane_caption.row.isVisible()
