"""Small warehouses for the report site's tests, written straight into `main` (no NLP, no gate): one event
whose every value an article can set is hostile HTML, and as many plain events as a test asks for.

Sentences are made up in the style of a meeting readout; none is quoted from an article.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from warehouse import db

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"
CLOSER = "</script><!--"  # ends a script block if JSON carries it unescaped
TEXT = ("Officials gathered early. The agenda listed <b>fisheries</b>. Ana Lind met Bo Chen in Oslo on Monday. "
        "Officials said the talks were productive. A second session followed on Tuesday. Nothing else was said.")
EVIDENCE = "Ana Lind met Bo Chen in Oslo on Monday."
DAY = dt.date(2024, 3, 4)


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def document(doc_id: str, title: str, text: str = TEXT, published: dt.date = DAY, run_id: str = "r1") -> dict:
    return {"doc_id": doc_id, "source_uri": f"{doc_id}.txt", "title": title, "outlet": f"Outlet {IMAGE}",
            "published_at": published, "text": text, "ingested_at": dt.datetime(2024, 3, 5), "run_id": run_id,
            "url": "javascript:alert(3)", "extractor_version": "test"}


def event(event_id: str, label: str, day: dt.date | None = DAY, run_id: str = "r1", kind: str = "meeting") -> dict:
    return {"event_id": event_id, "label": label, "kind": kind, "status": "held", "format": "in_person",
            "date_start": day, "date_end": day, "date_precision": "day" if day else None, "location": "Oslo",
            "location_country": "NOR", "reports": 1, "documents": 1, "outlets": 1, "first_reported": DAY,
            "last_reported": DAY, "confidence": 0.9, "run_id": run_id}


def meeting(meeting_id: str, event_id: str, doc_id: str, evidence: str = EVIDENCE, text: str = TEXT,
            run_id: str = "r1") -> dict:
    start, end = span(text, evidence)
    return {"meeting_id": meeting_id, "doc_id": doc_id, "kind": "meeting", "status": "held", "format": "in_person",
            "date_start": DAY, "date_end": DAY, "date_precision": "day", "date_text": "Monday", "location": "Oslo",
            "location_country": "NOR", "duration_minutes": 90, "evidence": evidence, "char_start": start,
            "char_end": end, "confidence": 0.9, "run_id": run_id, "event_id": event_id}


def claim(claim_id: str, meeting_id: str | None, speaker: str, country: str | None, content: str,
          anonymous: bool = False, relayed: str | None = None, actor: str | None = None) -> dict:
    start, end = span(TEXT, "Officials said the talks were productive.")
    return {"claim_id": claim_id, "doc_id": "d1", "speaker_text": speaker, "speaker_actor_id": actor,
            "speaker_country": country, "is_anonymous": anonymous, "cue": "say", "content": content,
            "quote_type": "indirect", "relayed_via": relayed, "meeting_id": meeting_id, "char_start": start,
            "char_end": end, "speaker_start": start, "speaker_end": start + 9, "cue_start": start + 10,
            "cue_end": start + 14, "content_start": start + 15, "content_end": end - 1, "confidence": 0.8, "run_id": "r1"}


def run(run_id: str, status: str = "completed", started: dt.datetime = dt.datetime(2024, 3, 5, 9), rejected: int = 0) -> dict:
    return {"run_id": run_id, "started_at": started, "finished_at": started + dt.timedelta(minutes=1), "status": status,
            "message": None, "inputs": "feeds/", "documents_seen": 2, "documents_new": 2, "documents_duplicate": 0,
            "documents_failed": rejected, "records_staged": 20, "records_published": 20, "records_quarantined": 0,
            "extractor_version": "test", "processes": 1}


def check(run_id: str, target: str, text: str, success: bool) -> dict:
    return {"run_id": run_id, "checked_at": dt.datetime(2024, 3, 5, 9, 1), "target": target, "table_name": "meetings",
            "expectation": "expect_column_values_to_be_in_set", "check_text": text, "success": success,
            "rows_checked": 3, "rows_failed": 0 if success else 1}


def hostile_rows() -> dict[str, list[dict]]:
    """Two linked events in Oslo; names, titles, labels, outlets and sentences carry HTML and script closers."""
    return {
        "documents": [document("d1", f"{SCRIPT} Leaders meet"),
                      document("d2", "A plain title")],
        "actors": [{"actor_id": "a1", "name": f"Ana {IMAGE} Lind", "kind": "person", "country": "NOR",
                    "title": f"Foreign Minister {SCRIPT}"},
                   {"actor_id": "a2", "name": f"Bo {CLOSER} Chen", "kind": "person", "country": "CHN", "title": None}],
        "actor_aliases": [{"actor_id": "a1", "alias": f"Lind {SCRIPT}"}, {"actor_id": "a2", "alias": "Chen"}],
        "events": [event("e1", f"Ana Lind – Bo Chen, Oslo {SCRIPT}"),
                   event("e2", "Ana Lind – Bo Chen, second session", DAY + dt.timedelta(days=1))],
        "meetings": [meeting("m1", "e1", "d1"),
                     meeting("m2", "e2", "d1", "A second session followed on Tuesday.")],
        "event_participants": [{"event_id": e, "actor_id": a, "role": "participant"} for e in ("e1", "e2") for a in ("a1", "a2")],
        "meeting_participants": [{"meeting_id": m, "actor_id": a, "role": "participant"} for m in ("m1", "m2") for a in ("a1", "a2")],
        "meeting_topics": [{"meeting_id": "m1", "topic": f"fisheries {SCRIPT}"}],
        "meeting_links": [{"meeting_id": "m2", "related_meeting_id": "m1", "relation": "follows", "doc_id": "d1",
                           "evidence": "followed", "char_start": 0, "char_end": 8, "confidence": 0.8, "run_id": "r1"}],
        "claims": [claim("c1", "m1", "Officials", "NOR", f"the talks were productive {SCRIPT}", anonymous=True),
                   claim("c2", "m1", "Bo Chen", "CHN", "the talks were candid", relayed=f"Xinhua {IMAGE}", actor="a2"),
                   claim("c3", None, "Ana Lind", "NOR", "fish stocks matter", actor="a1")],
        "ingest_errors": [{"source_uri": f"bad-{SCRIPT}.pdf", "error": "unsupported file type", "run_id": "r1",
                           "recorded_at": dt.datetime(2024, 3, 5, 9)}],
        "runs": [run("r0", status="failed", started=dt.datetime(2024, 3, 4, 9)), run("r1", rejected=1)],
        "validation_results": [check("r1", "staging", "status is one of held, planned, cancelled", False),
                               check("r1", "staging", "meeting_id is unique", True),
                               check("v1", "main", "meeting_id is present", True)],
    }


def plain_rows(count: int, run_id: str = "r1", first: int = 0) -> dict[str, list[dict]]:
    """`count` events of two people each, one a day from 2021, each with one report and one claim."""
    rows: dict[str, list[dict]] = {"documents": [], "actors": [], "events": [], "meetings": [], "event_participants": [],
                                   "meeting_participants": [], "claims": []}
    people = [f"p{i}" for i in range(max(2, count // 20))]
    rows["actors"] = [{"actor_id": p, "name": f"Person {p}", "kind": "person", "country": ("USA", "FRA", "JPN")[i % 3],
                       "title": None} for i, p in enumerate(people)]
    for i in range(first, first + count):
        day = dt.date(2021, 1, 1) + dt.timedelta(days=i % 1500)
        doc, mid, eid = f"pd{i}", f"pm{i}", f"pe{i}"
        pair = (people[i % len(people)], people[(i * 7 + 1) % len(people)])
        rows["documents"].append(document(doc, f"Release {i}", published=day, run_id=run_id))
        rows["events"].append(event(eid, f"Meeting {i}", day, run_id, kind=("meeting", "call", "visit")[i % 3]))
        rows["meetings"].append({**meeting(mid, eid, doc, run_id=run_id), "date_start": day, "date_end": day})
        rows["event_participants"] += [{"event_id": eid, "actor_id": p, "role": "participant"} for p in set(pair)]
        rows["meeting_participants"] += [{"meeting_id": mid, "actor_id": p, "role": "participant"} for p in set(pair)]
        rows["claims"].append({**claim(f"pc{i}", mid, "An official", "USA", "the meeting was useful", actor=pair[0]),
                               "doc_id": doc, "run_id": run_id})
    return rows


def publish(path: Path, rows: dict[str, list[dict]], remove: dict[str, list[str]] | None = None) -> None:
    """Write rows into the warehouse's tables (a table "quarantine.x" into that schema), and remove rows by key
    ({"events": ["e2"]}), as a run would have published them."""
    with db.writable_copy(path) as con:
        for table, ids in (remove or {}).items():
            key = {"events": "event_id", "meetings": "meeting_id"}[table]
            con.execute(f"DELETE FROM main.{table} WHERE {key} IN (SELECT unnest($ids))", {"ids": ids})
        for table, found in rows.items():
            if not found:
                continue
            con.register("site_rows", pd.DataFrame(found))
            con.execute(f"INSERT INTO {table if '.' in table else 'main.' + table} BY NAME SELECT * FROM site_rows")
            con.unregister("site_rows")
