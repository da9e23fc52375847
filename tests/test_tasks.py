"""The extraction task where a runner puts it: threads of one process share one spaCy pipeline."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

from flows.settings import Settings
from flows.tasks import extract_batch
from transforms.ingest import Document

from conftest import FIXTURES


def test_extract_batch_is_safe_in_threads_of_one_process(nlp) -> None:
    """Dask workers and Prefect's thread runner may run batches side by side: each must get what it gets
    alone (spaCy's memory zones are per pipeline, so without a guard a batch loses strings: KeyError E018)."""
    records = [json.loads(line) for line in (FIXTURES / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    documents = [Document(doc_id=r["id"], source_uri="fixture", title="", text=r["text"]) for r in records]
    model = Settings().spacy_model
    alone = [extract_batch.fn([d], model, True) for d in documents]
    for _ in range(4):
        with ThreadPoolExecutor(len(documents)) as pool:
            together = list(pool.map(lambda d: extract_batch.fn([d], model, True), documents))
        assert together == alone
