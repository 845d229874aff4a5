"""Shared fixtures for the GUI tests: offscreen Qt, and no QThread nor child process may outlive a test."""

import gc
import os
import warnings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QSettings, QThread
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
    yield


@pytest.fixture(autouse=True)
def no_running_qthread_left():
    """Fail a test that leaves a QThread running (a worker thread must be quit and waited for)."""
    yield
    gc.collect()
    left = _running_qthreads()
    if left:
        names = ", ".join(f"{type(t).__name__}({t.objectName()!r})" for t in left)
        for t in left:  # do not poison the following tests
            t.quit()
            t.wait(2000)
        pytest.fail(f"test left running QThread(s): {names}", pytrace=False)


@pytest.fixture(autouse=True)
def no_child_process_left():
    """Fail a test that leaves a child process running (a session's process must be closed with its worker)."""
    import multiprocessing

    yield
    left = multiprocessing.active_children()  # also reaps the ones that ended
    if left:
        names = ", ".join(f"{p.name}(pid {p.pid})" for p in left)
        for p in left:  # do not poison the following tests
            p.kill()
            p.join(2)
        pytest.fail(f"test left running child process(es): {names}", pytrace=False)


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
    from gui.panels import training_panel

    monkeypatch.setitem(training_panel.DEFAULTS, "pace", "max")
    monkeypatch.setitem(training_panel.DEFAULTS, "pause_on_plateau", False)
    monkeypatch.setitem(training_panel.DEFAULTS, "warn_overfitting", False)
    monkeypatch.setattr(training_panel.TrainingPanel, "set_pace", lambda self, key: None)
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


@pytest.fixture
def make_window(qtbot, ini, request):
    """make_window(size=(w, h), **MainWindow kwargs): a shown MainWindow with its own ini file, returned once
    it trains on its data; every window made is closed after the test, its thread checked to be gone."""
    made = []

    def _make(size=(1280, 820), **kwargs):
        from gui.main_window import MainWindow, apply_style

        _delete_closed_windows(made, request)
        apply_style(QApplication.instance())
        w = MainWindow(settings=QSettings(ini, QSettings.IniFormat), **kwargs)
        qtbot.addWidget(w)
        if size:
            w.resize(*size)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        made.append(w)
        # up to 30 s: the training process starts (a spawned interpreter importing NumPy and scikit-learn), which on
        # a machine whose cores are all busy took over 10 s now and then; a working window is ready in ~1 s
        qtbot.waitUntil(
            lambda: (
                w.data_ready
                and w.controller.latest_snapshot is not None
                and w.controller.latest_snapshot.data_version == w.document.version
            ),
            timeout=30000,
        )
        return w

    yield _make
    for w in made:
        w.close()
        assert not w.controller.is_alive


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
