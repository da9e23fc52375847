"""Ctrl-C and `kill`: said at once, then the command unwinds.

A signal's Python handler runs only when the main thread is back in the interpreter, which can take many
seconds while DuckDB validates or Prefect reports the flow run; the user saw nothing for 15-18 s. So the C
level handler also writes the signal number to a pipe (signal.set_wakeup_fd), and a thread blocked on that
pipe prints the acknowledgement the moment the signal arrives. The Python handler then raises SystemExit:
the run is recorded as interrupted, its workers and Prefect's server are stopped, its private copy goes.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_stopped_by: list[signal.Signals] = []
_installed: list[bool] = []


def stopped_by() -> signal.Signals | None:
    """The signal that stopped this command, if one did."""
    return _stopped_by[-1] if _stopped_by else None


def _unwind(signum: int, frame: object) -> None:
    _stopped_by.append(signal.Signals(signum))
    raise SystemExit(128 + signum)


def _announce(read_fd: int, say: Callable[[signal.Signals], str]) -> None:
    """Say it once: Prefect's flow engine sends SIGTERM to itself again after its own clean-up."""
    while True:
        data = os.read(read_fd, 1)
        if not data:
            return
        if data[0] in {int(s) for s in STOP_SIGNALS}:
            # noted here too: whichever Python handler runs (Prefect's own takes SIGTERM inside a flow run),
            # and whatever exception the stop surfaces as (DuckDB's "Query interrupted"), it was a stop
            _stopped_by.append(signal.Signals(data[0]))
            print(say(signal.Signals(data[0])), file=sys.stderr, flush=True)
            return


def acknowledge_stops(say: Callable[[signal.Signals], str]) -> None:
    """From now on, in this process, SIGINT and SIGTERM print `say(signal)` at once and stop the command.
    Call from the main thread; a second call changes nothing."""
    if _installed:
        return
    _installed.append(True)
    read_fd, write_fd = os.pipe()
    os.set_blocking(write_fd, False)
    signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
    for signum in STOP_SIGNALS:
        signal.signal(signum, _unwind)
    threading.Thread(target=_announce, args=(read_fd, say), name="stop-announcer", daemon=True).start()


def unwind_on_stop() -> dict[int, object]:
    """Make SIGINT and SIGTERM unwind the command (without an announcement); returns the handlers they had."""
    return {signum: signal.signal(signum, _unwind) for signum in STOP_SIGNALS}
