"""The data-quality gate: bad staged rows go to quarantine with their reasons, good rows publish."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from transforms.ingest import Document, doc_id_for
from warehouse.frames import frame, to_frames
from warehouse import audit, db, events

TEXT = "Ministers met in Rome on Monday. The ministers said the talks were useful."


def staged_batch() -> dict[str, pd.DataFrame]:
    """One document with a good meeting and claim, and rows that break the contract in known ways."""
    doc = Document(doc_id_for(TEXT), "a.txt", "Ministers meet", TEXT, published_at=dt.date(2024, 2, 21))
    frames = to_frames([doc], [], [], "run1", "test", dt.datetime(2024, 2, 21))
    evidence = TEXT[:32]
    meeting = {"doc_id": doc.doc_id, "kind": "meeting", "format": None, "date_start": None, "date_end": None,
               "date_precision": None, "date_text": None, "location": "Rome", "location_country": "ITA",
               "duration_minutes": None, "evidence": evidence, "char_start": 0, "char_end": 32,
               "confidence": 0.8, "run_id": "run1"}
    frames["meetings"] = frame("meetings", [
        {**meeting, "meeting_id": "good", "status": "held"},
        {**meeting, "meeting_id": "bad-status", "status": "rumoured"},
        {**meeting, "meeting_id": "bad-offsets", "status": "held", "char_start": 5},
        {**meeting, "meeting_id": "future-held", "status": "held", "date_start": dt.date(2030, 1, 1),
         "date_end": dt.date(2030, 1, 1), "date_precision": "day"},
    ])
    frames["actors"] = frame("actors", [
        {"actor_id": "a1", "name": "Ministers of Italy", "kind": "group", "country": "ITA", "title": None},
        {"actor_id": "a2", "name": "Atlantis", "kind": "country", "country": "ATL", "title": None},
    ])
    frames["meeting_participants"] = frame("meeting_participants", [
        {"meeting_id": m, "actor_id": "a1", "role": "participant"}
        for m in ("good", "bad-status", "bad-offsets", "future-held")])
    content_start = TEXT.index("the talks")
    claim = {"doc_id": doc.doc_id, "speaker_text": "The ministers", "speaker_actor_id": None,
             "speaker_country": "ITA", "is_anonymous": False, "cue": "say", "content": TEXT[content_start:-1],
             "quote_type": "indirect", "relayed_via": None, "char_start": 33, "char_end": len(TEXT) - 1,
             "speaker_start": 33, "speaker_end": 46, "cue_start": 47, "cue_end": 51,
             "content_start": content_start, "content_end": len(TEXT) - 1, "confidence": 0.8, "run_id": "run1"}
    frames["claims"] = frame("claims", [
        {**claim, "claim_id": "c-good", "meeting_id": "good"},
        {**claim, "claim_id": "c-follows", "meeting_id": "bad-status"},
        {**claim, "claim_id": "c-confidence", "meeting_id": None, "confidence": 1.7},
    ])
    return frames


def gate_run(path: Path, threshold: float = 0.9) -> audit.GateResult:
    with db.writable_copy(path) as con:
        db.start_staging(con)
        db.stage(con, staged_batch())
        events.resolve(con, "run1")
        result = audit.gate(con, "run1", threshold)
        if result.passed:
            events.restate(con, "run1")
            db.publish(con)
    return result


def test_audit_quarantines_bad_rows_with_reasons_and_publishes_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    result = gate_run(path)
    assert result.passed
    con = duckdb.connect(str(path), read_only=True)
    published = {r[0] for r in con.execute("select meeting_id from meetings").fetchall()}
    assert published == {"good"}
    reasons = dict(con.execute("select meeting_id, failed_checks from quarantine.meetings").fetchall())
    assert "status is one of held, planned, cancelled" in reasons["bad-status"]
    assert "text[char_start:char_end] is the evidence" in reasons["bad-offsets"]
    assert "not dated after its publication date" in reasons["future-held"]
    claims = dict(con.execute("select claim_id, failed_checks from quarantine.claims").fetchall())
    assert claims["c-follows"] == "depends on a quarantined meeting"
    assert "confidence is between 0 and 1" in claims["c-confidence"]
    assert con.execute("select claim_id from claims").fetchall() == [("c-good",)]
    actors = dict(con.execute("select actor_id, failed_checks from quarantine.actors").fetchall())
    assert "ISO 3166-1 alpha-3" in actors["a2"]
    assert con.execute("select count(*) from quarantine.meeting_participants").fetchall() == [(3,)]
    assert con.execute("select count(*) from validation_results where not success").fetchall()[0][0] >= 4


def test_audit_in_parts_finds_what_the_whole_finds_duplicates_included(tmp_path: Path, monkeypatch) -> None:
    """A long run is validated in parts. A key's copies share a part, so uniqueness still holds run-wide."""
    def quarantined(path: Path) -> dict[str, list]:
        con = duckdb.connect(str(path), read_only=True)
        try:
            return {t: sorted(con.execute(f"select * exclude (quarantine_run_id) from quarantine.{t}").fetchall())
                    for t in ("meetings", "claims", "actors", "meeting_participants")}
        finally:
            con.close()

    batch = staged_batch()
    claims = batch["claims"]
    other = Document(doc_id_for(TEXT[::-1]), "b.txt", "Reversed", TEXT[::-1])  # texts are checked in parts too
    batch["documents"] = pd.concat([batch["documents"], to_frames([other], [], [], "run1", "test", dt.datetime(2024, 2, 21))["documents"]])
    elsewhere = claims.iloc[[0, 0]].assign(
        doc_id=other.doc_id, claim_id=["c-elsewhere", "c-elsewhere-bad"], meeting_id=None, content=TEXT[::-1][:20],
        content_start=[0, 1], content_end=[20, 21], char_start=0, char_end=len(TEXT), cue_start=30, cue_end=33,
        speaker_start=None, speaker_end=None)  # the content is the text at 0, and not at 1
    batch["claims"] = pd.concat([claims, claims.iloc[[0]], elsewhere], ignore_index=True)  # c-good twice
    results = {}
    for part_rows, part_bytes in ((100_000, 16 << 20), (2, 1)):
        monkeypatch.setattr(audit, "PART_ROWS", part_rows)
        monkeypatch.setattr(audit, "TEXT_PART_BYTES", part_bytes)
        path = tmp_path / f"w{part_rows}.duckdb"
        with db.writable_copy(path) as con:
            db.start_staging(con)
            db.stage(con, batch)
            result = audit.gate(con, "run1", 0.9)
        results[part_rows] = (result.staged, result.quarantined, quarantined(path))
    assert results[2] == results[100_000]
    assert any(row[0] == "c-good" for row in results[2][2]["claims"])  # the duplicate was found
    assert [row[0] for row in results[2][2]["claims"] if row[1] == other.doc_id] == ["c-elsewhere-bad"]


def test_audit_threshold_publishes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    result = gate_run(path, threshold=0.05)
    assert not result.passed
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("select count(*) from meetings").fetchall() == [(0,)]
    assert con.execute("select count(*) from quarantine.meetings").fetchall() == [(3,)]
