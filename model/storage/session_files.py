"""Save and open a whole training session in one file, to resume exactly where it stopped.

    save_session(session, path, view=None, members=(), run_name="")
    opened = open_session_file(path)      # .session, .view, .members, .run_name
    session, view = load_session(path)    # the main model only

Continuing a loaded session gives bit for bit the numbers of never stopping, for the main model and for each
model compared beside it (``members``: ``model.storage.session_members.SavedMember``): the file holds the data
and, for every model, both specs and the seed, the network's flat parameters, the optimizer's state (Adam's
moments and step count, the momentum velocity), the shuffling generator's exact state, the epoch, the
perceptron's sample position, the last good weights a divergence would rewind to, the units switched off and
the full history; for a compared model also its name, colour and label, and the main model's run's name
(``run_name``). ``view`` is a JSON object the GUI fills with its view settings; it comes back with every value checked
(``model.storage.view_entries``: one no control can show is left out, and said so).

File format (version 3): a ``.npz`` archive (``np.load(path, allow_pickle=False)``
reads it) written by ``model.storage.safe_files.write_archive``: atomically, with fixed
zip dates, so the same session saved twice gives identical bytes. Entries:

    meta               0-d str array: JSON object (sorted keys)
        format         "neural-playground-session"
        version        3 (versions 1 and 2 are read too: they hold no compared models; version 1's
                       vectors are reordered)
        arrays         {name: {"dtype": "<f8", "shape": [n, 2]}} for every array below
        dataset        {"task", "n_classes", "class_names", "feature_names", "target_name", "description", "origin",
                       "view_plane"}: target_name the name of what is predicted (at most 200 characters;
                       written only when the data names it, "" when absent), origin null or
                       {"name", "seed", "test_fraction"} (a real data set's DataSource,
                       model.storage.data_source_entry), view_plane
                       null or {"kind", "features"} (model.data.view_plane); files without the last five
                       keys (drawn data, older files) get the defaults
        the main model's entries (model.storage.model_state_entries.MODEL_KEYS):
        model_spec     ModelSpec.to_dict()
        train_spec     TrainSpec.to_dict()
        seed, epoch, sample_position   ints
        optimizer      optimizer.state() with every array replaced by the string "array"
                       (stored as "optimizer.<key>"), None as null, numbers as numbers
        shuffle_rng    numpy's PCG64 bit_generator.state (a JSON object of ints)
        recovery       {"good_epoch": int, "best_loss": float (may be Infinity)}: what a
                       divergence rewinds to (TrainingSession.recovery_state())
        units_off      [[layer, unit], ...]: the hidden units switched off (model.nn.units_off;
                       optional, none when absent), each checked against the model's hidden layers
        run_name       the name of the main model's run ("Run 1", as the run table lists it): optional (files
                       written before it was kept, and a session saved with no runs, have none; opening then
                       numbers its run on), so that files with it still open in a program that does not read it
        members        [ {...}, ... ]: at most 3 compared models, in the order they are listed; each
                       holds the entries above (model_spec ... units_off) and "name" (its run's name,
                       text), "colour" ("#rrggbb" or ""), "label" (what its runs are called after a
                       reset, "" for "Run N"); its arrays are those below prefixed "members.<i>."
                       (i = 0, 1, 2: "members.0.params", "members.0.history.train_loss", ...).
                       Optional ([] when absent). Every name (and label but "") is one a run can have
                       (model.training.run_names: one line of at most 200 characters), no two models (the main
                       one included) have the same name; a compared model in the colour of an earlier one is
                       given the first colour free (model.training.member_colours) when opened
        runs           [ {...}, ... ]: the run table's finished runs, oldest first (model.storage.session_runs: at
                       most 500; each "number", "name", "colour", "task", "model_spec", "train_spec", "seed",
                       "epoch", "seconds", the four scores (null for none), "branched_from" ([number, epoch] or
                       null), "weights"; with weights, at most 20 runs, also the entries above and arrays prefixed
                       "runs.<i>."). Optional ([] when absent), as "run_name"
        view           the GUI's JSON object (or {}): model.storage.view_entries lists its keys and ranges
    data.X             (n_samples, n_features) float64
    data.y             (n_samples,) int64 class index 0 to n_classes - 1 (n_classes 2 to 10, one class name
                       each), or float64 target (regression); data.X and targets finite
    data.is_test       (n_samples,) bool
    params             (n_params,) float32 or float64 (TrainSpec.dtype), laid out by model.nn.param_layout:
                       one [W; b] block per layer, the biases as the last row of its weights; all finite
    optimizer.<key>    arrays of the optimizer state, shape and dtype of params: finite, but Adam's second
                       moments "v" (squared gradients: >= 0, and +inf once a square overflowed)
    recovery.good_params  the last good weights, shape and dtype of params; all finite
    history.<column>   (n_rows,) float64 for epoch, train_loss, test_loss, train_score, test_score
                       (one row per epoch, or per stride-th epoch of a very long run: see model.training.history)

Anything wrong with a file raises ``SessionFileError`` (a ``ValueError``)
naming the file and the problem (for a compared model, its number and name too); ``OSError`` only when the
file cannot be opened at all. Opening is all or nothing: every model is built and checked before anything is
returned. Nothing is ever pickled. Each entry is read back and checked by ``model.storage.session_entries``
(through ``model_state_entries`` and ``session_members``).

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NoReturn

from model.data.data_file_common import MAX_DATA_BYTES
from model.storage.data_source_entry import origin_entry
from model.storage.model_state_entries import MODEL_KEYS, model_entries, read_model
from model.storage.safe_files import FileFormatError, FilePath, check_archive, json_text, read_archive, write_archive
from model.storage.session_entries import dataset_entry, from_version_1, layer_sizes, spec_entry
from model.storage.session_members import (
    MAX_MEMBERS,
    SavedMember,
    check_members,
    main_run_name_entry,
    member_entries,
    members_entry,
    with_distinct_colours,
)
from model.storage.session_runs import MAX_KEPT_BYTES, SavedRun, run_entries, runs_entry, without_random_states
from model.storage.value_checks import ValueOutOfRange, check_json_numbers, check_model_spec_dict
from model.storage.view_entries import checked_view
from model.training.session import TrainingSession
from model.training.specs import ModelSpec
from model.training.state_start import StateStart

FORMAT = "neural-playground-session"
#: 3: the compared models too; 2: parameter vectors laid out by model.nn.param_layout (1: weights, then biases)
VERSION = 3
#: What a model takes in a session at most: its history (``history.MAX_ROWS`` rows of 5 float64 columns, 10.5 MB)
#: and its network's weights, optimizer state and last good weights (the window's largest network, 8 layers of 64
#: neurons on 100 inputs, takes 1.2 MB of them).
MODEL_PART_BYTES = 12_500_000
#: Larger files are refused unread, and never written (``save_session``): the largest data the data files give
#: (``MAX_DATA_BYTES``) beside the main model, the compared ones and the finished runs' kept weights
#: (``MAX_KEPT_BYTES``), so that a session of any data the app opens opens again (367 MB).
MAX_SESSION_BYTES = MAX_DATA_BYTES + (MAX_MEMBERS + 1) * MODEL_PART_BYTES + MAX_KEPT_BYTES


class SessionFileError(FileFormatError):
    """A session file that cannot be opened: ``str(error)`` names the file and the problem."""


# ------------------------------------------------------------------------------------ saving
def save_session(
    session: TrainingSession,
    path: FilePath,
    view: dict[str, Any] | None = None,
    members: tuple[SavedMember, ...] = (),
    run_name: str = "",
    runs: tuple[SavedRun, ...] = (),
) -> None:
    """Write ``session`` (the main model; its run called ``run_name``, "" for none), the compared ``members``
    beside it, the run table's finished ``runs`` (``model.storage.session_runs``: the newest with their weights)
    and the GUI's ``view`` settings (a JSON-able dict) to ``path``.

    Atomic: a crash or error during the save leaves any previous file at
    ``path`` intact. Raises ``TypeError`` if ``view`` is not JSON-serialisable, ``ValueError`` if a name, label or
    colour is one opening the file would refuse (``check_members``: a bug); two compared models in one colour are
    written with distinct colours, as opening would repair them. A session larger than ``MAX_SESSION_BYTES``
    (which opening refuses) raises ``SessionFileError`` saying so, before anything is written.
    """
    view = {} if view is None else view
    if not isinstance(view, dict):
        raise TypeError(f"view must be a dict, got {type(view).__name__}")
    try:
        json_text(view)
    except (TypeError, ValueError, RecursionError) as exc:
        raise TypeError(f"view must hold only JSON values: {exc}") from None
    members = with_distinct_colours(tuple(members))
    check_members(members, run_name)  # opening checks these so: never write a file it would refuse
    ds = session.dataset
    model_meta, model_arrays = model_entries(
        session.model_spec, session.train_spec, session.seed, StateStart.of(session)
    )
    members_meta, members_arrays = member_entries(tuple(members))
    runs_meta, runs_arrays = run_entries(runs, ds)
    arrays = {
        "data.X": ds.X,
        "data.y": ds.y,
        "data.is_test": ds.is_test,
        **model_arrays,
        **members_arrays,
        **runs_arrays,
    }
    meta = {
        "dataset": {
            "task": ds.task,
            "n_classes": int(ds.n_classes),
            "class_names": list(ds.class_names),
            "feature_names": list(ds.feature_names),
            # only when the data names it: the metadata of data that names none is as before, as ``run_name``
            **({"target_name": ds.target_name} if ds.target_name else {}),
            "description": ds.description,
            "origin": origin_entry(ds.origin),
            "view_plane": None if ds.view_plane is None else ds.view_plane.to_dict(),
        },
        **model_meta,
        "members": members_meta,
        "view": view,
    }
    if run_name:
        meta["run_name"] = run_name
    if runs_meta:
        meta["runs"] = runs_meta
    data = ds.X.nbytes + ds.y.nbytes + ds.is_test.nbytes
    parts = f"its data takes {data / 1e6:,.0f} MB, its {len(members) + 1} model(s) and finished runs the rest"
    write_archive(path, FORMAT, VERSION, meta, arrays, MAX_SESSION_BYTES, SessionFileError, "session file", parts)


# ----------------------------------------------------------------------------------- loading
@dataclass(frozen=True, eq=False)
class OpenedSession:
    """A session file read and checked in full: the main model (a session ready to continue), the compared
    models beside it (none in files of version 2 and older), the view settings (each checked: those no control
    can show left out, ``model.storage.view_entries``), the main model's run's name ("" when the file has none)
    and the view settings left out, with why (``view_left_out``: "data.name: ...")."""

    session: TrainingSession
    view: dict[str, Any]
    members: tuple[SavedMember, ...] = ()
    run_name: str = ""
    view_left_out: tuple[str, ...] = ()
    runs: tuple[SavedRun, ...] = ()


def open_session_file(path: FilePath) -> OpenedSession:
    """Open a file written by ``save_session``: all of it, or nothing.

    Raises ``SessionFileError`` (a ``ValueError``) for a damaged, foreign,
    newer-version or inconsistent file; nothing in the file is ever executed.
    """
    meta, arrays = read_archive(path, FORMAT, VERSION, SessionFileError, MAX_SESSION_BYTES, what="session file")
    fail = _Failer(path)
    try:  # the random states hold 128-bit numbers: NumPy checks those itself
        check_json_numbers(_without_random_states(meta))
    except ValueOutOfRange as exc:
        fail(f"has a number out of range: {exc}")
    dataset = dataset_entry(meta, arrays, fail)
    if not isinstance(meta.get("view", {}), dict):
        fail("has malformed view settings (not a JSON object)")
    view = checked_view(meta.get("view", {}))
    if meta["version"] == 1:
        model_spec = spec_entry(ModelSpec, meta.get("model_spec"), "model settings", fail, check_model_spec_dict)
        from_version_1(arrays, layer_sizes(dataset, model_spec))
    main = {key: meta[key] for key in MODEL_KEYS if key in meta}
    main_arrays = {key: array for key, array in arrays.items() if not key.startswith(("members.", "runs."))}
    session = read_model(main, main_arrays, dataset, fail)
    run_name = main_run_name_entry(meta.get("run_name"), fail)
    members = members_entry(meta.get("members", []), arrays, dataset, fail, run_name) if meta["version"] >= 3 else ()
    runs = runs_entry(meta.get("runs", []), arrays, dataset, fail)
    return OpenedSession(session, view.view, members, run_name, view.left_out, runs)


def load_session(path: FilePath) -> tuple[TrainingSession, dict[str, Any]]:
    """The main model of a session file and its view settings (``open_session_file`` without the compared
    models: for a caller that trains the main model only)."""
    opened = open_session_file(path)
    return opened.session, opened.view


def _without_random_states(meta: dict[str, Any]) -> dict[str, Any]:
    members = meta.get("members")
    if isinstance(members, list):
        members = [
            {key: value for key, value in m.items() if key != "shuffle_rng"} if isinstance(m, dict) else m
            for m in members
        ]
    meta = {**meta, "runs": without_random_states(meta.get("runs", []))}
    return {key: (members if key == "members" else value) for key, value in meta.items() if key != "shuffle_rng"}


def check_session_file(path: FilePath) -> None:
    """A quick first look (nothing inflated): ``SessionFileError`` if ``path`` is clearly no session file
    this program can open (damaged, foreign, newer, its arrays unlike its manifest)."""
    check_archive(path, FORMAT, VERSION, SessionFileError, MAX_SESSION_BYTES, what="session file")


class _Failer:
    def __init__(self, path: FilePath):
        self.path = path

    def __call__(self, problem: str) -> NoReturn:
        raise SessionFileError(self.path, problem)


__all__ = [
    "FORMAT",
    "VERSION",
    "OpenedSession",
    "SavedMember",
    "SavedRun",
    "SessionFileError",
    "check_session_file",
    "load_session",
    "open_session_file",
    "save_session",
]
