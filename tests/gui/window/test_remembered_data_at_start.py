"""A window started on remembered data (the digits, the wines, blobs) is laid out as it stays from its first frame:
its docks, the plot, the curves, the settings and the toolbar's class buttons do not move when the data arrive a
moment later (made in another process, ``gui.window.initial_data``), and meanwhile the plot says what is coming
("Loading digits (8×8)…") instead of showing the empty plane of two features the window holds meanwhile, and no
view shows the model of that plane (the network diagram has no network yet), and its axes have the titles they
keep once the data are in (the digits' PC1, PC2, not the empty plane's x₁, x₂), no ticks of that plane, and the
view inside the plot the size it keeps (the plane's caption's room kept under it)."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication, QDockWidget

from gui.files.settings import AppSettings
from gui.window import initial_data


class _HeldThreads:
    """``initial_data``'s threading, whose first-dataset thread waits for ``release`` (a slow machine's seconds)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        release = self.release

        class Thread(threading.Thread):
            def run(self) -> None:
                if self.name == "initial-dataset":
                    release.wait(30)
                super().run()

        self.Thread = Thread


class _FirstPaint(QObject):
    """Calls ``record`` once, when ``widget`` is first painted: what a person first sees."""

    def __init__(self, widget, record) -> None:
        super().__init__(widget)
        self.record = record
        self.seen = None
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.seen is None:
            self.seen = self.record()
        return False


def axes_of(w) -> tuple[tuple[str, str], tuple, bool]:
    """The plot's axis titles (across, up), where its view stands inside it, and whether its axes draw their ticks
    and numbers."""
    view = w.boundary_view
    bottom, left = (view.getPlotItem().getAxis(side) for side in ("bottom", "left"))
    box = view.vb.sceneBoundingRect().toRect().getRect()
    return (bottom.labelText, left.labelText), box, bottom.ticks_shown() and left.ticks_shown()


def layout_of(w) -> dict:
    """Where the window's parts stand: every dock in sight, the plot and the curves (in the window's pixels)."""
    parts = {
        dock.objectName(): dock.geometry().getRect()
        for dock in w.findChildren(QDockWidget)
        if dock.isVisible() and not dock.isFloating()
    }
    views = (("plot", w.boundary_view), ("curves", w.curves_view), ("model settings", w.model_panel))
    for name, view in views:  # the model's settings: under the data's, which show a plane row for n-D data
        parts[name] = (*view.mapTo(w, view.rect().topLeft()).toTuple(), view.width(), view.height())
    bar = w.controls.toolbar
    parts["toolbar"] = [  # the class buttons among them: the digits' ten in a list
        bar.widgetForAction(a).geometry().getRect() for a in bar.actions() if a.isVisible() and bar.widgetForAction(a)
    ]
    return parts


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("digits", "Loading digits (8×8)…"),
        ("wine", "Loading wine…"),
        ("iris", "Loading iris…"),
        ("blobs", "Generating blobs…"),  # made from the panel's fields: three classes, two features
    ],
)
def test_remembered_data_are_laid_out_from_the_first_frame_and_said_to_be_on_their_way(
    qtbot, ini, monkeypatch, name, words
):
    import gui.main_window as mw

    held = _HeldThreads()
    monkeypatch.setattr(mw, "_sklearn_loaded", lambda: False)  # made in another process, as at a real start
    monkeypatch.setattr(initial_data, "threading", SimpleNamespace(Thread=held.Thread))
    kept = QSettings(ini, QSettings.Format.IniFormat)
    AppSettings(kept).save("data", {"name": name})  # the data last used
    kept.sync()
    mw.apply_style(QApplication.instance())
    w = mw.MainWindow(settings=QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1024, 700)
    first = _FirstPaint(w.centralWidget(), lambda: layout_of(w))
    try:
        w.show()
        qtbot.waitExposed(w)
        qtbot.waitUntil(lambda: first.seen is not None, timeout=5000)
        qtbot.wait(300)  # a moment on: the data still on their way
        assert w.boundary_view.waiting.text() == words
        assert w.statusBar().currentMessage() == words
        cover, legend = w.boundary_view.waiting, w.boundary_view.data_points.legend
        # the empty stand-in's legend is under the cover, as its whole plane is
        assert cover.zValue() > legend.zValue() and cover.sceneBoundingRect() == w.boundary_view.vb.sceneBoundingRect()
        waiting = layout_of(w)
        *waiting_axes, ticks = axes_of(w)
        assert not ticks, "the axes number the empty stand-in's plane while the data are on their way"
        qtbot.waitUntil(lambda: w.controller.latest_snapshot is not None, timeout=30000)  # the stand-in's model
        qtbot.wait(100)
        assert not w.inside_views.diagram.canvas.positions, "the diagram shows the empty stand-in's network"

        held.release.set()
        qtbot.waitUntil(lambda: w.document.version > 0, timeout=30000)
        snap = lambda: w.controller.latest_snapshot  # noqa: E731
        qtbot.waitUntil(lambda: snap() is not None and snap().data_version == w.document.version, timeout=30000)
        qtbot.wait(300)  # the views follow the data and the first model of them
        assert w.boundary_view.waiting.text() == "" and not w.boundary_view.waiting.isVisible()
        assert w.statusBar().currentMessage() != words
        loaded = layout_of(w)
        *loaded_axes, ticks = axes_of(w)
        assert ticks
        assert waiting_axes == loaded_axes, f"the axes' titles or the view moved when the data came: {waiting_axes}"

        # the class buttons are fitted to the toolbar once it is laid out, a moment after the first frame
        assert {**first.seen, "toolbar": None} == {**loaded, "toolbar": None}, (
            f"the first frame is laid out otherwise: {first.seen} {loaded}"
        )
        assert waiting == loaded, (
            f"the window loading its data is laid out otherwise than once they are in: {waiting} {loaded}"
        )
    finally:
        held.release.set()
        w.file_actions.sessions.confirm_discard = lambda reason: "discard"
        w.close()
