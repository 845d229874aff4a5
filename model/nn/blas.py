"""Run small matrix products on one BLAS thread.

The inspectors (probe, neuron maps, hidden space, health) multiply small
matrices in the GUI thread while the training thread keeps a core busy. With
OpenBLAS's default two threads such a product sometimes waits milliseconds for
a sleeping helper thread (p99 of a 576×32·32×32 product: ~15 ms against
~0.6 ms on one thread, measured on the 2-core target machine), so they limit
BLAS to one thread while they run, as the training worker does.
"""

from __future__ import annotations

import contextlib
from typing import Any

import numpy as np  # noqa: F401 - BLAS must be loaded before the controller looks for it

_controller = None
_unavailable = False


def one_blas_thread() -> contextlib.AbstractContextManager[Any]:
    """A context manager limiting BLAS to one thread (a no-op without threadpoolctl)."""
    global _controller, _unavailable
    if _unavailable:
        return contextlib.nullcontext()
    if _controller is None:
        try:
            from threadpoolctl import ThreadpoolController

            _controller = ThreadpoolController()
        except Exception:
            _unavailable = True
            return contextlib.nullcontext()
    return _controller.limit(limits=1, user_api="blas")
