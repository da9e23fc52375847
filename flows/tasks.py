"""The extraction task: one Prefect task run per batch of documents.

Where it runs is the task runner's choice: in a thread of the flow process that hands the batch to worker
processes (flows/runners.py), in that thread itself, or on a Dask worker. The flow process imports this
module only to submit the task: spaCy is imported where a batch is parsed.
"""
from __future__ import annotations

from prefect import task

from flows import workers
from flows.runners import worker_pool
from transforms.extraction import Extraction
from transforms.ingest import Document
from transforms.knowledge import Learned


@task(name="extract-batch")
def extract_batch(documents: list[Document], model: str, focus: bool,
                  learned: Learned | None = None) -> list[Extraction]:
    """Parse a batch with spaCy and read meetings and claims from each parse, knowing the people the
    warehouse learned before the run (`learned`)."""
    pool = worker_pool()
    if pool is not None:
        return pool.extract(documents, model, focus, learned)
    return workers.extract_and_trim(documents, model, focus, learned)
