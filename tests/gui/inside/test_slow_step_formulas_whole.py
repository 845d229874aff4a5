"""The slow step's captions wrap between formulas, never inside one: at every width of the caption, "∂L/∂w" and
"1 − a²" each stand on one line (Qt would otherwise break after the "/" or at the spaces)."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel

from gui.inside.slow_step_text import Phase, phase_caption
from model.data.dataset import Dataset
from model.data.generators import make_dataset
from model.inside.step_phases import take_slow_step
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.gui.text_lines import broken_inside, laid_out_lines

NARROW_CAPTION = 204  # px: the slow step's caption in the diagram dock at its default width, 1024×700
FORMULAS = ("∂L/∂w", "∂L/∂b", "∂L/∂a", "∂L/∂z", "1 − a²", "δ·a", "f′(z)")


def test_no_caption_formula_is_broken_across_lines(qtbot):
    X, y = make_dataset("moons", 50, 0.2, seed=4, n_classes=2)
    ds = Dataset.from_arrays(X, y, task="classification", seed=0)
    session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(8, 8)), TrainSpec(dtype="float64"), seed=1)
    session.step(2)
    phases = take_slow_step(session)
    label = QLabel()  # the caption's font
    qtbot.addWidget(label)
    for phase in (Phase("backward", 1), Phase("backward", 2), Phase("backward", 3)):
        html = phase_caption(phases, phase)
        for width in range(240, 640, 6):
            document = QTextDocument()
            document.setDefaultFont(label.font())
            document.setHtml(html)
            document.setTextWidth(width)
            lines = laid_out_lines(document)
            for formula in FORMULAS:
                assert not broken_inside(lines, formula), f"{formula!r} broken at {width} px: {lines}"


def test_a_formula_copied_from_the_caption_is_the_text_as_read(qtbot):
    """Selected and copied (Ctrl+C), the caption's "∂L/∂z" pastes as typed: the invisible joiners that keep it whole
    on screen came along, so it matched nothing typed by hand."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from gui.widgets.formula_label import FormulaLabel

    label = FormulaLabel()
    qtbot.addWidget(label)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    X, y = make_dataset("moons", 50, 0.2, seed=4, n_classes=2)
    ds = Dataset.from_arrays(X, y, task="classification", seed=0)
    session = TrainingSession(ds, ModelSpec(hidden_layer_sizes=(8, 8)), TrainSpec(dtype="float64"), seed=1)
    session.step(2)
    label.setText(phase_caption(take_slow_step(session), Phase("backward", 1)))
    label.show()
    qtbot.waitExposed(label)
    label.select_all()
    assert "\u2060" in label.selectedText()  # kept whole on screen by joiners
    QApplication.clipboard().clear()
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text()
    assert "\u2202" in copied and "\u2060" not in copied and "\u00a0" not in copied


def test_every_caption_fits_a_narrow_dock_with_adam_and_a_wide_layer(qtbot):
    """At the diagram dock's narrowest (~204 px of caption at 1024×700), no caption needs more width than that: a
    long sum written out in numbers wraps term by term, Adam's update before its "−" and "·" (whole, it needed
    ~270 px and the dock scrolled sideways)."""
    from PySide6.QtCore import Qt

    from gui.inside.slow_step_text import phase_list
    from gui.main_window import apply_style
    from gui.widgets.formula_label import FormulaLabel

    apply_style(QApplication.instance())  # the app's own fonts, as in the window
    X, y = make_dataset("moons", 50, 0.2, seed=4, n_classes=2)
    ds = Dataset.from_arrays(X, y, task="classification", seed=0)
    model = ModelSpec(hidden_layer_sizes=(16, 8))
    session = TrainingSession(ds, model, TrainSpec(optimizer="adam", dtype="float64"), seed=1)
    session.step(2)
    phases = take_slow_step(session)
    caption = FormulaLabel()  # as the slow step makes its caption
    caption.setObjectName("slowStepCaption")
    caption.setTextFormat(Qt.TextFormat.RichText)
    caption.setWordWrap(True)
    qtbot.addWidget(caption)
    for phase in phase_list(phases):
        caption.setText(phase_caption(phases, phase))
        need = caption.minimumSizeHint().width()
        assert need <= NARROW_CAPTION, f"{phase}: needs {need} px"
