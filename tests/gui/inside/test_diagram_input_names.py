"""The diagram names its input nodes after the data's features: iris's four measurements, the two kept by "Train
on these two only", elided beside a node when long (in full in its tooltip); drawn data keeps x₁, x₂."""

from __future__ import annotations

import itertools

import pytest

from gui.inside.network_diagram import NetworkDiagram
from model.data import real_datasets
from model.data.generators import make
from model.data.plane_dataset import shown_plane_dataset
from model.data.view_plane import ViewPlane
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

IRIS = (
    "sepal length (standardised)",
    "sepal width (standardised)",
    "petal length (standardised)",
    "petal width (standardised)",
)


def shown_diagram(qtbot, ds, size, hidden=(3,), features=(), steps=2):
    """A diagram of width × height ``size`` showing a session on ``ds`` after ``steps`` epochs, drawn."""
    session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=hidden, features=features), TrainSpec(), seed=0)
    session.step(steps)
    diagram = NetworkDiagram()
    qtbot.addWidget(diagram)
    diagram.resize(*size)
    diagram.show()
    diagram.set_dataset(ds)
    diagram.show_snapshot(session.snapshot())
    diagram.flush()
    return diagram


@pytest.fixture(scope="module")
def iris():
    ds = real_datasets.load("iris")
    assert ds.feature_names == IRIS
    return ds


def test_the_inputs_of_a_model_trained_on_two_iris_features_only_are_named_after_them(qtbot, iris):
    two = shown_plane_dataset(iris.with_view_plane(ViewPlane("features", (2, 3))))
    diagram = shown_diagram(qtbot, two, (700, 420))
    assert diagram.canvas.labels[0] == ["petal length (standardised)", "petal width (standardised)"]
    # beside the nodes whole, without "(standardised)" (no unit claimed either way); said in full on hover
    assert diagram.canvas.input_label_texts() == ["petal length", "petal width"]
    assert "input petal width (standardised)" in diagram.describe(("node", 0, 1))
    assert "weight input petal length (standardised) → h1" in diagram.describe(("line", 1, 0, 2))


def test_long_feature_names_are_elided_beside_their_nodes_and_said_in_full_in_the_tooltip(qtbot, iris):
    diagram = shown_diagram(qtbot, iris, (230, 420))  # the diagram's dock on a 1024×700 screen
    assert diagram.canvas.labels[0] == list(IRIS)
    shown = diagram.canvas.input_label_texts()
    assert len(shown) == 4
    for text, name in zip(shown, IRIS):
        assert text.endswith("…") and name.startswith(text[:-1]) and len(text) > 3
    assert "input sepal length (standardised)" in diagram.describe(("node", 0, 0))


def test_drawn_data_keeps_x1_and_x2_and_extra_features_keep_their_formulas(qtbot):
    diagram = shown_diagram(qtbot, make("moons", n_samples=60, noise=0.1, seed=1), (600, 420), features=("x1*x2",))
    assert diagram.canvas.labels[0] == ["x₁", "x₂", "x₁·x₂"]
    assert diagram.canvas.input_label_texts() == ["x₁", "x₂", "x₁·x₂"]


@pytest.mark.parametrize("width", [200, 230, 300, 700])
def test_the_column_captions_never_run_into_each_other_in_a_narrow_dock(qtbot, width):
    """At 1024×700 the diagram's dock is ~230 px wide: "output", centred 40 px in from the edge, ran into "h2"
    ("h2output")."""
    from gui.inside.diagram_captions import column_captions

    wine = real_datasets.load("wine")
    session = TrainingSession(wine, ModelSpec(hidden_layer_sizes=(8, 8)), TrainSpec(), seed=0)
    session.step(1)
    diagram = NetworkDiagram()
    qtbot.addWidget(diagram)
    diagram.resize(width, 420)
    diagram.show()
    diagram.set_dataset(wine)
    diagram.show_snapshot(session.snapshot())
    diagram.flush()
    captions = column_captions(diagram.canvas)
    assert [text for text, _ in captions] == ["inputs", "h1", "h2", "output"]
    for (_, left), (_, right) in itertools.pairwise(captions):
        assert left.right() + 2 <= right.left(), captions
    canvas_width = diagram.canvas.width()
    assert all(rect.left() >= 0 and rect.right() <= canvas_width for _, rect in captions)
    output_node_x = float(diagram.canvas.positions[-1][0, 0])
    assert abs(captions[-1][1].center().x() - output_node_x) < 25  # over its own column
