"""SessionProxy: the training session (or SessionGroup) in a child process, used as if it were here.

Why: the training thread and the GUI thread of one process share Python's interpreter lock, so while the
window animates, training ran at under half its headless speed and the GUI's event loop was late. With the
session in a child process the training thread only waits on a pipe (which releases the lock) while the
child computes on the other core.

The proxy stands in for the session in ``TrainingWorker`` and in the compare view's bridge:

- ``proxy.step(5)``, ``proxy.snapshot(bounds, size)``, ... send the call to the child and return its answer
  (an exception raised there is raised here, with the child's traceback as its cause);
- ``proxy.epoch`` is the epoch the child reported with its last reply (no round trip); other attributes
  are read from the child (``model.training.session_server`` says whether a name is a method, which is remembered);
- ``proxy.on_snapshots = f`` / ``proxy.on_run = f`` are kept here; the child queues the calls the session
  makes to them during a request and the reply carries them: they are replayed here, in order, before the
  request returns (so in the calling thread, as when the session lived in that thread);
- other changes to the session's state are explicit requests (``model.training.session_server.run_command``);
- if the child dies, every request raises ``SessionProcessDied`` (never blocks); ``close()`` ends the
  child (asks, joins with a timeout, then terminates), ``kill()`` may be called from any thread.

Only one thread uses a proxy at a time (the training thread); a lock makes a second caller wait.
Requests and replies are pickled by ``multiprocessing``: fine between our own two processes (the project's
"never load with pickle" is about files from elsewhere).
"""

from __future__ import annotations

import itertools
import multiprocessing
import threading

from model.training.session_server import CALLABLE, serve

_CALLBACKS = ("on_snapshots", "on_run")


#: Each child numbers its sessions from its own block of ids (unique across the processes, as in one).
SESSION_ID_BLOCK = 1_000_000
_blocks = itertools.count(1)


def _first_session_id() -> int:
    return next(_blocks) * SESSION_ID_BLOCK + 1  # itertools.count is thread-safe enough (one C call)


class SessionProcessDied(RuntimeError):
    """The child process that trained the session ended (crashed, was killed, or was closed)."""


class RemoteTraceback(Exception):
    """The traceback of an exception raised in the child (the ``__cause__`` of the one raised here)."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return "in the training process:\n" + self.text


class SessionProxy:
    """A session built by ``model.training.session_server.BUILDERS[builder](*args, **kwargs)`` in a child process.

    Constructing it spawns the child and waits until the session is built (0.5-1 s: call it off the GUI
    thread); a failure to build raises here.
    """

    def __init__(self, builder: str, *args, **kwargs):
        ctx = multiprocessing.get_context("spawn")  # never fork: the GUI process runs Qt and threads
        parent_end, child_end = ctx.Pipe()
        process = ctx.Process(
            target=serve,
            args=(child_end, builder, args, kwargs, _first_session_id()),
            name=f"training-{builder}",
            daemon=True,
        )  # daemon: ended if we exit
        d = self.__dict__
        d["_conn"], d["_process"], d["_lock"] = parent_end, process, threading.Lock()
        d["_callables"], d["_callbacks"], d["_epoch"], d["_closed"] = set(), {}, None, False
        process.start()
        child_end.close()  # only the child holds it now: its death makes our recv() fail at once
        try:
            self._request(None)  # the first reply: built (or the exception that prevented it)
        except BaseException:
            self.close()  # the child ends after a failed build: joined here, no process left behind
            raise

    # ------------------------------------------------------------------ the session's face
    def __getattr__(self, name):
        # Only called for names not found on the proxy itself: the session's.
        if name.startswith("__") or name in _CALLBACKS:
            raise AttributeError(name)
        if name not in self._callables:
            value = self._request(("getattr", name))
            if not (isinstance(value, str) and value == CALLABLE):
                return value
            self._callables.add(name)
        return lambda *args, **kwargs: self._request(("call", name, args, kwargs))

    def __setattr__(self, name, value):
        if name in _CALLBACKS:
            self._request(("listen", name, value is not None))
            self._callbacks[name] = value
            return
        raise AttributeError(
            f"cannot set {name!r} on a session in another process: "
            f"use an explicit request (model.training.session_server.run_command)"
        )

    @property
    def on_snapshots(self):
        return self._callbacks.get("on_snapshots")

    @property
    def on_run(self):
        return self._callbacks.get("on_run")

    @property
    def epoch(self) -> int:
        """The session's epoch after the last request (it changes only through requests)."""
        if self._epoch is None:
            return self._request(("getattr", "epoch"))
        return self._epoch

    def remote_command(self, name: str, *args, **kwargs):
        """``model.training.session_server.COMMANDS[name](session, *args, **kwargs)`` in the child."""
        return self._request(("command", name, args, kwargs))

    # ------------------------------------------------------------------ the process
    @property
    def alive(self) -> bool:
        return not self._closed and self._process.is_alive()

    @property
    def pid(self):
        return self._process.pid

    def close(self, timeout: float = 2.0) -> None:
        """Ends the child: asks it to stop, joins it for ``timeout`` s, then terminates (and kills) it.
        Safe to call twice, and after the child died."""
        if self.__dict__["_closed"]:
            return
        acquired = self._lock.acquire(timeout=timeout)  # a request in flight ends within a chunk
        try:
            self.__dict__["_closed"] = True
            if acquired and self._process.is_alive():
                try:
                    self._conn.send(("close",))
                    if self._conn.poll(timeout):
                        self._conn.recv()
                except (EOFError, OSError):
                    pass
            self._end_process(timeout)
            self._conn.close()
        finally:
            if acquired:
                self._lock.release()

    def kill(self) -> None:
        """Any thread: ends the child at once (a request waiting for it then raises SessionProcessDied)."""
        if self._process.is_alive():
            self._process.kill()

    def _end_process(self, timeout: float) -> None:
        process = self._process
        process.join(timeout)
        if process.is_alive():
            process.terminate()
            process.join(1.0)
        if process.is_alive():
            process.kill()
            process.join(1.0)

    def __del__(self):
        try:
            if not self.__dict__.get("_closed", True):
                self.kill()
        except Exception:
            pass

    # ------------------------------------------------------------------ one request, one reply
    def _request(self, message):
        with self._lock:
            if self._closed:
                raise SessionProcessDied("the training process was closed")
            try:
                if message is not None:
                    self._conn.send(message)
                reply = self._conn.recv()  # blocks without the interpreter lock
            except (EOFError, OSError, BrokenPipeError) as exc:
                code = self._process.exitcode
                if code is None:
                    self._process.join(0.5)
                    code = self._process.exitcode
                raise SessionProcessDied(f"the training process ended (exit code {code})") from exc
        if reply[0] == "ok":
            _, value, events, epoch = reply
        else:
            _, error, text, events, epoch = reply
        self.__dict__["_epoch"] = epoch
        for name, args in events:  # replayed in the calling thread, before the request returns
            callback = self._callbacks.get(name)
            if callback is not None:
                callback(*args)
        if reply[0] != "ok":
            raise error from RemoteTraceback(text)
        return value


def process_session_factory(dataset, model_spec, train_spec, seed):
    """A TrainingWorker session factory: a plain TrainingSession in a child process."""
    return SessionProxy("session", dataset, model_spec, train_spec, seed)


__all__ = ["SessionProcessDied", "SessionProxy", "process_session_factory"]
