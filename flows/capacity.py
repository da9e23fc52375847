"""How many extraction processes a run is worth, by default: the cores this process may use and the
memory available, unless the work fits in one batch (the seed), where starting workers costs more than
it saves. `--processes` and COMMUNIQUE_N_PROCESS override it.
"""
from __future__ import annotations

import os

import psutil

WORKER_MB = 500  # a worker's peak while parsing long releases (measured 330-450 MB)
BASE_MB = 1000  # the flow process and Prefect's server beside the workers


def usable_cores() -> int:
    """The cores the scheduler lets this process run on (a container's or `taskset`'s limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_processes(documents: int, chars: int, batch_size: int, batch_chars: int) -> int:
    """Worker processes for `documents` documents of `chars` characters in all."""
    batches = max(-(-documents // batch_size), -(-chars // batch_chars))
    if batches <= 1:
        return 1
    by_memory = (psutil.virtual_memory().available // 2**20 - BASE_MB) // WORKER_MB
    return max(1, min(usable_cores(), by_memory, batches))
