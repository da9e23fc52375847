"""The Prefect API a command talks to: the user's server when PREFECT_API_URL is set (environment
or Prefect profile), else one temporary server for the whole command.

Left alone, Prefect starts its temporary server lazily in every process that needs an API, and
extraction worker processes (spawned, so they see no parent state) each start their own: about 8 s
apiece before they parse a word. Starting it once here and handing its address to every child
through the environment removes that cost and leaves one server to stop.
"""
from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def prefect_api(startup_timeout: int) -> Iterator[None]:
    """Run the body against one Prefect API, started here (and stopped after) when none is configured."""
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    if get_current_settings().api.url:  # from the environment, the Prefect profile or a test harness
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)  # `kill` must not orphan the server
    server.start(timeout=startup_timeout)
    os.environ["PREFECT_API_URL"] = server.api_url  # inherited by worker processes spawned from here on
    try:
        with temporary_settings({PREFECT_API_URL: server.api_url}):
            yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        # logs and events are sent in the background: deliver them before their server goes away
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=5)
        EventsWorker.drain_all(timeout=5)
        server.stop()
        signal.signal(signal.SIGTERM, previous)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so the server is stopped and the warehouse's private copy removed."""
    raise SystemExit(128 + signum)
