"""The real main window, offscreen, for the drawing and live sections.

The window gets its own settings file (never the user's), the issue's network
(2-16-16-1 tanh) and full-batch SGD at learning rate 0.1, as fast as possible.
"""

from __future__ import annotations

import os
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from bench.common import HIDDEN, LEARNING_RATES


class Unavailable(Exception):
    """The main window cannot be built here (not written yet, or Qt missing)."""


def application():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["bench"])


def process_for(seconds: float) -> None:
    """Run the event loop for ``seconds`` (wall time)."""
    from PySide6.QtWidgets import QApplication

    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QApplication.processEvents()
        time.sleep(0.001)


def wait_until(condition, timeout: float = 20.0) -> bool:
    from PySide6.QtWidgets import QApplication

    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        QApplication.processEvents()
        if condition():
            return True
        time.sleep(0.002)
    return False


def dataset(n: int):
    """n two-moons points (noise 0.2) as the app generates them (its plot scale, 20 % test)."""
    from model.data.generators import make

    return make("moons", n_samples=n, noise=0.2, seed=0, test_fraction=0.2)


def model_spec():
    from model.training.specs import ModelSpec

    return ModelSpec(kind="mlp", hidden_layer_sizes=HIDDEN, activation="tanh", alpha=0.0)


def train_spec(dtype: str = "float32"):
    from model.training.specs import TrainSpec

    return TrainSpec(optimizer="sgd", learning_rate=LEARNING_RATES["sgd"], batch_size=None, dtype=dtype)


class Window:
    """A MainWindow shown offscreen at 1280×820 with the benchmark's settings."""

    def __init__(self):
        try:
            from PySide6.QtCore import QSettings

            from gui.main_window import MainWindow, apply_style
        except ImportError as error:
            raise Unavailable(f"main window not available ({type(error).__name__}: {error})") from error
        self.app = application()
        apply_style(self.app)
        self._dir = tempfile.TemporaryDirectory(prefix="bench-settings-")
        ini = os.path.join(self._dir.name, "settings.ini")
        self.w = MainWindow(settings=QSettings(ini, QSettings.IniFormat))
        self.w.resize(1280, 820)
        self.w.show()
        if not wait_until(lambda: self.w.data_ready and self.snapshot() is not None):
            raise Unavailable("main window did not show a first snapshot within 20 s")
        self.w.model_panel.set_model_spec(model_spec())
        # flat out, never pausing by itself: the bench measures how fast the window trains, not the pace a
        # person watches at
        self.w.training_panel.set_params(
            {
                "optimizer": "sgd",
                "learning_rate": LEARNING_RATES["sgd"],
                "batch_size": 0,
                "pace": "max",
                "pause_on_plateau": False,
                "warn_overfitting": False,
            }
        )
        self.w.controller.set_pace("max")
        self.w.controller.set_train_spec(train_spec())  # the panel has no dtype: float32, the default

    def snapshot(self):
        return self.w.controller.latest_snapshot

    def set_data(self, ds) -> int:
        """Show ``ds`` (as a generated dataset would be) and wait for a snapshot trained on it."""
        self.w.document.set_dataset(ds)
        version = self.w.document.version
        wait_until(lambda: self.snapshot() is not None and self.snapshot().data_version == version)
        return version

    def close(self):
        self.w.controller.pause()
        self.w.close()
        process_for(0.2)
        self._dir.cleanup()
