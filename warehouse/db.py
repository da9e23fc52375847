"""Open, stage into and publish the DuckDB warehouse, applying the .sql files beside this module.

A run never writes the analysts' file in place: it works on a private copy and swaps it in with an
atomic rename. Readers keep the file they opened, a killed run leaves the old file untouched, and
one lock file makes concurrent runs wait for each other instead of failing.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import uuid
from pathlib import Path
from typing import Callable, Iterator

import duckdb
import pandas as pd

from warehouse import knowledge, migrations, registry

HERE = Path(__file__).parent
RESTAGED = "SELECT doc_id FROM staging.documents"  # documents this run extracted (again)


def sql(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create what is missing, refuse a file from a newer release, and bring an older one's tables and
    columns up to this contract (its data is migrated by flows/migrate.py before the version is recorded)."""
    migrations.refuse_newer(con)
    con.execute(registry.schema_sql())
    migrations.add_missing_columns(con)
    migrations.stamp_if_new(con)
    knowledge.seed_office_holders(con)
    con.execute(sql("10_views.sql"))
    con.execute(sql("11_known_people.sql"))


# DuckDB would cache up to 80% of RAM. Staging only appends, beside the extraction workers; validating and
# publishing join whole tables, after the workers are gone. Beyond these, DuckDB works from disk.
STAGING_MEMORY = "128MB"
MEMORY_LIMIT = "512MB"


class NotAWarehouse(RuntimeError):
    """The file is not a DuckDB database: it is left as it is."""


def lock_file(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def run_lock(path: Path, holder: str = "", waiting: Callable[[str], None] = lambda who: None) -> Iterator[None]:
    """One writer at a time per warehouse. A second run waits here, after `waiting` was told who holds it
    (the holder writes its description into the lock file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file(path), "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            waiting(handle.read().strip() or "another run")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(holder)
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def writable_copy(path: Path, holder: str = "",
                  waiting: Callable[[str], None] = lambda who: None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a private copy of the warehouse that replaces it only if the block succeeds."""
    with run_lock(path, holder, waiting):
        for stale in path.parent.glob(path.name + ".*.tmp*"):
            stale.unlink(missing_ok=True)  # left by a killed run; we hold the lock, so nobody uses it
        work = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        if path.exists():
            shutil.copyfile(path, work)
        try:
            con = duckdb.connect(str(work), config={"memory_limit": MEMORY_LIMIT})
        except duckdb.Error as exc:
            work.unlink(missing_ok=True)
            raise NotAWarehouse(f"{path} cannot be opened as a DuckDB warehouse; it was left as it is "
                                f"({str(exc).replace(str(work), 'its copy')})") from exc
        try:
            apply_schema(con)
            yield con
            con.execute("CHECKPOINT")
            con.close()
            _fsync(work)
            os.replace(work, path)
            _fsync(path.parent)
        except BaseException:
            try:
                con.close()  # may fail itself after an interrupted query: the copy goes all the same
            finally:
                work.unlink(missing_ok=True)
                Path(str(work) + ".wal").unlink(missing_ok=True)
            raise


def limit_memory(con: duckdb.DuckDBPyConnection, limit: str) -> None:
    con.execute(f"SET memory_limit = '{limit}'")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class OlderWarehouse(RuntimeError):
    """A reader that needs this contract's tables met a file an older release wrote (and cannot migrate it)."""


def read_only(path: Path, current: bool = False) -> duckdb.DuckDBPyConnection:
    """A read-only connection; with `current`, only to a file at this release's contract version."""
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}; run `communique run` first")
    con = duckdb.connect(str(path), read_only=True)  # no config here: it would refuse a file this process has open
    limit_memory(con, MEMORY_LIMIT)
    if current:
        try:
            migrations.refuse_newer(con)
            older = migrations.pending(con)
        except BaseException:
            con.close()
            raise
        if older is not None:
            con.close()
            raise OlderWarehouse(f"{path} was written by an older release (contract v{older}); run "
                                 f"`communique migrate --warehouse {path}` first")
    return con


def known_inputs(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """The documents the warehouse holds, by the extractor version that read them, and the rejections it
    records (source, error): what a run need not read again."""
    versions = dict(con.execute("SELECT doc_id, coalesce(extractor_version, '') FROM main.documents").fetchall())
    rejections = set(con.execute("SELECT source_uri, error FROM main.ingest_errors").fetchall())
    return versions, rejections


def start_staging(con: duckdb.DuckDBPyConnection) -> None:
    """Empty staging copies of the staged tables."""
    con.execute(registry.staging_sql())


def stage(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> int:
    """Bulk-append a batch's frames to the staging tables; returns the rows written."""
    written = 0
    for table, df in frames.items():
        if df.empty:
            continue
        con.register("batch_frame", df)
        con.execute(f"INSERT INTO staging.{table} BY NAME SELECT * FROM batch_frame")
        con.unregister("batch_frame")
        written += len(df)
    return written


def consolidate(con: duckdb.DuckDBPyConnection) -> None:
    """Merge what separate batches staged about the same actor."""
    con.execute(sql("20_consolidate.sql"))


def publish(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Move staged rows into main in one transaction: the rows of a document extracted again are replaced
    by its staged ones, events left without a report go. Returns the rows published per table, and under
    "new actors" how many actors the warehouse did not know."""
    published = counts(con, "staging")
    actors_before = counts(con)["actors"]
    con.execute("BEGIN TRANSACTION")
    con.execute(registry.replace_documents_sql(RESTAGED))
    con.execute(registry.publish_sql())
    con.execute(sql("50_prune_events.sql"))
    con.execute("COMMIT")
    return {**published, "new actors": counts(con)["actors"] - actors_before}


def counts(con: duckdb.DuckDBPyConnection, schema: str = "main") -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {schema}.{t}").fetchall()[0][0] for t in registry.staged()}


def record_outside_run(path: Path, run: dict, holder: str = "") -> None:
    """Record a run that published nothing (it failed, was stopped, or had nothing to do) in a write of its own."""
    with writable_copy(path, holder) as con:
        record_run(con, run)


def record_run(con: duckdb.DuckDBPyConnection, run: dict) -> None:
    df = pd.DataFrame([run])
    con.register("run_frame", df)
    con.execute("INSERT OR REPLACE INTO main.runs BY NAME SELECT * FROM run_frame")
    con.unregister("run_frame")
