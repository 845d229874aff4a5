"""The numbers (and "Run N" names) of the runs a session file brings back into a window's run table.

The run table lists every run with a number and a name; a run the app named itself is "Run N", number N. A file
keeps its runs' names (the main model's and the compared models'), not the numbers the window that saved it gave
them. Opened in another window, each run named "Run N" is number N there again when nothing the table lists is
number N or called "Run N" (as in a fresh window, whose untouched run leaves the table). When one is, the reopened
run takes the next number after every run listed and is called by it ("Run 5", number 5), so that a number and a
"Run N" name never disagree and the table never shows two "Run 2" rows (one finished, one training). Any other name
(a lesson's label, a branch's "Run 3 from epoch 120") is the run's own and stays, unless a run listed or another of
the file's has it: then it is told apart as the group tells two live runs apart, "η 0.001 (2)" (``distinct``), so
that no two rows read alike; its number is chosen as above. A main run a file kept no name for (files older than the
name) is numbered on like a renumbered one.

A group's new runs are numbered on after every run the window was told of and every run it numbered itself
(``first_run_beside``): a new process after a file was opened or training restarted, and the window's copy of the
compared models while no process runs, so that the run a model starts on has the number the process gives it.

Pure Python: this module must never import Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from model.training.run_names import distinct

#: A name the app gives a run by its number.
_AUTOMATIC_NAME = re.compile(r"Run ([1-9][0-9]{0,8})")


def automatic_number(name: str) -> int | None:
    """N when ``name`` is "Run N" (a name the app gave by number), else None."""
    match = _AUTOMATIC_NAME.fullmatch(name)
    return int(match.group(1)) if match else None


def reopened_runs(
    wanted: Sequence[str], listed: Iterable[tuple[int, str]], numbers: Sequence[int | None] = ()
) -> list[tuple[int, str]]:
    """The (number, name) of each run of a file, in ``wanted``'s order (the names the file kept), beside the runs
    the table goes on listing (``listed``: their numbers and names). "Run N" keeps N when no run listed or before it
    in ``wanted`` has that number or name; a run of another name keeps the number the file kept for it
    (``numbers[i]``, its finished runs': None or absent for none) when no run listed or before it has that number;
    the others are numbered on after every run listed and every number kept, in their order, a renumbered "Run N"
    called by its new number, as is a run the file kept no name for (""). Any other name a run listed or before it
    in ``wanted`` has is made distinct ("η 0.001 (2)")."""
    listed = list(listed)
    taken_numbers = {int(number) for number, _ in listed}
    taken_names = {name for _, name in listed}
    kept: dict[int, int] = {}  # index in wanted -> its own number
    for index, name in enumerate(wanted):
        number = automatic_number(name)
        if number is not None:
            free = number not in taken_numbers and name not in taken_names
        else:
            number = numbers[index] if index < len(numbers) else None
            free = number is not None and number not in taken_numbers
        if free and number is not None:
            kept[index] = number
            taken_numbers.add(number)
    taken_names |= {wanted[index] for index in kept if automatic_number(wanted[index]) is not None}
    following = max(taken_numbers, default=0) + 1
    runs = []
    for index, name in enumerate(wanted):
        automatic = not name or automatic_number(name) is not None
        if index in kept:
            runs.append((kept[index], name if automatic else distinct(name, taken_names)))
            taken_names.add(runs[-1][1])
            continue
        while following in taken_numbers or (automatic and f"Run {following}" in taken_names):
            following += 1
        runs.append((following, f"Run {following}" if automatic else distinct(name, taken_names)))
        taken_numbers.add(following)
        taken_names.add(runs[-1][1])
        following += 1
    return runs


def first_run_beside(next_run: int, names: Sequence[str], numbers: Iterable[int] = ()) -> int:
    """The first new run id of a group whose models come back under ``names`` (the compared models' and the main
    model's run's) on the runs numbered ``numbers``: after ``next_run`` - 1, after each of ``numbers`` and after
    every "Run N" among the names, so that no later run takes one of their numbers or is called by a name one of
    them already has."""
    automatic = [n for n in map(automatic_number, names) if n is not None]
    return max([int(next_run), *(int(n) + 1 for n in (*numbers, *automatic))])


__all__ = ["automatic_number", "first_run_beside", "reopened_runs"]
