"""Save as lesson… with data of more than two features, in the real window: wine edited (a point deleted) and shown
on two chosen features is saved with its points in a CSV headed by the features' names, and reopens with the same
arrays bit for bit, the same names, the same classes and the same plane; wine unedited on a chosen plane is saved by
its name with the plane, and reopens on it in one undo step."""

from __future__ import annotations

from model.data.view_plane import ViewPlane
from tests.gui.lessons.test_save_lesson import menu_action, open_through_menu, save_through_dialog


def _wine_on_two_features(w, qtbot):
    panel = w.data_panel
    panel.generator.setCurrentIndex(panel.generator.findData("wine"))
    panel.generate_button.click()
    qtbot.waitUntil(lambda: w.dataset.n_features == 13)
    plane = panel.plane_control
    plane.kind.setCurrentIndex(plane.kind.findData("features"))  # as a person picks "Two features"
    plane.kind.activated.emit(plane.kind.currentIndex())
    plane.across.setCurrentIndex(6)
    plane.across.activated.emit(6)
    plane.up.setCurrentIndex(9)
    plane.up.activated.emit(9)
    assert w.dataset.view_plane == ViewPlane.of_features(6, 9)
    return w.dataset


def test_edited_wine_on_two_features_reopens_bit_for_bit(make_window, qtbot, monkeypatch, tmp_path):
    w = make_window()
    _wine_on_two_features(w, qtbot)
    w.boundary_view.removePointsRequested.emit([0, 1])  # edited: no longer what the data panel makes
    qtbot.waitUntil(lambda: w.dataset.n_samples == 176)
    edited = w.dataset
    path = tmp_path / "wine.toml"
    save_through_dialog(w, qtbot, monkeypatch, path, title="Wine, edited")
    header = (tmp_path / "wine.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == [*edited.feature_names, "label", "is_test"]
    assert 'plane = ["flavanoids (standardised)", "color_intensity (standardised)"]' in path.read_text(encoding="utf-8")

    menu_action(w, "Lessons", "Close lesson").trigger()
    menu_action(w, "Edit", "Clear points").trigger()
    qtbot.waitUntil(lambda: w.dataset.n_samples == 0)
    open_through_menu(w, monkeypatch, path)
    qtbot.waitUntil(lambda: w.dataset.n_samples == 176)
    ds = w.dataset
    assert ds.X.tobytes() == edited.X.tobytes() and ds.y.tobytes() == edited.y.tobytes()
    assert ds.is_test.tobytes() == edited.is_test.tobytes()
    assert ds.feature_names == edited.feature_names and ds.class_names == edited.class_names
    assert ds.view_plane == ViewPlane.of_features(6, 9)
    plane = w.data_panel.plane_control
    assert plane.kind.currentData() == "features" and plane.across.currentText() == "flavanoids"
    assert plane.up.currentText() == "color_intensity"


def test_wine_unedited_is_saved_by_its_name_with_its_plane(make_window, qtbot, monkeypatch, tmp_path):
    w = make_window()
    wine = _wine_on_two_features(w, qtbot)
    path = tmp_path / "wine.toml"
    save_through_dialog(w, qtbot, monkeypatch, path, title="Wine on two features")
    written = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("unsaved-session"))  # window's lock
    assert written == ["wine.toml"]  # no CSV: the name makes it again
    text = path.read_text(encoding="utf-8")
    assert 'dataset = "wine"' in text
    assert 'plane = ["flavanoids (standardised)", "color_intensity (standardised)"]' in text

    menu_action(w, "Lessons", "Close lesson").trigger()
    menu_action(w, "Edit", "Clear points").trigger()
    qtbot.waitUntil(lambda: w.dataset.n_samples == 0)
    steps = w.undo_stack.count()
    open_through_menu(w, monkeypatch, path)
    qtbot.waitUntil(lambda: w.dataset.n_samples == wine.n_samples)
    assert w.dataset.same_as(wine)
    assert w.undo_stack.count() == steps + 1  # generated and shown on its plane: one step
    w.undo_stack.undo()
    assert w.dataset.n_samples == 0
