"""Count the NumPy calls one training epoch makes.

How: while counting, every array the model allocates (``np.empty``, ``np.zeros``, ...)
is a view of ``_Counted``, an ndarray subclass whose ``__array_ufunc__`` and
``__array_function__`` add one to a counter and then run the plain operation. So
every ufunc (also ``z += b`` and ``a.sum()``), ``np.dot``, ``np.copyto``, an array
copy ``a[...] = b``... that touches a model array counts once; what NumPy does inside that call does not.
Plain Python (attribute look-ups, float arithmetic) is not counted: it is the
overhead the limit leaves out.
"""

from __future__ import annotations

import contextlib
import functools
from collections import Counter

import numpy as np

_counts: Counter = Counter()
_active = [False]


def _plain(value):
    if isinstance(value, _Counted):
        return value.view(np.ndarray)
    if isinstance(value, (tuple, list)):
        return type(value)(_plain(v) for v in value)
    return value


def _wrap(value):
    if type(value) is np.ndarray:
        return value.view(_Counted)
    return value


class _Counted(np.ndarray):
    """An ndarray that counts the NumPy calls made on it (see the module docstring)."""

    def __array_ufunc__(self, ufunc, method, *inputs, out=None, **kwargs):
        if _active[0]:
            _counts[ufunc.__name__ if method == "__call__" else f"{ufunc.__name__}.{method}"] += 1
        if out is not None:
            kwargs["out"] = _plain(out)
        result = getattr(ufunc, method)(*_plain(inputs), **kwargs)
        if out is not None:
            return out[0] if len(out) == 1 else out
        return _wrap(result)

    def __setitem__(self, key, value):
        # ``a[...] = b`` copies in one NumPy call like ``np.copyto``: it counts too.
        if _active[0] and isinstance(value, np.ndarray):
            _counts["setitem"] += 1
        np.ndarray.__setitem__(self.view(np.ndarray), key, _plain(value))

    def __array_function__(self, func, types, args, kwargs):
        if _active[0]:
            _counts[func.__name__] += 1
        out = kwargs.get("out")
        result = func(*_plain(args), **{k: _plain(v) for k, v in kwargs.items()})
        return out if out is not None else _wrap(result)


_CONSTRUCTORS = (
    "empty",
    "empty_like",
    "zeros",
    "zeros_like",
    "ones",
    "ones_like",
    "full",
    "full_like",
    "array",
    "asarray",
    "ascontiguousarray",
)


@contextlib.contextmanager
def counted_arrays():
    """Within this block, arrays that NumPy constructors make are counting arrays."""
    originals = {name: getattr(np, name) for name in _CONSTRUCTORS}

    def make(original):
        def constructor(*args, **kwargs):
            return _wrap(original(*args, **kwargs))

        return constructor

    try:
        for name, original in originals.items():
            setattr(np, name, make(original))
        yield
    finally:
        for name, original in originals.items():
            setattr(np, name, original)


@contextlib.contextmanager
def counting():
    """Count the calls made within this block; yields the Counter (filled on exit)."""
    result: Counter = Counter()
    _counts.clear()
    _active[0] = True
    try:
        yield result
    finally:
        _active[0] = False
        result.update(_counts)


def calls_per_epoch(make_session, epochs: int = 3) -> Counter:
    """NumPy calls of one epoch of ``session.step``, by name.

    ``make_session()`` builds the session (inside ``counted_arrays``). The per-call
    costs of ``step`` itself (its final evaluation) cancel: we count ``step(1 + k)``
    minus ``step(1)``, divided by k.
    """
    with counted_arrays():
        session = make_session()
        session.step(2)  # allocate work arrays
        with counting() as one:
            session.step(1)
        with counting() as many:
            session.step(1 + epochs)
    per_epoch = Counter()
    for name in set(one) | set(many):
        diff = many[name] - one[name]
        if diff % epochs:
            raise RuntimeError(f"{name}: {diff} calls in {epochs} epochs is not a whole number per epoch")
        if diff:
            per_epoch[name] = diff // epochs
    return per_epoch


def _demo():
    from bench.common import make_session

    for opt in ("sgd", "adam"):
        for dtype in ("float64", "float32"):
            counts = calls_per_epoch(functools.partial(make_session, 200, opt, dtype))
            print(opt, dtype, sum(counts.values()), dict(sorted(counts.items())))


if __name__ == "__main__":
    _demo()
