"""The digits views in the real window: the lesson opens them on the digits; the unit images are the first layer's
weights (and follow the timeline back to an early epoch), the test grid marks exactly the mistakes and shows exactly
a selection of samples, the draw pad feeds the network the way the data set was made and drives the diagram."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from model.inside.digit_images import class_outputs, pad_features
from model.inside.drawn_digit import drawn_bitmap


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


def _lightness(label, n: int) -> np.ndarray:
    """(n, n): how light a preview shows each of its n×n cells (0 black ink, 255 white paper), at each cell's
    centre."""
    image = label.pixmap().toImage()
    step = (image.width() - 1) / n
    return np.array(
        [
            [image.pixelColor(int((c + 0.5) * step), int((r + 0.5) * step)).lightness() for c in range(n)]
            for r in range(n)
        ]
    )


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
    snap = _trained(w, qtbot, 8)  # the lesson's model, a few epochs in: about 96 % of the test digits right
    qtbot.waitUntil(lambda: draw.snapshot is snap, timeout=5000)
    rect = pad.pad_rect()
    cell = rect.width() / 32

    def at(col, row):
        return QPoint(int(rect.left() + (col + 0.5) * cell), int(rect.top() + (row + 0.5) * cell))

    # a 1 as a person draws it: one straight stroke down, left of the middle, not the pad's full height
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=at(10, 6))
    for row in range(7, 25):
        qtbot.mouseMove(pad, at(10, row))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=at(10, 24))
    assert len(pad.strokes) == 1 and pad.strokes[0][0] == pytest.approx(pad.to_pad(QPointF(at(10, 6))))
    bitmap = pad.bitmap
    np.testing.assert_array_equal(bitmap, drawn_bitmap(pad.strokes))  # the model's own fitting and pen
    np.testing.assert_array_equal(draw.features, pad_features(bitmap))  # ... and downsampling
    counts = (draw.features * 16).reshape(8, 8)
    assert (counts.sum(axis=1) > 0).all()  # full height, as the data's digits
    assert np.array_equal(counts, counts[:, ::-1]) and (counts[:, 3:5] == 16).all()  # a thick bar in the middle
    assert 250 <= counts.sum() <= 400  # the data's ink
    # beside the pad: that 32×32 bitmap and the 8×8 the network reads
    np.testing.assert_allclose(_lightness(draw.preview, 8), 255 * (1 - counts / 16), atol=2)
    inner = np.arange(32) % 4 != 0  # the 32×32 preview draws its 4×4 blocks' lines over the first row and column
    shown_ink = _lightness(draw.bitmap_preview, 32) < 128
    np.testing.assert_array_equal(shown_ink[np.ix_(inner, inner)], bitmap[np.ix_(inner, inner)])
    draw.flush()
    assert draw.caption.text().startswith(f"Epoch {snap.epoch}: the network says 1 ")
    assert int(np.argmax(draw.bars.values)) == 1
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
