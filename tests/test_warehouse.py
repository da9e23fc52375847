"""The warehouse file: the contract's tables and columns, atomic replacement, idempotent publish."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from transforms.ingest import Document, IngestError, doc_id_for
from warehouse import db, registry
from warehouse.frames import to_frames

CONTRACT_COLUMNS = {
    "documents": "doc_id source_uri title outlet published_at text ingested_at",
    "actors": "actor_id name kind country title",
    "actor_aliases": "actor_id alias",
    "meetings": "meeting_id doc_id kind status format date_start date_end date_precision date_text location "
                "location_country duration_minutes evidence char_start char_end confidence event_id",
    "meeting_participants": "meeting_id actor_id role",
    "meeting_topics": "meeting_id topic",
    "claims": "claim_id doc_id speaker_text speaker_actor_id speaker_country is_anonymous cue content quote_type "
              "relayed_via meeting_id char_start char_end speaker_start speaker_end cue_start cue_end "
              "content_start content_end confidence",
    "runs": "run_id started_at finished_at status",
    "ingest_errors": "source_uri error run_id",
    "events": "event_id label kind status format date_start date_end date_precision location location_country "
              "reports documents outlets first_reported last_reported confidence",
    "event_participants": "event_id actor_id role",
    "meeting_links": "meeting_id related_meeting_id relation doc_id evidence char_start char_end confidence",
    "event_links": "event_id related_event_id relation",
}


def batch(text: str = "Ministers met in Rome.") -> dict:
    doc = Document(doc_id_for(text), "a.txt", "Ministers", text)
    return to_frames([doc], [], [IngestError("bad.txt", "empty file")], "run1", "test", dt.datetime(2024, 1, 1))


def publish(path: Path, text: str = "Ministers met in Rome.") -> dict[str, int]:
    """One whole run: stage a batch and publish it."""
    with db.writable_copy(path) as con:
        db.start_staging(con)
        db.stage(con, batch(text))
        return db.publish(con)


def test_warehouse_schema_has_every_contract_column(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with db.writable_copy(path):
        pass
    con = duckdb.connect(str(path), read_only=True)
    have: dict[str, set[str]] = {}
    for table, column in con.execute(
            "select table_name, column_name from information_schema.columns where table_schema = 'main'").fetchall():
        have.setdefault(table, set()).add(column)
    for table, columns in CONTRACT_COLUMNS.items():
        assert set(columns.split()) <= have[table], table
    assert con.execute("select version, migration from schema_version").fetchall() == [(2, "created")]
    for table in registry.staged().values():  # every frame the pipeline builds fits its table
        assert set(table.frame_columns) <= have[table.name], table.name


def test_warehouse_publish_twice_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    publish(path)
    con = duckdb.connect(str(path), read_only=True)
    once = {t: con.execute(f"select * from {t} order by all").fetchall() for t in ("documents", "ingest_errors")}
    con.close()
    publish(path)
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("select count(*) from documents").fetchall() == [(1,)]
    assert con.execute("select * from ingest_errors order by all").fetchall() == once["ingest_errors"]


def test_warehouse_failed_run_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    publish(path)
    before = path.read_bytes()
    with pytest.raises(RuntimeError):
        with db.writable_copy(path) as con:
            db.start_staging(con)
            db.stage(con, batch("Other ministers met in Paris."))
            db.publish(con)
            raise RuntimeError("killed in the middle")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if ".tmp" in p.name] == []


def test_warehouse_reader_keeps_its_file_while_a_run_replaces_it(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    publish(path)
    reader = db.read_only(path)
    publish(path, "Other ministers met in Paris.")
    assert reader.execute("select count(*) from documents").fetchall() == [(1,)]
    reader.close()  # DuckDB shares one open instance per path within a process
    assert db.read_only(path).execute("select count(*) from documents").fetchall() == [(2,)]
