"""The data-quality gate: validate a run's staged rows with the Great Expectations suites in
expectations/, move failing rows (and the rows that depend on them) to quarantine, keep the results.

Great Expectations validates pandas DataFrames here: its SQL engine does not work on DuckDB, and
validating only the staged batch keeps the cost proportional to the run.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import duckdb
import pandas as pd

from warehouse import data_docs, registry
from warehouse.db import sql

SUITES = Path(__file__).resolve().parent.parent / "expectations"
# rows validated at once, and their size as text: pandas and Great Expectations take several times that
# (article texts held as Python strings took 7 times their size)
PART_ROWS = 100_000
PART_BYTES = 16 << 20
TEXT_PART_BYTES = 32 << 20  # document texts joined at once to check offsets into them, within DuckDB's memory limit


def keys(table: str) -> list[str]:
    """The columns that identify a row of a staged table (warehouse/tables.yaml); all of them for a table
    without a key."""
    spec = registry.staged()[table]
    return list(spec.key) or list(spec.columns)


@dataclass
class TableCheck:
    table: str
    rows: int
    results: list[dict] = field(default_factory=list)  # expectation, check, success, rows_failed
    failures: dict[int, list[str]] = field(default_factory=dict)  # row position -> failed checks
    fatal: list[str] = field(default_factory=list)  # table-level failures: the whole table is wrong
    gx: dict[str, dict] = field(default_factory=dict)  # check -> GX's result, summed over parts (warehouse/data_docs.py)
    parts: int = 1


@dataclass
class GateResult:
    staged: int = 0
    quarantined: dict[str, int] = field(default_factory=dict)
    fatal: list[str] = field(default_factory=list)
    passed: bool = True
    checks: dict[str, TableCheck] = field(default_factory=dict)  # each table's results, for the Data Docs
    by_check: dict[tuple[str, str], int] = field(default_factory=dict)  # (table, check) -> rows quarantined

    @property
    def quarantined_total(self) -> int:
        return sum(self.quarantined.values())


@functools.cache
def load_suites() -> dict[str, dict]:
    """The suite files, with "$ISO_ALPHA3" standing for every ISO 3166-1 alpha-3 code."""
    from transforms.countries import all_alpha3

    suites = {}
    for path in sorted(SUITES.glob("*.json")):
        suite = json.loads(path.read_text(encoding="utf-8"))
        for expectation in suite["expectations"]:
            if expectation["kwargs"].get("value_set") == "$ISO_ALPHA3":
                expectation["kwargs"]["value_set"] = sorted(all_alpha3())
        suites[suite["name"]] = suite
    return suites


# held while Great Expectations builds a context: it makes each one the process's current context
GX_LOCK = threading.Lock()


def warm_up_in_background() -> None:
    """Import Great Expectations and build its context ahead of time (5-7 s of CPU), e.g. while extraction
    runs. Its thread takes the lowest CPU priority (on Linux niceness is per thread): it uses what the
    workers leave, such as the core the first one to finish frees, instead of slowing them."""
    def load() -> None:
        if sys.platform == "linux":
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        with GX_LOCK:
            _context()

    threading.Thread(target=load, name="gx-warm-up", daemon=True).start()


@functools.cache
def _context():
    """One ephemeral Great Expectations context per process: no files, no telemetry, no progress bars."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    logging.getLogger("great_expectations.data_context.types.base").setLevel(logging.WARNING)

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def check_frame(table: str, frame: pd.DataFrame) -> TableCheck:
    """Validate one table's rows against its suite; row failures are reported by position."""
    with GX_LOCK:  # first: the warm-up thread may still be importing Great Expectations
        context = _context()
    from great_expectations.core.expectation_suite import ExpectationSuite

    spec = load_suites()[table]
    suite = ExpectationSuite(name=f"{table}-{id(frame)}", expectations=spec["expectations"])
    # a source of its own, deleted afterwards: a data source's engine keeps every frame it ever validated
    source = context.data_sources.add_pandas(f"communique-{table}-{id(frame)}")
    try:
        batch = (source.add_dataframe_asset(table).add_batch_definition_whole_dataframe("all")
                 .get_batch(batch_parameters={"dataframe": frame}))
        report = batch.validate(suite, result_format={"result_format": "COMPLETE"})
    finally:
        context.data_sources.delete(source.name)
    out = TableCheck(table, len(frame))
    for result in report.results:
        config = result.expectation_config
        check = (config.meta or {}).get("check", config.type)
        out.gx[check] = data_docs.summarize(result)
        rows = result.result.get("unexpected_index_list")
        if not result.success and rows is None:
            out.fatal.append(f"{table}: {check}")
        for position in rows or []:
            out.failures.setdefault(int(position), []).append(check)
        out.results.append({"expectation": config.type, "check": check, "success": bool(result.success),
                            "rows_failed": len(rows or []) if rows is not None or result.success else len(frame)})
    return out


def parts(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> Iterator[pd.DataFrame]:
    """audit_{table} in parts of about PART_ROWS rows and PART_BYTES at most, split by a hash of the table's
    key: every copy of a key falls in the same part, so the uniqueness expectations stay exact, and a run of
    any size is validated in the same memory."""
    rows, size = con.execute(f"SELECT count(*), coalesce(sum(strlen(CAST(t AS VARCHAR))), 0) "
                             f"FROM {schema}.{table} t").fetchall()[0]  # a whole fetch: no result left open
    count = max(1, -(-rows // PART_ROWS), -(-size // PART_BYTES))
    key = ", ".join(keys(table))
    for part in range(count):
        where = f"WHERE hash({key}) % {count} = {part}" if count > 1 else ""
        yield con.execute(f"SELECT * FROM audit_{table} {where}").df()


def check_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> tuple[TableCheck, pd.DataFrame]:
    """One table validated part by part: its results over all rows, and its failing rows (key columns and
    failed_checks)."""
    whole, failing = TableCheck(table, 0, parts=0), []
    for frame in parts(con, schema, table):
        check = check_frame(table, frame)
        whole.rows += check.rows
        whole.parts += 1
        data_docs.merge(whole.gx, check.gx)
        whole.fatal += [f for f in check.fatal if f not in whole.fatal]
        if not whole.results:
            whole.results = [dict(r, rows_failed=0) for r in check.results]
        for total, result in zip(whole.results, check.results):  # the same suite, in the same order
            total["success"] = total["success"] and result["success"]
            total["rows_failed"] += result["rows_failed"]
        positions = sorted(check.failures)
        rows = frame.iloc[positions][keys(table)].copy()
        rows["failed_checks"] = ["; ".join(check.failures[p]) for p in positions]
        failing.append(rows)
    return whole, pd.concat(failing, ignore_index=True)


def check_all(con: duckdb.DuckDBPyConnection, schema: str) -> tuple[dict[str, TableCheck], dict[str, pd.DataFrame]]:
    """Every table of `schema`, with its computed check columns (warehouse/40_audit.sql), validated."""
    con.execute(sql("40_audit.sql").format(schema=schema))
    _check_texts(con, schema)
    checked = {table: check_table(con, schema, table) for table in registry.staged()}
    return {t: c for t, (c, _) in checked.items()}, {t: rows for t, (_, rows) in checked.items()}


def _check_texts(con: duckdb.DuckDBPyConnection, schema: str) -> None:
    """Check meetings, claims and links against their documents' texts, TEXT_PART_BYTES of text at a time."""
    size = con.execute(f"SELECT coalesce(sum(strlen(text)), 0) FROM parent_documents WHERE doc_id IN "
                       f"(SELECT doc_id FROM {schema}.meetings UNION SELECT doc_id FROM {schema}.claims "
                       f"UNION SELECT doc_id FROM {schema}.meeting_links)").fetchall()[0][0]
    count = max(1, -(-size // TEXT_PART_BYTES))
    for part in range(count):
        con.execute(sql("41_text_checks.sql").format(schema=schema, parts=count, part=part))


def record(con: duckdb.DuckDBPyConnection, checks: dict[str, TableCheck], run_id: str, target: str) -> None:
    now = dt.datetime.now()
    rows = [{"run_id": run_id, "checked_at": now, "target": target, "table_name": c.table,
             "expectation": r["expectation"], "check_text": r["check"], "success": r["success"],
             "rows_checked": c.rows, "rows_failed": r["rows_failed"]}
            for c in checks.values() for r in c.results]
    if rows:
        con.register("results_frame", pd.DataFrame(rows))
        con.execute("INSERT INTO main.validation_results BY NAME SELECT * FROM results_frame")
        con.unregister("results_frame")


def _with_dependents(con: duckdb.DuckDBPyConnection, bad: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Failing rows per table, and the staged rows that depend on them: they follow their parents."""
    for parent in registry.staged():  # parents before children (tables.yaml's order): a chain follows through
        for (table, key), children in registry.dependents().items():
            if table != parent or bad[table].empty:
                continue
            con.register("bad_parents", bad[table][[key]])
            for child, column in children:
                rows = con.execute(f"SELECT {', '.join(keys(child))} FROM staging.{child} "
                                   f"WHERE {column} IN (SELECT {key} FROM bad_parents)").df()
                rows["failed_checks"] = f"depends on a quarantined {table[:-1]}"
                bad[child] = pd.concat([bad[child], rows]).drop_duplicates(keys(child))
            con.unregister("bad_parents")
    return bad


def gate(con: duckdb.DuckDBPyConnection, run_id: str, threshold: float) -> GateResult:
    """Validate staging, quarantine what failed, and say whether the rest may be published."""
    checks, failing = check_all(con, "staging")
    record(con, checks, run_id, "staging")
    result = GateResult(staged=sum(c.rows for c in checks.values()),
                        fatal=[f for c in checks.values() for f in c.fatal], checks=checks)
    for table, frame in _with_dependents(con, failing).items():
        result.quarantined[table] = len(frame)
        if frame.empty:
            continue
        for check, rows in frame["failed_checks"].str.split("; ").explode().value_counts().items():
            result.by_check[(table, check)] = int(rows)
        on = " AND ".join(f"s.{k} = b.{k}" for k in keys(table))
        con.register("bad_rows", frame)
        con.execute(f"""INSERT INTO quarantine.{table} BY NAME
                        SELECT s.*, b.failed_checks, '{run_id}' AS quarantine_run_id
                        FROM staging.{table} s JOIN bad_rows b ON {on}""")
        con.execute(f"DELETE FROM staging.{table} AS s WHERE EXISTS (SELECT 1 FROM bad_rows b WHERE {on})")
        con.unregister("bad_rows")
    share = result.quarantined_total / result.staged if result.staged else 0.0
    result.passed = not result.fatal and share <= threshold
    return result
