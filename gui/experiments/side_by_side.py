"""Models side by side: adding a model (a copy, 10x or 1/10 the learning rate, a perceptron, a logistic
regression), editing its settings, removing it, and showing the compare dock with room for its panes."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence

from gui.experiments.model_settings import SettingsDialog
from model.training.session_group import PRIMARY

MAX_MODELS = 4  # the main model and three more: each pane stays large enough to read


class SideBySide(QObject):
    """Asks ``manager`` (the CompareManager) for models beside the main one, whose settings are the ``panels``';
    ``compare_dock`` shows their panes, placed through ``docks``; ``notices`` says why a model was not added.
    ``edited`` says the person added, removed or changed a compared model (work a save keeps)."""

    edited = Signal()

    def __init__(self, *, manager, panels, document, compare_dock, docks, notices):
        super().__init__(docks.owner)
        self.manager = manager
        self.panels = panels
        self.document = document
        self.compare_dock = compare_dock
        self.docks = docks
        self.notices = notices
        w = docks.owner
        self.add_copy_action = QAction("Add a model (same settings)", w)
        self.add_copy_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.add_copy_action.setToolTip("Train a copy of the main model beside it: change its settings to compare.")
        self.add_fast_action = QAction("Add the same model with 10× the learning rate", w)
        self.add_slow_action = QAction("Add the same model with ⅒ the learning rate", w)
        self.add_perceptron_action = QAction("Add a perceptron", w)
        self.add_logistic_action = QAction("Add a logistic regression", w)
        self.add_fast_action.setStatusTip("Trains a copy of the main model with 10 times its learning rate beside it.")
        self.add_slow_action.setStatusTip(
            "Trains a copy of the main model with a tenth of its learning rate beside it."
        )
        self.add_perceptron_action.setStatusTip(
            "Trains a perceptron (Rosenblatt's rule) on the same data beside the main model."
        )
        self.add_logistic_action.setStatusTip("Trains a logistic regression on the same data beside the main model.")
        self.add_copy_action.triggered.connect(self._on_add_copy)
        self.add_fast_action.triggered.connect(self._on_add_fast)
        self.add_slow_action.triggered.connect(self._on_add_slow)
        self.add_perceptron_action.triggered.connect(self._on_add_perceptron)
        self.add_logistic_action.triggered.connect(self._on_add_logistic)

    def add_actions(self) -> list[QAction]:
        return [
            self.add_copy_action,
            self.add_fast_action,
            self.add_slow_action,
            self.add_perceptron_action,
            self.add_logistic_action,
        ]

    def primary(self) -> int:
        """The main model's session id (``PRIMARY`` until the training thread has told it)."""
        return PRIMARY if self.manager.primary_id is None else self.manager.primary_id

    def full(self, doing: str) -> bool:
        """True (and says so) when no more models fit beside the main one."""
        if self.manager.n_models >= MAX_MODELS:
            self.notices.status(f"At most {MAX_MODELS} models train side by side: remove one {doing}.", 10000)
            return True
        return False

    def primary_specs(self):
        return self.panels.model.model_spec(), self.panels.training.train_spec()

    def specs_of(self, session_id):
        if session_id in (self.manager.primary_id, self.primary()):
            return self.primary_specs()
        for member in self.manager.members:
            if member.session_id == session_id:
                return member.model_spec, member.train_spec
        return self.primary_specs()

    def show_compare(self) -> None:
        """Show the compare dock in front (tabbed over another right-hand dock, so the panes get room)."""
        dock = self.compare_dock
        if not dock.isVisible():
            others = [d for d in self.docks.docks_shown_in(Qt.DockWidgetArea.RightDockWidgetArea) if d is not dock]
            if others and not self.docks.tabified(dock):
                self.docks.tabify(others[0], dock)
            dock.show()
        dock.raise_()

    # ------------------------------------------------------------------ adding, editing, removing models
    def _add(self, model_spec=None, train_spec=None, seed=None) -> None:
        if self.full("first"):
            return
        self.manager.add_model(model_spec, train_spec, seed)
        self.edited.emit()
        self.show_compare()

    @Slot()
    def _on_add_copy(self) -> None:
        self._add(*self.primary_specs())

    @Slot()
    def _on_add_fast(self) -> None:
        ms, ts = self.primary_specs()
        self._add(ms, replace(ts, learning_rate=min(100.0, ts.learning_rate * 10)))

    @Slot()
    def _on_add_slow(self) -> None:
        ms, ts = self.primary_specs()
        self._add(ms, replace(ts, learning_rate=ts.learning_rate / 10))

    @Slot()
    def _on_add_perceptron(self) -> None:
        ms, ts = self.primary_specs()
        if self.document.dataset.task == "regression":
            self.notices.status("The perceptron classifies: pick a classification dataset to add one.", 10000)
            return
        self._add(replace(ms, kind="perceptron"), ts)

    @Slot()
    def _on_add_logistic(self) -> None:
        ms, ts = self.primary_specs()
        self._add(replace(ms, kind="logistic"), ts)

    @Slot(int)
    def edit_settings(self, session_id: int) -> None:
        model_spec, train_spec = self.specs_of(session_id)
        dialog = SettingsDialog(
            f"Settings of {self.manager.name_of(session_id) or 'this model'}",
            model_spec,
            train_spec,
            parent=self.docks.owner,
        )
        if dialog.exec():
            new_model, new_train = dialog.editor.model_spec(), dialog.editor.train_spec()
            if new_train != train_spec:
                self.manager.set_train_spec(session_id, new_train)
            if new_model != model_spec:
                self.manager.set_model_spec(session_id, new_model)
            if (new_model, new_train) != (model_spec, train_spec):
                self.edited.emit()

    @Slot(int)
    def remove(self, session_id: int) -> None:
        self.manager.remove_model(session_id)
        self.edited.emit()
