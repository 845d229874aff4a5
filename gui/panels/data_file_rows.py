"""The data panel's rows for points read from a file: the file's name, its rows, its input columns, the column
predicted (the target, by the name the file gives it) and its classes.

They take the place of a generator's settings (points, noise, classes, seed, split), which do nothing for such
points: after opening a CSV the panel went on showing Two moons' noise and points per class as if they applied.
``file_facts`` is the text (pure); ``FileRows`` the labels in the panel's form.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel

from gui.panels.form import add_row

SHOWN_NAMES = 4  # column or class names written out; more are counted, and listed whole in the tooltip


def _names(names, what: str) -> str:
    """'x1, x2' or '64 pixel_0, pixel_1, pixel_2 … pixel_63' (the count, the first names and the last)."""
    names = [str(n) for n in names]
    if len(names) <= SHOWN_NAMES:
        return ", ".join(names)
    return f"{len(names)} {what}: {', '.join(names[: SHOWN_NAMES - 1])} \u2026 {names[-1]}"


def file_facts(dataset, source) -> list[tuple[str, str, str]]:
    """(row label, text, tooltip) of each row about the file ``source`` names and the ``dataset`` read from it."""
    n, n_test = dataset.n_samples, int(np.count_nonzero(dataset.is_test))
    edited = " (edited since)" if source.edited else ""
    features = list(dataset.feature_names)
    facts = [
        ("File", f"{source.name}{edited}", f"The file the points were read from: {source.name}."),
        ("Rows", f"{n:,} points ({n_test:,} test)", "The file's rows of data: one point each."),
        (
            "Inputs",
            _names(features, "columns"),
            "The file's columns the network takes as inputs: " + ", ".join(features) + ".",
        ),
    ]
    target = dataset.target_name  # the label column's name, "" when the file gives it none of its own
    if dataset.task == "regression":
        column = f"The column {target!r}" if target else "The label column"
        said = f"{target}: a number to predict (regression)" if target else "a number to predict (regression)"
        facts.append(("Target", said, f"{column} holds the numbers to fit."))
    else:
        if target:
            facts.append(("Target", target, f"The column {target!r} holds each point's class: what is predicted."))
        classes = [str(c) for c in dataset.class_names]
        facts.append(
            (
                "Classes",
                _names(classes, "classes") if len(classes) > SHOWN_NAMES else f"{len(classes)}: {', '.join(classes)}",
                "The label column's classes, in their order: " + ", ".join(classes) + ".",
            )
        )
    return facts


class FileRows:
    """The rows of ``file_facts`` in ``form`` (added where the form is built up to now), hidden until ``show``."""

    def __init__(self, form: QFormLayout):
        self.form = form
        self.values: dict[str, QLabel] = {}
        for label in ("File", "Rows", "Inputs", "Target", "Classes"):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)  # a file's own names, never markup
            value.setObjectName(f"dataFile{label}")
            add_row(form, label, value, "")
            self.values[label] = value
        self.show(None, None)

    def show(self, dataset, source) -> None:
        """The rows about ``dataset`` read from the file ``source`` names; none when either is None."""
        facts = {} if dataset is None or source is None else {f[0]: f for f in file_facts(dataset, source)}
        for label, value in self.values.items():
            fact = facts.get(label)
            if fact is not None:
                value.setText(fact[1])
                value.setToolTip(fact[2])
                buddy = self.form.labelForField(value)
                if buddy is not None:
                    buddy.setToolTip(fact[2])
            self.form.setRowVisible(value, fact is not None)

    def texts(self) -> dict[str, str]:
        """What each shown row says, by its label (for the tests and the screen reader's sake alike)."""
        return {label: value.text() for label, value in self.values.items() if not value.isHidden()}
