"""The data quality page: the last run in numbers, the NULLs per contract column, then what failed (checks,
quarantined rows, rejected inputs), with passing checks folded away and every long list paged."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

from warehouse.registry import staged
from warehouse.site.data import records, rows
from warehouse.site.render import Page, Writer, paged

# Where runs and `communique validate` leave Great Expectations' Data Docs: GX's default site in the
# warehouse's own file data context, <folder>/gx/<warehouse stem>/. The quality page links there if it exists.
DATA_DOCS = Path("uncommitted") / "data_docs" / "local_site" / "index.html"
TEXT_SHOWN = 300  # characters of a quarantined document's text


def run_state(run: dict) -> str:
    """How a run is coloured: green only when it completed and rejected no input."""
    if run["status"] != "completed":
        return "fail"
    return "warn" if (run.get("documents_failed") or 0) > 0 or (run.get("records_quarantined") or 0) > 0 else "ok"


def null_shares(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """The share of NULLs in each nullable column of each contract table, most NULLs first (e.g. claims
    without a speaker country)."""
    shares = []
    for table in staged().values():
        nullable = [c for c, spec in table.columns.items() if "NOT NULL" not in spec.upper() and "DEFAULT" not in spec.upper()]
        if not nullable:
            continue
        counts = ", ".join(f'count("{c}")' for c in nullable)
        total, *present = con.execute(f"SELECT count(*), {counts} FROM main.{table.name}").fetchone()
        for column, filled in zip(nullable, present):
            shares.append({"table": table.name, "column": column, "rows": total, "nulls": total - filled,
                           "share": (total - filled) / total if total else 0.0})
    return sorted(shares, key=lambda s: (-s["share"], s["table"], s["column"]))


def quarantined_by_check(con: duckdb.DuckDBPyConnection, run_id: str | None) -> list[dict]:
    """Rows a run held back, counted by table and failed check (a row failing two checks counts in both)."""
    parts = [f"SELECT '{t}' AS table_name, unnest(string_split(failed_checks, '; ')) AS check_text "
             f"FROM quarantine.{t} WHERE quarantine_run_id = $run_id" for t in staged()]
    query = f"SELECT table_name, check_text, count(*) AS rows FROM ({' UNION ALL '.join(parts)}) GROUP BY ALL ORDER BY rows DESC, 1, 2"
    return records(con.execute(query, {"run_id": run_id}))


def quarantine_rows(con: duckdb.DuckDBPyConnection, table: str) -> list[dict]:
    found = records(con.execute(f"SELECT * FROM quarantine.{table} ORDER BY quarantine_run_id DESC"))
    for row in found:
        if isinstance(row.get("text"), str) and len(row["text"]) > TEXT_SHOWN:
            row["text"] = row["text"][:TEXT_SHOWN] + " …"
    return found


def data_docs_index(warehouse: Path) -> Path:
    return warehouse.parent / "gx" / warehouse.stem / DATA_DOCS


def data_docs_href(warehouse: Path, site: Path) -> str | None:
    """The relative link from the site to GX's Data Docs index, if it has been built."""
    docs = data_docs_index(warehouse)
    return Path(os.path.relpath(docs.resolve(), site.resolve())).as_posix() if docs.exists() else None


def write_paged(writer: Writer, found: list[dict], stem: str, first: str, title: str, kind: str) -> Page:
    """Pages 2.. of a long table under quality/; returns page 1, which the quality page shows itself."""
    pages = list(paged(found, stem, first))
    for page in pages[1:]:
        writer.write(page.href(page.number), "table_page.html", title=title, page=page, kind=kind)
    return pages[0]


def write_quality(writer: Writer, con: duckdb.DuckDBPyConnection, warehouse: Path) -> None:
    """quality.html, and under quality/ the further pages of runs, quarantined rows and rejected inputs."""
    last = rows(con, "last_run.sql")
    run = last[0] if last else None
    gated = con.execute("SELECT run_id FROM main.validation_results WHERE target <> 'main' "
                        "ORDER BY checked_at DESC LIMIT 1").fetchone()
    runs = [{**r, "state": run_state(r)} for r in rows(con, "runs.sql")]
    quarantine = {t: write_paged(writer, quarantine_rows(con, t), f"quality/quarantine-{t}",
                                 f"quality.html#quarantine-{t}", f"Quarantined {t}", "quarantine") for t in staged()}
    writer.write("quality.html", "quality.html", run=run, state=run_state(run) if run else "warn",
                 by_check=quarantined_by_check(con, run["run_id"] if run else None), nulls=null_shares(con),
                 gate_checks=rows(con, "checks.sql", target="staging", run_id=gated[0] if gated else None),
                 gated_run=gated[0] if gated else None,
                 validate_checks=rows(con, "checks.sql", target="main", run_id=None),
                 runs=write_paged(writer, runs, "quality/runs", "quality.html#runs", "Runs", "runs"),
                 quarantine=quarantine,
                 rejected=write_paged(writer, rows(con, "rejected.sql"), "quality/rejected", "quality.html#rejected",
                                      "Rejected inputs", "rejected"),
                 data_docs=data_docs_href(warehouse, writer.root))
