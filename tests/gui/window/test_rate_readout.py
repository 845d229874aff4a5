"""The status bar's rate while the perceptron goes through its first epoch at Watch, sample by sample."""

from types import SimpleNamespace

from PySide6.QtWidgets import QStatusBar

from gui.widgets.steady_label import SteadyLabel
from gui.window.readouts import Readouts


def _snap(epoch, progress=None):
    return SimpleNamespace(
        epoch=epoch,
        train_loss=0.5,
        test_loss=0.6,
        train_score=0.8,
        test_score=0.7,
        task="classification",
        epoch_progress=progress,
    )


def _readouts(qtbot, now):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    readouts = Readouts(bar, SteadyLabel("0"), lambda: True, clock=lambda: now[0])
    readouts.running_changed(True)
    return readouts


def test_within_the_first_epoch_the_rate_counts_samples_not_zero_epochs(qtbot):
    now = [100.0]
    readouts = _readouts(qtbot, now)
    readouts.show(_snap(0, (10, 160)))
    now[0] += 0.5
    readouts.show(_snap(0, (37, 160)))  # 27 samples in half a second
    assert readouts.status_rate.text() in ("54 samples/s", "54 smp/s")
    now[0] += 0.5
    readouts.show(_snap(0, (64, 160)))
    assert readouts.status_rate.text() in ("54 samples/s", "54 smp/s")


def test_before_the_first_sample_goes_by_the_rate_is_not_said_to_be_zero(qtbot):
    now = [100.0]
    readouts = _readouts(qtbot, now)
    readouts.show(_snap(0, (0, 160)))
    now[0] += 0.3
    readouts.show(_snap(0, (0, 160)))  # the first snapshots of the run, before its first correction
    assert readouts.status_rate.text() == "starting\u2026"
    now[0] += 0.3
    readouts.show(_snap(0, (12, 160)))
    assert readouts.status_rate.text() in ("20 samples/s", "20 smp/s")


def test_whole_epochs_a_second_once_they_go_faster_than_one_a_second(qtbot):
    now = [100.0]
    readouts = _readouts(qtbot, now)
    readouts.show(_snap(0, (80, 160)))
    now[0] += 0.5
    readouts.show(_snap(3))  # the rest of the first epoch and two more in half a second
    assert readouts.status_rate.text() in ("5 epochs/s", "5/s")
    now[0] += 0.5
    readouts.show(_snap(13))
    assert readouts.status_rate.text() in ("12 epochs/s", "12/s")


def test_a_model_without_samples_within_an_epoch_reads_epochs(qtbot):
    now = [100.0]
    readouts = _readouts(qtbot, now)
    readouts.show(_snap(10))
    now[0] += 0.5
    readouts.show(_snap(30))
    assert readouts.status_rate.text() in ("40 epochs/s", "40/s")
