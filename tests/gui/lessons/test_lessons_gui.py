"""Lessons, challenges and help in the real MainWindow, with a real training thread.

Every lesson is opened through its Lessons-menu action and checked for the data, the model and training
specs the training thread receives, and the views it promises; a challenge is met by a quick run (its
tick flips and its best is kept in QSettings), then un-met by a point edit; a malformed lesson file in a
lesson folder of the test's own gives a message naming the file. Settings go to a temporary ini file,
so the start page never opens by itself. The pictures of two lessons are
checked against the model and written to shots/ by `make shots`.
"""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from PySide6.QtCore import QObject, QSettings, Slot
from PySide6.QtWidgets import QApplication

from gui.lessons.lessons_panel import StartPage
from gui.window.shortcuts_dialog import ShortcutsDialog
from model.data import real_datasets
from model.data.generators import DATASETS, make
from model.teaching.lessons import LESSON_DIR, load_all
from tests.gui.pixels import check_boundary_view
from tests.gui.shots import take_shot

LESSONS, CHALLENGES, ERRORS = load_all()


class Recorder(QObject):
    """Everything a signal carried, in order (a bound @Slot, as the app connects its own)."""

    def __init__(self):
        super().__init__()
        self.values = []

    @Slot(object)
    def record(self, value) -> None:
        self.values.append(value)


@pytest.fixture
def window(make_window):
    return make_window(size=(1360, 860))


def lessons_menu(w):
    for action in w.menuBar().actions():
        if action.text() == "&Lessons":
            return action.menu()
    raise AssertionError("no Lessons menu")


def menu_action(w, item_id):
    found = [a for a in lessons_menu(w).actions() if a.data() == item_id]
    assert len(found) == 1, item_id
    return found[0]


def help_action(w, text):
    for action in w.menuBar().actions():
        if action.text() == "&Help":
            for a in action.menu().actions():
                if a.text().replace("&", "") == text:
                    return a
    raise AssertionError(f"no Help \u25b8 {text}")


def settled(w, item):
    """The newest snapshot is of the item's data, at epoch 0, with its model."""
    s = w.controller.latest_snapshot
    return (
        s is not None
        and s.data_version == w.document.version
        and s.epoch == 0
        and s.model_kind == item.model.kind
        and tuple(s.layer_sizes[1:-1]) == item.model.hidden
        and abs(s.learning_rate - item.train.learning_rate) < 1e-12
    )


def model_fields(spec):
    return (spec.kind, spec.hidden, spec.hidden_activations, spec.features, spec.alpha, spec.l1, spec.weight_init)


# ---------------------------------------------------------------------------------------------------- lessons
def check_the_menu_lists_every_lesson_and_challenge(w):
    texts = [a.text() for a in lessons_menu(w).actions()]
    for k, lesson in enumerate(LESSONS):
        assert menu_action(w, lesson.id).text().replace("&", "") == f"{k + 1}. {lesson.title}"
    for challenge in CHALLENGES:
        assert menu_action(w, challenge.id).text().endswith(challenge.title)
    assert "Challenges" in texts and len(LESSONS) >= 8 and len(CHALLENGES) >= 3 and not ERRORS


def test_every_lesson_opens_from_the_menu_with_its_data_model_and_views(window, qtbot):
    w = window
    la = w.lesson_actions
    check_the_menu_lists_every_lesson_and_challenge(w)
    models, trains = Recorder(), Recorder()
    w.controller._modelSpecRequested.connect(models.record)  # what the training thread is sent
    w.controller._trainSpecRequested.connect(trains.record)
    for index, lesson in enumerate(LESSONS):
        models.values.clear()
        trains.values.clear()
        menu_action(w, lesson.id).trigger()
        qtbot.waitUntil(lambda lesson=lesson: settled(w, lesson), timeout=8000)

        # the data: the panel's settings, and the very points the generator makes from them
        d, ds, params = lesson.data, w.dataset, w.data_panel.params()
        if d.dataset in real_datasets.REAL_DATASETS:  # a real data set: its own points, only the seed and split apply
            assert (params["name"], params["seed"], params["test_fraction"]) == (d.dataset, d.seed, d.test_fraction)
            expected = real_datasets.load(d.dataset, d.test_fraction, d.seed)
            assert np.array_equal(ds.X, expected.X) and np.array_equal(ds.y, expected.y)
            assert np.array_equal(ds.is_test, expected.is_test) and ds.n_classes == expected.n_classes
        else:
            noise = DATASETS[d.dataset].default_noise if d.noise is None else d.noise
            assert (params["name"], params["n_samples"], params["seed"], params["test_fraction"]) == (
                d.dataset,
                d.n_samples,
                d.seed,
                d.test_fraction,
            )
            assert params["noise"] == pytest.approx(noise) and params["n_classes"] == d.classes
            expected = make(
                d.dataset,
                n_samples=d.n_samples,
                noise=noise,
                seed=d.seed,
                n_classes=d.classes,
                test_fraction=d.test_fraction,
            )
            assert ds.n_samples == d.n_samples and ds.task == DATASETS[d.dataset].task
            assert np.array_equal(ds.X, expected.X) and np.array_equal(ds.y, expected.y)
            assert np.array_equal(ds.is_test, expected.is_test)
            if ds.task == "classification":
                assert ds.n_classes == (d.classes if DATASETS[d.dataset].supports_n_classes else 2)
        assert la.generated.name() == d.dataset

        # the model and training specs the worker received (the last of each), and the panels
        assert models.values and model_fields(models.values[-1]) == model_fields(lesson.model)
        assert trains.values and trains.values[-1] == lesson.train
        assert model_fields(w.model_panel.model_spec()) == model_fields(lesson.model)
        assert w.training_panel.train_spec() == lesson.train
        assert not w.controller.running and w.controller.latest_snapshot.epoch == 0

        # the views it promises, the lesson text, and its place in the journey
        assert la.missing_views == []
        for view in lesson.views:
            assert la.view_is_open(view), (lesson.id, view)
        assert la.lesson_dock.isVisible()
        assert la.lesson_panel.title_label.text() == lesson.title
        assert la.lesson_panel.position_label.text() == f"Lesson {index + 1} of {len(LESSONS)}"
        assert len(la.lesson_panel.text()) > 200 and "**" not in la.lesson_panel.text()  # rendered Markdown
        assert la.lesson_panel.previous_button.isEnabled() == (index > 0)
        assert la.lesson_panel.next_button.isEnabled() == (index < len(LESSONS) - 1)
        if lesson.compare:  # the extra runs side by side, with the lesson's overrides
            qtbot.waitUntil(lambda lesson=lesson: len(w.compare.members) == len(lesson.compare), timeout=5000)
            rates = sorted(m[4].learning_rate for m in w.compare.members)
            assert rates == sorted(
                run.get("train", {}).get("learning_rate", lesson.train.learning_rate) for run in lesson.compare
            )
        else:
            qtbot.waitUntil(lambda: not w.compare.members, timeout=5000)
            assert not la.view_is_open("compare") or "compare" in lesson.views

    # Next / Previous / Restart go through the same setup
    la.lesson_panel.previous_button.click()
    qtbot.waitUntil(lambda: settled(w, LESSONS[-2]), timeout=8000)
    assert la.lesson_panel.lesson.id == LESSONS[-2].id
    w.controller.step(5)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch == 5, timeout=5000)
    la.lesson_panel.restart_button.click()
    qtbot.waitUntil(lambda: settled(w, LESSONS[-2]), timeout=8000)
    la.lesson_panel.next_button.click()
    qtbot.waitUntil(lambda: settled(w, LESSONS[-1]), timeout=8000)
    assert la.lesson_panel.lesson.id == LESSONS[-1].id


@pytest.mark.shots
def test_two_lessons_show_their_trained_model(window, qtbot):
    """After training a lesson, the main plot shows that model: shading, boundary line and points (pictures
    lesson_logistic_regression.png and lesson_backpropagation.png under `make shots`)."""
    w = window
    for lesson_id, epochs, name in (
        ("logistic-blobs", 300, "lesson_logistic_regression.png"),
        ("backpropagation", 1500, "lesson_backpropagation.png"),
    ):
        lesson = w.lesson_actions.lesson(lesson_id)
        menu_action(w, lesson_id).trigger()
        qtbot.waitUntil(lambda lesson=lesson: settled(w, lesson), timeout=8000)
        for done in range(50, epochs + 1, 50):  # in chunks, as Play trains: the test curves are measured
            w.controller.step(50)
            qtbot.waitUntil(lambda done=done: w.controller.latest_snapshot.epoch == done, timeout=10000)
        x, y = (-2.0, -2.5) if lesson_id == "logistic-blobs" else (3.4, 0.6)
        w.inside_views.probe_at(x, y)
        qtbot.wait(100)  # the plot draws on the window's timer
        for view in (w.boundary_view, w.inside_views.diagram, w.inside_views.probe_panel):
            view.flush()  # these redraw on their own (throttled) timers: draw the newest snapshot now
        QApplication.processEvents()
        take_shot(w, name)
        check_boundary_view(w.boundary_view, overlays=[w.boundary_view._score], marks=[(x, y)])


# ---------------------------------------------------------------------------------------------------- challenges
def test_a_challenge_met_by_a_quick_run_ticks_and_keeps_its_best(window, qtbot, ini):
    w = window
    la = w.lesson_actions
    challenge = la.challenge("xor-fewest-neurons")
    card = la.challenges_panel.cards[challenge.id]
    assert not card.met and la.board.best(challenge.id) is None
    card.start_button.click()  # its setup: XOR, an MLP with 4 tanh neurons, Adam
    qtbot.waitUntil(lambda: settled(w, challenge), timeout=8000)
    assert la.board.active == challenge.id and la.challenges_dock.isVisible()
    assert la.generated.name() == "xor"

    for _ in range(40):  # a quick run: 50 epochs at a time until the goal is met
        if card.met:
            break
        epoch = w.controller.latest_snapshot.epoch
        w.controller.step(50)
        qtbot.waitUntil(lambda epoch=epoch: w.controller.latest_snapshot.epoch == epoch + 50, timeout=5000)
    assert card.met, card.reason
    assert "\u2713" in card.status_label.text() and "Met" in card.status_label.text()  # a symbol, not colour alone
    assert la.board.best(challenge.id) == 4.0
    assert "4 hidden neurons" in card.best_label.text()
    assert menu_action(w, challenge.id).text().startswith("\u2713 ")
    w.settings.sync()
    stored = QSettings(ini, QSettings.IniFormat).value(f"settings/challenges/{challenge.id}")
    assert json.loads(stored)["best"] == 4.0

    # a point edit: these are no longer the generated XOR points, so the goal no longer counts
    epoch = w.controller.latest_snapshot.epoch
    w.boundary_view.addPointsRequested.emit(np.array([[0.5, 0.5]]))
    assert la.generated.name() is None
    w.controller.step(1)
    qtbot.waitUntil(lambda: not card.met, timeout=5000)
    assert card.reason == "generate the xor dataset first" and "Not yet" in card.status_label.text()
    # undo puts the generated points back: the goal counts again, and the best stays
    w.controls.undo_action.trigger()
    assert la.generated.name() == "xor"
    w.controller.step(1)
    qtbot.waitUntil(lambda: card.met and w.controller.latest_snapshot.epoch > epoch + 1, timeout=5000)
    assert la.board.best(challenge.id) == 4.0

    # a run that does not meet its challenge (yet): no tick, no best; the hint
    challenge = la.challenge("circles-no-features")
    card = la.challenges_panel.cards[challenge.id]
    menu_action(w, challenge.id).trigger()  # the Lessons menu starts it too
    qtbot.waitUntil(lambda: settled(w, challenge), timeout=8000)
    w.controller.step(1)
    qtbot.waitUntil(
        lambda: w.controller.latest_snapshot.epoch == 1 and card.reason.startswith("test accuracy"), timeout=5000
    )
    assert not card.met and "not reached yet" in card.reason and la.board.best(challenge.id) is None
    assert card.hint_label.isHidden()
    card.hint_button.click()
    assert card.hint_label.isVisible() and card.hint_label.text() == challenge.hint
    # another challenge started: this one is no longer checked
    la.start_challenge("spiral-8-neurons")
    assert la.board.active == "spiral-8-neurons" and "Start" in card.status_label.text()


# ---------------------------------------------------------------------------------------------------- files, help
def test_a_malformed_lesson_file_is_named_in_the_status_bar_and_on_the_start_page(
    make_window, tmp_path, qtbot, monkeypatch
):
    import gui.main_window as mw

    monkeypatch.setattr(mw, "_sklearn_loaded", lambda: False)  # the first data from a background thread, too
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    for path in sorted(LESSON_DIR.glob("0[12]_*.toml")) + sorted(LESSON_DIR.glob("challenge_xor*.toml")):
        shutil.copy(path, lessons / path.name)
    (lessons / "09_broken.toml").write_text(
        'kind = "lesson"\nid = "broken"\ntitle = "Broken"\n[model]\nknd = "mlp"\n', encoding="utf-8"
    )
    w = make_window(lesson_dir=lessons)
    la = w.lesson_actions
    assert w.undo_stack.count() == 0 and la.generated.name() == "moons"  # the start-up data counts as generated
    assert [item.id for item in la.lessons] == [LESSONS[0].id, LESSONS[1].id]
    assert len(la.errors) == 1 and la.errors[0].startswith("09_broken.toml: unknown key(s) knd in [model]")
    qtbot.waitUntil(lambda: "09_broken.toml" in w.statusBar().currentMessage(), timeout=3000)
    assert la.error_button.isVisible() and "1 lesson file skipped" in la.error_button.text()
    assert "09_broken.toml" in la.error_button.toolTip()
    help_action(w, "Start page\u2026").trigger()
    page = la.start_page
    assert page.isVisible() and not page.isModal()
    assert "09_broken.toml" in page.errors_text() and "unknown key(s) knd" in page.errors_text()
    assert set(page.lesson_buttons) == {LESSONS[0].id, LESSONS[1].id}
    page.close()

    # a view a lesson lists that this window does not have is skipped (and reported), not a crash
    monkeypatch.setattr(la.views, "switches", {**la.views.switches, "probe": None})
    menu_action(w, LESSONS[0].id).trigger()
    qtbot.waitUntil(lambda: settled(w, LESSONS[0]), timeout=8000)
    assert la.missing_views == ["probe"] and la.view_is_open("diagram") and la.lesson_dock.isVisible()


def test_start_page_user_guide_and_shortcuts_from_the_help_menu(make_window, qtbot, ini):
    w = make_window()
    la = w.lesson_actions
    qtbot.wait(50)
    assert not [t for t in QApplication.topLevelWidgets() if isinstance(t, StartPage) and t.isVisible()]
    help_action(w, "Start page\u2026").trigger()
    page = la.start_page
    assert page.isVisible() and page.errors_text() == ""
    assert list(page.lesson_buttons) == [lesson.id for lesson in LESSONS]
    assert list(page.challenge_buttons) == [challenge.id for challenge in CHALLENGES]
    assert la.show_at_start() and page.show_at_start.isChecked()
    page.show_at_start.click()  # "don't show at start", remembered
    assert not la.show_at_start()
    w.settings.sync()
    assert json.loads(QSettings(ini, QSettings.IniFormat).value("settings/lessons/show_start_page")) is False
    page.lesson_buttons[LESSONS[2].id].click()  # one click opens the lesson and closes the page
    qtbot.waitUntil(lambda: settled(w, LESSONS[2]), timeout=8000)
    assert not page.isVisible() and la.lesson_panel.lesson.id == LESSONS[2].id
    w.close()  # the next start shows that lesson's text again (its settings come back with the panels')

    again = make_window()
    assert again.lesson_actions.lesson_panel.lesson.id == LESSONS[2].id
    assert again.lesson_actions.lesson_panel.title_label.text() == LESSONS[2].title
    w = again

    # Help > User guide, Help > Keyboard shortcuts (every key, every action's shortcut)
    help_action(w, "User guide").trigger()
    guide = w.lesson_actions.guide
    assert guide.isVisible() and not guide.isModal()
    assert "Lessons" in guide.text() and len(guide.text()) > 1500
    guide.close()

    w.controls.shortcuts_action.trigger()
    boxes = [t for t in QApplication.topLevelWidgets() if isinstance(t, ShortcutsDialog) and t.isVisible()]
    assert len(boxes) == 1 and not boxes[0].isModal()
    text = boxes[0].text()
    # on the screen whole, its Close button too: as a message box it was taller than a 700-px screen
    screen = boxes[0].screen().availableGeometry()
    assert boxes[0].frameGeometry().height() <= screen.height(), (boxes[0].height(), screen)
    assert boxes[0].close_button.isVisible() and boxes[0].rect().contains(boxes[0].close_button.geometry())
    for keys in ("Space", "S ", "\u2192", ">R<", "1 \u2026 9", "Ctrl+Z", "Ctrl+Shift+Z", "Alt+click", "E<"):
        assert keys in text, keys
    from PySide6.QtGui import QAction, QKeySequence

    for action in w.findChildren(QAction):  # every action's shortcut is listed
        for seq in action.shortcuts():
            native = seq.toString(QKeySequence.NativeText)
            if native in ("Right",) or native.isdigit() or native in ("Space", "S", "R", "E"):
                continue  # listed in the table's own words (\u2192, 1 \u2026 9)
            if native.casefold() == action.text().replace("&", "").casefold():
                continue  # the keyboard's own "Redo" key: the row would only say "Redo" twice
            assert native in text, (action.text(), native)
    boxes[0].close()


def test_first_start_invites_to_the_lessons_inside_the_window(make_window, qtbot):
    w = make_window()
    la = w.lesson_actions
    la.welcome._invite()  # what a first start with the user's own settings does
    assert w.banner.isVisible() and "lessons" in w.banner.text()
    assert not [t for t in QApplication.topLevelWidgets() if isinstance(t, StartPage) and t.isVisible()]
    w.banner.action_button.click()
    assert la.start_page.isVisible() and not w.banner.isVisible()
    la.start_page.close()


def test_the_invitation_counts_the_lessons_and_challenges_that_were_read(make_window, qtbot):
    welcome = make_window().lesson_actions.welcome
    assert len(welcome.lessons) == 10 and len(welcome.challenges) == 3
    assert welcome.invitation_text().startswith("New here? Ten short lessons and three challenges, from one neuron")
    welcome.lessons, welcome.challenges = welcome.lessons[:1], []
    assert welcome.invitation_text() == "New here? One short lesson, from one neuron to backpropagation and beyond."
