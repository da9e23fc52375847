"""Event resolution: which reports of different documents are one real-world meeting."""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from flows.cli import cli
from transforms import events

DAY = dt.date(2023, 1, 13)
PEOPLE = {"biden": ("Joseph R. Biden", "USA"), "joe": ("Joe Biden", "USA"), "surname": ("Biden", "USA"),
          "jill": ("Jill Biden", "USA"), "harris": ("Kamala Harris", "USA"), "kishida": ("Kishida Fumio", "JPN"),
          "fumio": ("Fumio Kishida", "JPN"), "yoon": ("Yoon Suk Yeol", "KOR")}


def report(meeting_id: str, people: list[str], start: dt.date | None = DAY, precision: str | None = "day",
           published: dt.date | None = DAY, event_id: str | None = None, **fields) -> tuple[dict, list[dict]]:
    row = {"meeting_id": meeting_id, "doc_id": f"doc-{meeting_id}", "kind": "meeting", "status": "held",
           "format": None, "date_start": start, "date_end": start, "date_precision": precision if start else None,
           "location": None, "location_country": None, "published_at": published, "event_id": event_id,
           "outlet": "The White House", "confidence": 0.8, **fields}
    rows = [{"meeting_id": meeting_id, "actor_id": key, "role": "participant", "name": PEOPLE[key][0],
             "kind": "person", "country": PEOPLE[key][1],
             "match_key": re.sub("[^a-z0-9]+", " ", PEOPLE[key][0].lower()).strip()}  # as 30_event_people.sql folds
            for key in people]
    return row, rows


def resolve(*reports: tuple[dict, list[dict]]) -> dict[str, str]:
    meetings = pd.DataFrame([r for r, _ in reports])
    people = pd.DataFrame([p for _, rows in reports for p in rows])
    assigned = events.assign(events.reports_from(meetings, people))
    return {r["meeting_id"]: r["event_id"] or assigned[r["meeting_id"]] for r, _ in reports}


def groups(assigned: dict[str, str]) -> set[frozenset[str]]:
    out: dict[str, set[str]] = {}
    for meeting, event in assigned.items():
        out.setdefault(event, set()).add(meeting)
    return {frozenset(g) for g in out.values()}


def test_events_same_people_same_day_are_one_event_whatever_the_names_look_like() -> None:
    """A readout's "Joseph R. Biden" and "Kishida Fumio", the remarks' "Biden" and "Fumio Kishida"."""
    assigned = resolve(report("readout", ["biden", "kishida"]), report("remarks", ["surname", "fumio"]),
                       report("news", ["joe", "kishida"], published=DAY + dt.timedelta(days=1)))
    assert groups(assigned) == {frozenset({"readout", "remarks", "news"})}


@pytest.mark.parametrize("other, why", [
    (report("later", ["biden", "kishida"], start=dt.date(2023, 5, 21)), "the same two leaders on another day"),
    (report("vp", ["harris", "kishida"]), "another principal of the same side, the same day"),
    (report("jill", ["jill", "kishida"]), "another person of the same family name"),
    (report("trilateral", ["biden", "kishida", "yoon"]), "a trilateral beside the bilateral"),
    (report("call", ["biden", "kishida"], kind="call", format="phone"), "a call is not the meeting"),
])
def test_events_keep_different_meetings_apart(other: tuple, why: str) -> None:
    assigned = resolve(report("bilateral", ["biden", "kishida"]), other)
    assert len(set(assigned.values())) == 2, why


def test_events_a_month_holds_a_day_and_a_preview_joins_the_meeting_it_announced() -> None:
    preview = report("preview", ["biden", "kishida"], status="planned", published=DAY - dt.timedelta(days=10))
    row, rows = report("month", ["surname", "fumio"], start=dt.date(2023, 1, 1), precision="month",
                       published=dt.date(2023, 2, 3))
    row["date_end"] = dt.date(2023, 1, 31)
    assigned = resolve(report("readout", ["biden", "kishida"]), preview, (row, rows))
    assert groups(assigned) == {frozenset({"readout", "preview", "month"})}


def test_events_an_undated_report_joins_only_on_strong_evidence() -> None:
    soon = report("undated", ["surname", "fumio"], start=None, published=DAY + dt.timedelta(days=2))
    late = report("late", ["surname", "fumio"], start=None, published=DAY + dt.timedelta(days=40))
    one_side = report("one", ["kishida"], start=None, published=DAY + dt.timedelta(days=1))
    assigned = resolve(report("readout", ["biden", "kishida"]), soon, late, one_side)
    assert assigned["undated"] == assigned["readout"]  # two principals, written two days after
    assert assigned["late"] != assigned["readout"]  # forty days later: maybe another meeting
    assert assigned["one"] != assigned["readout"]  # one principal in common is not enough without a date


def test_events_an_undated_report_with_two_fitting_events_stays_alone() -> None:
    assigned = resolve(report("monday", ["biden", "kishida"], start=DAY),
                       report("thursday", ["biden", "kishida"], start=DAY + dt.timedelta(days=3)),
                       report("undated", ["joe", "fumio"], start=None, published=DAY + dt.timedelta(days=4)))
    assert len(set(assigned.values())) == 3


def test_events_later_reports_join_existing_events_and_keep_their_ids() -> None:
    first = resolve(report("readout", ["biden", "kishida"]))
    known = report("readout", ["biden", "kishida"], event_id=first["readout"])
    again = resolve(known, report("remarks", ["surname", "fumio"]))
    assert again == {"readout": first["readout"], "remarks": first["readout"]}
    assert first == resolve(report("readout", ["biden", "kishida"]))  # the same inputs, the same id


def test_events_consensus_takes_the_most_precise_date_and_the_fullest_names() -> None:
    readout, readout_people = report("readout", ["biden", "kishida"], location="Washington", location_country="USA")
    month, month_people = report("month", ["surname", "fumio"], start=dt.date(2023, 1, 1), precision="month",
                                 status="planned", published=dt.date(2023, 1, 2))
    month["date_end"] = dt.date(2023, 1, 31)
    members = pd.DataFrame([readout, month]).assign(event_id="e1")
    people = pd.DataFrame(readout_people + month_people)
    rows, participants = events.consensus(members, people, "run")
    event = rows.iloc[0]
    assert event["label"] == "Fumio Kishida – Joseph R. Biden, Washington, 2023-01-13"  # ties: alphabetical
    assert (event["status"], event["date_precision"], event["reports"], event["documents"]) == ("held", "day", 2, 2)
    assert event["first_reported"] == dt.date(2023, 1, 2) and event["last_reported"] == DAY
    assert set(participants["actor_id"]) == {"biden", "kishida", "surname", "fumio"}


GOLD = Path(__file__).parent / "gold"
BALI_PREVIEW = ("wh-statements-releases-2022-11-10-statement-by-white-house-press-secretary-karine-jean-pierre-on-the-"
                "meeting-between-president-joe-biden-and-president-xi-jinping-of-the-peoples-republic-of-china")
BALI_READOUT = ("wh-statements-releases-2022-11-14-readout-of-president-joe-bidens-meeting-with-president-xi-jinping-"
                "of-the-peoples-republic-of-china")
LIMA_READOUT = ("wh-statements-releases-2024-11-16-readout-of-president-joe-bidens-meeting-with-president-xi-jinping-"
                "of-the-peoples-republic-of-china-3")


def run_on(tmp_path: Path, warehouse: Path, ids: list[str]) -> None:
    records = {json.loads(line)["id"]: line for line in (GOLD / "events-articles.jsonl").read_text("utf-8").splitlines()}
    feed = tmp_path / f"feed-{len(list(tmp_path.glob('feed-*')))}.jsonl"
    feed.write_text("\n".join(records[i] for i in ids) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(feed), "--warehouse", str(warehouse)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def bali_and_lima(warehouse: Path) -> tuple[set[str], set[str], dict[str, int]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        def events_of(date: str) -> set[str]:
            return {e for e, in con.execute("select distinct event_id from meetings where date_start = ?",
                                            [date]).fetchall()}
        reports = dict(con.execute("select event_id, reports from events").fetchall())
        return events_of("2022-11-14"), events_of("2024-11-16"), reports
    finally:
        con.close()


def test_events_a_later_run_attaches_new_reports_without_changing_ids(prefect_server, tmp_path: Path) -> None:
    """The Bali readout alone, then its preview and the Lima readout two years later: the preview joins the
    Bali event, which keeps its id; Lima is an event of its own; an unchanged re-run changes nothing."""
    warehouse = tmp_path / "w.duckdb"
    run_on(tmp_path, warehouse, [BALI_READOUT])
    (bali,), _, _ = bali_and_lima(warehouse)
    run_on(tmp_path, warehouse, [BALI_PREVIEW, LIMA_READOUT])
    bali_now, lima, reports = bali_and_lima(warehouse)
    assert bali_now == {bali} and reports[bali] == 2
    assert len(lima) == 1 and lima != {bali}
    run_on(tmp_path, warehouse, [BALI_READOUT, BALI_PREVIEW, LIMA_READOUT])
    assert bali_and_lima(warehouse) == (bali_now, lima, reports)


def test_events_one_shared_person_is_not_enough_when_both_name_others() -> None:
    """The President's meeting with one guest is not his meeting with another guest that month."""
    monthly = report("month", ["biden", "yoon"], start=dt.date(2023, 1, 1), precision="month")
    monthly[0]["date_end"] = dt.date(2023, 1, 31)
    assigned = resolve(report("bilateral", ["biden", "kishida"]), monthly)
    assert len(set(assigned.values())) == 2


def test_events_gold_clusters_are_found_and_kept_apart(prefect_server, shared: Path, tmp_path: Path) -> None:
    """Our 27 annotated clusters of White House reports (53 documents), scored by the contract's own tool: pairs
    of one meeting share an event, and no pair of different meetings that share people is merged."""
    warehouse = tmp_path / "w.duckdb"
    result = CliRunner().invoke(cli, ["run", str(GOLD / "events-articles.jsonl"), "--warehouse", str(warehouse)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    scored = subprocess.run([sys.executable, str(shared / "tools" / "score_events.py"), str(GOLD / "events.yaml"),
                             str(warehouse)], capture_output=True, text=True, check=True).stdout
    total = re.search(r"P=([\d.]+) R=([\d.]+) F1=([\d.]+) \| negatives merged (\d+)/", scored)
    assert total, scored
    precision, _, f1, merged = float(total[1]), float(total[2]), float(total[3]), int(total[4])
    assert (precision >= 0.95, f1 >= 0.90, merged) == (True, True, 0), scored
