"""Light and dark themes: chosen in View ▸ Theme and remembered, following the desktop under System, and readable.

Readable is measured as WCAG does, twice: the contrast ratio between a text's colour (the palette role the widget
draws its text with) and the colour behind it (the most common colour of the widget's pixels in a grab of the whole
window) is at least 4.5:1 for every visible label and button; and so is every word's as grabbed (``seen_text``),
whatever set its colour: a style sheet, a colour written into rich text, a table's cells in a text browser.
The marks the views draw over their plots (the probe's +, a threshold line) stand out 3:1 or more from the plot.
"""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QDockWidget, QLabel, QStyle, QStyleOptionButton

from gui.plot.data_points import put
from gui.widgets import theme
from gui.widgets.theme import DARK, LIGHT, ThemeChoice
from tests.gui.pixels import rgb
from tests.gui.seen_text import faint_text

GRAPHICS_CONTRAST = 3.0  # WCAG's for the parts of a graphic a person needs to see

WCAG_AA = 4.5


def _system_theme_again() -> None:
    """The windows closed by now are deleted first: the change would repolish each of them."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    theme.manager().set_choice(ThemeChoice.SYSTEM)


@pytest.fixture(scope="module", autouse=True)
def system_theme_after_the_module(qapp):
    """The theme is the application's: the modules after this one see the default again (the palette, the sheet)."""
    yield
    _system_theme_again()


@pytest.fixture(autouse=True)
def back_to_the_system_theme(qapp, request):
    """Each test starts on System. Not the tests of the shared window (the last ones): each chooses a theme other
    than the one the test before left, and going back to System in between repolished the whole window, as long
    as opening a new one."""
    yield
    if "window" not in request.fixturenames:
        _system_theme_again()


def luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def most_common_colour(pixels: np.ndarray) -> QColor:
    packed = (pixels[..., 0].astype(np.uint32) << 16) | (pixels[..., 1].astype(np.uint32) << 8) | pixels[..., 2]
    values, counts = np.unique(packed.ravel(), return_counts=True)
    v = int(values[np.argmax(counts)])
    return QColor((v >> 16) & 255, (v >> 8) & 255, v & 255)


def text_widgets(window):
    """Visible, enabled labels and buttons showing text (disabled controls are exempt in WCAG)."""
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if not widget.isVisible() or not widget.isEnabled() or widget.objectName().startswith("qt_"):
            continue
        if not widget.text().strip():
            continue  # an icon or a colour chip: no text to read
        yield widget


def low_contrast(window) -> list[str]:
    pixels = rgb(window.grab())
    found = []
    checked = 0
    for widget in text_widgets(window):
        visible = widget.visibleRegion().boundingRect()
        if visible.width() < 4 or visible.height() < 4:
            continue  # scrolled out of sight
        top_left = widget.mapTo(window, visible.topLeft())
        x0, y0 = max(top_left.x(), 0), max(top_left.y(), 0)
        area = pixels[y0 : y0 + visible.height(), x0 : x0 + visible.width()]
        if area.size == 0:
            continue
        background = most_common_colour(area)
        ink = widget.palette().color(QPalette.ColorGroup.Active, widget.foregroundRole())
        ratio = contrast(ink, background)
        checked += 1
        if ratio < WCAG_AA:
            found.append(
                f"{type(widget).__name__} {widget.text()[:30]!r}: {ink.name()} on {background.name()} = {ratio:.2f}"
            )
    assert checked > 40, "the window's labels and buttons were not found"
    return found


def test_contrast_ratio_matches_wcag_examples():
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)  # WCAG's near-miss grey
    assert contrast(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)


def mark_contrast(view, items) -> float:
    """How well ``items`` drawn over ``view``'s plot stand out: the median contrast of the pixels they change against
    the pixels there with them hidden (the median, not the most: a mark that crosses a bright point stands out there
    only)."""
    shown = rgb(view.grab())
    for item in items:
        item.hide()
    behind = rgb(view.grab())
    for item in items:
        item.show()
    changed = np.any(shown != behind, axis=2)
    assert changed.sum() > 20, "the marks were not drawn"
    ratios = [contrast(QColor(*map(int, a)), QColor(*map(int, b))) for a, b in zip(shown[changed], behind[changed])]
    return float(np.median(ratios))


@pytest.mark.parametrize("choice", [ThemeChoice.LIGHT, ThemeChoice.DARK])
def test_every_visible_label_and_button_is_readable(make_window, qtbot, choice):
    """Every dock open, a challenge started and a point probed, then the theme chosen: every word on screen reads at
    4.5:1, the probe's tables too (written before the theme changed), and the probe's + and the bias explorer's
    threshold line, the eraser's rings stand out from their plots. In the dark theme the probe's column names were
    light on a near-white box (1.05:1), its formulas and numbers, the challenges' status lines, the probe's +, the
    threshold line and the eraser's rings dark on dark."""
    w = make_window()
    for dock in w.findChildren(QDockWidget):
        dock.show()
    la = w.lesson_actions
    la.challenges_panel.cards["xor-fewest-neurons"].start_button.click()
    qtbot.waitUntil(
        lambda: la.generated.name() == "xor" and w.controller.latest_snapshot.data_version == w.document.version
    )
    inside = w.inside_views
    inside.probe_at(0.3, 0.4)
    qtbot.waitUntil(lambda: inside.probe_panel.probe is not None)
    assert la.board.active == "xor-fewest-neurons"
    w.theme_menu.choose(choice)
    qtbot.wait(100)
    assert theme.current() is (DARK if choice is ThemeChoice.DARK else LIGHT)
    assert (w.palette().color(QPalette.ColorRole.Window).lightness() < 80) == (choice is ThemeChoice.DARK)
    assert low_contrast(w) == []
    assert faint_text(w) == []
    assert mark_contrast(w.boundary_view, [inside.probe_marker]) >= GRAPHICS_CONTRAST
    rings = w.boundary_view.gestures.pick_ring  # the eraser's dashed rings around the points it would take
    put(rings, [-0.5, 0.5], [0.5, -0.5])
    assert mark_contrast(w.boundary_view, [rings]) >= GRAPHICS_CONTRAST
    put(rings)

    probe = inside.docks["probe"]  # on its own, tall enough for its tables
    probe.setFloating(True)
    probe.resize(460, 640)
    qtbot.wait(100)
    assert "dL/dz" in inside.probe_panel.browser.toPlainText()
    assert faint_text(probe) == []

    inside.explorer_action.trigger()
    explorer = inside.explorer
    qtbot.waitUntil(lambda: explorer.isVisible() and explorer.threshold_line.isVisible())
    assert mark_contrast(explorer.plot, [explorer.threshold_line]) >= GRAPHICS_CONTRAST


@pytest.mark.parametrize("choice", [ThemeChoice.LIGHT, ThemeChoice.DARK])
def test_the_perceptron_rule_reads_in_both_themes(qtbot, choice):
    """The perceptron lesson's account of a misclassified sample ("Misclassified", in orange) and its count of samples
    (a soft grey) read at 4.5:1, written before the theme changed: the count was #555 on the dark field (1.9:1), the
    orange 2.1:1 on white."""
    from gui.inside.perceptron_lesson import PerceptronLesson
    from gui.main_window import apply_style
    from tests.gui.inside.test_inside_views import make_session

    apply_style(QApplication.instance())
    s = make_session(name="linearly_separable", kind="perceptron", hidden=())
    lesson = PerceptronLesson()
    qtbot.addWidget(lesson)
    lesson.resize(520, 420)
    lesson.show()
    lesson.show_update(s.perceptron_sample_step())  # zero weights: the first sample is on the line, so it moves it
    lesson.show_snapshot(s.snapshot())
    lesson.flush()
    theme.manager().set_choice(choice)
    lesson.flush()
    assert "Misclassified" in lesson.text.toPlainText() and "samples shown here" in lesson.text.toPlainText()
    assert faint_text(lesson, least_runs=20) == []


def test_the_light_stylesheet_on_a_dark_palette_is_caught(make_window, qtbot):
    """The test above can fail: the light theme's dark ink over dark backgrounds (no style sheet) is found."""
    w = make_window()
    w.theme_menu.choose(ThemeChoice.LIGHT)
    dark_window = DARK.qpalette()
    light = LIGHT.qpalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        light.setColor(role, dark_window.color(role))  # backgrounds dark, the ink still the light theme's dark
    QGuiApplication.instance().setPalette(light)
    QGuiApplication.instance().setStyleSheet("")
    qtbot.wait(50)
    assert low_contrast(w) != []


def plot_pixels(view) -> tuple[QColor, np.ndarray]:
    """(the plot's background at its top-left corner, the pixels of its left axis: ticks and tick labels)."""
    pixels = rgb(view.grab())
    axis = view.getPlotItem().getAxis("left")
    rect = view.mapFromScene(axis.sceneBoundingRect()).boundingRect().intersected(view.rect())
    corner = QColor(*[int(v) for v in pixels[2, 2]])
    return corner, pixels[rect.top() : rect.bottom(), rect.left() : rect.right()]


def legend_pixels(curves) -> np.ndarray:
    """The pixels of the curves' legend ("train", "test" and their line samples)."""
    view = curves.glw
    pixels = rgb(view.grab())
    rect = view.mapFromScene(curves._legend.sceneBoundingRect()).boundingRect().intersected(view.rect())
    return pixels[rect.top() : rect.bottom(), rect.left() : rect.right()]


def curves_axis_pixels(curves) -> np.ndarray:
    """The pixels of the loss chart's left axis (its ticks, tick labels and title)."""
    view = curves.glw
    pixels = rgb(view.grab())
    axis = curves.loss_plot.getAxis("left")
    rect = view.mapFromScene(axis.sceneBoundingRect()).boundingRect().intersected(view.rect())
    return pixels[rect.top() : rect.bottom(), rect.left() : rect.right()]


def test_a_window_opened_on_a_dark_desktop_draws_its_plots_light_on_dark(make_window, qtbot, monkeypatch):
    """Under System on a dark desktop, a window just opened draws its plots' axes light, as after choosing Dark: the
    plots were styled only when the theme changed, so at the start the plot's and the curves' tick labels and axis
    titles kept the light theme's greys on the dark background."""
    monkeypatch.setattr(theme, "system_is_dark", lambda: True)
    theme.manager().set_choice(ThemeChoice.SYSTEM)  # the desktop's dark, before the window is made
    w = make_window()
    qtbot.wait(100)
    assert theme.current() is DARK
    background, axis = plot_pixels(w.boundary_view)
    assert luminance(background) < 0.05
    assert (axis.astype(int).sum(axis=2) > 3 * 170).sum() > 30  # the tick labels, drawn light
    curves_axis = curves_axis_pixels(w.curves_view)
    assert (curves_axis.astype(int).sum(axis=2) > 3 * 170).sum() > 30


def test_theme_menu_remembers_the_choice(make_window, qtbot, ini):
    w = make_window()
    entries = [a.text().replace("&", "") for a in w.theme_menu.menu.actions()]
    assert entries == ["System", "Light", "Dark"]
    assert w.theme_menu.menu.menuAction() in w.menus.view.actions()
    assert w.theme_menu.actions[ThemeChoice.SYSTEM].isChecked()
    w.theme_menu.choose(ThemeChoice.DARK)
    assert [a.isChecked() for a in w.theme_menu.menu.actions()] == [False, False, True]
    assert all(a.statusTip() for a in w.theme_menu.menu.actions())
    w.close()
    w2 = make_window()
    assert w2.theme_menu.actions[ThemeChoice.DARK].isChecked()
    assert theme.current() is DARK
    QSettings(ini, QSettings.IniFormat).setValue("settings/theme", '"purple"')  # a damaged value: System
    w3 = make_window()
    assert w3.theme_menu.actions[ThemeChoice.SYSTEM].isChecked()


def test_every_style_sheet_token_has_a_colour_in_both_themes():
    from gui.widgets.style import RESOURCES

    template = (RESOURCES / "style.qss").read_text(encoding="utf-8")
    for t in (LIGHT, DARK):
        sheet = t.style_sheet(template)
        assert "@" not in sheet
    assert set(LIGHT.qss) == set(DARK.qss) and set(LIGHT.palette) <= set(DARK.palette)
    assert ThemeChoice.parse("dark") is ThemeChoice.DARK and ThemeChoice.parse(None) is ThemeChoice.SYSTEM


def box_edge_contrast(window, box) -> float:
    """The contrast between the panel behind an unchecked check box and the most contrasting pixel of the box
    itself (its edge, as its inside is the field's colour): how well a person sees that there is a box."""
    pixels = rgb(window.grab())
    option = QStyleOptionButton()
    box.initStyleOption(option)
    inner = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    top_left = box.mapTo(window, inner.topLeft())
    square = pixels[top_left.y() : top_left.y() + inner.height(), top_left.x() : top_left.x() + inner.width()]
    visible = box.visibleRegion().boundingRect()
    corner = box.mapTo(window, visible.topLeft())
    behind = most_common_colour(pixels[corner.y() : corner.y() + visible.height(), corner.x() : corner.x() + 4])
    return max(contrast(QColor(*[int(v) for v in p]), behind) for p in square.reshape(-1, 3))


def test_the_loss_landscape_made_in_the_dark_theme_titles_its_charts_light(qtbot):
    """The landscape's charts, made when first shown (here after Dark was chosen), title themselves in the theme's
    colour: their titles kept a fixed #333 on the dark plot (about 1.5:1), as did the square where the last update
    started."""
    from gui.experiments.landscape_view import LandscapeView
    from gui.main_window import apply_style
    from model.data.generators import make
    from model.inside.landscape import compute_landscape
    from model.training.session import TrainingSession
    from model.training.specs import ModelSpec, TrainSpec

    apply_style(QApplication.instance())
    theme.manager().set_choice(ThemeChoice.DARK)
    session = TrainingSession(make("moons", 200, 0.1, seed=0), ModelSpec(hidden_layer_sizes=(4,)), TrainSpec())
    session.step(5)
    view = LandscapeView()
    qtbot.addWidget(view)
    view.resize(600, 420)
    view.show()
    qtbot.waitExposed(view)
    view.set_landscape(compute_landscape(session, size=11))
    qtbot.wait(50)
    pixels = rgb(view.glw.grab())
    background = QColor(DARK.plot_background)
    for plot in (view.plot, view.slice_plot):
        rect = view.glw.mapFromScene(plot.titleLabel.sceneBoundingRect()).boundingRect().intersected(view.glw.rect())
        title = pixels[rect.top() : rect.bottom(), rect.left() : rect.right()].reshape(-1, 3)
        assert max(contrast(QColor(*map(int, p)), background) for p in title) >= 4.5
    assert contrast(view.slice_before.opts["brush"].color(), background) >= GRAPHICS_CONTRAST


@pytest.mark.parametrize("now", [LIGHT, DARK], ids=["light", "dark"])
def test_every_ink_reads_on_its_themes_backgrounds(now):
    """The colours the views write into their own text read at 4.5:1 on the theme's window, panels and text fields
    (the probe's numbers also on its tables' column heads' box); the marks over a plot, the health panel's ninth
    layer among them (it was black), stand out 3:1 from the theme's plot."""
    from gui.inside.health_panel import layer_colour

    fields = [now.qss["window"], now.qss["surface"], now.palette["Base"]]
    texts = [now.soft_text, now.pending_text, now.done_text, now.positive_text, now.negative_text, now.zero_text]
    texts += [now.qss["error_text"], now.qss["warning_text"]]
    for ink in texts:
        for field in fields:
            assert contrast(QColor(ink), QColor(field)) >= WCAG_AA, (ink, field)
    assert contrast(QColor(now.qss["text"]), QColor(now.table_header)) >= WCAG_AA
    for mark in (now.plot_ink, now.plot_guide, layer_colour(8, now)):
        assert contrast(QColor(mark), QColor(now.plot_background)) >= GRAPHICS_CONTRAST, mark


# ------------------------------------------------------------------ on one window
@pytest.fixture
def window(shared_window):
    """The window the tests below share (last in the module: a theme chosen repolishes every window alive). Each
    chooses its theme first, another than the one the test before left (System, then Dark or Light)."""
    return shared_window


def test_plot_is_dark_with_light_axis_text_in_the_dark_theme(window, qtbot):
    w = window
    w.theme_menu.choose(ThemeChoice.DARK)
    qtbot.wait(100)
    background, axis = plot_pixels(w.boundary_view)
    assert luminance(background) < 0.05
    light = (axis.astype(int).sum(axis=2) > 3 * 170).sum()
    assert light > 30  # the tick labels, drawn light
    w.theme_menu.choose(ThemeChoice.LIGHT)
    qtbot.wait(100)
    background, axis = plot_pixels(w.boundary_view)
    assert luminance(background) > 0.9
    dark = (axis.astype(int).sum(axis=2) < 3 * 90).sum()
    assert dark > 30


def test_the_curves_legend_words_follow_the_theme(window, qtbot):
    """Switched to dark while open, "train" and "test" beside the curves are drawn light on the dark chart (they
    stayed dark, unreadable), and dark again in the light theme. The line samples are blue and orange: neither
    light nor dark enough to count."""
    w = window
    w.theme_menu.choose(ThemeChoice.DARK)
    qtbot.wait(100)
    legend = legend_pixels(w.curves_view)
    assert (legend.astype(int).sum(axis=2) > 3 * 170).sum() > 30  # the words, drawn light
    w.theme_menu.choose(ThemeChoice.LIGHT)
    qtbot.wait(100)
    legend = legend_pixels(w.curves_view)
    assert (legend.astype(int).sum(axis=2) < 3 * 90).sum() > 30  # the words, drawn dark


def test_system_choice_follows_the_desktop_scheme(window, qtbot, monkeypatch):
    w = window
    w.theme_menu.choose(ThemeChoice.SYSTEM)
    system_dark = [False]
    monkeypatch.setattr(theme, "system_is_dark", lambda: system_dark[0])
    seen = []
    theme.manager().changed.connect(seen.append)
    system_dark[0] = True
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current() is DARK and seen[-1] is DARK
    assert w.palette().color(QPalette.ColorRole.Window) == QColor(DARK.palette["Window"])
    w.theme_menu.choose(ThemeChoice.LIGHT)  # an explicit choice wins over the desktop
    system_dark[0] = True
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current() is LIGHT
    theme.manager().changed.disconnect(seen.append)


def test_a_dark_panel_text_point(window, qtbot):
    """The settings panel's field labels read light on dark in the dark theme (the old bug: dark on dark)."""
    w = window
    w.theme_menu.choose(ThemeChoice.DARK)
    qtbot.wait(50)
    labels = [lab for lab in w.data_panel.findChildren(QLabel) if lab.isVisible() and lab.text()]
    assert labels
    for lab in labels:
        assert lab.palette().color(lab.foregroundRole()).lightness() > 150, lab.text()


@pytest.mark.parametrize("choice", [ThemeChoice.LIGHT, ThemeChoice.DARK])
def test_an_unchecked_box_is_seen_in_both_themes(window, qtbot, choice):
    """ "Log scale" and "Log epochs" under the curves, unchecked, show their boxes' edges at 3:1 or more against
    the panel (WCAG's contrast for a control's bounds) in the dark theme too: Fusion drew them a shade darker than
    the dark window, ~1.2:1, boxes a person could hardly find. A checked box keeps its check mark."""
    w = window
    w.theme_menu.choose(choice)
    qtbot.wait(100)
    for box in (w.curves_view.log_check, w.curves_view.log_epochs_check):
        assert not box.isChecked()
        assert box_edge_contrast(w, box) >= 3.0
    w.curves_view.log_check.setChecked(True)
    qtbot.wait(50)
    assert box_edge_contrast(w, w.curves_view.log_check) >= 3.0
    w.curves_view.log_check.setChecked(False)  # unchecked for the next test, as in a new window
