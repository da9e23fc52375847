"""What the document adds to a meeting: the trip it points back to, the dateline, the one place of a meeting."""
from __future__ import annotations

import datetime as dt

import pytest
import spacy

from transforms import places
from transforms.extract import extract
from transforms.meeting_context import meeting_place
from transforms.meetings import Meeting, Mention

FRIDAY = dt.date(2023, 6, 16)

# from a White House readout (public domain), published 2022-03-19
KOSOVO = ("During the week of March 14, Assistant to the President for Homeland Security Dr. Liz Sherwood-Randall "
          "led a U.S. delegation to Pristina, Kosovo. During the visit, Dr. Sherwood-Randall met with Kosovo President "
          "Vjosa Osmani-Sadriu and Prime Minister Albin Kurti and visited Camp Liya and Camp Bondsteel.")


def places_and_dates(nlp, text: str, published: dt.date | None = FRIDAY) -> list[tuple]:
    return [(m["location"], m["location_country"], m["date_start"]) for m in extract(nlp(text), "t", published).meetings]


def test_meeting_context_a_meeting_during_the_visit_takes_the_trip_told_before(nlp) -> None:
    assert places_and_dates(nlp, KOSOVO, dt.date(2022, 3, 19)) == [("Pristina", "XKX", dt.date(2022, 3, 14))]


def test_meeting_context_a_visit_not_pointing_back_takes_nothing_from_before(nlp) -> None:
    text = KOSOVO.replace("During the visit, ", "In a later call, ")
    found = places_and_dates(nlp, text, dt.date(2022, 3, 19))
    assert found and all(place != "Pristina" and start is None for place, _, start in found)


@pytest.mark.parametrize("text, expected", [
    ("NAIROBI (Reuters) - Foreign Minister Alan Gray met President Ruth Wanjiru and Premier Paul Otieno on Thursday.",
     [("Nairobi", "KEN", dt.date(2023, 6, 15))]),
    ("NAIROBI (Reuters) - Foreign Minister Alan Gray met President Ruth Wanjiru and Premier Paul Otieno last year.",
     [(None, None, dt.date(2022, 1, 1))]),
    ("NAIROBI (Reuters) - Foreign Minister Alan Gray will meet President Ruth Wanjiru and Premier Paul Otieno on "
     "Monday.", [(None, None, dt.date(2023, 6, 19))]),
    ("NAIROBI (Reuters) - Foreign Minister Alan Gray spoke by phone with President Ruth Wanjiru on Thursday.",
     [(None, None, dt.date(2023, 6, 15))]),
    ("NAIROBI (Reuters) - Foreign Minister Alan Gray met President Ruth Wanjiru and Premier Paul Otieno in Mombasa "
     "on Thursday.", [("Mombasa", "KEN", dt.date(2023, 6, 15))]),
])
def test_meeting_context_the_dateline_places_a_meeting_held_in_person_around_publication(nlp, text: str,
                                                                                         expected: list) -> None:
    assert places_and_dates(nlp, text) == expected


def test_meeting_context_without_publication_date_the_dateline_places_nothing(nlp) -> None:
    text = "NAIROBI (Reuters) - Foreign Minister Alan Gray met President Ruth Wanjiru and Premier Paul Otieno on Thursday."
    assert places_and_dates(nlp, text, None) == [(None, None, None)]


def meeting_in(*names: str) -> Meeting:
    doc = spacy.blank("en")(" ".join(["talks"] * len(names)))
    found = []
    for token, name in zip(doc, names):
        m = Mention(token, "talks")
        m.location_text, m.location = name, places.resolve_place(name)
        found.append(m)
    return Meeting(found)


@pytest.mark.parametrize("names, place", [
    (("Croatia", "Zagreb"), ("Zagreb", "HRV")),
    (("Washington", "the White House"), ("Washington", "USA")),
    (("Japan",), (None, "JPN")),
    (("Singapore",), ("Singapore", "SGP")),
    (("the Raghadan Palace",), ("Raghadan Palace", "JOR")),
    (("the Hotel Nowhere",), ("Hotel Nowhere", None)),
    (("Taiwan", "the presidential office"), ("presidential office", "TWN")),
    (("Peru", "the presidential office", "Chile"), ("presidential office", None)),
])
def test_meeting_context_the_most_specific_place_stands_for_the_meeting(names: tuple, place: tuple) -> None:
    assert meeting_place(meeting_in(*names)) == place


VISIT = ("Warsaw", "POL", dt.date(2023, 6, 13))


@pytest.mark.parametrize("second, expected", [
    ("In talks with Prime Minister Ewa Nowak and President Jan Kowal, Berg discussed trade.", [VISIT]),
    ("In talks with Prime Minister Ewa Nowak and President Jan Kowal, the delegation discussed trade.",
     [VISIT, (None, None, None)]),
    ("Prime Minister Ewa Nowak held talks with President Jan Kowal last year.",
     [VISIT, (None, None, dt.date(2022, 1, 1))]),
])
def test_meeting_context_a_meeting_naming_the_visitor_took_place_during_the_visit(nlp, second: str,
                                                                                   expected: list) -> None:
    """Talks naming the visitor are part of the visit (meetings.merge joins them); others keep their own."""
    assert places_and_dates(nlp, "Chancellor Anna Berg visited Warsaw on Tuesday. " + second) == expected


def test_meeting_context_a_region_of_several_countries_is_no_meetings_place() -> None:
    assert meeting_place(meeting_in("the Middle East")) == (None, None)
    assert meeting_place(meeting_in("the Middle East", "Amman")) == ("Amman", "JOR")


@pytest.mark.parametrize("text, expected", [
    ("ROME (Reuters) - Foreign Minister Alan Gray said on Thursday he hoped for progress on the grain deal. "
     "\"We have made a good start,\" Gray said after holding talks with President Ruth Wanjiru.",
     [("Rome", "ITA", dt.date(2023, 6, 15))]),
    ("Foreign Minister Alan Gray said on Thursday he hoped for progress. \"We have made a good start,\" Gray said "
     "at a meeting with President Ruth Wanjiru.", [(None, None, dt.date(2023, 6, 15))]),
    ("President Ruth Wanjiru said on Thursday she hoped for progress. Foreign Minister Alan Gray said at a meeting "
     "with President Wanjiru that they had made a good start.", [(None, None, None)]),  # another speaker's day dates nothing
])
def test_meeting_context_a_meeting_someone_spoke_at_takes_the_day_of_their_words(nlp, text: str,
                                                                                expected: list) -> None:
    assert places_and_dates(nlp, text) == expected


@pytest.mark.parametrize("when, day", [("on Thursday night", dt.date(2023, 6, 15)), ("last night", dt.date(2023, 6, 15)),
                                       ("this morning", FRIDAY)])
def test_meeting_context_a_time_that_names_a_day_dates_the_meeting(nlp, when: str, day: dt.date) -> None:
    text = f"President Ruth Wanjiru spoke with Prime Minister Alan Gray by telephone {when}, and both pledged to help."
    assert places_and_dates(nlp, text) == [(None, None, day)]
