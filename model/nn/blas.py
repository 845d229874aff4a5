"""What the layers and inspectors need to know about the BLAS under NumPy: one thread, and which kernels.

*One thread.* The inspectors (probe, neuron maps, hidden space, health) multiply
small matrices in the GUI thread while the training thread keeps a core busy. With
OpenBLAS's default two threads such a product sometimes waits milliseconds for
a sleeping helper thread (p99 of a 576×32·32×32 product: ~15 ms against
~0.6 ms on one thread, measured on the 2-core target machine), so they limit
BLAS to one thread while they run, as the training worker does.

*Which kernels.* OpenBLAS picks its kernels for the CPU at start. Its Haswell kernels
take a product's rows four at a time, and a remainder of one to three rows costs
about as much as four more; its AVX-512 kernels (SkylakeX and later) do not (see
``remainder_rows_cost_a_block``).
"""

from __future__ import annotations

import contextlib
import functools
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


#: OpenBLAS's kernel families for AVX-512 CPUs (threadpoolctl's "architecture", lower case).
_AVX512_CORES = frozenset({"skylakex", "cooperlake", "sapphirerapids"})


@functools.cache
def openblas_core() -> str:
    """The kernel family OpenBLAS picked for this CPU, lower case ("haswell", "skylakex", ...), or "" when
    NumPy's BLAS is not OpenBLAS or threadpoolctl cannot tell."""
    try:
        from threadpoolctl import threadpool_info

        for info in threadpool_info():
            if info.get("internal_api") == "openblas":
                return str(info.get("architecture") or "").lower()
    except Exception:
        pass
    return ""


def remainder_rows_cost_a_block() -> bool:
    """Whether a product's rows past a multiple of four cost about as much as four more rows.

    Measured with OpenBLAS, float32, one thread, x1ᵀ·delta of 3 rows by 16 units: with its Haswell kernels
    at 10 000 samples one product took 58 µs and the rows apart (a product of the multiple of four, then a
    matrix-vector product per row left) 22 µs (2026-11-22); with its SkylakeX kernels on an AVX-512 CPU one
    product took 20 µs and the rows apart 32 µs, and from 1 000 to 10 000 samples and 3 to 33 rows one product
    was as fast or faster (2026-12-03). Other BLAS and kernels were not measured: they keep the Haswell answer.
    """
    return openblas_core() not in _AVX512_CORES
