"""A lesson a teacher saves reads back as what was saved: its points bit for bit (from the CSV beside it, of any
number of features, with their classes' order and the plane shown), its specs, pace, views, locks and text; a
saved challenge's goal is checked as the built-in ones; a file naming a
lock that does not exist, or data outside its folder, is refused with the file and the field named."""

import numpy as np
import pytest

from model.data import real_datasets
from model.data.dataset import Dataset
from model.data.view_plane import ViewPlane
from model.teaching.lesson_content import DataSetup, Goal, Limits
from model.teaching.lesson_points import plane_setting_of
from model.teaching.lesson_writer import DataFileTaken, LessonDraft, data_file_taken, lesson_id, write_lesson
from model.teaching.lessons import Challenge, Lesson, LessonError, load_file
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

MODEL = ModelSpec(kind="mlp", hidden_layer_sizes=(5, 3), activation=("relu", "tanh"), alpha=0.001, features=("x1^2",))
TRAIN = TrainSpec(optimizer="adam", learning_rate=0.0123, batch_size=16, dtype="float64")
TEXT = 'Draw **two** rings.\nThen "press" Play — watch σ(z).\n\n\tA tab, a backslash \\ and \\n literally.\n'


def _drawn_points() -> Dataset:
    rng = np.random.default_rng(3)
    X = rng.normal(size=(37, 2)) * np.array([1.0, 1e-7]) + 1 / 3  # digits a short text would lose
    return Dataset.from_arrays(X, (X[:, 0] > 1 / 3).astype(int), test_fraction=0.25, seed=4)


def _draft(**changes) -> LessonDraft:
    values = dict(
        title="Rings by hand",
        text=TEXT,
        data=DataSetup(dataset="circles", n_samples=120, noise=0.1, seed=7, classes=2, test_fraction=0.25),
        model=MODEL,
        train=TRAIN,
        pace="10",
        views=("diagram", "probe"),
        locked=("data", "optimizer"),
        hidden=("regularisation",),
        points=_drawn_points(),
        units_off=frozenset({(1, 0), (2, 2)}),
    )
    values.update(changes)
    return LessonDraft(**values)


def test_a_saved_lesson_reads_back_as_it_was_saved(tmp_path):
    draft = _draft()
    path = write_lesson(draft, tmp_path / "rings.toml")
    assert (tmp_path / "rings.csv").is_file()
    lesson = load_file(path)
    assert isinstance(lesson, Lesson)
    assert (lesson.title, lesson.text, lesson.pace) == (draft.title, TEXT, "10")
    assert lesson.model == MODEL and lesson.train == TRAIN
    assert lesson.units_off == {(1, 0), (2, 2)}
    assert lesson.views == ("diagram", "probe")
    assert lesson.locked == ("data", "optimizer") and lesson.hidden == ("regularisation",)
    assert lesson.data.seed == 7 and lesson.data.file == "rings.csv"
    points, saved = lesson.points, draft.points
    assert points is not None and saved is not None
    assert points.X.tobytes() == saved.X.tobytes() and points.X.dtype == saved.X.dtype
    assert points.y.tobytes() == saved.y.tobytes()
    assert np.array_equal(points.is_test, saved.is_test)


@pytest.mark.parametrize("protected", ["rings.toml", "rings.csv"])
def test_a_read_only_lesson_is_refused_and_its_points_stay_as_they_were(tmp_path, protected):
    # the teacher made the saved version read-only to keep it: saving again over it changes neither file
    path = write_lesson(_draft(), tmp_path / "rings.toml")
    before = {name: (tmp_path / name).read_bytes() for name in ("rings.toml", "rings.csv")}
    (tmp_path / protected).chmod(0o444)
    more = _drawn_points().with_points(np.array([[0.5, 0.5], [0.6, 0.2]]), np.array([0, 1]))
    with pytest.raises(OSError if protected.endswith(".toml") else LessonError, match="read-only") as error:
        write_lesson(_draft(points=more, title="Rings again"), path)
    if protected.endswith(".csv"):
        assert str(error.value) == "rings.toml: its points file rings.csv is read-only"
    assert {name: (tmp_path / name).read_bytes() for name in before} == before
    assert load_file(path).points.n_samples == _drawn_points().n_samples


def test_generated_data_is_saved_as_its_recipe(tmp_path):
    lesson = load_file(write_lesson(_draft(points=None), tmp_path / "recipe.toml"))
    assert lesson.points is None and lesson.data.file is None
    assert (lesson.data.dataset, lesson.data.n_samples, lesson.data.noise) == ("circles", 120, 0.1)
    assert not (tmp_path / "recipe.csv").exists()


def test_a_curve_is_saved_without_a_number_of_classes(tmp_path):
    """A regression's points have no classes: its lesson names no number of them (it reads back as the curve)."""
    setup = DataSetup(dataset="sine", n_samples=80, noise=0.1, seed=2, test_fraction=0.25)
    path = write_lesson(_draft(data=setup, points=None), tmp_path / "sine.toml")
    data_table = path.read_text(encoding="utf-8").split("[data]\n", 1)[1].split("\n\n", 1)[0]
    assert [line.split(" = ")[0] for line in data_table.splitlines()] == [
        "dataset",
        "n_samples",
        "noise",
        "seed",
        "test_fraction",
    ]
    assert load_file(path).data.source().regenerate().task == "regression"


def test_a_real_data_set_is_saved_by_its_name_seed_and_split(tmp_path):
    """Iris (four input features) is saved as its name, seed and split (its size is its own), and reads back so."""
    setup = DataSetup(dataset="iris", n_samples=150, seed=3, classes=3, test_fraction=0.3)
    path = write_lesson(_draft(data=setup, points=None), tmp_path / "iris.toml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["iris.toml"]
    text = path.read_text(encoding="utf-8")
    data_table = text.split("[data]\n", 1)[1].split("\n\n", 1)[0]
    assert data_table.splitlines() == ['dataset = "iris"', "seed = 3", "test_fraction = 0.3"]
    lesson = load_file(path)
    assert (lesson.data.dataset, lesson.data.seed, lesson.data.test_fraction) == ("iris", 3, 0.3)
    assert lesson.points is None


FIVE = ("alcohol", "malic acid", "ash, total", "hue", "proline")  # a comma inside a name: quoted in the CSV


def _five_feature_points(plane: ViewPlane) -> Dataset:
    """Points of five named features and three named classes, not in sorted order (as a teacher's data may be)."""
    rng = np.random.default_rng(11)
    X = rng.normal(size=(41, 5)) * np.array([1.0, 1e-9, 3.0, 1e7, 0.1]) + 1 / 7
    y = rng.integers(0, 3, size=41)
    is_test = rng.random(41) < 0.3
    return Dataset(X, y, is_test, "classification", 3, ("white", "red", "rosé"), FIVE, view_plane=plane)


@pytest.mark.parametrize("plane", [ViewPlane.of_features(3, 1), ViewPlane.pca()])
def test_points_of_five_features_and_their_plane_read_back_bit_for_bit(tmp_path, plane):
    points = _five_feature_points(plane)
    setup = DataSetup(
        dataset="moons",
        seed=2,
        class_names=points.class_names,
        plane=plane_setting_of(plane, points.feature_names),
    )
    path = write_lesson(_draft(data=setup, points=points), tmp_path / "five.toml")
    header = (tmp_path / "five.csv").read_text(encoding="utf-8").splitlines()[0]
    # the classes' numbers beside their names: the names alone would read back in another order
    assert header == 'alcohol,malic acid,"ash, total",hue,proline,label,class_index,is_test'
    lesson = load_file(path)
    read = lesson.points
    assert read is not None
    assert read.X.tobytes() == points.X.tobytes() and read.X.shape == (41, 5)
    assert read.y.tobytes() == points.y.tobytes() and read.is_test.tobytes() == points.is_test.tobytes()
    assert read.feature_names == FIVE and read.class_names == ("white", "red", "rosé")
    assert read.view_plane == plane
    assert lesson.data.plane == ("hue", "malic acid") if plane.kind == "features" else lesson.data.plane == "pca"


def test_a_real_data_set_edited_reads_back_with_its_classes_in_their_order(tmp_path):
    """Breast cancer names its classes malignant, benign: the CSV reader would sort them (benign first) and swap
    every label; ``class_names`` keeps them as they were. Digits' classes "0".."9" read back as numbers."""
    for name in ("breast_cancer", "digits"):
        edited = real_datasets.load(name, 0.2, 0).without([0, 5])
        setup = DataSetup(dataset=name, class_names=edited.class_names, plane="pca")
        lesson = load_file(write_lesson(_draft(data=setup, points=edited), tmp_path / f"{name}.toml"))
        read = lesson.points
        assert read is not None and read.y.tobytes() == edited.y.tobytes(), name
        assert read.class_names == edited.class_names and read.feature_names == edited.feature_names


def test_a_real_data_set_is_saved_with_its_plane(tmp_path):
    iris = real_datasets.load("iris", 0.2, 3)
    setup = DataSetup(dataset="iris", seed=3, plane=(iris.feature_names[2], iris.feature_names[3]))
    path = write_lesson(_draft(data=setup, points=None), tmp_path / "iris.toml")
    assert 'plane = ["petal length (standardised)", "petal width (standardised)"]' in path.read_text(encoding="utf-8")
    assert load_file(path).data.plane == ("petal length (standardised)", "petal width (standardised)")
    path.write_text(path.read_text(encoding="utf-8").replace("petal width (standardised)", "petal colour"), "utf-8")
    with pytest.raises(LessonError, match=r"iris\.toml: \[data\] plane .*'petal colour' is not a feature of the data"):
        load_file(path)


def test_a_lesson_naming_a_plane_by_the_loaders_names_still_opens_on_that_plane(tmp_path):
    """Lessons saved before the features' names said the numbers are standardised name iris's by their unit."""
    iris = real_datasets.load("iris", 0.2, 3)
    setup = DataSetup(dataset="iris", seed=3, plane=(iris.feature_names[2], iris.feature_names[3]))
    path = write_lesson(_draft(data=setup, points=None), tmp_path / "iris.toml")
    old = path.read_text(encoding="utf-8").replace("(standardised)", "(cm)")
    path.write_text(old, encoding="utf-8")
    assert 'plane = ["petal length (cm)", "petal width (cm)"]' in old
    assert load_file(path).data.plane == ("petal length (standardised)", "petal width (standardised)")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('plane = ["hue", "malic acid"]', 'plane = ["hue", "colour"]', r"\[data\] plane .*'colour' is not a feature"),
        ('plane = ["hue", "malic acid"]', 'plane = ["hue", "hue"]', r"\[data\] plane = \['hue', 'hue'\] is neither"),
        ('plane = ["hue", "malic acid"]', "plane = 3", r"\[data\] plane = 3 is neither \"pca\""),
        ('class_names = ["white", "red", "rosé"]', 'class_names = ["white", "red"]', r"\[data\] class_names"),
        ('class_names = ["white", "red", "rosé"]', "class_names = [1, 2]", r"\[data\] class_names = \[1, 2\]"),
        (
            'class_names = ["white", "red", "rosé"]',
            f'class_names = ["white", "red", "{"r" * 201}"]',
            r"\[data\] class_names = .* different names \(of at most 200 characters each\)",
        ),
    ],
)
def test_a_malformed_plane_or_class_list_is_refused_naming_the_file_and_the_field(tmp_path, old, new, message):
    points = _five_feature_points(ViewPlane.of_features(3, 1))
    setup = DataSetup(dataset="moons", class_names=points.class_names, plane=("hue", "malic acid"))
    path = write_lesson(_draft(data=setup, points=points), tmp_path / "bad.toml")
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(LessonError, match=r"bad\.toml: " + message):
        load_file(path)


def test_a_plane_of_two_feature_data_is_refused(tmp_path):
    path = write_lesson(_draft(points=None), tmp_path / "flat.toml")
    path.write_text(path.read_text().replace("[data]\n", '[data]\nplane = "pca"\n'))
    with pytest.raises(LessonError, match=r"flat\.toml: \[data\] plane: circles has two features"):
        load_file(path)


def test_points_that_would_not_read_back_as_they_are_are_not_written(tmp_path):
    """A feature named "label" would be taken for the label column (the CSV writer then heads the inputs x1..x5):
    the lesson would open with other names, so nothing is written and the message says what would differ."""
    points = _five_feature_points(ViewPlane.pca())
    renamed = Dataset(points.X, points.y, points.is_test, feature_names=("label", *FIVE[1:]))
    with pytest.raises(LessonError, match=r"named\.toml: the points would not read back as they are: the feature"):
        write_lesson(_draft(data=DataSetup(plane="pca"), points=renamed), tmp_path / "named.toml")
    assert list(tmp_path.iterdir()) == []


def test_a_saved_challenge_is_checked_as_the_built_in_ones(tmp_path):
    goal = Goal(metric="train_score", above=0.9)
    draft = _draft(
        title="Two neurons suffice",
        goal=goal,
        limits=Limits(max_hidden_neurons=2, max_hidden_layers=1),
        hint="One layer.",
        points=None,
        data=DataSetup(dataset="linearly_separable", n_samples=80, seed=1, test_fraction=0.2),
        model=ModelSpec(kind="mlp", hidden_layer_sizes=(2,)),
        train=TrainSpec(learning_rate=0.3),
        units_off=frozenset(),
    )
    challenge = load_file(write_lesson(draft, tmp_path / "challenge.toml"))
    assert isinstance(challenge, Challenge)
    assert challenge.goal == goal and challenge.limits.max_hidden_neurons == 2 and challenge.hint == "One layer."

    from model.data.generators import make

    d = challenge.data
    session = TrainingSession(
        make(d.dataset, d.n_samples, d.noise, d.seed, d.classes, d.test_fraction), challenge.model, challenge.train
    )
    before = challenge.check(session.snapshot(), challenge.model, d.source())
    assert not before.met  # untrained: chance accuracy
    session.step(200)
    assert challenge.check(session.snapshot(), challenge.model, d.source()).met
    too_big = ModelSpec(kind="mlp", hidden_layer_sizes=(3,))
    assert "at most 2" in challenge.check(session.snapshot(), too_big, d.source()).reason


def test_a_file_with_an_unknown_lock_is_refused_naming_it(tmp_path):
    path = write_lesson(_draft(points=None), tmp_path / "locks.toml")
    saved = path.read_text()
    path.write_text(saved.replace('locked = ["data", "optimizer"]', 'locked = ["data", "everything"]'))
    with pytest.raises(LessonError, match=r"locks\.toml: 'locked' has unknown control group\(s\) everything"):
        load_file(path)
    path.write_text(saved.replace('hidden = ["regularisation"]', 'hidden = "regularisation"'))
    with pytest.raises(LessonError, match=r"locks\.toml: 'hidden' must be a list"):
        load_file(path)


@pytest.mark.parametrize("name", ["../outside.csv", "/etc/passwd.csv", "sub/../../outside.csv"])
def test_data_outside_the_lessons_folder_is_refused(tmp_path, name):
    folder = tmp_path / "lesson"
    folder.mkdir()
    path = write_lesson(_draft(), folder / "points.toml")
    (tmp_path / "outside.csv").write_text((folder / "points.csv").read_text())
    path.write_text(path.read_text().replace('file = "points.csv"', f"file = {name!r}".replace("'", '"')))
    with pytest.raises(LessonError, match=r"points\.toml: \[data\] file .* outside the lesson's folder"):
        load_file(path)


def test_a_missing_or_broken_data_file_is_refused(tmp_path):
    path = write_lesson(_draft(), tmp_path / "gone.toml")
    (tmp_path / "gone.csv").write_text("x1,x2,label,is_test\n1,2\n")
    with pytest.raises(LessonError, match=r"gone\.toml: \[data\] file 'gone.csv' cannot be used"):
        load_file(path)
    (tmp_path / "gone.csv").unlink()
    with pytest.raises(LessonError, match=r"gone\.toml: \[data\] file 'gone.csv' is not there"):
        load_file(path)


def test_what_the_reader_would_refuse_is_not_written(tmp_path):
    with pytest.raises(LessonError, match=r"long\.toml: 'text'"):
        write_lesson(_draft(text="x" * 30_000, points=None), tmp_path / "long.toml")
    assert not (tmp_path / "long.toml").exists()
    assert list(tmp_path.iterdir()) == []  # no trial file left behind


def test_ids_are_readable():
    assert lesson_id("Two moons, 3 neurons!") == "two-moons-3-neurons"
    assert lesson_id("???") == "lesson"


def test_a_file_of_the_data_files_name_is_not_replaced_unasked(tmp_path):
    """A teacher's own rings.csv beside a lesson saved as rings.toml is not written over unless asked to; the
    lesson's own data file, saved before, is."""
    mine = tmp_path / "rings.csv"
    mine.write_text("a teacher's own file\n", encoding="utf-8")
    with pytest.raises(DataFileTaken, match=r"rings\.toml: rings\.csv is already there beside it"):
        write_lesson(_draft(), tmp_path / "rings.toml")
    assert mine.read_text(encoding="utf-8") == "a teacher's own file\n" and not (tmp_path / "rings.toml").exists()
    assert data_file_taken(tmp_path / "rings.toml") == "rings.csv"
    write_lesson(_draft(), tmp_path / "rings.toml", replace_data_file=True)
    assert data_file_taken(tmp_path / "rings.toml") == ""  # the lesson's own now
    lesson = load_file(write_lesson(_draft(title="Again"), tmp_path / "rings.toml"))
    assert lesson.title == "Again" and lesson.points is not None


def test_side_by_side_runs_and_the_order_are_kept(tmp_path):
    runs = (
        {"label": "too small", "train": {"learning_rate": 0.001}},
        {"label": 'two "wide" layers', "model": {"hidden_layer_sizes": [4, 4], "activation": "relu"}},
    )
    lesson = load_file(write_lesson(_draft(points=None, compare=runs, order=7), tmp_path / "runs.toml"))
    assert isinstance(lesson, Lesson) and lesson.compare == runs and lesson.order == 7


def test_drawn_points_are_saved_without_a_generator_and_older_files_naming_one_open(tmp_path):
    """The [data] table of a lesson whose points are its CSV's names no dataset, size, noise or classes: a teacher
    read ``dataset = "moons"``, ``n_samples = 200``, ``classes = 3`` beside 37 drawn points of two classes. A file
    written before, which names them beside its ``file``, still opens with its points."""
    path = write_lesson(_draft(), tmp_path / "drawn.toml")
    text = path.read_text(encoding="utf-8")
    data_table = text.split("[data]\n", 1)[1].split("\n\n", 1)[0]
    assert data_table.splitlines() == ["seed = 7", "test_fraction = 0.25", 'file = "drawn.csv"']
    lesson = load_file(path)
    assert lesson.points is not None and lesson.points.n_samples == 37
    older = text.replace("[data]\n", '[data]\ndataset = "moons"\nn_samples = 200\nnoise = 0.1\nclasses = 3\n')
    path.write_text(older, encoding="utf-8")
    lesson = load_file(path)
    assert lesson.points is not None and lesson.points.X.tobytes() == _drawn_points().X.tobytes()
    assert (lesson.data.dataset, lesson.data.classes, lesson.data.file) == ("moons", 3, "drawn.csv")
