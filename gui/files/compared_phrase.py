"""What the status bar says of the compared models a session file brought back: " with the compared model “Run 2”".

A session file keeps the models compared beside the main one (``model.storage.session_members``); opening it, or
restoring the unsaved work of a window that was closed or killed, adds them back. The person reads which, in the
sentence that says what was opened.
"""

from __future__ import annotations

from collections.abc import Sequence


def compared_phrase(names: Sequence[str]) -> str:
    """ " with the compared model “a”" / " with the compared models “a” and “b”" ("" for none), to end a
    sentence such as "Opened s.npz at epoch 40"."""
    if not names:
        return ""
    quoted = [f"\u201c{name}\u201d" for name in names]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
    return f" with the compared {'model' if len(quoted) == 1 else 'models'} {listed}"


__all__ = ["compared_phrase"]
