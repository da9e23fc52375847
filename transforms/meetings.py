"""Sentences -> meetings: find trigger words, read their attributes, merge repeated mentions.

A meeting is usually mentioned several times ("talks in Vienna", "the initial meeting between
Mayorkas and Wang", "the meeting"); each mention adds what it knows, and mentions that conflict
(another place, another date, other people) are separate meetings. Which words are triggers is
meeting_triggers.py's job, who took part meeting_parties.py's, when and where meeting_setting.py's (with
meeting_tense.py, and meeting_context.py for what the rest of the document adds), the rest of what a
sentence says meeting_attributes.py's; a meeting named only by a document's title comes from
meeting_titles.py.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span, Token

from transforms import countries, dates, places
from transforms.actors import Actor, DocActors
from transforms.meeting_attributes import (Clause, clause_of, continuation, durations, governing_verb,
                                           mention_format, negated, owner, status, topics)
from transforms.meeting_context import complete
from transforms.meeting_parties import lists_attendees, members, read_parties, roles_of, visited_country
from transforms.meeting_setting import attach, is_building
from transforms.meeting_tense import resolve_date
from transforms.meeting_titles import TitleMeeting
from transforms.meeting_triggers import LEX, Reading, kind_of, partner_preps

DEFINITE = frozenset({"the", "this", "these", "that", "those", "their", "its", "his", "her", "our"})
NAMED = frozenset({"person", "organization"})
SPEAKING = frozenset({"group", "organization"})
SIDES = LEX["partner_preps"] | {"to", "from"}  # a party after these words has another side


@dataclass
class Mention:
    """One trigger word and what its own clause says about the meeting."""
    trigger: Token
    kind: str
    participants: dict[str, tuple[Actor, str]] = field(default_factory=dict)
    location: places.Place | None = None
    location_text: str | None = None
    date_text: str | None = None
    date: dates.DateRange | None = None
    anchor: tuple[Token, int] | None = None  # ("two days after" another trigger): that trigger, day offset
    format: str | None = None
    status: str = "held"
    duration: int | None = None
    topics: list[str] = field(default_factory=list)
    from_context: bool = False  # "their meeting", "the two leaders": the people of a meeting told before
    continuation: str | None = None  # "continues" ("further talks"), "follows" ("a second visit"), "precedes" ("the
    # previous round"): how it ties to a meeting told before it
    definite: bool = False  # "the call", "these discussions"
    attendees: bool = False  # "the meeting included X and Y": who was at a meeting told before
    from_title: bool = False  # read from the document's title; the trigger is where its evidence starts
    apart: bool = False  # "a separate meeting", "met separately": not a meeting told just before

    @property
    def named(self) -> set[str]:
        return {k for k, (a, _) in self.participants.items() if a.kind in NAMED}

    @property
    def is_reference(self) -> bool:
        """ "the meeting", "these discussions": points back to a meeting already told."""
        return self.definite and not (self.participants or self.location or self.date_text)


@dataclass
class Meeting:
    mentions: list[Mention]

    def __getattr__(self, name: str):
        for mention in self.mentions:
            value = getattr(mention, name)
            if value:
                return value
        return None


def sentence_numbers(doc: Doc) -> numpy.ndarray:
    """Token -> the number of its sentence, read once per document from the token array: building the
    sentences anew for each lookup made a release with 500 claims spend most of its time there."""
    return numpy.cumsum(doc.to_array(SENT_START) == 1) - 1


def is_nested(t: Token, triggers: list[Token]) -> bool:
    """A trigger inside another's phrase is the same meeting: "convene for further discussions", "engaged in
    talks"; "spoke about an April meeting" is another one."""
    if t.dep_ in {"conj", "appos"}:
        return False
    if t.dep_ == "pcomp" and t.head.lower_ in LEX["partner_preps"]:
        return t.head.head in triggers  # "met with visiting Prime Minister X"
    return t.head in triggers and t.head != t or t.head.dep_ == "prep" and t.head.lower_ in {"for", "in", "into"} \
        and t.head.head in triggers


def collect(sent: Span, reading: Reading, published: dt.date | None) -> list[Mention]:
    """Every meeting mention in one sentence with its participants, place, date, format, status and topics."""
    found = [(t, kind_of(t, reading)) for t in sent]
    kinds = {t.i: kind for t, kind in found if kind}
    every = [t for t, kind in found if kind]
    nested = [t for t in every if is_nested(t, every)]
    triggers = [t for t in every if t not in nested]
    if not triggers:
        return []
    governors = {t.i: governing_verb(t) for t in triggers}
    clauses = {t.i: clause_of(t) for t in triggers}
    triggers = [t for t in triggers if not negated(t, clauses[t.i])]
    mentions: dict[int, Mention] = {}
    stop = {x.i for x in triggers}
    for t in triggers:
        inner = [x for x in nested if t in {x.head, x.head.head}]  # "met in Niamey for an AU summit where ..."
        roots = roles_of(t, governors[t.i], kinds[t.i], lambda token: owner(token, triggers, governors))
        roots += [root for x in inner for root in members(x)] + [  # and "for an AU summit": the AU's
            (c, "participant") for x in inner for c in x.children if c.dep_ in {"compound", "nmod"}]
        parties = read_parties(roots, t, stop - {t.i}, reading)
        if kinds[t.i] == "visit" and parties.found:
            visited_country(roots, parties)
        m = Mention(t, kinds[t.i], parties.found, from_context=parties.from_context,
                    definite=any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE for c in t.children),
                    attendees=lists_attendees(t, governors[t.i]))
        if any("working group" in a.name.lower() for a, _ in m.participants.values()):
            m.kind = "working_group"
        m.continuation = continuation(t, inner, clauses[t.i])
        m.apart = not m.definite and told_apart([t, *inner])
        mentions[t.i] = m
    attach(sent, triggers, governors, mentions)
    for t, minutes in durations(sent, triggers, governors).items():
        mentions[t].duration = minutes
    for m in mentions.values():
        _read_clause(m, governors[m.trigger.i], clauses[m.trigger.i], published)
    return [mentions[t.i] for t in triggers]


def told_apart(triggers: list[Token]) -> bool:
    """ "as well as a separate meeting between X and Y", "In a separate meeting, X met Y", "met separately
    with": the words say this is another meeting than the ones told beside it."""
    return any(c.lower_ in LEX["apart_words"] for t in triggers for c in t.children if c.dep_ in {"amod", "advmod"})


def told_beside(meeting: Meeting, m: Mention) -> bool:
    """Whether a meeting is told in a mention's sentence or the one before (what "separate" sets it apart
    from; a text that repeats its lead tells the separate meeting again, further on)."""
    sent = m.trigger.sent
    start = sent.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    return any(start <= x.trigger.i < sent.end for x in meeting.mentions)


def _read_clause(m: Mention, verb: Token | None, clause: Clause, published: dt.date | None) -> None:
    """Status, format, topics and date (read in the tense of its clause); a meeting dated after its article
    is one still to come."""
    m.status = status(m.trigger, clause, m.date_text)
    m.format = mention_format(m.trigger, verb, m.kind)
    m.topics = topics(m.trigger, verb)
    resolve_date(m, published, verb)
    if m.date is not None and published:
        if m.status == "held" and m.date.start and m.date.start > published:
            m.status = "planned"
        elif m.status == "planned" and m.date.end and m.date.end < published:
            m.status = "held"  # "would brief him on his talks earlier this month"


def remote(m: Mention) -> bool:
    return m.kind == "call" or m.format in {"phone", "virtual"}


def physical(m: Mention) -> bool:
    """A place, a visit, a lunch: people in one room."""
    return m.location is not None or m.kind == "visit" or m.trigger.lemma_.lower() in LEX["in_person_nouns"]


def calls_apart(a: Mention, b: Mention) -> bool:
    """A call is not a meeting or talks that no word says were held by phone or video."""
    return (a.kind == "call") != (b.kind == "call") and not (remote(a) and remote(b))


def meeting_format(meeting: Meeting) -> str | None:
    """phone or virtual when a mention says so; in person when people met somewhere, visited, lunched, or
    held a meeting with no word of a call or video."""
    said = next((m.format for m in meeting.mentions if m.format), None)
    first = meeting.mentions[0]
    if said is None and (any(physical(m) for m in meeting.mentions) or first.status == "held" and first.kind != "call"):
        return "in_person"
    return said


def compatible(meeting: Meeting, m: Mention) -> bool:
    """Two mentions are one meeting unless they disagree on place, date, format, status or people; a phone
    call is not the talks someone held in a city; "a separate meeting" is none of those told just before."""
    if m.apart and told_beside(meeting, m):
        return False
    for mention in meeting.mentions:
        if not same_where(m, mention):
            return False
        if remote(m) and physical(mention) or physical(m) and remote(mention) or calls_apart(m, mention):
            return False
        if m.date_text and mention.date_text and not _same_date(m, mention):
            return False
        if m.format and mention.format and m.format != mention.format:
            return False
        if m.status != mention.status or m.anchor or mention.anchor:
            return False
        if inside(m.trigger, mention.trigger) or inside(mention.trigger, m.trigger):
            return False
    named = set().union(*(x.named for x in meeting.mentions))
    if m.named and named and not (m.named & named):
        return False
    if (m.kind == "visit") != (meeting.mentions[0].kind == "visit") and not (m.named & named):
        return False  # a visit is one meeting with talks only when the text names someone in both
    titled = [x for x in meeting.mentions if x.from_title]
    if titled and m.named - titled[0].named:
        return False  # the title says who met; "he negotiated with Gorbachev" in the remarks is another story
    bodies = {k for x in meeting.mentions for k, (a, _) in x.participants.items() if a.kind == "organization"}
    if bodies & m.participants.keys():
        return True  # the AU's summit: leaders of many countries attend one meeting of one body
    codes = {a.country for x in meeting.mentions for a, _ in x.participants.values() if a.country}
    mine = {a.country for a, _ in m.participants.values() if a.country}
    return not (codes and mine and not mine <= codes and not codes <= mine)


def inside(a: Token, b: Token) -> bool:
    """ "met Putin during a planned summit", "talks on the sidelines of the summit": a meeting set inside
    another event of the same sentence is not that event. One set inside a third meeting word on the way
    is that one's scene ("a visit to Iraq, where he met leaders during his first trip": the trip is the
    scene of "met", and may be the visit)."""
    path, node = [], a
    while node != b and node.head != node:
        node = node.head
        path.append(node)
    return node == b and any(t.dep_ == "prep" for t in path[:-1]) and not any(is_meeting_word(t) for t in path[:-1])


def is_meeting_word(token: Token) -> bool:
    """A word of the meetings lexicon, whatever its sentence makes of it (a cheap test on a path of tokens)."""
    words = LEX["verbs"] if token.pos_ == "VERB" else LEX["nouns"]
    return token.lower_ in LEX["nouns"] or token.lemma_.lower() in words


def same_where(a: Mention, b: Mention) -> bool:
    """Places that can be one meeting's: the same or one inside the other when the gazetteer knows both;
    when it knows only one, a building it does not know may lie in a country ("the presidential office"
    in "Taiwan"), other names not ("at Trump Tower" is not "in Cleveland", "at the G-20 Summit" not "in
    Finland")."""
    if not (a.location_text and b.location_text):
        return True
    if a.location and b.location:
        return same_place(a.location, b.location)
    known, unknown = (a.location, b.location_text) if a.location else (b.location, a.location_text)
    return known is not None and known.kind == "country" and is_building(unknown) or \
        places_words(a.location_text) == places_words(b.location_text)


def places_words(text: str) -> str:
    return " ".join(text.lower().removeprefix("the ").split())


def same_place(a: places.Place, b: places.Place) -> bool:
    """ "Juba" and "South Sudan", "the White House" and "Washington" can be one meeting's place; "Vienna" and
    "Munich" cannot."""
    return places.holds(a, b) or places.holds(b, a)


def adds_no_side(meeting: Meeting, m: Mention) -> bool:
    """A mention of groups only ("talks between U.S. and Chinese officials") is a meeting told already only
    if it brings no country that meeting lacks: "negotiators from the U.S., Canada and Mexico" are not
    the U.S. governors' meeting with the Vice President."""
    codes = {a.country for x in meeting.mentions for a, _ in x.participants.values() if a.country}
    return {a.country for a, _ in m.participants.values() if a.country} <= codes or affinity(meeting, m, None) > 0


def _same_date(a: Mention, b: Mention) -> bool:
    """The same day, or one range holding the other ("on Tuesday" within "this week")."""
    if a.date and b.date and a.date.start and b.date.start:
        return dates.holds(a.date, b.date) or dates.holds(b.date, a.date)
    return a.date_text.lower().removeprefix("on ") == b.date_text.lower().removeprefix("on ")


def affinity(meeting: Meeting, m: Mention, last: Meeting | None) -> int:
    """How much a mention agrees with a meeting: same place, same date, same people; "the meeting" is
    most likely the one just told."""
    score = 3 * (meeting is last and m.definite)
    for mention in meeting.mentions:
        score += 3 * bool(m.location and mention.location_text == m.location_text)
        score += 3 * bool(m.date_text and mention.date_text and _same_date(m, mention))
        score += 2 * len(m.named & mention.named)
    return score


def joins(last: Meeting | None, m: Mention) -> bool:
    """ "Z was also on the call", "the call with Zelensky", "the meeting at the White House included X, Y":
    "the" meeting with one more person, or with the list of who was there, and no date of its own is the
    meeting told just before."""
    pointing = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in m.trigger.children)
    places = {x.location.name for x in (last.mentions if last else []) if x.location}
    return last is not None and pointing and (len(m.named) == 1 or m.attendees) and not m.date_text \
        and not (m.location and places and m.location.name not in places) \
        and all(x.status == m.status and not calls_apart(x, m) for x in last.mentions) \
        and (m.kind == "visit") == (last.mentions[0].kind == "visit")  # "the visit of Abe" is not the talks told


def merge(mentions: list[Mention]) -> list[Meeting]:
    """Group mentions into meetings in text order. A bare "the meeting" joins the meeting last told; a
    mention with nobody in it joins the meeting it agrees with most (or, told before any, the first one
    that follows) and never starts one, unless it continues an earlier meeting ("talks will resume next
    week"), whose people it then takes."""
    meetings: list[Meeting] = []
    last: Meeting | None = None
    waiting: list[Mention] = []  # "Talks aimed at averting strikes have ended": who held them comes next
    for m in mentions:
        if m.is_reference:  # "the call" is a call told before, "the summit" a summit with the same status
            if last is not None and not calls_apart(m, last.mentions[0]) and m.status == last.mentions[0].status:
                last.mentions.append(m)
            continue
        if m.from_context and not m.participants and (source := _people_told(meetings)):
            m.participants = {a.key: (a, role) for a, role in participants_of(source)}
        if m.continuation == "continues" and not m.participants and continues_alone(m) \
                and (source := previous_held(meetings, m)):
            m.participants = {a.key: (a, "participant") for a, _ in participants_of(source)}
            meetings.append(last := Meeting([m]))
            continue
        if m.continuation == "precedes" and not m.participants and last is not None:
            # "The previous round was held in Geneva in May": the people of the talks just told
            m.participants = {a.key: (a, "participant") for a, _ in participants_of(last)}
            meetings.append(last := Meeting([m]))
            continue
        if joins(last, m):
            last.mentions.append(m)
            continue
        candidates = [x for x in meetings if compatible(x, m) and (m.named or adds_no_side(x, m))]
        if candidates:
            choice = max(enumerate(candidates), key=lambda pair: (affinity(pair[1], m, last), pair[0]))[1]
        elif m.participants:
            choice = Meeting([w for w in waiting if w.status == m.status and not calls_apart(w, m)])
            meetings.append(choice)
            waiting = []
        else:
            waiting += [m] if not meetings else []
            continue
        choice.mentions.append(m)
        last = choice
    return meetings


def continues_alone(m: Mention) -> bool:
    """ "Discussions will resume", "they will hold further talks", "the next round was held": the same people
    meet again; not "a bid to resume negotiations", where who resumes them is not said, nor "room for
    further negotiations", which says no one will."""
    t = m.trigger
    if t.dep_ == "dobj" and t.head.lemma_ in {"resume", "continue"}:
        return False
    return t.pos_ == "VERB" or t.dep_ in {"nsubj", "nsubjpass", "dobj"} and t.head.pos_ in {"VERB", "AUX"}


def _people_told(meetings: list[Meeting]) -> Meeting | None:
    """The meeting most recently told with two or more people in it."""
    told = [x for x in meetings if sum(a.kind == "person" for a, _ in participants_of(x)) >= 2]
    return max(told, key=lambda x: x.mentions[-1].trigger.i) if told else None


def previous_held(meetings: list[Meeting], m: Mention) -> Meeting | None:
    """The held meeting told last before a mention: what "further discussions" or "the next round" continue."""
    before = [(max(x.trigger.i for x in meeting.mentions if x.trigger.i < m.trigger.i), meeting)
              for meeting in meetings if meeting.status == "held" and meeting.mentions[0].trigger.i < m.trigger.i]
    return max(before, key=lambda pair: pair[0])[1] if before else None


def participants_of(meeting: Meeting) -> list[tuple[Actor, str]]:
    """Named people and organizations when there are two or more; everyone found otherwise."""
    found: dict[str, tuple[Actor, str]] = {}
    for mention in meeting.mentions:
        for key, (actor, role) in mention.participants.items():
            if key not in found or found[key][1] == "participant":
                found[key] = (actor, role)
    named = {k: v for k, v in found.items() if v[0].kind in NAMED or names_a_body(v[0])}
    return sorted((named if len(named) >= 2 else found).values(), key=lambda pair: pair[0].key)


def names_a_body(actor: Actor) -> bool:
    """ "representatives from Acme and Globex" are people of their own beside the named ones; "top U.S. and
    Chinese officials" or "his Russian counterpart" describe the named ones."""
    words = actor.name.replace(",", " ").split()[1:]
    return actor.kind == "group" and any(w[:1].isupper() and not countries.country_code(w) for w in words)


def resolve_anchors(meetings: list[Meeting]) -> None:
    """Date "two days after <another meeting>" from that meeting's resolved date."""
    by_trigger = {m.trigger.i: meeting for meeting in meetings for m in meeting.mentions}
    for meeting in meetings:
        for mention in meeting.mentions:
            if mention.anchor and mention.date is None:
                anchor_meeting = by_trigger.get(mention.anchor[0].i)
                base = next((x.date for x in anchor_meeting.mentions if x.date and x.date.start), None) \
                    if anchor_meeting else None
                mention.date = dates.shift(base, mention.anchor[1]) if base else dates.DateRange(None, None, None)


def title_mention(doc: Doc, titled: TitleMeeting, actors: DocActors, published: dt.date | None) -> Mention:
    """The meeting a title names, told from the first sentence that names one of its people."""
    keys = {a.key for a, _ in titled.participants}
    first = next((m.start for m in actors.mentions if m.actor.key in keys), 0)
    m = Mention(doc[first].sent[0], titled.kind, {a.key: (a, role) for a, role in titled.participants},
                format=titled.format, from_title=True, location=titled.location,
                location_text=titled.location.name if titled.location else None)
    if titled.same_day and published:
        m.date = dates.DateRange(published, published, "day")
    return m


def extract_meetings(doc: Doc, actors: DocActors, published: dt.date | None, pair: list[str],
                     titled: TitleMeeting | None = None) -> list[Meeting]:
    reading = Reading(actors, pair, sentence_numbers(doc))
    mentions = [m for sent in doc.sents for m in collect(sent, reading, published)]
    if titled is not None and len(doc):
        mentions.insert(0, title_mention(doc, titled, actors, published))
    meetings = merge(mentions)
    resolve_anchors(meetings)
    kept = [m for m in meetings if enough_parties(m)]
    complete(kept, doc, published)
    return kept


def is_political(actor: Actor) -> bool:
    """An office holder, a state, an organization or a delegation: a patient calling a clinic is not news."""
    if actor.kind in {"country", "organization"}:
        return True
    if actor.kind == "person":
        return bool(actor.title or actor.country)
    head = actor.name.lower().split(" from ")[0].split(" of ")[0].split()
    return bool(actor.country) or bool(head) and head[-1] in LEX["political_groups"]


def enough_parties(meeting: Meeting) -> bool:
    """A political participant, and two parties, a body that meets as one (a group, a working group), or
    a visit to a named place; a call always has two ends. Anything less is a mention we cannot vouch for
    (and the audit would quarantine it)."""
    parties = participants_of(meeting)
    if not any(is_political(a) for a, _ in parties):
        return False
    if len(parties) >= 2:
        return True
    places = {m.location.country for m in meeting.mentions if m.location}
    if meeting.kind == "visit" and places and any(a.kind != "country" or a.country not in places for a, _ in parties):
        return True  # "a visit to Riyadh", "a surprise visit to the Crown Prince in Riyadh"; not "a visit to the U.S."
    if meeting.mentions[0].kind == "call" or all(partner_preps(m.trigger, SIDES) for m in meeting.mentions):
        return False  # "negotiations with the Russian government": the other side is missing
    return any(a.kind in SPEAKING for a, _ in parties)
