"""The save dialog: a name typed without an extension gets the file type's, and a file that name would replace
is asked about first ("No" goes back to the dialog, nothing is replaced unasked)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gui.files.file_dialogs import FileDialogs


class _Settings:
    def load(self, key, default=None):
        return default


def _dialogs(qtbot, monkeypatch, typed: list[str], answers: list):
    asked: list[str] = []
    shown: list[str] = []

    def save_dialog(parent, title, suggestion, file_filter):
        shown.append(suggestion)
        return (typed.pop(0) if typed else "", "")

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    parent = QWidget()
    qtbot.addWidget(parent)
    return FileDialogs(parent, _Settings()), asked, shown


def test_a_name_without_extension_gets_the_file_types(qtbot, monkeypatch, tmp_path):
    dialogs, asked, _ = _dialogs(qtbot, monkeypatch, [str(tmp_path / "run")], [])
    assert dialogs.ask_save("Save session", ".npz", "*.npz", "run") == str(tmp_path / "run.npz")
    assert not asked  # nothing there to replace


def test_a_file_the_suffixed_name_would_replace_is_asked_about(qtbot, monkeypatch, tmp_path):
    existing = tmp_path / "run.npz"
    existing.write_bytes(b"an hour of training")
    typed = [str(tmp_path / "run"), str(tmp_path / "other")]
    dialogs, asked, shown = _dialogs(qtbot, monkeypatch, typed, [QMessageBox.StandardButton.No])
    assert dialogs.ask_save("Save session", ".npz", "*.npz", "run") == str(tmp_path / "other.npz")
    assert len(asked) == 1 and "run.npz already exists" in asked[0]
    assert shown[1] == str(existing)  # "No": the dialog again, on the name that was taken
    assert existing.read_bytes() == b"an hour of training"


def test_replacing_it_when_the_person_says_yes(qtbot, monkeypatch, tmp_path):
    (tmp_path / "run.npz").write_bytes(b"old")
    dialogs, asked, _ = _dialogs(qtbot, monkeypatch, [str(tmp_path / "run")], [QMessageBox.StandardButton.Yes])
    assert dialogs.ask_save("Save session", ".npz", "*.npz", "run") == str(tmp_path / "run.npz")
    assert len(asked) == 1


def test_a_name_with_its_extension_is_asked_about_by_the_dialog_itself(qtbot, monkeypatch, tmp_path):
    (tmp_path / "run.npz").write_bytes(b"old")
    dialogs, asked, _ = _dialogs(qtbot, monkeypatch, [str(tmp_path / "run.npz")], [])
    assert dialogs.ask_save("Save session", ".npz", "*.npz", "run") == str(tmp_path / "run.npz")
    assert not asked
