"""Setting a lesson or challenge up: its data, model and training settings through the controls a person uses.

``LessonSetup.apply(item, compare)`` goes through the data panel's parameters and its Generate button (for a real
data set with its ``[data] plane``, then the plane a person would pick), or, for points a teacher saved beside the
lesson, puts those in; then the model and training settings and the pace (``ModelSettingsCommand``: through the
panels, which emit them to the training thread), the lesson's side-by-side runs (``compare``) and the window's
Reset. The data, the settings and the compared models go on the undo stack: the caller makes them one step
(``LessonActions``), whose undo gives back the points, fields, model, training settings and pace the person had, and
their compared models, each on its run (``gui.lessons.lesson_compared``). The compared models there are (the
person's, or the last lesson's) are asked to leave first; once they have, the compare view closes unless the lesson
shows it.

``may_replace_data()`` asks, with the question New and Open ask, before anything changes, about work that would be
lost: points drawn, edited or opened and saved neither in a session nor as a lesson, and the rest New asks about
(more than a minute of training, compared models added or changed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Slot

from gui.lessons.lesson_compared import ComparedModels, ComparedModelsLeave, LessonRunsJoin
from gui.panels.data_commands import ReplaceDatasetCommand
from gui.panels.model_settings_command import ModelSettings, ModelSettingsCommand
from model.data.data_source import DataSource
from model.data.generators import DATASETS
from model.teaching.lesson_points import view_plane_of
from model.training.specs import ModelSpec, TrainSpec

log = logging.getLogger(__name__)


class LessonSetup(QObject):
    """What a lesson's setup works through: ``panels`` (SettingsPanels), ``controller`` (its units switched off),
    ``manager`` (the CompareManager), ``document`` (the data and where it came from), ``undo_stack`` (None: the
    points are set without one), ``reset()`` (the window's Reset), ``go_live()`` (the timeline back to the
    present), ``views`` (``LessonViews``, for the compare view), ``current()`` (the lesson open now, or None) and
    ``maybe_save(reason, ask_data=...)`` (None: never asks)."""

    def __init__(
        self,
        *,
        panels,
        controller,
        manager,
        document,
        undo_stack,
        reset: Callable[[], Any],
        go_live: Callable[[], Any],
        views,
        current: Callable[[], Any],
        maybe_save=None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.panels = panels
        self.controller = controller
        self.manager = manager
        self.document = document
        self.undo_stack = undo_stack
        self._reset = reset
        self._go_live = go_live
        self._maybe_save = maybe_save
        self._current = current
        self.views = views
        self._members_leaving = False  # extra models were asked to leave when a lesson was set up
        self._points_in_lesson = -1  # the data version whose points a lesson's CSV holds (none yet)
        # the person's compared models, taken away and back
        self.compared = ComparedModels(manager, document, parent=self)
        manager.membersChanged.connect(self._on_members_changed)  # after the experiments' own slot

    def may_replace_data(self) -> bool:
        """A lesson replaces the points and the model: what would be lost is asked about first, with the question
        New and Open ask (Save / Discard / Cancel). Points a generator makes again, as they are, go without
        asking about them (the next lesson would otherwise ask after every lesson); so do points just saved as a
        lesson. The training and compared models are asked about all the same (``Sessions.maybe_save``)."""
        if self._maybe_save is None:
            return True
        doc = self.document
        # just saved as a lesson, and not changed since: its CSV keeps the points (it asked to save "Untitled"
        # right after "Save as lesson")
        points_kept = doc.dataset.n_samples == 0 or doc.source.generator is not None
        points_kept = points_kept or doc.version == self._points_in_lesson
        return bool(self._maybe_save("lesson", ask_data=not points_kept))

    def note_points_in_lesson(self, version: int) -> None:
        """The document's points at ``version`` were saved into a lesson's CSV file (``may_replace_data``)."""
        self._points_in_lesson = version

    def apply(self, item, compare=()) -> None:
        """Data, model and training settings of a lesson or challenge, through the panels; then Reset."""
        self._go_live()
        self._members_leaving = bool(self.manager.members)
        self._push(ComparedModelsLeave(self.compared))  # before the lesson's data: each run ends on its own

        d = item.data
        generated = DATASETS.get(d.dataset)  # None: a real data set (its own points; noise does not apply)
        noise = d.noise if d.noise is not None or generated is None else generated.default_noise
        params = {
            **self.panels.data.params(),
            "name": d.dataset,
            "n_samples": d.n_samples,
            "noise": noise,
            "n_classes": d.classes,
            "seed": d.seed,
            "test_fraction": d.test_fraction,
        }
        fields_before = self.panels.data.fields_of_points()
        self.panels.data.set_params(params)
        if item.points is not None:  # drawn by a teacher: the points of the file beside the lesson
            self._push(
                ReplaceDatasetCommand(
                    self.document,
                    item.points,
                    f"Open lesson {item.title}",
                    source=DataSource.from_file(d.file or ""),
                    test_fraction=d.test_fraction,
                    fields=(self.panels.data.show_fields, fields_before, params),
                )
            )
        else:  # the window generates it, like a person's click; a real data set then on the plane a person would pick
            self.panels.data.generate_button.click()
            if d.plane is not None:
                self._show_plane(d.plane)

        self._push(ModelSettingsCommand(self.panels, self.controller, self._settings_now(), _settings_of(item)))
        self._push(LessonRunsJoin(self.manager, tuple(_compared_run(item, run) for run in compare)))
        self._reset()

    def _settings_now(self) -> ModelSettings:
        snap = self.controller.latest_snapshot
        return ModelSettings(
            self.panels.model.model_spec(),
            frozenset() if snap is None else frozenset(snap.units_off),
            self.panels.training.train_spec(),
            self.panels.training.pace_key(),
        )

    def _push(self, command) -> None:
        if self.undo_stack is not None:
            self.undo_stack.push(command)
        else:
            command.redo()

    def _show_plane(self, setting) -> None:
        """The data just generated shown on the lesson's plane (``[data] plane``, checked when the file was read
        against the data set's features; logged and left as it is should generating have failed)."""
        ds = self.document.dataset
        try:
            plane = view_plane_of(setting, ds.feature_names)
        except ValueError as error:
            log.warning("lesson plane not shown: %s", error)
            return
        if ds.view_plane != plane:
            self._push(
                ReplaceDatasetCommand(
                    self.document, ds.with_view_plane(plane), "Show another plane", source=self.document.source
                )
            )

    @Slot(object)
    def _on_members_changed(self, members) -> None:
        """The compare view shows itself while models remain; once the lesson's removals are done and the
        lesson does not list it, it closes again."""
        if not self._members_leaving or members:
            return
        self._members_leaving = False
        current = self._current()
        views = getattr(current, "views", ())
        if "compare" not in views and not getattr(current, "compare", ()):
            self.views.close("compare")


def _compared_run(lesson, run: dict) -> tuple[ModelSpec, TrainSpec, str]:
    """One of a lesson's runs side by side (``compare``): the lesson's settings with the run's own."""
    model_spec = ModelSpec.from_dict({**lesson.model.to_dict(), **run.get("model", {})})
    train_spec = TrainSpec.from_dict({**lesson.train.to_dict(), **run.get("train", {})})
    return model_spec, train_spec, str(run.get("label", ""))


def _settings_of(item) -> ModelSettings:
    return ModelSettings(item.model, frozenset(item.units_off), item.train, item.pace)


__all__ = ["LessonSetup"]
