"""The probe names classes as the dataset does: on digits the digit itself (index 4 is the digit 4, not "class 5"),
on a CSV file of named classes its names; the label box lists those names."""

from __future__ import annotations

from gui.inside.probe_panel import ProbePanel
from gui.inside.slow_step_text import Phase, phase_caption
from model.data.data_files import load_dataset
from model.data.real_datasets import load
from model.inside.step_phases import take_slow_step
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


def _panel(qtbot, ds, steps: int = 5):
    session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(8,)), TrainSpec("adam", 0.01, dtype="float64"), seed=0)
    session.step(steps)
    panel = ProbePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_dataset_info(ds.task, ds.n_classes, ds.class_names)
    panel.show_snapshot(session.snapshot())
    return panel, session


def _items(panel) -> list[str]:
    return [panel.label_box.itemText(i) for i in range(panel.label_box.count())]


def test_on_digits_the_probe_says_the_digits_and_lists_0_to_9(qtbot):
    ds = load("digits")
    panel, _ = _panel(qtbot, ds)
    point, label = ds.test_X[0], int(ds.test_y[0])
    panel.set_point(point, label)
    panel.flush()
    assert _items(panel) == [str(d) for d in range(10)]
    assert panel.label_box.currentText() == str(label)
    predicted = int(panel.probe.predicted)
    title = panel.title.text()
    assert f"predicted class {predicted}, label class {label}" in title
    text = panel.browser.toPlainText().replace("\u00a0", " ")
    assert "p(class 0)" in text and "p(class 9)" in text and "class 10" not in text
    assert f"p(class {label}), the label" in text
    assert f"loss −log p(class {label})" in text

    panel.label_box.setCurrentIndex(7)  # the digit 7 as the label
    assert "label class 7" in panel.title.text()


def test_a_csv_file_of_named_classes_is_probed_by_its_names(qtbot, tmp_path):
    rows = "".join(f"{x},{x % 3},{'cat' if x % 2 else 'dog'}\n" for x in range(20))
    path = tmp_path / "pets.csv"
    path.write_text("x1,x2,kind\n" + rows, encoding="utf-8")
    ds = load_dataset(path)
    assert ds.class_names == ("cat", "dog")
    panel, _ = _panel(qtbot, ds)
    panel.set_point((3.0, 0.0), 1)
    panel.flush()
    assert _items(panel) == ["cat", "dog"]
    predicted = ("cat", "dog")[int(panel.probe.predicted)]
    assert f"predicted {predicted}, label dog" in panel.title.text()
    text = panel.browser.toPlainText().replace("\u00a0", " ")
    assert "p(cat)" in text and "p(dog), the label" in text and "class" not in text.split("Output and loss")[1]


def test_drawn_points_keep_their_class_numbers(qtbot):
    from model.data.generators import make

    ds = make("moons", 60, seed=1)
    panel, _ = _panel(qtbot, ds)
    panel.set_point((1.0, 0.5), 1)
    panel.flush()
    assert _items(panel) == ["class 1", "class 2"]
    assert "label class 2" in panel.title.text()


def test_the_slow_step_names_the_digit_it_shows():
    ds = load("digits")
    session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(8,)), TrainSpec("sgd", 0.1, dtype="float64"), seed=0)
    label = 3  # the digit 3, class index 3
    phases = take_slow_step(session, point=tuple(ds.test_X[0]), label=label)
    caption = phase_caption(phases, Phase("loss"))
    assert "the probed point" in caption
    assert "class 3" in caption and "class 4" not in caption
