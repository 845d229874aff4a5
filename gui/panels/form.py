"""Form helpers shared by the side panels: titled groups, labelled rows, the learning-rate box."""

from __future__ import annotations

import math

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import QAbstractButton, QComboBox, QFormLayout, QGroupBox, QLabel, QWidget


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


class RateBox(QComboBox):
    """An editable combo box of preset rates that also accepts any non-negative number typed in.

    `valueChanged(float)` is emitted when a preset is picked or a typed value is confirmed (Enter / focus out).
    """

    valueChanged = Signal(float)

    def __init__(self, presets, value: float, minimum: float = 0.0, maximum: float = 1e3, parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
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

    def _show(self, value: float) -> None:
        """``value`` in the box, and the preset nearest to it (on a log scale) the list's current one: the arrow
        keys and the wheel step from the value shown, not from a preset picked before an undo or a typed value."""
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
        try:
            self.setValue(float(self.currentText()))
        except ValueError:
            self.setCurrentText(fmt_number(self._value))
