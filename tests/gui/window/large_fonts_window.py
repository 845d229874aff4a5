"""The main window at a scale factor, as a program a test starts: ``python -m tests.gui.window.large_fonts_window
INI [LESSON]`` with ``QT_SCALE_FACTOR`` and a screen size set in the environment (a scale factor can only be given
before Qt starts). It opens the window as the app does (no size asked: the window fits itself to the screen), shows
the lessons' invitation in the banner, waits for the first data and training snapshot, and prints one line
``REPORT <json>`` of what a person sees with the banner, again once it is closed, and again with the built-in
lesson ``LESSON`` open when one is named: the screen's available size, the window's size, least size and corner,
the buttons shown in part, the plot's width, the heights of the middle column's parts and of the charts' plot
areas, which axis titles and boxes are drawn whole, and whether the plot's legend covers its score (sizes in the
window's own pixels, as the layout counts them); with the lesson, File ▸ Save as lesson…'s size and parts not whole.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
)

from gui.lessons.start_page_actions import INVITATION_ACTION, INVITATION_SHORT

SETTLE_MS = 150  # the layout rests when nothing moved for this long


def _wait_until(app, condition, timeout_s: float) -> bool:
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        QTest.qWait(10)  # the event loop turns while waiting: the layout goes on
        if condition():
            return True
    return False


def _settle(app, window) -> None:
    """Until nothing moved for ``SETTLE_MS`` and the legend has found its corner: it looks again a moment after the
    plot is resized (a debounce timer), which a process the machine left waiting past ``SETTLE_MS`` had not yet
    done when looked at (the legend over the score)."""
    legend_timer = window.boundary_view.framing.legend_timer

    def where():
        return (window.size().toTuple(), window.boundary_view.size().toTuple(), window.curves_view.size().toTuple())

    def still() -> bool:
        before = where()
        _wait_until(app, lambda: False, SETTLE_MS / 1000)
        return where() == before and not legend_timer.isActive()

    _wait_until(app, still, 10)


def _title_whole(view, axis) -> bool:
    """The axis' title (x₁, x₂, loss, accuracy (%)) drawn whole inside ``view``, the widget that draws it."""
    label = axis.label
    if not label.isVisible():
        return True
    margin = label.document().documentMargin()  # around the words, blank
    words = label.mapRectToScene(label.boundingRect().adjusted(margin, margin, -margin, -margin))
    return view.mapToScene(view.viewport().rect()).boundingRect().contains(words)


def _banner_words_whole(banner) -> bool:
    """Each line of the banner's words drawn whole in its label's width and height, and the button's text whole."""
    if not banner.isVisible():
        return True
    label = banner.line if banner.short() else banner.label
    metrics = label.fontMetrics()
    lines = label.text().split("\n")
    fits = label.height() >= len(lines) * metrics.lineSpacing() if banner.short() else True
    wide = not banner.short() or all(metrics.horizontalAdvance(line) <= label.width() for line in lines)
    button = banner.action_button
    return fits and wide and button.width() >= button.fontMetrics().horizontalAdvance(button.text())


def _cut_buttons(window) -> list[str]:
    """The buttons shown in part only: cut by the widget they sit in, or off the screen's available area. A button
    in a dock behind another tab, or scrolled out of its scroll area's view, shows nothing and is not counted; one a
    scroll area shows in part is a scroll away from whole."""
    screen = window.screen().availableGeometry()
    cut = []
    for button in window.findChildren(QAbstractButton):
        seen = button.visibleRegion().boundingRect()
        if not button.isVisible() or seen.isEmpty():
            continue
        scrolled = any(isinstance(above, QScrollArea) for above in _ancestors(button, window))
        whole = seen == button.rect() or scrolled
        on_screen = screen.contains(button.mapToGlobal(seen.topLeft())) and screen.contains(
            button.mapToGlobal(seen.bottomRight())
        )
        if not (whole and on_screen):
            cut.append(f"{type(button).__name__} {button.objectName() or button.text()!r}")
    return cut


def _ancestors(widget, top):
    above = widget.parentWidget()
    while above is not None and above is not top:
        yield above
        above = above.parentWidget()


def _look(window) -> dict:
    plot, curves = window.boundary_view, window.curves_view
    score = plot._score
    score_box = score.mapRectToParent(score.boundingRect())
    legend = plot.data_points.legend
    least = window.minimumSize().expandedTo(window.minimumSizeHint())
    return {
        "window": window.size().toTuple(),
        "frame_corner": window.frameGeometry().topLeft().toTuple(),
        "cut_buttons": _cut_buttons(window),
        "plot_width": plot.width(),
        "least": least.toTuple(),
        "central": window.centralWidget().height(),
        "banner": window.banner.height() if window.banner.isVisible() else 0,
        "banner_text": window.banner.shown_text() if window.banner.isVisible() else "",
        "banner_words_whole": _banner_words_whole(window.banner),
        "plot": plot.height(),
        "plot_area": plot.vb.boundingRect().height(),
        "charts": [chart.vb.boundingRect().height() for chart in (curves.loss_plot, curves.score_plot)],
        "plot_titles_whole": [_title_whole(plot, plot.getAxis(name)) for name in ("left", "bottom")],
        "chart_titles_whole": [
            _title_whole(curves.glw, chart.getAxis("left")) for chart in (curves.loss_plot, curves.score_plot)
        ],
        "score_whole": bool(score.isVisible() and plot.vb.boundingRect().contains(score_box)),
        "score_gave_way": window.boundary_view.framing.score_gave_way,
        "legend_whole": bool(
            legend.isVisible() and plot.vb.boundingRect().contains(legend.mapRectToParent(legend.boundingRect()))
        ),
        "legend_words": [label.text for _, label in legend.items] if legend.isVisible() else [],
        "class_names": list(window.boundary_view.data_points.dataset.class_names),
        "legend_off_score": not legend.isVisible()
        or not score.isVisible()
        or not legend.mapRectToParent(legend.boundingRect()).intersects(score_box),
    }


def _whole(part) -> bool:
    """As large as it asks to be at least (a check box, a field, a label's lines with their descenders)."""
    if isinstance(part, QLabel) and part.wordWrap():
        return part.height() >= part.heightForWidth(part.width())
    least = part.minimumSizeHint()
    return part.height() >= part.sizeHint().height() and part.width() >= least.width()


def _look_at_save_lesson(app, window) -> dict:
    """File ▸ Save as lesson…, its goal ticked: its size and least size, and the parts not shown whole."""
    dialog = window.lesson_actions.show_save_dialog()
    _wait_until(app, dialog.isVisible, 5)
    dialog.goal_box.setChecked(True)
    QTest.qWait(SETTLE_MS)
    parts = [
        p
        for kind in (QCheckBox, QLabel, QComboBox, QAbstractSpinBox, QLineEdit)
        for p in dialog.findChildren(kind)
        if p.isVisible() and not isinstance(p.parent(), QAbstractSpinBox | QComboBox)  # not a field's own editor
    ]
    seen = {
        "size": dialog.size().toTuple(),
        "least": dialog.minimumSize().expandedTo(dialog.minimumSizeHint()).toTuple(),
        "frame_corner": dialog.frameGeometry().topLeft().toTuple(),
        "not_whole": [
            f"{type(p).__name__} {p.accessibleName() or getattr(p, 'text', str)()!r}" for p in parts if not _whole(p)
        ],
    }
    dialog.reject()
    return seen


def main(ini: str, lesson: str = "") -> None:
    app = QApplication(sys.argv[:1])
    from gui.main_window import MainWindow, apply_style

    apply_style(app)
    window = MainWindow(settings=QSettings(ini, QSettings.Format.IniFormat))
    window.show()
    welcome = window.lesson_actions.welcome
    window.notices.invite(welcome.invitation_text(), INVITATION_ACTION, lambda: None, short=INVITATION_SHORT)
    ready = _wait_until(
        app,
        lambda: (
            window.data_ready
            and window.controller.latest_snapshot is not None
            and bool(window.boundary_view._score.plain_text())
        ),
        30,
    )
    _settle(app, window)
    report = {"ready": ready, "screen": window.screen().availableGeometry().size().toTuple()}
    report["with_banner"] = _look(window)
    window.banner.hide()  # what its close button does
    _settle(app, window)
    report["without_banner"] = _look(window)
    if lesson:
        window.file_actions.sessions.confirm_discard = lambda reason: "discard"  # the run so far, not asked about
        window.lesson_actions.open_lesson(lesson)
        report["lesson_ready"] = _wait_until(
            app, lambda: window.data_ready and window.controller.latest_snapshot is not None, 30
        )
        _settle(app, window)
        report["with_lesson"] = _look(window)
        report["save_lesson"] = _look_at_save_lesson(app, window)
    window.close()
    print("REPORT " + json.dumps(report), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
