"""Where the flow's extraction tasks run: one Prefect task per batch, in a thread of the flow process,
handing its batch to worker processes that never import Prefect (flows/workers.py).

Prefect keeps what it showed before (a task run per batch, its state and duration), while the workers
hold spaCy and the extractors only. The flow engine enters a duplicate of the runner it is given, so the
duplicate shares the original's pool: the one started early, while Prefect's temporary server boots.
"""
from __future__ import annotations

from typing import Any

from prefect.context import FlowRunContext
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from flows.workers import WorkerPool


class PooledThreads(ThreadPoolTaskRunner):
    """Threads for the batch tasks, one more than there are workers: a batch waits in the pool's queue
    while another's records come back, so no worker idles between batches."""

    def __init__(self, pool: WorkerPool) -> None:
        super().__init__(max_workers=pool.processes + 1)
        self.pool = pool

    def duplicate(self) -> PooledThreads:
        return type(self)(self.pool)

    def start_early(self) -> None:
        """Spawn the workers now (PREFECT_API_URL need not be set: they never talk to Prefect)."""
        self.pool.start()

    def __enter__(self) -> PooledThreads:
        self.pool.start()  # unless it started early
        return super().__enter__()

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        """A failed or stopped run stops its workers first: the threads waiting for their batches then end at
        once instead of after them. A run that went well has let them go already (release_workers)."""
        if exc_type is not None:
            self.pool.stop()
        super().__exit__(exc_type, exc_value, traceback)


def current_runner() -> TaskRunner | None:
    """The task runner of the flow run this code runs in, if any."""
    context = FlowRunContext.get()
    return context.task_runner if context is not None else None


def worker_pool() -> WorkerPool | None:
    """The current flow run's worker processes; None when batches run where their task runs (in a thread of
    the flow process, or on a Dask worker)."""
    runner = current_runner()
    return runner.pool if isinstance(runner, PooledThreads) else None


def extraction_processes() -> int:
    """The worker processes the current flow run extracts with: 1 for a thread of its own, 0 for a Dask
    cluster (whose size is not ours to count)."""
    runner = current_runner()
    if isinstance(runner, PooledThreads):
        return runner.pool.processes
    return 1 if runner is None or isinstance(runner, ThreadPoolTaskRunner) else 0


def release_workers() -> None:
    """Stop the current flow run's extraction workers, if it has any of its own (a Dask cluster is not ours)."""
    pool = worker_pool()
    if pool is not None:
        pool.release()
