"""Events in the warehouse: give every staged meeting its event, and stage what each touched event's
reports agree on. The rules are transforms/events.py's; this module only reads and writes DuckDB.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from transforms import events
from warehouse.db import sql


def _people(con: duckdb.DuckDBPyConnection, reports: str) -> pd.DataFrame:
    return con.execute(f"SELECT * FROM event_people WHERE meeting_id IN (SELECT meeting_id FROM {reports})").df()


def resolve(con: duckdb.DuckDBPyConnection, run_id: str) -> int:
    """Assign an event to every staged meeting without one, then stage the events; returns how many were
    assigned."""
    con.execute(sql("30_event_people.sql"))
    con.execute(sql("31_event_reports.sql"))
    reports = events.reports_from(con.execute("SELECT * FROM event_reports").df(), _people(con, "event_reports"))
    assigned = events.assign(reports)
    if assigned:
        frame = pd.DataFrame({"meeting_id": list(assigned), "event_id": list(assigned.values())})
        con.register("assigned_events", frame)
        con.execute("UPDATE staging.meetings m SET event_id = a.event_id FROM assigned_events a "
                    "WHERE m.meeting_id = a.meeting_id")
        con.unregister("assigned_events")
    restate(con, run_id)
    return len(assigned)


def restate(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Stage the consensus of every event this run touches, from its reports as they will be published:
    run again after the gate, so a quarantined report no longer counts."""
    con.execute(sql("30_event_people.sql"))
    con.execute(sql("32_event_members.sql").format(run_id=run_id))
    members = con.execute("SELECT * FROM event_members").df()
    rows, participants = events.consensus(members, _people(con, "event_members"), run_id)
    con.execute("DELETE FROM staging.events")
    con.execute("DELETE FROM staging.event_participants")
    for table, frame in (("events", rows), ("event_participants", participants)):
        if not frame.empty:
            con.register("event_rows", frame)
            con.execute(f"INSERT INTO staging.{table} BY NAME SELECT * FROM event_rows")
            con.unregister("event_rows")
