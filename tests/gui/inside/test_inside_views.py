"""The "inside the network" views: diagram, probe, hidden space, explorer, health, lesson.

Each view is fed snapshots of a real TrainingSession stepped in this thread (no worker needed), then
checked against the model's own numbers.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.nn.param_layout import layer_views
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.gui.shots import take_shot

BOUNDS = (-6.0, 6.0, -6.0, 6.0)


def make_session(
    name="xor",
    hidden=(4, 3),
    activation="tanh",
    kind="mlp",
    features=(),
    n=160,
    seed=0,
    optimizer="adam",
    lr=0.03,
    n_classes=2,
):
    X, y = make_dataset(name, n, 0.05, seed=2, n_classes=n_classes)
    ds = Dataset.from_arrays(X, y, seed=0)
    spec = ModelSpec(kind=kind, hidden_layer_sizes=hidden, activation=activation, features=features)
    return TrainingSession(ds, spec, TrainSpec(optimizer=optimizer, learning_rate=lr, dtype="float64"), seed=seed)


# --------------------------------------------------------------------------------------------- probe
@pytest.mark.shots
def test_probe_panel_numbers_are_the_models_forward_and_backward(qtbot):
    from gui.inside.probe_panel import ProbePanel

    s = make_session(hidden=(5, 3))
    s.step(200)
    snap = s.snapshot(BOUNDS, 40)
    panel = ProbePanel()
    qtbot.addWidget(panel)
    panel.resize(560, 720)
    panel.show()
    panel.set_dataset_info("classification", 2)
    panel.show_snapshot(snap)
    received = []
    panel.probeChanged.connect(received.append)
    point, label = (1.7, -2.2), 1
    panel.set_point(point, label)
    p = panel.probe
    assert p is not None and received and received[-1] is p

    # the model's own forward and backward pass on the same single point
    net = s.network
    inputs = s._inputs(np.array([point]))
    loss = net.loss_and_gradient(inputs, s._targets(np.array([label])))
    assert p.loss == pytest.approx(loss, rel=1e-12)
    np.testing.assert_allclose(p.grads, net.grads, rtol=1e-10, atol=1e-15)
    for lp, layer in zip(p.layers, net.layers):
        np.testing.assert_allclose(lp.z, layer.z[0], rtol=1e-12)
        np.testing.assert_allclose(lp.a, layer.a[0], rtol=1e-12)
        np.testing.assert_allclose(lp.dz, layer.db, rtol=1e-10, atol=1e-15)  # one point: dL/db = dL/dz
        np.testing.assert_allclose(lp.dW, layer.dW, rtol=1e-10, atol=1e-15)
    # and what the panel prints are those numbers
    from gui.inside.inspect_common import fmt

    text = panel.browser.toPlainText()
    assert fmt(p.loss) in text
    assert fmt(p.layers[0].z[0]) in text
    assert fmt(p.layers[-1].dz[0]) in text
    assert "Backward pass" in text and "Forward pass" in text
    take_shot(panel, "inside_probe_panel.png")

    # the label box recomputes for the other class
    panel.label_box.setCurrentIndex(0)
    assert panel.probe.label == 0
    assert panel.probe.loss == pytest.approx(-np.log(1 - float(net.predict_output(inputs)[0, 0])), rel=1e-9)

    steps = []
    panel.stepRequested.connect(steps.append)
    panel.step_button.click()
    assert steps == [((1.7, -2.2), 0)]
    panel.clear()
    assert panel.probe is None and received[-1] is None


def test_single_point_step_moves_the_boundary_toward_the_point():
    s = make_session(hidden=(4,))
    s.step(50)
    before_grid = s.evaluate_grid(BOUNDS, 30).copy()
    loss_before, loss_after = s.single_point_step((3.0, -3.0), 1)
    assert loss_after < loss_before
    after_grid = s.evaluate_grid(BOUNDS, 30)
    assert not np.allclose(before_grid, after_grid)


# --------------------------------------------------------------------------------------------- diagram
@pytest.mark.shots
def test_diagram_lines_carry_the_trained_weights(qtbot):
    from gui.inside.inspect_common import NEGATIVE, POSITIVE
    from gui.inside.network_diagram import NetworkDiagram

    s = make_session(hidden=(4, 3), features=("x1*x2",))
    s.step(300)
    snap = s.snapshot(BOUNDS, 40)
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.resize(560, 440)
    d.show()
    d.set_dataset(s.dataset)
    d.show_snapshot(snap)
    d.flush()
    assert d.canvas.sizes == (3, 4, 3, 1)
    for layer, W in enumerate(s.network.coefs, 1):
        for i in range(W.shape[0]):
            for j in range(W.shape[1]):
                info = d.line_info(layer, i, j)
                assert info["weight"] == W[i, j]
                assert info["drawn"]
                assert info["color"] == (POSITIVE if W[i, j] >= 0 else NEGATIVE)
    # thickness grows with |w| within a layer
    W = s.network.coefs[0]
    order = np.argsort(np.abs(W).ravel())
    widths = [d.line_info(1, *divmod(int(k), W.shape[1]))["width"] for k in order]
    assert widths == sorted(widths) and widths[-1] > widths[0]
    # the tooltip of a line states its weight and its gradient; a node's states its bias
    from gui.inside.inspect_common import fmt

    tip = d.describe(("line", 2, 1, 2))
    assert fmt(s.network.coefs[1][1, 2]) in tip and "dL/dw" in tip
    tip = d.describe(("node", 1, 3))
    assert fmt(s.network.intercepts[0][3]) in tip and "tanh" in tip
    # every node has a heat map thumbnail of its own output
    assert len(d.canvas.images) == sum(snap.layer_sizes)
    # hovering finds the node under the mouse; clicking selects it and asks for its map
    center = d.node_center(1, 2)
    assert d.canvas.item_at(center.x(), center.y()) == ("node", 1, 2)
    picked = []
    d.nodeSelected.connect(picked.append)
    from PySide6.QtCore import QPoint, Qt

    qtbot.mouseClick(d.canvas, Qt.MouseButton.LeftButton, pos=QPoint(int(center.x()), int(center.y())))
    qtbot.mouseClick(d.canvas, Qt.MouseButton.LeftButton, pos=QPoint(int(center.x()), int(center.y())))
    assert picked == [(1, 2), None]
    take_shot(d, "inside_network_diagram.png")

    # the probe's backward pass drawn on the lines: each line shows -dL/dw
    from model.inside.probe import probe

    p = probe(snap, (2.0, 2.0), 0)
    d.set_probe(p)
    d.mode.setCurrentIndex(d.mode.findData("probe"))
    d.flush()
    info = d.line_info(2, 0, 1)
    assert info["value"] == pytest.approx(-p.layers[1].dW[0, 1])
    assert info["weight"] == s.network.coefs[1][0, 1]
    assert d.canvas.chevrons and d.canvas.rims
    take_shot(d, "inside_network_diagram_backward.png")


@pytest.mark.shots
def test_diagram_reduces_detail_for_eight_layers_of_32(qtbot):
    from gui.inside.network_diagram import NetworkDiagram

    s = make_session(name="spiral", hidden=(32,) * 8, activation="relu", features=("x1^2", "x2^2", "sin_x1"))
    s.step(3)
    snap = s.snapshot(BOUNDS, 30)
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.resize(640, 460)
    d.show()
    d.show_snapshot(snap)
    d.flush()
    drawn = sum(len(pairs) for pairs in d.canvas.drawn)
    assert drawn < 1200  # of 5 000+ weights
    assert "hidden" in d.canvas.note
    # the strongest weight of a dense layer is always drawn
    W = s.network.coefs[3]
    i, j = np.unravel_index(np.argmax(np.abs(W)), W.shape)
    assert d.line_info(4, i, j)["drawn"]
    assert d.canvas.node_px >= 3
    take_shot(d, "inside_network_diagram_8x32.png")


# --------------------------------------------------------------------------------------------- hidden space
@pytest.mark.shots
def test_hidden_space_of_trained_xor_separates_the_classes(qtbot):
    from gui.inside.hidden_space_view import HiddenSpaceView

    s = make_session(hidden=(4, 2), n=200, seed=1, optimizer="sgd", lr=0.3)
    s.step(1500)
    assert s.train_score >= 0.97
    snap = s.snapshot(BOUNDS, 40)
    v = HiddenSpaceView()
    qtbot.addWidget(v)
    v.resize(500, 460)
    v.show()
    v.set_dataset(s.dataset)
    v.show_snapshot(snap)
    v.flush()
    assert v.layer_box.currentIndex() == 2  # the last hidden layer by default
    # the points the view displays, read back from its scatter items
    xs, ys, labels = [], [], []
    for (k, _test), item in v._scatters.items():
        x, y = item.getData()
        xs.append(x)
        ys.append(y)
        labels.append(np.full(len(x), k))
    shown = np.column_stack([np.concatenate(xs), np.concatenate(ys)])
    labels = np.concatenate(labels)
    assert shown.shape[0] == s.dataset.n_samples
    accuracy = LogisticRegression(C=1e4, max_iter=5000).fit(shown, labels).score(shown, labels)
    assert accuracy >= 0.95
    assert v._boundary.getData()[0] is not None and len(v._boundary.getData()[0]) == 2
    take_shot(v, "inside_hidden_space.png")
    # the input layer: XOR is not linearly separable there
    v.layer_box.setCurrentIndex(0)  # the layer chosen as a person does
    raw = v.space.points
    assert LogisticRegression().fit(raw, s.dataset.y).score(raw, s.dataset.y) < 0.8
    # a wide single layer: the output direction shows the split
    s2 = make_session(hidden=(8,), n=200, seed=1)
    s2.step(600)
    v.show_snapshot(s2.snapshot(BOUNDS, 40))
    v.layer_box.setCurrentIndex(1)
    v.mode_box.setCurrentIndex(v.mode_box.findData("output"))
    v.flush()
    pts = v.space.points
    assert LogisticRegression(C=1e4, max_iter=5000).fit(pts, s2.dataset.y).score(pts, s2.dataset.y) >= 0.95


# --------------------------------------------------------------------------------------------- explorer
@pytest.mark.shots
def test_bias_explorer_curve_follows_its_sliders(qtbot):
    from gui.inside.bias_explorer import BiasExplorer

    ex = BiasExplorer()
    qtbot.addWidget(ex)
    ex.resize(560, 520)
    ex.show()
    for w, b in ((1.0, 0.0), (2.5, -3.0), (-1.5, 2.0), (0.5, 4.0)):
        ex.set_values(w, b)
        x, y = ex.curve_data("logistic")
        np.testing.assert_allclose(y, 1 / (1 + np.exp(-(w * x + b))), atol=1e-12)
        x, y = ex.curve_data("tanh")
        np.testing.assert_allclose(y, np.tanh(w * x + b), atol=1e-12)
        x, y = ex.curve_data("relu")
        np.testing.assert_allclose(y, np.maximum(w * x + b, 0), atol=1e-12)
        x, y = ex.curve_data("leaky_relu")
        z = w * x + b
        np.testing.assert_allclose(y, np.where(z > 0, z, 0.01 * z), atol=1e-12)
        assert ex.threshold() == pytest.approx(-b / w)
        if -6 <= -b / w <= 6:
            assert ex.threshold_line.isVisible() and ex.threshold_line.value() == pytest.approx(-b / w)
        text = ex.sentence.text()
        assert ("positive bias" in text) if b > 0 else ("negative bias" in text) if b < 0 else True
    # dragging the slider itself moves the curve
    ex.b_slider.setValue(ex.b_slider.value() + 20)  # b + 1
    assert ex.b == pytest.approx(5.0)
    x, y = ex.curve_data("logistic")
    np.testing.assert_allclose(y, 1 / (1 + np.exp(-(0.5 * x + 5.0))), atol=1e-12)
    ex.set_values(2.0, 3.0)
    take_shot(ex, "inside_bias_explorer.png")


# --------------------------------------------------------------------------------------------- health
@pytest.mark.shots
def test_health_panel_reports_dead_relus(qtbot):
    from dataclasses import replace

    from gui.inside.health_panel import HealthPanel

    s = make_session(name="moons", hidden=(6, 4), activation="relu")
    s.step(20)
    snap = s.snapshot()
    params = np.array(snap.params)
    layer_views(params, snap.layer_sizes)[0][1][1] = -1e3  # unit 2 of layer 1 can never fire again
    panel = HealthPanel()
    qtbot.addWidget(panel)
    panel.resize(520, 560)
    panel.show()
    panel.set_dataset(s.dataset)
    panel.show_snapshot(replace(snap, params=params))
    panel.flush()
    assert 1 in panel.health[0].dead_units
    assert "1/6" in panel.cell(0, "dead ReLU")
    assert "Dead ReLUs" in panel.caption.text()
    for _ in range(30):
        s.step(10)
        panel.show_snapshot(s.snapshot())
        panel.flush()
    x, y = panel._norm_curves[0].getData()  # log10 of the norms (the plot is in log mode)
    assert len(x) >= 30 and np.all(np.isfinite(y))
    assert 10 ** y[-1] == pytest.approx(panel.health[0].weight_grad_norm, rel=1e-9)
    take_shot(panel, "inside_health_panel.png")


# --------------------------------------------------------------------------------------------- perceptron
@pytest.mark.shots
def test_perceptron_lesson_shows_the_update_with_numbers(qtbot):
    from gui.inside.perceptron_lesson import PerceptronLesson

    s = make_session(name="linearly_separable", kind="perceptron", hidden=())
    lesson = PerceptronLesson()
    qtbot.addWidget(lesson)
    lesson.resize(520, 420)
    lesson.show()
    lesson.show_snapshot(s.snapshot())
    lesson.flush()
    assert lesson.next_button.isEnabled()
    requests = []
    lesson.sampleStepRequested.connect(lambda: requests.append(1))
    lesson.next_button.click()
    assert requests == [1]
    update = s.perceptron_sample_step()  # zero weights: the first sample is on the line, so it moves it
    lesson.show_update(update)
    snap = s.snapshot()
    lesson.show_snapshot(snap)
    lesson.flush()
    text = lesson.text.toPlainText()
    assert "Misclassified" in text
    ((W, b),) = snap.layer_params()
    from gui.inside.inspect_common import fmt

    assert fmt(W[0, 0], 3) in text and fmt(b[0], 3) in text
    raw = update.x[:2]
    x, y = lesson.highlight.getData()
    assert (x[0], y[0]) == pytest.approx(tuple(raw))
    take_shot(lesson, "inside_perceptron_lesson.png")
    # a correctly classified sample changes nothing
    for _ in range(200):
        update = s.perceptron_sample_step()
        if not update.updated.any():
            break
    lesson.show_update(update)
    lesson.show_snapshot(s.snapshot())
    lesson.flush()
    assert "no change" in lesson.text.toPlainText()


# --------------------------------------------------------------------------------------------- stress
def test_every_panel_survives_1000_rapid_snapshots(qtbot):
    from PySide6.QtWidgets import QApplication

    from gui.inside.bias_explorer import BiasExplorer
    from gui.inside.inside_view_specs import INSIDE_VIEWS

    sessions = [
        make_session(hidden=(6, 4), n=120),
        make_session(name="spiral", hidden=(32,) * 8, activation="relu", n=90, n_classes=3),
        make_session(name="linearly_separable", kind="perceptron", hidden=(), n=60),
        make_session(name="circles", hidden=(3,), features=("x1^2", "x2^2"), n=80),
    ]
    by_key = {spec.key: spec.make() for spec in INSIDE_VIEWS}  # every inside view
    views = list(by_key.values())
    for v in views:
        qtbot.addWidget(v)
        v.resize(420, 360)
        v.show()
    explorer = BiasExplorer()
    qtbot.addWidget(explorer)
    by_key["probe"].set_point((1.0, 1.0), 1)
    for i in range(1000):
        s = sessions[(i // 250) % len(sessions)]
        if i % 250 == 0:
            for v in views:
                v.set_dataset(s.dataset)
        if s.model_spec.kind == "perceptron":
            by_key["perceptron_lesson"].show_update(s.perceptron_sample_step())
        else:
            s.step(1)
        snap = s.snapshot(BOUNDS, 20)
        for v in views:
            v.show_snapshot(snap)
        if i % 50 == 0:
            for v in views:
                v.flush()
            explorer.set_values((i % 10) - 5, (i % 7) - 3)
        if i % 10 == 0:
            QApplication.processEvents()
    qtbot.wait(120)  # let the throttled redraw timers fire on the last snapshot
    for v in views:
        v.flush()
        assert v.snapshot is snap
        assert v.redraw_errors == 0


# --------------------------------------------------------------------------------------------- worker hooks
def test_worker_single_point_step_and_perceptron_sample_step(qtbot):
    """The probe's step and the lesson's samples run in the training thread, answered by signals."""
    from gui.training.training_controller import TrainingController
    from model.inside.probe import probe

    X, y = make_dataset("xor", 80, 0.05, seed=2)
    ds = Dataset.from_arrays(X, y, seed=0)
    c = TrainingController(ds, ModelSpec(hidden_layer_sizes=(4,)), TrainSpec(learning_rate=0.1, dtype="float64"))
    snaps = []
    c.snapshotReady.connect(snaps.append)
    try:
        # the first snapshot may come before snaps was connected (the thread starts with the controller): the
        # controller's own record of it was connected first
        qtbot.waitUntil(lambda: c.latest_snapshot is not None, timeout=5000)
        before = c.latest_snapshot
        p = probe(before, (2.0, 2.0), 0)
        with qtbot.waitSignal(c.pointStepped, timeout=5000) as blocker:
            c.single_point_step((2.0, 2.0), 0)
        loss_before, loss_after = blocker.args[0]
        assert loss_before == pytest.approx(p.loss) and loss_after < loss_before
        qtbot.waitUntil(lambda: bool(snaps) and snaps[-1] is not before, timeout=5000)
        np.testing.assert_allclose(snaps[-1].params, before.params - 0.1 * p.grads, atol=1e-12)  # θ − η·∇
        assert snaps[-1].epoch == before.epoch

        c.set_model_spec(ModelSpec(kind="perceptron"))
        updates = []
        c.perceptronUpdated.connect(updates.append)
        c.perceptron_sample_step()
        qtbot.waitUntil(lambda: bool(updates), timeout=5000)
        assert updates[0].index == 0 and updates[0].x.shape == (2,)
        qtbot.waitUntil(lambda: snaps[-1].model_kind == "perceptron", timeout=5000)
    finally:
        assert c.shutdown()


# --------------------------------------------------------------------------------------------- in the app
@pytest.fixture
def app_window(make_window):
    """The main window on the xor data, seed 3, large enough for every inside view's dock."""
    return make_window(size=(1500, 900), dataset="xor", seed=3)


@pytest.mark.shots
def test_inside_views_in_the_main_window(qtbot, app_window):
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest

    from model.inside.probe import probe

    w = app_window
    iv = w.inside_views
    assert iv.docks["diagram"].isVisible()
    view_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&View")
    texts = [a.text() for a in view_menu.actions()]
    for title in ("Network diagram", "Probe a point", "Hidden-layer space", "Network health", "Perceptron lesson"):
        assert title in texts
    # train a little, then pause
    w.controller.step(200)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch >= 200, timeout=10000)
    snap = w.controller.latest_snapshot

    # Alt+click on the plot probes the point under the mouse
    v = w.boundary_view
    qtbot.waitUntil(lambda: not v._grid_timer.isActive(), timeout=3000)
    pos = v.mapFromScene(v.vb.mapViewToScene(QPointF(4.2, -3.7)))
    QTest.mouseClick(v.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.AltModifier, pos)
    qtbot.waitUntil(lambda: iv.probe_panel.probe is not None, timeout=3000)
    p = iv.probe_panel.probe
    assert p.point == pytest.approx((4.2, -3.7), abs=0.05)
    expected = probe(snap, p.point, iv.probe_panel.label)
    assert p.loss == pytest.approx(expected.loss, rel=1e-9)
    assert iv.docks["probe"].isVisible()
    x, y = iv.probe_marker.getData()
    assert (x[0], y[0]) == pytest.approx((4.2, -3.7), abs=0.05)

    # "Step from this point": one gradient step in the training thread, the boundary moves.
    # From the label the model gets wrong there: a confidently right point's loss can change
    # by less than float32 resolves in one step.
    wrong = 1 - p.predicted
    iv.probe_panel.label_box.setCurrentIndex(iv.probe_panel.label_box.findData(wrong))
    qtbot.waitUntil(lambda: iv.probe_panel.probe.label == wrong, timeout=3000)
    grid_before = np.array(w.controller.latest_snapshot.grid)
    bounds_before = w.controller.latest_snapshot.grid_bounds
    with qtbot.waitSignal(w.controller.pointStepped, timeout=5000) as blocker:
        iv.probe_panel.step_button.click()
    before, after = blocker.args[0]
    assert after < before
    # The step's snapshot follows pointStepped; snapshots that only carry a new grid (the probe dock may
    # have resized the plot) can arrive first, so wait for the one whose weights the step changed.
    qtbot.waitUntil(lambda: not np.array_equal(w.controller.latest_snapshot.params, snap.params), timeout=5000)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.grid is not None, timeout=5000)
    moved = w.controller.latest_snapshot
    if moved.grid.shape == grid_before.shape and moved.grid_bounds == bounds_before:
        assert not np.allclose(np.array(moved.grid), grid_before)  # ...and so the boundary
    # (opening the probe dock may resize the plot, and with it the grid the boundary is drawn on)
    assert moved.epoch == snap.epoch

    # clicking a diagram node draws its map on the plot until it is clicked again
    iv.diagram.flush()
    iv.diagram._on_click(("node", 1, 0))
    assert v.heatmap_override_active()
    iv.diagram._on_click(("node", 1, 0))
    assert not v.heatmap_override_active()

    # an extra input checkbox adds an input node
    box = w.model_panel.features_box.boxes["x1*x2"]
    box.setChecked(True)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.layer_sizes[0] == 3, timeout=5000)
    iv.diagram.show_snapshot(w.controller.latest_snapshot)
    iv.diagram.flush()
    assert iv.diagram.canvas.sizes[0] == 3 and "x₁·x₂" in iv.diagram.canvas.labels[0]

    # the perceptron lesson: one sample at a time through the training thread
    w.model_panel.kind.setCurrentIndex(w.model_panel.kind.findData("perceptron"))
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.model_kind == "perceptron", timeout=5000)
    iv.docks["perceptron_lesson"].show()
    iv.docks["perceptron_lesson"].raise_()
    iv.lesson.show_snapshot(w.controller.latest_snapshot)
    iv.lesson.flush()
    with qtbot.waitSignal(w.controller.perceptronUpdated, timeout=5000):
        iv.lesson.next_button.click()
    qtbot.waitUntil(lambda: "Sample #" in iv.lesson.text.toPlainText(), timeout=3000)
    take_shot(w, "inside_main_window.png")


def test_two_input_features_are_dropped_for_one_dimensional_data(qtbot, app_window):
    w = app_window
    failures = []
    w.controller.failed.connect(failures.append)
    w.model_panel.features_box.boxes["x2^2"].setChecked(True)
    w.model_panel.features_box.boxes["sin_x1"].setChecked(True)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.layer_sizes[0] == 4, timeout=5000)
    params = dict(w.data_panel.params(), name="sine")
    w.edits.generate(params)
    qtbot.waitUntil(
        lambda: (
            w.controller.latest_snapshot.task == "regression"
            and w.controller.latest_snapshot.data_version == w.document.version
        ),
        timeout=5000,
    )
    snap = w.controller.latest_snapshot
    assert snap.features == ("sin_x1",) and snap.layer_sizes[0] == 2
    assert not w.model_panel.features_box.boxes["x2^2"].isEnabled()
    assert failures == []
    # probing a 1-D regression: the click is (x, target)
    w.inside_views.probe_at(0.3, 1.0)
    p = w.inside_views.probe_panel.probe
    assert p.point.shape == (1,) and p.label == 1.0 and p.task == "regression"
