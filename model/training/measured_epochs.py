"""At which epochs a session measures its test loss and scores while it trains a chunk of epochs.

The training loss of every epoch falls out of training for free; the test loss, the training score and the test
score need a pass over the training and the test set (``SessionMeasures._evaluate``). A session measures them at
the end of every ``step`` call, and within a call after the epochs this schedule names: every epoch of the first
``2 * PER_OCTAVE`` (32), then ``PER_OCTAVE`` evenly spaced epochs in each doubling of the epoch count (every 2nd
epoch from 32 to 64, every 4th from 64 to 128, ...). So the curves' test line and scores show measurements
everywhere a person looks: the start of a run, where the loss falls fastest, is measured every epoch even when the
window trains hundreds of epochs in one chunk; later on, two measurements are never more than 1/16 of the epochs
run apart (a pixel or two of the curves' width on the log epoch axis, a few on the linear one).

The cost is bounded by the count: 32 + 16·log2(epochs / 32) measurements in a run, ~165 in 10 000 epochs, ~310 in a
million; a measurement costs ~0.3 to 2.3 epochs (2.3 for 200 moons in full batch, where NumPy's fixed cost per call
rules; less on more points and on mini-batches). 32 a doubling measured twice the cost (bench/README.md, "Measuring
within a chunk") for lines a person could not tell apart. The epochs are power-of-two multiples, so a long run's
thinned history (``History``'s stride, a power of two) keeps them.
"""

from __future__ import annotations

#: Measurements per doubling of the epoch count, after the first ``2 * PER_OCTAVE`` epochs (all measured).
PER_OCTAVE = 16


def _spacing(epoch: int) -> int:
    """The power of two at or below ``epoch / PER_OCTAVE`` (1 below ``2 * PER_OCTAVE``)."""
    return 1 << (max(1, epoch // PER_OCTAVE).bit_length() - 1)


def measured_after(epoch: int) -> bool:
    """Whether the test loss and scores are measured after ``epoch`` (1-based) epochs, within a chunk."""
    return epoch % _spacing(epoch) == 0


def next_measured(epoch: int) -> int:
    """The first epoch after ``epoch`` that ``measured_after`` names (a chunk's loop compares one number an epoch).

    The next multiple of the spacing at ``epoch + 1`` is it: an octave's first epoch is a multiple of every
    smaller spacing, and of its own."""
    first = max(1, int(epoch) + 1)
    spacing = _spacing(first)
    return -(-first // spacing) * spacing
