"""What a document adds to the meetings its sentences tell: the trip a mention points back to ("led a
delegation to Pristina. During the visit, she met ..."), the dateline ("MOSCOW (Reuters) - ..."), and the
one place that stands for a meeting told in several mentions.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from transforms import dates, places
from transforms.lexicons import load
from transforms.meeting_setting import (PLACE_LABELS, WORDS, clause_verb, date_phrases, hangs_on, is_trip,
                                        place_phrase, set_place, traveller)

if TYPE_CHECKING:
    from transforms.meetings import Meeting, Mention

SPECIFICITY = {"venue": 0, "city": 0, "region": 1, None: 1, "country": 2}  # None: a name no table knows
DATELINE_DAYS = 7  # a dateline gives its place to meetings held at most this many days before publication
SPEECH_VERBS = load("cues")["clausal"]
DATELINE_TOKENS = 150  # the opening of a text where its dateline stands (places.DATELINE_WINDOW characters)


def complete(meetings: list[Meeting], doc: Doc, published: dt.date | None) -> None:
    """What the document adds to meetings whose sentences give no place or date: the trip a mention
    points back to ("during the visit"), the visit it was part of, the day its speaker's words are dated,
    then the dateline."""
    for meeting in meetings:
        for m in meeting.mentions:
            if not m.location_text or not m.date_text:
                _from_trip(m, published)
    _within_visits(meetings)
    for meeting in (x for x in meetings if x.mentions[0].status == "held" and not any(m.date_text for m in x.mentions)):
        _from_speaker(meeting.mentions[0], doc, published)
    _from_dateline(meetings, doc, published)


def _within_visits(meetings: list[Meeting]) -> None:
    """A meeting told after a visit, naming the visitor and saying no other place or date, took place
    during that visit ("Merkel's visit to Warsaw on Tuesday ... In talks with Szydlo, Merkel ...")."""
    visits = [v for v in meetings if _placed_visit(v)]
    for meeting in (x for x in meetings if all(x is not v for v in visits) and _held_in_person(x.mentions)):
        first = meeting.mentions[0]
        before = [v for v in visits if v.mentions[0].trigger.i < first.trigger.i and _names_visitor(first, v)]
        where = next((m for m in before[-1].mentions if m.location_text), None) if before else None
        if where is None or any(m.date_text for m in meeting.mentions) or not _inside(meeting, where.location):
            continue
        set_place(first, where.location_text, where.location)
        when = next((m for m in before[-1].mentions if m.date_text), None)
        if when is not None:
            first.date_text, first.date = when.date_text, when.date


def _inside(meeting: Meeting, place: places.Place | None) -> bool:
    """Whether every place a meeting names holds the visit's place ("Turkey" holds "Ankara")."""
    named = [m.location for m in meeting.mentions if m.location_text]
    return all(p is not None and place is not None and places.holds(p, place) for p in named)


def _placed_visit(meeting: Meeting) -> bool:
    return meeting.mentions[0].kind == "visit" and meeting.mentions[0].status == "held" and \
        any(m.location_text for m in meeting.mentions)


def _names_visitor(m: Mention, visit: Meeting) -> bool:
    """Whether a mention's sentence names someone who made the visit (by any of their names' words)."""
    visitors = [a for x in visit.mentions for a, _ in x.participants.values() if a.kind == "person"]
    words = {t.text for t in m.trigger.sent}
    return any(words & set(name.split()) for a in visitors for name in a.aliases | {a.name})


def _trip_reference(m: Mention) -> Token | None:
    """ "During the visit, she met ...": a trip word with a definite article or a possessive and no place
    of its own, in the phrase of the trigger or of its verb."""
    heads = [m.trigger] + ([m.trigger.head] if m.trigger.dep_ in {"dobj", "pobj", "nsubj"} else [])
    for head in heads:
        for prep in (c for c in head.children if c.dep_ == "prep"):
            for noun in (c for c in prep.children if c.dep_ == "pobj" and is_trip(c)):
                if _points_back(noun) and not any(c.dep_ == "prep" for c in noun.children):
                    return noun
    return None


def _points_back(noun: Token) -> bool:
    """ "the visit", "her trip": a definite or possessive trip word, not "a visit"."""
    return any(c.dep_ in {"det", "poss"} and c.lower_ in WORDS["anaphoric_trips"] for c in noun.children)


def _from_trip(m: Mention, published: dt.date | None) -> None:
    """The place and date of the trip a mention points back to, told in its own or the previous sentence."""
    if _trip_reference(m) is None:
        return
    sent = m.trigger.sent
    before = sent.doc[sent.start - 1].sent if sent.start > 0 else None
    for candidate in (sent, before):
        trip = _trip_told(candidate) if candidate is not None else None
        if trip is None:
            continue
        where, when = trip
        if where is not None and not m.location_text:
            set_place(m, where.text, places.resolve_place(where.text))
        if when is not None and not m.date_text:
            m.date_text = when.text
            m.date = dates.resolve(when.text, published, future=m.status == "planned")
        return


def _trip_told(sent: Span) -> tuple[Span | None, Span | None] | None:
    """The destination and date of the first journey a sentence tells ("led a delegation to Pristina, Kosovo
    during the week of March 14"), None when it tells none."""
    for ent in (e for e in sent.ents if e.label_ in PLACE_LABELS):
        anchor = place_phrase(ent.root)
        went = traveller(anchor.head) if anchor is not None else None
        if went is None:
            continue
        verb = went if went.pos_ in {"VERB", "AUX"} else clause_verb(went)
        when = next((d for d in date_phrases(sent) if hangs_on(d.root, {went, verb})), None)
        return ent, when
    return None


def _from_speaker(m: Mention, doc: Doc, published: dt.date | None) -> None:
    """ "Hariri said on Saturday he would ... . '...,' Hariri said after holding talks with Macron": the
    meeting someone spoke at is dated by the day the text first gives for that speaker's words (the date right
    after the verb counts: a parse often hangs "said on Saturday he would" on the second verb)."""
    spoken = _spoken_at(m.trigger)
    speaker = next((c for c in spoken.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None) if spoken else None
    if speaker is None:
        return
    for sent in doc[:spoken.sent.end].sents:
        for verb in (t for t in sent if t.lemma_ in SPEECH_VERBS and t.pos_ == "VERB"):
            said_by = {c.text for s in verb.children if s.dep_ == "nsubj" for c in s.subtree}
            when = next((d for d in date_phrases(sent) if hangs_on(d.root, {verb}) or 0 < d.start - verb.i <= 2), None)
            if speaker.text in said_by and when is not None:
                m.date_text, m.date = when.text, dates.resolve(when.text, published)
                return


def _spoken_at(trigger: Token) -> Token | None:
    """The verb of saying whose setting the meeting is ("said at a meeting with", "said after holding talks")."""
    word = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" else trigger
    prep = word.head if word.dep_ in {"pobj", "pcomp"} else None
    if prep is None or prep.lower_ not in WORDS["spoken_at"] or prep.head.lemma_ not in SPEECH_VERBS:
        return None
    return prep.head


def _from_dateline(meetings: list[Meeting], doc: Doc, published: dt.date | None) -> None:
    """ "MOSCOW (Reuters) - ...": the reporter's city is where an in-person meeting held around the
    publication date took place when the text names no other place (a call happens nowhere)."""
    unplaced = [m for m in meetings if not any(x.location_text for x in m.mentions) and _held_in_person(m.mentions)]
    recent = [m for m in unplaced if _dated_recently(m, published)]
    place = places.dateline(doc[:DATELINE_TOKENS].text) if recent else None  # the whole text is costly to build
    for meeting in recent if place is not None else []:
        meeting.mentions[0].location_text, meeting.mentions[0].location = place.name, place


def _dated_recently(meeting: Meeting, published: dt.date | None) -> bool:
    dated = next((m.date for m in meeting.mentions if m.date and m.date.start), None)
    if dated is None or published is None:
        return False
    return 0 <= (published - dated.start).days <= DATELINE_DAYS and dated.end <= published


def _held_in_person(mentions: list[Mention]) -> bool:
    return all(m.status == "held" and m.kind != "call" and m.format not in WORDS["remote_formats"]
               for m in mentions)


def _spans_countries(place: places.Place | None) -> bool:
    """ "the Middle East", "Central Asia": a region of several countries is no meeting's place."""
    return place is not None and place.kind == "region" and place.country is None


def meeting_place(meeting: Meeting) -> tuple[str | None, str | None]:
    """(location, location_country) of a meeting: the most specific place its mentions name. A city,
    venue or region of one country is the location; a country alone gives only location_country, and the
    country of a place no table knows when the other mentions name that one country ("the presidential
    office" of a visit to Taiwan)."""
    named = [m for m in meeting.mentions if m.location_text and not _spans_countries(m.location)]
    if not named:
        return None, None
    best = min(named, key=lambda m: SPECIFICITY.get(m.location.kind if m.location else None, 1))
    if best.location is None:
        codes = {m.location.country for m in named if m.location and m.location.country}
        return places.clean_name(best.location_text), codes.pop() if len(codes) == 1 else None
    place = best.location
    return (place.name if place.kind != "country" or places.is_city_state(place) else None), place.country
