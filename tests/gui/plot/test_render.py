"""gui.plot.render inside a running app: the PNGs of the app's views, drawn without showing a window."""

import numpy as np
from PySide6.QtGui import QImage

from gui.plot.render import BOUNDARY_SIZE, CURVES_SIZE, png_chunks, render_boundary, render_session
from model.data.generators import make
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec


def test_render_session_in_a_running_app(qapp, tmp_path):
    session = TrainingSession(
        make("xor", 80, seed=0),
        ModelSpec(hidden_layer_sizes=(6,)),
        TrainSpec(optimizer="adam", learning_rate=0.02),
        seed=0,
    )
    session.step(60)
    boundary, curves = render_session(session, tmp_path)
    assert [w.isVisible() for w in qapp.topLevelWidgets() if w.isVisible()] == []  # nothing left shown
    for path, size in ((boundary, BOUNDARY_SIZE), (curves, CURVES_SIZE)):
        data = path.read_bytes()
        assert "tIME" not in png_chunks(data)
        image = QImage(str(path))
        assert (image.width(), image.height()) == size
    # the boundary image is drawn: the plot's middle is coloured by the classes, not white
    image = QImage(str(boundary)).convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4)
    middle = pixels[200:440, 200:440, :3].astype(int)
    assert (np.abs(middle - 255).sum(axis=2) > 60).mean() > 0.5
    # the same session renders to the same bytes again
    again = render_session(session, tmp_path / "again")
    assert [p.read_bytes() for p in again] == [boundary.read_bytes(), curves.read_bytes()]


def test_the_boundary_picture_is_the_same_whether_the_views_timers_fire_before_it_is_grabbed_or_not(
    qapp, tmp_path, monkeypatch
):
    """A busy machine lets the plot's legend timer (it places the legend once the view rests) fire while the picture
    is made, a quiet one does not: the bytes are the same either way."""
    import gui.plot.plot_framing as plot_framing

    session = TrainingSession(
        make("xor", 80, seed=0), ModelSpec(hidden_layer_sizes=(6,)), TrainSpec(learning_rate=0.05), seed=0
    )
    session.step(30)
    pictures = []
    for debounce_ms in (0, 3_600_000):  # fires at once; never while the picture is made
        monkeypatch.setattr(plot_framing, "LEGEND_DEBOUNCE_MS", debounce_ms)
        pictures.append(render_boundary(session, tmp_path / f"boundary_{debounce_ms}.png").read_bytes())
    assert pictures[0] == pictures[1]


def test_the_curves_picture_holds_the_charts_and_the_numbers_not_the_check_boxes(qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QCheckBox

    import gui.plot.render as render

    session = TrainingSession(make("xor", 60, seed=0), ModelSpec(hidden_layer_sizes=(4,)), TrainSpec(), seed=0)
    session.step(5)
    grabbed = []
    monkeypatch.setattr(render, "_grab", lambda view, path: grabbed.append(view.findChildren(QCheckBox)))
    render.render_curves(session, tmp_path / "curves.png")
    boxes = grabbed[0]
    assert [box.text() for box in boxes] == ["Log scale", "Log epochs"]
    assert not any(box.isVisibleTo(box.window()) for box in boxes)
