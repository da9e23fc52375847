"""Whole-pipeline throughput against bare spaCy on the same texts, model and process count."""
from __future__ import annotations

import gzip
import json
import resource
import tempfile
import time
from itertools import islice
from pathlib import Path

from flows.api import prefect_api
from flows.pipeline import run_pipeline, task_runner
from transforms.nlp import load


def read_texts(path: Path, limit: int) -> list[dict]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in islice(handle, limit)]


def peak_memory_mb() -> float:
    """Peak resident memory of this process and of its finished children (Linux reports KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def bench_throughput(path: Path, limit: int, processes: int, model: str, batch_size: int,
                     startup_timeout: int) -> dict:
    records = read_texts(path, limit)
    words = sum(len(r.get("text", "").split()) for r in records)
    with tempfile.TemporaryDirectory(prefix="communique-bench-") as scratch:
        sample = Path(scratch) / "sample.jsonl"
        sample.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        warehouse = Path(scratch) / "bench.duckdb"
        runner = task_runner(processes, model=model)
        run = run_pipeline.with_options(task_runner=runner)
        started = time.perf_counter()
        # the server's start counts, and so does the workers' (started while it boots): a cold run
        with prefect_api(startup_timeout, getattr(runner, "start_early", None)):
            run([str(sample)], str(warehouse), model=model, batch_size=batch_size)
            pipeline_seconds = time.perf_counter() - started
            started = time.perf_counter()
            run([str(sample)], str(warehouse), model=model, batch_size=batch_size)
            rerun_seconds = time.perf_counter() - started
    pipeline_memory = peak_memory_mb()
    nlp = load(model)
    started = time.perf_counter()
    for _ in nlp.pipe((r["text"] for r in records), n_process=processes, batch_size=16):
        pass
    spacy_seconds = time.perf_counter() - started
    return {"documents": len(records), "words": words, "processes": processes,
            "pipeline_seconds": pipeline_seconds, "rerun_seconds": rerun_seconds, "spacy_seconds": spacy_seconds,
            "pipeline_wps": words / pipeline_seconds, "spacy_wps": words / spacy_seconds,
            "ratio": spacy_seconds / pipeline_seconds, "peak_memory_mb": max(pipeline_memory, peak_memory_mb())}


def format_report(r: dict) -> str:
    return "\n".join([
        f"throughput: {r['documents']} documents, {r['words']:,} words, {r['processes']} process(es)",
        f"  pipeline (whole flow, cold): {r['pipeline_seconds']:.1f} s = {r['pipeline_wps']:,.0f} words/s",
        f"  bare spaCy nlp.pipe:         {r['spacy_seconds']:.1f} s = {r['spacy_wps']:,.0f} words/s",
        f"  ratio pipeline/spaCy:        {r['ratio']:.2f} (target >= 0.90)",
        f"  unchanged re-run:            {r['rerun_seconds']:.1f} s = {r['rerun_seconds'] / r['pipeline_seconds']:.0%}"
        " of the first run (target <= 10%)",
        f"  peak memory:                 {r['peak_memory_mb']:,.0f} MB",
    ])
