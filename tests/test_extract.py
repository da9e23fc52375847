"""Extraction on real text: the seed article and openly licensed readouts, by general rules."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from transforms.extract import extract

from conftest import FIXTURES, SEEDS

SEED_TEXT = (SEEDS / "000_3d36cd28c38cb913.txt").read_text(encoding="utf-8")


def names(extraction, meeting) -> set[str]:
    by_key = {a["key"]: a["name"] for a in extraction.actors}
    return {by_key[key] for key, _ in meeting["participants"]}


@pytest.fixture(scope="module")
def seed(nlp):
    return extract(nlp(SEED_TEXT), "seed", None)


@pytest.fixture(scope="module")
def seed_dated(nlp):
    return extract(nlp(SEED_TEXT), "seed", dt.date(2024, 2, 21))


@pytest.fixture(scope="module")
def readouts(nlp):
    records = [json.loads(line) for line in (FIXTURES / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    return {r["id"]: extract(nlp(r["text"]), r["id"], dt.date.fromisoformat(r["published"])) for r in records}


def test_extract_seed_meeting_between_the_two_ministers(seed) -> None:
    vienna = [m for m in seed.meetings if m["location"] == "Vienna"]
    assert len(vienna) == 1
    assert {"Alejandro Mayorkas", "Wang Xiaohong"} <= names(seed, vienna[0])
    assert vienna[0]["duration_minutes"] == 240
    assert vienna[0]["location_country"] == "AUT"
    assert vienna[0]["date_text"] == "Sunday" and vienna[0]["date_start"] is None  # no publication date: no guess


def test_extract_seed_separates_meetings_that_differ(seed) -> None:
    by_date = {m["date_text"]: m for m in seed.meetings}
    assert by_date["last month"]["format"] == "virtual"
    assert by_date["later this month"]["status"] == "planned"
    assert by_date["January 30th"]["kind"] == "working_group"
    munich = next(m for m in seed.meetings if m["location"] == "Munich")
    assert names(seed, munich) == {"Antony Blinken", "Wang Yi"}


def test_extract_seed_dates_resolve_against_publication(seed_dated) -> None:
    by_place = {m["location"]: m for m in seed_dated.meetings}
    assert by_place["Vienna"]["date_start"] == dt.date(2024, 2, 18)
    assert by_place["Munich"]["date_start"] == dt.date(2024, 2, 16)  # "two days after" -> two days before Vienna


def test_extract_seed_claims_resolve_speakers(seed) -> None:
    assert len(seed.claims) >= 3
    by_cue = {c["cue"]: c for c in seed.claims}
    assert by_cue["convey"]["speaker_key"] == "person:wang xiaohong"
    assert by_cue["inform"]["is_anonymous"] and by_cue["inform"]["speaker_country"] == "USA"
    assert by_cue["characterize"]["relayed_via"] == "Xinhua"
    assert by_cue["characterize"]["speaker_country"] == "CHN"
    for claim in seed.claims:
        assert SEED_TEXT[claim["content_start"]:claim["content_end"]] == claim["content"]
        assert claim["char_start"] <= claim["cue_start"] < claim["cue_end"] <= claim["char_end"]
        assert claim["speaker_end"] <= claim["cue_start"] or claim["speaker_start"] >= claim["cue_end"]


def test_extract_seed_claims_link_to_the_meeting_they_are_about(seed) -> None:
    vienna = next(m["index"] for m in seed.meetings if m["location"] == "Vienna")
    by_cue = {c["cue"]: c for c in seed.claims}
    assert by_cue["characterize"]["meeting_index"] == vienna
    assert by_cue["describe"]["meeting_index"] == vienna


def test_extract_readouts_find_the_meeting_of_the_headline(readouts) -> None:
    found = 0
    for extraction in readouts.values():
        people = {a["name"] for a in extraction.actors if a["kind"] == "person"}
        if any(m["participants"] for m in extraction.meetings) and len(people) >= 2:
            found += 1
    assert found >= 4


@pytest.mark.parametrize("sentence, content", [
    # Wikinews, 2019-2020 (CC BY 2.5, see fixtures/README.md)
    ('Labour Party leader Jeremy Corbyn called the move a "smash and grab on our democracy".',
     'the move a "smash and grab on our democracy"'),
    ('Trump repeatedly called the Democrats\' investigation a "witch hunt", and on Twitter referred to the vote as '
     '"The Impeachment Hoax".', 'the Democrats\' investigation a "witch hunt"'),
    ('Schiff called it "a non-starter".', 'it "a non-starter"'),
])
def test_extract_claims_called_x_y_is_a_characterization(nlp, sentence: str, content: str) -> None:
    from transforms.attribution import attributions

    doc = nlp(sentence)
    found = [(a.cue_lemma, doc.text[a.content[0]:a.content[1]]) for a in attributions(doc)]
    assert ("call", content) in found


@pytest.mark.parametrize("sentence, speaker, cue, content", [
    # Wikinews, 2019-2020 (CC BY 2.5, see fixtures/README.md); spans as PolNeAR marks them
    ("Amnesty International has called for an investigation into the shooting.",
     "Amnesty International", "has called for", "an investigation into the shooting"),
    ("Legal and religious groups have also called for the bill to be dropped.",
     "Legal and religious groups", "have also called for", "the bill to be dropped"),
    ("Geological Survey has said the earthquakes may continue into early February.",
     "Geological Survey", "has said", "the earthquakes may continue into early February"),
    ("Fernando Dallorso, the general manager of Cipriani Dolci, said his roommates said they last saw him on the "
     "preceding Saturday, August 17, after his shift at Cipriani Dolci in Manhattan.",
     "Fernando Dallorso, the general manager of Cipriani Dolci", "said",
     "his roommates said they last saw him on the preceding Saturday, August 17, after his shift at Cipriani Dolci "
     "in Manhattan"),
])
def test_extract_claims_spans_carry_auxiliaries_descriptions_and_complements(
        nlp, sentence: str, speaker: str, cue: str, content: str) -> None:
    from transforms.attribution import attributions

    doc = nlp(sentence)
    found = [tuple(doc.text[s:e] for s, e in (a.speaker, a.cue, a.content)) for a in attributions(doc)]
    assert (speaker, cue, content) in found


@pytest.mark.parametrize("sentence, speaker, cue, content", [
    # Wikinews, 2019-2020 (CC BY 2.5): a position held is attributed to who holds it
    ("Pelosi had previously opposed impeachment proceedings.",
     "Pelosi", "had previously opposed", "impeachment proceedings"),
    ("Barr and Ross, however, refused to hand over the documents.",
     "Barr and Ross", "refused", "to hand over the documents"),
    ("I'm hoping that in a few days it will shut down, but it looks like there is so much going.",
     "I", "'m hoping", "that in a few days it will shut down"),
])
def test_extract_claims_stance_verbs_attribute_positions(nlp, sentence: str, speaker: str, cue: str, content: str) -> None:
    from transforms.attribution import attributions

    doc = nlp(sentence)
    found = [tuple(doc.text[s:e] for s, e in (a.speaker, a.cue, a.content)) for a in attributions(doc)]
    assert (speaker, cue, content) in found


def test_extract_claims_stance_needs_someone_to_hold_it(nlp) -> None:
    """White House readout (public domain): a loan holds no position, the people who made it do."""
    from transforms.attribution import attributions

    doc = nlp("This loan will enable Poland’s purchase of additional U.S. defense equipment, further supporting U.S. "
              "jobs and our deepening security relationship.")
    assert not [a for a in attributions(doc) if a.cue_lemma == "support"]


@pytest.mark.parametrize("sentence, speaker, content", [
    # White House briefing room (public domain): "As X has said, <what X said>"
    ("As the Vice President has said, the status of women is the status of democracy.",
     "the Vice President", "the status of women is the status of democracy"),
    ("As the President has said, we approach our relationship with the Chinese from a position of strength and in "
     "lockstep with our allies and partners.", "the President",
     "we approach our relationship with the Chinese from a position of strength and in lockstep with our allies and "
     "partners"),
])
def test_extract_claims_as_x_said_attributes_the_main_clause(nlp, sentence: str, speaker: str, content: str) -> None:
    from transforms.attribution import attributions

    doc = nlp(sentence)
    found = [(doc.text[slice(*a.speaker)], doc.text[slice(*a.content)]) for a in attributions(doc)]
    assert (speaker, content) in found


def test_extract_claims_a_relative_speaker_holds_the_view_of_what_it_refers_to(nlp) -> None:
    """White House release (public domain): "who" is written as the speaker, "the House members" hold the view."""
    from transforms.attribution import attributions

    doc = nlp("The NRA thanks the House members who supported this bill and urges its swift passage in the U.S. "
              "Senate.")
    found = [(doc.text[slice(*a.speaker)], doc.text[slice(*a.speaker_name)], doc.text[slice(*a.content)])
             for a in attributions(doc) if a.cue_lemma == "support"]
    assert found == [("who", "the House members", "this bill")]
