"""Test helper: the hypothesis budget of the file fuzzers.

``make test`` runs them with a small budget; ``make fuzz`` sets ``NEURAL_PLAYGROUND_FUZZ_EXAMPLES``
to run each for longer (the examples a fuzzer tries grow with the budget, so rarer shapes of
hostile files are reached).
"""

import os

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("NEURAL_PLAYGROUND_FUZZ_EXAMPLES", "50"))

FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
