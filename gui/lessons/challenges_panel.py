"""The "Challenges" dock: goals checked live while training.

``ChallengesPanel`` lists every challenge as a card: its title and goal, a status line (a coloured
\u2713 *and* the word "Met", or \u25cb and the reason it is not met yet, so colour is never the only
signal), the best result so far, a *Start* button (loads the challenge's setup) and a *Hint* button.

``ChallengeBoard`` is the logic behind it: it checks the active challenge against every snapshot the
training thread sends (a handful of comparisons; a best epoch is read from the snapshot's curves, which hold every
epoch since the last snapshot), keeps the best result of each challenge in the
window's QSettings (``challenges/<id>``) and updates the panel.

A challenge counts only from its first epoch on, and only on its own data: the points its Start generates
(``Challenge.check``). ``GeneratedData`` says where the document's points came from (its ``DataSource``: which
built-in dataset, with which settings): they count as generated only until a point is edited (undo puts the
source back with the points), and after a session round trip only when the generator it names makes exactly the
points the file holds.
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from gui.widgets import theme
from model.teaching.lesson_content import WAITING_FOR_TRAINING
from model.training.specs import ModelSpec

log = logging.getLogger(__name__)

# Cards in the palette's colours (palette(...)), so they read well in the light and dark themes.
PANEL_STYLE = """
QFrame#challengeCard { background: palette(base); border: 1px solid palette(mid); border-radius: 8px; }
QFrame#challengeCard[active="true"] { border: 2px solid #2f6fb0; }
QFrame#challengeCard[met="true"] { border: 2px solid #1b7a3a; }
QLabel#challengeTitle { font-size: 11pt; font-weight: 700; color: palette(text); }
QLabel#challengeHint { background: #fff8e1; border: 1px solid #e8d08a; border-radius: 6px; padding: 6px;
                       color: #4a3b00; }
QLabel#challengeBest { color: palette(text); }
"""


def describe_best(measure: str, value) -> str:
    """The stored best as words: '4 hidden neurons', 'epoch 310', 'test loss 0.0812', 'test accuracy 97.5%'."""
    if value is None:
        return "\u2014"
    v = float(value)
    if measure == "hidden_neurons":
        n = round(v)
        return f"{n} hidden neuron" + ("" if n == 1 else "s")
    if measure == "epoch":
        return f"epoch {round(v):,}"
    name = measure.replace("_", " ")
    if measure.endswith("score"):
        return f"{name.replace('score', 'accuracy')} {100 * v:.1f}%"
    return f"{name} {v:.4g}"


def spec_of_snapshot(snap, fallback=None):
    """The ModelSpec a snapshot was trained with (kind, hidden layers, activations, extra inputs)."""
    try:
        kind = snap.model_kind
        hidden = tuple(int(n) for n in snap.layer_sizes[1:-1]) if kind == "mlp" else ()
        acts = tuple(snap.activations)
        activation = acts if hidden and len(acts) == len(hidden) else "tanh"
        return ModelSpec(kind=kind, hidden_layer_sizes=hidden, activation=activation, features=tuple(snap.features))
    except (AttributeError, TypeError, ValueError):
        return fallback


class GeneratedData(QObject):
    """Which built-in dataset the document's points are: its ``DataSource``'s generator, so None once a point was
    added, moved or removed (until undone), for drawn or opened data, and for a session file's data unless the
    generator it names makes exactly those points (``model.storage.data_source_entry``)."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document

    def name(self) -> str | None:
        """The built-in dataset the current points are, or None once they were edited (or drawn, or loaded)."""
        return self.document.source.generator

    def source(self):
        """Where the current points came from (a ``DataSource``): a challenge counts only on its own."""
        return self.document.source


class ChallengeCard(QFrame):
    startRequested = Signal(str)

    def __init__(self, challenge, parent: QWidget | None = None):
        super().__init__(parent)
        self.challenge = challenge
        self.setObjectName("challengeCard")
        self.setProperty("active", False)
        self.setProperty("met", False)
        col = QVBoxLayout(self)
        col.setContentsMargins(10, 8, 10, 8)
        col.setSpacing(4)
        self.title_label = QLabel(challenge.title)
        self.title_label.setObjectName("challengeTitle")
        self.title_label.setWordWrap(True)
        self.text_label = QLabel(challenge.text)
        self.text_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("challengeStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.best_label = QLabel()
        self.best_label.setObjectName("challengeBest")
        self.best_label.setWordWrap(True)
        self.hint_label = QLabel(challenge.hint)
        self.hint_label.setObjectName("challengeHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.hide()
        buttons = QHBoxLayout()
        self.start_button = QPushButton("Start")
        self.start_button.setToolTip(
            "Loads this challenge's data, model and training settings, from epoch 0, "
            "and checks its goal while you train."
        )
        self.hint_button = QPushButton("Hint")
        self.hint_button.setCheckable(True)
        self.hint_button.setToolTip("Shows (or hides) a hint for this challenge.")
        for b in (self.start_button, self.hint_button):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.hint_button)
        buttons.addStretch(1)
        for w in (self.title_label, self.text_label, self.status_label, self.best_label):
            col.addWidget(w)
        col.addLayout(buttons)
        col.addWidget(self.hint_label)
        self.start_button.clicked.connect(self._on_start)
        self.hint_button.toggled.connect(self.hint_label.setVisible)
        self.met = False
        self.reason = ""
        self._active = False
        self._best = None
        self.set_status(False, False, "")
        self.set_best(None)
        theme.manager().changed.connect(self._on_theme)

    @Slot(object)
    def _on_theme(self, _theme) -> None:
        """The status and the best written again in the new theme's colours."""
        self.set_status(self._active, self.met, self.reason)
        self.set_best(self._best)

    def set_status(self, active: bool, met: bool, reason: str) -> None:
        """The status line in the theme's colours: a green \u2713 and "Met", a grey-blue \u25cb and "Not yet", or
        a soft "Press Start"."""
        self.met, self.reason, self._active = bool(met), reason, bool(active)
        now = theme.current()
        if met:
            html = (
                f"<span style='color:{now.done_text}; font-weight:700; font-size:13pt'>\u2713</span> "
                f"<span style='color:{now.done_text}; font-weight:700'>Met</span> \u2014 {_esc(reason)}"
            )
        elif active:
            html = (
                f"<span style='color:{now.pending_text}; font-size:12pt'>\u25cb</span> "
                f"<span style='color:{now.pending_text}'>Not yet: {_esc(reason)}</span>"
            )
        else:
            html = f"<span style='color:{now.qss['text_soft']}'>Press <b>Start</b> to try it.</span>"
        self.status_label.setText(html)
        changed = self.property("active") != active or self.property("met") != met
        self.setProperty("active", bool(active))
        self.setProperty("met", bool(met))
        if changed:  # re-apply the style sheet's [active] / [met] rules
            self.style().unpolish(self)
            self.style().polish(self)

    def set_best(self, value) -> None:
        self._best = value
        if value is None:
            soft = theme.current().qss["text_soft"]
            self.best_label.setText(f"<span style='color:{soft}'>Best: not solved yet</span>")
        else:
            self.best_label.setText(f"<b>Best:</b> \u2713 {describe_best(self.challenge.best, value)}")

    def status_text(self) -> str:
        return ("\u2713 Met \u2014 " if self.met else "") + self.reason

    @Slot()
    def _on_start(self) -> None:
        self.startRequested.emit(self.challenge.id)


class ChallengesPanel(QWidget):
    """A card per challenge; emits ``startRequested(id)``."""

    startRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(PANEL_STYLE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        self._col = QVBoxLayout(content)
        self._col.setContentsMargins(0, 0, 4, 0)
        self._col.setSpacing(8)
        scroll.setWidget(content)
        outer.addWidget(scroll)
        self.cards: dict[str, ChallengeCard] = {}

    def set_challenges(self, challenges) -> None:
        while self._col.count():
            item = self._col.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.cards.clear()
        for challenge in challenges:
            card = ChallengeCard(challenge)
            card.startRequested.connect(self.startRequested)
            self._col.addWidget(card)
            self.cards[challenge.id] = card
        if not challenges:
            self._col.addWidget(QLabel("No challenges found."))
        self._col.addStretch(1)


class ChallengeBoard(QObject):
    """Checks the active challenge on every live snapshot and keeps each challenge's best in QSettings."""

    bestImproved = Signal(str, float)  # challenge id, the new best value
    statusChanged = Signal(str, bool, str)  # challenge id, met, reason

    def __init__(
        self, *, controller, document, settings, model_panel, challenges, panel: ChallengesPanel, generated, parent=None
    ):
        super().__init__(parent)
        self.document = document
        self.settings = settings
        self.model_panel = model_panel
        self.challenges = {c.id: c for c in challenges}
        self.panel = panel
        self.generated = generated
        self.active: str | None = None
        self._last = None  # (met, reason) shown for the active challenge
        # The epoch after which the active challenge's run counts: its rules last seen broken, or its data last
        # changed (a session keeps its curves when its data changes: the epochs before were trained on other
        # points). The last epoch and data version checked: a smaller epoch is a new or rewound run, which
        # counts from its start.
        self._counted_from = 0
        self._last_epoch = 0
        self._last_version: int | None = None
        for cid, card in panel.cards.items():
            card.set_best(self.best(cid))
        controller.snapshotReady.connect(self._on_snapshot)

    # ------------------------------------------------------------------ bests (QSettings)
    def best(self, challenge_id: str):
        """The best kept for a challenge, or None; a best kept at epoch 0 is none: an untrained network's lucky
        guesses, which earlier versions counted (and which could never be beaten)."""
        stored = self.settings.load(f"challenges/{challenge_id}")
        if isinstance(stored, dict) and not (isinstance(stored.get("epoch"), int) and stored["epoch"] < 1):
            value = stored.get("best")
            if isinstance(value, (int, float)) and math.isfinite(value):
                return float(value)
        return None

    def solved(self) -> set:
        return {cid for cid in self.challenges if self.best(cid) is not None}

    def _store_best(self, challenge, value: float, snap) -> None:
        self.settings.save(f"challenges/{challenge.id}", {"best": value, "epoch": int(snap.epoch)})
        self.settings.sync()
        self.panel.cards[challenge.id].set_best(value)
        self.bestImproved.emit(challenge.id, value)

    # ------------------------------------------------------------------ the active challenge
    def activate(self, challenge_id: str | None) -> None:
        if self.active is not None and self.active in self.panel.cards:
            self.panel.cards[self.active].set_status(False, False, "")
        self.active = challenge_id if challenge_id in self.challenges else None
        self._last = None
        self._counted_from = self._last_epoch = 0
        self._last_version = None
        if self.active is not None:
            self.panel.cards[self.active].set_status(True, False, WAITING_FOR_TRAINING)

    def check(self, snap):
        """Checks the active challenge against `snap` (already known to fit the current data)."""
        challenge = self.challenges.get(self.active)
        if challenge is None:
            return None
        spec = spec_of_snapshot(snap, self.model_panel.model_spec())
        if snap.epoch < self._last_epoch:
            self._counted_from = 0
        elif snap.data_version != self._last_version:
            self._counted_from = snap.epoch
        self._last_epoch, self._last_version = snap.epoch, snap.data_version
        result = challenge.check(snap, spec, self.generated.source(), self._counted_from)
        if not result.counts:
            self._counted_from = snap.epoch
        if result.best_value is not None and challenge.is_better(result.best_value, self.best(challenge.id)):
            self._store_best(challenge, float(result.best_value), snap)
        shown = (result.met, result.reason)
        if shown != self._last:
            self._last = shown
            self.panel.cards[challenge.id].set_status(True, result.met, result.reason)
            self.statusChanged.emit(challenge.id, result.met, result.reason)
        return result

    @Slot(object)
    def _on_snapshot(self, snap) -> None:
        if self.active is None:
            return
        if getattr(snap, "data_version", None) != self.document.version:
            return  # trained on data edited since: the next snapshot will fit
        self.check(snap)


def _esc(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
