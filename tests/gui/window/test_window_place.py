"""A second window of the app opens a step down and to the right of the first, on the screen, where it opened
exactly over it (both were given the place remembered when a window last closed) and looked like nothing had
happened; a window as large as the screen is made a step smaller to stay on it, and the steps start again at the
screen's top left corner when none is left down there."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize

from gui.window.window_place import CASCADE_PX, cascaded

SCREEN = QRect(0, 40, 1024, 660)  # a 1024×700 screen, below a 40 px title bar


def test_a_free_place_is_kept_and_a_taken_one_is_left_a_step_down_and_right():
    rect = QRect(100, 90, 600, 400)
    assert cascaded(rect, [QPoint(500, 300)], SCREEN) == rect
    moved = cascaded(rect, [QPoint(100, 90)], SCREEN)
    assert moved == QRect(100 + CASCADE_PX, 90 + CASCADE_PX, 600, 400)
    third = cascaded(rect, [QPoint(100, 90), moved.topLeft()], SCREEN)
    assert third.topLeft() == QPoint(100 + 2 * CASCADE_PX, 90 + 2 * CASCADE_PX)


def test_a_window_as_large_as_the_screen_moves_a_step_and_stays_on_it():
    whole = QRect(SCREEN)
    moved = cascaded(whole, [whole.topLeft()], SCREEN)
    assert moved.topLeft() == whole.topLeft() + QPoint(CASCADE_PX, CASCADE_PX)
    assert SCREEN.contains(moved), moved


def test_at_the_bottom_right_the_steps_start_again_at_the_top_left():
    size = QSize(800, 500)  # a window that cannot be made smaller
    rect = QRect(SCREEN.bottomRight() - QPoint(size.width() - 1, size.height() - 1), size)
    moved = cascaded(rect, [rect.topLeft()], SCREEN, smallest=size)
    assert moved == QRect(SCREEN.topLeft(), size)


def test_at_the_bottom_edge_the_steps_go_right_only():
    rect = QRect(100, SCREEN.bottom() + 1 - 500, 600, 500)
    moved = cascaded(rect, [rect.topLeft()], SCREEN, smallest=rect.size())
    assert moved == rect.translated(CASCADE_PX, 0)


def test_a_second_window_opens_off_the_first_and_on_the_screen(make_window, qtbot):
    first = make_window(size=(600, 450))
    first.move(10, 70)  # where the person left it: remembered at closing
    qtbot.waitUntil(lambda: first.pos() == QPoint(10, 70), timeout=2000)
    first.file_actions.sessions.confirm_discard = lambda reason: "discard"
    first.close()
    remembered = QRect(first.geometry())

    again = make_window(size=None)  # the next start: the remembered place
    assert again.geometry() == remembered
    second = make_window(size=None)  # started while it runs
    apart = second.geometry().topLeft() - again.geometry().topLeft()
    assert max(abs(apart.x()), abs(apart.y())) >= CASCADE_PX // 2, (second.geometry(), again.geometry())
    screen = second.screen().availableGeometry()
    assert screen.contains(second.frameGeometry()), (second.frameGeometry(), screen)

    again.file_actions.sessions.confirm_discard = lambda reason: "discard"
    again.close()  # its place is free: the next window opens there, where it closed
    assert make_window(size=None).geometry() == remembered
