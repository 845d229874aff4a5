"""The "Lesson" dock and the start page.

``LessonPanel`` shows one lesson: its title, where it stands in the journey, its text (Markdown from the
lesson file, rendered by a QTextBrowser at a comfortable size so that formulas such as
**z = w·x + b** stay legible), and Previous / Restart / Next buttons; a lesson shown but not open (closed, or
another lesson's, a challenge's or other data on the plot) is said above its text (``set_open``). It only emits
requests; the window-side wiring (``gui.lessons.lesson_actions``, ``gui.lessons.lesson_setup``) sets up the data,
model and views.

``StartPage`` is a non-modal dialog listing every lesson with its summary and every challenge, plus the
problems of lesson files that could not be read, and an "Offer the lessons when the app starts" check box.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui.widgets.screen_fit import resize_within_screen
from gui.widgets.unbroken_text import WORD_JOINER, formulas_unbroken, plain

#: Above a lesson shown but not set up (closed, or the data on the plot is not its own).
CLOSED_TEXT = (
    "This lesson is closed: nothing is locked, and the data and settings may no longer be its own. "
    "<b>Restart lesson</b> sets it up again."
)
TEXT_POINT_SIZE = 12.0  # the lesson text: larger than the app's 10 pt, for the formulas' sub- and superscripts
TEXT_FAMILIES = ["DejaVu Sans", "Segoe UI", "Helvetica Neue", "Noto Sans", "Sans Serif"]

# Colours from the palette (palette(...)), so the lesson and the start page read well in the light and dark themes.
PANEL_STYLE = """
QLabel#lessonTitle { font-size: 15pt; font-weight: 700; color: palette(window-text); }
QLabel#lessonPosition { color: palette(window-text); }
QLabel#lessonClosed { background: palette(alternate-base); color: palette(text); border: 1px solid palette(mid);
                      border-radius: 6px; padding: 6px; }
QTextBrowser#lessonText { background: palette(base); color: palette(text); border: 1px solid palette(mid);
                          border-radius: 6px; padding: 6px; }
"""

START_STYLE = """
QLabel#startHeading { font-size: 17pt; font-weight: 700; color: palette(window-text); }
QLabel#startSection { font-size: 12pt; font-weight: 700; color: palette(window-text); padding-top: 8px; }
QLabel#startErrors { background: #fff4e5; border: 1px solid #e0a040; border-radius: 6px; padding: 8px;
                     color: #5a3a00; }
QFrame#startItem { background: palette(base); border: 1px solid palette(mid); border-radius: 8px; }
QLabel#startSummary { color: palette(text); }
"""


def lesson_font(point_size: float = TEXT_POINT_SIZE) -> QFont:
    """A sans font with good Unicode coverage (σ, ∂, x₁, e⁻ᶻ) at a comfortable reading size."""
    font = QFont()
    font.setFamilies(TEXT_FAMILIES)
    font.setPointSizeF(point_size)
    return font


class LessonBrowser(QTextBrowser):
    """The lesson's text; a selection copied from it is the text as read: the word joiners that keep its formulas
    whole on screen (``formulas_unbroken``) stay behind, so "∂L/∂w" pasted elsewhere matches "∂L/∂w" typed."""

    def createMimeDataFromSelection(self) -> QMimeData:
        data = super().createMimeDataFromSelection()
        clean = QMimeData()
        if data.hasText():
            clean.setText(plain(data.text()))
        if data.hasHtml():
            clean.setHtml(data.html().replace(WORD_JOINER, ""))
        return clean


class LessonPanel(QWidget):
    """One lesson's text with Previous / Restart / Next; emits requests, never sets anything up itself."""

    previousRequested = Signal()
    nextRequested = Signal()
    restartRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lessonPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.lesson = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(6)

        self.position_label = QLabel()
        self.position_label.setObjectName("lessonPosition")
        self.title_label = QLabel("No lesson open")
        self.title_label.setObjectName("lessonTitle")
        self.title_label.setWordWrap(True)
        self.closed_label = QLabel(CLOSED_TEXT)
        self.closed_label.setObjectName("lessonClosed")
        self.closed_label.setWordWrap(True)
        self.closed_label.hide()
        layout.addWidget(self.position_label)
        layout.addWidget(self.title_label)
        layout.addWidget(self.closed_label)

        self.browser = LessonBrowser()
        self.browser.setObjectName("lessonText")
        self.browser.setOpenExternalLinks(True)
        self.browser.setFont(lesson_font())
        self.browser.document().setDefaultFont(lesson_font())
        self.browser.document().setDocumentMargin(8)
        self.browser.setMinimumWidth(240)
        self.browser.setToolTip("What this lesson shows, the formulas behind it, and what to try.")
        self.browser.setMarkdown("Open a lesson from the **Lessons** menu or from **Help \u25b8 Start page**.")
        layout.addWidget(self.browser, 1)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        self.previous_button = QPushButton("\u25c0 Previous")
        self.previous_button.setToolTip("Opens the previous lesson of the journey.")
        self.restart_button = QPushButton("Restart lesson")
        self.restart_button.setToolTip("Sets this lesson's data, model and views up again, from epoch 0.")
        self.next_button = QPushButton("Next \u25b6")
        self.next_button.setToolTip("Opens the next lesson of the journey.")
        for b in (self.previous_button, self.restart_button, self.next_button):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click must not steal Space (Play) from the plot
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self.previous_button.clicked.connect(self.previousRequested)
        self.restart_button.clicked.connect(self.restartRequested)
        self.next_button.clicked.connect(self.nextRequested)
        self._update_buttons(-1, 0)

    def show_lesson(self, lesson, index: int, count: int) -> None:
        """Shows `lesson` (a ``model.teaching.lessons.Lesson``), number `index` (0-based) of `count`."""
        self.lesson = lesson
        self.position_label.setText(f"Lesson {index + 1} of {count}")
        self.title_label.setText(lesson.title)
        self.browser.setMarkdown(formulas_unbroken(lesson.text))
        self.browser.document().setDefaultFont(lesson_font())
        self.browser.verticalScrollBar().setValue(0)
        self._update_buttons(index, count)

    def set_open(self, is_open: bool) -> None:
        """Says above the text whether the lesson shown is set up (open) or not: its data, settings and locks."""
        self.closed_label.setVisible(self.lesson is not None and not is_open)

    def text(self) -> str:
        return self.browser.toPlainText()

    def _update_buttons(self, index: int, count: int) -> None:
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(0 <= index < count - 1)
        self.restart_button.setEnabled(index >= 0)


class StartPage(QDialog):
    """Lessons with their summaries, challenges, and the problems of lesson files; non-modal."""

    lessonRequested = Signal(str)  # lesson id
    challengeRequested = Signal(str)  # challenge id
    showAtStartChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("startPage")
        self.setWindowTitle("Start page \u2014 Neural Playground")
        self.setModal(False)
        self.setStyleSheet(START_STYLE)
        resize_within_screen(self, 640, 720)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 14, 16, 12)
        outer.setSpacing(8)
        heading = QLabel("Welcome to Neural Playground")
        heading.setObjectName("startHeading")
        intro = QLabel(
            "A guided path from a single neuron to backpropagation. Each lesson sets up the data, "
            "the model and the views, and explains what to try; press <b>Play</b> (Space) to watch "
            "the network learn. Challenges are goals checked live while you train."
        )
        intro.setWordWrap(True)
        outer.addWidget(heading)
        outer.addWidget(intro)
        self.errors_label = QLabel()
        self.errors_label.setObjectName("startErrors")
        self.errors_label.setWordWrap(True)
        self.errors_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.errors_label.hide()
        outer.addWidget(self.errors_label)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._content = QWidget()
        self._list = QVBoxLayout(self._content)
        self._list.setContentsMargins(0, 0, 6, 0)
        self._list.setSpacing(6)
        scroll.setWidget(self._content)
        outer.addWidget(scroll, 1)

        bottom = QHBoxLayout()
        self.show_at_start = QCheckBox("Offer the lessons when the app starts")
        self.show_at_start.setChecked(True)
        self.show_at_start.setToolTip(
            "Untick to start straight on the plot; Help \u25b8 Start page opens this page again."
        )
        self.show_at_start.toggled.connect(self.showAtStartChanged)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setToolTip(
            "Closes this page (Help \u25b8 Start page opens it again)."
        )
        bottom.addWidget(self.show_at_start, 1)
        bottom.addWidget(buttons)
        outer.addLayout(bottom)
        self.lesson_buttons: dict[str, QPushButton] = {}
        self.challenge_buttons: dict[str, QPushButton] = {}

    def set_content(self, lessons, challenges, errors, solved: set | None = None) -> None:
        """Lists `lessons` and `challenges`; `errors` are LessonError messages (each names its file)."""
        solved = solved or set()
        while self._list.count():
            item = self._list.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.lesson_buttons.clear()
        self.challenge_buttons.clear()
        self._section("Lessons")
        for k, lesson in enumerate(lessons):
            button = self._item(
                f"{k + 1}. {lesson.title}",
                lesson.summary,
                "Open",
                f"Opens the lesson \u201c{lesson.title}\u201d: its data, model, views and text.",
            )
            button.setProperty("itemId", lesson.id)
            button.clicked.connect(self._on_lesson_clicked)
            self.lesson_buttons[lesson.id] = button
        if not lessons:
            self._list.addWidget(QLabel("No lessons found."))
        self._section("Challenges")
        for challenge in challenges:
            mark = "\u2713 " if challenge.id in solved else ""
            button = self._item(
                f"{mark}{challenge.title}",
                challenge.text,
                "Start",
                f"Starts the challenge \u201c{challenge.title}\u201d from its setup.",
            )
            button.setProperty("itemId", challenge.id)
            button.clicked.connect(self._on_challenge_clicked)
            self.challenge_buttons[challenge.id] = button
        if not challenges:
            self._list.addWidget(QLabel("No challenges found."))
        self._list.addStretch(1)
        self.set_errors(errors)

    def set_errors(self, errors) -> None:
        if errors:
            lines = "".join(f"<li>{_escape(e)}</li>" for e in errors)
            self.errors_label.setText(
                f"<b>\u26a0 Some lesson files could not be used</b> and were skipped:"
                f"<ul style='margin:2px 0 0 -20px'>{lines}</ul>"
            )
            self.errors_label.show()
        else:
            self.errors_label.clear()
            self.errors_label.hide()

    def errors_text(self) -> str:
        return self.errors_label.text() if not self.errors_label.isHidden() else ""

    def _section(self, title: str) -> None:
        label = QLabel(title)
        label.setObjectName("startSection")
        self._list.addWidget(label)

    def _item(self, title: str, summary: str, action: str, tip: str) -> QPushButton:
        frame = QFrame()
        frame.setObjectName("startItem")
        row = QHBoxLayout(frame)
        row.setContentsMargins(10, 8, 10, 8)
        text = QVBoxLayout()
        text.setSpacing(2)
        t = QLabel(f"<b>{_escape(title)}</b>")
        t.setWordWrap(True)
        text.addWidget(t)
        if summary:
            s = QLabel(summary)
            s.setObjectName("startSummary")
            s.setWordWrap(True)
            text.addWidget(s)
        row.addLayout(text, 1)
        button = QPushButton(action)
        button.setToolTip(tip)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._list.addWidget(frame)
        return button

    @Slot()
    def _on_lesson_clicked(self) -> None:
        self.lessonRequested.emit(str(self.sender().property("itemId")))

    @Slot()
    def _on_challenge_clicked(self) -> None:
        self.challengeRequested.emit(str(self.sender().property("itemId")))


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
