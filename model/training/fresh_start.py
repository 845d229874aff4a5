"""When an edit starts a network afresh, and when a finished run can take the main network's place again.

New data of another shape (another task, another number of inputs or of outputs: a third class) and a new
architecture give the network fresh weights at epoch 0; points added, moved or removed, and new L2/L1 rates, keep
them (``TrainingSession.set_dataset`` and ``set_model_spec``). A run that ended so keeps what a restore needs
(``RunRecord``): undoing the edit can put the main network back where that run ended, going on with the same run,
when the run was trained on this model and data of this shape (``why_not_resumed``). Pure Python; no Qt.
"""

from __future__ import annotations

from model.data.dataset import Dataset
from model.training.runs import RunRecord
from model.training.specs import ModelSpec


def n_outputs(dataset: Dataset) -> int:
    """The network's outputs for ``dataset``: one for regression and for two classes, else one per class."""
    if dataset.task == "regression" or dataset.n_classes <= 2:
        return 1
    return dataset.n_classes


def new_shape(old: Dataset, new: Dataset) -> bool:
    """Whether a network trained on ``old`` starts afresh on ``new`` (another task, inputs or outputs)."""
    return new.task != old.task or new.n_features != old.n_features or n_outputs(new) != n_outputs(old)


def new_architecture(old: ModelSpec, new: ModelSpec) -> bool:
    """Whether ``new`` gives the network fresh weights (anything but the same spec or other L2/L1 rates alone)."""
    return new != old and not old.only_penalties_differ(new)


def shape_words(old: Dataset, new: Dataset) -> str:
    """What changed in the data's shape, as the end of "The network starts afresh …": "for 3 classes",
    "for regression", "on 2 inputs"."""
    if new.task != old.task:
        return f"for {new.task}"
    if n_outputs(new) != n_outputs(old):
        return f"for {new.n_classes} classes"
    return f"on {new.n_features} input{'s' if new.n_features != 1 else ''}"


def why_not_resumed(record: RunRecord | None, dataset: Dataset, model_spec: ModelSpec) -> str | None:
    """None when the main network can go back to where ``record``'s finished run ended, trained on ``dataset`` with
    ``model_spec``; else why not, in words that end "… could not be brought back: <why>"."""
    if record is None:
        return "it is no longer in the run table"
    if record.live:
        return "it had not finished yet"
    if not record.restorable:
        return "only its scores were kept"
    assert record.dataset is not None  # restorable
    if record.model_spec != model_spec:
        return "it was trained with another model"
    if new_shape(record.dataset, dataset):
        return "it was trained on data of another shape"
    return None
