"""Whole-pipeline throughput, as a user runs it, against bare spaCy on the same texts, model and process count.

Bare spaCy runs twice, each time in a process of its own: as it ships, and with one maths thread per process,
as `communique run` gives its workers (flows/workers.py). The second shows what the pipeline gains over
spaCy itself, not over its default threads."""
from __future__ import annotations

import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path

import duckdb
import psutil

from flows.workers import MATHS_THREADS


def read_texts(path: Path, limit: int) -> list[dict]:
    """The first `limit` records of a JSON Lines file (all of them when `limit` is 0)."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in islice(handle, limit or None)]


def peak_process_mb() -> float:
    """Peak resident memory of the largest single process: this one or a finished child (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


class TreeMemory:
    """Peak resident memory of this process and all its descendants together, sampled every 0.2 s. A run
    is several processes (the flow, its workers, Prefect's server): what the machine must hold is their sum."""

    def __init__(self) -> None:
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="tree-memory", daemon=True)

    def _measure(self) -> None:
        me = psutil.Process(os.getpid())
        total = 0
        for process in [me, *me.children(recursive=True)]:
            try:
                total += process.memory_info().rss
            except psutil.Error:  # ended between listing and reading
                pass
        self.peak_mb = max(self.peak_mb, total / 2**20)

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            self._measure()

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._measure()  # a side shorter than one interval is measured too


def run_command(sample: Path, warehouse: Path) -> float:
    """`communique run SAMPLE --warehouse W` as a user types it (default processes, its own Prefect server);
    returns its wall time."""
    command = [str(Path(sys.executable).parent / "communique"), "run", str(sample), "--warehouse", str(warehouse)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"the run failed ({done.returncode}): {done.stdout[-2000:]}{done.stderr[-2000:]}")
    return seconds


def processes_used(warehouse: Path) -> int:
    """How many extraction processes the first run chose (runs.processes)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("SELECT processes FROM runs WHERE processes IS NOT NULL ORDER BY started_at LIMIT 1"
                           ).fetchall()[0][0]
    finally:
        con.close()


def bare_spacy(sample: Path, model: str, processes: int, one_thread: bool) -> tuple[float, float]:
    """Seconds bare spaCy `nlp.pipe` takes over the sample once the model is loaded (in a process of its own,
    so that its maths library loads under the environment given), and the peak MB of its process tree."""
    env = os.environ | ({name: "1" for name in MATHS_THREADS} if one_thread else {})
    command = [sys.executable, "-m", "flows.bench_throughput", str(sample), model, str(processes)]
    with TreeMemory() as tree:
        done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"bare spaCy failed ({done.returncode}): {done.stderr[-2000:]}")
    return float(done.stdout.split()[-1]), tree.peak_mb


def bench_throughput(path: Path, limit: int, model: str) -> dict:
    """The default command line on the first `limit` records of `path`, cold and again unchanged, against bare
    spaCy `nlp.pipe` with as many processes as the run chose."""
    records = read_texts(path, limit)
    words = sum(len(r.get("text", "").split()) for r in records)
    with tempfile.TemporaryDirectory(prefix="communique-bench-") as scratch:
        sample = Path(scratch) / "sample.jsonl"
        sample.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        warehouse = Path(scratch) / "bench.duckdb"
        with TreeMemory() as pipeline_tree:  # the command and everything it starts: workers, Prefect's server
            pipeline_seconds = run_command(sample, warehouse)
        rerun_seconds = run_command(sample, warehouse)
        processes = processes_used(warehouse)
        largest = peak_process_mb()
        spacy_seconds, spacy_mb = bare_spacy(sample, model, processes, one_thread=False)
        one_thread_seconds, _ = bare_spacy(sample, model, processes, one_thread=True)
    return {"documents": len(records), "words": words, "processes": processes,
            "pipeline_seconds": pipeline_seconds, "rerun_seconds": rerun_seconds, "spacy_seconds": spacy_seconds,
            "spacy_one_thread_seconds": one_thread_seconds,
            "pipeline_wps": words / pipeline_seconds, "spacy_wps": words / spacy_seconds,
            "ratio": spacy_seconds / pipeline_seconds, "ratio_one_thread": one_thread_seconds / pipeline_seconds,
            "pipeline_tree_mb": pipeline_tree.peak_mb, "spacy_tree_mb": spacy_mb,
            "largest_process_mb": max(largest, peak_process_mb())}


def format_report(r: dict) -> str:
    return "\n".join([
        f"throughput: {r['documents']} documents, {r['words']:,} words, {r['processes']} process(es) "
        "(the run's default, used for bare spaCy too)",
        f"  `communique run`, cold:      {r['pipeline_seconds']:.1f} s = {r['pipeline_wps']:,.0f} words/s",
        f"  bare spaCy nlp.pipe:         {r['spacy_seconds']:.1f} s = {r['spacy_wps']:,.0f} words/s",
        f"  ratio pipeline/spaCy:        {r['ratio']:.2f} (targets: >= 1.0 on 400 releases, >= 1.3 on 2,000)",
        f"  bare spaCy, 1 maths thread:  {r['spacy_one_thread_seconds']:.1f} s (ratio {r['ratio_one_thread']:.2f}: "
        "spaCy given the workers' setting)",
        f"  unchanged re-run:            {r['rerun_seconds']:.1f} s = {r['rerun_seconds'] / r['pipeline_seconds']:.0%}"
        " of the first run (target <= 3%)",
        f"  peak memory, all processes:  {r['pipeline_tree_mb']:,.0f} MB pipeline (target <= 1,500 MB), "
        f"{r['spacy_tree_mb']:,.0f} MB bare spaCy",
        f"  peak memory, one process:    {r['largest_process_mb']:,.0f} MB",
    ])


def time_bare_spacy(sample: Path, model: str, processes: int) -> float:
    """Seconds `nlp.pipe` takes over the sample's texts, timed from when the model is loaded."""
    from transforms.nlp import load_stock

    texts = [record.get("text", "") for record in read_texts(sample, 0)]
    nlp = load_stock(model)  # bare spaCy: the model as it ships
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=16):
        pass
    return time.perf_counter() - started


if __name__ == "__main__":  # bare_spacy's own process: SAMPLE MODEL PROCESSES -> seconds
    print(time_bare_spacy(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])))
