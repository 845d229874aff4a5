"""The models compared beside the main one, as a session file keeps them: each one's name, colour and label, its
settings and seed, and its whole training state.

``SavedMember`` is one such model as a value: what ``save_session`` writes for it (``member_entries``) and what
opening the file gives back (``members_entry``), ready to be added again beside the main model
(``model.training.requests.AddMember.saved``), where it goes on bit for bit (``StateStart``). In the file each is
an object of the metadata's ``members`` list and arrays named ``members.<i>.…`` (``model_state_entries``).

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import Any, NoReturn

import numpy as np

from model.data.dataset import Dataset
from model.storage.model_state_entries import MODEL_KEYS, model_entries, read_model
from model.storage.session_entries import Fail
from model.storage.value_checks import shown
from model.training.member_colours import distinct_colours
from model.training.run_names import name_problem
from model.training.specs import ModelSpec, TrainSpec
from model.training.state_start import StateStart

#: Besides the main model, at most this many train side by side (``model.training.session_group.MAX_MODELS`` - 1).
MAX_MEMBERS = 3
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")

log = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class SavedMember:
    """A compared model: ``name`` (its run's, as the compare view lists it), ``colour`` ("#rrggbb", "" for the
    default), ``label`` (what its runs are called after a reset, "" for "Run N"), its settings and seed, and
    ``state``, from which it goes on."""

    name: str
    colour: str
    label: str
    model_spec: ModelSpec
    train_spec: TrainSpec
    seed: int
    state: StateStart

    @property
    def epoch(self) -> int:
        return self.state.epoch


def member_entries(members: tuple[SavedMember, ...]) -> tuple[list[dict[str, Any]], dict[str, np.ndarray]]:
    """(the metadata's ``members`` list, their arrays) of ``members``, in their order."""
    if len(members) > MAX_MEMBERS:
        raise ValueError(f"at most {MAX_MEMBERS} compared models can be saved, not {len(members)}")
    listed: list[dict[str, Any]] = []
    arrays: dict[str, np.ndarray] = {}
    for i, member in enumerate(members):
        meta, own = model_entries(member.model_spec, member.train_spec, member.seed, member.state, _prefix(i))
        meta.update(name=member.name, colour=member.colour, label=member.label)
        listed.append(meta)
        arrays.update(own)
    return listed, arrays


def _prefix(index: int) -> str:
    return f"members.{index}."


def main_run_name_entry(saved: object, fail: Fail) -> str:
    """The name of the main model's run (None: the file keeps none, given as ""), one a run can have."""
    if saved is None:
        return ""
    problem = name_problem(saved)
    if problem:
        fail(f"has an invalid name of the main model's run (run_name): it {problem}")
    assert isinstance(saved, str)
    return saved


def members_entry(
    saved: object, arrays: dict[str, np.ndarray], dataset: Dataset, fail: Fail, main_name: str = ""
) -> tuple[SavedMember, ...]:
    """The compared models of the file, each checked in full (its problems named with its number and name): each
    name one a run can have and unlike the others' and the main run's (``main_name``); a colour an earlier one
    has is repaired (``with_distinct_colours``)."""
    if not isinstance(saved, list) or len(saved) > MAX_MEMBERS:
        fail(f"has a malformed list of compared models (at most {MAX_MEMBERS})")
    members: list[SavedMember] = []
    for i, entry in enumerate(saved):
        if not isinstance(entry, dict) or not set(MODEL_KEYS) - {"sample_position", "units_off"} <= set(entry):
            fail(f"has a malformed compared model {i + 1}")
        name, colour, label = entry.get("name"), entry.get("colour", ""), entry.get("label", "")
        fail_member = _check_naming(i, name, colour, label, [m.name for m in members], main_name, fail)
        assert isinstance(name, str) and isinstance(colour, str) and isinstance(label, str)
        session = read_model(entry, arrays, dataset, fail_member, _prefix(i))
        members.append(
            SavedMember(
                name, colour, label, session.model_spec, session.train_spec, session.seed, StateStart.of(session)
            )
        )
    listed = {str(i) for i in range(len(members))}
    stray = sorted({key.split(".", 2)[1] for key in arrays if key.startswith("members.")} - listed)
    if stray:
        fail(f"has arrays of compared models it does not list ({', '.join(stray)})")
    return with_distinct_colours(tuple(members))


def with_distinct_colours(members: tuple[SavedMember, ...]) -> tuple[SavedMember, ...]:
    """``members`` with a colour an earlier one has replaced by the first free, as the group gives colours: the app
    once wrote files with two compared models in one colour, and refusing them would lose the person's work."""
    colours = distinct_colours([m.colour for m in members])
    if colours == [m.colour for m in members]:
        return members
    log.warning("compared models in one colour: given %s instead of %s", colours, [m.colour for m in members])
    return tuple(replace(m, colour=colour) for m, colour in zip(members, colours, strict=True))


def check_members(members: tuple[SavedMember, ...], main_name: str) -> None:
    """Raises ``ValueError`` when opening a file that keeps ``members`` beside the main model's run ``main_name``
    ("" for none) would refuse their names, labels or colours: the app must never write a file it cannot open
    again, so a failure here is a bug (the file is not written, the one there is kept)."""

    def fail(problem: str) -> NoReturn:
        raise ValueError(f"the session cannot be saved: it {problem}")

    main_run_name_entry(main_name or None, fail)
    for i, member in enumerate(members):
        _check_naming(i, member.name, member.colour, member.label, [m.name for m in members[:i]], main_name, fail)


def _check_naming(
    index: int, name: object, colour: object, label: object, earlier: list[str], main_name: str, fail: Fail
) -> Fail:
    """Checks a compared model's name, label and colour (opening and saving alike); answers ``fail`` naming it.
    Its name is one a run can have and no other model's (the window would list two runs as one); its label "" or
    one a run can have; its colour "#rrggbb" or "" (another's is repaired, see ``with_distinct_colours``)."""
    problem = name_problem(name)
    if problem:
        fail(f"has an invalid name of compared model {index + 1}: it {problem}")
    assert isinstance(name, str)
    fail_member = _naming(fail, index, name)
    problem = None if label == "" else name_problem(label)
    if problem:
        fail_member(f"has an invalid label (what its runs are called after a reset): it {problem}")
    if not isinstance(colour, str) or (colour and not _COLOUR.fullmatch(colour)):
        fail_member(f"has an invalid colour {shown(colour)} (\u201c#rrggbb\u201d or none)")
    if name == main_name:
        fail_member("has the name of the main model's run")
    if name in earlier:
        fail_member(f"has the name of compared model {earlier.index(name) + 1}")
    return fail_member


def _naming(fail: Fail, index: int, name: str) -> Fail:
    """``fail`` with the compared model's number and name before the problem."""

    def fail_member(problem: str) -> NoReturn:
        fail(f"compared model {index + 1} (\u201c{name}\u201d) {problem}")

    return fail_member


__all__ = [
    "MAX_MEMBERS",
    "SavedMember",
    "check_members",
    "main_run_name_entry",
    "member_entries",
    "members_entry",
    "with_distinct_colours",
]
