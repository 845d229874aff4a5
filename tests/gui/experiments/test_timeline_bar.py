"""TimelineBar on its own, fed as the window feeds it: ``note_live_epoch`` with every snapshot of the main model as it
arrives, ``show_present`` with the snapshot the frame clock's readouts draw (later, at their own rate)."""

from __future__ import annotations

from gui.experiments.timeline_bar import TimelineBar


def _bar(qtbot) -> tuple[TimelineBar, list[tuple[int, int]]]:
    bar = TimelineBar()
    qtbot.addWidget(bar)
    bar.set_models([(7, "Main model")])
    moments: list[tuple[int, int]] = []
    bar.momentRequested.connect(lambda sid, epoch: moments.append((sid, epoch)))
    return bar, moments


def test_a_scrub_right_after_pause_counts_from_the_newest_epoch_not_from_the_readouts_late_frame(qtbot):
    """The interleaving that made the window's scrub test time out under load, made to happen in order.

    Scrubbed to epoch 5, the window draws that moment (the readouts' frame of it still to come); Play returns
    to the present and trains to epoch 66, Pause; then the readouts draw their late frame, the moment of
    epoch 5, just before ``scrub_to(5)``. The bar took that frame's epoch as the present: epoch 5 of 5 is the
    slider's right end, which means "live", so the scrub asked for nothing and nothing ever came.
    """
    bar, moments = _bar(qtbot)
    for epoch in (40, 63):
        bar.note_live_epoch(7, epoch)
        bar.show_present(7, epoch)
    bar.scrub_to(5)
    assert bar.scrubbing and moments == [(7, 5)]
    bar.go_live()  # Play
    for epoch in (64, 65, 66):  # its snapshots; Pause sends the last
        bar.note_live_epoch(7, epoch)
    bar.show_present(7, 5)  # the readouts' late frame: the moment drawn before Play
    bar.scrub_to(5)
    assert bar.scrubbing and moments == [(7, 5), (7, 5)]
    assert bar.label.text() == "epoch 5 of 66"


def test_the_bar_shows_the_readouts_epoch_and_branches_from_the_newest(qtbot):
    bar, _ = _bar(qtbot)
    branches: list[tuple[int, int]] = []
    bar.branchRequested.connect(lambda sid, epoch: branches.append((sid, epoch)))
    bar.note_live_epoch(7, 120)
    bar.show_present(7, 110)  # the readouts lag behind the snapshots
    assert bar.label.text() == "epoch 110 (live)" and bar.slider.maximum() == 110
    bar.branch_button.click()
    assert branches == [(7, 120)]
    bar.note_live_epoch(7, 0)  # Reset: the present goes back, and the readouts follow
    bar.show_present(7, 0)
    assert bar.label.text() == "epoch 0 (live)"


def test_the_slider_offers_only_the_moments_the_timeline_has(qtbot):
    """A session opened at epoch 143 keeps no moment before it: the slider starts there (its handle at the present,
    the label saying the earlier moments were not kept), and a scrub further back shows (and branches from) the
    first moment there is, saying so."""
    bar, moments = _bar(qtbot)
    branches: list[tuple[int, int]] = []
    bar.branchRequested.connect(lambda sid, epoch: branches.append((sid, epoch)))
    bar.note_first_moment(7, 143)
    bar.note_live_epoch(7, 143)
    bar.show_present(7, 143)
    assert not bar.slider.isEnabled()  # nothing to look back on, and the bar says why
    assert bar.label.text() == "epoch 143 (live; earlier moments not kept)"
    assert "before epoch 143 were not kept" in bar.slider.toolTip()
    assert bar.slider.value() == bar.slider.maximum() > bar.slider.minimum()  # the handle at the present, the right end
    bar.scrub_to(50)
    assert not bar.scrubbing and moments == []
    bar.branch_button.click()
    assert branches == [(7, 143)]

    bar.note_live_epoch(7, 243)  # trained on: 100 moments to look back on
    bar.show_present(7, 243)
    assert bar.slider.isEnabled() and bar.slider.maximum() == 100 and bar.label.text() == "epoch 243 (live)"
    bar.scrub_to(50)
    assert bar.scrubbing and moments == [(7, 143)] and bar.label.text() == "epoch 143 of 243"
    bar.branch_button.click()
    assert branches[-1] == (7, 143)
    bar.scrub_to(193)
    assert moments[-1] == (7, 193) and bar.label.text() == "epoch 193 of 243"
    bar.branch_button.click()  # before the moment's snapshot came: the moment asked for
    assert branches[-1] == (7, 193)


def test_a_new_run_has_its_handle_at_the_present_and_claims_no_lost_moments(qtbot):
    bar, _ = _bar(qtbot)
    bar.note_live_epoch(7, 0)
    bar.show_present(7, 0)
    assert bar.label.text() == "epoch 0 (live)" and not bar.slider.isEnabled()
    assert bar.slider.value() == bar.slider.maximum() and "not kept" not in bar.slider.toolTip()
