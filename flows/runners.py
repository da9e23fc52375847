"""A process pool for extraction whose workers start while Prefect's temporary server boots.

A worker needs about 4 s to spawn, import spaCy and Prefect and load the model, and the temporary
server about 3 s to answer: one after the other they were the largest fixed cost of a run. The
server's address is known before it answers, so the pool can be spawned (and the model loaded by
its initializer) in the meantime; the flow's task runner then adopts the waiting pool instead of
spawning its own. It does so through ProcessPoolTaskRunner's own attributes (Prefect is pinned), and
falls back to the ordinary start whenever no pool is waiting.
"""
from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, ClassVar

from prefect.context import FlowRunContext
from prefect.task_runners import (ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner,
                                  _initialize_process_pool_worker)


class EarlyProcessPool(ProcessPoolTaskRunner):
    """ProcessPoolTaskRunner whose workers may have been started, and their model loaded, beforehand."""

    _waiting: ClassVar[dict[int, tuple[Any, ProcessPoolExecutor]]] = {}  # max_workers -> (queue, pool)

    def __init__(self, max_workers: int, model: str | None = None) -> None:
        super().__init__(max_workers=max_workers, initializer=start_worker, initargs=(model,))
        quiet_resource_tracker()

    def start_early(self) -> None:
        """Spawn the workers now (PREFECT_API_URL must already be in the environment they inherit)."""
        discard_waiting()
        context = multiprocessing.get_context("spawn")
        queue = context.Queue()
        pool = ProcessPoolExecutor(max_workers=self._max_workers, mp_context=context,
                                   initializer=_initialize_process_pool_worker,
                                   initargs=(queue, getattr(self, "_initializer", None), getattr(self, "_initargs", ())))
        for _ in range(self._max_workers):
            pool.submit(int)  # each submission to a busy pool spawns one more worker
        self._waiting[self._max_workers] = (queue, pool)

    def __enter__(self) -> EarlyProcessPool:
        waiting = self._waiting.pop(self._max_workers, None)
        if waiting is None:
            return super().__enter__()
        TaskRunner.__enter__(self)
        self._subprocess_message_queue, self._executor = waiting
        self._message_forwarding_thread = threading.Thread(
            target=self._forward_subprocess_messages, name="ProcessPoolTaskRunnerMessageForwarder", daemon=True)
        self._message_forwarding_thread.start()
        self._resolver_executor = ThreadPoolExecutor(max_workers=self._max_workers)
        return self

    def release(self) -> None:
        """Stop the idle workers now that every batch is back: validation then has their memory."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        """A failed or stopped run does not wait for its running batches: their results would be thrown away."""
        if exc_type is not None and self._executor is not None:
            workers = getattr(self._executor, "_processes", None) or {}  # concurrent.futures' own table
            for process in list(workers.values()):
                process.terminate()
        super().__exit__(exc_type, exc_value, traceback)


def quiet_resource_tracker() -> None:
    """Workers stopped with their run leave the pool's semaphores to multiprocessing's resource tracker,
    which frees them and then warned "leaked semaphore objects" under every stopped run's one line. The
    tracker is a process of its own that takes its warning filters from ours when it starts."""
    quiet = "ignore:resource_tracker:UserWarning"
    if quiet not in sys.warnoptions:
        sys.warnoptions.append(quiet)


def extraction_processes() -> int:
    """The worker processes the current flow run extracts with: 1 for a thread of its own, 0 for a Dask
    cluster (whose size is not ours to count)."""
    context = FlowRunContext.get()
    runner = context.task_runner if context is not None else None
    if isinstance(runner, ProcessPoolTaskRunner):
        return runner._max_workers
    return 1 if runner is None or isinstance(runner, ThreadPoolTaskRunner) else 0


def release_workers() -> None:
    """Stop the current flow run's extraction workers, if it has any of its own (a Dask cluster is not ours)."""
    context = FlowRunContext.get()
    if context is not None and isinstance(context.task_runner, EarlyProcessPool):
        context.task_runner.release()


def start_worker(model: str | None) -> None:
    """Ctrl-C reaches every process of the terminal's group. The run stops its workers itself, after it
    reported the interruption; a worker that took the KeyboardInterrupt too broke the pool under it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if model:
        from transforms.nlp import load  # here, in the worker: the flow process that defines the pool never parses

        load(model)


def discard_waiting() -> None:
    """Stop workers that were started early and never adopted (the server moved, or the run failed first)."""
    while EarlyProcessPool._waiting:
        _, (queue, pool) = EarlyProcessPool._waiting.popitem()
        pool.shutdown(cancel_futures=True, wait=True)
        queue.close()
