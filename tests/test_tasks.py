"""The extraction task where a runner puts it: threads of one process share one spaCy pipeline."""
from __future__ import annotations

import json
import pickle
import subprocess
import sys
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


def test_a_worker_that_receives_the_flow_does_not_load_the_warehouse_side() -> None:
    """Prefect sends the flow itself, cloudpickled, to a worker with every task. Whatever unpickling it
    imports, every worker carries: DuckDB, pandas and the validator are the flow process's alone."""
    import cloudpickle

    from flows.pipeline import run_pipeline, task_runner

    sent = cloudpickle.dumps(run_pipeline.with_options(task_runner=task_runner(2)))
    check = ("import sys, cloudpickle; cloudpickle.loads(sys.stdin.buffer.read()); "
             "print(sorted(m for m in ('pandas', 'duckdb', 'great_expectations', 'warehouse') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", check], input=sent, capture_output=True, check=True)
    assert loaded.stdout.decode().strip() == "[]", loaded.stderr.decode()[-2000:]


def test_the_flow_process_stages_a_batch_without_importing_spacy() -> None:
    """The other way round: with worker processes, the flow process only submits the task and stages the
    plain records it gets back. spaCy (40 MB) is the parsing processes' alone."""
    record = json.loads((FIXTURES / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    document = Document(doc_id=record["id"], source_uri="fixture", title="", text=record["text"])
    sent = pickle.dumps(([document], extract_batch.fn([document], Settings().spacy_model, True)))
    check = ("import datetime, pickle, sys\n"
             "from flows.pipeline import run_pipeline, task_runner\n"
             "from warehouse.frames import to_frames\n"
             "from warehouse import audit, db\n"
             "documents, results = pickle.loads(sys.stdin.buffer.read())\n"
             "task_runner(2, model='any')\n"
             "frames = to_frames(documents, results, [], 'run', 'v', datetime.datetime.now())\n"
             "print(len(frames['claims']), 'spacy' in sys.modules)")
    staged = subprocess.run([sys.executable, "-c", check], input=sent, capture_output=True, check=True)
    claims, spacy_loaded = staged.stdout.decode().split()
    assert int(claims) > 0 and spacy_loaded == "False", staged.stderr.decode()[-2000:]
