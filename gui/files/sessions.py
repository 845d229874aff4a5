"""Session files: the whole session (data, model, weights, optimizer, history, view) saved and opened, the file
the window is about, unsaved changes, and the recovery file that keeps unsaved work when the window closes.

* A session file (``model.storage.session_files``) holds the data, both specs and the weights, the optimizer state,
  the history and the view settings (``view_settings()``), and the same of each model compared beside the main one
  (with its name and colour): opening adds those back beside it. It keeps the run table's finished runs too
  (``gui.files.finished_runs``): opening lists them again, restorable. Saving happens in the training thread (the
  worker owns the session); opening hands the loaded session to the worker, which continues from it bit for bit, and
  makes the loaded data a new clean state of the undo stack.
* The title is ``"name[*] — Neural Playground"`` (``titleChanged``); the window shows ``[*]`` while the undo
  stack is not clean. Saving marks it clean. Before New, Open session, a lesson or Reset (or an edit that starts
  the model afresh as Reset does) would throw away unsaved work (data edits, compared models added or changed,
  work restored from the recovery file, or more than a minute of training: ``gui.files.training_time``), the
  person is asked Save / Discard / Cancel. A session whose file was deleted or moved away while it was open is
  unsaved work as a whole (``file_gone``): it is asked about, and kept at closing, like any other.
  ``confirm_discard`` (a callable(reason) -> "save" | "discard" | "cancel") answers instead of the dialog:
  tests set it; on the offscreen/minimal platforms (headless runs) unsaved changes are discarded without
  asking, so nothing ever blocks there.
* Save never writes over a file the person made read-only, nor over the window's file when another window or
  program changed it on disk since this window opened or saved it, without asking (``gui.files.writing_over``:
  Overwrite / Save As… / Cancel; Cancel keeps the work in the window, still unsaved). ``confirm_write_over``
  answers in tests; on the headless platforms nothing is written over.
* Closing never asks and never loses work: unsaved data edits, training done since the session was last saved or
  opened, compared models added or changed, and runs finished since (``runs_since_kept``) are kept in a recovery
  session file beside the settings (``RECOVERY_NAME``), and the next start offers to restore it in the window's
  banner; autosaving, and what happens to a recovery not restored or damaged, is ``gui.files.recovery``'s part.
"""

from __future__ import annotations

import json
import logging
import os

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from gui.files.compared_phrase import compared_phrase
from gui.files.finished_runs import FinishedRuns, numbers_in_file
from gui.files.recovery import KeptWork
from gui.files.said_when_shown import SaidWhenShown
from gui.files.session_reading import SessionRead, SessionReader, SessionReadFailed
from gui.files.training_time import TrainingTime
from gui.files.writing_over import CHANGED, READ_ONLY, FileStamp, ask_write_over, stamp_of
from model.data.data_source import DataSource
from model.storage.atomic_files import is_read_only
from model.storage.data_source_entry import KEY as DATA_SOURCE_KEY
from model.storage.data_source_entry import read_data_source
from model.storage.session_files import SessionFileError
from model.training.contract import ResumedRun
from model.training.requests import AddMember
from model.training.run_numbers import reopened_runs
from model.training.runs import RunTable

log = logging.getLogger(__name__)

APP_NAME = "Neural Playground"
UNTITLED = "Untitled"
SESSION_SUFFIX = ".npz"
SESSION_FILTER = "Neural Playground sessions (*.npz);;All files (*)"
HEADLESS_PLATFORMS = ("offscreen", "minimal")
#: What starts the main model's weights afresh and keeps the rest: Reset, a new architecture, a point of a new
#: class, data of another shape (``Sessions.may_reset``): only more than a minute of training is asked about.
AFRESH_REASONS = ("reset", "model", "class", "data")
#: Those of them that are undo steps: the training they would lose goes with the run they leave, and comes back
#: with it when they are undone (``gui.window.fresh_starts`` counts it), rather than being let go here.
UNDONE_AFRESH = ("model", "class", "data")
VIEW_FORMAT = 1


class Sessions(KeptWork, QObject):
    """The current session file and what saving and opening one does.

    Works through ``document`` and ``undo_stack`` (the data), ``controller`` (the training thread saves and
    adopts sessions), ``panels`` (their settings go in the file and come back from it), ``view_state`` and
    ``curves`` (the view kept in the file), ``settings`` (the recovery file's folder), ``recent`` and
    ``dialogs``, ``notices``."""

    titleChanged = Signal(str, str)  # the window title (with "[*]"), the session file's path ("" for none)
    openFinished = Signal(str, bool)  # a session file's path, opened (True) or left unopened (False)

    def __init__(
        self, *, document, undo_stack, controller, panels, view_state, curves, settings, recent, dialogs, notices
    ):
        super().__init__(dialogs.parent)
        self.document = document
        self.undo_stack = undo_stack
        self.controller = controller
        self.panels = panels
        self.view_state = view_state
        self.curves = curves
        self.settings = settings
        self.recent = recent
        self.dialogs = dialogs
        self.notices = notices
        self.path: str | None = None
        #: the session file as it was on disk when this window last opened or saved it (None: no file, or gone)
        self._stamp: FileStamp | None = None
        #: Test / automation hook: callable(reason) -> "save" | "discard" | "cancel", asked instead of the dialog.
        self.confirm_discard = None
        #: Test / automation hook: callable(why, path) -> "overwrite" | "save_as" | "cancel", asked instead of the
        #: dialog when Save would write over a file changed on disk since (why "changed") or read-only ("read_only").
        self.confirm_write_over = None
        self._kept_epoch = 0  # the epoch the session had when last saved or opened (0: a fresh start)
        #: how long training ran since the last save or open: more than a minute of it is asked about
        self.training_time = TrainingTime(parent=self)
        controller.runningChanged.connect(self.training_time.on_running)
        self._compared_edited = False  # compared models were added, removed or given new settings since
        self._restored = False  # the session is work restored from the recovery file, saved nowhere else
        #: the status bar's "Opened …" or "Restored …", said once the window shows the session
        self.said_when_shown = SaidWhenShown(notices, document, parent=self)
        self.reader = SessionReader(self)
        self.reader.finished.connect(self._on_read)
        #: (path, remember it, a recovery, its stamp before it was read) being read
        self._opening: tuple[str, bool, bool, FileStamp | None] | None = None
        #: The run table (the window's): a session file's main run keeps its name unless a run listed has it.
        self.runs: RunTable | None = None
        #: The run table's finished runs, which a session file keeps and lists again when opened (the window's)
        self.finished_runs: FinishedRuns | None = None
        self._kept_runs: frozenset[int] = frozenset()  # the restorable finished runs a file held when last saved/opened
        self.start_keeping_work()

    # ================================================================== title and unsaved changes
    def display_name(self) -> str:
        return os.path.basename(self.path) if self.path else UNTITLED

    def base_name(self) -> str:
        """The stem suggested for files saved from this session: the file's, else what the points are ("drawn"
        for points clicked on the plot, a data file's stem), else the dataset's name."""
        if self.path:
            return os.path.splitext(os.path.basename(self.path))[0]
        source = self.document.source
        if source.kind == "drawn":
            return "drawn"  # not the Dataset list's entry, which made none of these points
        if source.kind == "file" and os.path.splitext(source.name)[0]:
            return os.path.splitext(source.name)[0]
        return str(self.panels.data.params().get("name") or "session")

    def update_title(self) -> None:
        self.titleChanged.emit(f"{self.display_name()}[*] \u2014 {APP_NAME}", self.path or "")

    def has_unsaved_changes(self) -> bool:
        return not self.undo_stack.isClean()

    def trained_since_kept(self) -> bool:
        """Has training moved on since the session was last saved or opened?"""
        snap = self.controller.latest_snapshot
        return snap is not None and int(snap.epoch) != self._kept_epoch

    @Slot()
    def note_compared_edit(self) -> None:
        """The person added, removed or changed a model compared beside the main one: unsaved work."""
        self._compared_edited = True

    def compared_since_kept(self) -> bool:
        """Were compared models added, removed or given new settings since the session was last saved or opened?"""
        return self._compared_edited

    def runs_since_kept(self) -> bool:
        """Did a run finish since the session was last saved or opened (a trained network a restore or an undo would
        bring back, which no file holds yet)?"""
        return self.finished_runs is not None and bool(self.finished_runs.restorable() - self._kept_runs)

    def saved_runs(self) -> tuple:
        """The run table's finished runs, as a save keeps them beside the models."""
        return self.finished_runs.to_save() if self.finished_runs is not None else ()

    def file_gone(self) -> bool:
        """Was the session's file deleted or moved away since it was opened or saved? The work it held is then
        kept nowhere but in the window."""
        return self.path is not None and not os.path.exists(self.path)

    def unsaved_work(self) -> bool:
        """Anything a save would keep that no file holds: data edits, training, compared models changed, runs
        finished, or the whole session when its file is gone from the disk."""
        return (
            self.trained_since_kept()
            or self.has_unsaved_changes()
            or self.compared_since_kept()
            or self.runs_since_kept()
            or self.file_gone()
        )

    def _kept_as_saved(self) -> None:
        """The session is now what a file holds (saved or opened), or a new one: nothing of it is unsaved work."""
        self.training_time.restart()
        self._compared_edited = False
        self._restored = False

    def maybe_save(self, reason: str = "close", *, ask_data: bool = True) -> bool:
        """Before New / Open session / a lesson / Reset / closing: True to go on (saved or discarded), False to
        cancel.

        Closing never asks (a window manager's close must close): unsaved data edits, training done since the
        last save and compared models changed are kept in the recovery file instead, offered back at the next
        start. New, Open and a lesson ask about what they would throw away: data edits (unless ``ask_data`` is
        False: points a generator makes again), compared models added or changed, work restored from the
        recovery file, and training longer than ``training_time.LET_GO_S`` (less is let go: trying things out
        should not be nagged, and a crash may cost as much). Reset, and an edit that starts the model afresh as
        Reset does (``AFRESH_REASONS``), keeps the data and the compared models: it asks about the training only."""
        if reason == "close":
            if self.unsaved_work():
                return self.keep_for_recovery() or self._recovery_failed_at_close()
            self._drop_autosave()  # everything is saved: an autosave of this run would offer stale work
            return True
        lost = self._work_lost(reason, ask_data)
        if not lost:
            return True
        answer = self._ask_unsaved(reason, lost)
        if answer == "save":
            return self.save_session()
        if answer == "discard":
            if reason not in UNDONE_AFRESH:  # let go: the Reset that follows a lesson's setup asks no more
                self.training_time.restart()
            if reason == "lesson":  # the lesson replaces them now (New and Open forget them once they replace)
                self._compared_edited = self._restored = False
            return True
        return False

    def may_reset(self, reason: str = "reset") -> bool:
        """Before Reset, or an edit that starts the main model afresh as a Reset does (``reason`` one of
        ``AFRESH_REASONS``: a new architecture, a point of a new class, data of another shape): more than a minute
        of training since the last save is asked about. True to go on; the training time counts again from then (for
        an edit, ``UNDONE_AFRESH``, it goes with the run the edit leaves: ``gui.window.fresh_starts``)."""
        if not self.maybe_save(reason):
            return False
        if reason not in UNDONE_AFRESH:
            self.training_time.restart()
        return True

    def _work_lost(self, reason: str, ask_data: bool) -> list[str]:
        """What ``reason`` (New, Open, a lesson, Reset, ``AFRESH_REASONS``) would throw away, in words ("the changes
        to the data or the model", …)."""
        lost = []
        if reason not in AFRESH_REASONS:  # they keep the data and the compared models: only the training goes
            if self.file_gone():
                lost.append(f"the whole session ({self.display_name()} is no longer on the disk)")
            elif self._restored:
                lost.append("the work restored from the last session")
            elif ask_data and self.has_unsaved_changes():
                lost.append("the changes to the data or the model")  # both are undo steps
            if self.compared_since_kept():
                lost.append("the models compared beside it")
        if self.training_time.more_than_let_go():
            lost.append(f"{self.training_time.words()} of training")
        return lost

    def _ask_unsaved(self, reason: str, lost: list[str]) -> str:
        if self.confirm_discard is not None:
            answer = self.confirm_discard(reason)
            return answer if answer in ("save", "discard", "cancel") else "cancel"
        if QGuiApplication.platformName() in HEADLESS_PLATFORMS:
            return "discard"  # nobody could answer: never block a headless run
        doing = {
            "close": "closing",
            "new": "starting anew",
            "open": "opening another session",
            "lesson": "opening the lesson (it replaces the points)",
            "reset": "resetting the model (its weights start afresh)",
            "model": "changing the model (its weights start afresh)",
            "class": "adding a class (the network starts afresh)",
            "data": "changing the shape of the data (the network starts afresh)",
        }.get(reason, reason)
        what = lost[0] if len(lost) == 1 else ", ".join(lost[:-1]) + " and " + lost[-1]
        button = QMessageBox.question(
            self.dialogs.parent,
            "Unsaved work",
            f"\u201c{self.display_name()}\u201d has work that is not saved: {what}. Save the session before {doing}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(
            button, "cancel"
        )

    def forget_path(self) -> None:
        """The document has no file any more (New)."""
        self.path = None
        self._stamp = None
        self._kept_epoch = 0
        self._kept_as_saved()
        self.update_title()

    # ================================================================== saving and opening
    def ask_session_path(self) -> str | None:
        return self.dialogs.ask_save("Save session", SESSION_SUFFIX, SESSION_FILTER, self.base_name())

    def save_session(self, path=None) -> bool:
        """Saves the whole session to `path` (default: its file; none yet: asks for one). True when saved.

        Nothing is written over a file the person made read-only, nor (saving to the window's own file) over one
        changed on disk since the window opened or saved it, without asking (``_where_to_save``)."""
        path = self._where_to_save(path)
        if path is None:
            return False
        if self.dead_training is not None and not self.dead_training.revive():
            return False  # no session to write it, and none could start (the person was told why)
        runs = self.saved_runs()
        try:
            epoch = self.controller.save_session(path, self.view_settings(), runs=runs)
        except Exception as exc:
            self.dialogs.warn("Could not save the session", exc, path)
            return False
        self.path = os.path.abspath(path)
        self._stamp = stamp_of(self.path)
        self._kept_epoch = int(epoch)
        self._kept_as_saved()
        self._kept_runs = frozenset(run.number for run in runs if run.restorable)
        self._drop_autosave()  # saved: the autosave of this run is stale now
        self.undo_stack.setClean()
        self.update_title()
        self.recent.add(self.path, "session")
        self.dialogs.remember_dir(path)
        self.notices.status(f"Saved the session at epoch {epoch:,} to {os.path.basename(path)}.", 6000)
        return True

    def _where_to_save(self, path) -> str | None:
        """The file Save writes: `path`, else the window's own file, else one asked for; None when the person
        cancelled. A read-only file is not written over (Save As… is offered), nor the window's own file when it
        changed on disk since this window opened or saved it (Overwrite / Save As… / Cancel)."""
        own = path is None  # the window's file, not one the person chose (a file dialog asked before replacing)
        path = self.path if path is None else os.fspath(path)
        while True:
            if path is None:
                path, own = self.ask_session_path(), False
                if path is None:
                    return None
            if is_read_only(path):
                why = READ_ONLY
            elif own and self._changed_on_disk(path):
                why = CHANGED
            else:
                return path
            answer = self._ask_write_over(why, path)
            if answer == "overwrite" and why == CHANGED:
                return path
            if answer != "save_as":
                return None
            path = None

    def _changed_on_disk(self, path: str) -> bool:
        """Is the window's file another version than the one it opened or saved last (a file no longer there is
        not: Save puts it back)?"""
        now = stamp_of(path)
        return now is not None and self._stamp is not None and now != self._stamp

    def _ask_write_over(self, why: str, path: str) -> str:
        if self.confirm_write_over is not None:
            answer = self.confirm_write_over(why, path)
            return answer if answer in ("overwrite", "save_as", "cancel") else "cancel"
        return ask_write_over(self.dialogs.parent, why, path)

    def open_session(self, path, ask: bool = True, remember: bool = True) -> bool:
        """Starts opening a session file: it is read and checked off the GUI thread (``SessionReader``), and
        only the whole checked session changes the window (``_adopt_read``): the worker continues from it,
        data, panels and views follow it. Until then nothing changes; a failure leaves everything as it was
        and names the file. ``openFinished(path, ok)`` says how it ended; a newer open supersedes this one.
        False when the person cancelled (nothing started)."""
        if ask and not self.maybe_save("open"):
            return False
        self._start_reading(os.fspath(path), remember=remember, as_recovery=False)
        return True

    def _start_reading(self, path: str, *, remember: bool, as_recovery: bool) -> None:
        self._opening = (path, remember, as_recovery, stamp_of(path))  # a change while it is read is asked about
        # the recovery file is the app's, not one the person knows by name
        reading = (
            "Restoring the unsaved work of the last session" if as_recovery else f"Opening {os.path.basename(path)}"
        )
        self.notices.status(f"{reading}\u2026", 0)
        self.reader.read(path)

    def is_opening(self) -> bool:
        """A session file is being read (the window changes when it has been read in full)."""
        return self.reader.busy

    def stop_reading(self) -> None:
        """The window is closing: a file being read no longer opens."""
        self.reader.cancel()
        self._opening = None

    @Slot(object)
    def _on_read(self, result: SessionRead | SessionReadFailed) -> None:
        opening, self._opening = self._opening, None
        if opening is None or opening[0] != result.path:
            return
        _, remember, as_recovery, stamp = opening
        if isinstance(result, SessionReadFailed):
            self.notices.status("", 1)
            if as_recovery and isinstance(result.error, SessionFileError):
                self._move_damaged_recovery(result.path, result.error)
            else:
                self.dialogs.warn("Could not open the session", result.error, result.path)
            self.openFinished.emit(result.path, False)
            return
        compared = self._adopt_read(result, remember)
        self._stamp = None if as_recovery else stamp
        if as_recovery:
            self._recovery_restored(result.path, compared)
        self.openFinished.emit(result.path, True)

    def _adopt_read(self, read: SessionRead, remember: bool) -> list[str]:
        """Makes a fully read and checked session the window's (nothing here reads the file); answers the names its
        compared models' runs are listed under."""
        session, view, path = read.session, read.view, read.path
        ds, epoch = session.dataset, int(session.epoch)
        c, p, doc = self.controller, self.panels, self.document
        # everything the window takes from the file is worked out before anything in the window changes (the view
        # settings were checked as the file was read: model.storage.view_entries); where the data came from, as
        # the file says (checked: generated data only when the generator makes it)
        source = read_data_source(view.get(DATA_SOURCE_KEY), ds) or DataSource.from_file(path)
        data_params = dict(view.get("data", {}))
        if data_params and "name" not in data_params:  # left out: the list shows what made the points, else stays
            data_params["name"] = source.name if source.kind == "generated" else p.data.params()["name"]
        model_params = model_panel_params(session.model_spec, view.get("model"))
        training_params = training_panel_params(session.train_spec, view.get("training"))
        running = c.running  # before pausing: a run under way stays listed (see _numbered_runs)
        c.pause()
        # the data: a new clean state (the commands of the previous document do not apply to it)
        self.undo_stack.clear()
        if data_params:
            p.data.set_params(data_params)  # emits nothing
            doc.set_test_fraction(float(data_params.get("test_fraction", doc.test_fraction)))
        doc.set_dataset(ds, source, comes_trained=True)  # the views follow; training is handed the session below
        # the panels show the session's settings (set_params emits nothing)
        p.model.set_params(model_params)
        p.training.set_params(training_params)
        p.training.keep_other_settings(session.train_spec)
        c.set_pace(p.training.pace_key())
        c.set_limits(*p.training.limits())
        self.apply_view_settings(view)
        self.curves.clear()
        # last: the worker adopts the session (requests queued before this one are dropped), its run going on under
        # the number and name the run table gives it, with the compared models the file keeps beside it, under
        # their colours and the numbers and names of their runs, going on bit for bit
        self._kept_epoch = epoch
        self._kept_as_saved()
        numbered = self._numbered_runs(read, running)
        models = 1 + len(read.members)
        main_run, member_runs, finished = numbered[0], numbered[1:models], numbered[models:]
        if self.finished_runs is not None:  # listed before the new group numbers its runs on after them
            names = [read.run_name, *(m.name for m in read.members)]
            was = numbers_in_file(names, numbered, read.runs)
            self.finished_runs.bring_back(read.runs, finished, ds, doc.version, was)
            # the file holds its runs; a run listed before that no file holds stays unsaved work
            self._kept_runs = self._kept_runs | self.finished_runs.coming()
        members = tuple(
            AddMember.saved(m, ResumedRun(number, name, m.epoch, 0.0))
            for m, (number, name) in zip(read.members, member_runs, strict=True)
        )
        c.replace_session(session, doc.version, ResumedRun(*main_run, epoch, 0.0), members)
        del session  # the worker's now
        if self.dead_training is not None:
            self.dead_training.superseded()  # a dead training process is not restarted over the file's session
        self.undo_stack.setClean()
        self.path = os.path.abspath(path)
        self.update_title()
        if remember:
            self.recent.add(self.path, "session")
            self.dialogs.remember_dir(path)
        self.notices.dismiss()
        compared = [name for _, name in member_runs]
        self.said_when_shown.say(f"Opened {os.path.basename(path)} at epoch {epoch:,}{compared_phrase(compared)}.")
        if read.view_left_out:
            self.notices.warn(view_left_out_note(path, read.view_left_out))
        return compared

    def _numbered_runs(self, read: SessionRead, running: bool) -> list[tuple[int, str]]:
        """The (number, name) in the run table of the file's main run, then of its compared models' runs: "Run N"
        is number N when the table leaves it free, else they are numbered on after the runs it goes on listing
        once the file's models train (``model.training.run_numbers``). Those are its finished runs and the live
        ones that trained (a live run still where it started leaves the table, unless training is under way:
        it will have trained by the time the file's models are in place)."""
        listed = [
            (record.run_id, record.name)
            for record in (self.runs if self.runs is not None else ())
            if record.stays_listed or (record.live and running)
        ]
        wanted = [read.run_name, *(m.name for m in read.members), *(run.name for run in read.runs)]
        numbers = [None] * (1 + len(read.members)) + [run.number for run in read.runs]
        return reopened_runs(wanted, listed, numbers)

    # ================================================================== view settings
    def view_settings(self) -> dict:
        """What the session file keeps of the view (JSON values only)."""
        v = self.view_state
        return {
            "format": VIEW_FORMAT,
            "plot_range": list(v.asked_range()),  # not the widened visible range: it would grow on every reopening
            "show_test": v.show_test(),
            "log_scale": v.log_scale(),
            "current_class": v.current_class(),
            "tool": v.tool(),
            "curves_visible": v.curves_visible(),
            "legend_visible": v.legend_visible(),
            "data": _jsonable(self.panels.data.params()),
            DATA_SOURCE_KEY: self.document.source.to_dict(),
            "model": _jsonable(self.panels.model.params()),
            "training": _jsonable(self.panels.training.params()),
        }

    def apply_view_settings(self, view: dict) -> None:
        """Puts back what ``view_settings`` saved, as checked when the file was read
        (``model.storage.view_entries``); settings the file lacks are left as they are."""
        v = self.view_state
        for key, setter in (
            ("show_test", v.set_show_test),
            ("log_scale", v.set_log_scale),
            ("curves_visible", v.set_curves_visible),
            ("legend_visible", v.set_legend_visible),
            ("current_class", v.choose_class),
            ("tool", v.set_tool),
        ):
            if key in view:
                setter(view[key])
        if "plot_range" in view:
            v.set_plot_range(*(float(x) for x in view["plot_range"]))


# ====================================================================== helpers
def view_left_out_note(path: str, left_out: tuple[str, ...]) -> str:
    """What the window says of view settings a file holds that no control can show: the work opened, and the
    window shows its own settings in their place."""
    return f"Opened {os.path.basename(path)} without the view settings it holds that no control can show: " + (
        "; ".join(left_out) + "."
    )


def _jsonable(d: dict) -> dict:
    """Panel values as plain JSON values (NumPy numbers and tuples converted)."""
    return json.loads(json.dumps(d, default=lambda o: o.item() if hasattr(o, "item") else list(o)))


def model_panel_params(spec, saved: dict | None = None) -> dict:
    """The model panel's values for ``spec`` (the session's ModelSpec decides; `saved` fills the rest)."""
    p = dict(saved) if isinstance(saved, dict) else {}
    p["kind"] = spec.kind
    if spec.kind == "mlp":
        p["layers"] = [int(n) for n in spec.hidden]
        p["activations"] = list(spec.hidden_activations)
    p["alpha"] = float(spec.alpha)
    p["l1"] = float(spec.l1)
    p["weight_init"] = spec.weight_init
    return p


def training_panel_params(spec, saved: dict | None = None) -> dict:
    """The training panel's values for ``spec`` (pace and limits come from `saved`)."""
    p = dict(saved) if isinstance(saved, dict) else {}
    p["optimizer"] = spec.optimizer
    p["learning_rate"] = float(spec.learning_rate)
    p["batch_size"] = int(spec.batch_size or 0)
    p["dtype"] = spec.dtype
    return p
