"""A session file's data is checked before its model: a wrong label, class count or value is refused naming the file
and the field (``data.y``, ``dataset.n_classes``...), not as a parameter count that follows from it."""

from __future__ import annotations

import numpy as np
import pytest

from model.data.generators import make
from model.storage.session_files import SessionFileError, load_session, save_session
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.model.storage.archive_edit import rewrite_archive


@pytest.fixture(scope="module")
def three_classes(tmp_path_factory):
    path = tmp_path_factory.mktemp("data_entries") / "good.npz"
    s = TrainingSession(make("spiral", 60, seed=0, n_classes=3), ModelSpec(hidden_layer_sizes=(4,)), TrainSpec())
    s.step(2)
    save_session(s, path)
    return path


@pytest.fixture(scope="module")
def regression(tmp_path_factory):
    path = tmp_path_factory.mktemp("data_entries") / "good.npz"
    s = TrainingSession(make("sine", 40, seed=0), ModelSpec(hidden_layer_sizes=(4,)), TrainSpec())
    s.step(2)
    save_session(s, path)
    return path


def refusal(saved, tmp_path, edit_meta=None, edit_arrays=None) -> str:
    bad = tmp_path / "labels.npz"
    rewrite_archive(saved, bad, edit_meta, edit_arrays)
    with pytest.raises(SessionFileError) as info:
        load_session(bad)
    message = str(info.value)
    assert message.startswith("labels.npz: ") and "parameters" not in message, message
    return message


def set_label(index, label):
    def edit(arrays):
        y = arrays["data.y"].copy()
        y[index] = label
        arrays["data.y"] = y

    return edit


def set_dataset(key, value):
    def edit(meta):
        meta["dataset"][key] = value

    return edit


def test_a_label_past_the_files_classes_is_named_not_counted_as_parameters(three_classes, tmp_path):
    """Such a file was refused with "holds 51 parameters, but its model needs 71": the data made eight classes of
    the file's three, and the network's output layer followed them."""
    message = refusal(three_classes, tmp_path, edit_arrays=set_label(5, 7))
    assert "data.y" in message and "7" in message and "point 6" in message
    assert "3 classes (dataset.n_classes)" in message and "0 to 2" in message


def test_a_negative_label_is_named(three_classes, tmp_path):
    message = refusal(three_classes, tmp_path, edit_arrays=set_label(0, -1))
    assert "data.y" in message and "-1" in message and "point 1" in message


@pytest.mark.parametrize("count", [0, 1, 11, -3])
def test_a_class_count_out_of_range_is_named(three_classes, tmp_path, count):
    message = refusal(three_classes, tmp_path, edit_meta=set_dataset("n_classes", count))
    assert f"dataset.n_classes = {count}" in message and "2 to 10" in message


def test_a_smaller_class_count_than_the_labels_need_names_the_labels(three_classes, tmp_path):
    def two_classes(meta):
        meta["dataset"].update(n_classes=2, class_names=["a", "b"])

    message = refusal(three_classes, tmp_path, edit_meta=two_classes)
    assert "data.y" in message and "2 classes (dataset.n_classes)" in message and "0 to 1" in message


def test_class_names_unlike_the_class_count_are_named(three_classes, tmp_path):
    message = refusal(three_classes, tmp_path, edit_meta=set_dataset("class_names", ["a", "b", "c", "d"]))
    assert "4 class names (dataset.class_names)" in message and "3 classes (dataset.n_classes)" in message


def test_inputs_that_are_not_finite_are_named(three_classes, tmp_path):
    def nan_x(arrays):
        X = arrays["data.X"].copy()
        X[3, 1] = np.nan
        arrays["data.X"] = X

    message = refusal(three_classes, tmp_path, edit_arrays=nan_x)
    assert "data.X" in message and "point 4" in message


def test_a_regression_target_that_is_not_finite_is_named(regression, tmp_path):
    message = refusal(regression, tmp_path, edit_arrays=set_label(2, np.inf))
    assert "data.y" in message and "point 3" in message


def test_the_files_own_data_still_opens(three_classes, regression):
    assert load_session(three_classes)[0].dataset.n_classes == 3
    assert load_session(regression)[0].dataset.task == "regression"


@pytest.mark.parametrize("y", [np.array(-1), np.zeros((60, 2), dtype=np.int64), np.zeros(59, dtype=np.int64)])
def test_labels_that_are_not_one_per_point_are_named(three_classes, tmp_path, y):
    def edit(arrays):
        arrays["data.y"] = y

    message = refusal(three_classes, tmp_path, edit_arrays=edit)
    assert "data.y" in message and "not one per point of data.X (60 points)" in message
