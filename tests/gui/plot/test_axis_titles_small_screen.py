"""The main plot's axis titles on a 1024×700 window are whole, and centred on their axes: a feature's name however
long (breast cancer's and the wine's longest, a data file's 40-character column names), on either axis, whatever
title the axis had before. The title used to be placed only when the axis was resized: breast cancer on two
features had its left title start where "PC2" had been centred and run off the top of the plot, and a long bottom
title start at the middle of its axis. The two moons' x₁ and x₂ leave the plot as it was."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF

from tests.gui.plot.test_legend_place import settled
from tests.gui.plot.test_plane_caption_small_screen import SMALL_SCREEN, pick, show_two_features

BREAKS = ("_", "/", "-")  # a line broken after one of these joins the next without a space
LONG_COLUMNS = ("concentration_of_dissolved_oxygen_in_mgL", "temperature of the water at the surface C")


def rejoined(lines: list[str]) -> str:
    """The title that ``lines`` show: a space between two lines, but where the first ended inside a name."""
    text = lines[0]
    for line in lines[1:]:
        text += line if text.endswith(BREAKS) else " " + line
    return text


def check_title_whole(view, side: str, title: str, moment: str) -> None:
    """The axis shows ``title``, every word of it, in lines within the axis's length, centred on it, and within the
    plot widget."""
    axis = view.getPlotItem().getAxis(side)
    lines = axis.title_lines()
    assert rejoined(lines) == title, f"{moment}, {side}: {lines} do not say {title!r}"
    margin = axis.label.document().documentMargin()
    needed = axis.label.boundingRect().width()
    assert needed <= axis.length(), f"{moment}, {side}: the title needs {needed:.0f} px of the axis's {axis.length()}"
    text = axis.label.mapRectToScene(axis.label.boundingRect().adjusted(margin, margin, -margin, -margin))
    along = axis.sceneBoundingRect()
    vertical = side == "left"
    start, end = (text.top(), text.bottom()) if vertical else (text.left(), text.right())
    axis_start, axis_end = (along.top(), along.bottom()) if vertical else (along.left(), along.right())
    centre = (start + end) / 2
    assert axis_start <= start and end <= axis_end, (
        f"{moment}, {side}: {title!r} at {start:.0f}-{end:.0f} px, the axis {axis_start:.0f}-{axis_end:.0f}"
    )
    assert abs(centre - (axis_start + axis_end) / 2) <= 2, f"{moment}, {side}: {title!r} is not centred on its axis"
    shown = QRectF(view.mapFromScene(text).boundingRect())
    assert QRectF(view.viewport().rect()).contains(shown), f"{moment}, {side}: {title!r} is cut ({shown})"


def choose_features(w, qtbot, across: int, up: int) -> None:
    control = w.data_panel.plane_control
    before = w.document.version
    control.across.setCurrentIndex(across)
    control.up.setCurrentIndex(up)
    control.up.activated.emit(up)
    qtbot.waitUntil(lambda: w.document.version > before, timeout=5000)
    settled(qtbot, w.boundary_view)


def check_features_named(w, moment: str) -> None:
    ds, view = w.document.dataset, w.boundary_view
    across, up = ds.view_plane.features
    check_title_whole(view, "bottom", ds.feature_names[across], moment)
    check_title_whole(view, "left", ds.feature_names[up], moment)


def longest_three(names) -> list[int]:
    return sorted(range(len(names)), key=lambda k: -len(names[k]))[:3]


def check_moons_plot(w, qtbot, left_width: float, view_size) -> None:
    pick(w, qtbot, "moons")
    view = w.boundary_view
    for side, title in (("bottom", "x₁"), ("left", "x₂")):
        assert view.getPlotItem().getAxis(side).title_lines() == [title]
        check_title_whole(view, side, title, "moons")
    assert view.getPlotItem().getAxis("left").width() == left_width
    assert view.vb.boundingRect().size() == view_size


def test_on_a_small_screen_the_longest_feature_names_are_whole_on_either_axis(make_window, qtbot):
    w = make_window(size=SMALL_SCREEN)
    view = w.boundary_view
    settled(qtbot, view)
    left_width, moons_size = view.getPlotItem().getAxis("left").width(), view.vb.boundingRect().size()
    for name in ("breast_cancer", "wine"):
        pick(w, qtbot, name)
        show_two_features(w, qtbot)  # first the pair shown at first: breast cancer's "mean fractal dimension" up
        check_features_named(w, f"{name}, two features")
        longest = longest_three(w.document.dataset.feature_names)
        for across, up in ((longest[0], longest[1]), (longest[1], longest[2]), (longest[2], longest[0])):
            choose_features(w, qtbot, across, up)
            check_features_named(w, f"{name}, features {across} and {up}")
    check_moons_plot(w, qtbot, left_width, moons_size)


def write_csv(path, columns) -> None:
    rng = np.random.default_rng(0)
    rows = [",".join([*columns, "label"])]
    rows += [",".join(f"{v:.3f}" for v in rng.normal(size=len(columns))) + f",{k % 2}" for k in range(60)]
    path.write_text("\n".join(rows) + "\n")


def test_on_a_small_screen_a_data_files_long_column_names_are_whole_on_either_axis(make_window, qtbot, tmp_path):
    w = make_window(size=SMALL_SCREEN)
    view = w.boundary_view
    settled(qtbot, view)
    left_width, moons_size = view.getPlotItem().getAxis("left").width(), view.vb.boundingRect().size()
    write_csv(tmp_path / "lake.csv", [*LONG_COLUMNS, "depth"])
    before = w.document.version
    w.file_actions.data_files.open_data(tmp_path / "lake.csv")
    qtbot.waitUntil(lambda: w.document.version > before, timeout=10000)
    show_two_features(w, qtbot)
    for across, up in ((0, 1), (1, 0)):
        choose_features(w, qtbot, across, up)
        check_features_named(w, f"lake.csv, features {across} and {up}")
    assert len(view.getPlotItem().getAxis("left").title_lines()) == 2  # longer than the left axis: two lines
    # the two features alone: named on the axes as a plane's were
    before = w.document.version
    w.data_panel.plane_control.two_only.click()
    qtbot.waitUntil(lambda: w.document.version > before, timeout=10000)
    settled(qtbot, view)
    check_title_whole(view, "bottom", LONG_COLUMNS[1], "lake.csv, the two alone")
    check_title_whole(view, "left", LONG_COLUMNS[0], "lake.csv, the two alone")
    check_moons_plot(w, qtbot, left_width, moons_size)
