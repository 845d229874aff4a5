"""The recovery file: unsaved work kept beside the settings (``RECOVERY_NAME``) so that nothing is lost.

* Closing keeps unsaved data edits, training done since the last save and compared models added or changed in
  the recovery file (a session file: the main model and the models compared beside it); the next start offers it
  back in the banner (an offer that stays through Play, Reset and new data, until restored or discarded). When it
  cannot be written, the person is told and offered Save As (``confirm_recovery_failed``, a
  callable(message) -> "save" | "discard" | "cancel", answers in tests).
* Every ``AUTOSAVE_MS`` while there is unsaved work the same file is written (by the training thread,
  atomically; the GUI asks and goes on, the reply comes as a ``SaveDone``), so a crash or a kill loses at
  most that much; once everything is saved it is removed. Closing waits for its write. An autosave that
  cannot be written (a full disk, a read-only profile) is said in the banner at once, with Save As, once
  until one is written again: a crash then would lose more than the last minute. While the training
  process is dead (``dead_training``) the window writes it itself, from its points and last snapshot; so
  it does, at once and silently, when the process dies while it writes one.
* A recovery offered and not restored is another session's work: it is moved aside
  (``unsaved-session-<time>.npz``), never overwritten, and offered at a later start; the offer still shown
  restores it from there (never this run's own autosave, which took its name). Restored work stays on the disk
  until newer work is written: it becomes this run's autosave (one kept aside moves onto this run's file).
* Every session's work kept (offered, or moved aside) is listed by File > Restore Unsaved Work… (``kept_work``),
  to restore (``restore_kept``) or discard (``discard_kept``).
* A damaged one is said so once and moved aside (``unsaved-session-damaged-<time>.npz``).
* Two windows open on one profile write two files (``gui.files.recovery_slot``): a window opened while another
  runs keeps its work in a file of its own (named as work moved aside, offered at a later start) and offers
  nothing at its start (what is kept belongs to the running window, or waits for the next first window).
* The banner names the session whose work it offers: the name is kept per recovery file (``_name_key``) and
  moves with the file when it is moved aside or offered, so two windows never name each other's work.

``KeptWork`` is a part of ``gui.files.sessions.Sessions`` (it uses its controller, settings, notices, dialogs,
undo stack and its saving and opening).
"""

from __future__ import annotations

import glob
import logging
import os
import time
from collections.abc import Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QMessageBox

from gui.files.compared_phrase import compared_phrase
from gui.files.file_dialogs import error_text, error_words
from gui.files.recovery_slot import LOCK_SUFFIX, RecoverySlot, held_by_a_running_window
from gui.training.session_process import SessionProcessDied
from model.storage.session_files import SessionFileError, check_session_file
from model.training.contract import SaveDone, SessionProcessEnded

log = logging.getLogger(__name__)

RECOVERY_NAME = "unsaved-session.npz"
#: The File menu's item that lists every session's unsaved work kept, to restore or discard.
RESTORE_WORDS = "Restore Unsaved Work\u2026"
#: Unsaved work is written to the recovery file this often, so that a crash loses at most this much.
AUTOSAVE_MS = 60_000
#: How long dropping a stale autosave waits for one still being written (a chunk of training plus the write).
SAVE_WAIT_S = 60.0
HEADLESS_PLATFORMS = ("offscreen", "minimal")
UNTITLED = "Untitled"
#: Where a profile from before the per-file names kept the name of the session in its recovery file.
LEGACY_NAME_KEY = "recovery/name"


if TYPE_CHECKING:
    # For the type checker the part is the QObject it is mixed into (its QTimer's parent is the Sessions object).
    _Part = QObject
else:
    _Part = object


class KeptWork(_Part):
    """The recovery file's part of ``Sessions``."""

    if TYPE_CHECKING:  # what Sessions gives the part (declared for the type checker only)
        settings: Any
        controller: Any
        notices: Any
        said_when_shown: Any
        dialogs: Any
        undo_stack: QUndoStack
        path: str | None
        _kept_epoch: int
        _restored: bool

        def display_name(self) -> str: ...
        def update_title(self) -> None: ...
        def has_unsaved_changes(self) -> bool: ...
        def trained_since_kept(self) -> bool: ...
        def unsaved_work(self) -> bool: ...
        def view_settings(self) -> dict[str, Any]: ...
        def saved_runs(self) -> tuple: ...
        def ask_session_path(self) -> str | None: ...
        def save_session(self, path: str | None = None) -> bool: ...
        def maybe_save(self, reason: str = "close") -> bool: ...
        def _start_reading(self, path: str, *, remember: bool, as_recovery: bool) -> None: ...

    def start_keeping_work(self) -> None:
        #: Test / automation hook: callable(message) -> "save" | "discard" | "cancel", asked instead of the
        #: dialog when the unsaved work cannot be kept at closing.
        self.confirm_recovery_failed = None
        self.recovery_error = ""  # why the last keep_for_recovery failed, as a message box shows it
        self._unrestored_recovery = False  # a recovery file was offered at this start and not restored
        self._offered: str | None = None  # where the work the banner offers is now (moved aside by an autosave)
        self._autosaved = False  # this run wrote the recovery file while the window was open
        self._autosave_pending: Future | None = None  # the autosave being written by the training thread
        self._autosave_failure_said = False  # the banner said an autosave failed (said again after a success)
        #: what keeps the work while the training process is dead (``died``, ``keep(path, view)``): the window
        #: sets its ProcessRestart here; without it nothing is autosaved while no session can write (Save asks it
        #: to ``revive`` training first)
        self.dead_training: Any = None
        self._lost_to_death = False  # an autosave failed as the training process died: kept once it is said dead
        self.controller.saveDone.connect(self._on_autosaved)
        self.controller.failed.connect(self._on_training_failed)
        self.recovery_slot = RecoverySlot(os.fspath(self.settings.folder()), RECOVERY_NAME, "unsaved-session")
        self.recovery_slot.claim()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()

    def recovery_path(self) -> str:
        """This window's recovery file: the profile's own, or one of this window's when another runs."""
        return self.recovery_slot.path

    def keep_for_recovery(self) -> bool:
        """Saves the session to the recovery file and waits for it (closing: it must be written before the
        window goes). The training thread writes it, atomically. False (logged, ``recovery_error`` says why)
        when the file cannot be written."""
        path = self.recovery_path()
        try:
            self._prepare_recovery_path(path)
            self.controller.save_session(path, self.view_settings(), runs=self.saved_runs())
        except Exception as exc:
            if self._ended_by_death(exc) and self._keep_at_close_without_training(path):
                return True
            log.exception("could not keep the unsaved session in %s", path)
            self.recovery_error = error_text(exc, path)
            return False
        self._recovery_written()
        return True

    def _keep_at_close_without_training(self, path: str) -> bool:
        """The training process ended before it could write the recovery file (a logout's signal reaches it and
        the window at once; the window hears of the death only after its close began): the window writes what
        it has, as while the process is dead, rather than ask a question no one is there to answer."""
        try:
            self.dead_training.keep(path, self.view_settings(), self.saved_runs())
        except Exception:
            log.exception("could not keep the unsaved session in %s without the training process", path)
            return False
        self._recovery_written()
        return True

    def _prepare_recovery_path(self, path: str) -> None:
        """The recovery file's folder exists. A recovery file offered at this start and not restored is
        another session's unsaved work: it is moved aside (``unsaved-session-<time>.npz``, offered at a
        later start) rather than overwritten."""
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if self._unrestored_recovery and os.path.exists(path):
            aside = _aside(path, "unsaved-session")
            os.replace(path, aside)
            self._move_kept_name(path, aside)
            self._unrestored_recovery = False
            if self._offered == path:
                self._offered = aside

    def _recovery_written(self) -> None:
        self.recovery_error = ""
        self._autosave_failure_said = False
        self.settings.save(_name_key(self.recovery_path()), self.display_name())
        self.settings.sync()

    def _kept_name(self, path: str) -> str:
        """The name of the session whose work ``path`` keeps (a profile from before the names were kept per
        file has one name for the profile's own file)."""
        name = self.settings.load(_name_key(path), None)
        if not isinstance(name, str) and path == self.recovery_slot.path and self.recovery_slot.first:
            name = self.settings.load(LEGACY_NAME_KEY, None)
        return name if isinstance(name, str) else UNTITLED

    def _move_kept_name(self, old: str, new: str | None) -> None:
        """The kept work moved from ``old`` to ``new`` (None: it is gone): its session's name goes with it."""
        name = self.settings.load(_name_key(old), None)
        self.settings.remove(_name_key(old))
        if old == self.recovery_slot.path:
            self.settings.remove(LEGACY_NAME_KEY)
        if new is not None and isinstance(name, str):
            self.settings.save(_name_key(new), name)
        self.settings.sync()

    def stop_autosave(self) -> None:
        self.autosave_timer.stop()

    def release_recovery(self) -> None:
        """The window has closed and its work is kept: its recovery file is free for the next start."""
        self.recovery_slot.release()

    @Slot()
    def autosave(self) -> bool:
        """Every ``AUTOSAVE_MS``: keep unsaved work (data edits, training since the last save) in the
        recovery file, so that a crash or a kill loses at most that much. Only asks: the training thread
        writes the file atomically and replies later (``_on_autosaved``); the GUI never waits for it.
        Nothing is asked of the person; a failure is only logged (closing will say it). True when a
        write was requested."""
        if self._autosave_pending is not None and not self._autosave_pending.done():
            return False  # the last one is still being written
        if not self.unsaved_work() or not self.controller.is_alive:
            return False
        path = self.recovery_path()
        if self.dead_training is not None and self.dead_training.died:
            return self._keep_without_training(path)
        try:
            self._prepare_recovery_path(path)
            self._autosave_pending = self.controller.request_save(path, self.view_settings(), self.saved_runs())
        except Exception as exc:
            log.exception("could not autosave the unsaved session in %s", path)
            self._autosave_failed(exc, path)
            return False
        return True

    def _keep_without_training(self, path: str) -> bool:
        """The training process died: no session can write the autosave, so the window writes what it has."""
        try:
            self._prepare_recovery_path(path)
            self.dead_training.keep(path, self.view_settings(), self.saved_runs())
        except Exception as exc:
            log.exception("could not autosave the unsaved session in %s", path)
            self._autosave_failed(exc, path)
            return False
        self._autosaved = True
        self._recovery_written()
        return True

    def _autosave_failed(self, exc: BaseException, path: str) -> None:
        """Said once (until an autosave is written again): the work is not kept against a crash."""
        self.recovery_error = error_text(exc, path)
        if self._autosave_failure_said:
            return
        self._autosave_failure_said = True
        self.notices.invite(
            f"Unsaved work could not be kept in case the app is closed by force ({error_words(exc, path)}). "
            "Save the session to keep it.",
            "Save As\u2026",
            self._save_as_after_failed_autosave,
        )

    @Slot()
    def _save_as_after_failed_autosave(self) -> None:
        path = self.ask_session_path()
        if path is not None:
            self.save_session(path)

    @Slot(object)
    def _on_autosaved(self, done: SaveDone) -> None:
        if done.path != self.recovery_path() or self._autosave_pending is None:
            return  # not an autosave's reply
        self._autosave_pending = None
        if done.error is not None and self._ended_by_death(done.error):
            # the training process died while it wrote: the window keeps the work itself, saying nothing (the
            # banner already says the process stopped); a death not yet reported keeps it once it is
            self._lost_to_death = True
            if self.dead_training.died:
                self._keep_lost_autosave()
            return
        if done.error is not None:
            log.error("could not autosave the unsaved session in %s: %s", done.path, done.error)
            self._autosave_failed(done.error, done.path)
            return
        self._autosaved = True
        self._recovery_written()

    def _ended_by_death(self, error: BaseException) -> bool:
        """An autosave failed because the training process ended (and the window can keep the work without it)."""
        if self.dead_training is None:
            return False
        return self.dead_training.died or isinstance(error, SessionProcessDied)

    @Slot(object)
    def _on_training_failed(self, failure: object) -> None:
        if self._lost_to_death and isinstance(failure, SessionProcessEnded):
            QTimer.singleShot(0, self._keep_lost_autosave)  # after the window heard of the death

    @Slot()
    def _keep_lost_autosave(self) -> None:
        if not self._lost_to_death or self.dead_training is None or not self.dead_training.died:
            return
        self._lost_to_death = False
        self._keep_without_training(self.recovery_path())

    def _drop_autosave(self) -> None:
        """Everything is saved: an autosave of this run would offer stale work, so it goes (one still being
        written is waited for first, else it would land after the removal)."""
        pending, self._autosave_pending = self._autosave_pending, None
        self._autosave_failure_said = False  # nothing unsaved: a later failure is news again
        if pending is not None:
            try:
                pending.result(timeout=SAVE_WAIT_S)
                self._autosaved = True
            except Exception:
                pass  # not written (or not in time): nothing more to remove than what is there
        if self._autosaved:
            try:
                os.remove(self.recovery_path())
            except OSError:
                pass
            self._move_kept_name(self.recovery_path(), None)
            self._autosaved = False

    def _recovery_failed_at_close(self) -> bool:
        """Closing, the unsaved work could not be kept: say so and offer Save As. True to close."""
        if self.confirm_recovery_failed is not None:
            answer = self.confirm_recovery_failed(self.recovery_error)
        elif QGuiApplication.platformName() in HEADLESS_PLATFORMS:
            return True  # nobody could answer: never block a headless run
        else:
            box = QMessageBox(self.dialogs.parent)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle("Unsaved work could not be kept")
            box.setText(
                "<p>The unsaved work could not be kept for the next start:</p>"
                + self.recovery_error
                + "<p>Save the session elsewhere before closing?</p>"
            )
            save = box.addButton("Save As\u2026", QMessageBox.ButtonRole.AcceptRole)
            close = box.addButton("Close without saving", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(save)
            box.exec()
            answer = "save" if box.clickedButton() is save else "discard" if box.clickedButton() is close else "cancel"
        if answer == "save":
            path = self.ask_session_path()
            return path is not None and self.save_session(path)
        return answer == "discard"

    def offer_recovery(self) -> bool:
        """At start: if the last session closed with unsaved work, offer it back in the banner.

        A recovery file that is plainly damaged (a first look, nothing inflated) is offered no more: it is
        moved aside (``unsaved-session-damaged-<time>.npz``) and the banner says where, once."""
        if not self.recovery_slot.first:
            return False  # another window runs on this profile: what is kept is its, or the next first window's
        path = self.recovery_path()
        if not os.path.exists(path):
            kept = _kept_aside(path)
            if not kept:
                return False
            os.replace(kept[-1], path)  # the newest unsaved work kept aside is offered now
            self._move_kept_name(kept[-1], path)
        try:
            check_session_file(path)
        except (SessionFileError, OSError) as exc:
            self._move_damaged_recovery(path, exc)
            return False
        self._unrestored_recovery = True
        self._offered = path
        self._show_offer(path)
        return True

    def _show_offer(self, path: str) -> None:
        name = self._kept_name(path)
        older = len(_kept_aside(path))
        # "ended", not "closed": after a crash or a kill this is the last autosave, and the time says how recent
        # lasting: Play, Reset or a click leave it (the work is still kept); File > Restore Unsaved Work lists all
        self.notices.invite(
            f"The last session (\u201c{name}\u201d) ended with unsaved work, kept at {_when(path)}."
            + (
                f" ({older} older unsaved session{'s' if older > 1 else ''} kept too, in File \u25b8 {RESTORE_WORDS})"
                if older
                else ""
            ),
            "Restore it",
            self.restore_recovery,
            lasting=True,
        )

    def _move_damaged_recovery(self, path: str, exc: BaseException) -> None:
        aside = _aside(path, "unsaved-session-damaged")
        try:
            os.replace(path, aside)
        except OSError:
            log.exception("could not move the damaged recovery file %s aside", path)
            return
        self._move_kept_name(path, None)
        self._unrestored_recovery = False
        if path == self._offered:
            self._offered = None
            self.notices.withdraw(self.restore_recovery)
        reason = exc.problem if isinstance(exc, SessionFileError) else str(exc)
        self.notices.warn(
            f"The unsaved work of the last session could not be read ({reason}); the file was moved aside to {aside}."
        )

    @Slot()
    def restore_recovery(self) -> bool:
        """Starts opening the recovery file as an unsaved session (it has no file of its own; read off the GUI
        thread like any session file); once opened it is this run's autosave (``_recovery_restored``). A file damaged
        deeper than the first look saw is moved aside instead (and not offered again). False when the person
        cancelled or nothing is offered."""
        if self._offered is None:
            return False
        if self.restore_kept(self._offered):
            return True
        self._show_offer(self._offered)  # cancelled: the banner hid on the click, the offer stays
        return False

    def kept_work(self) -> list[tuple[str, str]]:
        """Every session's unsaved work kept beside the settings that this window may restore, newest first: the
        one the banner offers, then those moved aside (not this run's own autosave, nor another running window's
        file); each as (path, the name of its session)."""
        own = self.recovery_path()
        paths = [self._offered] if self._offered is not None and os.path.exists(self._offered) else []
        paths += [p for p in reversed(_kept_aside(own)) if p != own and p not in paths]
        return [(p, self._kept_name(p)) for p in paths]

    def restore_kept(self, path: str) -> bool:
        """Starts opening the unsaved work kept in ``path`` (``kept_work``) as an unsaved session; once opened it is
        this run's autosave (``_recovery_restored``). False when the person cancelled."""
        if not self.maybe_save("open"):
            return False
        self._start_reading(path, remember=False, as_recovery=True)
        return True

    def discard_kept(self, path: str) -> bool:
        """The person discards the unsaved work kept in ``path`` (``kept_work``; they were asked): it is deleted,
        and the banner's offer of it goes. False (logged) when it could not be deleted."""
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
        except OSError:
            log.exception("could not discard the unsaved work kept in %s", path)
            return False
        self._move_kept_name(path, None)
        if path == self._offered:
            self._offered = None
            self._unrestored_recovery = False
            self.notices.withdraw(self.restore_recovery)
        return True

    def _recovery_restored(self, path: str, compared: Sequence[str] = ()) -> None:
        """The recovery file ``path`` was opened (with the compared models named ``compared``): it is this run's
        autosave now; the banner's offer goes if it offered this one."""
        if path == self._offered:
            self._unrestored_recovery = False
            self._offered = None
            self.notices.withdraw(self.restore_recovery)
        self.path = None
        self._restored = True  # saved nowhere but the recovery file: New, Open and a lesson ask about it
        self.undo_stack.resetClean()  # unsaved: the [*] mark shows until the person saves
        self.update_title()
        # not "Opened unsaved-session.npz": that file is the app's, not one the person knows
        self.said_when_shown.say(
            f"Restored the unsaved work of the last session, at epoch {self._kept_epoch:,}{compared_phrase(compared)}."
        )
        self._keep_restored(path)

    def _keep_restored(self, path: str) -> None:
        """The restored work lives only in memory until something newer is written: its file stays, as this run's
        autosave (the next autosave overwrites it, a Save drops it, a crash before either offers it again). One
        kept aside moves onto this window's recovery file (atomically), where the next autosave writes."""
        own = self.recovery_path()
        if path != own:
            try:
                self._prepare_recovery_path(own)  # the work the banner offers there, not restored, is moved aside
                os.replace(path, own)
            except OSError:
                log.exception("could not move the restored work from %s to %s", path, own)
                return  # it stays where it was, kept aside: offered again at a later start
            self._move_kept_name(path, own)
        self._autosaved = True


def _name_key(path: str) -> str:
    """The setting naming the session whose work the recovery file ``path`` keeps: one per file, as two windows
    on one profile keep two files (one setting for all would name the last window's session on both)."""
    return f"recovery/names/{os.path.basename(path)}"


def _aside(path: str, stem: str) -> str:
    """A new name beside ``path`` for a file moved aside: ``<stem>-<date-time>.npz``."""
    folder = os.path.dirname(path)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate, n = os.path.join(folder, f"{stem}-{stamp}.npz"), 1
    while os.path.exists(candidate) or os.path.exists(candidate + LOCK_SUFFIX):  # a window's own, not yet written
        n += 1
        candidate = os.path.join(folder, f"{stem}-{stamp}-{n}.npz")
    return candidate


def _when(path: str) -> str:
    """When ``path`` was last written: "16:10" today, else "2026-12-02 16:10"."""
    written = time.localtime(os.path.getmtime(path))
    same_day = written[:3] == time.localtime()[:3]
    return time.strftime("%H:%M" if same_day else "%Y-%m-%d %H:%M", written)


def _kept_aside(path: str) -> list[str]:
    """Unsaved work moved aside beside the recovery file (not the damaged ones, nor the files of windows still
    running), oldest first."""
    folder = os.path.dirname(path)
    kept = glob.glob(os.path.join(glob.escape(folder), "unsaved-session-2*.npz"))
    return sorted((p for p in kept if not held_by_a_running_window(p)), key=os.path.getmtime)
