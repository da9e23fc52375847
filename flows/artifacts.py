"""What a flow run leaves on the Prefect server, so that a scheduled run explains itself in the UI: a markdown
summary (documents, what was published, quarantined rows by check), a table of the checks that failed, and a
link to the report site beside the warehouse. Three API calls per run, whatever its size.
"""
from __future__ import annotations

import re
from pathlib import Path

from flows.summary import RunSummary


def report_index(warehouse: Path) -> Path:
    """The report site's index beside the warehouse (written by `communique report`)."""
    return warehouse.resolve().parent / "reports" / warehouse.stem / "index.html"


def key(warehouse: Path, what: str) -> str:
    """An artifact key (lower-case letters, digits and dashes) per warehouse: the UI lists a key's versions,
    one per run, so a scheduled deployment's history reads as one series."""
    return re.sub(r"[^a-z0-9]+", "-", f"communique-{warehouse.stem}-{what}".lower()).strip("-")


def markdown(summary: RunSummary) -> str:
    t, p, gate = summary.tally, summary.published, summary.gate
    lines = [f"# communique run {summary.run_id}: {summary.status}", ""]
    if summary.message:
        lines += [f"> {summary.message}", ""]
    lines += ["| documents | |", "|---|---:|", f"| read | {t.seen} |", f"| new | {t.new} |",
              f"| extracted again (newer extractor) | {t.stale} |", f"| already in the warehouse | {t.known} |",
              f"| duplicates | {t.duplicate} |", f"| rejected | {len(t.rejected)} |", "",
              "| published | rows |", "|---|---:|"]
    lines += [f"| {table} | {p.get(table, 0)} |" for table in ("meetings", "claims", "events", "actors", "documents")]
    lines += ["", f"Validation: {summary.rows_staged} rows staged, {summary.quarantined} quarantined."]
    if gate is not None and not gate.passed:
        lines.append("**Nothing was published**: " + ("; ".join(gate.fatal) or "too many rows failed"))
    if gate is not None and gate.by_check:
        lines += ["", "| quarantined table | check | rows |", "|---|---|---:|"]
        lines += [f"| {table} | {_cell(check)} | {rows} |" for (table, check), rows in sorted(gate.by_check.items())]
    if t.rejected:
        lines += ["", "| rejected input | reason |", "|---|---|"]
        lines += [f"| {_cell(e.source_uri)} | {_cell(e.error)} |" for e in t.rejected[:20]]
    warehouse = Path(summary.warehouse)
    lines += ["", f"Warehouse: `{warehouse.resolve()}`", f"Report: [{report_index(warehouse)}]({report_index(warehouse).as_uri()})"]
    if summary.data_docs:
        lines.append(f"Great Expectations Data Docs: [{summary.data_docs}]({summary.data_docs.resolve().as_uri()})")
    return "\n".join(lines)


def failed_checks(summary: RunSummary) -> list[dict]:
    checks = summary.gate.checks.values() if summary.gate else []
    return [{"table": c.table, "check": r["check"], "expectation": r["expectation"], "rows_failed": r["rows_failed"],
             "rows_checked": c.rows} for c in checks for r in c.results if not r["success"]]


def _cell(text: str) -> str:
    """Text in a markdown table cell: one line, no column breaks."""
    return " ".join(str(text).split()).replace("|", "\\|")


def publish(summary: RunSummary) -> None:
    """Attach the summary, the failed checks and the report link to the current flow run. Best effort: a
    server that does not answer costs a warning, not the run."""
    from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact

    from flows.pipeline import progress

    warehouse = Path(summary.warehouse)
    try:
        create_markdown_artifact(markdown=markdown(summary), key=key(warehouse, "run"),
                                 description=f"run {summary.run_id}: {summary.status}")
        create_table_artifact(table=failed_checks(summary), key=key(warehouse, "failed-checks"),
                              description=f"checks that failed in run {summary.run_id}")
        create_link_artifact(link=report_index(warehouse).as_uri(), link_text="report site",
                             key=key(warehouse, "report"), description=f"the report beside {warehouse.name}")
    except Exception as exc:  # noqa: BLE001
        progress(f"warning: could not publish the run's Prefect artifacts: {type(exc).__name__}: {exc}")
