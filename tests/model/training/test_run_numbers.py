"""A session file's runs numbered in the window that opens it: "Run N" is number N whenever the run table leaves N
free; otherwise the next numbers, called by them; a lesson's label or a branch's name stays."""

from __future__ import annotations

from model.training.run_numbers import automatic_number, first_run_beside, reopened_runs


def test_a_run_the_app_named_by_its_number_is_recognised_and_no_other():
    assert automatic_number("Run 1") == 1
    assert automatic_number("Run 120") == 120
    for name in ("Run 3 from epoch 120", "Run 0", "Run 01", "run 2", "Run 2 (2)", "η 0.001", "Run", ""):
        assert automatic_number(name) is None, name


def test_in_a_table_listing_nothing_the_runs_keep_the_numbers_they_are_named_by():
    assert reopened_runs(["Run 1", "Run 2"], []) == [(1, "Run 1"), (2, "Run 2")]
    assert reopened_runs(["Run 7", "Run 3"], []) == [(7, "Run 7"), (3, "Run 3")]


def test_runs_listed_before_push_the_files_runs_to_the_next_numbers_called_by_them():
    listed = [(1, "Run 1"), (2, "Run 2")]
    assert reopened_runs(["Run 1", "Run 2"], listed) == [(3, "Run 3"), (4, "Run 4")]


def test_only_the_runs_whose_number_is_taken_are_renumbered():
    listed = [(2, "Run 2"), (3, "Run 3")]
    # "Run 1" is free; "Run 2" is listed (finished, from before): the file's goes after every run listed
    assert reopened_runs(["Run 1", "Run 2"], listed) == [(1, "Run 1"), (4, "Run 4")]


def test_a_run_listed_under_the_name_takes_it_even_with_another_number():
    listed = [(5, "Run 1")]  # a lesson's label that reads like a number
    assert reopened_runs(["Run 1"], listed) == [(6, "Run 6")]


def test_a_new_number_is_never_one_a_kept_name_or_a_listed_name_has():
    listed = [(1, "Run 1"), (2, "Run 4")]
    assert reopened_runs(["Run 1", "Run 3"], listed) == [(5, "Run 5"), (3, "Run 3")]


def test_labels_and_branch_names_keep_their_names_and_get_the_next_numbers():
    wanted = ["η 0.001", "Run 3 from epoch 120", "Run 2"]
    assert reopened_runs(wanted, []) == [(3, "η 0.001"), (4, "Run 3 from epoch 120"), (2, "Run 2")]
    listed = [(1, "η 0.001"), (2, "Run 2")]
    # a label a run listed has already is told apart, as the group tells two live runs apart
    assert reopened_runs(["η 0.001", "Run 2"], listed) == [(3, "η 0.001 (2)"), (4, "Run 4")]


def test_a_label_two_runs_of_the_file_share_is_told_apart_from_the_runs_listed_and_from_each_other():
    listed = [(1, "Run 1"), (2, "η 30"), (3, "η 30 (2)")]
    wanted = ["Run 1", "η 30", "η 0.001", "η 30", "η 0.001"]  # the main run, two compared ones, two finished ones
    numbers = [None, None, None, 2, 5]
    runs = reopened_runs(wanted, listed, numbers)
    assert runs == [(6, "Run 6"), (7, "η 30 (3)"), (8, "η 0.001"), (9, "η 30 (4)"), (5, "η 0.001 (2)")]


def test_every_number_is_unique_and_no_two_runs_share_a_name():
    listed = [(n, f"Run {n}") for n in (1, 2, 4, 9)]
    wanted = ["Run 4", "Run 3", "Run 9", "Run 10"]
    runs = reopened_runs(wanted, listed)
    assert runs == [(11, "Run 11"), (3, "Run 3"), (12, "Run 12"), (10, "Run 10")]
    numbers = [n for n, _ in runs] + [n for n, _ in listed]
    names = [name for _, name in runs] + [name for _, name in listed]
    assert len(set(numbers)) == len(numbers) and len(set(names)) == len(names)


def test_a_run_the_file_kept_no_name_for_is_numbered_on_and_called_by_its_number():
    assert reopened_runs(["", "Run 1"], []) == [(2, "Run 2"), (1, "Run 1")]
    assert reopened_runs([""], [(1, "Run 1")]) == [(2, "Run 2")]


def test_a_new_run_beside_runs_coming_back_is_numbered_after_their_numbers_and_run_n_names():
    assert first_run_beside(3, []) == 3  # after every run told
    assert first_run_beside(3, [], [3, 7]) == 8  # and after every run numbered since
    assert first_run_beside(2, ["Run 2"]) == 3
    assert first_run_beside(7, ["Run 2", "fast (0.1)"]) == 7
    assert first_run_beside(1, ["Run 4", "Run 3"], [2]) == 5


def test_a_finished_run_of_another_name_keeps_the_number_the_file_kept_when_it_is_free():
    # the main run "Run 3", then the finished "Run 1" and its branch "Run 1 from epoch 40", number 2 in the file
    wanted = ["Run 3", "Run 1", "Run 1 from epoch 40"]
    assert reopened_runs(wanted, [], [None, 1, 2]) == [(3, "Run 3"), (1, "Run 1"), (2, "Run 1 from epoch 40")]
    # a window listing a run 2 already: the branch is numbered on, its name stays
    listed = [(2, "Run 2")]
    assert reopened_runs(wanted, listed, [None, 1, 2]) == [(3, "Run 3"), (1, "Run 1"), (4, "Run 1 from epoch 40")]
