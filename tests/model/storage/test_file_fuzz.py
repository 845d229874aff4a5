"""Fuzzing every loader: whatever the bytes, a clear ValueError subclass, never a crash, never code.

Loaders: ``load_model`` (ModelFileError), ``load_session`` (SessionFileError),
``load_dataset`` (DataFileError) for .npz and CSV, ``load_file`` (LessonError) for lessons
(mutated lesson files are fuzzed in tests/model/teaching/test_lesson_fuzz.py). Inputs: random
bytes, valid archives cut short or with bytes flipped, arrays of the wrong shape or dtype
inside a valid archive, metadata with random values (numbers far beyond any range among them),
pickled objects inside an archive (whose unpickling would create a marker file), and random
CSV text. The budget is small in ``make test``, larger in ``make fuzz`` (see fuzz_settings).
"""

from __future__ import annotations

import json
import pickle
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from model.data.data_files import DataFileError, load_dataset, save_dataset_csv, save_dataset_npz
from model.data.dataset import Dataset
from model.data.generators import make
from model.storage import safe_files
from model.storage.model_files import ModelFileError, load_model, save_model
from model.storage.session_files import SessionFileError, load_session, save_session
from model.teaching.lessons import LessonError, load_file
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec
from tests.model.storage.fuzz_settings import EXAMPLES, FUZZ

LOADERS = {
    "model": (load_model, ModelFileError),
    "session": (load_session, SessionFileError),
    "data": (load_dataset, DataFileError),
    "lesson": (load_file, LessonError),
}


class Marker:
    """Unpickling this creates ``path``: the proof that a loader ran code from a file."""

    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self):
        return (Path.touch, (self.path,))


@pytest.fixture(scope="module", autouse=True)
def _no_fsync():
    """Durability is tested elsewhere; here thousands of fsyncs would only cost time."""
    patch = pytest.MonkeyPatch()
    patch.setattr(safe_files.os, "fsync", lambda fd: None)
    yield
    patch.undo()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def valid(workdir) -> dict[str, bytes]:
    """The bytes of one valid file of each kind."""
    files = {}
    session = TrainingSession(
        make("spiral", 40, seed=0, n_classes=3),
        ModelSpec(hidden_layer_sizes=(4,)),
        TrainSpec(optimizer="adam", batch_size=8),
        seed=0,
    )
    session.step(3)
    save_session(session, workdir / "session.npz", view={"zoom": 1.5})
    files["session"] = (workdir / "session.npz").read_bytes()
    ds = make("moons", 20, seed=0)
    save_dataset_npz(ds, workdir / "data.npz")
    files["data"] = (workdir / "data.npz").read_bytes()
    save_dataset_csv(ds, workdir / "data.csv")
    files["csv"] = (workdir / "data.csv").read_bytes()
    from model.nn.estimators import MLPClassifier

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est = MLPClassifier((3,), solver="sgd", max_iter=3, random_state=0).fit(ds.X, ds.y)
    save_model(est, workdir / "model.npz")
    files["model"] = (workdir / "model.npz").read_bytes()
    return files


def _kinds(valid):
    return [k for k in ("model", "session", "data") if k in valid]


def _expect_clean_failure(kind: str, path: Path, may_succeed: bool = False):
    """Load ``path`` with the ``kind`` loader: its error class, or (if allowed) a result."""
    loader, error = LOADERS[kind]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = loader(path)
    except error as exc:
        assert isinstance(exc, ValueError)
        assert str(exc).startswith(path.name), str(exc)
        assert len(str(exc)) < 2000, "a message box would not hold it"
        if isinstance(exc, DataFileError):
            assert exc.row is None or (isinstance(exc.row, int) and exc.row >= 1)
        return None
    assert may_succeed, f"{kind} loader accepted a bad file"
    return result


# ------------------------------------------------------------------------------- random bytes
@FUZZ
@given(
    content=st.one_of(
        st.binary(max_size=3000),
        st.binary(max_size=3000).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=500).map(lambda b: b"\x93NUMPY" + b),
    )
)
def test_random_bytes(workdir, content):
    for kind in LOADERS:
        for suffix in (".npz", ".csv", ".session"):
            path = workdir / f"random{suffix}"
            path.write_bytes(content)
            # random bytes can in principle spell a CSV dataset; nothing else may load
            _expect_clean_failure(kind, path, may_succeed=kind == "data")


# ------------------------------------------------------------------------- damaged archives
@FUZZ
@given(data=st.data())
def test_truncated_archives(workdir, valid, data):
    for kind in _kinds(valid):
        content = valid[kind]
        cut = data.draw(st.integers(0, len(content) - 1), label=f"{kind} cut")
        path = workdir / f"cut-{kind}.npz"
        path.write_bytes(content[:cut])
        _expect_clean_failure(kind, path)


@FUZZ
@given(data=st.data())
def test_flipped_bytes(workdir, valid, data):
    for kind in _kinds(valid):
        content = bytearray(valid[kind])
        for _ in range(data.draw(st.integers(1, 4), label="flips")):
            i = data.draw(st.integers(0, len(content) - 1), label="where")
            content[i] ^= data.draw(st.integers(1, 255), label="xor")
        path = workdir / f"flipped-{kind}.npz"
        path.write_bytes(bytes(content))
        # A flip can land in a harmless spot (a zip comment field, a float the CRC
        # does not cover is impossible, but e.g. the "extract version" is ignored).
        _expect_clean_failure(kind, path, may_succeed=True)


_PARSED: dict[bytes, dict[str, np.ndarray]] = {}


def _arrays(content: bytes, workdir: Path, kind: str) -> dict[str, np.ndarray]:
    """The arrays of a valid file (a fresh dict each time; the arrays are shared, read-only)."""
    if content not in _PARSED:
        path = workdir / f"orig-{kind}.npz"
        path.write_bytes(content)
        _PARSED[content] = safe_files.read_npz(path)
        for array in _PARSED[content].values():
            array.setflags(write=False)
    return dict(_PARSED[content])


_DTYPES = st.sampled_from(
    [
        np.bool_,
        np.int8,
        np.int32,
        np.int64,
        np.uint16,
        np.float16,
        np.float32,
        np.float64,
        np.complex64,
        "<U3",
        ">f8",
        "S2",
    ]
)


@FUZZ
@given(data=st.data())
def test_wrong_shapes_and_dtypes_inside_a_valid_archive(workdir, valid, data):
    for kind in _kinds(valid):
        arrays = _arrays(valid[kind], workdir, kind)
        key = data.draw(st.sampled_from(sorted(arrays)), label=f"{kind} key")
        dtype = np.dtype(data.draw(_DTYPES, label="dtype"))
        shape = data.draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=6), label="shape")
        replacement = data.draw(hnp.arrays(dtype, shape), label="array")
        original = arrays[key]
        assume(replacement.dtype != original.dtype or replacement.shape != original.shape)
        arrays[key] = replacement
        path = workdir / f"reshaped-{kind}.npz"
        with open(path, "wb") as f:  # the metadata still describes the original arrays
            safe_files.write_npz(f, arrays)
        _expect_clean_failure(kind, path, may_succeed=kind == "data" and key != "X")


@FUZZ
@given(data=st.data())
def test_wrong_arrays_with_a_matching_manifest(workdir, valid, data):
    """A hostile file whose manifest agrees with its wrong arrays: the content checks catch it."""
    for kind in ("model", "session"):
        arrays = _arrays(valid[kind], workdir, kind)
        meta = json.loads(str(arrays.pop("meta")[()]))
        key = data.draw(st.sampled_from(sorted(arrays)), label=f"{kind} key")
        dtype = np.dtype(data.draw(_DTYPES, label="dtype"))
        shape = data.draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=8), label="shape")
        arrays[key] = data.draw(hnp.arrays(dtype, shape), label="array")
        fmt, version = meta.pop("format"), meta.pop("version")
        meta.pop("arrays")
        path = workdir / f"consistent-{kind}.npz"
        safe_files.write_archive(path, fmt, version, meta, arrays)
        # Some replacements are valid (another loss curve of any length, say): a
        # result is fine then, another exception type never is.
        _expect_clean_failure(kind, path, may_succeed=True)


@FUZZ
@given(data=st.data())
def test_random_metadata(workdir, valid, data):
    numbers = st.integers() | st.floats() | st.sampled_from([10**400, -(10**400), 2**31, 2**53 + 1, 2**63, 1e308])
    json_values = st.recursive(
        st.none() | st.booleans() | numbers | st.text(max_size=8),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
        max_leaves=12,
    )
    for kind in ("model", "session"):
        arrays = _arrays(valid[kind], workdir, kind)
        meta = json.loads(str(arrays.pop("meta")[()]))
        top = sorted(k for k in meta if k not in ("format", "version", "arrays"))
        key = data.draw(st.sampled_from(top), label=f"{kind} meta key")
        if isinstance(meta[key], dict) and meta[key] and data.draw(st.booleans()):
            inner = data.draw(st.sampled_from(sorted(meta[key])), label="inner key")
            meta[key][inner] = data.draw(json_values, label="value")
        else:
            meta[key] = data.draw(json_values, label="value")
        fmt, version = meta.pop("format"), meta.pop("version")
        meta.pop("arrays")
        path = workdir / f"meta-{kind}.npz"
        safe_files.write_archive(path, fmt, version, meta, arrays)
        _expect_clean_failure(kind, path, may_succeed=True)


# ---------------------------------------------------------------------------- pickled objects
def test_the_marker_payload_really_runs_when_unpickled(tmp_path):
    """Sanity check of the weapon: unpickling it does create the marker."""
    marker = tmp_path / "ran"
    pickle.loads(pickle.dumps(Marker(marker)))
    assert marker.exists()


@settings(max_examples=max(10, EXAMPLES // 3), deadline=None)
@given(
    where=st.sampled_from(["extra entry", "replace an entry", "raw pickle", "npy file"]),
    name=st.sampled_from(["meta", "params", "X", "y", "attr.classes_", "evil"]),
)
def test_pickled_objects_are_never_unpickled(workdir, valid, where, name):
    marker = workdir / "PWNED"
    payload = np.array([Marker(marker), 1], dtype=object)
    for kind in _kinds(valid):
        path = workdir / f"pickled-{kind}.npz"
        if where == "raw pickle":
            path.write_bytes(pickle.dumps(Marker(marker)))
        elif where == "npy file":
            np.save(path.with_suffix(".npy"), payload, allow_pickle=True)
            path.write_bytes(path.with_suffix(".npy").read_bytes())
        else:
            arrays = _arrays(valid[kind], workdir, kind)
            if where == "extra entry":
                arrays[f"{name}-extra"] = payload
            else:
                arrays[name] = payload
            np.savez(path, **arrays)  # np.savez pickles object arrays
        _expect_clean_failure(kind, path)
        assert not marker.exists(), f"the {kind} loader unpickled a file's object"


# ---------------------------------------------------------------------------------- CSV text
_cell = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-3, 12).map(str),
    st.sampled_from(
        [
            "",
            " ",
            "a",
            "cat",
            "x1",
            "x2",
            "label",
            "y",
            "target",
            "is_test",
            "class",
            "true",
            "nan",
            "1e999",
            '"',
            "'",
            "\\",
            "é",
            "\x00",
            ",",
        ]
    ),
    st.text(max_size=5),
)


@st.composite
def csv_texts(draw):
    delimiter = draw(st.sampled_from([",", ";", "\t", " "]))
    width = draw(st.integers(1, 5))
    rows = draw(st.lists(st.lists(_cell, min_size=width - 1, max_size=width + 1), max_size=25))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join(delimiter.join(row) for row in rows)


@FUZZ
@given(text=st.one_of(csv_texts(), st.text(max_size=400)))
def test_random_csv_text(workdir, text):
    path = workdir / "random.csv"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    result = _expect_clean_failure("data", path, may_succeed=True)
    if result is not None:
        assert isinstance(result, Dataset) and result.n_samples >= 1
        assert np.isfinite(result.X).all()


@FUZZ
@given(data=st.data())
def test_valid_csv_with_one_cell_spoiled(workdir, valid, data):
    lines = valid["csv"].decode().splitlines()
    r = data.draw(st.integers(1, len(lines) - 1), label="row")
    cells = lines[r].split(",")
    c = data.draw(st.integers(0, 1), label="column")  # an input cell
    cells[c] = data.draw(st.sampled_from(["", "abc", "nan", "inf", "-inf", "1,2", "0x10"]))
    lines[r] = ",".join(cells)
    path = workdir / "spoiled.csv"
    path.write_text("\n".join(lines) + "\n")
    err = None
    try:
        load_dataset(path)
    except DataFileError as exc:
        err = exc
    assert err is not None
    if cells[c] != "1,2":  # a comma adds a cell: a ragged row, reported without a column
        assert err.row == r + 1 and err.column == ("x1", "x2")[c], str(err)


# ------------------------------------------------------------------------ hand-made hostiles
def _bad_text(n=3):
    """A str array holding a code point above U+10FFFF (NumPy does not check on loading)."""
    raw = bytearray(np.array(["abc"] * n).tobytes())
    raw[0:4] = b"\xff\xff\xff\xff"
    return np.frombuffer(bytes(raw), dtype="<U3")


@pytest.mark.parametrize("kind", ["model", "session", "data"])
def test_invalid_unicode_and_deep_nesting(workdir, valid, kind):
    arrays = _arrays(valid[kind], workdir, kind)
    victims = [k for k, a in arrays.items() if a.dtype.kind == "U"] or ["class_names"]
    for key in victims:
        spoiled = dict(arrays)
        spoiled[key] = _bad_text(1).reshape(()) if arrays.get(key, _bad_text()).shape == () else _bad_text()
        path = workdir / f"unicode-{kind}.npz"
        with open(path, "wb") as f:
            safe_files.write_npz(f, spoiled)
        _expect_clean_failure(kind, path)
    if "meta" in arrays:
        deep = dict(arrays, meta=np.array("[" * 100_000 + "]" * 100_000))
        path = workdir / f"deep-{kind}.npz"
        with open(path, "wb") as f:
            safe_files.write_npz(f, deep)
        _expect_clean_failure(kind, path)


def test_a_zip_bomb_is_refused_before_unpacking(workdir):
    import zipfile

    path = workdir / "bomb.npz"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf, zf.open("params.npy", "w") as f:
        np.lib.format.write_array(f, np.zeros(3_000_000))  # 24 MB of zeros
    assert path.stat().st_size < 100_000  # ... in a few kilobytes
    with pytest.raises(SessionFileError, match="unpacks to 24 MB; the limit is 10 MB"):
        safe_files.read_npz(path, SessionFileError, max_bytes=10_000_000)
