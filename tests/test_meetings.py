"""Meeting rules, each on short sentences written for the test (names invented) or taken from White House
releases (public domain): which words are meetings, who took part, held or planned, merged or apart."""
from __future__ import annotations

import datetime as dt

import pytest
import spacy

from transforms import places
from transforms.extract import extract
from transforms.meetings import Mention, inside, same_where

PUBLISHED = dt.date(2024, 3, 20)  # a Wednesday


def meetings(nlp, text: str, published: dt.date | None = PUBLISHED, title: str | None = None,
             outlet: str | None = None) -> list[dict]:
    """The meetings of a text, each with the names of its participants under "names"."""
    extraction = extract(nlp(text), "test", published, outlet, title)
    names = {a["key"]: a["name"] for a in extraction.actors}
    return [{**m, "names": {names[key] for key, _ in m["participants"]}} for m in extraction.meetings]


def only(nlp, text: str, **kwargs) -> dict:
    found = meetings(nlp, text, **kwargs)
    assert len(found) == 1, [(m["names"], m["evidence"]) for m in found]
    return found[0]


@pytest.mark.parametrize("text, names, kind", [
    ("Foreign Minister Anna Berg held talks with Foreign Minister Peter Novak in Prague on Monday.",
     {"Anna Berg", "Peter Novak"}, "talks"),
    ("President Maria Costa met with visiting Prime Minister Omar Haddad in Lisbon.",
     {"Maria Costa", "Omar Haddad"}, "meeting"),
    ("President Maria Costa spoke by telephone with Chancellor Mark Jensen on Tuesday.",
     {"Maria Costa", "Mark Jensen"}, "call"),
    ("Chancellor Mark Jensen and President Maria Costa spoke by phone on Tuesday.",
     {"Maria Costa", "Mark Jensen"}, "call"),
    ("Senator Tom Reed is due to have lunch with Premier Li Wen before leaving for home.",
     {"Tom Reed", "Li Wen"}, "meeting"),
    ("Minister Anna Berg sat down with Ambassador Igor Petrov at the embassy on Monday.",
     {"Anna Berg", "Igor Petrov"}, "meeting"),
    ("Governor Ann Ruiz met one on one with President Omar Haddad for some 45 minutes.",
     {"Ann Ruiz", "Omar Haddad"}, "meeting"),
])
def test_meetings_consult_verbs_and_nouns(nlp, text: str, names: set[str], kind: str) -> None:
    meeting = only(nlp, text)
    assert meeting["names"] == names and meeting["kind"] == kind


@pytest.mark.parametrize("text", [
    "Patients who need same-day care call the reception team at the surgery.",
    "The minister spoke to reporters after the vote.",
    "Officials spoke on condition of anonymity.",
    "Mark Gill phoned Peter Dean three times to complain.",
    "It is not unusual for lawmakers to meet with foreign leaders when they travel.",
    "President Maria Costa did not meet the delegation.",
    "The authorities received a vague threat through an anonymous phone call.",
    "Foreign Minister Anna Berg and Foreign Minister Peter Novak agreed to consult closely on these issues.",
    "Speaking to Al Jazeera, Minister Anna Berg said the law was a violation of rights.",
    "The ministry said it was creating difficulties for lawmakers to meet with the community.",
    "President Omar Haddad has refused to meet with Vice President Mark Jensen in protest.",
    "On Tuesday, Prime Minister Jan Kral speaking to the Atlantic Council think tank called the deal void.",
    "Difficulties in negotiations with the Russian government had increased uncertainty over the project.",
    '"Our country talks to Iran frequently and frankly," Prince Ali said.',
    "Mark Parker spoke with Wikinews about the campaign.",
    "Ten years later, he led the Soviet part of the Apollo-Soyuz mission.",
    "Unlike the G20, which focuses on economics, G7 meetings usually center on politics.",
    "On Monday, Prime Minister Jan Kral joined the calls by officials asking the embassy to waive immunity.",
])
def test_meetings_everyday_calls_and_non_events_are_not_meetings(nlp, text: str) -> None:
    assert meetings(nlp, text) == []


@pytest.mark.parametrize("text, names", [
    # pronouns: the subject of the clause it is part of, else the subject told before
    ("President Maria Costa arrived in Rome on Monday. She met with Prime Minister Carlo Bianchi.",
     {"Maria Costa", "Carlo Bianchi"}),
    ("President Omar Haddad said he was ready to meet with Chancellor Mark Jensen in Vienna.",
     {"Omar Haddad", "Mark Jensen"}),
    # "I" in a quote is who says it
    ('"I will make known my position after meeting President Michel Aoun," Prime Minister Saad Hariri said.',
     {"Saad Hariri", "Michel Aoun"}),
    # "who" is the noun it hangs on; control and raising verbs lend their subject
    ("Vice Premier Li Wen, who met with Finance Secretary Carlos Reyes, praised the deal.", {"Li Wen", "Carlos Reyes"}),
    ("President Omar Haddad expected to meet with President Maria Costa during the summit.",
     {"Omar Haddad", "Maria Costa"}),
    ("Secretary Ann Ruiz was the first cabinet member to visit Peru.", {"Ann Ruiz", "Peru"}),
    # the clause a meeting sets the scene of names its people
    ("In a telephone call, Minister Anna Berg and Minister Peter Novak discussed security issues.",
     {"Anna Berg", "Peter Novak"}),
    ("During a visit to Tokyo, Minister Anna Berg told Minister Kenji Sato that the offer stood.",
     {"Anna Berg", "Kenji Sato"}),
    ("Prime Minister Jan Kral said at a meeting with President Maria Costa that ties were strong.",
     {"Jan Kral", "Maria Costa"}),
    ("Defence Minister Karl Weber arrived in Beijing on Monday for an official visit to China.", {"Karl Weber", "China"}),
    # a leader named before, referred to by office and nationality
    ("Iranian President Omar Haddad arrived in Moscow on Monday. Prime Minister Igor Petrov said at a meeting "
     "with the Iranian president that ties were strong.", {"Omar Haddad", "Igor Petrov"}),
    # an actor inside another's phrase is a modifier; who came along is a party
    ("President Maria Costa's senior aide Mark Jensen met with Ambassador Igor Petrov.", {"Mark Jensen", "Igor Petrov"}),
    ("Secretary Mark Jensen was also in Mexico City, where he met with his Mexican counterpart, Luis Ortega.",
     {"Mark Jensen", "Luis Ortega"}),
    ("Minister Anna Berg arranged meetings between President Maria Costa and Prime Minister Omar Haddad.",
     {"Maria Costa", "Omar Haddad"}),
    ("Governor Ann Ruiz, accompanied by representatives from Acme and Globex, met with President Omar Haddad.",
     {"Ann Ruiz", "Omar Haddad", "representatives from Acme and Globex"}),
])
def test_meetings_participants_read_back_to_who_they_stand_for(nlp, text: str, names: set[str]) -> None:
    assert names <= only(nlp, text)["names"]


@pytest.mark.parametrize("text, outsider", [
    ("WASHINGTON (Reuters) - President Maria Costa said on Friday after meeting with President Omar Haddad that "
     "ties were strong.", "Reuters"),
    ("President Omar Haddad, a staunch ally of President Ali Karimov, met with Chancellor Mark Jensen.", "Ali Karimov"),
    ("At the opening of the summit, AU chairperson President Omar Haddad of Egypt said the deal was historic.",
     "Egypt"),
])
def test_meetings_reporters_and_descriptions_are_not_parties(nlp, text: str, outsider: str) -> None:
    assert outsider not in only(nlp, text)["names"]


def test_meetings_who_arranged_a_meeting_between_others_is_not_in_it(nlp) -> None:
    text = "Minister Anna Berg arranged meetings between President Maria Costa and Prime Minister Omar Haddad."
    assert "Anna Berg" not in only(nlp, text)["names"]


def test_meetings_his_is_the_subject_of_its_clause_even_when_already_a_party(nlp) -> None:
    text = ("Vice Premier Li Wen met the delegation. Ties warmed after President Omar Haddad paid his first state visit "
            "to China.")
    visit = next(m for m in meetings(nlp, text) if m["kind"] == "visit")
    assert visit["names"] == {"Omar Haddad", "China"}


def test_meetings_the_meeting_with_its_attendees_is_the_meeting_just_told(nlp) -> None:
    text = ("Republican governors on Thursday met with Vice President Mark Jensen. The meeting at the White House "
            "included Governor Kim Lee of Iowa and Governor Rick Fox of Ohio.")
    assert {"Mark Jensen", "Kim Lee", "Rick Fox"} <= only(nlp, text)["names"]


def test_meetings_the_two_leaders_are_the_people_of_the_last_meeting(nlp) -> None:
    text = ("President Maria Costa met Chancellor Mark Jensen in Berlin on Monday. "
            "The two leaders will see each other again at the summit in July.")
    planned = [m for m in meetings(nlp, text) if m["status"] == "planned"]
    assert planned and planned[0]["names"] == {"Maria Costa", "Mark Jensen"}


@pytest.mark.parametrize("text, status", [
    ("Foreign Minister Anna Berg will meet Foreign Minister Peter Novak in Geneva.", "planned"),
    ("Foreign Minister Anna Berg is to visit Peru next month.", "planned"),
    ("Talks between Minister Anna Berg and Minister Peter Novak are planned for March 28.", "planned"),
    ("President Omar Haddad headed for Amman on Wednesday for talks with King Ali.", "planned"),
    ("Specific dates for a meeting between President Omar Haddad and President Maria Costa have not been discussed.",
     "planned"),
    ("President Omar Haddad canceled a planned summit with President Maria Costa.", "cancelled"),
    ("During the meeting of President Omar Haddad and President Maria Costa in Athens, a new route was considered.",
     "held"),
    ("Minister Anna Berg and Minister Peter Novak meet in Vienna on March 30, 2024.", "planned"),  # after publication
    ("Minister Anna Berg would brief Minister Peter Novak about his talks earlier this month with King Ali.", "held"),
    ("Police Chief Ann Ruiz told Mayor Tom Reed during a previously scheduled meeting that no arrest was made.",
     "held"),
    ("The Foreign Ministry called for an emergency meeting of the U.N. Security Council.", "planned"),
    ("In a phone call in late July, President Omar Haddad might have encouraged President Maria Costa to act.", "held"),
    ("President Omar Haddad expected to meet President Maria Costa during a planned summit.", "planned"),
])
def test_meetings_status_from_the_clause_and_the_date(nlp, text: str, status: str) -> None:
    found = meetings(nlp, text)
    assert found and found[0]["status"] == status, found


def test_meetings_results_of_held_talks_used_at_a_planned_meeting(nlp) -> None:
    text = ("Results of the consultations between Minister Anna Berg and Minister Peter Novak on Saturday will be used "
            "at the meeting of Minister Anna Berg and Minister Kenji Sato due March 28.")
    statuses = sorted(m["status"] for m in meetings(nlp, text))
    assert statuses == ["held", "planned"]


def test_meetings_a_phone_call_is_not_the_talks_held_in_a_city(nlp) -> None:
    text = ("Prime Minister Jan Kral held talks with President Maria Costa in Paris on Saturday. "
            "Kral told President Omar Haddad in a phone call that he would return on Wednesday.")
    formats = sorted(m["format"] for m in meetings(nlp, text))
    assert formats == ["in_person", "phone"]


@pytest.mark.parametrize("title, names, fmt, day", [
    # White House briefing room titles (public domain); remarks are given on the day of their meeting
    ("Remarks by President Biden and Prime Minister Morrison of Australia Before Bilateral Meeting",
     {"Biden", "Morrison"}, "in_person", PUBLISHED),
    ("Remarks by President Biden and Prime Minister Trudeau of Canada Before Virtual Bilateral Meeting",
     {"Biden", "Trudeau"}, "virtual", PUBLISHED),
    ("Joint Statement on the Phone Call between President Biden and President Macron", {"Biden", "Macron"}, "phone",
     None),
])
def test_meetings_remarks_and_joint_statements_report_the_meeting_of_their_title(
        nlp, title: str, names: set[str], fmt: str, day: dt.date | None) -> None:
    text = "PRESIDENT BIDEN:  Well, it's great to have you here.  We have a lot to talk about."
    meeting = only(nlp, text, title=title, outlet="The White House")
    assert {n.casefold() for n in meeting["names"]} == {n.casefold() for n in names}
    assert meeting["format"] == fmt and meeting["status"] == "held" and meeting["date_start"] == day


@pytest.mark.parametrize("title, text, names, place", [
    # White House briefing room titles (public domain)
    ("Remarks by President Biden Before Meeting With Bipartisan Group of Governors and Mayors",
     "THE PRESIDENT:  Well, thank you all for being here.", {"Biden", "Bipartisan Group of Governors"}, None),
    ("Remarks by President Biden and Prime Minister Martin of Ireland Before Virtual Bilateral Meeting",
     "PRESIDENT BIDEN:  My son Beau Biden loved Ireland.", {"Biden", "Martin"}, None),
    ("Joint Statement on U.S.-China Economic and Trade Meeting in Geneva",
     "The United States and China agreed on next steps.", {"United States", "China"}, "Geneva"),
])
def test_meetings_title_groups_people_and_places(nlp, title: str, text: str, names: set[str], place: str | None) -> None:
    meeting = only(nlp, text, title=title, outlet="The White House")
    assert {n.casefold() for n in names} <= {n.casefold() for n in meeting["names"]}
    assert "Beau Biden" not in meeting["names"] and meeting["location"] == place


def test_meetings_a_visit_needs_a_visitor(nlp) -> None:
    assert meetings(nlp, "We look forward to the upcoming visit to the United States next month.") == []


def test_meetings_a_title_without_a_meeting_of_two_adds_nothing(nlp) -> None:
    text = "THE PRESIDENT:  Thank you all for being here this morning."
    assert meetings(nlp, text, title="Remarks by President Biden Before Cabinet Meeting") == []


def test_meetings_a_meeting_set_inside_another_event_is_another_meeting(nlp) -> None:
    text = ("President Omar Haddad expected to meet with President Maria Costa during a planned summit of the "
            "Commonwealth of Independent States in Minsk later this month.")
    assert len(meetings(nlp, text)) == 2


def test_meetings_a_meeting_spoken_about_is_another_meeting(nlp) -> None:
    text = ("Minister Anna Berg and her U.S. counterpart, Mark Jensen, spoke on Tuesday about an April meeting "
            "of defense ministers that will include Canada.")
    found = {m["status"]: m for m in meetings(nlp, text)}
    assert found["held"]["names"] == {"Anna Berg", "Mark Jensen"} and found["held"]["date_text"] == "Tuesday"


def test_meetings_the_two_leaders_of_the_sentence(nlp) -> None:
    text = "President Omar Haddad canceled a planned January summit of the two leaders after President Maria Costa spoke."
    meeting = only(nlp, text)
    assert meeting["names"] == {"Omar Haddad", "Maria Costa"} and meeting["status"] == "cancelled"


def test_meetings_the_leaders_of_the_two_countries_are_both_sides(nlp) -> None:
    text = ("Greece sent rescuers to Turkey after the earthquake. Turkey and Greece had poor relations, but the leaders "
            "of the two countries spoke by telephone on Friday night.")
    assert only(nlp, text)["names"] == {"leaders from Turkey", "leaders from Greece"}


def test_meetings_on_the_call_joins_it_but_briefing_on_talks_does_not(nlp) -> None:
    call = ("Minister Anna Berg and her U.S. counterpart, Mark Jensen, spoke on Tuesday. "
            "Navy Secretary Luis Ortega was also on the call.")
    assert only(nlp, call)["names"] == {"Anna Berg", "Mark Jensen", "Luis Ortega"}
    brief = "King Ali was expected to brief President Omar Haddad on his talks last month with President Maria Costa."
    assert only(nlp, brief)["names"] == {"Ali", "Maria Costa"}


def test_meetings_a_call_and_talks_are_two_events(nlp) -> None:
    text = ("President Omar Haddad received an urgent telephone call from Secretary Ann Ruiz. He would inform King Ali "
            "about his talks earlier this month with envoy Dennis Ross.")
    assert sorted(m["kind"] for m in meetings(nlp, text)) == ["call", "talks"]


def test_meetings_their_conversation_after_they_met_is_that_meeting(nlp) -> None:
    text = ("A spokesman confirmed Ambassador Omar Haddad met Secretary Ann Ruiz, but refused to divulge the substance of "
            "their conversation.")
    assert only(nlp, text)["format"] == "in_person"


def test_meetings_a_visit_to_someone_somewhere_stands_alone(nlp) -> None:
    text = "That was evident last week with a surprise visit to Crown Prince Ali Karimov in Riyadh."
    assert "Ali Karimov" in only(nlp, text)["names"]


@pytest.mark.parametrize("text, minutes", [
    ("Governor Ann Ruiz met one on one with President Omar Haddad for some 45 minutes.", 45),
    ("Talks aimed at averting strikes ended without agreement after 90 minutes. Five public sector unions met "
     "Deputy Prime Minister Jan Kral in Leeds.", 90),  # told before who held them
])
def test_meetings_duration_for_and_after(nlp, text: str, minutes: int) -> None:
    assert only(nlp, text)["duration_minutes"] == minutes


def test_meetings_an_organization_missed_by_the_tagger_in_one_sentence(nlp) -> None:
    text = ("President Maria Costa called for G7 action to correct the crisis. G7 was already scheduled to meet this "
            "weekend. The call was quickly seconded by Chancellor Mark Jensen. G7 meetings usually center on politics.")
    meeting = only(nlp, text)  # "the call" is an appeal, not a phone call; "usually center" is a habit
    assert meeting["names"] == {"G7"} and meeting["status"] == "planned" and meeting["format"] != "phone"


def test_meetings_who_acted_at_the_opening_of_a_summit_took_part(nlp) -> None:
    text = ("At the opening of the AU summit, AU chairperson President Omar Haddad of Egypt said the deal was "
            "historic.")
    assert "Omar Haddad" in only(nlp, text)["names"]


def test_meetings_a_summit_where_leaders_signed_a_deal(nlp) -> None:
    text = ("Leaders of African Union member states met in Niamey for an AU summit where on Sunday President Omar "
            "Haddad of Nigeria and President Ali Karimov of Benin signed the agreement.")
    assert {"Omar Haddad", "Ali Karimov"} <= only(nlp, text)["names"]


def test_meetings_the_summit_of_a_body_keeps_its_attendees_together(nlp) -> None:
    text = ("Leaders of African Union member states met in Niamey for an AU summit where on Sunday President Omar "
            "Haddad of Nigeria signed the agreement. Nigeria had said it would join in the week leading up to the "
            "summit. At the opening of the AU summit, AU chairperson President Ali Karimov of Egypt said the deal "
            "was historic.")
    assert {"Omar Haddad", "Ali Karimov"} <= only(nlp, text)["names"]


def test_meetings_the_visit_of_another_leader_is_not_the_talks_just_told(nlp) -> None:
    text = ("Foreign Minister Anna Berg will meet Foreign Minister Peter Novak in Tokyo on March 20. We would like to "
            "connect the results with the visit of Prime Minister Jan Kral to Russia, which will take place soon.")
    assert sorted(m["kind"] for m in meetings(nlp, text)) == ["meeting", "visit"]


def test_meetings_an_unknown_venue_and_another_city_are_two_meetings(nlp) -> None:
    text = ("Senior aide Mark Jensen met Ambassador Igor Petrov at Trump Tower. Adviser Carl Gordon said he had met "
            "with Ambassador Igor Petrov in Cleveland.")
    assert len(meetings(nlp, text)) == 2


@pytest.mark.parametrize("text, published", [
    ("Talks between Norwegian and Danish defense ministers, as well as a separate meeting between Foreign Minister "
     "Anna Berg and Foreign Minister Peter Novak, are due in Oslo on March 20.", dt.date(2024, 3, 10)),
    ("President Maria Costa held talks with Chancellor Mark Jensen on Monday. In a separate meeting, Costa met "
     "Prime Minister Omar Haddad.", PUBLISHED),
    ("President Maria Costa met Chancellor Mark Jensen in Lisbon on Monday and separately met Prime Minister Omar "
     "Haddad.", PUBLISHED),
])
def test_meetings_a_separate_meeting_is_not_the_one_told_beside_it(nlp, text: str, published: dt.date) -> None:
    assert len(meetings(nlp, text, published)) == 2


def placed_mention(name: str) -> Mention:
    m = Mention(spacy.blank("en")("talks")[0], "talks")
    m.location_text, m.location = name, places.resolve_place(name)
    return m


@pytest.mark.parametrize("first, second, same", [
    ("Taiwan", "the presidential office", True),  # a building no table knows may lie in the country
    ("Cleveland", "Trump Tower", False),  # not in another city
    ("the presidential office", "the royal palace", False),
    ("Finland", "the G-20 Summit", False),  # a name that is no building may be anywhere
    ("Washington", "the White House", True),
])
def test_meetings_places_that_can_be_one_meetings(first: str, second: str, same: bool) -> None:
    assert same_where(placed_mention(first), placed_mention(second)) is same
    assert same_where(placed_mention(second), placed_mention(first)) is same


@pytest.mark.parametrize("text, inner, outer, expected", [
    ("Chancellor Anna Berg met President Ali Sadr during a summit in Oslo.", "summit", "met", True),
    ("The minister made a visit to Peru, where he met President Ana Ruiz during his first trip to the country.",
     "met", "visit", True),
    # the trip is the scene of "met", not an event inside the visit: it may be the visit itself
    ("The minister made a visit to Peru, where he met President Ana Ruiz during his first trip to the country.",
     "trip", "visit", False),
])
def test_meetings_a_meeting_set_inside_another_event(nlp, text: str, inner: str, outer: str, expected: bool) -> None:
    words = {t.text: t for t in nlp(text)}
    assert inside(words[inner], words[outer]) is expected


@pytest.mark.parametrize("text, countries", [
    ("Russian President Anton Orlov's visit to Tehran is seen as a new starting point in relations.", {"IRN", "RUS"}),
    ("U.S. Ambassador Mary Hale visited Nairobi on Monday and met officials.", {"KEN", "USA"}),
    ("U.S. President Tom Reed's visit to Houston on Monday drew crowds.", {"USA"}),  # at home: no host state
])
def test_meetings_a_visit_to_a_city_abroad_is_a_visit_to_its_state(nlp, text: str, countries: set[str]) -> None:
    extraction = extract(nlp(text), "test", PUBLISHED)
    country = {a["key"]: a["country"] for a in extraction.actors}
    assert len(extraction.meetings) == 1, extraction.meetings
    assert {country[key] for key, _ in extraction.meetings[0]["participants"]} - {None} == countries
