"""The guide's link to the lessons' file format opens that file wherever the app is installed: in a wheel the guide
and the lessons' README sit deep in site-packages, not at the ``resources/lessons/README.md`` of a checkout."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices

from gui.lessons.guide_dialog import GuideDialog
from model.resource_files import resource_path


def _click_link(dialog: GuideDialog, qtbot, text: str) -> None:
    browser = dialog.browser
    cursor = browser.document().find(text)
    assert not cursor.isNull() and cursor.charFormat().isAnchor(), text
    cursor.setPosition(cursor.selectionStart() + 2)  # inside the link, not on its edge
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=browser.cursorRect(cursor).center())


def test_the_lessons_readme_link_opens_the_file_beside_the_guide_it_was_read_from(qtbot, monkeypatch, tmp_path):
    installed = tmp_path / "site-packages" / "neural_playground" / "resources"  # where a wheel puts them
    (installed / "lessons").mkdir(parents=True)
    shutil.copy2(resource_path("guide.md"), installed / "guide.md")
    shutil.copy2(resource_path("lessons", "README.md"), installed / "lessons" / "README.md")
    opened: list[Path] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(Path(url.toLocalFile())) or True)
    dialog = GuideDialog(path=installed / "guide.md")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _click_link(dialog, qtbot, "lessons/README.md")
    assert opened == [installed / "lessons" / "README.md"]
    assert dialog.text().startswith("Neural Playground — a short user guide")  # still shown, not replaced by it


def test_every_relative_link_of_the_shipped_guide_names_a_shipped_file(qtbot):
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    block = dialog.browser.document().begin()
    hrefs = []
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            href = it.fragment().charFormat().anchorHref()
            if href:
                hrefs.append(href)
            it += 1
        block = block.next()
    relative = [h for h in hrefs if "://" not in h and not h.startswith("#")]
    assert relative, hrefs
    missing = [h for h in relative if not resource_path(*h.split("/")).is_file()]
    assert not missing, f"the guide links to {missing}, which are not in resources/"
