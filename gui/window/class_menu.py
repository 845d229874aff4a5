"""ClassMenu: the class of new points as one drop-down list, for data of many classes on a toolbar short of room.

The digits' ten class buttons took ~300 px of a 1024 px toolbar: the plot's tools (Add, Erase, Probe) lost their words
to make room, and with a larger font Probe went behind the toolbar's ». The list takes the room of two buttons and
shows every class, each with its marker and name; the number keys pick a class as with the buttons.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox

from gui.widgets.style import class_icon

#: the least number of classes for which the toolbar may show the list instead of the buttons
MENU_FROM = 6
TIP = "The class the points you add get (or keys 1…9, 0); the list shows every class of the data."


class ClassMenu(QComboBox):
    """One item per class button: its marker and its label (``new`` is the index of the button that adds a class,
    its item reads "+ new class"); ``classPicked(k)`` when a person picks class ``k``."""

    classPicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("classMenu")
        self.setToolTip(TIP)
        self.setAccessibleName("Class of new points")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.activated.connect(self._on_activated)

    def set_classes(self, labels: Sequence[str], new: int | None) -> None:
        """The classes' labels, in their order (the buttons' whole names); ``new``: the one that adds a class."""
        current = self.currentIndex()
        self.blockSignals(True)
        try:
            self.clear()
            for k, label in enumerate(labels):
                self.addItem(class_icon(k, new=k == new), "+ new class" if k == new else label, k)
            longest = max((len(self.itemText(i)) for i in range(self.count())), default=1)
            self.setMinimumContentsLength(min(12, longest))  # a long name is elided; its list shows it whole
            self.setCurrentIndex(current if 0 <= current < self.count() else 0)
        finally:
            self.blockSignals(False)

    def set_current(self, k: int) -> None:
        """Shows class ``k`` as the current one (no signal: the class is set elsewhere)."""
        if 0 <= k < self.count() and self.currentIndex() != k:
            self.blockSignals(True)
            self.setCurrentIndex(k)
            self.blockSignals(False)

    @Slot(int)
    def _on_activated(self, index: int) -> None:
        self.classPicked.emit(int(self.itemData(index)))
