"""ViewPlaneControl: which plane of data with more than two features the plot shows (the Data panel's "Plot" row).

A kind box, "PCA: first two components" or "Two features", and for the latter two boxes naming the feature across
and the feature up. It shows the current dataset's ``view_plane`` (``show_dataset``; hidden for data of one or
two features, which the plot shows as they are) and emits ``planeChosen(ViewPlane)`` when the person picks
another; the window turns that into an undoable "show this plane" edit of the dataset
(``model.data.view_plane``, ``Dataset.with_view_plane``).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from model.data.view_plane import ViewPlane, fit_plane


def _most_telling_pair(ds) -> tuple[int, int]:
    """The two features "Two features" starts from: the one weighing most in the first principal component, then
    the one weighing most in the second (the digits' first pixels are blank in nearly every image, the iris's
    first two measurements tell the species apart least: planes of them show little)."""
    axes = np.abs(fit_plane(ViewPlane.pca(), ds.train_X, ds.feature_names).axes)
    first = int(np.argmax(axes[0]))
    second_row = axes[1].copy()
    second_row[first] = -1.0
    return first, int(np.argmax(second_row))


class ViewPlaneControl(QWidget):
    planeChosen = Signal(object)  # ViewPlane

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.kind = QComboBox()
        self.kind.addItem("PCA: first two components", "pca")
        self.kind.addItem("Two features", "features")
        self.kind.setToolTip(
            "What the plot shows of data with more than two features: the plane of its first two principal "
            "components (the directions the training points vary most along), or two features you choose; "
            "the other features are held at their training mean."
        )
        layout.addWidget(self.kind)
        row = QHBoxLayout()
        row.setSpacing(4)
        self.across = QComboBox()
        self.across.setToolTip("The feature across the plot (horizontal axis).")
        self.up = QComboBox()
        self.up.setToolTip("The feature up the plot (vertical axis).")
        for box in (self.across, self.up):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(6)
            box.setMaxVisibleItems(16)
        row.addWidget(self.across, 1)
        versus = QLabel("vs")
        row.addWidget(versus)
        row.addWidget(self.up, 1)
        self.features_row = QWidget()
        self.features_row.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.features_row)
        self._names: tuple[str, ...] = ()
        self._plane: ViewPlane | None = None
        self._first_pair = (0, 1)
        self.kind.activated.connect(self._on_picked)
        self.across.activated.connect(self._on_picked)
        self.up.activated.connect(self._on_picked)
        self.show_dataset(None)

    def plane(self) -> ViewPlane | None:
        """The plane shown (None: the data has no plane to choose)."""
        return self._plane

    def show_dataset(self, ds) -> None:
        """Show ``ds``'s plane (hidden when it has none); emits nothing."""
        plane = getattr(ds, "view_plane", None)
        self._plane = plane
        self.setVisible(plane is not None)
        if plane is None:
            return
        names = tuple(ds.feature_names)
        self._first_pair = _most_telling_pair(ds)
        for box in (self.kind, self.across, self.up):
            box.blockSignals(True)
        try:
            if names != self._names:
                self._names = names
                for box in (self.across, self.up):
                    box.clear()
                    for name in names:
                        box.addItem(name)
            self.kind.setCurrentIndex(self.kind.findData(plane.kind))
            i, j = plane.features if plane.kind == "features" else self._first_pair
            self.across.setCurrentIndex(i)
            self.up.setCurrentIndex(j)
        finally:
            for box in (self.kind, self.across, self.up):
                box.blockSignals(False)
        self.features_row.setVisible(plane.kind == "features")

    @Slot(int)
    def _on_picked(self, _index: int) -> None:
        if self._plane is None:
            return
        if self.kind.currentData() == "pca":
            plane = ViewPlane.pca()
        else:
            i, j = self.across.currentIndex(), self.up.currentIndex()
            if i == j:  # one feature against itself is no plane: take the next one up
                j = (i + 1) % len(self._names)
                self.up.setCurrentIndex(j)
            plane = ViewPlane.of_features(i, j)
        self.features_row.setVisible(plane.kind == "features")
        if plane != self._plane:
            self._plane = plane
            self.planeChosen.emit(plane)
