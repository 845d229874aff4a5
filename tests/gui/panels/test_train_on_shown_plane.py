"""The boundary's two meanings on n-D data, a visible choice: the plot names the slice it draws, and "Train on
these two only" makes the shown plane the whole data (an undoable step; the network gets two inputs)."""

import numpy as np

from model.data.standardised_names import short_feature_name
from tests.gui.panels.test_real_data_choice import _pick


def test_the_plot_and_the_panel_say_the_boundary_is_a_slice(make_window, qtbot):
    w = make_window()
    _pick(w, qtbot, "wine")
    lines = w.boundary_view.plane_caption.text().splitlines()
    assert lines[0].startswith("PC1 (") and lines[1] == "boundary through the mean of the other 11 directions"
    control = w.data_panel.plane_control
    assert (
        control.boundary_note.text()
        == "Boundary: the model on this plane, through the mean of the other 11 directions."
    )
    assert control.two_only.isVisible() and control.two_only.isEnabled()


def test_train_on_the_two_shown_only_and_undo_brings_all_features_back(make_window, qtbot):
    w = make_window()
    _pick(w, qtbot, "iris")
    control = w.data_panel.plane_control
    control.kind.setCurrentIndex(control.kind.findData("features"))
    control.kind.activated.emit(control.kind.currentIndex())
    qtbot.waitUntil(lambda: w.document.dataset.view_plane.kind == "features", timeout=5000)
    full = w.document.dataset
    i, j = full.view_plane.features
    before = w.document.version
    control.two_only.click()
    qtbot.waitUntil(lambda: w.document.version > before, timeout=5000)
    two = w.document.dataset
    assert two.n_features == 2 and two.feature_names == (full.feature_names[i], full.feature_names[j])
    np.testing.assert_array_equal(two.X, full.X[:, [i, j]])
    qtbot.waitUntil(
        lambda: (
            w.controller.latest_snapshot is not None and w.controller.latest_snapshot.data_version == w.document.version
        ),
        timeout=20000,
    )
    assert w.controller.latest_snapshot.layer_sizes[0] == 2  # a model of the two shown features
    # the panel still says what the points are: the iris, now two of their features (it said "3 classes, …" only)
    assert w.data_panel.on_plot.text().endswith("Iris, edited: 3 classes, 150 points (30 test), 2 features")
    assert w.boundary_view.plane_caption.text() == ""  # nothing held at a mean any more
    assert not control.isVisible()
    np.testing.assert_array_equal(w.boundary_view.data_points.xy, full.X[:, [i, j]])  # the same points
    axes = w.boundary_view.getPlotItem()
    assert (axes.getAxis("bottom").labelText, axes.getAxis("left").labelText) == two.feature_names
    w.undo_stack.undo()
    assert w.document.dataset.n_features == 4 and control.isVisible()
    assert w.data_panel.on_plot.text().endswith("Iris: 3 classes, 150 points (30 test), 4 features, seed 0")
    assert w.boundary_view.plane_caption.text().startswith(f"{short_feature_name(full.feature_names[i])} vs")
