"""The Prefect API a command talks to: the user's server when PREFECT_API_URL is set (environment
or Prefect profile), else one temporary server for the whole command.

Left alone, Prefect starts its temporary server lazily in every process that needs an API, and
extraction worker processes (spawned, so they see no parent state) each start their own: about 8 s
apiece before they parse a word. Starting it once here and handing its address to every child
through the environment removes that cost and leaves one server to stop.

The server is launched the way Prefect's own SubprocessASGIServer launches it (uvicorn on Prefect's
app factory, UI off), but without importing Prefect's server package into this process: that import
alone costs more than a second of every command, and only the server process needs it.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from flows.stopping import unwind_on_stop

ADDRESS_IN_USE = 3  # uvicorn's exit code when the port was taken between our check and its bind
# The server runs in a process group of its own, so a signal to the command's group (Ctrl-C, `timeout`,
# `docker stop`) reaches the command first: the command reports its flow run to a server that is still
# there, then stops it. A server that outlived the run kept the run retrying against it for minutes.
# The kernel stops the server when the command dies any other way (PR_SET_PDEATHSIG, even on SIGKILL).
_LAUNCH = ("import ctypes, os, runpy, signal, sys\n"
           "if sys.platform == 'linux': ctypes.CDLL(None).prctl(1, signal.SIGTERM)\n"
           "if os.getppid() != {parent}: sys.exit(0)\n"  # the command died before prctl took effect
           "runpy.run_module('uvicorn', run_name='__main__', alter_sys=True)")


@contextmanager
def prefect_api(startup_timeout: int, while_booting: Callable[[], None] | None = None) -> Iterator[None]:
    """Run the body against one Prefect API, started here (and stopped after) when none is configured.
    `while_booting` runs once the server's address is in the environment, before it answers."""
    from prefect.settings import get_current_settings

    if get_current_settings().api.url:  # from the environment, the Prefect profile or a test harness
        yield
        return
    previous = unwind_on_stop()  # so that the server below is stopped on Ctrl-C and `kill` too
    server, _ = _start_server(startup_timeout, while_booting)
    try:
        yield
    finally:
        _use_api(None)
        # logs and events are sent in the background: deliver them before their server goes away
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=5)
        EventsWorker.drain_all(timeout=5)
        _stop(server)
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _start_server(timeout: int, while_booting: Callable[[], None] | None) -> tuple[subprocess.Popen, str]:
    """A temporary Prefect server on a free local port, once its health check answers. Its address goes
    into the environment at once, inherited by worker processes spawned from here on."""
    import httpx
    import prefect
    from prefect.settings import get_current_settings

    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1",
           **get_current_settings().to_environment_variables(exclude_unset=True)}
    deadline = time.monotonic() + timeout
    while True:
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-c", _LAUNCH.format(parent=os.getpid()), "--app-dir",
             str(Path(prefect.__file__).parent.parent), "--factory", "prefect.server.api.server:create_app",
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "error", "--lifespan", "on"],
            env=env, process_group=0)
        api_url = f"http://127.0.0.1:{port}/api"
        _use_api(api_url)
        if while_booting is not None:
            while_booting()
        with httpx.Client() as client:
            while time.monotonic() < deadline and server.poll() is None:
                try:
                    if client.get(f"{api_url}/health").status_code == 200:
                        return server, api_url
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
        if server.poll() != ADDRESS_IN_USE or time.monotonic() >= deadline:
            _use_api(None)
            _stop(server)
            raise RuntimeError(f"the temporary Prefect server did not start within {timeout} s "
                               f"(exit code {server.returncode}); raise COMMUNIQUE_STARTUP_TIMEOUT_SECONDS "
                               "or point PREFECT_API_URL at a running server")


def _use_api(api_url: str | None) -> None:
    """Point this process, every thread of it, and every child spawned from now on, at `api_url`.
    Prefect's own threads (the process pool's message forwarder, the events worker) start with a fresh
    context and read the process-global settings: a context-local setting would leave them without an
    API, and each would start a temporary server of its own (the one on port 8484)."""
    from prefect.context import refresh_global_settings_context

    if api_url is None:
        os.environ.pop("PREFECT_API_URL", None)
    else:
        os.environ["PREFECT_API_URL"] = api_url
    refresh_global_settings_context()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
