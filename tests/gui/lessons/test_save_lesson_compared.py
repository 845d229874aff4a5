"""File ▸ Save as lesson… saves the models compared side by side as they are on the screen: after the teacher
removes one of lesson 5's two runs (its ✕), the dialog says one run and the lesson holds that one; after
Experiments ▸ Add a model (same settings) the lesson holds the added model. Opened on a fresh window, the lesson's
Compare view shows the same models (the lesson's settings with the run's own)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QToolButton

from model.teaching.lessons import load_file


def _remove_buttons(w) -> list[QToolButton]:
    """The ✕ of each compared model's pane."""
    return [b for b in w.experiments.compare_view.findChildren(QToolButton) if b.text() == "\u2715" and b.isVisible()]


def _models(w) -> list:
    return [(m.model_spec, m.train_spec, m.label) for m in w.compare.members]


def _save(w, qtbot, monkeypatch, path, title: str, runs_said: str):
    dialog = w.lesson_actions.files.show_save_dialog()
    assert runs_said in dialog.contents.text()
    dialog.title.setText(title)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)


def _opened_on_a_fresh_window(make_window, qtbot, path) -> list:
    fresh = make_window(size=(1024, 700))
    assert fresh.lesson_actions.open_lesson_file(str(path))
    expected = len(load_file(path).compare)
    qtbot.waitUntil(lambda: len(_models(fresh)) == expected and len(_remove_buttons(fresh)) == expected, timeout=20000)
    return _models(fresh)


@pytest.mark.parametrize("change", ["remove one", "add one"])
def test_a_saved_lesson_compares_the_models_on_the_screen(make_window, qtbot, monkeypatch, tmp_path, change):
    w = make_window(size=(1024, 700))
    if change == "remove one":
        w.lesson_actions.open_lesson("learning-rate")  # η 0.001 and η 30 beside the lesson's own η
        qtbot.waitUntil(lambda: len(_remove_buttons(w)) == 2, timeout=20000)
        _remove_buttons(w)[-1].click()
        qtbot.waitUntil(lambda: len(_models(w)) == 1 and len(_remove_buttons(w)) == 1, timeout=10000)
        runs_said = "; 1 side-by-side run (not in a challenge)"
    else:
        w.experiments.side_by_side.add_copy_action.trigger()
        qtbot.waitUntil(lambda: len(_models(w)) == 1 and len(_remove_buttons(w)) == 1, timeout=20000)
        runs_said = "; 1 side-by-side run (not in a challenge)"
    on_screen = _models(w)
    path = tmp_path / "mine.toml"
    _save(w, qtbot, monkeypatch, path, "Side by side", runs_said)

    saved = load_file(path)
    assert len(saved.compare) == 1
    if change == "remove one":
        assert saved.compare[0] == {"label": "η 0.001", "train": {"learning_rate": 0.001}}
    else:
        assert saved.compare[0] == {}  # the lesson's own settings
    assert _opened_on_a_fresh_window(make_window, qtbot, path) == on_screen
