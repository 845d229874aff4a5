"""File ▸ Save as lesson… in the real window: a teacher draws points, sets a model (two units switched off),
training and pace, opens two views, locks the data and the pace, hides the L1/L2 rates, and saves through the
dialog. After the screen changed, File ▸ Open lesson… brings back the same state (points bit for bit, specs, pace,
views), the locked controls are disabled with a lock mark and say why, and neither their widget, their shortcut
nor their menu entry (nor Undo) changes them, until Lessons ▸ Close lesson gives everything back. A saved
challenge is checked live; a file with a bad lock name or data outside its folder is refused naming the file and
the field; the command line opens a lesson file in the window."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from gui.lessons.lesson_locks import LOCK_ALT
from gui.lessons.save_lesson_dialog import SaveLessonDialog
from model.teaching.lesson_content import VIEWS
from model.training.specs import ModelSpec, TrainSpec

MODEL = ModelSpec(kind="mlp", hidden_layer_sizes=(5, 3), activation=("relu", "tanh"), features=("x1^2",))
TRAIN = TrainSpec(optimizer="adam", learning_rate=0.0123, batch_size=8, dtype="float32")
KEPT = ("curves", "timeline")  # parts of the main window a lesson leaves as they are


def menu(w, title):
    for action in w.menuBar().actions():
        if action.text().replace("&", "") == title:
            return action.menu()
    raise AssertionError(title)


def menu_action(w, title, text):
    found = [a for a in menu(w, title).actions() if a.text().replace("&", "") == text]
    assert len(found) == 1, (title, text)
    return found[0]


def open_views(w):
    return tuple(n for n in VIEWS if n not in KEPT and w.lesson_actions.views.is_open(n))


def focus_plot(w, qtbot):
    """Keys go to the plot of the active window, as after a person's click on it (a dialog was open)."""
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.boundary_view.setFocus()


def draw_points(w, qtbot):
    """Points drawn as a person does: class 1 then class 2, through the plot's requests."""
    menu_action(w, "Edit", "Clear points").trigger()
    rng = np.random.default_rng(5)
    for k in (0, 1):
        w.controls.class_actions[k].trigger()
        w.boundary_view.addPointsRequested.emit(rng.normal(loc=(k - 0.5, 0.3), scale=0.2, size=(9, 2)) / 3)
    qtbot.waitUntil(lambda: w.dataset.n_samples == 18)
    return w.dataset


def save_through_dialog(w, qtbot, monkeypatch, path, *, title, locks=(), hides=(), challenge=None):
    menu_action(w, "File", "Save as lesson\u2026").trigger()
    dialog = next(d for d in QApplication.topLevelWidgets() if isinstance(d, SaveLessonDialog) and d.isVisible())
    dialog.title.setText(title)
    dialog.text.setPlainText("Look at the **rings**.\nThen press Play.")
    for group in locks:
        dialog.lock_boxes[group].setChecked(True)
    for group in hides:
        dialog.hide_boxes[group].setChecked(True)
    if challenge is not None:
        dialog.goal_box.setChecked(True)
        dialog.goal_metric.setCurrentIndex(dialog.goal_metric.findData(challenge["metric"]))
        dialog.threshold.setValue(challenge["above"])
        dialog.max_neurons.setValue(challenge["max_neurons"])
        dialog.hint.setText("Fewer neurons.")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.saved_path == str(path)


def open_through_menu(w, monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    menu_action(w, "File", "Open lesson\u2026").trigger()


@pytest.mark.fresh_profile  # the pace is part of what a lesson restores
def test_a_saved_lesson_reopens_as_it_was_and_its_locks_hold(make_window, qtbot, monkeypatch, tmp_path):
    w = make_window()
    drawn = draw_points(w, qtbot)
    w.model_panel.set_model_spec(MODEL)
    w.training_panel.set_train_spec(TRAIN)
    w.training_panel.set_pace("10")
    w.lesson_actions.views.show_exactly(("diagram", "probe"), w.lesson_actions.lesson_dock)
    assert open_views(w) == ("diagram", "probe")
    w.controller.set_units_off({(1, 0), (2, 2)})  # as the diagram's switches do
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.units_off == {(1, 0), (2, 2)})
    path = tmp_path / "class" / "rings.toml"
    path.parent.mkdir()
    save_through_dialog(
        w, qtbot, monkeypatch, path, title="Rings by hand", locks=("data", "pace"), hides=("regularisation",)
    )
    assert (path.parent / "rings.csv").is_file()

    # the screen changes: other data, model, training, pace and views
    w.data_panel.generate_button.click()
    w.model_panel.set_model_spec(ModelSpec())
    w.training_panel.set_train_spec(TrainSpec())
    w.training_panel.set_pace("max")
    w.controller.set_units_off(frozenset())
    w.lesson_actions.views.show_exactly(("health",), w.lesson_actions.lesson_dock)
    assert w.dataset.n_samples != drawn.n_samples

    open_through_menu(w, monkeypatch, path)
    ds = w.dataset
    assert ds.X.tobytes() == drawn.X.tobytes() and ds.y.tobytes() == drawn.y.tobytes()
    assert np.array_equal(ds.is_test, drawn.is_test)
    assert w.model_panel.model_spec() == MODEL
    assert w.training_panel.train_spec() == TRAIN
    assert w.training_panel.pace_key() == "10"
    assert open_views(w) == ("diagram", "probe")
    qtbot.waitUntil(
        lambda: (
            (s := w.controller.latest_snapshot) is not None
            and s.data_version == w.document.version
            and tuple(s.layer_sizes[1:-1]) == (5, 3)
        )
    )
    assert "Rings by hand" in w.lesson_actions.lesson_panel.title_label.text()

    # locked: disabled, marked, and saying why
    pace = w.training_panel.pace
    assert not pace.isEnabled() and pace.toolTip().startswith("Locked by this lesson: the pace")
    n_label = w.data_panel.n_samples.parentWidget().layout().labelForField(w.data_panel.n_samples)
    assert LOCK_ALT in n_label.text() and n_label.text().endswith("Points") and not w.data_panel.n_samples.isEnabled()
    assert w.model_panel.alpha.isHidden() and w.model_panel.l1.isHidden()
    assert not w.data_panel.generate_button.icon().isNull()  # a lock on a button whose colour stays

    # the pace holds: its widget (keys, wheel), its shortcut, its menu entry
    pace.setFocus()
    qtbot.keyClick(pace, Qt.Key.Key_Down)
    QApplication.sendEvent(
        pace,
        QWheelEvent(
            QPointF(5, 5),
            QPointF(5, 5),
            QPoint(0, 0),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        ),
    )
    focus_plot(w, qtbot)
    qtbot.keyClick(w.boundary_view, Qt.Key.Key_BracketRight)  # the same keys change it once the lesson is closed
    menu_action(w, "Training", "Faster").trigger()
    menu_action(w, "Training", "Slower").trigger()
    assert w.training_panel.pace_key() == "10"

    # the data holds: the plot, Generate, Clear, Undo by key and by menu, New
    w.boundary_view.addPointsRequested.emit(np.array([[0.1, 0.1]]))
    w.data_panel.generate_button.click()
    qtbot.keyClick(w.boundary_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    menu_action(w, "Edit", "Clear points").trigger()
    for action in menu(w, "Edit").actions():
        if action.text().startswith("Undo"):
            action.trigger()
    w.controls.new_action.trigger()
    qtbot.wait(50)
    assert w.dataset.X.tobytes() == drawn.X.tobytes()
    assert not w.controls.undo_action.isEnabled()

    # Close lesson: every control is back as it was
    menu_action(w, "Lessons", "Close lesson").trigger()
    assert pace.isEnabled() and not pace.toolTip().startswith("Locked")
    assert n_label.text() == "Points"
    assert w.data_panel.generate_button.icon().isNull()
    assert not w.model_panel.alpha.isHidden()
    assert w.controls.undo_action.isEnabled()
    focus_plot(w, qtbot)
    qtbot.keyClick(w.boundary_view, Qt.Key.Key_BracketRight)
    assert w.training_panel.pace_key() != "10"
    w.boundary_view.addPointsRequested.emit(np.array([[0.1, 0.1]]))
    qtbot.waitUntil(lambda: w.dataset.n_samples == drawn.n_samples + 1)


def test_opening_other_data_leaves_the_lesson(make_window, qtbot, monkeypatch, tmp_path):
    w = make_window()
    path = tmp_path / "gen.toml"
    save_through_dialog(w, qtbot, monkeypatch, path, title="Generated", locks=("optimizer",))
    assert not (tmp_path / "gen.csv").exists()  # a generated dataset is saved as its settings
    assert "file" not in path.read_text()
    open_through_menu(w, monkeypatch, path)
    assert not w.training_panel.optimizer.isEnabled()
    data = tmp_path / "points.csv"
    data.write_text("x1,x2,label\n0,0,0\n1,1,1\n0.5,0.2,1\n")
    monkeypatch.setattr(w.file_actions.dialogs, "ask_open", lambda *a: str(data))
    with qtbot.waitSignal(w.file_actions.data_files.openFinished, timeout=10000):  # read off the GUI thread
        menu_action(w, "File", "Open data\u2026").trigger()
    assert w.training_panel.optimizer.isEnabled()
    assert w.dataset.n_samples == 3


def test_generated_points_edited_once_are_saved_as_points(make_window, qtbot, monkeypatch, tmp_path):
    w = make_window()
    w.data_panel.generate_button.click()
    w.boundary_view.addPointsRequested.emit(np.array([[0.25, -0.5]]))
    qtbot.waitUntil(lambda: w.dataset.n_samples == w.data_panel.params()["n_samples"] + 1)
    edited = w.dataset
    path = tmp_path / "edited.toml"
    save_through_dialog(w, qtbot, monkeypatch, path, title="Edited")
    assert 'file = "edited.csv"' in path.read_text()
    w.data_panel.generate_button.click()
    open_through_menu(w, monkeypatch, path)
    assert w.dataset.X.tobytes() == edited.X.tobytes() and np.array_equal(w.dataset.is_test, edited.is_test)


def test_a_saved_challenge_is_checked_live(make_window, qtbot, monkeypatch, tmp_path):
    w = make_window()
    w.model_panel.set_model_spec(ModelSpec(kind="mlp", hidden_layer_sizes=(4,)))
    path = tmp_path / "goal.toml"
    save_through_dialog(
        w,
        qtbot,
        monkeypatch,
        path,
        title="Four neurons",
        challenge={"metric": "train_score", "above": 0.5, "max_neurons": 4},
    )
    open_through_menu(w, monkeypatch, path)
    actions = w.lesson_actions
    assert actions.board.active == "four-neurons"
    card = actions.challenges_panel.cards["four-neurons"]
    w.model_panel.set_model_spec(ModelSpec(kind="mlp", hidden_layer_sizes=(6,)))
    w.controls.play_action.trigger()
    qtbot.waitUntil(lambda: "at most 4 allowed" in card.status_text(), timeout=10000)
    w.model_panel.set_model_spec(ModelSpec(kind="mlp", hidden_layer_sizes=(4,)))
    qtbot.waitUntil(lambda: "Met" in card.status_text(), timeout=20000)
    w.controls.play_action.trigger()


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (('locked = ["optimizer"]', 'locked = ["optimiser"]'), "'locked' has unknown control group(s) optimiser"),
        (('file = "bad.csv"', 'file = "../bad.csv"'), "[data] file '../bad.csv' lies outside the lesson's folder"),
    ],
)
def test_a_bad_lesson_file_is_refused_naming_the_file_and_the_field(
    make_window, qtbot, monkeypatch, tmp_path, change, named
):
    w = make_window()
    draw_points(w, qtbot)
    path = tmp_path / "bad.toml"
    save_through_dialog(w, qtbot, monkeypatch, path, title="Bad", locks=("optimizer",))
    path.write_text(path.read_text().replace(*change))
    before = w.dataset
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    open_through_menu(w, monkeypatch, path)
    assert said and said[0].startswith("bad.toml: ") and named in said[0]
    assert w.dataset is before and w.training_panel.optimizer.isEnabled()


def test_the_command_line_opens_a_lesson_file(make_window, qtbot, monkeypatch, tmp_path, capsys, ini):
    import gui.main_window
    from gui.main_window import MainWindow
    from neural_playground import cli

    w = make_window()
    drawn = draw_points(w, qtbot)
    path = tmp_path / "cli.toml"
    save_through_dialog(w, qtbot, monkeypatch, path, title="From the shell", locks=("batch_size",))
    w.close()

    seen = {}

    def exec_once(app):
        window = next(x for x in QApplication.topLevelWidgets() if isinstance(x, MainWindow) and x.isVisible())
        qtbot.addWidget(window)  # deleted by pytest-qt as the test's own windows are
        # the file opens once the window is painted and active (a key pressed meanwhile then works)
        qtbot.waitUntil(lambda: window.lesson_actions.current is not None, timeout=10000)
        seen["points"] = window.dataset.X.tobytes()
        seen["locked"] = not window.training_panel.batch_size.isEnabled()
        seen["title"] = window.lesson_actions.lesson_panel.title_label.text()
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_once)
    # the window of the command line, with the test's settings file instead of the user's
    monkeypatch.setattr(
        gui.main_window, "MainWindow", lambda **kw: MainWindow(settings=QSettings(ini, QSettings.IniFormat), **kw)
    )
    assert cli.main([str(path)]) == 0
    assert seen == {"points": drawn.X.tobytes(), "locked": True, "title": "From the shell"}

    # a file that cannot be used: said on the terminal, and the window opens on its usual start and says it too
    path.write_text(path.read_text().replace('locked = ["batch_size"]', 'locked = ["speed"]'))
    said: list = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a, **k: said.append((title, text)))

    def exec_refused(app):
        window = next(x for x in QApplication.topLevelWidgets() if isinstance(x, MainWindow) and x.isVisible())
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: bool(said), timeout=10000)
        seen["lesson"] = window.lesson_actions.current
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_refused)
    assert cli.main(["--seed", "3", str(path)]) == 0
    problem = "cli.toml: 'locked' has unknown control group(s) speed"
    assert problem in capsys.readouterr().err
    assert said[0][0] == "Could not open the lesson" and problem in said[0][1] and seen["lesson"] is None


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["my.toml"], ["gui", "my.toml"]),
        (["--seed", "3", "my.toml"], ["gui", "--seed", "3", "my.toml"]),
        (["train", "--epochs", "1"], ["train", "--epochs", "1"]),
        (["gui", "my.toml"], ["gui", "my.toml"]),
        (["--dataset", "xor"], ["--dataset", "xor"]),
    ],
)
def test_a_file_alone_on_the_command_line_is_a_lesson(argv, expected):
    from neural_playground.cli import with_gui_command

    assert with_gui_command(argv) == expected


def test_a_real_data_set_is_saved_by_its_name_and_reopens_as_the_same_points(make_window, qtbot, monkeypatch, tmp_path):
    w = make_window()
    panel = w.data_panel
    panel.generator.setCurrentIndex(panel.generator.findData("iris"))
    panel.seed.setValue(5)
    panel.generate_button.click()
    qtbot.waitUntil(lambda: w.dataset.n_features == 4)
    iris = w.dataset
    path = tmp_path / "iris.toml"
    save_through_dialog(w, qtbot, monkeypatch, path, title="Iris", locks=("data",))
    written = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("unsaved-session"))  # window's lock
    assert written == ["iris.toml"]  # no CSV: the name makes it again
    assert 'dataset = "iris"' in path.read_text(encoding="utf-8")
    menu_action(w, "Lessons", "Close lesson").trigger()
    menu_action(w, "Edit", "Clear points").trigger()
    qtbot.waitUntil(lambda: w.dataset.n_samples == 0)
    open_through_menu(w, monkeypatch, path)
    qtbot.waitUntil(lambda: w.dataset.n_samples == iris.n_samples)
    assert w.dataset.same_as(iris)


def test_points_the_data_file_cannot_hold_are_refused_before_a_file_is_asked_for(
    make_window, qtbot, monkeypatch, tmp_path
):
    """Points of more input features than the CSV reader reads (here 101) cannot go into the lesson's CSV: the
    dialog says so at once, Save is off, and no file name is asked for."""
    from dataclasses import replace

    from gui.lessons.save_lesson_dialog import screen_draft
    from model.data.dataset import Dataset

    w = make_window()
    base = screen_draft(panels=w.panels, dataset=w.dataset, views=w.lesson_actions.views)
    wide = Dataset.from_arrays(np.arange(404.0).reshape(4, 101), [0, 1, 0, 1])
    dialog = SaveLessonDialog(replace(base, points=wide), w, view_words=w.lesson_actions.views.words)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("Wide")
    assert "101 input features" in dialog.error.text() and dialog.error.isVisible()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(1) or (str(tmp_path / "w"), ""))
    dialog._on_save()  # what Return would do were the button on
    written = [p for p in tmp_path.iterdir() if not p.name.startswith("unsaved-session")]  # but the window's lock
    assert asked == [] and written == [] and dialog.saved_path is None


def test_the_lesson_just_saved_opens_without_asking_to_save_its_points(make_window, qtbot, monkeypatch, tmp_path):
    """Drawn points saved as a lesson are kept in its CSV: opening that lesson right after asked to save
    "Untitled"'s changes first, though nothing would be lost. It opens at once now; a point drawn after the save
    is not in the lesson, and is asked about as before (nothing a person did is ever lost). The dialog says where the
    points go in one sentence, and the lesson file names no generator for them."""
    w = make_window()
    drawn = draw_points(w, qtbot)
    asked = []
    w.file_actions.sessions.confirm_discard = lambda reason: asked.append(reason) or "cancel"
    menu_action(w, "File", "Save as lesson\u2026").trigger()
    dialog = next(d for d in QApplication.topLevelWidgets() if isinstance(d, SaveLessonDialog) and d.isVisible())
    words = dialog.contents.text()
    assert "18 points as they are, kept in a CSV file beside the lesson" in words
    depth = deepest = 0
    for character in words:
        depth += {"(": 1, ")": -1}.get(character, 0)
        deepest = max(deepest, depth)
    assert deepest == 1 and depth == 0  # no brackets within brackets
    dialog.reject()
    path = tmp_path / "drawn.toml"
    save_through_dialog(w, qtbot, monkeypatch, path, title="Drawn")
    data_table = path.read_text(encoding="utf-8").split("[data]\n", 1)[1].split("\n\n", 1)[0]
    keys = [line.split(" = ")[0] for line in data_table.splitlines()]
    assert keys == ["seed", "test_fraction", "file", "class_names"]

    open_through_menu(w, monkeypatch, path)
    assert asked == []
    assert "Drawn" in w.lesson_actions.lesson_panel.title_label.text()
    assert w.dataset.X.tobytes() == drawn.X.tobytes()

    w.boundary_view.addPointsRequested.emit(np.array([[0.25, -0.5]]))  # not in the lesson
    qtbot.waitUntil(lambda: w.dataset.n_samples == drawn.n_samples + 1)
    open_through_menu(w, monkeypatch, path)
    assert asked == ["lesson"] and w.dataset.n_samples == drawn.n_samples + 1  # cancelled: the point stays
