"""The lesson "More than two features" opens wine on its PCA plane, names the slice, and trains."""

from __future__ import annotations

from model.data.view_plane import ViewPlane
from model.teaching.lessons import load_all


def test_the_lesson_is_bundled_and_starts_on_wine(make_window, qtbot):
    lessons, _, problems = load_all()
    assert not problems
    lesson = next(item for item in lessons if item.id == "more-than-two-features")
    assert lesson.data.dataset == "wine" and "slice" in lesson.text and "PCA" in lesson.text
    w = make_window(size=(1360, 860))
    before = w.document.version
    w.lesson_actions.open_lesson(lesson.id)
    qtbot.waitUntil(lambda: w.document.version > before, timeout=10000)
    ds = w.document.dataset
    assert ds.n_features == 13 and ds.view_plane == ViewPlane.pca() and ds.origin.name == "wine"
    assert w.data_panel.plane_control.isVisible()
    assert "boundary through the mean of the other 11 directions" in w.boundary_view.plane_caption.text()
    # the lesson's network: 13 inputs, 8 hidden units, one output per cultivar (the model follows the data)
    qtbot.waitUntil(
        lambda: (
            w.controller.latest_snapshot is not None and tuple(w.controller.latest_snapshot.layer_sizes) == (13, 8, 3)
        ),
        timeout=20000,
    )
