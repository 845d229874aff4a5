"""A dead training process is told in words: killed by which signal, or the exit code, never a bare number."""

import pytest

from model.training.contract import SessionProcessEnded


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (-9, "killed by SIGKILL, as when the computer runs out of memory"),
        (-11, "killed by SIGSEGV"),
        (3, "it ended with exit code 3"),
        (None, "it ended"),
        (-250, "killed by signal 250"),
    ],
)
def test_how_the_process_ended_is_said_in_words(code, said):
    assert SessionProcessEnded(code, "").summary == said
