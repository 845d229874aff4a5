"""File ▸ Save as lesson…: a teacher turns what is on the screen into a lesson or a challenge for students.

``screen_draft`` reads what is on the screen: the data (its generator's settings when it is a built-in
dataset just generated, else the points themselves, of any number of features, written to a CSV beside the
lesson; for data of more than two features, the plane the plot shows), the model and training settings, the pace,
the open views and the models compared side by side. ``SaveLessonDialog`` shows it and asks for the rest: a
title, the text (Markdown, as the built-in lessons), an optional goal (which makes it a challenge: a metric and a
threshold, limits on hidden neurons and layers, a hint) and, per group of controls, whether students find it locked or
hidden. The goal and the controls scroll below the text when the screen is short (1024×700): their rows keep the
height their font and check boxes need, and the text box keeps room for a paragraph; where the screen is narrow
(large fonts on a 1024×700 screen: 683 px), the goal's fields go below their words. Save asks for a file name and
writes through ``model.teaching.lesson_writer.write_lesson`` (atomic; a lesson the reader would refuse is never
written); a problem is said in a message and the dialog stays open.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.panels.data_panel import build_dataset
from gui.panels.training_panel import short_pace_label
from gui.widgets.screen_fit import resize_within_screen
from model.data.generators import DATASETS
from model.data.real_datasets import REAL_DATASETS
from model.nn.units_off import fits, names
from model.teaching.lesson_content import (
    BEST_MEASURES,
    LOCK_GROUPS,
    MAX_HIDDEN_LAYERS,
    MAX_NEURONS,
    METRICS,
    VIEWS,
    DataSetup,
    Goal,
    LessonError,
    Limits,
)
from model.teaching.lesson_points import plane_setting_of
from model.teaching.lesson_writer import (
    LessonDraft,
    compared_run,
    data_file_name,
    data_file_taken,
    points_refusal,
    write_lesson,
)
from model.training.setting_names import ACTIVATION_NAMES, MODEL_KIND_NAMES, optimizer_name

LESSON_FILTER = "Lessons (*.toml);;All files (*)"
_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')  # characters a file name cannot hold on some system
METRIC_LABELS = {
    "test_score": "Test accuracy (R² in a regression)",
    "train_score": "Training accuracy (R²)",
    "test_loss": "Test loss",
    "train_loss": "Training loss",
}
TEXT_LINES = 6  # the text box shows a paragraph at least, however short the screen
BEST_LABELS = {
    "hidden_neurons": "Fewest hidden neurons",
    "epoch": "Fewest epochs",
    "test_score": "Highest test accuracy",
    "train_score": "Highest training accuracy",
    "test_loss": "Lowest test loss",
    "train_loss": "Lowest training loss",
}


def regenerates(params: dict, dataset) -> bool:
    """Whether the data panel's settings make exactly ``dataset`` again (every array, bit for bit; the plane shown
    is saved beside them): then a lesson needs only the settings. Points drawn, edited or read from a file never
    pass."""
    if params.get("name") not in DATASETS and params.get("name") not in REAL_DATASETS:
        return False
    try:
        made = build_dataset(params)
        if made.view_plane is not None and dataset.view_plane is not None:
            made = made.with_view_plane(dataset.view_plane)
    except ValueError:
        return False
    return made.same_as(dataset) and made.X.tobytes() == dataset.X.tobytes() and made.y.tobytes() == dataset.y.tobytes()


def screen_draft(*, panels, dataset, views, units_off=frozenset(), compared=()) -> LessonDraft:
    """What is on the screen as a lesson without a title: ``dataset`` the points shown (saved as the data panel's
    settings when those make them again, else as they are); ``views`` answers ``is_open(name)``; ``units_off`` are
    the hidden units switched off (those the model still has are kept); ``compared`` the models trained side by
    side (``Member``s: their settings and a lesson's label, each saved as one of the lesson's ``compare`` runs)."""
    p = panels.data.params()
    real = REAL_DATASETS.get(p["name"])
    if real is not None:  # a real data set: its name, seed and split make it again (its size and classes are its own)
        data = DataSetup(
            dataset=real.name,
            n_samples=real.n_samples,
            seed=int(p["seed"]),
            classes=real.n_classes,
            test_fraction=float(p["test_fraction"]),
        )
    else:
        data = DataSetup(
            dataset=p["name"] if p["name"] in DATASETS else "moons",
            n_samples=int(p["n_samples"]),
            noise=float(p["noise"]),
            seed=int(p["seed"]),
            # the data's classes: the panel's number is the one Blobs and Spirals take, kept (greyed) beside the
            # moons' two; a regression has none (its lesson names no number)
            classes=dataset.n_classes if dataset.task == "classification" else DataSetup.classes,
            test_fraction=float(p["test_fraction"]),
        )
    points = None if regenerates(p, dataset) else dataset
    data = replace(
        data,
        plane=plane_setting_of(dataset.view_plane, dataset.feature_names),
        class_names=dataset.class_names if points is not None and dataset.task == "classification" else (),
    )
    model = panels.model.model_spec()
    train = panels.training.train_spec()
    return LessonDraft(
        title="",
        text="",
        data=data,
        model=model,
        train=train,
        units_off=frozenset(u for u in units_off if fits(u, model.hidden)),
        pace=panels.training.pace_key(),
        views=tuple(name for name in VIEWS if views.is_open(name)),
        points=points,
        compare=tuple(compared_run(model, train, m.model_spec, m.train_spec, m.label) for m in compared),
    )


def _model_words(spec) -> str:
    """The model as the model panel names its parts: "MLP 8-8 Sigmoid", "Logistic regression" (no brackets: the
    sentence has the model in brackets already)."""
    if spec.kind != "mlp":
        return MODEL_KIND_NAMES.get(spec.kind, spec.kind)
    acts = (spec.activation,) if isinstance(spec.activation, str) else tuple(spec.activation)
    names = "/".join(ACTIVATION_NAMES.get(a, a) for a in acts)
    return f"MLP {'-'.join(map(str, spec.hidden_layer_sizes)) or 'no hidden layer'} {names}"


class SaveLessonDialog(QDialog):
    """The dialog; ``base`` is ``screen_draft``'s answer; ``view_words(name)`` says a view of ``base.views`` as
    its menu item does (``LessonViews.words``). After Save, ``saved_path`` is the file written."""

    def __init__(
        self,
        base: LessonDraft,
        parent: QWidget | None = None,
        directory: str = "",
        *,
        view_words: Callable[[str], str],
    ):
        super().__init__(parent)
        self._view_words = view_words
        self.setObjectName("saveLessonDialog")
        self.setWindowTitle("Save as lesson")
        self.base = base
        self.directory = directory
        self.suggested_path = ""  # where the file dialog starts: the file of the lesson open, if read from one
        self._limits = Limits()  # the limits the dialog does not show (dataset, features, model kind) are kept
        self.saved_path: str | None = None
        layout = QVBoxLayout(self)

        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Two rings need a hidden layer")
        self.title.setAccessibleName("Title")
        form.addRow("Title", self.title)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("What students read in the Lesson panel (Markdown: **bold**, lists, σ(z)…)")
        self.text.setAccessibleName("Text")
        lines = self.text.fontMetrics().lineSpacing() * TEXT_LINES
        self.text.setMinimumHeight(lines + 2 * self.text.frameWidth() + int(self.text.document().documentMargin()) * 2)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        form.addRow("Text", self.text)
        layout.addLayout(form, 1)
        self.contents = QLabel(self._contents_text())
        self.contents.setObjectName("saveLessonContents")
        self.contents.setWordWrap(True)
        layout.addWidget(self.contents)

        self.goal_box = QGroupBox("A goal to reach (makes it a challenge)")
        self.goal_box.setCheckable(True)
        self.goal_box.setChecked(False)
        goal = QFormLayout(self.goal_box)
        # a field goes below its words where the dialog is narrow (large fonts on a small screen), beside them else
        goal.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.goal_metric = QComboBox()
        for key in METRICS[::-1]:
            self.goal_metric.addItem(METRIC_LABELS[key], key)
        row = QHBoxLayout()
        self.direction = QComboBox()
        self.direction.addItem("at least", "above")
        self.direction.addItem("below", "below")
        self.threshold = QDoubleSpinBox()
        self.threshold.setDecimals(4)
        self.threshold.setRange(0.0, 1e6)
        self.threshold.setValue(0.9)
        self.threshold.setAccessibleName("Threshold")
        row.addWidget(self.goal_metric, 2)
        row.addWidget(self.direction)
        row.addWidget(self.threshold, 1)
        goal.addRow("Reach", row)
        self.max_neurons = QSpinBox()
        self.max_neurons.setRange(0, MAX_HIDDEN_LAYERS * MAX_NEURONS)
        self.max_neurons.setSpecialValueText("No limit")
        goal.addRow("At most hidden neurons", self.max_neurons)
        self.max_layers = QSpinBox()
        self.max_layers.setRange(-1, MAX_HIDDEN_LAYERS)
        self.max_layers.setSpecialValueText("No limit")
        self.max_layers.setValue(-1)
        goal.addRow("At most hidden layers", self.max_layers)
        self.best = QComboBox()
        for key in BEST_MEASURES:
            self.best.addItem(BEST_LABELS[key], key)
        goal.addRow("A better success has", self.best)
        self.hint = QLineEdit()
        self.hint.setPlaceholderText("Shown when a student presses Hint")
        goal.addRow("Hint", self.hint)

        locks = QGroupBox("What students may change")
        grid = QGridLayout(locks)
        grid.addWidget(QLabel("<b>Controls</b>"), 0, 0)
        grid.addWidget(QLabel("<b>Locked</b>"), 0, 1, Qt.AlignmentFlag.AlignHCenter)
        grid.addWidget(QLabel("<b>Hidden</b>"), 0, 2, Qt.AlignmentFlag.AlignHCenter)
        self.lock_boxes: dict[str, QCheckBox] = {}
        self.hide_boxes: dict[str, QCheckBox] = {}
        for row_index, (group, words) in enumerate(LOCK_GROUPS.items(), start=1):
            grid.addWidget(QLabel(words[0].upper() + words[1:]), row_index, 0)
            for column, boxes, verb in ((1, self.lock_boxes, "Lock"), (2, self.hide_boxes, "Hide")):
                box = QCheckBox()
                box.setAccessibleName(f"{verb} {words}")
                box.setToolTip(f"{verb} {words} for students.")
                grid.addWidget(box, row_index, column, Qt.AlignmentFlag.AlignHCenter)
                boxes[group] = box
            self.hide_boxes[group].toggled.connect(self._on_hide_toggled)
        # the goal and the controls scroll where the screen is too short for all of it, rather than squeezing
        # their rows (a row squeezed below its check box cut the box and its words' descenders in half)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.goal_box)
        below_layout.addWidget(locks)
        self.settings_scroll = QScrollArea()
        self.settings_scroll.setObjectName("saveLessonSettings")
        self.settings_scroll.setWidget(below)
        self.settings_scroll.setWidgetResizable(True)
        self.settings_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.settings_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # as narrow as its rows can be, whole (a row wrapped below its words), beside its scroll bar
        self.settings_scroll.setMinimumWidth(
            below.minimumSizeHint().width() + self.settings_scroll.verticalScrollBar().sizeHint().width()
        )
        self.settings_scroll.setMaximumHeight(below.sizeHint().height())  # no empty room under the last row
        layout.addWidget(self.settings_scroll, 2)

        self.error = QLabel()
        self.error.setObjectName("saveLessonError")  # red, in each theme's error colour (style.qss)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Save\u2026")
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        refusal = points_refusal(base.points)
        if refusal:  # said before anything is asked or written
            self._say(refusal)
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        # all of it where the screen has room, its rows beside their words; else the screen's height (the settings
        # scroll then) and width (the goal's rows wrap)
        hint, scroll_hint = self.sizeHint(), self.settings_scroll.sizeHint()
        bar = self.settings_scroll.verticalScrollBar().sizeHint().width()
        wide = hint.width() - scroll_hint.width() + below.sizeHint().width() + bar
        whole = hint.height() - scroll_hint.height() + below.sizeHint().height()
        resize_within_screen(self, max(hint.width(), wide), whole)

    def _contents_text(self) -> str:
        b = self.base
        if b.points is None:  # named as the data panel's list names it ("Two moons", "Breast cancer")
            real = REAL_DATASETS.get(b.data.dataset)
            if real is not None:
                data = f"{real.label}, made again from its name, seed and split"
            else:
                made = DATASETS[b.data.dataset].label if b.data.dataset in DATASETS else b.data.dataset
                data = f"{made}, {b.data.n_samples} points, made again from its settings"
        else:
            features = f" of {b.points.n_features} features" if b.points.n_features > 2 else ""
            data = f"{b.points.n_samples} points{features} as they are, kept in a CSV file beside the lesson"
        if b.data.plane == "pca":
            data += ", shown on its first two principal components"
        elif b.data.plane is not None:
            data += f", shown on {b.data.plane[0]} vs {b.data.plane[1]}"
        views = ", ".join(self._view_words(v) for v in b.views) or "none"
        off = f", units switched off: {', '.join(names(b.units_off))}" if b.units_off else ""
        runs = len(b.compare)
        views += f"; {runs} side-by-side run{'s' if runs > 1 else ''} (not in a challenge)" if runs else ""
        return (
            f"Saved with it: the data ({data}); the model ({_model_words(b.model)}{off}); training with "
            f"{optimizer_name(b.train.optimizer)}, learning rate {b.train.learning_rate:g}; "
            f"pace {short_pace_label(b.pace)}; open views: {views}."
        )

    def start_from(self, item, path: str = "") -> None:
        """The fields filled from ``item``, the lesson or challenge open, so that a teacher who changes something
        and saves again keeps its title, text, summary, locks and goal; ``path``: the file it was read from (the
        file dialog starts there)."""
        self.title.setText(item.title)
        self.text.setPlainText(item.text)
        for group in self.hide_boxes:
            self.hide_boxes[group].setChecked(group in item.hidden)
            self.lock_boxes[group].setChecked(group in item.locked)
        # its side-by-side runs are those on the screen (``screen_draft``): one removed or added since is saved so
        self.base = replace(self.base, summary=getattr(item, "summary", ""), order=item.order)
        self.contents.setText(self._contents_text())
        self.suggested_path = path
        goal = getattr(item, "goal", None)
        if goal is None:
            return
        self.goal_box.setChecked(True)
        self.goal_metric.setCurrentIndex(self.goal_metric.findData(goal.metric))
        self.direction.setCurrentIndex(self.direction.findData("below" if goal.below is not None else "above"))
        self.threshold.setValue(goal.below if goal.below is not None else goal.above)
        limits = item.limits
        self._limits = limits
        self.max_neurons.setValue(limits.max_hidden_neurons or 0)
        self.max_layers.setValue(-1 if limits.max_hidden_layers is None else limits.max_hidden_layers)
        self.best.setCurrentIndex(self.best.findData(item.best))
        self.hint.setText(item.hint)
        self.hint.setCursorPosition(0)  # the hint from its start, as a student reads it

    @Slot(bool)
    def _on_hide_toggled(self, _checked: bool) -> None:
        for group, hide in self.hide_boxes.items():  # a hidden control cannot be changed either
            self.lock_boxes[group].setEnabled(not hide.isChecked())

    # ------------------------------------------------------------------ the result
    def draft(self) -> LessonDraft:
        """The lesson as the fields say; a ``ValueError`` says what is missing."""
        refusal = points_refusal(self.base.points)
        if refusal:
            raise ValueError(refusal)
        title = self.title.text().strip()
        if not title:
            raise ValueError("Give the lesson a title.")
        hidden = tuple(g for g, box in self.hide_boxes.items() if box.isChecked())
        locked = tuple(g for g, box in self.lock_boxes.items() if box.isChecked() and g not in hidden)
        draft = replace(self.base, title=title, text=self.text.toPlainText(), locked=locked, hidden=hidden)
        if not self.goal_box.isChecked():
            return draft
        if not self.hint.text().strip():
            raise ValueError("A challenge needs a hint for students who are stuck.")
        value = float(self.threshold.value())
        direction = self.direction.currentData()
        goal = Goal(metric=self.goal_metric.currentData(), **{direction: value})
        limits = replace(
            self._limits,
            max_hidden_neurons=self.max_neurons.value() or None,
            max_hidden_layers=None if self.max_layers.value() < 0 else self.max_layers.value(),
        )
        return replace(draft, goal=goal, limits=limits, best=self.best.currentData(), hint=self.hint.text().strip())

    def _say(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    @Slot()
    def _on_save(self) -> None:
        try:
            draft = self.draft()
        except ValueError as error:
            self._say(str(error))
            return
        name = _UNSAFE_IN_NAMES.sub("-", draft.title[:60]).strip(" .-") or "lesson"
        start = self.suggested_path or os.path.join(self.directory, f"{name}.toml")
        path, _ = QFileDialog.getSaveFileName(self, "Save as lesson", start, LESSON_FILTER)
        if not path:
            return
        if not path.lower().endswith(".toml"):
            path += ".toml"
        replace_data_file = False
        taken = data_file_taken(path) if draft.points is not None else ""
        if taken:
            answer = QMessageBox.question(
                self,
                "Replace the data file?",
                f"{taken} is already in that folder and is not this lesson's data file. The lesson keeps its points "
                f"in a file of that name: replace {taken} with them?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return  # the dialog stays open: another file name
            replace_data_file = True
        try:
            write_lesson(draft, path, replace_data_file=replace_data_file)
        except LessonError as error:  # its message names the file
            QMessageBox.warning(self, "Could not save the lesson", str(error))
            return
        except (OSError, ValueError) as error:
            QMessageBox.warning(self, "Could not save the lesson", f"{os.path.basename(path)}: {error}")
            return
        self.saved_path = path
        self.accept()


def saved_files_text(path: str, draft_has_points: bool) -> str:
    """What the status bar says after a save: the lesson and, if any, its data file."""
    name = os.path.basename(path)
    return f"Saved the lesson {name}" + (f" and its points {data_file_name(path)}" if draft_has_points else "") + "."


__all__ = ["LESSON_FILTER", "SaveLessonDialog", "saved_files_text", "screen_draft"]
