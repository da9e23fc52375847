"""The task that runs where the task runner puts it (a thread, worker processes, Dask workers).

It lives apart from the flow so that a worker imports spaCy and the extractors, not DuckDB,
pandas or the validation code: less memory per worker and a quicker start. The flow process
imports this module only to submit the task, so spaCy is imported when the task first runs.
"""
from __future__ import annotations

import ctypes

from prefect import task

from transforms.extraction import Extraction
from transforms.ingest import Document
from transforms.knowledge import Learned


@task(name="extract-batch")
def extract_batch(documents: list[Document], model: str, focus: bool,
                  learned: Learned | None = None) -> list[Extraction]:
    """Parse a batch with spaCy and read meetings and claims from each parse, knowing the people the
    warehouse learned before the run (`learned`). One process each: parallelism comes from the task runner
    (worker processes, or Dask workers, which are daemonic)."""
    from transforms.extract import extract
    from transforms.focus import for_model, parse
    from transforms.knowledge import grown
    from transforms.nlp import load, turn

    nlp = load(model)
    known = grown(learned)
    with turn(model), nlp.memory_zone():  # forget this batch's strings afterwards: a long-lived worker stays flat
        docs = parse(nlp, [d.text for d in documents], for_model(model) if focus else None)
        extractions = [extract(parsed, d.doc_id, d.published_at, d.outlet, d.title, d.text, known)
                       for parsed, d in zip(docs, documents)]
    give_back_freed_memory()
    return extractions


def give_back_freed_memory() -> None:
    """glibc keeps the heap a batch freed for the next one, about 100 MB per worker: two workers' peaks
    rarely meet, their kept heaps always did. Other C libraries have no such call and need none."""
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is not None:
        trim(0)
