"""Controls a lesson locks or hides (``locked = [...]`` / ``hidden = [...]`` in its file), until it is closed.

``LessonLocks.apply(locked, hidden)`` takes the groups of ``model.teaching.lesson_content.LOCK_GROUPS``. A locked
group's controls stay in sight, disabled, with a lock icon on their label (or "(locked)" after a box's title) and
a tooltip and status tip "Locked by this lesson: …" (the icon is an image: common fonts have no lock character).
A hidden group's controls (and their labels) are not shown, and cannot be changed either. ``release()`` puts
every control back as it was (enabled or not, shown, its own texts and tips).

A disabled widget takes no keys, no wheel and no clicks, and a disabled action fires from neither its shortcut
nor its menu. What changes a group's values some other way is closed too:

- data: the plot's point edits and the data panel's Generate and Clear all go through ``DataEdits``, which
  refuses while ``locked_reason`` is set; Undo, Redo, New and Clear points are disabled, and stay so when the
  undo stack's own wiring would enable them again;
- pace: the Faster and Slower actions (``]`` and ``[``) are disabled with the toolbar's pace list;
- the model panel rebuilds its layer rows on some edits: the locks are applied again to the new rows;
- what lies outside the panels (the network diagram's unit switches, the divergence message's "Use" button for
  a smaller learning rate) is told through ``follow(group, setter)``: ``setter(True, tip)`` while the group is
  locked or hidden, ``setter(False, "")`` when it is released. The window wires these, so the locks never hold
  the views themselves.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QFormLayout, QGroupBox, QLabel, QWidget

from gui.widgets.style import icon
from model.teaching.lesson_content import LOCK_GROUPS

LOCK_ALT = 'alt="locked"'  # in a locked label's text, with the lock image
LOCKED_TITLE = " (locked)"


def lock_image_html(size: int = 14) -> str:
    """The lock icon as an inline image for a label's rich text (a data URL: no file to find)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    icon("lock").pixmap(size * 2, size * 2).save(buffer, "PNG")
    encoded = bytes(data.toBase64().data()).decode()
    return f'<img src="data:image/png;base64,{encoded}" width="{size}" height="{size}" {LOCK_ALT}>&nbsp;'


def locked_tip(group: str) -> str:
    return f"Locked by this lesson: {LOCK_GROUPS[group]}."


def _form_label(widget: QWidget) -> QLabel | None:
    """The label of ``widget``'s row in a form, if it has one."""
    parent = widget.parentWidget()
    layout = parent.layout() if parent is not None else None
    if isinstance(layout, QFormLayout):
        label = layout.labelForField(widget)
        if isinstance(label, QLabel):
            return label
    return None


class _Saved:
    """What a control looked like before the lesson touched it."""

    def __init__(self, item: QWidget | QAction):
        self.item = item
        self.enabled = item.isEnabled()
        self.visible = item.isVisible() if isinstance(item, QAction) else not item.isHidden()
        self.tooltip = item.toolTip()
        self.status_tip = item.statusTip()
        self.text = item.text() if isinstance(item, (QLabel, QAction)) else None
        self.title = item.title() if isinstance(item, QGroupBox) else None
        self.icon = item.icon() if isinstance(item, QAbstractButton) else None
        self.name = item.objectName()

    def restore(self) -> None:
        item = self.item
        if isinstance(item, QWidget) and not shiboken6.isValid(item):
            return  # a layer row removed meanwhile
        item.setEnabled(self.enabled)
        item.setVisible(self.visible)
        item.setToolTip(self.tooltip)
        item.setStatusTip(self.status_tip)
        if self.text is not None:
            item.setText(self.text)  # type: ignore[union-attr]  # a QLabel or a QAction
        if self.title is not None:
            item.setTitle(self.title)  # type: ignore[union-attr]  # a QGroupBox
        if self.icon is not None:
            item.setIcon(self.icon)  # type: ignore[union-attr]  # a button
        if isinstance(item, QWidget) and item.objectName() != self.name:
            item.setObjectName(self.name)
            item.style().unpolish(item)
            item.style().polish(item)


class LessonLocks(QObject):
    """``panels`` (data, model, training), ``controls`` (the window's actions and toolbar), ``edits`` (DataEdits)
    and ``undo_stack``: what a locked or hidden group reaches."""

    def __init__(self, *, panels, controls, edits, undo_stack, parent=None):
        super().__init__(parent)
        self.panels = panels
        self.controls = controls
        self.edits = edits
        self.undo_stack = undo_stack
        self.locked: tuple[str, ...] = ()
        self.hidden: tuple[str, ...] = ()
        self._saved: dict[int, _Saved] = {}
        self._followers: list[
            tuple[str, Callable[[bool, str], None]]
        ] = []  # (group, setter(locked, tip)) outside the panels
        # connected after the undo stack's own wiring of Undo and Redo, so a locked Undo stays disabled
        undo_stack.canUndoChanged.connect(self._keep_undo_locked)
        undo_stack.canRedoChanged.connect(self._keep_undo_locked)
        panels.model.modelSpecChanged.connect(self._on_model_rows_changed)

    @property
    def active(self) -> bool:
        return bool(self.locked or self.hidden)

    # ------------------------------------------------------------------ what each group is
    def widgets(self, group: str) -> list[QWidget]:
        data, model, training = self.panels.data, self.panels.model, self.panels.training
        rows = getattr(model, "_rows", [])  # (label, neurons, activation, remove) per hidden layer
        if group == "data":
            return [
                data.generator,
                data.n_samples,
                data.noise,
                data.n_classes,
                data.seed,
                data.test_fraction,
                data.generate_button,
                data.clear_button,
            ]
        if group == "architecture":
            return [model.kind, model.weight_init, model.add_layer_button] + [w for r in rows for w in (r[1], r[3])]
        if group == "activation":
            return [r[2] for r in rows]
        if group == "features":
            return [model.features_box]
        if group == "optimizer":
            return [training.optimizer, training.learning_rate]
        if group == "regularisation":
            return [model.alpha, model.l1]
        if group == "batch_size":
            return [training.batch_size]
        if group == "pace":
            return [training.pace]
        raise KeyError(group)

    def actions(self, group: str) -> list[QAction]:
        c = self.controls
        if group == "data":
            return [c.undo_action, c.redo_action, c.new_action, c.clear_action]
        if group == "pace":
            pace_in_toolbar = [
                a for a in c.toolbar.actions() if c.toolbar.widgetForAction(a) is self.panels.training.pace
            ]
            return [c.faster_action, c.slower_action, *pace_in_toolbar]
        return []

    def _titled_box(self, group: str) -> QGroupBox | None:
        """The group box a whole group fills, whose title carries the lock mark."""
        model = self.panels.model
        if group == "architecture":
            return model.mlp_box
        if group == "features" and isinstance(model.features_box, QGroupBox):
            return model.features_box
        return None

    def follow(self, group: str, setter: Callable[[bool, str], None]) -> None:
        """``setter(locked: bool, tip: str)`` is called whenever ``group`` is locked (or hidden) or released."""
        if group not in LOCK_GROUPS:
            raise KeyError(group)
        self._followers.append((group, setter))
        setter(group in self.locked + self.hidden, locked_tip(group) if group in self.locked + self.hidden else "")

    def _tell_followers(self) -> None:
        for group, setter in self._followers:
            closed = group in self.locked + self.hidden
            setter(closed, locked_tip(group) if closed else "")

    # ------------------------------------------------------------------ applying and releasing
    def apply(self, locked=(), hidden=()) -> None:
        """Locks ``locked`` and hides ``hidden`` (group names), releasing what an earlier lesson set."""
        self.release()
        self.hidden = tuple(hidden)
        self.locked = tuple(g for g in locked if g not in self.hidden)
        self._enforce()
        self._tell_followers()

    def release(self) -> None:
        for saved in reversed(list(self._saved.values())):
            saved.restore()
        self._saved.clear()
        # Undo and Redo follow the stack as it is now, not as it was when they were locked (a lesson is set up
        # inside its own undo step, while the stack says it can undo nothing)
        for action, can in (
            (self.controls.undo_action, self.undo_stack.canUndo()),
            (self.controls.redo_action, self.undo_stack.canRedo()),
        ):
            if shiboken6.isValid(action):
                action.setEnabled(can)
        self.locked = self.hidden = ()
        self.edits.locked_reason = None
        self._tell_followers()

    def _save(self, item) -> None:
        if id(item) not in self._saved:
            self._saved[id(item)] = _Saved(item)

    def _enforce(self) -> None:
        for group in self.locked + self.hidden:
            hide = group in self.hidden
            tip = locked_tip(group)
            for widget in self.widgets(group):
                label = _form_label(widget)
                for item in (widget, label):
                    if item is None:
                        continue
                    self._save(item)
                    item.setEnabled(False)
                    item.setToolTip(tip)
                    item.setStatusTip(tip)
                    if hide:
                        item.setVisible(False)
                if isinstance(widget, QAbstractButton) and not hide:
                    widget.setIcon(icon("lock"))
                    if widget.objectName() == "primary":  # the style sheet's blue button looks the same disabled
                        widget.setObjectName("")
                        widget.style().unpolish(widget)
                        widget.style().polish(widget)
                if label is not None and not hide and LOCK_ALT not in label.text():
                    label.setText(lock_image_html() + html.escape(label.text()))
            box = self._titled_box(group)
            if box is not None and not hide:
                self._save(box)
                if not box.title().endswith(LOCKED_TITLE):
                    box.setTitle(box.title() + LOCKED_TITLE)
            for action in self.actions(group):
                self._save(action)
                action.setEnabled(False)
                action.setToolTip(tip)
                action.setStatusTip(tip)
                if hide and self.controls.toolbar.widgetForAction(action) is not None:
                    action.setVisible(False)
        if "data" in self.locked + self.hidden:
            self.edits.locked_reason = locked_tip("data")

    @Slot(bool)
    def _keep_undo_locked(self, _can: bool) -> None:
        if "data" in self.locked + self.hidden:
            for action in (self.controls.undo_action, self.controls.redo_action):
                if shiboken6.isValid(action):  # the undo stack also says so while the window is being deleted
                    action.setEnabled(False)

    @Slot(object)
    def _on_model_rows_changed(self, _spec) -> None:
        if {"architecture", "activation"} & set(self.locked + self.hidden):
            self._enforce()  # a row added (activation locked alone) gets its lock too


__all__ = ["LOCKED_TITLE", "LOCK_ALT", "LessonLocks", "lock_image_html", "locked_tip"]
