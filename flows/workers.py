"""Extraction worker processes: spaCy and the extractors, and nothing of Prefect.

Workers that ran Prefect's task engine imported Prefect and kept its client and settings: about 55 MB
each at the full feed's peak, for bookkeeping the flow process does anyway. Here Prefect stays in the
flow process (one task per batch, in a thread: flows/runners.py) and hands the batch to a plain pool of
these workers, which parse it and send back plain records.

A worker needs about 4 s to spawn, import spaCy and load the model, and Prefect's temporary server about
3 s to answer: the pool is started while the server boots, so the two waits overlap.

Each worker is a process for one core, so its maths library is told to use one thread, as joblib's loky
tells its workers. numpy's OpenBLAS otherwise starts a thread per core in every process, and on 2,000
releases the two workers took 202-213 s of CPU against 185-187 s with one thread each (interleaved runs).
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the worker imports them when its first batch arrives; the flow process never parses
    from transforms.extraction import Extraction
    from transforms.ingest import Document
    from transforms.knowledge import Learned

# read by OpenMP, OpenBLAS and MKL as each loads, once per process; a user's own setting stands
MATHS_THREADS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


class WorkerPool:
    """`processes` spawned worker processes that load `model` as they start."""

    def __init__(self, processes: int, model: str | None) -> None:
        self.processes = processes
        self.model = model
        self._executor: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Spawn every worker now, so that each loads the model while the caller waits for something else."""
        if self._executor is not None:
            return
        quiet_resource_tracker()
        for name in MATHS_THREADS:  # inherited by the workers, which load numpy after they spawn
            os.environ.setdefault(name, "1")
        self._executor = ProcessPoolExecutor(max_workers=self.processes, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=start_worker, initargs=(self.model,))
        for _ in range(self.processes):
            self._executor.submit(int)  # each submission to a busy pool spawns one more worker

    def extract(self, documents: list[Document], model: str, focus: bool,
                learned: Learned | None) -> list[Extraction]:
        """A batch's extractions, from whichever worker is free (blocks the calling thread until then)."""
        if self._executor is None:
            raise RuntimeError("the extraction workers are not running (not started, or stopped with their run)")
        return self._executor.submit(extract_and_trim, documents, model, focus, learned).result()

    def release(self) -> None:
        """Let the workers go once every batch is back: validation then has their memory."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None

    def stop(self) -> None:
        """Stop the workers without waiting for their running batches (a failed or stopped run throws the
        results away); a thread waiting for one gets BrokenProcessPool."""
        if self._executor is None:
            return
        for process in list((self._executor._processes or {}).values()):  # concurrent.futures' own table
            process.terminate()
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = None


def extract_and_trim(documents: list[Document], model: str, focus: bool,
                     learned: Learned | None) -> list[Extraction]:
    """transforms.extract.extract_batch, then the freed heap back to the system: glibc keeps what a batch
    freed for the next one, about 100 MB per worker, and two workers' peaks rarely meet but their kept heaps
    always did. Other C libraries have no such call and need none."""
    from transforms.extract import extract_batch

    extractions = extract_batch(documents, model, focus, learned)
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is not None:
        trim(0)
    return extractions


def start_worker(model: str | None) -> None:
    """Ctrl-C reaches every process of the terminal's group. The run stops its workers itself, after it
    reported the interruption; a worker that took the KeyboardInterrupt too broke the pool under it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if model:
        from transforms.nlp import load

        load(model)


def quiet_resource_tracker() -> None:
    """Workers stopped with their run leave the pool's semaphores to multiprocessing's resource tracker,
    which frees them and then warned "leaked semaphore objects" under every stopped run's one line. The
    tracker is a process of its own that takes its warning filters from ours when it starts."""
    quiet = "ignore:resource_tracker:UserWarning"
    if quiet not in sys.warnoptions:
        sys.warnoptions.append(quiet)
