"""The loss landscape in a dock beside the plot: the 1-D slice's axis title is whole (wrapped onto lines that fit
the axis, not cut at its end), and the text above the charts is one line, so that a short dock still shows them."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from gui.experiments.landscape_view import LandscapeView
from model.data.generators import make
from model.inside.landscape import compute_landscape
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


def _view(qtbot, width: int) -> LandscapeView:
    from gui.main_window import apply_style

    apply_style(QApplication.instance())
    session = TrainingSession(make("moons", 200, 0.1, seed=0), ModelSpec(hidden_layer_sizes=(8, 8)), TrainSpec())
    session.step(20)
    view = LandscapeView()
    qtbot.addWidget(view)
    view.resize(width, 340)
    view.show()
    qtbot.waitExposed(view)
    view.set_landscape(compute_landscape(session, size=21))
    qtbot.wait(50)
    return view


def test_the_slices_axis_titles_are_whole_in_a_dock_beside_the_plot(qtbot):
    view = _view(qtbot, 430)  # the slice beside the surface: ~170 px of axis
    assert not view.slice_below
    for plot in (view.plot, view.slice_plot):
        for name in ("bottom", "left"):
            axis = plot.getAxis(name)
            along = axis.size().width() if name == "bottom" else axis.size().height()
            label = axis.label.boundingRect()
            drawn = label.width()  # the left title is drawn turned: its width runs along the axis
            assert drawn <= along + 0.5, (axis.labelText, drawn, along)
    bottom = view.slice_plot.getAxis("bottom")
    assert " ".join(bottom.title_lines()).replace("- ", "-") == "t (× last update)"


def test_the_text_above_the_charts_is_one_line_and_the_tooltip_says_what_they_show(qtbot):
    view = _view(qtbot, 430)
    info = view.info
    assert info.text().startswith("Epoch 20: loss ") and info.text().endswith(" at the centre.")
    assert info.heightForWidth(info.width()) < 2 * info.fontMetrics().lineSpacing()
    assert "random directions" in info.toolTip() and "White: the path so far" in info.toolTip()
