"""ViewPlaneControl: which plane of data with more than two features the plot shows (the Data panel's "Plot" row).

A kind box, "PCA: first two components" or "Two features", and for the latter two boxes naming the feature across
and the feature up. It shows the current dataset's ``view_plane`` (``show_dataset``; hidden for data of one or
two features, which the plot shows as they are) and emits ``planeChosen(ViewPlane)`` when the person picks
another; the window turns that into an undoable "show this plane" edit of the dataset
(``model.data.view_plane``, ``Dataset.with_view_plane``).

Below, the choice of what the boundary is: the line says it is the model's output on the plane through the mean of
the other features (the model sees them all), and the button "Train on these two only" asks for the other choice,
a model that sees only the plane's two coordinates (``twoOnlyChosen``; the window makes a 2-feature dataset of
them, ``model.data.plane_dataset``, an undoable data edit).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from model.data.standardised_names import short_feature_name
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


def _boundary_note(n_features: int, kind: str) -> str:
    """What the boundary on the plot is, in a line."""
    others = f"the other {n_features - 2} features" if kind == "features" else f"the other {n_features - 2} directions"
    return f"Boundary: the model on this plane, through the mean of {others}."


class ViewPlaneControl(QWidget):
    planeChosen = Signal(object)  # ViewPlane
    twoOnlyChosen = Signal()

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
        self.boundary_note = QLabel()
        self.boundary_note.setWordWrap(True)
        self.boundary_note.setToolTip(
            "The model sees every feature but the plot shows two directions, so the boundary drawn is the model's "
            "answer on this plane with the other features held at their training mean: a slice."
        )
        layout.addWidget(self.boundary_note)
        self.two_only = QPushButton("Train on these two only")
        self.two_only.setToolTip(
            "Make a dataset of the two coordinates shown (two features, or PC1 and PC2) and train a model that sees "
            "only them, so its boundary on the plot is the whole model rather than a slice (Undo brings all the "
            "features back)."
        )
        layout.addWidget(self.two_only)
        self.two_only.clicked.connect(self.twoOnlyChosen)
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

    def expect(self, n_features: int) -> None:
        """Data of ``n_features`` features are on their way (the window's first, loaded in another process): the
        rows as the data's default plane will show them, greyed until they come (``show_dataset``), so that nothing
        below them moves then."""
        self._plane = None
        self.setVisible(True)
        self.setEnabled(False)
        self.kind.setCurrentIndex(self.kind.findData("pca"))
        self.features_row.setVisible(False)
        self.boundary_note.setText(_boundary_note(n_features, "pca"))

    def show_dataset(self, ds) -> None:
        """Show ``ds``'s plane (hidden when it has none); emits nothing."""
        self.setEnabled(True)
        plane = getattr(ds, "view_plane", None)
        self._plane = plane
        self.setVisible(plane is not None)
        if plane is None:
            return
        names = tuple(ds.feature_names)
        self.boundary_note.setText(_boundary_note(len(names), plane.kind))
        self._first_pair = _most_telling_pair(ds)
        for box in (self.kind, self.across, self.up):
            box.blockSignals(True)
        try:
            if names != self._names:
                self._names = names
                for box in (self.across, self.up):
                    box.clear()
                    for name in names:  # the dock's narrow boxes name a feature without "(standardised)"
                        box.addItem(short_feature_name(name))
                        box.setItemData(box.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
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
        self.boundary_note.setText(_boundary_note(len(self._names), plane.kind))
        if plane != self._plane:
            self._plane = plane
            self.planeChosen.emit(plane)
