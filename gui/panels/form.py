"""Form helpers shared by the side panels: titled groups, labelled rows, the learning-rate box."""

from __future__ import annotations

import math

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtGui import QDoubleValidator, QFocusEvent, QKeyEvent, QValidator, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)


def form_group(title: str) -> tuple[QGroupBox, QFormLayout]:
    """A titled group with a two-column form inside, spaced the same way in every panel."""
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(form.labelAlignment())
    form.setContentsMargins(10, 8, 10, 10)
    form.setHorizontalSpacing(10)
    form.setVerticalSpacing(6)
    return box, form


def add_row(form: QFormLayout, label: str, widget: QWidget, tip: str) -> QLabel:
    """Adds a labelled row; the one-sentence tooltip goes on both the label and the control."""
    lab = QLabel(label)
    lab.setToolTip(tip)
    widget.setToolTip(tip)
    lab.setBuddy(widget)
    widget.setAccessibleName(label)  # an editable box would otherwise read as its value ("0.03")
    form.addRow(lab, widget)
    return lab


def narrow_field(field: QWidget, text: str) -> None:
    """``field`` may shrink to the width ``text`` needs (its longest value would otherwise set the width of the
    whole settings column on a small screen); it still grows with the column."""
    extra = 34 if isinstance(field, QComboBox) else 30  # the arrow or the up/down buttons, the frame, the padding
    field.setMinimumWidth(field.fontMetrics().horizontalAdvance(text) + extra)


def keep_keyboard_for_shortcuts(root: QWidget) -> None:
    """Buttons, check boxes and drop-down lists under `root` take the focus from Tab, not from a mouse click.

    Otherwise a click on, say, Generate leaves the focus on it and the next Space presses it again instead of
    playing; number fields keep taking the focus, since one types in them.
    """
    for w in root.findChildren(QWidget):
        if isinstance(w, (QAbstractButton,)) or (isinstance(w, QComboBox) and not w.isEditable()):
            w.setFocusPolicy(Qt.FocusPolicy.TabFocus)


def fmt_number(value: float) -> str:
    """A short text for a rate: 0.03, 1e-05, 10."""
    return "0" if value == 0 else f"{value:g}"


def _log_distance(a: float, b: float) -> float:
    """How far apart two non-negative rates are for a person picking one: by ratio, zero farthest from the rest."""
    if a <= 0 or b <= 0:
        return 0.0 if a == b else math.inf
    return abs(math.log(a / b))


#: The keys that step a rate box as they step a spin box: how many presets up (a negative number: down).
_STEP_KEYS = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1, Qt.Key.Key_PageUp: 10, Qt.Key.Key_PageDown: -10}
_WHEEL_NOTCH = 120  # QWheelEvent.angleDelta() of one notch of a mouse wheel


class RateBox(QComboBox):
    """An editable combo box of preset rates that also accepts any non-negative number typed in.

    `valueChanged(float)` is emitted when a preset is picked, a typed value is confirmed (Enter, focus out,
    ``interpretText``: see ``gui.widgets.typed_numbers``) or the box is stepped; a text it does not take (empty,
    "1e", above its maximum) is replaced by its value then, never left showing a rate that is not the one used.
    Up (the arrow key, the wheel turned up, Page Up ten at a time) steps to the next larger preset and Down to the
    next smaller one, as in a spin box, stopping at the last preset; a combo box's own order (its previous item)
    made Up pick a smaller rate. ``stepping()`` says whether a change is such a step, so an undo history can take a
    run of steps as one.

    The box shows a rate to six digits (0.0123456789 as "0.0123457"); the rate is kept as set or typed, whole: only
    a text the person typed is read back, so a click into the box and out again changes nothing.
    """

    valueChanged = Signal(float)

    def __init__(self, presets, value: float, minimum: float = 0.0, maximum: float = 1e3, parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # No completion from the list: a "1" typed was completed to "1e-05" (the first preset starting with 1), and
        # Enter took that.
        self.setCompleter(None)  # type: ignore[arg-type]  # Qt takes none (a null pointer); the stub says not
        self._min, self._max = float(minimum), float(maximum)
        for p in presets:
            self.addItem(fmt_number(p), float(p))
        validator = QDoubleValidator(self._min, self._max, 12, self)
        validator.setNotation(QDoubleValidator.Notation.ScientificNotation)
        validator.setLocale(QLocale.c())
        edit = self.lineEdit()
        assert edit is not None  # an editable combo box has its line edit
        edit.setValidator(validator)
        self._value = float(value)
        self._stepping = False
        self._wheel_rest = 0  # the part of a notch a touchpad turned, kept for the next event
        self._show(self._value)
        self.activated.connect(self._on_activated)
        edit.editingFinished.connect(self._on_edited)

    def value(self) -> float:
        return self._value

    def setValue(self, value: float) -> None:
        value = min(self._max, max(self._min, float(value)))
        self._show(value)
        if value != self._value:
            self._value = value
            self.valueChanged.emit(value)

    def interpretText(self) -> None:
        """Takes the typed text as the value (as ``QAbstractSpinBox.interpretText``), or shows the value again when
        the text is not a number the box takes. A text not typed is the value as shown, rounded to six digits
        (``fmt_number``): taken back, it would change a rate set finer (a session's, a lesson's) to the rounded one."""
        if not self._typed():
            return
        value = self._typed_value()
        if value is None:
            self._show(self._value)
        else:
            self.setValue(value)

    def revert(self) -> None:
        """Shows the value in use again, dropping what was typed and not taken (Escape)."""
        self._show(self._value)

    def stepping(self) -> bool:
        """True while the value changes by a step (``stepBy``: an arrow key, the wheel), not a pick or a typed value."""
        return self._stepping

    def stepBy(self, steps: int) -> None:
        """``steps`` presets up from the value shown (a negative number: down), stopping at the last preset; a value
        between presets steps to the nearest preset on that side."""
        start = self._shown_value()
        presets = sorted({float(self.itemData(i)) for i in range(self.count())})
        side = [p for p in presets if p > start] if steps > 0 else [p for p in reversed(presets) if p < start]
        if steps == 0 or not side:
            return  # at the last preset already
        self._stepping = True
        try:
            self.setValue(side[min(abs(steps), len(side)) - 1])
        finally:
            self._stepping = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # as a spin box: a text it does not take goes
            super().keyPressEvent(event)
            self.interpretText()
            return
        steps = _STEP_KEYS.get(Qt.Key(event.key()))
        held = event.modifiers() & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier)
        if steps is None or held:  # Alt+Down opens the list, Ctrl+arrows go to the text line: Qt's own
            super().keyPressEvent(event)
            return
        self.stepBy(steps)
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        allowed = self.style().styleHint(QStyle.StyleHint.SH_ComboBox_AllowWheelScrolling, option, self)
        if not allowed or self.view().isVisible():
            super().wheelEvent(event)
            return
        # a notch is a step; a touchpad's smaller turns add up to one (Qt's combo box stepped at each of them)
        self._wheel_rest += event.angleDelta().y()
        steps = int(self._wheel_rest / _WHEEL_NOTCH)
        self._wheel_rest -= steps * _WHEEL_NOTCH
        if steps:
            self.stepBy(steps)
        event.accept()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if not self.view().isVisible():  # its own list opening is no leaving
            self.interpretText()

    def _shown_value(self) -> float:
        """The number in the box: a value typed and not yet confirmed too, as a spin box steps from it."""
        typed = self._typed_value() if self._typed() else None
        return self._value if typed is None else typed

    def _typed(self) -> bool:
        """The text in the box was typed (or pasted) by the person, not yet taken nor shown again since."""
        edit = self.lineEdit()
        return edit is not None and edit.isModified()

    def _typed_value(self) -> float | None:
        """The number typed in the box when it is one the box takes, else None."""
        edit = self.lineEdit()
        validator = edit.validator() if edit is not None else None
        text = self.currentText()
        state = validator.validate(text, 0) if validator is not None else None
        if isinstance(state, tuple) and state[0] == QValidator.State.Acceptable:  # (state, text, position)
            try:
                return float(text)
            except ValueError:
                pass
        return None

    def _show(self, value: float) -> None:
        """``value`` in the box, and the preset nearest to it (on a log scale) the list's current one: the list
        opens there, not at a preset picked before an undo, a lesson or a typed value."""
        presets = [float(self.itemData(i)) for i in range(self.count())]
        if presets:
            self.setCurrentIndex(min(range(len(presets)), key=lambda i: _log_distance(presets[i], value)))
        self.setCurrentText(fmt_number(value))

    @Slot(int)
    def _on_activated(self, index: int) -> None:
        data = self.itemData(index)
        if data is not None:
            self.setValue(float(data))

    @Slot()
    def _on_edited(self) -> None:
        self.interpretText()
