"""The dialogs say the settings in the panels' words: Save as lesson… names the data as the data panel's list does
("Two moons", not "moons") and the optimizer as the training panel does ("Adam", not "adam"); the branch dialog's
form has the panels' "L2 rate" and "Full batch" (it said "L2 penalty" and "all (full batch)")."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout

from gui.experiments.model_settings import ModelSettingsEditor
from gui.lessons.save_lesson_dialog import SaveLessonDialog, screen_draft


def _label_of(widget) -> str:
    """The text of the form label beside ``widget``."""
    parent = widget.parentWidget()
    while parent is not None:
        layout = parent.layout()
        if isinstance(layout, QFormLayout) and layout.labelForField(widget) is not None:
            return layout.labelForField(widget).text().replace("&", "")
        parent = parent.parentWidget()
    raise AssertionError(f"no form label for {widget!r}")


def _items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_save_as_lesson_names_the_data_and_the_training_as_the_panels_do(make_window, qtbot):
    w = make_window(size=(1024, 700))
    training = w.panels.training
    training.optimizer.setCurrentIndex(training.optimizer.findData("momentum"))
    dialog = SaveLessonDialog(
        screen_draft(panels=w.panels, dataset=w.dataset, views=w.lesson_actions.views),
        w,
        view_words=w.lesson_actions.views.words,
    )
    qtbot.addWidget(dialog)
    words = dialog.contents.text()
    data_name = w.panels.data.generator.currentText()
    assert data_name == "Two moons" and f"the data ({data_name}, " in words, words
    assert f"training with {training.optimizer.currentText()}, learning rate" in words, words
    assert "momentum" not in words and "the data (moons" not in words
    assert f"pace {training.pace.shown_text()};" in words, words  # as the toolbar's pace box says it
    dialog.reject()


def test_the_branch_dialog_uses_the_panels_words(make_window, qtbot):
    w = make_window(size=(1024, 700))
    editor = ModelSettingsEditor(keep_shape=True)
    qtbot.addWidget(editor)
    model, training = w.panels.model, w.panels.training
    assert _label_of(editor.alpha) == _label_of(model.alpha) == "L2 rate"
    assert editor.batch.specialValueText() == training.batch_size.specialValueText() == "Full batch"
    assert _items(editor.optimizer) == _items(training.optimizer)
    assert set(_items(editor.kind)) == set(_items(model.kind))
    first_layer_activation = model._rows[0][2]
    assert _items(editor.activation) == _items(first_layer_activation)


def _menu_items(menu) -> list[str]:
    """The texts of ``menu``'s items and of its submenus' items, as a person reads them (no "&")."""
    texts = []
    for action in menu.actions():
        texts.append(action.text().replace("&", ""))
        if action.menu() is not None:
            texts += _menu_items(action.menu())
    return texts


def test_save_as_lesson_names_the_open_views_as_the_menus_do(make_window, qtbot):
    w = make_window(size=(1024, 700))
    lessons = w.lesson_actions
    lessons.views.show_exactly(("diagram", "hidden_space", "bias_explorer"), lessons.lesson_dock)
    dialog = lessons.files.show_save_dialog()  # File > Save as lesson…
    qtbot.addWidget(dialog)
    words = dialog.contents.text()
    listed = words.split("open views: ", 1)[1].rstrip(".").split(", ")
    menus = _menu_items(w.menus.view) + _menu_items(w.experiments.menu)
    assert "Network diagram" in listed and "Hidden-layer space" in listed and "Activation and bias explorer" in listed
    assert "Timeline" in listed and "Loss and accuracy curves" in listed, words  # the window's own, open too
    assert all(view in menus for view in listed), (listed, menus)
    assert not set(listed) & {"diagram", "hidden space", "bias explorer", "timeline", "curves"}
    dialog.reject()
