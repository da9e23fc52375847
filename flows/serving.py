"""`communique serve`: a deployment on the user's Prefect server that stops within seconds, in one line.

Left to itself, a served flow kept polling a server that had gone (77 s, then about 110 lines of
tracebacks) and ignored SIGTERM for as long. Here a watchdog asks the server's health every second and
stops the command once it has not answered for a few seconds; Ctrl-C and SIGTERM stop it at once. Either
way the flow runs it started are stopped first (a stopped run publishes nothing), and one line says why.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time

import httpx
import psutil

GONE_AFTER = 4  # seconds without an answer from the server's health check
CHILDREN_GRACE = 5  # seconds a flow run in progress gets to stop


def stop(message: str, code: int) -> None:
    """Stop the flow runs this command started, say why in one line, and exit without unwinding Prefect's
    runner (whose retries against a missing server are what printed the tracebacks)."""
    children = psutil.Process().children(recursive=True)
    for child in children:
        try:
            child.terminate()
        except psutil.Error:
            pass
    psutil.wait_procs(children, timeout=CHILDREN_GRACE)
    for child in children:
        try:
            child.kill()
        except psutil.Error:
            pass
    print(message, file=sys.stderr, flush=True)
    os._exit(code)


def watch(api_url: str) -> None:
    """Stop the command once the server at `api_url` stops answering."""
    def loop() -> None:
        silent_since = None
        with httpx.Client(timeout=1) as client:
            while True:
                try:
                    answered = client.get(f"{api_url}/health").status_code == 200
                except httpx.HTTPError:
                    answered = False
                now = time.monotonic()
                silent_since = None if answered else silent_since or now
                if silent_since is not None and now - silent_since >= GONE_AFTER:
                    stop(f"error: the Prefect server at {api_url} stopped answering; serve stopped "
                         "(start the server, then serve again)", 1)
                time.sleep(1)

    threading.Thread(target=loop, name="server-watchdog", daemon=True).start()


def stop_on_signals() -> None:
    """Ctrl-C stops serve here; SIGTERM too until Prefect's runner starts, which then takes it itself (it
    stops its flow runs and returns, quickly while its server answers; the watchdog covers the rest)."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda number, frame: stop(f"serve stopped by {signal.Signals(number).name}",
                                                         128 + number))
