"""The child-process side of training: a loop that owns a session (or a SessionGroup) and answers requests.

Why a process: the GUI process' training thread shares the interpreter lock with the GUI thread, so while
the window animates (pyqtgraph paints in Python) training got under half of its headless speed and the GUI's
event loop was late. The GUI process starts this loop with ``multiprocessing`` (the "spawn" context: never
fork a process that already runs Qt and threads), see ``gui.training.session_process.SessionProxy``; the two talk
over a ``multiprocessing.Pipe``.

Messages (tuples) from the parent, one at a time, each answered by exactly one reply:

- ``("getattr", name)``: the attribute's value, or ``CALLABLE`` if it is a method;
- ``("call", name, args, kwargs)``: ``target.name(*args, **kwargs)``;
- ``("command", name, args, kwargs)``: ``COMMANDS[name](target, *args, **kwargs)``: explicit requests that
  would otherwise reach into the target's inner objects or return big ones (see ``run_command``);
- ``("listen", name, on)``: whether the target's callback ``name`` (``on_snapshots``, ``on_run``) is wanted;
- ``("close",)``: the loop ends and the process exits.

A reply is ``("ok", value, events, epoch)`` or ``("error", exception, traceback_text, events, epoch)``:
``events`` are the callbacks the target invoked during the request, as ``(name, args)`` in order (the parent
replays them on its own callbacks), ``epoch`` the target's epoch afterwards (so the parent can read the
epoch without a round trip: it changes only through requests).

Pickle: requests and replies are pickled by ``multiprocessing``. That is fine here: both ends are our own
two processes (the rule "never load with pickle" is about files from elsewhere).

Pure Python; no Qt.
"""

from __future__ import annotations

import traceback

CALLABLE = "<callable>"


# ---------------------------------------------------------------------------------------------- builders
def make_session(dataset, model_spec, train_spec, seed):
    from model.training.session import TrainingSession

    return TrainingSession(dataset, model_spec, train_spec, seed=seed)


def make_group(dataset, model_spec, train_spec, seed, member_grid_cap=None, primary_colour=""):
    """The compare view's group: the primary session, its colour, the members' grid cap."""
    from model.training.session_group import SessionGroup

    group = SessionGroup(make_session(dataset, model_spec, train_spec, seed))
    group.member_grid_cap = member_grid_cap
    if primary_colour:
        group.colours[group.primary.session_id] = primary_colour
    return group


def given(session):
    """A session built elsewhere (e.g. loaded from a file), served as it is."""
    return session


BUILDERS = {"session": make_session, "group": make_group, "given": given}


# ---------------------------------------------------------------------------------------------- commands
def _primary(target):
    return target.__dict__.get("primary", target)  # a SessionGroup's primary; never its __getattr__


def cmd_members(group, grid=None):
    """The members as the compare view lists them, their snapshots (at ``grid`` = (bounds, size), or the grid
    of the last snapshot) and every run's info: ``(members, snapshots, run_info)``."""
    info = group.run_info()
    members = [
        (s.session_id, info[s.session_id]["name"], group.colours.get(s.session_id, ""), s.model_spec, s.train_spec)
        for s in group.members
    ]
    bounds, size = grid if grid is not None and grid[0] is not None else group.last_grid
    return members, group.member_snapshots(bounds, size), info


def cmd_add_member(group, model_spec, train_spec, seed, colour=""):
    return group.add_member(model_spec, train_spec, seed, colour=colour).session_id


def cmd_branch(group, session_id, epoch, model_spec, train_spec, colour=""):
    return group.branch(session_id, epoch, model_spec, train_spec, colour=colour).session_id


def cmd_restore(group, record, colour=""):
    return group.restore(record, colour=colour).session_id


def cmd_moment(group, session_id, epoch, bounds, size):
    """``(snapshot, (ModelSpec, TrainSpec))`` of a recorded moment, or ``(None, None)``."""
    if bounds is None:  # the grid of the last snapshot
        bounds, size = group.last_grid
    snap = group.moment(session_id, epoch, bounds, size)
    if snap is None:
        return None, None
    entry = group.entry(session_id, epoch)
    return snap, ((entry.model_spec, entry.train_spec) if entry is not None else None)


def cmd_save(target, kind, path, view):
    """Writes the (primary) session to ``path``: a session file, or with kind "script" a NumPy script.
    Returns the epoch saved."""
    session = _primary(target)
    if kind == "script":
        from model.storage.script_export import export_script

        export_script(session, path)
    else:
        from model.storage.session_files import save_session

        save_session(session, path, view or {})
    return int(session.epoch)


def cmd_adopt(target, loaded, version):
    """Puts a loaded session's history and training state into the (primary) session, as data version
    ``version`` (``loaded`` None: only the version)."""
    session = _primary(target)
    if loaded is not None:
        session.history.load(loaded.history.arrays(), n_epochs=len(loaded.history))
        session.restore_training_state(loaded.training_state())
    session.data_version = int(version)


COMMANDS = {
    "members": cmd_members,
    "add_member": cmd_add_member,
    "branch": cmd_branch,
    "restore": cmd_restore,
    "moment": cmd_moment,
    "save": cmd_save,
    "adopt": cmd_adopt,
}


def run_command(target, name, *args, **kwargs):
    """``COMMANDS[name](target, ...)``: here, or in the child process when ``target`` is a proxy of one
    (anything whose class has ``remote_command``)."""
    remote = getattr(type(target), "remote_command", None)
    if remote is not None:
        return remote(target, name, *args, **kwargs)
    return COMMANDS[name](target, *args, **kwargs)


# ---------------------------------------------------------------------------------------------- the loop
def _limit_blas_threads() -> None:
    """One BLAS thread, as the training thread used: the other core stays with the GUI process."""
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1)
    except Exception:
        pass


def _epoch(target):
    try:
        return int(target.epoch)
    except Exception:
        return None


def _send(conn, reply) -> None:
    try:
        conn.send(reply)
    except Exception as exc:
        if reply[0] != "ok":
            raise
        text = traceback.format_exc()
        conn.send(("error", RuntimeError(f"the reply could not be sent: {exc!r}"), text, reply[2], reply[3]))


def serve(conn, builder: str, args=(), kwargs=None, first_session_id: int | None = None) -> None:
    """The child's main: builds the target with ``BUILDERS[builder]``, answers requests until "close" or until
    the parent's end of the pipe closes (the parent died), then returns (the process exits).

    ``first_session_id``: where this process' session ids start (the parent gives each child its own
    range, so ids stay unique across processes, as they were in one)."""
    _limit_blas_threads()
    if first_session_id is not None:
        from model.training.session import TrainingSession

        TrainingSession._next_id = int(first_session_id)
    events: list = []
    try:
        target = BUILDERS[builder](*args, **(kwargs or {}))
    except BaseException as exc:
        _send(conn, ("error", exc, traceback.format_exc(), [], None))
        conn.close()
        return
    _send(conn, ("ok", None, [], _epoch(target)))

    def listener(name):
        return lambda *cb_args: events.append((name, cb_args))

    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            break
        op = message[0]
        if op == "close":
            _send(conn, ("ok", None, [], _epoch(target)))
            break
        try:
            if op == "getattr":
                value = getattr(target, message[1])
                value = CALLABLE if callable(value) else value
            elif op == "call":
                _, name, call_args, call_kwargs = message
                value = getattr(target, name)(*call_args, **call_kwargs)
            elif op == "command":
                _, name, call_args, call_kwargs = message
                value = COMMANDS[name](target, *call_args, **call_kwargs)
            elif op == "listen":
                _, name, on = message
                if name not in ("on_snapshots", "on_run"):
                    raise AttributeError(f"no callback {name!r}")
                setattr(target, name, listener(name) if on else None)
                value = None
            else:
                raise ValueError(f"unknown request {op!r}")
        except Exception as exc:
            reply = ("error", exc, traceback.format_exc(), events[:], _epoch(target))
        else:
            reply = ("ok", value, events[:], _epoch(target))
        events.clear()
        try:
            _send(conn, reply)
        except (EOFError, OSError):
            break
        except Exception:
            conn.send(("error", RuntimeError(reply[2]), reply[2], reply[3], reply[4]))
    conn.close()


__all__ = ["BUILDERS", "CALLABLE", "COMMANDS", "run_command", "serve"]
