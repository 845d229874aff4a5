"""The digits views in the real window: the lesson opens them on the digits; the unit images are the first layer's
weights (and follow the timeline back to an early epoch), the test grid marks exactly the mistakes and shows exactly
a selection of samples, the draw pad feeds the network the way the data set was made and drives the diagram."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from model.inside.digit_images import class_outputs, pad_features


def _open_digits_lesson(w, qtbot):
    w.lesson_actions.open_lesson("hidden-unit-digits")
    qtbot.waitUntil(
        lambda: (
            w.document.dataset.n_features == 64
            and w.controller.latest_snapshot is not None
            and w.controller.latest_snapshot.data_version == w.document.version
            and w.controller.latest_snapshot.layer_sizes == (64, 16, 10)
        ),
        timeout=20000,
    )


def _trained(w, qtbot, epochs):
    target = w.controller.latest_snapshot.epoch + epochs
    w.controller.step(epochs)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch == target, timeout=20000)
    return w.controller.latest_snapshot


@pytest.fixture
def digits_window(make_window, qtbot):
    w = make_window(size=(1400, 900))
    _open_digits_lesson(w, qtbot)
    return w


def test_the_lesson_opens_the_digits_with_its_views(digits_window, qtbot):
    w = digits_window
    ds = w.document.dataset
    assert ds.n_features == 64 and ds.n_classes == 10
    for key in ("units", "test_images", "draw"):
        qtbot.waitUntil(w.digit_views.docks[key].isVisible, timeout=5000)
    assert not w.inside_views.docks["probe"].isVisible()  # the lesson shows its own views
    items = [a.text() for a in w.menus.view.actions()]
    assert {"Unit images", "Test images", "Draw a digit"} <= set(items)


def test_unit_images_are_the_weights_and_follow_the_timeline(digits_window, qtbot):
    w = digits_window
    view = w.digit_views.units
    early = _trained(w, qtbot, 1)
    qtbot.waitUntil(lambda: view.snapshot is early, timeout=5000)
    view.flush()
    W = np.asarray(early.layer_params()[0][0])
    assert view.images.shape == (16, 8, 8)
    for k in range(16):
        assert np.array_equal(view.images[k], W[:, k].reshape(8, 8))
    early_images = view.images.copy()

    live = _trained(w, qtbot, 4)
    qtbot.waitUntil(lambda: view.snapshot is live, timeout=5000)
    view.flush()
    assert not np.allclose(view.images, early_images)  # training moved the weights
    assert np.array_equal(view.images[3], np.asarray(live.layer_params()[0][0])[:, 3].reshape(8, 8))

    w.experiments.timeline.scrub_to(early.epoch)

    def moment():
        return w.experiments._moment

    qtbot.waitUntil(lambda: moment() is not None and moment().epoch == early.epoch, timeout=30000)
    qtbot.waitUntil(lambda: view.snapshot is moment(), timeout=5000)
    view.flush()
    assert np.array_equal(view.images, early_images)  # the early epoch's weights, drawn again
    grid = w.digit_views.test_images
    qtbot.waitUntil(lambda: grid.snapshot is moment(), timeout=5000)

    w.experiments.timeline.live_button.click()
    qtbot.waitUntil(lambda: view.snapshot is w.controller.latest_snapshot, timeout=5000)
    view.flush()
    assert not np.array_equal(view.images, early_images)


def test_the_test_grid_marks_exactly_the_mistakes_and_shows_a_selection(digits_window, qtbot):
    w = digits_window
    grid = w.digit_views.test_images
    snap = _trained(w, qtbot, 1)
    qtbot.waitUntil(lambda: grid.snapshot is snap, timeout=5000)
    grid.flush()
    ds = w.document.dataset
    shown = grid.shown_indices
    assert len(shown) == 60 and ds.is_test[shown].all()
    predicted = np.asarray(snap.predictions)[shown]
    assert np.array_equal(grid.marked_indices(), shown[predicted != ds.y[shown]])
    assert np.array_equal(grid.verdicts.predicted, predicted)
    # the hover text names the probabilities of the hovered digit
    text = grid.cells.describe(0)
    p = class_outputs(snap, ds.X[shown[:1]]).values[0]
    assert f"sample {shown[0]}" in text and "probability" in text and f"{p.max():.3g}"[:4] in text

    # a click on a cell of the confusion matrix: the grid shows exactly that cell's samples
    w.confusion.view_action.trigger()
    view = w.confusion.view
    qtbot.waitUntil(view.isVisible, timeout=5000)
    view.set_split("test")
    qtbot.waitUntil(lambda: view.snapshot is snap, timeout=5000)
    view.flush()
    counts = view.scores.counts
    off = np.argwhere((counts > 0) & ~np.eye(10, dtype=bool))
    true_class, predicted_class = (int(off[0][0]), int(off[0][1])) if len(off) else (3, 3)
    view.select_cell(true_class, predicted_class)
    wanted = np.flatnonzero(ds.is_test & (ds.y == true_class) & (np.asarray(snap.predictions) == predicted_class))
    assert len(wanted) and np.array_equal(view.selected_samples, wanted)
    grid.flush()
    assert np.array_equal(grid.shown_indices, wanted)
    assert len(grid.cells.images) == len(wanted)
    expected_marks = wanted if true_class != predicted_class else np.empty(0, np.int64)
    assert np.array_equal(grid.marked_indices(), expected_marks)
    view.clear_selection()  # the selection cleared: the first test images again
    grid.flush()
    assert np.array_equal(grid.shown_indices, shown)
    # the window's own method does the same
    wanted = np.flatnonzero(ds.is_test & (ds.y == 3))[:7].astype(np.int64)
    w.digit_views.show_samples(wanted)
    grid.flush()
    assert np.array_equal(grid.shown_indices, wanted)
    w.digit_views.show_samples(np.empty(0, np.int64))  # the selection cleared: the first test images again
    grid.flush()
    assert np.array_equal(grid.shown_indices, shown)


def test_the_pad_feeds_the_network_as_the_data_set_was_made_and_drives_the_diagram(digits_window, qtbot):
    w = digits_window
    draw = w.digit_views.draw
    pad = draw.pad
    snap = w.controller.latest_snapshot
    qtbot.waitUntil(lambda: draw.snapshot is snap, timeout=5000)
    rect = pad.pad_rect()
    cell = rect.width() / 32

    def at(col, row):
        return QPoint(int(rect.left() + (col + 0.5) * cell), int(rect.top() + (row + 0.5) * cell))

    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=at(14, 4))
    for row in range(5, 28):
        qtbot.mouseMove(pad, at(14, row))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=at(14, 27))
    bitmap = pad.bitmap
    assert bitmap.any() and set(np.flatnonzero(bitmap.any(axis=0))) <= set(range(11, 18))
    np.testing.assert_array_equal(draw.features, pad_features(bitmap))  # the model's own downsampling
    counts = (draw.features * 16).reshape(8, 8)
    assert counts[:, 3].sum() > 0 and counts[:, :2].sum() == 0 and counts[:, 5:].sum() == 0
    draw.flush()
    expected = class_outputs(snap, draw.features)
    np.testing.assert_allclose(draw.bars.values, expected.values[0])
    assert draw.bars.values.sum() == pytest.approx(1.0)

    diagram = w.inside_views.diagram
    diagram.flush()
    assert diagram.canvas.images_the_inputs()  # the 64 inputs drawn as one image, not 64 nodes
    np.testing.assert_array_equal(diagram.digit_values[0], draw.features)
    np.testing.assert_allclose(diagram.digit_values[-1], expected.values[0])
    # the lines carry what the drawing sends along them: input × weight
    assert diagram.mode.currentData() == "signal"
    i = int(np.argmax(draw.features))
    W1 = np.asarray(snap.layer_params()[0][0])
    for j in (0, 5, 15):
        assert diagram.line_info(1, i, j)["value"] == pytest.approx(draw.features[i] * W1[i, j])
    # hovering the image's pixel names that input
    centre = diagram.canvas.node_center(0, 8 * 3 + 3)
    assert diagram.canvas.item_at(centre.x(), centre.y()) == ("node", 0, 27)

    draw.clear_button.click()
    assert draw.features is None and not pad.bitmap.any()
    diagram.flush()
    assert diagram.digit_values is None and diagram.canvas.images_the_inputs()
    assert diagram.mode.currentData() == "weights"
