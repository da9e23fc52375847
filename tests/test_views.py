"""The analyst views, on small tables written for these tests."""
from __future__ import annotations

import duckdb
import pytest

from conftest import ROOT


@pytest.fixture()
def con():
    con = duckdb.connect()
    con.execute("create table main.actors (actor_id varchar, name varchar)")
    con.execute("create table main.claims (claim_id varchar, meeting_id varchar, speaker_actor_id varchar, "
                "speaker_text varchar, speaker_country varchar, cue varchar, content varchar)")
    con.execute("create table main.meetings (meeting_id varchar, event_id varchar)")  # for event_links
    con.execute("create table main.meeting_links (meeting_id varchar, related_meeting_id varchar, relation varchar, "
                "doc_id varchar, confidence double)")
    con.execute((ROOT / "warehouse" / "10_views.sql").read_text(encoding="utf-8"))
    return con


@pytest.mark.parametrize("cue, content, phrase", [
    ("characterize", "the meeting in Geneva as constructive", "constructive"),
    ("describe", "the talks as “frank and useful,", "frank and useful"),
    ("call", "it a success", None),  # no "as": nothing cut from it
    ("describe", "Senator Olsen as a friend", None),  # a person described, not the meeting
    ("inform", "that the meetings were highly productive", "highly productive"),
    ("say", "the visit was a turning point", "a turning point"),
    ("disclose", "that there was an agreement to meet again in May", None),
    ("state", "that the main focus of the meeting was on trade", None),
    ("convey", "that the envoy should stop what they regard as harassment of students", None),
])
def test_views_meeting_characterizations_take_the_phrase_about_the_meeting(con, cue: str, content: str,
                                                                          phrase: str | None) -> None:
    con.execute("insert into main.claims values ('c1', 'm1', null, 'Officials', 'CHE', ?, ?)", [cue, content])
    rows = con.execute("select characterization, side_country from main.meeting_characterizations").fetchall()
    assert rows == ([(phrase, "CHE")] if phrase else [])


def test_views_meeting_characterizations_need_a_linked_meeting(con) -> None:
    con.execute("insert into main.claims values ('c1', null, null, 'Officials', 'CHE', 'describe', "
                "'the talks as useful')")
    assert con.execute("select * from main.meeting_characterizations").fetchall() == []
