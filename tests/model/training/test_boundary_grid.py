"""The boundary grid: its points, kept while nothing they depend on changes, and its image shapes."""

from __future__ import annotations

import numpy as np

from model.data.generators import make
from model.training.boundary_grid import GridInputs, grid_shaped


def _encode(calls):
    def inputs(points):
        calls.append(points.shape)
        return points.astype(np.float32)

    return inputs


def test_grid_points_are_cell_centres_row_major_and_made_once_per_grid():
    ds, calls, grid = make("moons", 40, seed=0), [], GridInputs()
    Xe, X1 = grid.encoded((0.0, 4.0, -2.0, 2.0), 4, ds, ("features", "<f4"), _encode(calls))
    assert Xe.shape == (16, 2) and X1.shape == (16, 3) and np.all(X1[:, -1] == 1)
    assert Xe[:4, 0].tolist() == [0.5, 1.5, 2.5, 3.5] and Xe[:4, 1].tolist() == [-1.5] * 4  # row 0: lowest y
    again = grid.encoded([0, 4, -2, 2], 4, ds, ("features", "<f4"), _encode(calls))
    assert again[0] is Xe and len(calls) == 1  # the same grid: kept
    grid.encoded((0.0, 4.0, -2.0, 2.0), 4, ds, ("features", "<f8"), _encode(calls))  # another dtype
    grid.encoded((0.0, 4.0, -2.0, 2.0), 5, ds, ("features", "<f8"), _encode(calls))  # another size
    assert len(calls) == 3
    grid.clear()
    grid.encoded((0.0, 4.0, -2.0, 2.0), 5, ds, ("features", "<f8"), _encode(calls))
    assert len(calls) == 4


def test_a_one_feature_grid_is_a_row_of_x_values():
    ds = make("sine", 30, seed=0)
    Xe, _ = GridInputs().encoded((0.0, 1.0, -1.0, 1.0), 10, ds, (), _encode([]))
    assert Xe.shape == (10, 1)
    assert grid_shaped(np.zeros(10, np.float32), 10, 1).shape == (10,)


def test_grid_values_become_an_image():
    assert grid_shaped(np.zeros(16), 4, 2).shape == (4, 4)
    assert grid_shaped(np.zeros((16, 3)), 4, 2).shape == (4, 4, 3)


def test_the_same_plane_kind_fitted_on_other_data_makes_the_grid_again():
    from model.data import real_datasets

    wine = real_datasets.load("wine", seed=0)
    fewer = wine.without(range(0, 60))  # PCA again, of other training points: another plane
    grid, calls = GridInputs(), []
    first, _ = grid.encoded((-2.0, 2.0, -2.0, 2.0), 3, wine, (), _encode(calls))
    second, _ = grid.encoded((-2.0, 2.0, -2.0, 2.0), 3, fewer, (), _encode(calls))
    assert len(calls) == 2
    cell = np.array([[-2.0 + 4.0 / 6, -2.0 + 4.0 / 6]])
    np.testing.assert_allclose(first[0], wine.plane_frame().lift(cell)[0], rtol=1e-6)
    np.testing.assert_allclose(second[0], fewer.plane_frame().lift(cell)[0], rtol=1e-6)
    assert not np.allclose(first, second)
