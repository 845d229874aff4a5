"""What the status bar says once training restarted after its process died: the run, the timeline, the compared
models; shorter before the compared models' names, so that the whole line fits a 1024 px window."""

import pytest

from gui.window.process_restart import restart_sentence

BACK = "Compared model “Run 2” back from epoch 40 too."


@pytest.mark.parametrize(
    ("run", "resumed", "recovered_from", "compared", "said"),
    [
        (
            "Run 1",
            True,
            0,
            "",
            "Run 1 resumed from epoch 1,200 (training restarted from its last weights); the "
            "timeline was recovered back to epoch 0 (the moments the window drew).",
        ),
        (
            "Run 1",
            False,
            None,
            "",
            "Training restarted as a new run (Run 1 cannot go on: the model or the data "
            "changed); the timeline starts again here.",
        ),
        (None, False, None, "", "Training restarted from the weights of epoch 1,200; the timeline starts again here."),
        ("Run 1", True, 0, BACK, f"Run 1 resumed from epoch 1,200 (timeline back to epoch 0). {BACK}"),
        (
            "Run 1",
            False,
            None,
            BACK,
            f"Training restarted as a new run (Run 1's model or data changed) (new timeline). {BACK}",
        ),
        (None, False, 300, BACK, f"Training restarted from epoch 1,200 (timeline back to epoch 300). {BACK}"),
    ],
)
def test_the_restart_is_said_in_one_line(run, resumed, recovered_from, compared, said):
    assert restart_sentence(run, resumed, 1200, recovered_from, compared) == said
