"""The app's identity on the desktop: names, version in About, desktop entry id, icon, Qt's own options."""

import os
import subprocess
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import neural_playground
from gui.app_identity import APPLICATION, ORGANIZATION, app_icon, configure_application
from tests.paths import ROOT


def test_configure_application_sets_names_version_desktop_entry_and_icon(qapp):
    before = (qapp.organizationName(), qapp.applicationName(), qapp.applicationVersion(), qapp.desktopFileName())
    try:
        configure_application(qapp, "9.8.7", neural_playground.APP_ID)
        assert qapp.organizationName() == ORGANIZATION == "NeuralPlayground"  # QSettings' folder: never changes
        assert qapp.applicationName() == APPLICATION == "Neural Playground"
        assert qapp.applicationVersion() == "9.8.7"
        assert qapp.desktopFileName() == neural_playground.APP_ID
        assert not qapp.windowIcon().isNull()
    finally:
        for setter, value in zip(
            (qapp.setOrganizationName, qapp.setApplicationName, qapp.setApplicationVersion, qapp.setDesktopFileName),
            before,
        ):
            setter(value)


def test_app_icon_draws_at_every_size():
    icon = app_icon()
    for size in (16, 48, 256):
        image = icon.pixmap(size, size).toImage()
        assert image.width() == size and image.pixelColor(size // 2, size // 2).alpha() == 255


def test_window_icon_and_about_box_show_the_app_and_its_version(make_window, qapp):
    version = qapp.applicationVersion()
    qapp.setApplicationVersion(neural_playground.__version__)
    try:
        w = make_window()
        assert w.windowIcon().cacheKey() != 0 and not w.windowIcon().isNull()
        seen = []

        def read_and_close():  # polled: the modal box shows when its event loop gets to it
            boxes = [b for b in QApplication.topLevelWidgets() if isinstance(b, QMessageBox) and b.isVisible()]
            if boxes:
                seen.append(boxes[0].text())
                boxes[0].accept()
                poll.stop()

        poll = QTimer(interval=50, timeout=read_and_close)
        poll.start()
        w.controls.about_action.trigger()  # modal: returns once the box is closed
        poll.stop()
        assert seen and f"Neural Playground {neural_playground.__version__}" in seen[0]
    finally:
        qapp.setApplicationVersion(version)


def test_qt_options_given_on_the_command_line_reach_qt():
    code = (
        "from neural_playground import cli\n"
        "from PySide6.QtWidgets import QApplication\n"
        "ours, qt = cli.split_qt_arguments(['-style', 'windows', '-platform', 'offscreen', '--seed', '1'])\n"
        "app = cli.make_application(qt)\n"
        "print(QApplication.platformName(), app.style().name(), app.applicationVersion(), ours)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # only -platform can choose it
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split()[:3] == ["offscreen", "windows", neural_playground.__version__]
