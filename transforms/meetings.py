"""Sentences -> meeting records: find trigger words, read their attributes, merge repeated mentions.

A meeting is usually mentioned several times ("talks in Vienna", "the initial meeting between
Mayorkas and Wang", "the meeting"); each mention adds what it knows, and mentions that conflict
(another place, another date, other people) are separate meetings.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from transforms import countries, dates, places
from transforms.actors import Actor, DocActors, group_phrase, groups_for
from transforms.lexicons import load
from transforms.meeting_attributes import attach, owner
from transforms.meeting_context import complete
from transforms.meeting_tense import resolve_date

LEX = load("meetings")
PARTNER_PREPS = {"with", "between", "among", "by", "of"}
LIGHT_VERBS = {"hold", "have", "engage", "conduct", "attend", "participate", "join", "begin", "start", "open",
               "conclude", "launch", "resume", "host", "chair", "lead", "take", "wrap", "continue", "co-chair",
               "welcome", "receive", "invite"}
HOSTING = {"host", "welcome", "receive", "invite"}  # subject hosts, object visits
DEFINITE = {"the", "this", "these", "that", "those", "their", "its", "his", "her", "our"}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "half an": 0.5, "half a": 0.5, "several": None}
DURATION = re.compile(
    r"\b(?:approximately|about|around|nearly|almost|more than|over|some|roughly|just over|just under)?\s*"
    r"(\d+(?:\.\d+)?|half an?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"[\s-](hours?|minutes?)\b(?:[\s-]long)?", re.IGNORECASE)


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
    their: bool = False  # "their meeting in Paris": the people of the meeting the text is about

    @property
    def named(self) -> set[str]:
        return {k for k, (a, _) in self.participants.items() if a.kind in {"person", "organization"}}

    @property
    def is_reference(self) -> bool:
        """ "the meeting", "these discussions": points back to a meeting already told."""
        has_det = any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE for c in self.trigger.children)
        return has_det and not (self.participants or self.location or self.date_text)


@dataclass
class Meeting:
    mentions: list[Mention]

    def __getattr__(self, name: str):
        for mention in self.mentions:
            value = getattr(mention, name)
            if value:
                return value
        return None


def is_trigger(token: Token, actors: DocActors) -> str | None:
    """The meeting kind a word announces, or None; "press conference" and "meet the needs" are not meetings."""
    lemma = token.lemma_.lower()
    if token.pos_ in {"NOUN", "PROPN"}:
        kind = LEX["nouns"].get(token.lower_) or LEX["nouns"].get(lemma)
        if not kind or any(c.lower_ in LEX["not_meetings"] for c in token.lefts if c.dep_ in {"compound", "amod", "nmod"}):
            return None
        if token.pos_ == "PROPN" and kind != "summit":
            return None
        if lemma in LEX["needs_partner"] or token.lower_ in LEX["needs_partner"]:
            partners = [c for c in token.children if c.dep_ == "prep" and c.lower_ in {"with", "between", "among"}]
            phone = any(c.lower_ in LEX["phone"] or c.lower_ in LEX["virtual"] for c in token.lefts)
            theirs = any(c.dep_ == "poss" and c.lower_ in {"their", "our"} for c in token.children)
            if not partners and not phone and not theirs:
                return None
        if lemma == "call" and any(c.lower_ in {"for", "on"} for c in token.children):
            return None
        return kind
    if token.pos_ == "VERB":
        kind = LEX["verbs"].get(lemma)
        if not kind:
            return None
        objects = [c for c in token.children if c.dep_ in {"dobj", "pobj"}]
        partners = [c for c in token.children if c.dep_ == "prep" and c.lower_ in {"with", "between", "among"}]
        actor_objects = [o for o in objects if actors.at(o) or group_phrase(o) is not None]
        if lemma == "convene":
            return kind
        if lemma == "visit":
            return kind if objects and (actor_objects or objects[0].ent_type_ in {"GPE", "LOC", "FAC"}) else None
        if lemma in HOSTING | {"call"}:
            return kind if actor_objects and not any(c.dep_ in {"xcomp", "oprd", "ccomp"} for c in token.children) else None
        if lemma in {"talk", "speak"}:
            partner_text = " ".join(p.right_edge.doc[p.i:p.right_edge.i + 1].text.lower() for p in partners)
            if not partners or any(w in partner_text for w in ("reporters", "press", "journalists", "media")):
                return None
            return kind
        if lemma in {"meet", "gather"}:
            plural_subject = any(c.dep_ == "nsubj" and (c.tag_ in {"NNS", "NNPS"} or any(x.dep_ == "conj" for x in c.children))
                                 for c in token.children)
            return kind if partners or actor_objects or (plural_subject and not objects) else None
        return kind if partners else None
    return None


def governing_verb(token: Token) -> Token | None:
    """The verb whose argument the trigger is: "engaged" in "engaged in talks", "lasted" for "the meeting lasted"."""
    if token.pos_ == "VERB":
        return token
    node = token
    for _ in range(3):
        if node.dep_ in {"pobj", "prep", "dobj", "nsubj", "nsubjpass", "attr", "conj"} and node.head != node:
            node = node.head
            if node.pos_ in {"VERB", "AUX"}:
                return node
        else:
            return None
    return None


def collect(sent: Span, actors: DocActors, published: dt.date | None, pair: list[str]) -> list[Mention]:
    """Every meeting mention in one sentence with its participants, place, date, format, status and topics."""
    found = [(t, is_trigger(t, actors)) for t in sent]
    triggers = [t for t, kind in found if kind]
    kinds = {t.i: kind for t, kind in found if kind}
    # a trigger inside another's phrase ("convene for further discussions") is the same meeting
    nested = {t.i for t in triggers if t.head in triggers and t.head != t
              or (t.head.dep_ == "prep" and t.head.head in triggers)}
    triggers = [t for t in triggers if t.i not in nested]
    if not triggers:
        return []
    governors = {t.i: governing_verb(t) for t in triggers}
    mentions = {t.i: Mention(t, kinds[t.i]) for t in triggers}
    for t in triggers:
        m = mentions[t.i]
        _participants(m, t, governors[t.i], actors, pair, triggers, governors)
        m.their = not m.participants and any(c.dep_ == "poss" and c.lower_ in {"their", "our"} for c in t.children)
        if any("working group" in a.name.lower() for a, _ in m.participants.values()):
            m.kind = "working_group"
    attach(sent, triggers, governors, mentions)
    for m in mentions.values():
        _status(m, governors[m.trigger.i])
        _format(m, governors[m.trigger.i])
        m.topics = _topics(m.trigger, governors[m.trigger.i])
        resolve_date(m, published, governors[m.trigger.i])
    _duration(sent, mentions, governors)
    return [mentions[t.i] for t in triggers]


def _participants(m: Mention, t: Token, verb: Token | None, actors: DocActors, pair: list[str],
                  triggers: list[Token], governors: dict[int, Token | None]) -> None:
    """Who took part: the trigger's own partners, and the arguments of the verb it is the object of."""
    roots: list[tuple[Token, str]] = []
    light = verb is not None and verb != t and t.dep_ != "nsubj" and verb.lemma_ in LIGHT_VERBS
    for head in [t] + ([verb] if verb is not None and verb != t else []):
        for child in head.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and (head == t or light) and head.pos_ in {"VERB", "AUX"}:
                role = "host" if head.lemma_ in HOSTING else "visitor" if m.kind == "visit" else "participant"
                roots.append((child, role))
            elif child.dep_ == "dobj" and (head == t or light and head.lemma_ in HOSTING):
                roots.append((child, "visitor" if head.lemma_ in HOSTING else "participant"))
            elif child.dep_ == "prep" and child.lower_ in PARTNER_PREPS and (child.lower_ != "of" or head == t):
                role = "visitor" if child.lower_ == "by" and m.kind == "visit" else "participant"
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    if head == t or owner(pobj, triggers, governors) == t:
                        roots.append((pobj, role))
            elif child.dep_ in {"poss", "compound", "nmod", "amod"} and head == t:
                roots.append((child, "visitor" if m.kind == "visit" else "participant"))
                for _, _, code in countries.countries_in(child.text):  # "U.S.-China talks"
                    party = Actor(countries.country_name(code) or code, "country", code)
                    m.participants.setdefault(party.key, (party, "participant"))
    if t.pos_ == "VERB" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children):
        roots += [(x, "participant") for x in _infinitive_subject(t)]
    others = {x.i for x in triggers if x != t}
    if t.dep_ == "pobj" and t.head.lower_ in {"at", "during", "on the sidelines of"} and t.head.head.pos_ == "VERB":
        # "the commitments X and Y made at the Woodside Summit": who acted at an event took part in it
        roots += [(c, "participant") for c in t.head.head.children if c.dep_ == "nsubj"]
    own = actors.at(t)  # "the Woodside Summit" is the meeting, not one of its parties
    for root, role in roots:
        for token in _region(root, others):
            actor = actors.at(token)
            if actor is not None and actor is not own and actor.kind in {"person", "organization", "country"}:
                if actor.kind == "country" and token.dep_ in {"compound", "amod", "nmod", "poss"}:
                    continue  # "U.S. officials", "China's minister": a modifier, not a party
                m.participants.setdefault(actor.key, (actor, role))
            elif actor is None and token.pos_ == "NOUN":
                phrase = group_phrase(token)
                if phrase is not None and not any(actors.at(x) and actors.at(x).kind == "person" for x in phrase):
                    for group in groups_for(phrase, pair):
                        m.participants.setdefault(group.key, (group, role))


def _infinitive_subject(verb: Token) -> list[Token]:
    """ "for scientists from both countries to convene": the noun phrase before "to"."""
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i == 0:
        return []
    node = verb.doc[to.i - 1]
    while node.dep_ in {"pobj", "prep"} and node.head.lower_ != "for" and node.head != node:
        node = node.head
    return [node] if node.pos_ in {"NOUN", "PROPN"} else []


def _region(root: Token, stop: set[int]) -> list[Token]:
    """The phrase of a participant, without relative clauses, topics, or another meeting's phrase."""
    out, stack = [], [root]
    while stack:
        token = stack.pop()
        if token.i in stop:
            continue
        out.append(token)
        stack += [c for c in token.children if c.dep_ not in {"relcl", "acl", "advcl", "ccomp", "xcomp", "prep"}
                  or (c.dep_ == "prep" and c.lower_ in {"from", "of"})]
    return sorted(out, key=lambda x: x.i)


def _words_near(t: Token, verb: Token | None) -> set[str]:
    words = {c.lower_ for c in t.subtree} | {t.lower_}
    if verb is not None:
        words |= {c.lower_ for c in verb.children} | {verb.lemma_.lower()}
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"by", "via", "over"}):
            words |= {x.lower_ for x in prep.subtree}
    return words


def _status(m: Mention, verb: Token | None) -> None:
    chain, node = [m.trigger], m.trigger
    for _ in range(4):
        if node.head == node:
            break
        node = node.head
        chain.append(node)
    cues = {c.lower_ for t in chain for c in t.children if c.dep_ in {"aux", "amod", "advmod", "neg"}}
    lemmas = {t.lemma_.lower() for t in chain}
    date_words = set((m.date_text or "").lower().split())
    if lemmas & LEX["cancelled_heads"] or cues & LEX["cancelled_heads"]:
        m.status = "cancelled"
    elif (cues | lemmas | date_words) & LEX["planned_heads"] or (verb is not None and verb.tag_ == "VB" and any(
            c.lower_ == "to" for c in verb.children)):
        m.status = "planned"


def _format(m: Mention, verb: Token | None) -> None:
    words = _words_near(m.trigger, verb)
    if words & LEX["virtual"]:
        m.format = "virtual"
    elif m.kind == "call" or words & {"phone", "telephone", "telephonic"}:
        m.format = "phone"


def _topics(t: Token, verb: Token | None) -> list[str]:
    """Lower-case labels for what the meeting "focused on", "discussed" or "addressed"."""
    sources: list[Token] = []
    for head in [t] + ([verb] if verb is not None else []):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in {"on", "about", "over", "regarding", "concerning"}:
                sources.append(child)
            elif child.dep_ in {"advcl", "xcomp", "conj", "relcl", "acl"} and child.lemma_.lower() in LEX["topic_cues"]:
                sources.append(child)
        if head.lemma_.lower() in LEX["topic_cues"] and head == verb:
            sources += [c for c in head.children if c.dep_ in {"dobj", "prep"}]
    labels: list[str] = []
    for source in sources:
        for token in source.subtree:
            if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ == "compound" or token.ent_type_ in {"DATE", "TIME"}:
                continue
            words = [c for c in token.lefts if c.dep_ == "compound"] + [token]
            label = " ".join(w.lower_ for w in words)
            if token.lower_ not in LEX["generic_topics"] and label not in labels and len(label) > 2:
                labels.append(label)
    return labels[:8]


def _duration(sent: Span, mentions: dict[int, Mention], governors: dict[int, Token | None]) -> None:
    for match in DURATION.finditer(sent.text):
        amount = match.group(1).lower()
        value = NUMBERS.get(amount) if amount in NUMBERS else float(amount)
        if value is None:
            continue
        minutes = round(value * (60 if match.group(2).lower().startswith("hour") else 1))
        span = sent.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        holder = owner(span.root, [mentions[i].trigger for i in mentions], governors)
        if holder is None and len(mentions) == 1:
            holder = next(iter(mentions.values())).trigger
        if holder is not None and span.root.head.lemma_ in LEX["duration_verbs"] | {holder.lemma_}:
            mentions[holder.i].duration = minutes


def compatible(meeting: Meeting, m: Mention) -> bool:
    """Two mentions are one meeting unless they disagree on place, date, format, status or people."""
    for mention in meeting.mentions:
        if m.location and mention.location and not places.holds(m.location, mention.location) \
                and not places.holds(mention.location, m.location):
            return False
        if m.date_text and mention.date_text and not _same_date(m, mention):
            return False
        if m.format and mention.format and m.format != mention.format:
            return False
        if m.status != mention.status:
            return False
        if m.anchor or mention.anchor:
            return False
    named = set().union(*(x.named for x in meeting.mentions))
    if m.named and named and not (m.named & named):
        return False
    countries = {a.country for x in meeting.mentions for a, _ in x.participants.values() if a.country}
    mine = {a.country for a, _ in m.participants.values() if a.country}
    return not (countries and mine and not mine <= countries and not countries <= mine)


def _same_date(a: Mention, b: Mention) -> bool:
    if a.date and b.date and a.date.start and b.date.start:
        return dates.holds(a.date, b.date) or dates.holds(b.date, a.date)
    return a.date_text.lower().removeprefix("on ") == b.date_text.lower().removeprefix("on ")


def affinity(meeting: Meeting, m: Mention) -> int:
    """How much a mention agrees with a meeting: same place, same date, same people."""
    score = 0
    for mention in meeting.mentions:
        score += 3 * bool(m.location and mention.location_text == m.location_text)
        score += 3 * bool(m.date_text and mention.date_text and _same_date(m, mention))
        score += 2 * len(m.named & mention.named)
    return score


def merge(mentions: list[Mention]) -> list[Meeting]:
    """Group mentions into meetings in text order. A bare "the meeting" joins the meeting last told; a
    mention with nobody in it joins the meeting it agrees with most and never starts one."""
    meetings: list[Meeting] = []
    last: Meeting | None = None
    for m in mentions:
        if m.is_reference:
            if last is not None:
                last.mentions.append(m)
            continue
        if m.their and meetings:
            m.participants = {a.key: (a, role) for a, role in participants_of(meetings[0])}
        candidates = [x for x in meetings if compatible(x, m)]
        if candidates:
            ranked = max(enumerate(candidates), key=lambda pair: (affinity(pair[1], m), pair[0]))
            choice = ranked[1]
        elif m.participants:
            choice = Meeting([])
            meetings.append(choice)
        else:
            continue
        choice.mentions.append(m)
        last = choice
    return meetings


def participants_of(meeting: Meeting) -> list[tuple[Actor, str]]:
    """Named people and organizations when there are any; groups and countries only otherwise."""
    found: dict[str, tuple[Actor, str]] = {}
    for mention in meeting.mentions:
        for key, (actor, role) in mention.participants.items():
            if key not in found or found[key][1] == "participant":
                found[key] = (actor, role)
    named = {k: v for k, v in found.items() if v[0].kind in {"person", "organization"}}
    return list((named or found).values())


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


def extract_meetings(doc: Doc, actors: DocActors, published: dt.date | None, pair: list[str]) -> list[Meeting]:
    mentions = [m for sent in doc.sents for m in collect(sent, actors, published, pair)]
    meetings = merge(mentions)
    resolve_anchors(meetings)
    kept = [m for m in meetings if enough_parties(m)]
    complete(kept, doc, published)
    return kept


def enough_parties(meeting: Meeting) -> bool:
    """Two parties, a body that meets as one (a group, a working group), or a visit to a named place;
    anything less is a mention we cannot vouch for (and the audit would quarantine it)."""
    parties = participants_of(meeting)
    return len(parties) >= 2 or any(a.kind in {"group", "organization"} for a, _ in parties) \
        or meeting.kind == "visit" and any(m.location for m in meeting.mentions)
