"""File ▸ Save as lesson… writes the number of classes of the data shown: the moons' two, not the three the
Classes box keeps for Blobs and Spirals (greyed on the moons); and the lesson reopens with as many class buttons."""

from __future__ import annotations

import tomllib

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

from gui.lessons.save_lesson_dialog import SaveLessonDialog


def _action(w, menu_title, text):
    menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == menu_title)
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def _save_lesson(w, qtbot, monkeypatch, path):
    _action(w, "File", "Save as lesson\u2026").trigger()
    dialog = next(d for d in QApplication.topLevelWidgets() if isinstance(d, SaveLessonDialog) and d.isVisible())
    dialog.title.setText(path.stem)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _class_buttons(w):
    """The names of the class buttons the toolbar shows for the data's own classes (not the one that adds)."""
    controls = w.controls
    return [
        b.accessibleName()
        for b, a in zip(controls.class_buttons, controls.class_button_actions)
        if a.isVisible() and b.accessibleName().startswith("Class ")
    ]


def _show(w, qtbot, name, classes=None, expected=2):
    panel = w.data_panel
    panel.generator.setCurrentIndex(panel.generator.findData(name))
    if classes is not None:
        panel.n_classes.setValue(classes)
    panel.generate_button.click()
    qtbot.waitUntil(lambda: w.document.source.name == name and w.dataset.n_classes == expected)


def _open_lesson(w, qtbot, monkeypatch, path, name, expected):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    _action(w, "File", "Open lesson\u2026").trigger()
    qtbot.waitUntil(lambda: w.document.source.name == name and w.dataset.n_classes == expected)


#: (data set, the Classes box's number, the classes of the data shown), in turn on one window; the first is a fresh
#: window's moons, beside which the greyed box keeps the 3 it gives Blobs and Spirals
STEPS = (("moons", None, 2), ("blobs", 4, 4), ("spiral", 3, 3))


def test_a_lesson_saved_from_two_three_or_four_classes_says_so_and_reopens_with_them(
    make_window, qtbot, monkeypatch, tmp_path
):
    w = make_window()
    assert w.dataset.n_classes == 2  # a fresh window shows the moons; the Classes box holds 3 for Blobs and Spirals
    for i, (name, classes, expected) in enumerate(STEPS):
        if i:
            _show(w, qtbot, name, classes, expected)
        assert w.dataset.n_classes == expected
        path = tmp_path / f"{i}-{name}.toml"
        _save_lesson(w, qtbot, monkeypatch, path)
        with open(path, "rb") as f:
            data = tomllib.load(f)["data"]
        assert (data["dataset"], data["classes"]) == (name, expected)

        _action(w, "Lessons", "Close lesson").trigger()
        _show(w, qtbot, "circles" if name != "circles" else "xor")
        _open_lesson(w, qtbot, monkeypatch, path, name, expected)
        assert len(_class_buttons(w)) == expected
