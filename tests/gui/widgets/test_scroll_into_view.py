"""A dock too short for its view keeps what the person came for (the confusion matrix) in view: when the dock
changes height, and when a part above it grows later (a caption wrapping once results come), until the person
scrolls away from it."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSlider, QScrollArea, QVBoxLayout, QWidget

from gui.widgets.scroll_into_view import KeepInView, in_view


def _short_dock(qtbot):
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    content = QWidget()
    lay = QVBoxLayout(content)
    above, target, below = QWidget(), QWidget(), QWidget()
    above.setFixedHeight(80)
    target.setFixedHeight(120)
    below.setFixedHeight(200)
    for part in (above, target, below):
        lay.addWidget(part)
    scroll.setWidget(content)
    qtbot.addWidget(scroll)
    keep = KeepInView(scroll, target)
    scroll.resize(200, 160)
    scroll.show()
    qtbot.waitExposed(scroll)
    qtbot.waitUntil(lambda: in_view(scroll, target))
    return scroll, keep, above, target


def test_a_part_above_that_grows_does_not_push_the_target_out_of_view(qtbot):
    scroll, _keep, above, target = _short_dock(qtbot)
    above.setFixedHeight(300)  # the caption above wraps onto many more lines
    qtbot.waitUntil(lambda: target.y() > 300)
    qtbot.waitUntil(lambda: in_view(scroll, target))


def test_after_the_person_scrolls_away_a_growing_part_leaves_the_scroll_where_they_put_it(qtbot):
    scroll, keep, above, target = _short_dock(qtbot)
    bar = scroll.verticalScrollBar()
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)  # what the scroll bar, a key or the wheel do
    assert bar.value() == 0 and not keep.following
    above.setFixedHeight(300)
    qtbot.waitUntil(lambda: target.y() > 300)
    qtbot.wait(50)  # the turn of the event loop a bring would take
    assert bar.value() == 0, "the view jumped away from where the person scrolled"
    scroll.resize(200, 150)  # the dock changes height: what matters comes back into view
    qtbot.waitUntil(lambda: in_view(scroll, target))
    assert keep.following


def test_a_target_shown_later_on_a_page_of_a_stack_is_brought_into_view(qtbot):
    """The confusion matrix is on a page shown once the first results come, after the dock took its height."""
    from PySide6.QtWidgets import QStackedWidget

    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    content = QWidget()
    lay = QVBoxLayout(content)
    above, waiting, page, target = QWidget(), QWidget(), QWidget(), QWidget()
    above.setFixedHeight(120)
    waiting.setFixedHeight(40)
    target.setFixedHeight(120)
    QVBoxLayout(page).addWidget(target)
    pages = QStackedWidget()
    pages.addWidget(waiting)
    pages.addWidget(page)
    lay.addWidget(above)
    lay.addWidget(pages)
    scroll.setWidget(content)
    qtbot.addWidget(scroll)
    KeepInView(scroll, target)
    scroll.resize(200, 140)
    scroll.show()
    qtbot.waitExposed(scroll)
    qtbot.wait(20)
    assert scroll.verticalScrollBar().value() == 0
    pages.setCurrentWidget(page)  # the results come
    qtbot.waitUntil(lambda: in_view(scroll, target))
