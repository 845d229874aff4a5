"""The empty data a window opens on while its first data are made in another process (``initial_data``).

They have the classes of the data on their way, named as those will name them (a real data set's are known before
it is loaded: ``RealDataInfo.class_names``): the class buttons (the digits' ten in a list), the model's outputs and
the class menu are those of the data from the first frame, and do not change when the data come. They have two
features, an empty plane, which the plot covers meanwhile with what is loading (``gui.plot.waiting_cover``); the
settings show the plane row of data of more features (``expected_features``) greyed until they come, and the
plot's axes the titles of the plane they will be shown on (``BoundaryView.set_waiting``).
"""

from __future__ import annotations

import numpy as np

from gui.panels.data_panel import fixed_class_count
from model.data import real_datasets
from model.data.data_source import DataSource
from model.data.dataset import Dataset
from model.data.generators import DATASETS


def stand_in(params: dict, task: str) -> Dataset:
    """Empty data of ``task`` with the classes the data panel's ``params`` (DataPanel.params()) will make."""
    if task == "regression":
        return Dataset.empty(task)
    info = real_datasets.REAL_DATASETS.get(params["name"])
    if info is not None:
        n_classes, names = info.n_classes, info.class_names
    elif DATASETS[params["name"]].supports_n_classes:
        n_classes, names = int(params["n_classes"]), ()
    else:
        n_classes, names = fixed_class_count(params["name"]), ()
    return Dataset(np.empty((0, 2)), np.empty(0, dtype=np.int64), np.empty(0, dtype=bool), task, n_classes, names)


def expected_features(source: DataSource) -> int:
    """How many features the data ``source`` makes will have: a real data set's own; two for generated points."""
    info = real_datasets.REAL_DATASETS.get(source.name) if source.is_real else None
    return info.n_features if info is not None else 2
