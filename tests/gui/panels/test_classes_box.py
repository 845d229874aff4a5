"""The data panel's Classes box shows how many classes the chosen data set has: the number chosen for Blobs and
Spirals, the data set's own number (greyed, with a tooltip saying why) for the others."""

from __future__ import annotations

from gui.panels.data_panel import DataPanel, build_dataset


def _pick(panel: DataPanel, name: str) -> None:
    panel.generator.setCurrentIndex(panel.generator.findData(name))


def test_a_data_set_with_its_own_classes_shows_them_greyed_and_says_why(qtbot):
    panel = DataPanel()
    qtbot.addWidget(panel)
    for name in ("moons", "xor", "circles", "iris", "digits"):
        _pick(panel, name)
        made = build_dataset(panel.params())
        assert panel.n_classes.text() == str(made.n_classes), name  # what the person reads: the data's own number
        assert not panel.n_classes.isEnabled()
        assert f"has {made.n_classes} classes of its own" in panel.n_classes.toolTip()
        assert "only Blobs and Spirals" in panel.n_classes.toolTip()
    _pick(panel, "sine")
    assert panel.n_classes.text() == "none" and "regression" in panel.n_classes.toolTip()


def test_the_number_chosen_for_blobs_is_kept_while_another_data_set_shows_its_own(qtbot):
    panel = DataPanel()
    qtbot.addWidget(panel)
    _pick(panel, "blobs")
    assert panel.n_classes.isEnabled() and panel.n_classes.text() == "3"
    panel.n_classes.setValue(5)
    _pick(panel, "moons")
    assert panel.n_classes.text() == "2" and panel.params()["n_classes"] == 5
    assert panel.pending_fields() == []  # the moons' own number waits for nothing
    _pick(panel, "spiral")
    assert panel.n_classes.isEnabled() and panel.n_classes.text() == "5"
    assert "2 to" in panel.n_classes.toolTip()
    assert build_dataset(panel.params()).n_classes == 5
