"""The window with large fonts (``QT_SCALE_FACTOR=1.5``) on a 1024×700, a 1280×720 and a 1366×768 screen, as a
teacher opens it.

At 150 % such a screen is 683×467 (853×480, 911×512) of the window's own pixels: at 1280×720 the window asked for
a least size of 772×520, taller than the screen (its status bar off it), and left the decision plot a strip of
~45 px, its score box on the axis; at 1024×700 it asked for 812 px of width, the network diagram's column, the
toolbar's right end and the timeline's Branch button off the screen's right edge. Each screen is a program of its
own (``large_fonts_window``: a scale factor is set before Qt starts), all started at once; the window opens as the
app opens it, with the lessons' invitation in the banner, and is looked at with the banner and after it is closed:
its least size fits the screen and it opens inside it; no button is shown in part (cut by what holds it or by the
screen's edge), nor after a lesson with two views beside the plot opens on the smallest screen; the banner's words
are whole; the plot keeps at least ``PLOT_WIDTH_SHARE`` of the window's width,
``PLOT_SHARE`` of the middle column's height and a plot area tall enough to read; the curves keep charts of at least
``CHART_HEIGHT`` px; every axis title is drawn whole; the legend names every class, whole in the plot and off the
score, which is whole too or has given way to it (its numbers are in the status bar); on the smallest screen,
File ▸ Save as lesson… opens inside it with every row whole (it was 695 px wide on a 683 px screen). (The 1024×700
window without scaling is checked by ``test_small_screens``.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from gui.lessons.start_page_actions import INVITATION_SHORT

SCREENS = [(1024, 700), (1280, 720), (1366, 768)]
SMALLEST = SCREENS[0]
#: opened on the smallest screen after the looks: it shows the network diagram and the probe one above the other
#: beside the plot (too wide and too tall for that screen before they became tabs)
LESSON = "backpropagation"
SCALE = "1.5"
PLOT_SHARE = 0.40  # the plot's share of the middle column's height (banner, plot and curves)
#: the plot's share of the window's width: at 1280×720 the settings and the network diagram keep their least widths
#: beside it (261 of 853 px); at 1024×700, in one column of tabs, they leave it 287 of 683 px
PLOT_WIDTH_SHARE = 0.28
PLOT_AREA = 70  # px: the plot's area inside its axes, room for its score box and a few ticks
CHART_HEIGHT = 50  # px: each chart's plot area, with the banner (a curve's shape can still be followed)
ROOT = Path(__file__).resolve().parents[3]


def _start(tmp_path: Path, width: int, height: int, lesson: str = "") -> subprocess.Popen:
    config = tmp_path / f"screen-{width}x{height}.json"
    screen = {"name": "screen", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=SCALE)
    ini = tmp_path / f"settings-{width}x{height}.ini"
    return subprocess.Popen(
        [sys.executable, "-m", "tests.gui.window.large_fonts_window", str(ini), *([lesson] if lesson else [])],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _report(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=90)
    lines = [line for line in out.splitlines() if line.startswith("REPORT ")]
    assert process.returncode == 0 and lines, f"exit code {process.returncode}; stderr:\n{err[-3000:]}"
    return json.loads(lines[-1].removeprefix("REPORT "))


def _fits_the_screen(seen: dict, room_w: int, room_h: int, where: str) -> None:
    """Its least size and size within the screen, its corner on it, no button shown in part, the plot its width."""
    least_w, least_h = seen["least"]
    assert least_w <= room_w and least_h <= room_h, f"{where}: the window's least size is past the screen"
    assert seen["window"][0] <= room_w and seen["window"][1] <= room_h, f"{where}: the window is past it"
    assert min(seen["frame_corner"]) >= 0, f"{where}: the window starts off the screen"
    assert not seen["cut_buttons"], f"{where}: buttons shown in part"
    assert seen["plot_width"] >= PLOT_WIDTH_SHARE * seen["window"][0], f"{where}: the plot is too narrow"


def test_large_fonts_on_small_screens_fit_and_keep_the_plot_readable(tmp_path):
    started = {size: _start(tmp_path, *size, lesson=LESSON if size == SMALLEST else "") for size in SCREENS}
    reports = {size: _report(process) for size, process in started.items()}
    for (width, height), report in reports.items():
        screen = f"{width}×{height} at {SCALE}"
        assert report["ready"], f"{screen}: no data or training snapshot within 30 s"
        room_w, room_h = report["screen"]
        assert (room_w, room_h) == (round(width / float(SCALE)), round(height / float(SCALE))), report["screen"]
        for moment in ("with_banner", "without_banner"):
            seen = report[moment]
            where = f"{screen}, {moment.replace('_', ' ')}: {seen}"
            _fits_the_screen(seen, room_w, room_h, where)
            assert seen["plot"] >= PLOT_SHARE * seen["central"], f"{where}: the plot's share is too small"
            assert seen["plot_area"] >= PLOT_AREA, f"{where}: the plot's area is too short"
            assert all(chart >= CHART_HEIGHT for chart in seen["charts"]), f"{where}: a chart is too short"
            assert all(seen["plot_titles_whole"]), f"{where}: x₂ or x₁ is cut"
            assert all(seen["chart_titles_whole"]), f"{where}: a chart's title is cut"
            # the class colours are read nowhere else: the legend names every class, whole in the plot; the score
            # is whole beside it, or given way to it (its numbers are in the status bar too)
            assert seen["legend_whole"], f"{where}: the legend is hidden or cut"
            assert all(name in seen["legend_words"] for name in seen["class_names"]), f"{where}: a class is unnamed"
            assert seen["score_whole"] or seen["score_gave_way"], f"{where}: the score is cut"
            assert seen["legend_off_score"], f"{where}: the legend covers the score"
        shown = report["with_banner"]["banner_text"]
        # two lines at most beside the button: the whole invitation or its short form, never a cut word
        assert shown == INVITATION_SHORT or shown.startswith("New here? Ten short lessons"), shown
        assert "\u2026" not in shown and report["with_banner"]["banner_words_whole"], f"{screen}: {shown!r}"
        assert report["without_banner"]["plot"] > report["with_banner"]["plot"]  # the banner's room goes to the plot
    lesson = reports[SMALLEST]
    assert lesson["lesson_ready"], f"{LESSON}: no data or training snapshot within 30 s"
    _fits_the_screen(
        lesson["with_lesson"], *lesson["screen"], f"{SMALLEST} at {SCALE}, {LESSON}: {lesson['with_lesson']}"
    )
    # File ▸ Save as lesson… opens inside that screen too, every row whole (the goal's rows below their words)
    dialog, (room_w, room_h) = lesson["save_lesson"], lesson["screen"]
    where = f"Save as lesson at {SMALLEST} at {SCALE}: {dialog}"
    assert dialog["least"][0] <= room_w and dialog["least"][1] <= room_h, where
    assert dialog["size"][0] <= room_w and dialog["size"][1] <= room_h and min(dialog["frame_corner"]) >= 0, where
    assert dialog["not_whole"] == [], where
