"""What the window tells the person: the banner above the plot and the status bar's passing messages.

``Notices`` is the door the features get for that (``status``, ``invite``, ``dismiss``) instead of the window;
it also words what training reports (a divergence with its suggested learning rate, a limit reached, an error).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, QSize, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QSizePolicy, QStatusBar, QToolButton

from model.training.contract import AutoPause, Diverged, EpochLimitReached, TargetLossReached, TrainingFailure

#: px around the banner's words and buttons; in a short window
MARGINS, SHORT_MARGINS = (12, 6, 6, 6), (8, 2, 4, 2)


def format_rate(value: float) -> str:
    return f"{value:g}"


class Banner(QFrame):
    """A non-modal message above the plot, with an optional action button and a close button.

    Where the plot's column is narrow (a 1024 px screen, a larger desktop font) the action button goes under the
    text instead of beside it: its least width then sets no least width of the window. In a short window
    (``set_short``: large fonts on a 720 px screen) the words take at most two lines beside the button, no taller
    than the button (wrapped in a narrow column above it they took the plot's height): the whole text if it fits
    them, else the message's short form (``show_message(short=...)``: "New here?" beside "Open the lessons"), cut
    with "…" only if even that does not fit; the whole text is in the tooltip."""

    actionTriggered = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("banner")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(*MARGINS)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.label.setTextFormat(Qt.PlainText)  # messages quote names from files: never markup
        # the words on at most two lines, in a short window: shown instead of ``label`` (which keeps the whole text)
        self.line = QLabel()
        self.line.setTextFormat(Qt.PlainText)
        self.line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.line.hide()
        self._short = False
        self._short_text = ""  # the message's short form, for a short window where the whole does not fit
        self.action_button = QPushButton()
        self.action_button.setToolTip("Applies the change this message suggests.")
        self.action_button.clicked.connect(self._on_action)
        self._close = close = QToolButton()
        close.setText("\u2715")
        close.setAutoRaise(True)
        close.setToolTip("Hides this message.")
        close.clicked.connect(self.hide)
        self._stacked: bool | None = None
        self._arrange(stacked=False)
        self.hide()

    def button_below_text(self) -> bool:
        return bool(self._stacked)

    def short(self) -> bool:
        return self._short

    def set_short(self, short: bool) -> None:
        """The words on at most two lines, the button beside them (a short window); or wrapped, as many lines as
        they take."""
        if short == self._short:
            return
        self._short = short
        # narrower margins: two lines of words no taller than the button, and a few more letters on each
        self._grid.setContentsMargins(*(SHORT_MARGINS if short else MARGINS))
        self.label.setVisible(not short)
        self.line.setVisible(short)
        self._stacked = None
        self._arrange(stacked=self._wants_stacked(self.width()))
        self._fit_line()

    def _wants_stacked(self, width: int) -> bool:
        return not self._short and width < self._side_by_side_width()

    def _fit_line(self) -> None:
        if not self._short:
            return
        self._grid.activate()  # the line's width in the banner as it is now
        text = self.label.text()
        width, metrics = self.line.width(), self.line.fontMetrics()
        forms = [text] + ([self._short_text] if self._short_text else [])
        lines = next((lines for form in forms if len(lines := _wrapped(form, width, metrics)) <= 2), None)
        if lines is None:  # not even the short form fits two lines: its second line is cut
            first, *rest = _wrapped(forms[-1], width, metrics)
            lines = [first, metrics.elidedText(" ".join(rest), Qt.TextElideMode.ElideRight, width)]
        shown = "\n".join(lines)
        self.line.setText(shown)
        self.line.setToolTip(text if shown.replace("\n", " ") != text else "")

    def shown_text(self) -> str:
        """The words as drawn: the whole text, or (in a short window) its two lines at most, joined by a space."""
        return self.line.text().replace("\n", " ") if self._short else self.label.text()

    def _arrange(self, stacked: bool) -> None:
        """The button beside the text, or (``stacked``) under it, at the text's left edge."""
        if stacked == self._stacked:
            return
        self._stacked = stacked
        grid = self._grid
        for widget in (self.label, self.line, self.action_button, self._close):
            grid.removeWidget(widget)
        grid.addWidget(self.line if self._short else self.label, 0, 0)
        grid.setColumnStretch(0, 1)
        if stacked:
            grid.addWidget(self._close, 0, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.action_button, 1, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            grid.addWidget(self.action_button, 0, 1)
            grid.addWidget(self._close, 0, 2)

    def _side_by_side_width(self) -> int:
        margins = self._grid.contentsMargins()
        parts = [self.label.minimumSizeHint().width(), self._close.sizeHint().width()]
        if self.action_button.isVisibleTo(self):
            parts.append(self.action_button.sizeHint().width())
        spacing = max(0, self._grid.horizontalSpacing())
        return sum(parts) + spacing * (len(parts) - 1) + margins.left() + margins.right()

    def minimumSizeHint(self) -> QSize:
        """The stacked arrangement's least width: the narrowest the banner can be without cutting anything (on one
        line: the button and the close button beside a few letters)."""
        margins = self._grid.contentsMargins()
        spacing = max(0, self._grid.horizontalSpacing())
        if self._short:
            row = self.line.fontMetrics().horizontalAdvance("MMM\u2026") + spacing + self._close.sizeHint().width()
            if self.action_button.isVisibleTo(self):
                row += spacing + self.action_button.sizeHint().width()
            return QSize(row + margins.left() + margins.right(), super().minimumSizeHint().height())
        text_row = self.label.minimumSizeHint().width() + spacing + self._close.sizeHint().width()
        width = max(text_row, self.action_button.sizeHint().width()) + margins.left() + margins.right()
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        self._arrange(stacked=self._wants_stacked(event.size().width()))
        super().resizeEvent(event)
        self._fit_line()

    def show_message(self, text: str, action: str | None = None, short: str = "") -> None:
        """``text`` above the plot, with a button saying ``action``; ``short``: fewer words saying the same with the
        button, for a short window where ``text`` does not fit two lines beside it."""
        self.label.setText(text)
        self._short_text = short
        self.action_button.setVisible(bool(action))
        self.action_button.setText(action or "")
        self._arrange(stacked=self._wants_stacked(self.width()))
        self.show()
        self._fit_line()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    @Slot()
    def _on_action(self) -> None:
        self.hide()
        self.actionTriggered.emit()


def _wrapped(text: str, width: int, metrics) -> list[str]:
    """``text``'s words in lines of at most ``width`` pixels (a word longer than that alone on its line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


class Notices(QObject):
    """The banner and the status bar's messages. ``training_panel`` gives the learning rate a divergence
    message suggests (and takes it back when the person accepts) and the limits a stop names."""

    def __init__(self, banner: Banner, status_bar: QStatusBar, training_panel, parent=None):
        super().__init__(parent)
        self.banner = banner
        self.status_bar = status_bar
        self.training_panel = training_panel
        self._diverged_lr: float | None = None
        self._callback = None  # what the banner's button does besides a divergence's "Use ..."
        self._lasting = False  # the offer shown stays through ``dismiss`` (only another message or its own end hide it)
        self._rate_locked_tip = ""  # a lesson holds the learning rate: a divergence offers no other one
        self._run_message = ""  # the status bar's message about the run under way, which a new run takes away
        banner.actionTriggered.connect(self._on_banner_action)

    # ------------------------------------------------------------------ the door features get
    def status(self, text: str, timeout_ms: int = 8000) -> None:
        """A passing message in the status bar."""
        self.status_bar.showMessage(text, timeout_ms)

    def run_status(self, text: str, timeout_ms: int = 8000) -> None:
        """A status message that holds until the next run begins (why the run under way paused, a warning, or what
        to press to start one): ``new_run`` takes it away."""
        self._run_message = text
        self.status_bar.showMessage(text, timeout_ms)

    def run_notice(self, text: str, timeout_ms: int = 8000) -> None:
        """What the app decided about the run under way (it paused it, it warns of overfitting): above the plot,
        where it is read in every mode (presenter mode hides the status bar, and a menu's tips write over the status
        bar's message), and in the status bar until the next run. Play, Reset or new data take it away."""
        self.warn(text)
        self.run_status(text, timeout_ms)

    def new_run(self) -> None:
        """A new run began (Play, Reset, another model or data): the last run's message no longer describes it."""
        if self._run_message and self.status_bar.currentMessage() == self._run_message:
            self.status_bar.clearMessage()
        self._run_message = ""

    def invite(self, text: str, action: str, on_action, *, lasting: bool = False, short: str = "") -> None:
        """A non-blocking message above the plot with one button (e.g. the lessons at first start);
        a divergence message replaces it. A ``lasting`` offer (unsaved work to restore) stays when the person moves
        on (``dismiss``): ``withdraw`` takes it away once it no longer holds. ``short``: fewer words for a short
        window (``Banner.show_message``)."""
        self._diverged_lr = None
        self._callback = on_action
        self._lasting = lasting
        self.banner.show_message(text, action, short)

    def reword(self, text: str, on_action) -> None:
        """New words for the offer shown whose button does ``on_action`` (what it offers has changed); nothing
        when another message is shown, or none (the person closed it)."""
        if self._callback is not None and self._callback == on_action and self.banner.isVisible():
            self.banner.show_message(text, self.banner.action_button.text())

    def warn(self, text: str) -> None:
        """A message above the plot that asks nothing (something the person should know went wrong)."""
        self._diverged_lr = None
        self._callback = None
        self._lasting = False
        self.banner.show_message(text)

    def note(self, text: str) -> None:
        """A message above the plot that asks nothing and stays until closed or the person moves on: how something
        just done was understood (how a data file was read). An offer of unsaved work to restore keeps the banner:
        it is the one thing there that cannot be found again."""
        if self._lasting and self.banner.isVisible():
            return
        self.warn(text)

    def take_back(self, text: str) -> None:
        """Hides the banner if it still says ``text`` and offers nothing (a note about data that was replaced);
        any other message stays."""
        if self._callback is None and self._diverged_lr is None and self.banner.text() == text:
            self.banner.hide()

    def dismiss(self) -> None:
        """Hides the banner (the person moved on: new data, Play, Reset, another session), unless it shows a
        lasting offer: the work it offers to restore is still there."""
        if not self._lasting:
            self.banner.hide()

    def withdraw(self, on_action) -> None:
        """Hides the banner if its button still does ``on_action`` (an offer that no longer holds, such as
        Cancel once the file has been read); any other message stays."""
        if self._callback is not None and self._callback == on_action:
            self._callback = None
            self._lasting = False
            self.banner.hide()

    def set_rate_locked(self, locked: bool, tip: str = "") -> None:
        """While ``locked`` (a lesson holds the optimizer and its learning rate), a divergence message says so
        instead of offering a smaller rate; a message already shown loses its button."""
        self._rate_locked_tip = tip if locked else ""
        if locked and self._diverged_lr is not None:
            if not self.banner.isHidden():
                self.banner.show_message(self._without_suggestion(self.banner.label.text(), self._diverged_lr))
            self._diverged_lr = None

    # ------------------------------------------------------------------ what training reports
    def show_divergence(self, info: Diverged) -> None:
        lr = info.learning_rate
        if not math.isfinite(lr):
            lr = self.training_panel.learning_rate.value()
        epoch = int(info.snapshot.epoch)
        suggestion = lr / 10.0
        self._diverged_lr = suggestion
        if info.grew is None:
            what = "the last good weights were restored"
        else:  # a loss that grew while staying a number: nothing to restore
            lowest, now = info.grew
            what = (
                f"the training loss grew from its lowest, {lowest:.3g}, to {now:.3g} "
                "(still a number, but no longer learning)"
            )
        text = (
            f"Training diverged at epoch {epoch} with learning rate {format_rate(lr)}: {what}. "
            f"Try a learning rate of {format_rate(suggestion)}."
        )
        self._callback = None
        self._lasting = False
        if self._rate_locked_tip:  # the lesson fixed the rate: suggest nothing the person cannot do
            self._diverged_lr = None
            text = self._without_suggestion(text, suggestion)
            self.banner.show_message(text)
        else:
            self.banner.show_message(text, f"Use {format_rate(suggestion)}")
        self.run_status(text, 20000)

    def _without_suggestion(self, text: str, suggestion: float) -> str:
        return text.replace(f" Try a learning rate of {format_rate(suggestion)}.", f" {self._rate_locked_tip}")

    @Slot(object)
    def show_stopped(self, why: AutoPause) -> None:
        match why:
            case EpochLimitReached(max_epochs):
                self.run_notice(f"Paused: reached the epoch limit ({max_epochs}).", 8000)
            case TargetLossReached(target):
                self.run_notice(f"Paused: the training loss reached the target ({target:g}).", 8000)
            case _:  # a new kind of pause must get its own sentence, not silence
                raise TypeError(f"no sentence for training paused by {why!r}")

    def show_failure(self, failure: TrainingFailure) -> None:
        self.warn(f"Training stopped after an error: {failure.summary}")

    @Slot()
    def _on_banner_action(self) -> None:
        self._lasting = False
        if self._diverged_lr is not None:
            self.training_panel.set_learning_rate(self._diverged_lr)
            self._diverged_lr = None
        elif self._callback is not None:
            callback, self._callback = self._callback, None
            callback()
