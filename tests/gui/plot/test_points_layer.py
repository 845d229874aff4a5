"""PointsLayer (the plot's points painted from one cached image) and SteadyLabel (readouts that do not lay
the window out again): they show what they must, and they save the work they exist to save."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, QPointF
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

from gui.files.exporters import export_png, export_svg
from gui.widgets import colors, theme
from gui.widgets.steady_label import SteadyLabel
from model.data.dataset import Dataset
from tests.gui.plot.plot_helpers import snap


@pytest.fixture
def view(boundary_view):
    """The shown view in the light theme, whatever ran before: a plot takes pyqtgraph's global background when it
    is made (black until a theme is applied, the dark theme's after a test of it), and these tests read white and
    the class colours on it."""
    theme.style_plot_widget(boundary_view, theme.LIGHT)
    boundary_view.set_theme(theme.LIGHT)
    return boundary_view


def two_blobs(n=40, test_fraction=0.25):
    rng = np.random.default_rng(1)
    y = np.arange(n) % 2
    X = np.array([[-3.0, 0.0], [3.0, 0.0]])[y] + rng.normal(0, 0.7, size=(n, 2))
    return Dataset.from_arrays(X, y, test_fraction=test_fraction, seed=1, n_classes=2)


def pixel_at(view, image, x, y) -> QColor:
    p = view.mapFromScene(view.vb.mapViewToScene(QPointF(x, y)))
    return image.pixelColor(p.x(), p.y())


def close(c: QColor, hex_color: str, tol: int = 40) -> bool:
    want = QColor(hex_color)
    return max(abs(c.red() - want.red()), abs(c.green() - want.green()), abs(c.blue() - want.blue())) <= tol


def test_points_are_painted_where_they_are_in_their_class_colour(view, qtbot):
    view.set_dataset(Dataset.from_arrays(np.array([[-2.0, 1.0], [2.5, -1.5]]), np.array([0, 1]), n_classes=2), 1)
    image = view.grab().toImage()
    assert close(pixel_at(view, image, -2.0, 1.0), colors.class_color(0))
    assert close(pixel_at(view, image, 2.5, -1.5), colors.class_color(1))
    assert close(pixel_at(view, image, 0.0, 3.0), "#ffffff", tol=5)  # no point there: the white background


def test_the_image_is_drawn_again_only_when_something_changes(view, qtbot):
    layer = view.data_points.layer
    view.set_dataset(two_blobs(), 1)
    view.grab()
    n = layer.renders
    assert n >= 1
    for _ in range(3):
        view.grab()
    grid = np.linspace(0, 1, 100 * 100, dtype=np.float32).reshape(100, 100)
    for epoch in range(3):  # the boundary under the points changes every frame: the points' image stays
        view.show_snapshot(snap(grid=grid * (epoch + 1) / 3, grid_bounds=(-6, 6, -6, 6), epoch=epoch, data_version=1))
        view.flush()
        view.grab()
    assert layer.renders == n

    ds = two_blobs()
    view.set_dataset(ds.with_points(np.array([[0.0, 4.0]]), np.array([1]), np.array([False])), 2)  # data
    view.grab()
    assert layer.renders == n + 1
    view.set_show_test(False)  # visibility
    view.grab()
    assert layer.renders == n + 2
    view.vb.translateBy(x=1.0)  # the view moved: the points are elsewhere on screen
    view.grab()
    assert layer.renders == n + 3


def test_png_export_at_twice_the_size_draws_the_points_there(view, qtbot, tmp_path):
    view.set_dataset(Dataset.from_arrays(np.array([[-2.0, 1.0]]), np.array([0]), n_classes=2), 1)
    out = tmp_path / "plot.png"
    w, h = export_png(view.getPlotItem(), out, scale=2)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (w, h)
    on_screen = view.grab().toImage()
    count = _pixels_near(image, colors.class_color(0))
    assert count >= 3 * _pixels_near(on_screen, colors.class_color(0)) > 0  # a point of twice the size


def _pixels_near(image: QImage, hex_color: str) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    a = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    want = QColor(hex_color)
    bgr = np.array([want.blue(), want.green(), want.red()])
    return int((np.abs(a[..., :3].astype(int) - bgr).max(axis=-1) <= 30).sum())


def test_svg_export_keeps_every_point_as_a_vector_shape(view, qtbot, tmp_path):
    ds = two_blobs(n=30, test_fraction=0.0)
    view.set_dataset(ds, 1)
    out = tmp_path / "plot.svg"
    export_svg(view.getPlotItem(), out)
    svg = out.read_text().lower()
    for k in (0, 1):
        fill = colors.class_color(k).lower()
        assert svg.count(fill) >= int((ds.y == k).sum()), f"class {k}: points missing from the SVG"
    assert "<image" not in svg  # no boundary yet, and the points are shapes, not a picture of them


# ---------------------------------------------------------------------------------------------- rings
RINGED = np.array([[-2.0, 1.0], [-1.7, 1.2], [2.0, -1.0], [3.0, 3.0], [3.3, 3.0]])  # two pairs overlap


def _ring_these_points(view):
    """Rings on the ``RINGED`` points, among points predicted right (rings fade while a quarter or more are wrong)."""
    right = np.column_stack([np.linspace(-5, 5, 16), np.full(16, -5.0)])  # a row of points apart, under the others
    y = np.array([0, 1, 1, 1, 0, *(np.arange(16) % 2)])
    ds = Dataset.from_arrays(np.vstack([RINGED, right]), y, n_classes=2)
    view.set_dataset(ds, 1)
    predictions = np.where(np.arange(ds.n_samples) < len(RINGED), 1 - ds.y, ds.y)  # the RINGED points wrong
    view.show_snapshot(snap(predictions=predictions, grid_bounds=(-6, 6, -6, 6), data_version=1))
    view.flush()
    assert np.array_equal(view.data_points.rings.points(), RINGED)
    assert view.data_points.rings_layer.opacity() == 1.0


def test_rings_are_drawn_pixel_for_pixel_as_pyqtgraph_scatters_draw_them(view, qtbot):
    """The rings of misclassified points (positions only, one sprite per point and pass) look exactly like
    the two scatter items they replace (a white halo under every dark ring) in a layer of their own, where
    rings overlap too."""
    import pyqtgraph as pg

    from gui.plot.point_markers import POINT_SIZE
    from gui.plot.points_layer import MemberScatter, PointsLayer

    _ring_these_points(view)
    ours = view.grab().toImage()
    view.data_points.rings_layer.hide()
    layer = PointsLayer()
    layer.setZValue(30)
    view.vb.addItem(layer, ignoreBounds=True)
    for z, pen in ((30, pg.mkPen("w", width=3.6)), (31, pg.mkPen(colors.MISCLASSIFIED, width=1.6))):
        item = MemberScatter(pxMode=True, size=POINT_SIZE + 9, symbol="o", pen=pen, brush=None)
        item.setData(x=RINGED[:, 0], y=RINGED[:, 1])
        item.setZValue(z)
        view.vb.addItem(item, ignoreBounds=True)
        layer.add(item)
    theirs = view.grab().toImage()
    assert _pixels_near(ours, colors.MISCLASSIFIED) > 5 * 20  # rings there to compare
    assert ours == theirs


def test_exported_rings_are_vector_circles_at_the_export_scale(view, qtbot, tmp_path):

    from gui.plot.point_markers import POINT_SIZE

    _ring_these_points(view)
    origin = view.getPlotItem().sceneBoundingRect().topLeft()
    x, y = RINGED[2]  # a ring alone
    centre = view.vb.mapViewToScene(QPointF(x, y)) - origin
    radius = (POINT_SIZE + 9) / 2
    png = tmp_path / "plot.png"
    export_png(view.getPlotItem(), png, scale=2)
    svg = tmp_path / "plot.svg"
    export_svg(view.getPlotItem(), svg)
    assert "<image" not in svg.read_text()  # no boundary yet: and the rings are shapes, not pictures
    for image in (QImage(str(png)), _svg_drawn(svg)):
        on_ring = _darkest_across(image, 2 * (centre.x() + radius), 2 * centre.y())
        inside = image.pixelColor(round(2 * (centre.x() + radius - 4)), round(2 * centre.y()))
        assert close(on_ring, colors.MISCLASSIFIED, tol=90), on_ring.name()
        assert not close(inside, colors.MISCLASSIFIED, tol=90), inside.name()
    # most points wrong: the rings are not drawn on the screen, nor in an exported picture
    view.data_points.show_misclassified(np.ones(view.dataset().n_samples, dtype=bool))
    assert view.data_points.rings_layer.opacity() == 0.0
    export_png(view.getPlotItem(), png, scale=2)
    export_svg(view.getPlotItem(), svg)
    for image in (QImage(str(png)), _svg_drawn(svg)):
        on_ring = _darkest_across(image, 2 * (centre.x() + radius), 2 * centre.y())
        assert not close(on_ring, colors.MISCLASSIFIED, tol=90), on_ring.name()


def _darkest_across(image: QImage, x: float, y: float) -> QColor:
    """The darkest pixel of the row at ``y`` within a pixel and a half of ``x``: where a thin ring's stroke is
    darkest depends on where its centre falls within a pixel."""
    row = round(y)
    return min((image.pixelColor(col, row) for col in range(round(x) - 1, round(x) + 2)), key=QColor.lightness)


def _svg_drawn(path) -> QImage:
    """An SVG file drawn at twice its size on white."""
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(path))
    size = renderer.defaultSize()
    drawn = QImage(size.width() * 2, size.height() * 2, QImage.Format.Format_ARGB32)
    drawn.fill(QColor("white"))
    painter = QPainter(drawn)
    renderer.render(painter)
    painter.end()
    return drawn


# ---------------------------------------------------------------------------------------------- SteadyLabel
def _settle():
    """Deliver what showing the widgets posted (their first layout), so that only later requests count."""
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


class _LayoutRequests(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_steady_label_changes_text_without_laying_out_its_parent(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    layout = QHBoxLayout(parent)
    label = SteadyLabel("epoch 0")
    layout.addWidget(label)
    parent.show()
    qtbot.waitExposed(parent)
    _settle()
    width = label.width()
    counter = _LayoutRequests()
    parent.installEventFilter(counter)
    for epoch in range(1, 200, 7):
        label.setText(f"epoch {epoch:,}")
        qtbot.wait(1)
    assert counter.count == 0 and label.width() == width
    assert label.text() == "epoch 197"

    label.setText("epoch 123,456,789 of 987,654,321")  # too long: it grows once, with room to spare
    qtbot.waitUntil(lambda: counter.count >= 1, timeout=1000)
    grown = label.width()
    assert grown > width and grown >= label.fontMetrics().horizontalAdvance(label.text())
    label.setText("epoch 1")  # shorter: it keeps its width (no jitter as numbers change)
    assert label.width() == grown


def test_readout_line_drops_whole_fields_from_the_left_when_too_narrow(qtbot):
    from gui.widgets.steady_label import ReadoutLine

    text = "epoch 635 · train loss 0.000117 · test loss 0.2262 · test acc 97.5%"
    line = ReadoutLine(text)
    qtbot.addWidget(line)
    metrics = line.fontMetrics()
    for fields in (4, 3, 2, 1):
        kept = " · ".join(text.split(" · ")[-fields:])
        line.resize(metrics.horizontalAdvance(kept) + 2, 20)
        assert line.shown_text() == kept
        assert line.text() == text
    line.resize(metrics.horizontalAdvance("test acc 97.5%") // 2, 20)  # not even the last field fits
    shown = line.shown_text()
    assert shown.startswith("\u2026") and shown.endswith("5%") and len(shown) < len("test acc 97.5%")


def test_window_readouts_do_not_lay_out_the_window_per_frame(make_window, qtbot):
    w = make_window()
    qtbot.waitUntil(lambda: w.controller.latest_snapshot is not None, timeout=10000)
    latest = w.controller.latest_snapshot
    w.readouts.show(latest)
    _settle()
    counter = _LayoutRequests()
    labels = (
        w.controls.epoch_label,
        w.readouts.status_epoch,
        w.readouts.status_loss,
        w.readouts.status_score,
        w.readouts.status_rate,
    )
    for parent in {lab.parentWidget() for lab in labels}:  # the toolbar and the status bar
        parent.installEventFilter(counter)
    before = [lab.width() for lab in labels]
    import dataclasses

    for i in range(1, 30):
        w.readouts.show(
            dataclasses.replace(latest, epoch=int(latest.epoch) + 37 * i, train_loss=0.5 / i, test_loss=0.6 / i)
        )
        qtbot.wait(1)
    assert counter.count == 0, [(lab.text(), b, lab.width()) for lab, b in zip(labels, before)]


def test_many_rings_follow_the_model_in_parts_and_look_as_drawn_at_once(view, qtbot, monkeypatch):
    """Thousands of rings (100 000 points, a model still learning) are drawn again over several turns of the event
    loop, not in one long paint: meanwhile the plot shows the rings drawn before, then exactly the picture that one
    paint would have drawn of the new ones."""
    from gui.plot import points_layer

    rng = np.random.default_rng(3)
    X = rng.uniform(-5, 5, size=(12000, 2))  # fewer than a quarter wrong (the rings in full ink), still thousands
    view.set_dataset(Dataset.from_arrays(X, (X[:, 0] > 0).astype(int), n_classes=2), 1)
    points, layer = view.data_points, view.data_points.rings_layer
    stamps = []
    stamp_part = points_layer.SpriteScatter.stamp_part

    def counted(self, painter, xy, index, ratio):
        stamps.append(xy.shape[1])
        stamp_part(self, painter, xy, index, ratio)

    monkeypatch.setattr(points_layer.SpriteScatter, "stamp_part", counted)
    points.show_misclassified(X[:, 0] < -3)  # ~2400 rings: two passes of ~2400 sprites
    before = view.grab().toImage()
    points.show_misclassified(X[:, 0] < -2.7)  # the model learnt: other rings, ~2800
    assert view.grab().toImage() == before  # this paint drew the rings shown so far, not the new ones
    assert layer.drawing_in_parts()
    qtbot.waitUntil(lambda: not layer.drawing_in_parts(), timeout=3000)
    parts = view.grab().toImage()
    assert parts != before
    assert len(stamps) >= 4 and max(stamps) <= points_layer.PART_STAMPS
    assert sum(stamps) == 2 * int(np.count_nonzero(X[:, 0] < -2.7))  # every ring, both passes, once

    monkeypatch.setattr(points_layer, "PART_STAMPS", 10**9)  # the same rings drawn in one paint
    points.show_misclassified(None)
    view.grab()
    points.show_misclassified(X[:, 0] < -2.7)
    at_once = view.grab().toImage()
    assert not layer.drawing_in_parts()
    assert at_once == parts
