"""Points opened from a CSV file: the data panel says what the data is (the file's name, its rows, its input columns,
its classes) instead of a generator's points, noise, classes, seed and split, which do nothing for them; picking a
generator in the list brings its settings back (and undo the file's rows), all within the panel's width at
1024×700."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QScrollArea
from pytestqt.exceptions import TimeoutError as WaitTimeout

from gui.panels.data_file_rows import file_facts
from model.data import real_datasets
from model.data.data_files import save_dataset_csv
from model.data.data_source import DataSource
from model.data.generators import make

GENERATOR_FIELDS = ("n_samples", "noise", "n_classes", "seed", "test_fraction", "generate_button")


def shown(panel) -> set[str]:
    return {name for name in GENERATOR_FIELDS if getattr(panel, name).isVisible()}


def cut_at_the_right(panel) -> list[str]:
    """The panel's file rows, list and Clear that reach past its scroll area's right edge."""
    scroll = next(p for p in _ancestors(panel) if isinstance(p, QScrollArea))
    viewport = scroll.viewport()
    cut = []
    for widget in [*panel.file_rows.values.values(), panel.generator, panel.clear_button]:
        if widget.isVisible():
            box = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
            if box.right() > viewport.width():
                cut.append(f"{widget.objectName() or widget.accessibleName()} to {box.right()} of {viewport.width()}")
    return cut


def check_within_the_panel(qtbot, panel, what: str) -> None:
    try:  # once the layout has settled (a scroll bar that came or went)
        qtbot.waitUntil(lambda: not cut_at_the_right(panel), timeout=2000)
    except WaitTimeout:
        raise AssertionError(f"{what}: cut at the right: {cut_at_the_right(panel)}") from None


def _ancestors(widget):
    while widget is not None:
        widget = widget.parentWidget()
        yield widget


def test_a_csv_files_rows_replace_the_generators_settings_until_a_generator_is_picked(make_window, qtbot, tmp_path):
    w = make_window(size=(1024, 700))
    panel = w.data_panel
    qtbot.waitUntil(lambda: panel.isVisible(), timeout=3000)
    assert shown(panel) == set(GENERATOR_FIELDS) and panel.file_rows.texts() == {}
    moons = tmp_path / "moons.csv"
    save_dataset_csv(make("moons", 150, seed=4), moons)
    with qtbot.waitSignal(w.file_actions.data_files.openFinished, timeout=10000):  # read off the GUI thread
        assert w.file_actions.data_files.open_data(moons)
    qtbot.wait(50)
    assert shown(panel) == set(), f"the generator's {sorted(shown(panel))} still show for a file's points"
    assert panel.file_rows.texts() == {
        "File": "moons.csv",
        "Rows": "150 points (30 test)",
        "Inputs": "x1, x2",
        "Classes": "2: class 1, class 2",
    }
    assert panel.generator_label.text() == "Generate" and panel.clear_button.isVisible()
    check_within_the_panel(qtbot, panel, "moons.csv")

    wine = tmp_path / "wine.csv"
    save_dataset_csv(real_datasets.load("wine", 0.2, 0), wine)
    with qtbot.waitSignal(w.file_actions.data_files.openFinished, timeout=10000):  # read off the GUI thread
        assert w.file_actions.data_files.open_data(wine)
    qtbot.wait(50)
    said = panel.file_rows.texts()
    assert said["File"] == "wine.csv" and said["Rows"].startswith("178 points")
    assert said["Inputs"].startswith("13 columns: alcohol (standardised), malic_acid (standardised)")
    assert "proline" in panel.file_rows.values["Inputs"].toolTip()  # every column, in the tooltip
    assert said["Classes"] == "3: cultivar 1, cultivar 2, cultivar 3"
    check_within_the_panel(qtbot, panel, "wine.csv")

    panel.generator.setCurrentIndex(panel.generator.findData("circles"))
    panel.generator.activated.emit(panel.generator.currentIndex())  # picked in the list: generated at once
    qtbot.waitUntil(lambda: "Circles" in panel.on_plot.text(), timeout=3000)
    qtbot.wait(50)
    assert shown(panel) == set(GENERATOR_FIELDS) and panel.file_rows.texts() == {}
    assert panel.generator_label.text() == "Dataset"
    w.controls.undo_action.trigger()  # the file's points again: its rows again
    qtbot.wait(50)
    assert shown(panel) == set() and panel.file_rows.texts()["File"] == "wine.csv"


def test_an_edited_files_rows_say_so_and_a_regression_names_its_target():
    curve = make("sine", 40, seed=1)
    facts = {label: text for label, text, _ in file_facts(curve, DataSource.from_file("/tmp/curve.csv").after_edit())}
    assert facts == {
        "File": "curve.csv (edited since)",
        "Rows": f"40 points ({int(curve.is_test.sum())} test)",
        "Inputs": "x1",
        "Target": "a number to predict (regression)",
    }
