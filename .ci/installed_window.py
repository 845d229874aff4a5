"""Run by .ci/wheel-check with the python of a fresh venv the wheel was installed into, from another folder:
opens the installed app through its own command line (offscreen), presses Play, lets it train for a few
seconds, checks that the epoch counter advanced, and closes the window. Exit status 0 only if all of that held.

    python installed_window.py SECONDS
"""

import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

import neural_playground  # first: it puts the installed copy's model and gui on the path
from neural_playground import cli

CHECKOUT = Path(__file__).resolve().parents[1]


def main(seconds: float) -> str | None:
    """None when the window opened, trained and closed; else what went wrong."""
    import gui  # after neural_playground, as the app imports it

    for package in (gui, neural_playground):  # the installed copy is tested, not the checkout's
        if Path(package.__file__).resolve().is_relative_to(CHECKOUT):
            return f"{package.__name__} was imported from the checkout ({package.__file__}), not the installed wheel"

    app = QApplication(["neural-playground"])  # cli.main reuses it, so the timers below can be set up first
    state = {"started": None, "epochs": 0, "failure": None}

    def window():
        found = [w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow" and w.isVisible()]
        return found[0] if found else None

    def tick() -> None:
        w = window()
        if w is None or not w.data_ready:
            return
        if state["started"] is None:
            w.controls.play_action.trigger()
            state["started"] = time.monotonic()
        elif time.monotonic() - state["started"] >= seconds:
            state["epochs"] = int(w.findChild(QLabel, "epochLabel").text().replace(",", "") or 0)
            w.close()  # the last window: app.exec() returns

    def give_up() -> None:
        state["failure"] = "the window did not open and train within the time limit"
        app.quit()

    poll = QTimer(interval=100, timeout=tick)
    poll.start()
    QTimer.singleShot(int((seconds + 60) * 1000), give_up)
    status = cli.main(["--dataset", "moons", "--seed", "0"])
    poll.stop()
    if state["failure"]:
        return state["failure"]
    if status != 0:
        return f"the app exited with status {status}"
    if state["epochs"] <= 0:
        return f"no training happened in {seconds:g} s after Play (epoch counter: {state['epochs']})"
    print(f"installed window: {state['epochs']:,} epochs in {seconds:g} s of training, {app.applicationVersion()}")
    return None


if __name__ == "__main__":  # training runs in a spawned child process, which imports this file again
    sys.exit(main(float(sys.argv[1]) if len(sys.argv) > 1 else 3.0))
