"""Shared fixtures for the GUI tests: offscreen Qt, and no QThread may outlive a test."""
import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest  # noqa: E402
from PySide6.QtCore import QThread  # noqa: E402


def _running_qthreads() -> list:
    main = QThread.currentThread()  # the GUI thread itself is always "running"
    running = []
    for obj in gc.get_objects():
        try:
            if isinstance(obj, QThread) and obj is not main and obj != main and obj.isRunning():
                running.append(obj)
        except (RuntimeError, ReferenceError):  # C++ object already deleted
            continue
    return running


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
