"""The text progress bar the headless trainer draws on stderr while it trains."""

from __future__ import annotations

import math
import sys
import time


# ------------------------------------------------------------------------------------ progress
class ProgressBar:
    """A one-line text progress bar with epoch, loss and speed, redrawn at most 10 times a second.

    On a terminal the line is redrawn in place; into a file or a pipe, a line is
    written at most once a second (and at the end), so logs stay readable.
    """

    WIDTH = 24

    def __init__(self, total: int, stream=None, first_epoch: int = 0):
        self.stream = sys.stderr if stream is None else stream
        self.total = max(0, int(total))
        self.first_epoch = int(first_epoch)
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = 0.1 if self.tty else 1.0
        self.start = time.perf_counter()
        self.last_draw = -math.inf
        self.width = 0
        self.drawn: int | None = None

    def update(self, done: int, loss: float, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self.last_draw < self.interval and done < self.total:
            return
        self.last_draw = now
        fraction = done / self.total if self.total else 1.0
        filled = round(self.WIDTH * fraction)
        rate = done / max(now - self.start, 1e-9)
        epoch = self.first_epoch + done
        text = (
            f"epoch {epoch:,} [{'#' * filled}{'.' * (self.WIDTH - filled)}] "
            f"{100 * fraction:3.0f}%  loss {_fmt(loss)}  {rate:,.0f} epochs/s"
        )
        if self.tty:
            self.stream.write("\r" + text.ljust(self.width))
            self.width = len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
        self.drawn = done

    def finish(self) -> None:
        if self.tty and self.drawn is not None:
            self.stream.write("\n")
            self.stream.flush()


def _fmt(value) -> str:
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:.6g}"
