"""The headless trainer's session, built from its options, and the checks made before training starts.

``_build_session`` turns the parsed options into a ``TrainingSession`` (from a built-in dataset, a data file or a
saved session; of a saved session the main model: the models compared beside it in the app are handed back as
they are, to be written back untrained); ``UsageError`` is what a bad option or an unreadable input becomes (one
line, exit status 2).
"""

from __future__ import annotations

import os
import sys

from neural_playground.headless_options import DEFAULTS, MAX_STEP_BYTES


# ------------------------------------------------------------------------------------ running
class UsageError(Exception):
    """Bad options or an unreadable input file: printed as one line, exit status 2."""


def _given(args, *names) -> list[str]:
    return ["--" + n.replace("_", "-") for n in names if getattr(args, n, None) is not None]


def _build_session(args):
    """(session, source description, default output folder, the compared models of a saved session, the name of
    its main model's run ("" for none), its view settings) from the options. The view settings of a saved session
    are the app's, written back with the work so that the file reopens as it was left; a new run's say where its
    data came from, as the window's do (``_data_view``), so that the window opens it on that data set."""
    from dataclasses import replace

    from model.data.data_source import DataSource
    from model.training.specs import ModelSpec, TrainSpec, task_mismatch

    d = DEFAULTS

    def pick(name: str):
        """The option as given, else its default."""
        return d[name] if getattr(args, name) is None else getattr(args, name)

    if args.session is not None:
        wrong = _given(
            args,
            "n_samples",
            "noise",
            "classes",
            "test_fraction",
            "model",
            "hidden",
            "activation",
            "init",
            "alpha",
            "l1",
            "features",
            "seed",
        )
        if wrong:
            raise UsageError(
                f"{', '.join(wrong)} cannot change a saved session (--session keeps "
                "its data, model and seed; only training options apply)"
            )
        from model.storage.session_files import open_session_file

        try:
            opened = open_session_file(args.session)
        except (ValueError, OSError) as exc:
            raise UsageError(f"cannot open the session file: {_reason(exc)}") from None
        session = opened.session
        changes = {}
        if args.optimizer is not None:
            changes["optimizer"] = args.optimizer
        if args.lr is not None:
            changes["learning_rate"] = args.lr
        if args.momentum is not None:
            changes["momentum"] = args.momentum
        if args.batch_size is not None:
            changes["batch_size"] = None if args.batch_size == "full" else args.batch_size
        if args.no_shuffle:
            changes["shuffle"] = False
        if args.dtype is not None:
            changes["dtype"] = args.dtype
        if changes:
            session.set_train_spec(replace(session.train_spec, **changes))
        if os.path.basename(args.session) == "session.npz":  # a run's folder: continue in place
            out = os.path.dirname(args.session) or "."
        else:
            out = os.path.join("runs", _stem(args.session))
        for left_out in opened.view_left_out:
            _note(args, f"{os.path.basename(args.session)}: a view setting no control can show is left out: {left_out}")
        return session, {"session": os.fspath(args.session)}, out, opened.members, opened.run_name, opened.view

    seed = pick("seed")
    test_fraction = pick("test_fraction")
    if args.data is not None:
        wrong = _given(args, "n_samples", "noise", "classes")
        if wrong:
            raise UsageError(f"{', '.join(wrong)} only {_apply(wrong)} to a built-in --dataset, not to --data")
        from model.data.data_files import read_dataset

        try:
            loaded = read_dataset(args.data, test_fraction, seed)
        except (ValueError, OSError) as exc:
            raise UsageError(f"cannot open the data file: {_reason(exc)}") from None
        for note in loaded.notes:
            _note(args, f"{os.path.basename(args.data)}: {note}")
        dataset = loaded.dataset
        source = {"file": os.fspath(args.data), "test_fraction": test_fraction}
        name = _stem(args.data)
        view = _data_view(DataSource.from_file(args.data), {"test_fraction": test_fraction})
    elif pick("dataset") in _real_names():
        from model.data import real_datasets

        name = pick("dataset")
        wrong = _given(args, "n_samples", "noise", "classes")
        if wrong:
            raise UsageError(f"{', '.join(wrong)} cannot change {name}: it is a real data set of fixed size")
        dataset = real_datasets.load(name, test_fraction, seed)
        source = {
            "dataset": name,
            "n_samples": dataset.n_samples,
            "n_features": dataset.n_features,
            "n_classes": dataset.n_classes,
            "test_fraction": test_fraction,
        }
        fields = {"name": name, "seed": seed, "test_fraction": test_fraction}
        view = _data_view(DataSource.real(name, seed, test_fraction), fields)
    else:
        from model.data.generators import DATASETS, make

        name = pick("dataset")
        info = DATASETS[name]
        if args.classes is not None and not info.supports_n_classes:
            supporting = [n for n, i in DATASETS.items() if i.supports_n_classes]
            raise UsageError(f"--classes applies to {' and '.join(supporting)} only, not to {name}")
        noise = info.default_noise if args.noise is None else args.noise
        # as in the app, which gives a dataset that needs more points (the spiral) its own least number of them
        n_samples = max(d["n_samples"], info.default_n_samples) if args.n_samples is None else args.n_samples
        try:
            dataset = make(name, n_samples, noise, seed, pick("classes"), test_fraction)
        except ValueError as exc:
            raise UsageError(f"cannot generate {name}: {exc}") from None
        source = {
            "dataset": name,
            "n_samples": n_samples,
            "noise": noise,
            "n_classes": dataset.n_classes if dataset.task == "classification" else 1,
            "test_fraction": test_fraction,
        }
        made_with = {  # as ``make`` was called: the window makes the same points again to believe it
            "n_samples": n_samples,
            "noise": noise,
            "seed": seed,
            "n_classes": pick("classes"),
            "test_fraction": test_fraction,
        }
        view = _data_view(DataSource.generated(name, **made_with), {"name": name, **made_with})

    kind = pick("model")
    if kind != "mlp":
        wrong = _given(args, "hidden", "activation")
        if wrong:
            raise UsageError(f"{', '.join(wrong)} only {_apply(wrong)} to --model mlp")
    mismatch = task_mismatch(kind, dataset.task)
    if mismatch:
        raise UsageError(mismatch)
    if kind == "perceptron" and (args.alpha or args.l1):
        raise UsageError("--alpha and --l1 do not apply to the perceptron (it follows Rosenblatt's rule)")
    if dataset.n_features > 2 and pick("features"):
        raise UsageError(
            f"--features ({', '.join(pick('features'))}) are made of two raw inputs x1, x2; this data has "
            f"{dataset.n_features} features: train on them without --features"
        )
    if dataset.n_features < 2:
        from model.nn.features import ONE_D_FEATURES

        wrong = [f for f in pick("features") if f not in ONE_D_FEATURES]
        if wrong:
            raise UsageError(
                f"cannot build this model on this data: feature {wrong[0]!r} needs two "
                f"inputs; the data has one (usable: {', '.join(ONE_D_FEATURES)})"
            )
    activation = pick("activation")
    activation = (
        activation if isinstance(activation, str) else (activation[0] if len(activation) == 1 else tuple(activation))
    )
    batch = pick("batch_size")
    try:
        model_spec = ModelSpec(
            kind=kind,
            hidden_layer_sizes=pick("hidden"),
            activation=activation,
            weight_init=pick("init"),
            alpha=pick("alpha"),
            l1=pick("l1"),
            features=pick("features"),
        )
        model_spec.hidden_activations  # noqa: B018 - checks one activation per layer
        train_spec = TrainSpec(
            optimizer=pick("optimizer"),
            learning_rate=pick("lr"),
            momentum=pick("momentum"),
            batch_size=None if batch in (None, "full") else batch,
            shuffle=not args.no_shuffle,
            dtype=pick("dtype"),
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    _check_network_size(dataset, model_spec, train_spec)
    from model.training.session import TrainingSession

    try:
        session = TrainingSession(dataset, model_spec, train_spec, seed=seed)
    except ValueError as exc:  # e.g. a feature that needs x2 on 1-D data
        raise UsageError(f"cannot build this model on this data: {exc}") from None
    return session, source, os.path.join("runs", name), (), "", view


def _data_view(data_source, panel: dict | None = None) -> dict:
    """The view settings the window keeps of the data (``gui.files.sessions``' ``view_settings``): where the points
    came from (the window believes a generator only when it makes exactly these points) and the data panel's
    fields, those the panel can show (a noise of 2 or a million points are beyond it: it keeps its own)."""
    from model.storage.data_source_entry import KEY
    from model.storage.view_entries import checked_view

    view = {KEY: data_source.to_dict()}
    if panel:
        view["data"] = checked_view({"data": panel}).view["data"]
    return view


def _real_names() -> tuple[str, ...]:
    from model.data.real_datasets import REAL_DATASETS

    return tuple(REAL_DATASETS)


def _check_network_size(dataset, model_spec, train_spec) -> None:
    """Refuse, before anything is allocated, a network too large to build or a step too large to take."""
    import numpy as np

    from model.storage.value_checks import ValueOutOfRange, check_hidden_layers, check_network_size

    n_out = 1 if dataset.task == "regression" or dataset.n_classes <= 2 else dataset.n_classes
    sizes = [dataset.n_features + len(model_spec.features), *model_spec.hidden, n_out]
    try:
        check_hidden_layers(model_spec.hidden, "--hidden")
        n_params = check_network_size(sizes)
    except ValueOutOfRange as exc:
        raise UsageError(f"--hidden: {exc}") from None
    rows = min(train_spec.batch_size or dataset.n_train, dataset.n_train) or 1
    itemsize = np.dtype(train_spec.dtype).itemsize
    # per step: each layer's sums, activations and gradients for the batch, and the weights, their
    # gradient and the optimizer's two moments
    need = (3 * rows * sum(sizes) + 4 * n_params) * itemsize
    if need > MAX_STEP_BYTES:
        raise UsageError(
            f"--hidden: a network of layers {'-'.join(map(str, sizes))} on {rows:,} points per step needs about "
            f"{need / 1e9:,.0f} GB of memory (at most {MAX_STEP_BYTES / 1e9:.0f} GB); use smaller layers or a "
            "smaller --batch-size"
        )
    _check_session_size(dataset, sizes, n_params, itemsize)


def _check_session_size(dataset, sizes, n_params: int, itemsize: int) -> None:
    """Refuse, before training, a network whose session.npz could not be opened again: the data, the weights,
    the optimizer's two moments and the last good weights, and the history (within one model's allowance)."""
    from model.data.data_file_common import data_bytes
    from model.storage.session_files import MAX_SESSION_BYTES, MODEL_PART_BYTES

    size = data_bytes(dataset.n_samples, dataset.n_features) + 4 * n_params * itemsize + MODEL_PART_BYTES
    if size > MAX_SESSION_BYTES:
        raise UsageError(
            f"--hidden: a network of layers {'-'.join(map(str, sizes))} has {n_params:,} weights and biases: its "
            f"session.npz would take about {size / 1e6:,.0f} MB, more than the {MAX_SESSION_BYTES / 1e6:,.0f} MB a "
            "session file may take to be opened again; use smaller layers"
        )


def _check_writable(folder: str, what: str) -> None:
    """Create ``folder`` if needed and write (then remove) a small file in it, so that a folder that
    cannot take the results (read-only, a file in the way, a full disk) is found before training."""
    try:
        os.makedirs(folder, exist_ok=True)
        probe = os.path.join(folder, f".neural-playground-write-test-{os.getpid()}")
        try:
            with open(probe, "wb") as f:
                f.write(b"probe\n" * 512)
                f.flush()
                os.fsync(f.fileno())
        finally:
            if os.path.exists(probe):
                os.remove(probe)
    except OSError as exc:
        raise UsageError(f"{what} {folder}: cannot write there ({_reason(exc)})") from None


def _apply(options) -> str:
    return "applies" if len(options) == 1 else "apply"


def _stem(path) -> str:
    base = os.path.basename(os.fspath(path).rstrip("/\\"))
    return os.path.splitext(base)[0] or "run"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"{exc.filename}: no such file"
    if isinstance(exc, IsADirectoryError):
        return f"{exc.filename}: is a folder, not a file"
    if isinstance(exc, OSError):
        return f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")
    return str(exc)


def _note(args, text: str) -> None:
    if not args.quiet:
        print(f"note: {text}", file=sys.stderr)
