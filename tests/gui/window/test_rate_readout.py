"""The status bar's rate while the perceptron goes through its first epoch at Watch, sample by sample."""

from PySide6.QtWidgets import QStatusBar

from gui.widgets.steady_label import SteadyLabel
from gui.window.readouts import Readouts
from tests.gui.plot.plot_helpers import snap


def _rates(qtbot, shown) -> list[str]:
    """The rate said after each of ``shown``: (seconds after the one before, epoch, progress within it or None)
    snapshots of a running run."""
    now = [100.0]
    bar = QStatusBar()
    qtbot.addWidget(bar)
    readouts = Readouts(bar, SteadyLabel("0"), lambda: True, clock=lambda: now[0])
    readouts.running_changed(True)
    said = []
    for seconds, epoch, progress in shown:
        now[0] += seconds
        readouts.show(snap(epoch=epoch, epoch_progress=progress))
        said.append(readouts.status_rate.text())
    return said


def test_within_the_first_epoch_the_rate_counts_samples_not_zero_epochs(qtbot):
    # 27 samples each half second
    said = _rates(qtbot, [(0, 0, (10, 160)), (0.5, 0, (37, 160)), (0.5, 0, (64, 160))])
    assert said[1] in ("54 samples/s", "54 smp/s") and said[2] in ("54 samples/s", "54 smp/s")


def test_before_the_first_sample_goes_by_the_rate_is_not_said_to_be_zero(qtbot):
    # the first snapshots of the run, before its first correction
    said = _rates(qtbot, [(0, 0, (0, 160)), (0.3, 0, (0, 160)), (0.3, 0, (12, 160))])
    assert said[1] == "starting\u2026" and said[2] in ("20 samples/s", "20 smp/s")


def test_whole_epochs_a_second_once_they_go_faster_than_one_a_second(qtbot):
    # the rest of the first epoch and two more in half a second, then ten more
    said = _rates(qtbot, [(0, 0, (80, 160)), (0.5, 3, None), (0.5, 13, None)])
    assert said[1] in ("5 epochs/s", "5/s") and said[2] in ("12 epochs/s", "12/s")


def test_a_model_without_samples_within_an_epoch_reads_epochs(qtbot):
    said = _rates(qtbot, [(0, 10, None), (0.5, 30, None)])
    assert said[1] in ("40 epochs/s", "40/s")
