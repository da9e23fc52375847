"""The main flow: ingest -> extract -> normalize -> stage -> resolve events -> validate -> publish, one
Prefect task per batch of documents.

Only this process writes DuckDB; extraction tasks return plain records, so they can run in threads,
in spaCy worker processes or on a Dask cluster.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

from prefect import flow, get_run_logger, runtime
from prefect.exceptions import ExternalSignal, MissingContextError
from prefect.futures import PrefectFuture
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from transforms.ingest import Document, stream
from transforms.models import require
from transforms.version import extractor_version

from flows import artifacts
from flows.inputs import Known, Sorter
from flows.runners import PooledThreads, extraction_processes, release_workers
from flows.settings import Settings
from flows.stopping import stopped_by
from flows.summary import RunSummary
from flows.tasks import extract_batch
from flows.workers import WorkerPool

IN_FLIGHT = 4  # batches submitted ahead of the one being staged


def task_runner(processes: int, dask_address: str | None = None, model: str | None = None) -> TaskRunner:
    """Where extraction runs: an existing Dask cluster, a pool of worker processes (which load `model`
    as they start, and may start early: flows/runners.py), or one thread."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    if processes > 1:
        return PooledThreads(WorkerPool(processes, model))
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
    """A progress line on the terminal and, inside a flow run, in its logs on the Prefect server."""
    print(message, file=sys.stderr, flush=True)
    try:
        get_run_logger().info(message)
    except MissingContextError:
        pass


def run_id_of(flow_run_id: str | None) -> str:
    """The warehouse's id for a run: the last 12 hex digits of its Prefect flow run's id (random in Prefect's
    UUIDs, version 4 or 7), so each names the other; a random one outside a flow run."""
    return (uuid.UUID(flow_run_id) if flow_run_id else uuid.uuid4()).hex[-12:]


def flow_run_name() -> str:
    """The flow run's name carries the warehouse's run id: `runs.run_id` is found from the Prefect UI."""
    from prefect.runtime import flow_run

    return f"run-{run_id_of(flow_run.id)}"


def holder(summary: RunSummary) -> str:
    """How a waiting run names this one."""
    return f"run {summary.run_id} (pid {os.getpid()}, started {summary.started:%H:%M:%S})"


@flow(name="communique-run", flow_run_name=flow_run_name, log_prints=False,
      task_runner=ThreadPoolTaskRunner(max_workers=1))
def run_pipeline(paths: list[str], warehouse: str, model: str | None = None,
                 batch_size: int | None = None, data_docs: bool = True) -> RunSummary:
    """Read every input, extract new documents in batches, and publish the run to the warehouse. A run
    that fails or is stopped publishes nothing and is recorded in `runs` with its reason. The gate's results
    also go to the Great Expectations Data Docs beside the warehouse (`data_docs`: benchmarks skip them)."""
    settings = Settings()
    model = model or settings.spacy_model
    require(model)  # fail early, before reading anything, when the model is missing
    flow_run_id = runtime.flow_run.id
    summary = RunSummary(run_id=run_id_of(flow_run_id), warehouse=warehouse, extractor_version=extractor_version(model),
                         inputs=paths, processes=extraction_processes(), flow_run_id=flow_run_id)
    try:
        extract_and_publish(summary, model, batch_size or settings.batch_size, settings)
    except BaseException as exc:
        record_failure(summary, exc)
        if isinstance(exc, Exception):
            artifacts.publish(summary)
        raise
    if data_docs and summary.gate is not None:
        write_data_docs(summary, settings)
    if summary.status == "completed":
        write_report(summary)  # before the artifacts: they link to it
    artifacts.publish(summary)
    return summary


def write_data_docs(summary: RunSummary, settings: Settings) -> None:
    """The gate's results as Great Expectations Data Docs beside the warehouse. Best effort: the run is
    published by now, and a page that could not be written does not undo it."""
    from warehouse import data_docs

    try:
        summary.data_docs = data_docs.record(Path(summary.warehouse), summary.gate.checks, summary.run_id,
                                             summary.started, "staging", settings.data_docs_runs)
    except Exception as exc:  # noqa: BLE001
        progress(f"warning: the Great Expectations Data Docs were not updated: {type(exc).__name__}: {exc}")


def write_report(summary: RunSummary) -> None:
    """Bring the report site up to date with what the run published (only the pages it changed). The run is
    published already: a site that cannot be written is a warning, not a failed run."""
    from warehouse import site

    try:
        built = site.after_run(Path(summary.warehouse), summary.run_id)
    except Exception as exc:  # noqa: BLE001 - the run's data is safe; say why the site lags behind
        progress(f"warning: the report site was not written: {exc}")
        return
    summary.report = str(built.index.resolve())
    progress(f"report site: {built.pages} pages written in {built.seconds:.1f} s"
             + ("" if built.full else " (what this run changed)"))


def extract_and_publish(summary: RunSummary, model: str, batch_size: int, settings: Settings) -> None:
    # the warehouse side is imported here, not at the top: Prefect sends this flow to every worker process
    # with each task, and a worker that imported DuckDB, pandas and the gate would carry 75 MB for nothing
    from warehouse import audit, db, events, knowledge, migrations
    from warehouse.frames import to_frames

    version = summary.extractor_version
    waiting = lambda who: progress(f"waiting for {who} to finish with {summary.warehouse} ...")  # noqa: E731
    with db.writable_copy(Path(summary.warehouse), holder(summary), waiting) as con:
        summary.opened = True  # from here on a failure is this run's, and is recorded
        db.limit_memory(con, db.STAGING_MEMORY)
        sorter = Sorter(Known(*db.known_inputs(con)), version)
        summary.tally = sorter.tally
        db.start_staging(con)
        learned = knowledge.learned(con)  # who is who, as earlier runs read it: for this run's extraction
        older = migrations.pending(con)
        relink: list[Document] = []
        moved = links = 0
        if older is not None:
            progress(f"migrating this warehouse from contract v{older} to v{migrations.CONTRACT_VERSION} ...")
            relink = migrations.documents_to_link(con)
        extracting: set[str] = set()  # documents this run extracts: a migration leaves them to it

        def stage(batch: list[Document], future: PrefectFuture, published: bool) -> None:
            nonlocal links
            frames = to_frames(batch, future.result(), [], summary.run_id, version, dt.datetime.now())
            if published:  # a published document read again for its links alone (migration)
                links += db.stage(con, {"meeting_links": migrations.published_links(con, frames["meeting_links"])})
                return
            summary.staged += db.stage(con, frames)
            summary.extracted += len(batch)
            progress(f"{summary.extracted} documents extracted; this batch: {len(frames['meetings'])} meetings, "
                     f"{len(frames['claims'])} claims")

        documents = sorter.documents(stream([Path(p) for p in summary.inputs], settings.max_file_bytes))
        # the documents to link are drawn once every input is read, so those extracted anyway are left out
        work = chain(((b, False) for b in batches(documents, batch_size, settings.batch_chars)),
                     ((b, True) for b in batches((d for d in relink if d.doc_id not in extracting),
                                                 batch_size, settings.batch_chars)))
        in_flight: deque[tuple[list[Document], PrefectFuture, bool]] = deque()
        for batch, published in work:
            if relink and not published:
                extracting.update(d.doc_id for d in batch)
            in_flight.append((batch, extract_batch.submit(batch, model, settings.focus, learned), published))
            if len(in_flight) > IN_FLIGHT:  # bounded: memory stays flat however large the corpus
                stage(*in_flight.popleft())
        if in_flight:  # all is read and there is work: load the validator while the last batches finish
            audit.warm_up_in_background()
        while in_flight:
            stage(*in_flight.popleft())
        release_workers()
        db.limit_memory(con, db.MEMORY_LIMIT)
        db.stage(con, to_frames([], [], summary.tally.rejected, summary.run_id, version, summary.started))
        if older is not None:
            moved = migrations.stage_unresolved_meetings(con)
        db.consolidate(con)
        started = time.perf_counter()
        events.resolve(con, summary.run_id)
        resolving = time.perf_counter() - started
        if summary.staged or summary.tally.rejected or older is not None:
            progress("validating staged rows with Great Expectations ...")
            summary.gate = audit.gate(con, summary.run_id, settings.quarantine_threshold)
        if summary.passed:
            started = time.perf_counter()
            events.restate(con, summary.run_id)  # what the reports that passed agree on
            progress(f"events resolved and restated in {resolving + time.perf_counter() - started:.1f} s")
            summary.published = db.publish(con)
            summary.status = "completed"
            if older is not None:
                summary.migration = (f"contract v{older} -> v{migrations.CONTRACT_VERSION}: {moved} published meetings "
                                     f"given events, {links} links found between them")
                migrations.record(con, f"from v{older} by run {summary.run_id}: {summary.migration}")
        else:
            summary.status = "failed_audit"
        db.record_run(con, summary.row())


def record_failure(summary: RunSummary, exc: BaseException) -> None:
    """Keep a `runs` row for a run that failed or was stopped once it had the warehouse open (a file it
    refused to open, or could not, stays untouched). Best effort: the failure itself is what the user sees."""
    if not summary.opened:
        return
    from warehouse import db

    # Prefect's ExternalSignal on SIGTERM; and the signal handler's SystemExit may surface wrapped in another
    # exception (raised inside pydantic's serializer it comes out as a PydanticSerializationError)
    stopped = isinstance(exc, (KeyboardInterrupt, SystemExit, ExternalSignal)) or stopped_by() is not None
    summary.status = "interrupted" if stopped else "failed"
    summary.message = ("stopped by a signal before publishing" if stopped else f"{type(exc).__name__}: {exc}")[:2000]
    summary.published, summary.gate = {}, None
    try:
        db.record_outside_run(Path(summary.warehouse), summary.row(), holder(summary))
    except Exception as error:  # noqa: BLE001 - never hide the run's own failure behind this one
        progress(f"warning: could not record the {summary.status} run: {error}")
