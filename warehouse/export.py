"""The warehouse as files other engines read: every published table and the analysts' views as Parquet (or
CSV) under one folder, meetings, events and claims in hive partitions by year and month, with a manifest.

    DIR/meetings/year=2024/month=02/data_0.parquet      DIR/meetings/year=undated/month=undated/data_0.parquet
    DIR/documents/data_0.parquet                         DIR/_manifest.json

DuckDB writes the files (COPY ... PARTITION_BY) from a read-only connection. Rows are written in key order,
by one thread, so the same warehouse gives the same files. Each table is written to a folder of its own first and swapped
in whole: a reader sees a table's old files or its new ones, never a mix.
"""
from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import errno
import fcntl
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse import registry

VIEWS = {"event_links": ("event_id", "related_event_id", "relation"),
         "meeting_characterizations": ("meeting_id", "claim_id")}
# table -> the date its rows are partitioned by. A claim takes its document's publication date: every claim
# has a document, most have no meeting, and a claim is dated by when it was said.
PARTITION_DATES = {"meetings": "t.date_start", "events": "t.date_start", "claims": "d.published_at"}
UNDATED = "undated"
MANIFEST = "_manifest.json"
FORMATS = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER true"}


@dataclass
class Exported:
    table: str
    rows: int
    files: int
    partitioned: bool


def select(table: str) -> str:
    """The rows of a table or view in key order, with year and month columns for a partitioned table."""
    key = registry.tables()[table].key if table in registry.tables() else VIEWS[table]
    order = ", ".join(f"t.{k}" for k in key) if key else "ALL"
    if table not in PARTITION_DATES:
        return f"SELECT t.* FROM main.{table} t ORDER BY {order}"
    date = PARTITION_DATES[table]
    documents = "LEFT JOIN main.documents d ON d.doc_id = t.doc_id" if date.startswith("d.") else ""
    return (f"SELECT t.*, coalesce(strftime({date}, '%Y'), '{UNDATED}') AS year, "
            f"coalesce(strftime({date}, '%m'), '{UNDATED}') AS month FROM main.{table} t {documents} ORDER BY {order}")


def names() -> list[str]:
    """Every table a run publishes or keeps (runs, checks, the contract version), then the views."""
    return [*registry.tables(), *VIEWS]


def write_table(con: duckdb.DuckDBPyConnection, table: str, folder: Path, fmt: str) -> Exported:
    """One table into `folder` (new). A partitioned table with no rows still gets one empty file, in the
    undated partition, so that readers find its columns."""
    rows = con.execute(f"SELECT count(*) FROM main.{table}").fetchall()[0][0]
    partitioned = table in PARTITION_DATES
    if partitioned and rows:
        con.execute(f"COPY ({select(table)}) TO {_quoted(folder)} ({FORMATS[fmt]}, PARTITION_BY (year, month))")
    else:
        target = folder / (f"year={UNDATED}/month={UNDATED}" if partitioned else "")
        target.mkdir(parents=True)
        query = f"SELECT * EXCLUDE (year, month) FROM ({select(table)})" if partitioned else select(table)
        con.execute(f"COPY ({query}) TO {_quoted(target / f'data_0.{fmt}')} ({FORMATS[fmt]})")
    return Exported(table, rows, sum(1 for _ in folder.rglob(f"*.{fmt}")), partitioned)


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export(con: duckdb.DuckDBPyConnection, directory: Path, fmt: str = "parquet") -> list[Exported]:
    """Every table and view into `directory`, each replacing what a previous export wrote there, then the
    manifest. Files in `directory` that are not a table's are left alone."""
    directory.mkdir(parents=True, exist_ok=True)
    # with more threads, DuckDB's partitioned writer interleaves rows: a second export of 2 M rows gave other
    # bytes in all 50 files; with one it gives the same files, and took the same time here (4 s for 2 M rows)
    con.execute("SET threads = 1")
    done = []
    with _lock(directory):
        for stale in directory.glob(".*.tmp"):
            shutil.rmtree(stale, ignore_errors=True)  # left by a killed export; we hold the lock
        for table in names():
            work = directory / f".{table}.{uuid.uuid4().hex[:8]}.tmp"
            try:
                done.append(write_table(con, table, work, fmt))
                _swap_in(work, directory / table)
            finally:
                shutil.rmtree(work, ignore_errors=True)
        _write_manifest(con, directory, fmt, done)
    return done


def _write_manifest(con: duckdb.DuckDBPyConnection, directory: Path, fmt: str, done: list[Exported]) -> None:
    last = con.execute("SELECT run_id, finished_at FROM main.runs WHERE status = 'completed' "
                       "ORDER BY started_at DESC LIMIT 1").fetchall()
    manifest = {
        "contract_version": con.execute("SELECT max(version) FROM main.schema_version").fetchall()[0][0],
        "last_run_id": last[0][0] if last else None,
        "last_run_finished_at": last[0][1].isoformat() if last and last[0][1] else None,
        "written_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "format": fmt,
        "tables": {e.table: {"rows": e.rows, "files": e.files, "path": f"{e.table}/",
                             "partitioned_by": ["year", "month"] if e.partitioned else [],
                             **({"partition_date": PARTITION_DATES[e.table].split(".", 1)[1]
                                 + (" of the claim's document" if e.table == "claims" else "")}
                                if e.partitioned else {})}
                   for e in done},
    }
    work = directory / f".{MANIFEST}.tmp"
    work.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    os.replace(work, directory / MANIFEST)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _swap_in(new: Path, final: Path) -> None:
    """Put folder `new` in place of `final`: one atomic exchange where the kernel offers it (Linux renameat2),
    else two renames (a reader may then briefly find no folder, never a mixed one). The old files go."""
    if not final.exists():
        os.rename(new, final)
        return
    if _exchange(new, final):
        shutil.rmtree(new)  # now holds the old files
        return
    old = final.with_name(f".{final.name}.{uuid.uuid4().hex[:8]}.old.tmp")
    os.rename(final, old)
    os.rename(new, final)
    shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:  # an older C library
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # not on this file system
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


@contextlib.contextmanager
def _lock(directory: Path):
    """One export at a time into a folder."""
    with open(directory / ".export.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
