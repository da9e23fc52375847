"""Links between the meetings of one document (transforms/links.py), on short texts written for the test."""
from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract import extract

PUBLISHED = dt.date(2024, 3, 20)


def links(nlp, text: str) -> list[tuple[str, str, str]]:
    """(later meeting's label, relation, earlier meeting's label) for each link, where the label is the
    meeting's date words, else its place, else its first participant: enough to tell the test's meetings apart."""
    extraction = extract(nlp(text), "test", PUBLISHED)
    names = {a["key"]: a["name"] for a in extraction.actors}

    def label(index: int) -> str:
        m = extraction.meetings[index]
        return m["date_text"] or m["location"] or sorted(names[k] for k, _ in m["participants"])[0]

    for link in extraction.links:
        assert text[link["char_start"]:link["char_end"]] == link["evidence"]
    return sorted((label(x["meeting_index"]), x["relation"], label(x["related_index"])) for x in extraction.links)


@pytest.mark.parametrize("text, expected", [
    ("Minister Anna Berg held talks with Minister Peter Novak in Geneva on Monday. The Geneva meeting followed a "
     "phone call last week between Berg and Novak.", [("Monday", "follows", "last week")]),
    ("The meeting between Minister Anna Berg and Minister Peter Novak occurred two days after talks in "
     "Munich between Minister Mark Jensen and Minister Li Wen.", [("Anna Berg", "follows", "two days after")]),
    ("Foreign ministers of the Arab League are meeting in Amman ahead of a summit of Arab leaders on Friday.",
     [("Friday", "follows", "Amman")]),
    ("President Omar Haddad paid his first state visit to China in October. Haddad is expected to make a second "
     "trip to China in May.", [("May", "follows", "October")]),
])
def test_links_follows_when_the_text_places_one_after_the_other(nlp, text: str, expected: list) -> None:
    assert links(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Minister Anna Berg held talks with Minister Peter Novak in Geneva on Monday. Discussions will resume next week.",
     [("next week", "continues", "Monday")]),
    ("Prime Minister Omar Haddad held talks with Prime Minister Jan Kral in Zagreb on Friday. Haddad said that his "
     "visit was a follow-up to President Maria Costa's visit to Libya in August 2003.",
     [("Friday", "continues", "August 2003")]),
    ("President Maria Costa met Chancellor Mark Jensen in Berlin on Monday, and the two leaders agreed to hold "
     "further talks in May.", [("May", "continues", "Monday")]),
    ("Negotiators from Iran and Oman held a third round of talks in Muscat on Monday. The previous round was held "
     "in Geneva in May.", [("Monday", "continues", "May")]),
])
def test_links_continues_for_a_follow_up_or_next_round(nlp, text: str, expected: list) -> None:
    assert links(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Minister Anna Berg met Minister Peter Novak in Rome on Monday. Minister Mark Jensen met Minister Li Wen in "
    "Oslo on Tuesday.",
    "Minister Anna Berg met Minister Peter Novak in Rome on Monday. Berg said after the talks that there was room "
    "for further negotiations.",
])
def test_links_none_for_meetings_told_side_by_side(nlp, text: str) -> None:
    assert links(nlp, text) == []
