"""What a run did, as the command prints it and the `runs` table keeps it. No Prefect here: a run with
nothing to do is recorded and reported without starting it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from flows.inputs import Tally

if TYPE_CHECKING:
    from warehouse.audit import GateResult


@dataclass
class RunSummary:
    run_id: str
    warehouse: str
    extractor_version: str
    inputs: list[str]
    processes: int | None = 1  # None: nothing was extracted
    started: dt.datetime = field(default_factory=dt.datetime.now)
    status: str = "running"
    opened: bool = False  # the warehouse was opened: a failure from here on is this run's, and is recorded
    message: str | None = None  # why a run failed or was stopped
    tally: Tally = field(default_factory=Tally)
    extracted: int = 0
    published: dict[str, int] = field(default_factory=dict)
    staged: int = 0
    gate: GateResult | None = None  # None: nothing was staged, so nothing was validated
    migration: str | None = None  # what this run did to bring an older warehouse up to the contract
    flow_run_id: str | None = None  # the Prefect flow run's id; None: recorded without Prefect
    data_docs: Path | None = None  # the Great Expectations Data Docs index, once written
    report: str | None = None  # the report site's index, once the run brought it up to date

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
        p, t = self.published, self.tally
        again = f", {t.stale} extracted again by a newer extractor" if t.stale else ""
        out = [
            f"run {self.run_id}: {self.status}",
            f"  documents: {t.seen} read, {t.new} new{again}, {t.known} already in the warehouse, "
            f"{t.duplicate} duplicates",
            f"  published: {p.get('meetings', 0)} meetings, {p.get('claims', 0)} claims, "
            f"{p.get('events', 0)} events, {p.get('actors', 0)} actors ({p.get('new actors', 0)} new)",
            f"  validation: {self.rows_staged} rows staged, {self.quarantined} quarantined"
            + ("" if self.passed else " -> NOTHING PUBLISHED: " + (
                "; ".join(self.gate.fatal) or "too many rows failed (COMMUNIQUE_QUARANTINE_THRESHOLD)")),
            f"  rejected inputs: {len(t.rejected)}",
        ]
        out += [f"    {e.source_uri}: {e.error}" for e in t.rejected[:20]]
        if len(t.rejected) > 20:
            out.append(f"    ... and {len(t.rejected) - 20} more (see table ingest_errors)")
        if self.migration:
            out.append(f"  migrated: {self.migration}")
        out.append(f"  warehouse: {self.warehouse}")
        out.append(f"  report: {self.report or f'communique report --warehouse {self.warehouse}'}")
        if self.data_docs:
            out.append(f"  data docs: {self.data_docs}")
        return out

    def row(self) -> dict:
        """The run's row in the `runs` table."""
        return {
            "run_id": self.run_id, "started_at": self.started, "finished_at": dt.datetime.now(),
            "status": self.status, "message": self.message, "inputs": " ".join(self.inputs),
            "documents_seen": self.tally.seen, "documents_new": self.tally.to_extract,
            "documents_duplicate": self.tally.duplicate, "documents_failed": len(self.tally.rejected),
            "records_staged": self.rows_staged, "records_published": sum(n for t, n in self.published.items() if t != "new actors"),
            "records_quarantined": self.quarantined, "extractor_version": self.extractor_version,
            "processes": self.processes, "flow_run_id": self.flow_run_id,
        }
