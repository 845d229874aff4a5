"""The confusion matrix in the real window: opened from the View menu, it follows the timeline (a past moment's
matrix is made from that moment's predictions) and comes back to the present with it."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import confusion_matrix


def test_the_matrix_follows_the_timeline_to_an_early_epoch_and_back(qtbot, make_window):
    w = make_window(dataset="moons", seed=0)
    items = [a.text() for a in w.menus.view.actions()]
    assert "Confusion matrix and class scores" in items
    w.confusion.view_action.trigger()
    view = w.confusion.view
    qtbot.waitUntil(view.isVisible, timeout=5000)
    view.set_split("train")
    w.controller.step(80)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch == 80, timeout=10000)
    live = w.controller.latest_snapshot
    qtbot.waitUntil(lambda: view.snapshot is live, timeout=5000)
    view.flush()
    ds = w.document.dataset
    train = ~ds.is_test

    def expected(snap):
        return confusion_matrix(ds.y[train], np.asarray(snap.predictions)[train], labels=[0, 1])

    assert np.array_equal(view.scores.counts, expected(live))
    live_counts = view.scores.counts.copy()

    bar = w.experiments.timeline
    bar.scrub_to(0)
    qtbot.waitUntil(lambda: w.experiments._moment is not None and w.experiments._moment.epoch == 0, timeout=10000)
    moment = w.experiments._moment
    qtbot.waitUntil(lambda: view.snapshot is moment, timeout=5000)
    view.flush()
    assert np.array_equal(view.scores.counts, expected(moment))
    assert not np.array_equal(view.scores.counts, live_counts)  # the untrained model gets other points wrong

    bar.live_button.click()
    qtbot.waitUntil(lambda: view.snapshot is w.controller.latest_snapshot, timeout=5000)
    view.flush()
    assert np.array_equal(view.scores.counts, live_counts)
