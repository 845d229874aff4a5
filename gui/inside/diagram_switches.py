"""The network diagram's bookkeeping of the units switched off: which set it asked training for, which the
snapshots carry, and which units new layers switched on again.

A click on a switch asks for a whole set of units off (``ask``); the diagram shows that set until a snapshot
carries it, the hidden layers change, or ``ASKED_UNITS_TTL_S`` passes (a request answered in another way, e.g.
a session file opened meanwhile), so quick clicks build on each other (``shown``). Every snapshot, drawn or not,
goes through ``note_snapshot``: when the hidden layers change, the units off before that the new layers lack
are named in ``switched_on`` (for the legend) until the next click.
"""

from __future__ import annotations

import time

from model.nn.units_off import names, split_fitting

#: How long the diagram shows the units it asked to switch off before trusting the snapshots again (a request
#: answered in another way, e.g. a session file opened meanwhile).
ASKED_UNITS_TTL_S = 3.0


def hidden_sizes(snap) -> tuple[int, ...]:
    return tuple(int(s) for s in snap.layer_sizes[1:-1])


class UnitSwitchBook:
    """The units off asked for, the last snapshot's, and those new layers switched on again."""

    def __init__(self) -> None:
        # (monotonic time, hidden sizes, units) of the last switch clicked
        self.asked: tuple[float, tuple[int, ...], frozenset] | None = None
        self.known: tuple[tuple[int, ...], frozenset] | None = None  # (hidden sizes, units off) of the last snapshot
        self.switched_on = ""  # the units new layers switched on again, for the legend

    def note_snapshot(self, snap) -> bool:
        """Every snapshot: True when new hidden layers lack units that were off (``switched_on`` names them)."""
        hidden = hidden_sizes(snap)
        known, changed = self.known, False
        if known is not None and known[0] != hidden:
            before = self.asked[2] if self.asked is not None and self.asked[1] == known[0] else known[1]
            _, gone = split_fitting(before, hidden)
            if gone:
                self.switched_on = ", ".join(names(gone))
                changed = True
        self.known = (hidden, frozenset(snap.units_off))
        return changed

    def shown(self, snap) -> frozenset:
        """The snapshot's units switched off, or those asked for while no snapshot carries them yet."""
        hidden = hidden_sizes(snap)
        units = frozenset(snap.units_off)
        asked = self.asked
        if asked is not None and (
            asked[2] == units or asked[1] != hidden or time.monotonic() - asked[0] > ASKED_UNITS_TTL_S
        ):
            self.asked = asked = None
        return asked[2] if asked is not None else units

    def ask(self, snap, units: frozenset) -> None:
        """``units`` (all others on) were asked for on the network of ``snap``."""
        self.asked = (time.monotonic(), hidden_sizes(snap), units)
        self.switched_on = ""
