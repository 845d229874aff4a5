"""Save as lesson… while a lesson or challenge is open starts from it: a teacher who opened their lesson to change
something and saves it again finds its title, text and locks in the dialog and the file dialog at its file, and a
challenge's goal, hint and the limits the dialog does not show are kept."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QFileDialog

from gui.lessons.save_lesson_dialog import SaveLessonDialog
from model.teaching.lesson_content import DataSetup, Goal, Limits
from model.teaching.lesson_writer import LessonDraft, write_lesson
from model.teaching.lessons import Challenge, load_file
from model.training.specs import ModelSpec, TrainSpec
from tests.gui.lessons.test_save_lesson import menu_action, open_through_menu, save_through_dialog


def _open_dialog(w) -> SaveLessonDialog:
    menu_action(w, "File", "Save as lesson\u2026").trigger()
    return next(d for d in QApplication.topLevelWidgets() if isinstance(d, SaveLessonDialog) and d.isVisible())


def test_saving_an_opened_lesson_again_keeps_its_text_and_locks(make_window, qtbot, monkeypatch, tmp_path):
    w = make_window()
    path = tmp_path / "mine.toml"
    save_through_dialog(w, qtbot, monkeypatch, path, title="Mine", locks=("optimizer",), hides=("regularisation",))
    open_through_menu(w, monkeypatch, path)
    qtbot.waitUntil(lambda: w.lesson_actions.current is not None)

    dialog = _open_dialog(w)
    assert dialog.title.text() == "Mine" and "**rings**" in dialog.text.toPlainText()
    assert [g for g, box in dialog.lock_boxes.items() if box.isChecked()] == ["optimizer"]
    assert [g for g, box in dialog.hide_boxes.items() if box.isChecked()] == ["regularisation"]
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _w, _t, start, _f: asked.append(start) or (start, ""))
    dialog._on_save()  # Save…: the file dialog starts at the lesson's own file
    assert asked == [str(path)] and dialog.saved_path == str(path)
    again = load_file(path)
    assert (again.title, again.locked, again.hidden) == ("Mine", ("optimizer",), ("regularisation",))
    assert again.text == "Look at the **rings**.\nThen press Play."


def test_saving_an_opened_challenge_again_keeps_its_goal_and_limits(make_window, qtbot, monkeypatch, tmp_path):
    draft = LessonDraft(
        title="XOR in four",
        text="Solve it.",
        data=DataSetup(dataset="xor", n_samples=100, seed=1),
        model=ModelSpec(kind="mlp", hidden_layer_sizes=(4,)),
        train=TrainSpec(learning_rate=0.1),
        goal=Goal(metric="test_loss", below=0.25),
        limits=Limits(max_hidden_neurons=4, dataset="xor", features="none"),
        best="epoch",
        hint="Two neurons can do it.",
    )
    path = write_lesson(draft, tmp_path / "xor.toml")
    w = make_window()
    open_through_menu(w, monkeypatch, path)
    qtbot.waitUntil(lambda: w.lesson_actions.current is not None)
    dialog = _open_dialog(w)
    assert dialog.goal_box.isChecked() and dialog.hint.text() == "Two neurons can do it."
    saved = dialog.draft()
    assert saved.goal == Goal(metric="test_loss", below=0.25) and saved.best == "epoch"
    assert saved.limits == Limits(max_hidden_neurons=4, dataset="xor", features="none")
    dialog.close()
    assert isinstance(load_file(write_lesson(saved, tmp_path / "again.toml")), Challenge)


def test_a_built_in_lesson_saved_as_a_variant_keeps_its_side_by_side_runs(make_window, qtbot, monkeypatch, tmp_path):
    w = make_window()
    w.lesson_actions.open_lesson("learning-rate")  # three learning rates side by side
    built_in = w.lesson_actions.current
    qtbot.waitUntil(lambda: len(w.compare.members) == 2, timeout=20000)  # the runs on the screen are saved
    dialog = _open_dialog(w)
    assert dialog.title.text() == built_in.title and "2 side-by-side runs" in dialog.contents.text()
    path = tmp_path / "variant.toml"
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda _w, _t, start, _f: asked.append(start) or (str(path), "")
    )
    dialog._on_save()
    assert asked == [f"{built_in.title}.toml"]  # not the app's own lesson file
    variant = load_file(path)
    assert variant.compare == built_in.compare and variant.order == built_in.order
    assert variant.summary == built_in.summary and variant.text == built_in.text
