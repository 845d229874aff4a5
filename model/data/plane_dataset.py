"""The data of the plane the plot shows as a 2-feature dataset: "train on the two shown features only".

n-D data is drawn on a plane (``model.data.view_plane``); the boundary drawn is then the model's output on that
plane, every other direction held at the training mean: a slice through a model that sees all the features. The
other choice is a model that sees only what the plot shows. ``shown_plane_dataset(ds)`` makes that data: for a
plane of two features, exactly those two columns (copied, not recomputed, so a saved session holds the same
numbers); for the PCA plane, each point's two principal-component coordinates (named PC1 and PC2). Labels, the
train/test split and the class names are kept; the description says what was kept; the origin (how to reload the
original arrays) no longer applies and is dropped.

Pure NumPy: this module must never import Qt.
"""

from __future__ import annotations

from model.data.dataset import Dataset


def shown_plane_dataset(ds: Dataset) -> Dataset:
    """``ds`` reduced to the two coordinates of its view plane (ValueError for data of one or two features)."""
    frame = ds.plane_frame()
    if frame is None or ds.view_plane is None:
        raise ValueError("data of one or two features is already shown as it is")
    if ds.view_plane.kind == "features":
        X = ds.X[:, list(ds.view_plane.features)]
        kept = f"only the features {frame.axis_names[0]!r} and {frame.axis_names[1]!r}"
    else:
        X = ds.plot_points()
        kept = "only its first two principal components (PC1, PC2, fitted on the training points)"
    where = ds.description.rstrip(".") if ds.description else f"data of {ds.n_features} features"
    return Dataset(
        X,
        ds.y,
        ds.is_test,
        ds.task,
        ds.n_classes,
        ds.class_names,
        frame.axis_names,
        f"{where}; {kept}.",
        target_name=ds.target_name,
    )


__all__ = ["shown_plane_dataset"]
