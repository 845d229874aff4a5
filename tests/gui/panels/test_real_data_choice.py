"""Choosing a real data set in the Data panel: it loads, trains, the plot shows its plane and says so, and the
plane can be changed (an undoable step that keeps the model)."""

import numpy as np
from PySide6.QtWidgets import QApplication

from model.data.view_plane import ViewPlane


def _pick(window, qtbot, name):
    panel = window.data_panel
    i = panel.generator.findData(name)
    assert i >= 0, name
    before = window.document.version
    panel.generator.setCurrentIndex(i)
    panel.generator.activated.emit(i)  # what a pick in the popup emits
    qtbot.waitUntil(lambda: window.document.version > before, timeout=10000)

    def snap_ok():
        snap = window.controller.latest_snapshot
        return snap is not None and snap.data_version == window.document.version

    qtbot.waitUntil(snap_ok, timeout=20000)


def test_digits_load_train_and_the_plot_names_its_plane(make_window, qtbot):
    w = make_window()
    _pick(w, qtbot, "digits")
    ds = w.document.dataset
    assert (ds.n_features, ds.n_classes, ds.class_names[9]) == (64, 10, "9")
    panel = w.data_panel
    # the real data set has its own points, noise and classes
    assert not panel.n_samples.isEnabled() and not panel.noise.isEnabled() and not panel.n_classes.isEnabled()
    assert "Digits (8×8): 10 classes, 1,797 points" in panel.on_plot.text() and panel.pending_fields() == []
    panel.seed.setValue(panel.seed.value() + 1)
    assert panel.pending_fields() == ["Seed"]  # a new seed waits for Generate; the points' own size does not
    v = w.boundary_view
    assert v.plane_caption.text().startswith("PC1 (") and "other directions at the mean" in v.plane_caption.text()
    pi = v.getPlotItem()
    assert pi.getAxis("bottom").labelText == "PC1" and pi.getAxis("left").labelText == "PC2"
    np.testing.assert_allclose(v.data_points.xy, ds.plane_frame().project(ds.X))
    assert panel.plane_control.isVisible() and panel.plane_control.plane() == ViewPlane.pca()
    assert w.controls.class_available(9)  # ten classes: the tenth button (key 0) is there
    assert not w.model_panel.features_box.boxes["x1^2"].isEnabled()  # extra inputs are of 2-D data
    # it trains: the snapshot's grid has ten class probabilities
    w.controller.play()
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch >= 3, timeout=30000)
    w.controller.pause()
    snap = w.controller.latest_snapshot
    assert snap.layer_sizes[0] == 64 and snap.layer_sizes[-1] == 10
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.grid is not None, timeout=10000)
    assert w.controller.latest_snapshot.grid.shape[-1] == 10


def test_choosing_two_features_redraws_the_plane_and_undo_brings_pca_back(make_window, qtbot):
    w = make_window()
    _pick(w, qtbot, "iris")
    control = w.data_panel.plane_control
    params = w.controller.latest_snapshot.params
    before = w.document.version
    control.kind.setCurrentIndex(control.kind.findData("features"))
    control.kind.activated.emit(control.kind.currentIndex())
    qtbot.waitUntil(lambda: w.document.version > before, timeout=5000)
    ds = w.document.dataset
    assert ds.view_plane.kind == "features"
    i, j = ds.view_plane.features
    assert (i, j) == (2, 1)  # petal length weighs most in PC1, sepal width in PC2: the first pair offered
    caption = w.boundary_view.plane_caption.text()
    assert caption.splitlines() == [
        "petal length vs sepal width (standardised), other features at their mean",
        "boundary through the mean of the other 2 features",
    ]
    np.testing.assert_allclose(w.boundary_view.data_points.xy, ds.X[:, [i, j]])
    assert w.boundary_view.getPlotItem().getAxis("bottom").labelText == ds.feature_names[i]
    assert control.features_row.isVisible()
    # the model was not touched: the same weights after the change
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.data_version == w.document.version, timeout=10000)
    np.testing.assert_array_equal(w.controller.latest_snapshot.params, params)
    w.undo_stack.undo()
    assert w.document.dataset.view_plane == ViewPlane.pca()
    assert control.plane() == ViewPlane.pca() and control.kind.currentData() == "pca"
    assert w.boundary_view.plane_caption.text().startswith("PC1")


def test_back_to_drawn_data_the_plane_goes_away(make_window, qtbot):
    w = make_window()
    _pick(w, qtbot, "wine")
    assert w.boundary_view.plane_caption.text()
    _pick(w, qtbot, "moons")
    assert w.boundary_view.plane_caption.text() == ""
    assert w.boundary_view.getPlotItem().getAxis("bottom").labelText == "x₁"
    assert not w.data_panel.plane_control.isVisible()
    assert w.model_panel.features_box.boxes["x1^2"].isEnabled()
    QApplication.processEvents()


def test_clear_on_digits_gives_a_canvas_of_two_inputs_to_draw_on_and_undo_gives_the_digits_back(make_window, qtbot):
    w = make_window()
    _pick(w, qtbot, "digits")
    digits = w.document.dataset
    w.edits.clear()
    ds = w.document.dataset
    assert (ds.n_samples, ds.n_features, ds.n_classes, ds.view_plane) == (0, 2, 2, None)
    w.edits.add_points(np.array([[0.5, 1.5]]))
    np.testing.assert_array_equal(w.document.dataset.X, [[0.5, 1.5]])  # the point clicked, not a 64-pixel image
    pi = w.boundary_view.getPlotItem()
    qtbot.waitUntil(lambda: pi.getAxis("bottom").labelText == "x₁", timeout=5000)
    w.undo_stack.undo()
    w.undo_stack.undo()
    assert w.document.dataset is digits
