"""The mouse wheel over the settings panel scrolls it; it edits a field only when that field has the focus."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from gui.panels.wheel_guard import WheelGuard


def wheel(widget, steps=-1):
    """One notch of the wheel (down for a negative `steps`) over the middle of `widget`."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.NoButton,
        Qt.NoModifier,
        Qt.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def tall_panel(qtbot):
    content = QWidget()
    column = QVBoxLayout(content)
    spins = []
    for _ in range(30):
        spin = QSpinBox()
        spin.setRange(0, 100)
        spin.setValue(50)
        column.addWidget(spin)
        spins.append(spin)
    scroll = QScrollArea()
    scroll.setWidget(content)
    scroll.setWidgetResizable(True)
    scroll.resize(200, 150)
    qtbot.addWidget(scroll)
    guard = WheelGuard(scroll)
    scroll.show()
    qtbot.waitExposed(scroll)
    return scroll, content, column, spins, guard


def test_the_wheel_over_an_unfocused_field_scrolls_the_panel(qtbot):
    scroll, _, _, spins, _ = tall_panel(qtbot)
    bar = scroll.verticalScrollBar()
    assert bar.value() == 0
    wheel(spins[1])
    assert spins[1].value() == 50
    assert bar.value() > 0
    wheel(spins[1].lineEdit())  # the text line inside the field too
    assert spins[1].value() == 50


def test_the_wheel_edits_the_field_that_has_the_focus(qtbot):
    _, _, _, spins, _ = tall_panel(qtbot)
    spins[0].setFocus()
    qtbot.waitUntil(spins[0].hasFocus, timeout=1000)
    wheel(spins[0], steps=1)
    assert spins[0].value() == 51


def test_a_field_added_later_is_guarded_too(qtbot):
    _, _, column, _, _ = tall_panel(qtbot)
    late = QSpinBox()
    late.setValue(5)
    column.addWidget(late)
    qtbot.wait(50)  # the guard watches new widgets once they are built
    wheel(late)
    assert late.value() == 5
    assert late.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel does not give it the focus either


def test_scrolling_the_settings_panel_never_changes_the_l2_rate(qtbot, make_window):
    w = make_window()
    spec = w.model_panel.model_spec()
    w.boundary_view.setFocus()
    for field in (w.model_panel.alpha, w.model_panel.l1, w.training_panel.learning_rate, w.data_panel.noise):
        for _ in range(5):
            wheel(field, steps=-1)
            wheel(field, steps=1)
    assert w.model_panel.model_spec() == spec
    assert w.training_panel.learning_rate.value() == 0.01
