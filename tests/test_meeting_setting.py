"""Dates and places given to the meeting mention they belong to, read from sentences written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest
import spacy

from transforms import meeting_setting, places
from transforms.actors import DocActors
from transforms.extract import extract
from transforms.meeting_triggers import Reading
from transforms.meetings import Mention, collect, sentence_numbers

FRIDAY = dt.date(2023, 6, 16)


def mentions(nlp, text: str, published: dt.date | None = FRIDAY) -> list[Mention]:
    doc = nlp(text)
    reading = Reading(DocActors(doc), [], sentence_numbers(doc))
    return [m for sent in doc.sents for m in collect(sent, reading, published)]


def dated(nlp, text: str, published: dt.date | None = FRIDAY) -> list[tuple[str, dt.date | None]]:
    return [(m.date_text, m.date.start) for m in mentions(nlp, text, published) if m.date_text]


def placed(nlp, text: str) -> list[tuple[str, str | None]]:
    return [(m.location.name if m.location else m.location_text, m.location.country if m.location else None)
            for m in mentions(nlp, text) if m.location_text]


@pytest.mark.parametrize("text, place", [
    ("Foreign Minister Anna Berg arrived in Zagreb on Thursday to meet Prime Minister Ivo Horvat.", ("Zagreb", "HRV")),
    ("During his visit to Riyadh, Defense Secretary Tom Baker met Crown Prince Faisal bin Khalid.", ("Riyadh", "SAU")),
    ("Envoys from Peru and Chile met on Monday in the Chinese capital.", ("Beijing", "CHN")),
    ("Secretary Jane Doe met with Minister Alan Gray at a downtown Washington hotel.", ("Washington", "USA")),
    ("Secretary Jane Doe met with Minister Alan Gray at the headquarters of the agency in Washington, D.C.",
     ("Washington, D.C.", "USA")),
    ("Secretary Jane Doe welcomed Minister Alan Gray and his delegation to the White House on Monday.",
     ("White House", "USA")),
    ("The leaders recalled the commitments President Ann Lee and Premier Bo Wu made at the Woodside Summit.",
     ("Woodside", "USA")),
    ("King Omar has met Prime Minister Dan Levy twice, including once earlier this month in Geneva.",
     ("Geneva", "CHE")),
    ("Secretary Jane Doe met with Minister Alan Gray, this time during the party convention in Cleveland in July.",
     ("Cleveland", "USA")),
    ("President Ann Lee expects to meet Premier Bo Wu during a summit of the Commonwealth of Independent States in "
     "Minsk later this month.", ("Minsk", "BLR")),
    ("Talks between Minister Alan Gray and Secretary Jane Doe are due in Tokyo on March 20.", ("Tokyo", "JPN")),
    ("The minister flew to Iraq, where he met President Ali Sadr and Premier Omar Aziz.", ("Iraq", "IRQ")),
    ("The envoy was whisked to the presidential office, where he met President Lee Wan.", ("presidential office", None)),
    ("Before leaving Turkey, Secretary Rex Tillerson also met with President Recep Tayyip Erdogan.", ("Turkey", "TUR")),
])
def test_meeting_setting_place_of_the_meeting(nlp, text: str, place: tuple[str, str]) -> None:
    assert placed(nlp, text) == [place]


@pytest.mark.parametrize("text", [
    "President Ann Lee spoke with Chancellor Karl Weber on Friday about the situation in Lebanon.",
    "Secretary Jane Doe met with officials of banks in Europe and Asia on Friday.",
    "Secretary Jane Doe discussed the war in Ukraine with Minister Alan Gray during a meeting on Friday.",
    "After leaving Turkey, Secretary Rex Tillerson met with President Ilham Aliyev.",
])
def test_meeting_setting_a_place_in_a_topic_or_a_party_is_not_where_they_met(nlp, text: str) -> None:
    assert placed(nlp, text) == []


@pytest.mark.parametrize("text, published, when", [
    ("Secretary Jane Doe met Minister Alan Gray on Tuesday.", FRIDAY, [("Tuesday", dt.date(2023, 6, 13))]),
    ("Secretary Jane Doe will meet Minister Alan Gray on Tuesday.", FRIDAY, [("Tuesday", dt.date(2023, 6, 20))]),
    ("Later on Tuesday, Secretary Jane Doe met Minister Alan Gray.", FRIDAY,
     [("Tuesday", dt.date(2023, 6, 13))]),
    ("Foreign Minister Anna Berg arrived in Zagreb on Thursday to meet Prime Minister Ivo Horvat.", FRIDAY,
     [("Thursday", dt.date(2023, 6, 15))]),
    ("Chancellor Karl Weber expects to meet President Ann Lee in Oslo later this month.", FRIDAY,
     [("later this month", FRIDAY)]),
    ("In April 2016, when President Ann Lee visited China, both sides signed a trade pact.", FRIDAY,
     [("April 2016", dt.date(2016, 4, 1))]),
    ("King Omar has met Prime Minister Dan Levy twice, including once earlier this month in Geneva.", FRIDAY,
     [("earlier this month", dt.date(2023, 6, 1))]),
    ("Secretary Jane Doe met Minister Alan Gray on March 20 last year.", FRIDAY,
     [("March 20 last year", dt.date(2022, 3, 20))]),
    ("Secretary Jane Doe met Minister Alan Gray on Tuesday.", None, [("Tuesday", None)]),
])
def test_meeting_setting_date_of_the_meeting_read_in_its_tense(nlp, text: str, published: dt.date | None,
                                                                  when: list) -> None:
    assert dated(nlp, text, published) == when


@pytest.mark.parametrize("text", [
    "Secretary Jane Doe said on Monday that she had met Minister Alan Gray.",
    "The envoys met in Amman ahead of the regional vote on Wednesday.",
    "The two sides agreed on Monday to a resumption of meetings of the joint commission.",
    "Secretary Jane Doe and Minister Alan Gray ended a three-year freeze on talks.",
])
def test_meeting_setting_a_date_of_another_event_does_not_date_the_meeting(nlp, text: str) -> None:
    meeting_words = {"met", "meeting", "meetings", "talks"}
    assert [m.date_text for m in mentions(nlp, text) if m.trigger.lower_ in meeting_words and m.date_text] == []


def test_meeting_setting_without_publication_date_the_words_stay_and_nothing_is_guessed(nlp) -> None:
    found = extract(nlp("On Monday President Ali Khan met Prime Minister Tom Baker at 10 Downing Street."),
                    "test", None).meetings
    assert [(m["date_text"], m["date_start"], m["location"], m["location_country"]) for m in found] == \
        [("Monday", None, "10 Downing Street", "GBR")]


def test_meeting_setting_day_words_the_recognizer_missed_are_dates() -> None:
    doc = spacy.blank("en")("Today, the minister hosted her counterparts; they meet again Friday.")
    assert [d.text for d in meeting_setting.date_phrases(doc[:])] == ["Today", "Friday"]


@pytest.mark.parametrize("text, expected", [
    ("The envoys met last week in Oslo.", ["last week"]),
    ("The envoys ended a three-year freeze in decades of talks.", []),
])
def test_meeting_setting_only_phrases_that_name_a_time_are_dates(nlp, text: str, expected: list[str]) -> None:
    assert [d.text for d in meeting_setting.date_phrases(nlp(text)[:])] == expected


def test_meeting_setting_a_city_refines_the_country_it_lies_in() -> None:
    doc = spacy.blank("en")("visit")
    m = Mention(doc[0], "visit")
    meeting_setting.set_place(m, "Croatia", places.resolve_place("Croatia"))
    meeting_setting.set_place(m, "Zagreb", places.resolve_place("Zagreb"))
    meeting_setting.set_place(m, "Split", places.resolve_place("Split"))  # the first city stays
    assert (m.location_text, m.location.country) == ("Zagreb", "HRV")
    meeting_setting.set_place(m, "Vienna", places.resolve_place("Vienna"))
    assert m.location_text == "Zagreb"


def test_meeting_setting_a_place_name_no_table_knows_is_kept_only_for_a_building(nlp) -> None:
    assert placed(nlp, "Secretary Jane Doe met Minister Alan Gray in Zorbania on Friday.") == []
    assert placed(nlp, "Secretary Jane Doe met Minister Alan Gray at the Raghadan Palace on Friday.") == \
        [("Raghadan Palace", "JOR")]


def test_meeting_setting_the_purpose_of_a_journey_happens_where_it_went(nlp) -> None:
    assert placed(nlp, "The prime minister is in Brussels for a series of meetings with President Ann Lee.") == \
        [("Brussels", "BEL")]
