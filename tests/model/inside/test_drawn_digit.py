"""A drawn digit is made into the network's 64 inputs as the data set's digits were: fitted full height into the
middle of the 32×32 frame, drawn with the data's ink, counted in 4×4 blocks; and digits drawn as a person draws
them (a 0, a straight and a slanted 1, a 7, as strokes of points) are read as what they are by the digits lesson's
model after a few epochs."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from sklearn.datasets import load_digits

from model.data import real_datasets
from model.inside.digit_images import block_counts, class_outputs, pad_features
from model.inside.drawn_digit import FIT_HEIGHT, FIT_WIDTH, TARGET_INK, drawn_bitmap, drawn_features, fit_strokes
from model.teaching.lessons import LESSON_DIR, load_file
from model.training.session import TrainingSession


def polyline(*points, per_segment=12):
    """One stroke through ``points``, as the mouse reports it: many points along each segment."""
    out = []
    for a, b in itertools.pairwise(points):
        for t in np.linspace(0.0, 1.0, per_segment, endpoint=False):
            out.append((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))
    out.append(points[-1])
    return [out]


def ellipse(cx, cy, rx, ry, n=40):
    t = np.linspace(0.0, 2.0 * np.pi, n)
    return [list(zip(cx + rx * np.sin(t), cy - ry * np.cos(t)))]


#: on the pad's 32-unit square, as a person draws them
DRAWN = {
    "a round 0": (0, ellipse(16, 16, 10, 10)),
    "a tall 0": (0, ellipse(16, 16, 8, 12)),
    "a straight 1": (1, polyline((16, 4), (16, 28))),
    "a slanted 1": (1, polyline((19, 4), (13, 28))),
    "a small 1 in a corner": (1, polyline((3, 2), (3, 9))),
    "a 7": (7, polyline((8, 6), (24, 6), (14, 28))),
    "a wide 7, its stem upright": (7, polyline((6, 5), (26, 5), (15, 29.5))),
    "a small 7 low on the right": (7, polyline((21, 21), (29, 21), (24, 30))),
}


@pytest.fixture(scope="module")
def data_images():
    bunch = load_digits()
    return bunch.images, bunch.target


def test_the_data_digits_are_full_height_at_most_six_blocks_wide_and_carry_about_313_pixels(data_images):
    """What the fitting and the pen copy, measured on the data itself."""
    images, target = data_images
    assert ((images[:, 0] > 0).any(axis=1) & (images[:, 7] > 0).any(axis=1)).all()  # ink in the top and bottom rows
    columns = (images > 0).any(axis=1)
    assert columns[:, 1:7].any(axis=1).all() and (columns[:, 0] | columns[:, 7]).mean() < 0.15
    ink = images.sum(axis=(1, 2))
    assert abs(ink.mean() - TARGET_INK) < 1
    for c in range(10):
        assert 300 <= ink[target == c].mean() <= 332


def test_a_small_1_in_a_corner_comes_out_full_height_in_the_middle_with_the_data_ink(data_images):
    images, target = data_images
    bitmap = drawn_bitmap(polyline((3, 2), (3, 9)))  # a short stroke at the pad's top-left corner
    counts = block_counts(bitmap)
    assert (counts.sum(axis=1) > 0).all()  # every block row: full height
    assert np.array_equal(counts, counts[:, ::-1])  # centred: the left half mirrors the right
    assert (counts[:, 3] == 16).all() and (counts[:, 4] == 16).all()  # a thick stroke down the middle
    assert not counts[:, :2].any() and not counts[:, 6:].any()
    ones = images[target == 1].sum(axis=(1, 2))
    assert np.percentile(ones, 5) <= bitmap.sum() <= np.percentile(ones, 95)
    # the same stroke drawn larger elsewhere is the same digit
    assert np.array_equal(bitmap, drawn_bitmap(polyline((20, 5), (20, 30))))


@pytest.mark.parametrize("name", list(DRAWN))
def test_every_drawing_has_the_ink_and_the_place_of_the_data_digits(name, data_images):
    images, _ = data_images
    bitmap = drawn_bitmap(DRAWN[name][1])
    counts = block_counts(bitmap)
    assert (counts.sum(axis=1) > 0).all(), "not full height"
    assert not counts[:, 0].any() and not counts[:, 7].any(), "wider than the data's digits"
    ink = images.sum(axis=(1, 2))
    assert np.percentile(ink, 5) <= counts.sum() <= np.percentile(ink, 95)
    np.testing.assert_array_equal(drawn_features(DRAWN[name][1]), pad_features(bitmap))


def test_the_fit_keeps_the_shape_unless_it_is_wider_than_the_data_digits():
    (tall,) = fit_strokes([[(0, 0), (4, 10)]])  # 4 wide, 10 tall
    (height, width) = np.ptp(tall[:, 1]), np.ptp(tall[:, 0])
    assert height == pytest.approx(FIT_HEIGHT) and width == pytest.approx(FIT_HEIGHT * 0.4)
    assert tall.mean(axis=0) == pytest.approx([16, 16])
    (wide,) = fit_strokes([[(0, 0), (10, 10)]])  # square: squeezed to the width, still full height
    assert np.ptp(wide[:, 1]) == pytest.approx(FIT_HEIGHT) and np.ptp(wide[:, 0]) == pytest.approx(FIT_WIDTH)
    (dot,) = fit_strokes([[(3, 3)]])
    assert dot.tolist() == [[16, 16]]
    assert fit_strokes([]) == [] and drawn_features([]) is None and not drawn_bitmap([[]]).any()


@pytest.fixture(scope="module")
def lesson_snapshot():
    """The digits lesson's model (its own settings, from the lesson file) after a few epochs, as the app trains it."""
    lesson = load_file(LESSON_DIR / "09_hidden_unit_digits.toml")
    data = real_datasets.load(lesson.data.dataset, lesson.data.test_fraction, lesson.data.seed)
    session = TrainingSession(data, lesson.model, lesson.train, seed=0)
    session.step(8)
    snapshot = session.snapshot()
    test = data.is_test
    accuracy = np.mean(class_outputs(snapshot, data.X[test]).predicted == data.y[test])
    assert accuracy > 0.94, f"the lesson's model reached only {accuracy:.1%}"
    return snapshot


@pytest.mark.parametrize("name", list(DRAWN))
def test_a_drawn_digit_is_read_as_what_it_is(name, lesson_snapshot):
    digit, strokes = DRAWN[name]
    out = class_outputs(lesson_snapshot, drawn_features(strokes))
    assert int(out.predicted[0]) == digit, f"{name} read as {out.predicted[0]} ({np.round(out.values[0], 2)})"
