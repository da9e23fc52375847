"""The main flow: ingest -> extract -> normalize -> stage -> publish, one Prefect task per batch.

Only this process writes DuckDB; extraction tasks return plain records, so they can run in threads,
in spaCy worker processes or on a Dask cluster.
"""
from __future__ import annotations

import datetime as dt
import sys
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from prefect import flow
from prefect.futures import PrefectFuture
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from transforms import EXTRACTOR_VERSION
from transforms.ingest import Document, IngestError, stream
from transforms.models import require

from flows.runners import EarlyProcessPool, release_workers
from flows.settings import Settings
from flows.tasks import extract_batch

if TYPE_CHECKING:
    from warehouse.audit import GateResult


IN_FLIGHT = 4  # batches submitted ahead of the one being staged


@dataclass
class RunSummary:
    run_id: str
    warehouse: str
    status: str = "running"
    documents_seen: int = 0
    documents_new: int = 0
    documents_known: int = 0
    documents_duplicate: int = 0
    rejected: list[IngestError] = field(default_factory=list)
    published: dict[str, int] = field(default_factory=dict)
    staged: int = 0
    gate: GateResult | None = None  # None: nothing was staged, so nothing was validated
    migration: str | None = None  # what this run did to bring an older warehouse up to the contract

    @property
    def passed(self) -> bool:
        return self.gate is None or self.gate.passed

    @property
    def rows_staged(self) -> int:
        """Every row the gate validated (events and migrated rows included), else what extraction staged."""
        return self.gate.staged if self.gate else self.staged

    @property
    def quarantined(self) -> int:
        return self.gate.quarantined_total if self.gate else 0

    def lines(self) -> list[str]:
        p = self.published
        out = [
            f"run {self.run_id}: {self.status}",
            f"  documents: {self.documents_seen} read, {self.documents_new} new, "
            f"{self.documents_known} already in the warehouse, {self.documents_duplicate} duplicates",
            f"  published: {p.get('meetings', 0)} meetings, {p.get('claims', 0)} claims, "
            f"{p.get('actors', 0)} new actors",
            f"  validation: {self.rows_staged} rows staged, {self.quarantined} quarantined"
            + ("" if self.passed else " -> NOTHING PUBLISHED: " + (
                "; ".join(self.gate.fatal) or "too many rows failed (COMMUNIQUE_QUARANTINE_THRESHOLD)")),
            f"  rejected inputs: {len(self.rejected)}",
        ]
        out += [f"    {e.source_uri}: {e.error}" for e in self.rejected[:20]]
        if len(self.rejected) > 20:
            out.append(f"    ... and {len(self.rejected) - 20} more (see table ingest_errors)")
        if self.migration:
            out.append(f"  migrated: {self.migration}")
        out.append(f"  warehouse: {self.warehouse}")
        out.append(f"  validation report: communique report --warehouse {self.warehouse}")
        return out


def task_runner(processes: int, dask_address: str | None = None, model: str | None = None) -> TaskRunner:
    """Where extraction runs: an existing Dask cluster, a pool of worker processes (which load `model`
    as they start, and may start early: flows/runners.py), or one thread."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    if processes > 1:
        return EarlyProcessPool(max_workers=processes, model=model)
    return ThreadPoolTaskRunner(max_workers=1)


def batches(items: Iterable[Document], size: int, max_chars: int) -> Iterator[list[Document]]:
    """Batches of `size` documents, or fewer when they are long: a worker holds a whole batch, its parse and
    its records at once, and a batch of fifty long releases took a third more memory than fifty short ones."""
    batch: list[Document] = []
    chars = 0
    for item in items:
        batch.append(item)
        chars += len(item.text)
        if len(batch) == size or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@flow(name="communique-run", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=1))
def run_pipeline(paths: list[str], warehouse: str, model: str | None = None,
                 batch_size: int | None = None) -> RunSummary:
    """Read every input, extract new documents in batches, and publish the run to the warehouse."""
    # the warehouse side is imported here, not at the top: Prefect sends this flow to every worker process
    # with each task, and a worker that imported DuckDB, pandas and the gate would carry 75 MB for nothing
    from warehouse import audit, db, events, migrations
    from warehouse.frames import to_frames

    settings = Settings()
    model = model or settings.spacy_model
    require(model)  # fail early, before reading anything, when the model is missing
    summary = RunSummary(run_id=uuid.uuid4().hex[:12], warehouse=warehouse)
    started = dt.datetime.now()
    path = Path(warehouse)
    with db.writable_copy(path) as con:
        db.limit_memory(con, db.STAGING_MEMORY)
        known = db.known_documents(con, EXTRACTOR_VERSION)
        db.start_staging(con)
        seen: set[str] = set()
        older = migrations.pending(con)
        relink: list[Document] = []
        moved = links = 0
        if older is not None:
            progress(f"migrating this warehouse from contract v{older} to v{migrations.CONTRACT_VERSION} ...")
            moved = migrations.stage_unresolved_meetings(con)
            relink = migrations.documents_to_link(con)

        def new_documents() -> Iterator[Document]:
            for item in stream([Path(p) for p in paths], settings.max_file_bytes):
                if isinstance(item, IngestError):
                    summary.rejected.append(item)
                    continue
                summary.documents_seen += 1
                if item.doc_id in seen:
                    summary.documents_duplicate += 1
                elif item.doc_id in known:
                    summary.documents_known += 1
                    seen.add(item.doc_id)
                else:
                    seen.add(item.doc_id)
                    yield item

        def stage(batch: list[Document], future: PrefectFuture, published: bool) -> None:
            nonlocal links
            frames = to_frames(batch, future.result(), [], summary.run_id, EXTRACTOR_VERSION, dt.datetime.now())
            if published:  # a published document read again for its links alone (migration)
                found = migrations.published_links(con, frames["meeting_links"])
                links += db.stage(con, {"meeting_links": found})
                return
            summary.staged += db.stage(con, frames)
            summary.documents_new += len(batch)
            progress(f"{summary.documents_new} documents extracted; this batch: {len(frames['meetings'])} meetings, "
                     f"{len(frames['claims'])} claims")

        size = batch_size or settings.batch_size
        work = chain(((b, False) for b in batches(new_documents(), size, settings.batch_chars)),
                     ((b, True) for b in batches(relink, size, settings.batch_chars)))
        in_flight: deque[tuple[list[Document], PrefectFuture, bool]] = deque()
        for batch, published in work:
            in_flight.append((batch, extract_batch.submit(batch, model, settings.focus), published))
            if len(in_flight) > IN_FLIGHT:  # bounded: memory stays flat however large the corpus
                stage(*in_flight.popleft())
        if in_flight:  # all is read and there is work: load the validator while the last batches finish
            audit.warm_up_in_background()
        while in_flight:
            stage(*in_flight.popleft())
        release_workers()
        db.limit_memory(con, db.MEMORY_LIMIT)
        db.stage(con, to_frames([], [], summary.rejected, summary.run_id, EXTRACTOR_VERSION, started))
        db.consolidate(con)
        events.resolve(con, summary.run_id)
        if summary.staged or summary.rejected or older is not None:
            progress("validating staged rows with Great Expectations ...")
            summary.gate = audit.gate(con, summary.run_id, settings.quarantine_threshold)
        if summary.passed:
            events.restate(con, summary.run_id)  # what the reports that passed agree on
            summary.published = db.publish(con)
            summary.status = "completed"
            if older is not None:
                summary.migration = (f"contract v{older} -> v{migrations.CONTRACT_VERSION}: {moved} published meetings "
                                     f"given events, {links} links found between them")
                migrations.record(con, f"from v{older} by run {summary.run_id}: {summary.migration}")
        else:
            summary.status = "failed_audit"
        db.record_run(con, {
            "run_id": summary.run_id, "started_at": started, "finished_at": dt.datetime.now(),
            "status": summary.status, "inputs": " ".join(paths), "documents_seen": summary.documents_seen,
            "documents_new": summary.documents_new, "documents_duplicate": summary.documents_duplicate,
            "documents_failed": len(summary.rejected), "records_staged": summary.rows_staged,
            "records_published": sum(summary.published.values()),
            "records_quarantined": summary.quarantined,
            "extractor_version": EXTRACTOR_VERSION,
        })
    return summary
