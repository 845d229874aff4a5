"""After "Restore it" (and Open session), the status bar names the epoch restored once the window shows it: the plot,
its score and the toolbar's epoch are the restored run's when "Restored … at epoch 40" appears, and nothing of the
model shown before is drawn on the restored points meanwhile (it was asked to train on them first: an untrained
boundary stood under "Restored … at epoch 40")."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from gui.main_window import MainWindow
from model.storage.session_files import load_session
from tests.gui.files.test_files import add_point, dialogs, step, window  # noqa: F401  (the fixtures)


def test_the_restored_epoch_is_said_once_it_is_drawn(qtbot, window, tmp_path):  # noqa: F811
    w = window
    step(qtbot, w, 40)
    add_point(w)  # unsaved work: kept at closing, offered at the next start
    ini = w.settings.q.fileName()
    w.close()
    epoch = load_session(tmp_path / "unsaved-session.npz")[0].epoch
    assert epoch >= 40

    again = MainWindow(settings=QSettings(ini, QSettings.IniFormat))
    qtbot.addWidget(again)
    view = again.boundary_view
    drawn: list = []  # (epoch, session) of every snapshot the plot draws from the click on
    draw = view.show_snapshot

    def noted(snap, *args, **kwargs):
        drawn.append((snap.epoch, snap.session_id))
        return draw(snap, *args, **kwargs)

    said: list = []  # what the window showed when the status bar named the epoch restored

    def on_message(text: str) -> None:
        if text.startswith("Restored"):
            shown = view.snapshot()
            said.append((text, shown, view.score_text(), again.controls.epoch_label.text()))

    again.statusBar().messageChanged.connect(on_message)
    again.show()
    qtbot.waitUntil(lambda: again.banner.isVisible() and "unsaved" in again.banner.text(), timeout=5000)
    before = again.controller.latest_snapshot.session_id
    view.show_snapshot = noted
    again.banner.action_button.click()  # "Restore it"
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    text, shown, score, toolbar = said[0]
    assert text == f"Restored the unsaved work of the last session, at epoch {epoch:,}."
    assert shown.epoch == epoch and toolbar == f"{epoch:,}"
    assert f"{100 * shown.test_score:.1f} %" in score  # the score box: the restored model's
    assert drawn and all(sid != before and e == epoch for e, sid in drawn), drawn
    again.file_actions.sessions.confirm_discard = lambda reason: "discard"
    again.close()


def test_a_session_whose_model_never_shows_is_still_said_opened(qtbot, monkeypatch):
    """Training stopped (its process died as the file was handed over): no snapshot comes, the message is said."""
    from types import SimpleNamespace

    from gui.files import said_when_shown
    from gui.files.said_when_shown import SaidWhenShown

    monkeypatch.setattr(said_when_shown, "LONGEST_WAIT_MS", 50)
    status: list = []
    document = SimpleNamespace(version=4)
    saying = SaidWhenShown(SimpleNamespace(status=lambda text, ms: status.append(text)), document)
    saying.say("Opened moons.npz at epoch 1,200.")
    saying.shown(SimpleNamespace(epoch=0, data_version=3))  # the model shown before, on the data before
    assert status == [] and saying.waiting() == "Opened moons.npz at epoch 1,200."
    qtbot.waitUntil(lambda: status == ["Opened moons.npz at epoch 1,200."], timeout=2000)
    saying.shown(SimpleNamespace(epoch=1200, data_version=4))
    assert status == ["Opened moons.npz at epoch 1,200."]  # said once
