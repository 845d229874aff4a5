"""Shared fixtures for the GUI tests: offscreen Qt, and no QThread nor child process may outlive a test."""

import gc
import os
import threading
import time
import warnings
from pathlib import Path

# before anything imports Qt: an offscreen screen of a common desktop's size (1920×1080) rather than Qt's 800×800,
# as the tests' windows (1024 to 1920 px wide) stand for windows on a screen that holds them; a window on a smaller
# screen makes its docks tabs to fit it (``gui.window.window_fit``)
if os.environ.setdefault("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={Path(__file__).with_name('desktop_screen.json')}"

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, QThread, Signal, Slot
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def _running_qthreads() -> list:
    main = QThread.currentThread()  # the GUI thread itself is always "running"
    running = []
    # isinstance looks at every live object's class, and some libraries' deprecation shims warn when asked
    # (PyTorch's torch.distributed.reduce_op): not the test's business.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        for obj in gc.get_objects():
            try:
                if isinstance(obj, QThread) and obj is not main and obj != main and obj.isRunning():
                    running.append(obj)
            except (RuntimeError, ReferenceError):  # C++ object already deleted
                continue
    return running


@pytest.fixture(scope="session", autouse=True)
def imports_left_out_of_garbage_collection():
    """The objects the imports made (~150 000 with Qt, pyqtgraph, NumPy and scikit-learn) live as long as the
    process: frozen, they are left out of every collection, so the full collection and the scan for running
    threads after each test look only at what the tests made (they took ~0.1-0.5 s a test)."""
    import gui.main_window  # noqa: F401 - its imports are most of what is frozen

    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def earlier_widgets_deleted():
    """Deletes the widgets earlier tests closed before this one starts. pytest-qt closes a test's widgets with
    deleteLater, which waits for an event loop: until then every application-wide change (a window's theme sets
    the application's style sheet) repolished the whole last window too, a third of a new window's time."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    orphans = _plot_menus_left()
    if orphans:
        for menu in orphans:
            menu.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    yield


def _plot_menus_left() -> list:
    """The context menus of plots deleted by now. pyqtgraph makes a ViewBox's menu and a PlotItem's "Plot Options"
    without a parent, and their own actions' connections to their methods keep them alive after the plot is gone:
    each window left ~120 widgets (menus, their check boxes and spin boxes), each repolished by every later
    application-wide change (the style and theme each new window applies, a theme chosen, presenter mode's font),
    which grew by ~0.05 s a window over a test process's windows."""
    import pyqtgraph as pg
    from pyqtgraph.graphicsItems.ViewBox.ViewBoxMenu import ViewBoxMenu
    from PySide6.QtWidgets import QMenu

    with warnings.catch_warnings():  # as in _running_qthreads
        warnings.simplefilter("ignore", FutureWarning)
        live_options = {
            id(o.ctrlMenu)
            for o in gc.get_objects()
            if isinstance(o, pg.PlotItem) and shiboken6.isValid(o) and getattr(o, "ctrlMenu", None) is not None
        }
    left = []
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ViewBoxMenu):
            view = widget.view()
            if view is None or not shiboken6.isValid(view):
                left.append(widget)
        elif type(widget) is QMenu and widget.title() == "Plot Options" and id(widget) not in live_options:
            left.append(widget)
    return left


@pytest.fixture(autouse=True)
def no_running_qthread_left():
    """Fail a test that leaves a QThread running (a worker thread must be quit and waited for): any but the training
    thread of each window shared by the module's tests, checked when the module closes them."""
    yield
    _fail_for_qthreads_left("test", kept=[w.controller._thread for w in _shared_windows])


def _fail_for_qthreads_left(what: str, kept=()) -> None:
    gc.collect()
    left = [t for t in _running_qthreads() if not any(t is k for k in kept)]
    if left:
        names = ", ".join(f"{type(t).__name__}({t.objectName()!r})" for t in left)
        for t in left:  # do not poison the following tests
            t.quit()
            t.wait(2000)
        pytest.fail(f"{what} left running QThread(s): {names}", pytrace=False)


#: The windows a module's tests share (``shared_window``): their training processes outlive each test, and are
#: checked when the module is done with them.
_shared_windows: list = []


class _Ping(QObject):
    """Answers in the thread it is moved to, once that thread has handled what was sent to it before."""

    ping = Signal()

    def __init__(self):
        super().__init__()
        self.answered = threading.Event()

    @Slot()
    def pong(self) -> None:
        self.answered.set()


def _training_process(window):
    """The child process ``window`` trains in, once its training thread has handled every request sent to it: a
    file opened, new data or a restart start a new process there (and end the old one), maybe still on their way."""
    thread = window.controller._thread
    if window.controller.is_alive:
        ping = _Ping()
        ping.moveToThread(thread)
        ping.ping.connect(ping.pong)  # queued: a slot of an object of the training thread, emitted here
        ping.ping.emit()
        deadline = time.monotonic() + 30
        while not ping.answered.is_set() and time.monotonic() < deadline:
            QTest.qWait(5)  # the GUI thread turns meanwhile: the training thread may be waiting for it
        ping.deleteLater()
    worker = window.controller._worker
    return getattr(getattr(worker, "session", None), "_process", None)


def _fail_for_children_left(what: str, kept=()) -> None:
    import multiprocessing

    left = [p for p in multiprocessing.active_children() if p not in kept]  # also reaps the ones that ended
    if left:
        names = ", ".join(f"{p.name}(pid {p.pid})" for p in left)
        for p in left:  # do not poison the following tests
            p.kill()
            p.join(2)
        pytest.fail(f"{what} left running child process(es): {names}", pytrace=False)


@pytest.fixture(autouse=True)
def no_child_process_left():
    """Fail a test that leaves a child process running (a session's process must be closed with its worker): any
    but the one each window shared by the module's tests trains in now, checked when the module closes them."""
    yield
    _fail_for_children_left("test", kept=[_training_process(w) for w in _shared_windows])


# A rare crash of a test process (a segfault while pytest-qt processes the events after a test, seen only on a
# loaded machine) prints Python's stacks, which do not name the test: each process keeps the name of the test it
# runs in a file of its own, read after such a crash (tests/artifacts/running-gw0.txt, ...).
_RUNNING = os.path.join(os.path.dirname(os.path.dirname(__file__)), "artifacts")


def pytest_runtest_logstart(nodeid, location):
    os.makedirs(_RUNNING, exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with open(os.path.join(_RUNNING, f"running-{worker}.txt"), "w", encoding="utf-8") as f:
        f.write(nodeid + "\n")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "fresh_profile: the window keeps the app's own pace and stop rules (see train_flat_out)"
    )
    config.addinivalue_line("markers", "shots: writes a picture for a person to look at (run by `make shots`)")


@pytest.fixture(autouse=True)
def train_flat_out(request, monkeypatch):
    """Most GUI tests check what training does, not how fast a person sees it happen: their windows train as
    fast as possible and never pause by themselves (a lesson's pace included), as before the pace and the stop
    rules existed. Tests of those mark themselves ``fresh_profile`` and get the app's real defaults."""
    if request.node.get_closest_marker("fresh_profile"):
        yield
        return
    _flat_out(monkeypatch)
    yield


# ------------------------------------------------------------------ the real main window
@pytest.fixture
def ini(tmp_path):
    return str(tmp_path / "settings.ini")


def _delete_closed_windows(made: list, request) -> None:
    """The windows a test closed (their training thread ended) are deleted before it builds another one: every
    application-wide change the new window makes (the style and theme it applies) repolished each of them too,
    as long again as building the new window. The check the end of the test makes on each is made here."""
    closed = [w for w in made if not w.isVisible() and not w.controller.is_alive]
    if not closed:
        return
    QApplication.processEvents()  # what closing set off (zero-delay timers of their parts) runs on them first
    for w in closed:
        made.remove(w)
        w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # pytest-qt closes the test's widgets after it: the ones deleted here leave its list
    kept = getattr(request.node, "qt_widgets", None)
    if kept is not None:
        request.node.qt_widgets = [(ref, f) for ref, f in kept if ref() is None or shiboken6.isValid(ref())]


def _flat_out(monkeypatch) -> None:
    from gui.panels import training_panel

    monkeypatch.setitem(training_panel.DEFAULTS, "pace", "max")
    monkeypatch.setitem(training_panel.DEFAULTS, "pause_on_plateau", False)
    monkeypatch.setitem(training_panel.DEFAULTS, "warn_overfitting", False)
    monkeypatch.setattr(training_panel.TrainingPanel, "set_pace", lambda self, key: None)


def _trains_on_its_data(w) -> bool:
    snapshot = w.controller.latest_snapshot
    return w.data_ready and snapshot is not None and snapshot.data_version == w.document.version


def _shown_window(qtbot, ini: str, size=(1280, 820), **kwargs):
    """A shown MainWindow on the settings file ``ini``, returned once it trains on its data."""
    from gui.main_window import MainWindow, apply_style

    apply_style(QApplication.instance())
    w = MainWindow(settings=QSettings(ini, QSettings.IniFormat), **kwargs)
    if size:
        w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    # up to 30 s: the training process starts (a spawned interpreter importing NumPy and scikit-learn), which on
    # a machine whose cores are all busy took over 10 s now and then; a working window is ready in ~1 s
    qtbot.waitUntil(lambda: _trains_on_its_data(w), timeout=30000)
    return w


@pytest.fixture
def make_window(qtbot, ini, request):
    """make_window(size=(w, h), **MainWindow kwargs): a shown MainWindow with its own ini file, returned once
    it trains on its data; every window made is closed after the test, its thread checked to be gone."""
    made = []

    def _make(size=(1280, 820), **kwargs):
        _delete_closed_windows(made, request)
        w = _shown_window(qtbot, ini, size, **kwargs)
        qtbot.addWidget(w)
        made.append(w)
        return w

    yield _make
    for w in made:
        w.close()
        assert not w.controller.is_alive


@pytest.fixture(scope="module")
def shared_window(qapp, request, tmp_path_factory):
    """One shown MainWindow (1280×820, its own ini file, training flat out) for all the tests of a module that
    use it, each leaving it as the next expects (a window takes ~1 s to open, most of a quick check's time).
    Closed after the module's last test: its thread and its training process are checked to be gone then."""
    from pytestqt.qtbot import QtBot

    from gui.window import first_data_process

    with pytest.MonkeyPatch.context() as monkeypatch:
        _flat_out(monkeypatch)
        ini = str(tmp_path_factory.mktemp("shared-window") / "settings.ini")
        qtbot = QtBot(request)
        w = _shown_window(qtbot, ini)
        # the process that made its first points ends by itself a moment after (it would outlive the first test)
        qtbot.waitUntil(lambda: not first_data_process.started(), timeout=10000)
        _shared_windows.append(w)
        try:
            yield w
        finally:
            _shared_windows.remove(w)
            w.file_actions.sessions.confirm_discard = lambda reason: "discard"
            w.close()
            alive = w.controller.is_alive
            w.deleteLater()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not alive, "the shared window's training thread outlived it"
    _fail_for_qthreads_left("the window shared by the module's tests")
    _fail_for_children_left("the window shared by the module's tests")


@pytest.fixture
def boundary_view(qtbot):
    """A shown 500×500 BoundaryView, its layout settled and no grid request pending."""
    from gui.plot.boundary_view import BoundaryView

    v = BoundaryView()
    qtbot.addWidget(v)
    v.resize(500, 500)
    v.show()
    qtbot.waitExposed(v)
    qtbot.wait(60)  # let the layout and the aspect lock settle before mapping coordinates
    qtbot.waitUntil(lambda: not v._grid_timer.isActive(), timeout=2000)  # no grid request pending
    return v


@pytest.fixture
def make_curves_view(qtbot):
    """``make_curves_view(width, height)``: a shown CurvesView of that size."""
    from gui.plot.curves_view import CurvesView

    def _make(width: int, height: int):
        v = CurvesView()
        qtbot.addWidget(v)
        v.resize(width, height)
        v.show()
        qtbot.waitExposed(v)
        return v

    return _make


@pytest.fixture
def shot():
    """``shot(widget, name)``: the widget's grab, for the test to check; `make shots` also writes it to shots/."""
    from tests.gui.shots import take_shot

    return take_shot
