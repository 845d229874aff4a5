"""The data, model and training panels, and the settings store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox

from gui.files.settings import AppSettings
from gui.panels.data_panel import DataPanel, build_dataset
from gui.panels.model_panel import ModelPanel
from gui.panels.settings_panels import SettingsPanels
from gui.panels.training_panel import TrainingPanel
from model.training.specs import ModelSpec, TrainSpec


def _controls(widget):
    return [
        w
        for cls in (QComboBox, QAbstractSpinBox, QAbstractButton)
        for w in widget.findChildren(cls)
        if not w.objectName().startswith("qt_")
    ]


def test_every_control_explains_itself_in_one_sentence(qtbot):
    for panel in (DataPanel(), ModelPanel(), TrainingPanel()):
        qtbot.addWidget(panel)
        controls = _controls(panel)
        assert controls
        for w in controls:
            tip = w.toolTip()
            assert tip and tip.endswith(".") and tip.count(". ") == 0, (type(w).__name__, tip)


def test_data_panel_generates_the_dataset_it_describes(qtbot):
    panel = DataPanel()
    qtbot.addWidget(panel)
    assert panel.params()["name"] == "moons"  # the default the app opens on
    panel.n_samples.setValue(123)
    panel.seed.setValue(4)
    panel.test_fraction.setValue(30)
    with qtbot.waitSignal(panel.generateRequested, timeout=1000) as blocker:
        qtbot.mouseClick(panel.generate_button, Qt.LeftButton)
    params = blocker.args[0]
    ds = build_dataset(params)
    assert ds.n_samples == 123 and ds.n_test == round(0.3 * 123)
    assert build_dataset(params).same_as(ds)  # the seed makes it reproducible


def test_picking_a_generator_generates_and_classes_follow_it(qtbot):
    panel = DataPanel()
    qtbot.addWidget(panel)
    i = panel.generator.findData("blobs")
    with qtbot.waitSignal(panel.generateRequested, timeout=1000) as blocker:
        panel.generator.setCurrentIndex(i)
        panel.generator.activated.emit(i)  # what a pick in the popup emits
    assert blocker.args[0]["name"] == "blobs"
    panel.noise.setValue(0.3)
    i = panel.generator.findData("spiral")
    panel.generator.setCurrentIndex(i)
    with qtbot.waitSignal(panel.generateRequested, timeout=1000) as blocker:
        panel.generator.activated.emit(i)
    assert blocker.args[0]["noise"] == 0.02  # the spiral's own default noise
    assert blocker.args[0]["n_samples"] == 600  # and the points its arms need (the panel had 200)
    panel.n_samples.setValue(900)
    with qtbot.waitSignal(panel.generateRequested, timeout=1000) as blocker:
        panel.generator.activated.emit(i)
    assert blocker.args[0]["n_samples"] == 900  # more points than that are kept
    assert panel.n_classes.isEnabled()
    panel.generator.setCurrentIndex(panel.generator.findData("xor"))
    assert not panel.n_classes.isEnabled()
    panel.generator.setCurrentIndex(panel.generator.findData("sine"))
    assert panel.task() == "regression"


def test_data_panel_params_round_trip_and_survive_garbage(qtbot):
    panel = DataPanel()
    qtbot.addWidget(panel)
    wanted = {
        "name": "spiral",
        "n_samples": 500,
        "noise": 0.25,
        "n_classes": 4,
        "seed": 9,
        "test_fraction": 0.4,
        "show_test": False,
    }
    panel.set_params(wanted)
    assert panel.params() == wanted
    panel.set_params({"name": "nope", "n_samples": "many", "noise": None})
    p = panel.params()
    assert p["name"] == "moons" and p["n_samples"] == 200 and p["noise"] == 0.1


def test_model_panel_layers_and_activations_make_the_spec(qtbot):
    panel = ModelPanel()
    qtbot.addWidget(panel)
    assert panel.model_spec() == ModelSpec(kind="mlp", hidden_layer_sizes=(8, 8), activation="tanh")
    with qtbot.waitSignal(panel.modelSpecChanged, timeout=1000) as blocker:
        qtbot.mouseClick(panel.add_layer_button, Qt.LeftButton)
    assert blocker.args[0].hidden_layer_sizes == (8, 8, 8)
    _, spin, act, _ = panel._rows[1]
    spin.setValue(5)
    act.setCurrentIndex(act.findData("relu"))
    spec = panel.model_spec()
    assert spec.hidden_layer_sizes == (8, 5, 8)
    assert spec.activation == ("tanh", "relu", "tanh")
    with qtbot.waitSignal(panel.modelSpecChanged, timeout=1000) as blocker:
        qtbot.mouseClick(panel._rows[0][3], Qt.LeftButton)
    assert blocker.args[0].hidden_layer_sizes == (5, 8)
    assert [r[0].text() for r in panel._rows] == ["Layer 1", "Layer 2"]
    for _ in range(10):
        panel.add_layer_button.click()
    assert len(panel.hidden_layers()) == 8 and not panel.add_layer_button.isEnabled()
    panel.alpha.setValue(0.01)
    panel.l1.setValue(0.001)
    panel.weight_init.setCurrentIndex(panel.weight_init.findData("he"))
    spec = panel.model_spec()
    assert (spec.alpha, spec.l1, spec.weight_init) == (0.01, 0.001, "he")


def test_model_panel_kinds_and_task(qtbot):
    panel = ModelPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.modelSpecChanged, timeout=1000) as blocker:
        panel.kind.setCurrentIndex(panel.kind.findData("perceptron"))
    assert blocker.args[0].kind == "perceptron" and blocker.args[0].hidden == ()
    assert not panel.mlp_box.isEnabled()
    panel.set_task("regression")
    assert panel.kind.currentData() == "logistic"  # no perceptron for regression
    assert panel.kind.itemText(panel.kind.findData("logistic")) == "Linear regression"
    assert "Regression" in panel.task_label.text()
    panel.set_task("classification")
    assert panel.kind.model().item(0).isEnabled()


def test_model_panel_params_round_trip(qtbot):
    panel = ModelPanel()
    qtbot.addWidget(panel)
    wanted = {
        "kind": "mlp",
        "layers": [4, 3, 2],
        "activations": ["relu", "tanh", "logistic"],
        "alpha": 0.03,
        "l1": 0.0,
        "weight_init": "glorot",
    }
    panel.set_params(wanted)
    assert panel.params() == wanted
    panel.set_params({"layers": "x"})
    assert panel.params()["layers"] == [8, 8]


def test_training_panel_learning_rate_presets_and_free_entry(qtbot):
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    lr = panel.learning_rate
    texts = [lr.itemText(i) for i in range(lr.count())]
    assert texts[0] == "1e-05" and texts[-1] == "10"
    with qtbot.waitSignal(panel.trainSpecChanged, timeout=1000) as blocker:
        lr.setCurrentIndex(texts.index("0.3"))
        lr.activated.emit(texts.index("0.3"))
    assert blocker.args[0].learning_rate == 0.3
    with qtbot.waitSignal(panel.trainSpecChanged, timeout=1000) as blocker:
        lr.lineEdit().selectAll()
        qtbot.keyClicks(lr.lineEdit(), "0.0042")
        qtbot.keyClick(lr.lineEdit(), Qt.Key_Return)
    assert blocker.args[0].learning_rate == 0.0042
    spec = panel.train_spec()
    assert isinstance(spec, TrainSpec) and spec.optimizer == "adam"


@pytest.mark.fresh_profile  # the panel's own defaults
def test_training_panel_optimizer_batch_limits_pace(qtbot):
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.trainSpecChanged, timeout=1000) as blocker:
        panel.optimizer.setCurrentIndex(panel.optimizer.findData("momentum"))
    assert blocker.args[0].optimizer == "momentum"
    panel.batch_size.setValue(16)
    assert panel.train_spec().batch_size == 16
    panel.batch_size.setValue(0)
    assert panel.train_spec().batch_size is None
    with qtbot.waitSignal(panel.limitsChanged, timeout=1000) as blocker:
        panel.max_epochs.setValue(500)
    assert blocker.args == [500, None]
    assert panel.pace_key() == "watch"  # the default: a pace a person can follow
    with qtbot.waitSignal(panel.paceChanged, timeout=1000) as blocker:
        panel.pace.setCurrentIndex(panel.pace.findData("10"))
    assert blocker.args == ["10"]
    with qtbot.waitSignal(panel.paceChanged, timeout=1000) as blocker:
        panel.pace_faster()
    assert blocker.args == ["watch"]
    panel.pace_slower()
    panel.pace_slower()
    assert panel.pace_key() == "3"
    assert panel.train_spec().dtype == "float32"  # the app's default
    with qtbot.waitSignal(panel.trainSpecChanged, timeout=1000) as blocker:
        panel.precision.setCurrentIndex(panel.precision.findData("float64"))
    assert blocker.args[0].dtype == "float64"
    params = panel.params()
    assert params["dtype"] == "float64"
    other = TrainingPanel()
    qtbot.addWidget(other)
    other.set_params(params)
    assert other.params() == params
    other.set_params({**params, "dtype": "float16"})  # not offered: the default
    assert other.train_spec().dtype == "float32"
    other.set_params({**params, "pace": "warp"})  # not offered (say, a hand-edited file): the default
    assert other.pace_key() == "watch"


def test_settings_round_trip_in_an_ini_file(tmp_path):
    path = str(tmp_path / "settings.ini")
    s = AppSettings(QSettings(path, QSettings.IniFormat))
    s.save("data", {"name": "xor", "n_samples": 300})
    s.save("training", {"learning_rate": 0.003})
    s.sync()
    again = AppSettings(QSettings(path, QSettings.IniFormat))
    assert again.load("data") == {"name": "xor", "n_samples": 300}
    assert again.load("training")["learning_rate"] == 0.003
    assert again.load("missing", "default") == "default"
    again.q.setValue("settings/data", "{not json")
    assert again.load("data", {}) == {}


class _Kept(dict):
    def load(self, key, default=None):
        return self.get(key, default)

    def save(self, key, value):
        self[key] = value


def test_a_dataset_named_on_the_command_line_starts_from_its_own_noise_and_points(qtbot):
    panels = SettingsPanels(DataPanel(), ModelPanel(), TrainingPanel())
    for panel in (panels.data, panels.model, panels.training):
        qtbot.addWidget(panel)
    panels.restore(_Kept(), dataset="spiral")  # a fresh profile: `neural-playground --dataset spiral`
    assert (panels.data.params()["noise"], panels.data.params()["n_samples"]) == (0.02, 600)
    kept = _Kept(data={"name": "moons", "n_samples": 300, "noise": 0.2, "seed": 4})
    panels.restore(kept, dataset="spiral", seed=7)
    assert panels.data.params()["noise"] == 0.02 and panels.data.params()["n_samples"] == 600
    assert panels.data.params()["seed"] == 7
    kept = _Kept(data={"name": "spiral", "n_samples": 900, "noise": 0.04})
    panels.restore(kept, dataset="spiral")  # the same dataset as last time: the person's own values stay
    assert panels.data.params()["noise"] == 0.04 and panels.data.params()["n_samples"] == 900


def test_the_data_panel_is_built_without_importing_scikit_learn():
    """The window is built on the GUI thread before it shows; scikit-learn's import (~1 s, far more on a busy
    machine) belongs to the first dataset's background thread. The panel counted a sample's classes."""
    import os
    import subprocess
    import sys

    from tests.paths import ROOT

    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(['test'])\n"
        "from gui.panels.data_panel import DataPanel\n"
        "panel = DataPanel()\n"
        "for name in ('moons', 'xor', 'sine', 'spiral', 'iris'):\n"
        "    panel.set_params({'name': name})\n"
        "print(panel.n_classes.value(), 'sklearn' in sys.modules)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["3", "False"]
