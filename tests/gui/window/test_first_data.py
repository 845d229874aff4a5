"""The first dataset, made off-thread at start-up, reaches the window however fast it is made."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest

from gui.window import initial_data
from gui.window.initial_data import InitialData

MOONS = {"name": "moons", "n_samples": 60, "noise": 0.1, "n_classes": 2, "seed": 3, "test_fraction": 0.25}


class _DoneAtOnce(threading.Thread):
    """A thread that has made the dataset and emitted it before ``start`` returns (a fast machine, a warm cache)."""

    def start(self) -> None:
        super().start()
        self.join()


def test_a_slot_connected_after_the_thread_finished_still_gets_the_dataset(qtbot, monkeypatch):
    monkeypatch.setattr(initial_data, "threading", SimpleNamespace(Thread=_DoneAtOnce))
    made = InitialData()
    made.start(MOONS)  # done, and the dataset emitted, already
    assert made.pending  # until the GUI thread's event loop takes it
    with qtbot.waitSignal(made.ready, timeout=5000) as got:  # connected only now
        pass
    ds, error = got.args
    assert error == "" and ds.n_samples == 60 and not made.pending


def test_the_window_shows_the_first_dataset_when_it_is_made_before_the_window_is_built(make_window, monkeypatch):
    import gui.main_window as mw

    monkeypatch.setattr(mw, "_sklearn_loaded", lambda: False)  # made off-thread, as at a real start
    monkeypatch.setattr(initial_data, "threading", SimpleNamespace(Thread=_DoneAtOnce))
    w = make_window()  # waits until the data is ready and trained on
    assert w.dataset.n_samples == 200 and w.document.version == 1
    assert w.boundary_view.dataset() is w.dataset
    assert "Two moons: 2 classes, 200 points" in w.data_panel.on_plot.text()
    assert "Generating" not in w.statusBar().currentMessage()


FRESH_START = r"""
import json, sys
from PySide6.QtWidgets import QApplication
from gui.window import first_data_process
from gui.window.initial_data import InitialData

if sys.argv[2] == "early":  # as the command line does, before the window's modules load
    first_data_process.start_early()
app = QApplication([])
made = InitialData()
seen = {}

def on_ready(ds, error):
    seen["points"], seen["error"] = (ds.n_samples if ds is not None else None), error
    seen["scikit_learn_here_at_ready"] = "sklearn" in sys.modules

def on_warm():
    seen["scikit_learn_here_when_warm"] = "sklearn.datasets" in sys.modules
    app.quit()

made.ready.connect(on_ready)
made.warm.connect(on_warm)
made.start(json.loads(sys.argv[1]))
app.exec()
print(json.dumps(seen))
"""


@pytest.mark.parametrize("child_started", ["early", "when_asked"])
def test_at_a_real_start_the_first_dataset_is_made_in_another_process_then_scikit_learn_is_imported_here(
    child_started,
):
    """The window's process does not import scikit-learn while the window is built and painted (the import held
    the interpreter half the time): the data comes from a child process, the import follows it."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", FRESH_START, json.dumps(MOONS), child_started],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["points"] == 60 and seen["error"] == ""
    assert seen["scikit_learn_here_at_ready"] is False
    assert seen["scikit_learn_here_when_warm"] is True


CLOSED_AT_ONCE = r"""
import json, multiprocessing, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from gui.window import first_data_process
from gui.window.initial_data import InitialData

first_data_process.start_early()
app = QApplication([])
made = InitialData()
got = []
made.ready.connect(lambda ds, error: got.append(ds))
made.start(json.loads(sys.argv[1]))
made.stop()  # the window closed before the data came
left = [p.name for p in multiprocessing.active_children()]
QTimer.singleShot(1500, app.quit)
app.exec()
print(json.dumps({"left": left, "handed_over": len(got)}))
"""


def test_a_window_closed_before_its_first_data_ends_the_child_process_that_makes_it():
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    out = subprocess.run(
        [sys.executable, "-c", CLOSED_AT_ONCE, json.dumps(MOONS)],
        cwd=root,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"left": [], "handed_over": 0}


def test_the_child_ends_quietly_when_the_app_ended_before_asking_for_its_dataset(capfd):
    """As when Qt cannot open a window (no display): the app aborts after the child has started, and the child's
    traceback of a pipe closed under it was printed below Qt's message."""
    from gui.window import first_data_process

    process, conn = first_data_process._start()
    conn.close()  # the app's end of the pipe, as its process ending closes it
    process.join(30)
    assert process.exitcode == 0
    assert "Traceback" not in capfd.readouterr().err


def test_the_first_datasets_process_gives_the_processor_to_the_window_first(qtbot):
    import os

    from gui.window import first_data_process

    ours = os.getpriority(os.PRIO_PROCESS, 0)
    if ours >= 19:
        pytest.skip("the tests run as nice as a process can be: the child cannot be nicer")
    process, _conn = first_data_process._start()
    try:  # the child changes its niceness as it starts
        qtbot.waitUntil(lambda: os.getpriority(os.PRIO_PROCESS, process.pid) != ours, timeout=30000)
        assert os.getpriority(os.PRIO_PROCESS, process.pid) == min(ours + first_data_process.NICER_BY, 19)
    finally:
        process.kill()
        process.join(5)


def _warm_up_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "import-scikit-learn" and t.is_alive()]


def _threads_released_by_join(released: threading.Event) -> SimpleNamespace:
    """``initial_data``'s threading, whose threads set ``released`` when someone joins them: a warm-up thread held
    on ``released`` goes on only if the window waits for it."""

    class Thread(threading.Thread):
        def join(self, timeout=None):
            released.set()
            super().join(timeout)

    return SimpleNamespace(Thread=Thread)


def test_when_warm_is_said_the_warm_up_thread_has_ended(qtbot, monkeypatch):
    """A thread still returning from its emit when the app quits on ``warm`` would be ended inside C++ frames at
    the interpreter's shutdown, which aborts the process: ``warm`` waits for it."""
    released = threading.Event()
    emit = InitialData._emit

    def emit_then_linger(self, signal, *args):  # a thread the scheduler leaves on its way out of the emit
        emit(self, signal, *args)
        if signal == "_warmed":
            released.wait(30)

    monkeypatch.setattr(initial_data, "threading", _threads_released_by_join(released))
    monkeypatch.setattr(initial_data, "_scikit_learn_imported", lambda: True)  # the data made here: no child
    monkeypatch.setattr(InitialData, "_emit", emit_then_linger)
    monkeypatch.setattr(initial_data.first_data_process, "import_scikit_learn", lambda: None)
    made = InitialData()
    alive_at_warm = []
    made.warm.connect(lambda: alive_at_warm.append(_warm_up_threads()))
    try:
        made.start(MOONS)
        qtbot.waitUntil(lambda: bool(alive_at_warm), timeout=30000)
        assert alive_at_warm == [[]]
    finally:
        released.set()


def test_a_window_closed_while_scikit_learn_is_imported_waits_for_the_import(qtbot, monkeypatch):
    importing, released = threading.Event(), threading.Event()

    def slow_import():  # under way until the window waits for it
        importing.set()
        released.wait(30)

    monkeypatch.setattr(initial_data, "threading", _threads_released_by_join(released))
    monkeypatch.setattr(initial_data, "_scikit_learn_imported", lambda: True)  # the data made here: no child
    monkeypatch.setattr(initial_data.first_data_process, "import_scikit_learn", slow_import)
    made = InitialData()
    try:
        made.start(MOONS)
        qtbot.waitUntil(importing.is_set, timeout=30000)
        made.stop()  # the window closes
        assert _warm_up_threads() == []
    finally:
        released.set()


def test_a_window_closed_before_its_data_thread_asked_starts_no_child_that_nobody_ends():
    """The window's close ended the child before the data thread got to ask it: the thread must not start another
    (it did, now and then, and it was left running)."""
    import multiprocessing

    from gui.panels.data_panel import generated_source
    from gui.window import first_data_process

    first_data_process.start_early()
    first_data_process.stop()  # the window closed
    with pytest.raises(first_data_process.FirstDataFailed):
        first_data_process.make(generated_source(MOONS), stopped=lambda: True)
    assert [p.name for p in multiprocessing.active_children()] == []
