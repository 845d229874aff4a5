"""The data's source as a session file keeps it (an entry of its view settings), read back checked.

    view["data_source"] = source.to_dict()                 # saving
    source = read_data_source(view.get("data_source"), ds)  # opening: a DataSource, or None

Every field is range-checked like any number read from a file. A source that says "generated, not edited" is
believed only when the generator, run again with its parameters, makes exactly the points the file holds: a
challenge counts such data as its own dataset, so a file cannot claim it for other points.

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

from typing import Any

from model.data.data_source import KINDS, DataSource
from model.data.dataset import MAX_CLASSES, Dataset
from model.data.generators import DATASETS
from model.data.real_datasets import REAL_DATASETS
from model.storage.value_checks import INT32_MAX, ValueOutOfRange, real, whole

KEY = "data_source"  # the entry of the session file's view settings
MAX_NAME = 255  # a file name's length on common file systems
MAX_GENERATED_POINTS = 1_000_000  # what the headless trainer generates at most


def read_data_source(value: object, dataset: Dataset) -> DataSource | None:
    """The source ``value`` (what ``DataSource.to_dict`` wrote) describes, if it is well formed and true of
    ``dataset``; None otherwise (absent, malformed, out of range, or generated points that were not these)."""
    if not isinstance(value, dict):
        return None
    try:
        source = _checked(value)
    except (ValueError, TypeError):  # ValueOutOfRange is a ValueError
        return None
    if source.generator is not None and not _made_by(source, dataset):
        return None
    return source


def _checked(d: dict[str, Any]) -> DataSource:
    kind, name, edited = d.get("kind"), d.get("name", ""), d.get("edited", False)
    if kind not in KINDS:
        raise ValueOutOfRange(f"kind = {kind!r} is not a data source")
    if not isinstance(name, str) or len(name) > MAX_NAME:
        raise ValueOutOfRange("name is not a short text")
    if not isinstance(edited, bool):
        raise ValueOutOfRange("edited is not true or false")
    if kind != "generated":
        return DataSource(kind, name if kind == "file" else "", edited=edited)
    if name not in DATASETS and name not in REAL_DATASETS:
        raise ValueOutOfRange(f"name = {name!r} is not a built-in dataset")
    source = DataSource.generated(
        name,
        whole(d.get("n_samples"), "n_samples", 1, MAX_GENERATED_POINTS),
        real(d.get("noise"), "noise", 0.0, 10.0),
        whole(d.get("seed"), "seed", 0, INT32_MAX),
        whole(d.get("n_classes"), "n_classes", 2, MAX_CLASSES),
        real(d.get("test_fraction"), "test_fraction", 0.0, 1.0),
    )
    return source.after_edit() if edited else source


def _made_by(source: DataSource, dataset: Dataset) -> bool:
    if source.n_samples != dataset.n_samples:  # cheap, and no generating a million points for a small file
        return False
    try:
        made = source.regenerate()
    except ValueError:
        return False
    try:
        if made.view_plane is not None and dataset.view_plane is not None:
            made = made.with_view_plane(dataset.view_plane)  # the plane shown is a view of the same points
    except ValueError:  # a plane that does not fit these points
        return False
    return made.same_as(dataset)
