"""The validation report: one self-contained HTML page over runs, check results and quarantined rows.

Everything shown comes from article text or names, so every value is HTML-escaped: an article that
contains <script> must show as text, never run.
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.registry import staged

STYLE = """body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;font-size:.85rem;max-width:40rem}
th{background:#f3f3f3}.fail{background:#fde8e8}.ok{background:#e8f6ea}"""
SHOWN_ROWS = 200


def table_html(frame: pd.DataFrame, status_column: str | None = None) -> str:
    if frame.empty:
        return "<p>none</p>"
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for record in frame.head(SHOWN_ROWS).itertuples(index=False):
        values = dict(zip(frame.columns, record))
        css = ""
        if status_column is not None:
            css = ' class="ok"' if values[status_column] in (True, "completed") else ' class="fail"'
        cells = "".join(f"<td>{html.escape('' if pd.isna(v) else str(v))}</td>" for v in record)
        rows.append(f"<tr{css}>{cells}</tr>")
    more = f"<p>{len(frame) - SHOWN_ROWS} more rows not shown</p>" if len(frame) > SHOWN_ROWS else ""
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>{more}"


def render(con: duckdb.DuckDBPyConnection, warehouse: str) -> str:
    """The report page for one warehouse."""
    runs = con.execute("""SELECT run_id, started_at, finished_at, status, documents_seen, documents_new,
                                 documents_failed, records_staged, records_published, records_quarantined,
                                 extractor_version FROM main.runs ORDER BY started_at DESC LIMIT 50""").df()
    results = con.execute("""SELECT run_id, target, table_name, check_text, success, rows_checked, rows_failed
                             FROM main.validation_results
                             WHERE run_id IN (SELECT run_id FROM main.runs ORDER BY started_at DESC LIMIT 5)
                                OR target = 'main'
                             ORDER BY checked_at DESC, success, table_name""").df()
    sections = [f"<h1>communique validation report</h1><p>{html.escape(warehouse)}, written "
                f"{html.escape(dt.datetime.now().isoformat(timespec='seconds'))}</p>",
                "<h2>Runs</h2>", table_html(runs, "status"),
                "<h2>Checks of the last five runs</h2>", table_html(results, "success"),
                "<h2>Quarantined rows</h2>"]
    for table in staged():
        frame = con.execute(f"SELECT * FROM quarantine.{table} ORDER BY quarantine_run_id DESC").df()
        if "text" in frame.columns:
            frame["text"] = frame["text"].str.slice(0, 300)
        sections += [f"<h3>{html.escape(table)} ({len(frame)})</h3>", table_html(frame)]
    errors = con.execute("SELECT * FROM main.ingest_errors ORDER BY recorded_at DESC").df()
    sections += ["<h2>Rejected inputs</h2>", table_html(errors)]
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>communique validation report</title>"
            f"<style>{STYLE}</style></head><body>{''.join(sections)}</body></html>")


def write(con: duckdb.DuckDBPyConnection, warehouse: Path) -> Path:
    path = warehouse.parent / "reports" / f"{warehouse.stem}-validation.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(con, str(warehouse)), encoding="utf-8")
    return path
