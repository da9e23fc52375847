"""The extraction task where a runner puts it: threads of one process share one spaCy pipeline."""
from __future__ import annotations

import json
import pickle
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from flows.settings import Settings
from flows.tasks import extract_batch
from transforms.ingest import Document

from conftest import FIXTURES, ROOT


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


def test_an_extraction_worker_carries_neither_prefect_nor_the_warehouse_side(tmp_path: Path) -> None:
    """A worker holds spaCy and the extractors. Prefect (its task engine ran in every worker: ~55 MB each at
    the full feed's peak), DuckDB, pandas and the validator are the flow process's alone. Started from a main
    module like the console script's, which a spawned worker imports again."""
    main = tmp_path / "communique_like.py"
    main.write_text(
        "from flows.cli import main\n"
        "if __name__ == '__main__':\n"
        "    import json\n"
        "    from flows.settings import Settings\n"
        "    from flows.workers import WorkerPool\n"
        "    from transforms.ingest import Document\n"
        "    model = Settings().spacy_model\n"
        "    pool = WorkerPool(1, model)\n"
        "    pool.start()\n"
        "    text = 'President Macron met Chancellor Scholz in Berlin on Monday, officials said.'\n"
        "    found = pool.extract([Document(doc_id='d', source_uri='u', title='', text=text)], model, True, None)\n"
        "    probe = \"sorted({m.split('.')[0] for m in __import__('sys').modules} & {'prefect', 'spacy', "
        "'pandas', 'duckdb', 'great_expectations', 'warehouse'})\"\n"
        "    print(json.dumps([len(found[0].meetings), pool._executor.submit(eval, probe).result()]))\n"
        "    pool.release()\n", encoding="utf-8")
    ran = subprocess.run([sys.executable, str(main)], cwd=ROOT, capture_output=True, text=True, check=True)
    meetings, imported = json.loads(ran.stdout)
    assert meetings == 1 and imported == ["spacy"], ran.stderr[-2000:]


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
