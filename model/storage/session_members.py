"""The models compared beside the main one, as a session file keeps them: each one's name, colour and label, its
settings and seed, and its whole training state.

``SavedMember`` is one such model as a value: what ``save_session`` writes for it (``member_entries``) and what
opening the file gives back (``members_entry``), ready to be added again beside the main model
(``model.training.requests.AddMember.saved``), where it goes on bit for bit (``StateStart``). In the file each is
an object of the metadata's ``members`` list and arrays named ``members.<i>.…`` (``model_state_entries``).

Pure Python + NumPy: this module must never import Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NoReturn

import numpy as np

from model.data.dataset import Dataset
from model.storage.model_state_entries import MODEL_KEYS, model_entries, read_model
from model.storage.session_entries import Fail
from model.storage.value_checks import shown
from model.training.run_names import name_problem
from model.training.specs import ModelSpec, TrainSpec
from model.training.state_start import StateStart

#: Besides the main model, at most this many train side by side (``model.training.session_group.MAX_MODELS`` - 1).
MAX_MEMBERS = 3
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


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
    name one a run can have and unlike the others' and the main run's (``main_name``), each colour its own."""
    if not isinstance(saved, list) or len(saved) > MAX_MEMBERS:
        fail(f"has a malformed list of compared models (at most {MAX_MEMBERS})")
    members: list[SavedMember] = []
    for i, entry in enumerate(saved):
        if not isinstance(entry, dict) or not set(MODEL_KEYS) - {"sample_position", "units_off"} <= set(entry):
            fail(f"has a malformed compared model {i + 1}")
        name, colour, label = entry.get("name"), entry.get("colour", ""), entry.get("label", "")
        problem = name_problem(name)
        if problem:
            fail(f"has an invalid name of compared model {i + 1}: it {problem}")
        assert isinstance(name, str)
        fail_member = _naming(fail, i, name)
        problem = None if label == "" else name_problem(label)
        if problem:
            fail_member(f"has an invalid label (what its runs are called after a reset): it {problem}")
        if not isinstance(colour, str) or (colour and not _COLOUR.fullmatch(colour)):
            fail_member(f"has an invalid colour {shown(colour)} (\u201c#rrggbb\u201d or none)")
        _check_unlike_the_others(name, colour, members, main_name, fail_member)
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
    return tuple(members)


def _check_unlike_the_others(
    name: str, colour: str, before: list[SavedMember], main_name: str, fail_member: Fail
) -> None:
    """A compared model's name is no other model's (the window would list two runs as one) and its colour no other
    compared model's (models are told apart by their colours, also when training starts again after a crash)."""
    if name == main_name:
        fail_member("has the name of the main model's run")
    for j, other in enumerate(before):
        if other.name == name:
            fail_member(f"has the name of compared model {j + 1}")
        if other.colour.lower() == colour.lower():
            shown_colour = f"colour {colour}" if colour else "default colour"
            fail_member(f"has the {shown_colour} of compared model {j + 1} (each needs its own)")


def _naming(fail: Fail, index: int, name: str) -> Fail:
    """``fail`` with the compared model's number and name before the problem."""

    def fail_member(problem: str) -> NoReturn:
        fail(f"compared model {index + 1} (\u201c{name}\u201d) {problem}")

    return fail_member


__all__ = ["MAX_MEMBERS", "SavedMember", "main_run_name_entry", "member_entries", "members_entry"]
