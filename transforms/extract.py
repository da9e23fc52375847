"""One parsed document -> plain records of actors, meetings and claims, with character offsets.

Records are plain dicts (no spaCy objects), gathered in an Extraction (transforms/extraction.py), so they
can cross process and Dask boundaries.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Token

from transforms import countries
from transforms.actors import Actor, DocActors, fold
from transforms.attribution import Attribution, attributions
from transforms.extraction import Extraction
from transforms.lexicons import load
from transforms.meeting_context import meeting_place
from transforms.meetings import Meeting, extract_meetings, participants_of

ROLES = load("roles")
OUTLETS = load("outlets")
LINK_WINDOW = 4  # sentences back from a claim to the meeting it is about


def country_pair(text: str) -> list[str]:
    """The two countries a document is mostly about: what "both countries" refers to."""
    counts = Counter(code for _, _, code in countries.countries_in(text))
    return [code for code, _ in counts.most_common(2)]


def actor_record(actor: Actor) -> dict:
    return {"key": actor.key, "name": actor.name, "kind": actor.kind, "country": actor.country,
            "title": actor.title, "aliases": sorted(actor.aliases | {actor.name})}


def outlet_name(text: str) -> str | None:
    """ "China's state-run Xinhua news agency" -> "Xinhua"; None when the words name no outlet."""
    folded = fold(text)
    for name in sorted(OUTLETS["outlets"], key=len, reverse=True):
        if f" {name} " in f" {folded} ":
            words = text.split()
            original = [w for w in words if fold(w).strip("'’s") in name.split()]
            return " ".join(original) if original else name.title()
    if any(f" {g}" in f" {folded}" for g in OUTLETS["generic"]):
        stripped = [w for w in text.split() if w[:1].isupper() and not countries.country_code(w.rstrip("’'s"))]
        return " ".join(stripped) or None
    return None


def meeting_record(meeting: Meeting, doc: Doc, index: int) -> dict:
    main = max(meeting.mentions, key=lambda m: len(m.participants) + bool(m.location) + bool(m.date_text))
    sent = main.trigger.sent
    date = next((m.date for m in meeting.mentions if m.date and m.date.start), None)
    date_text = next((m.date_text for m in meeting.mentions if m.date_text), None)
    location, location_country = meeting_place(meeting)
    placed = location is not None or location_country is not None
    status = meeting.mentions[0].status
    fmt = next((m.format for m in meeting.mentions if m.format), None)
    if fmt is None and (placed or status == "held" and meeting.mentions[0].kind != "call"):
        fmt = "in_person"  # people who met, with no word of a call or video, met in person
    kind = next((m.kind for m in meeting.mentions if m.kind == "working_group"), None) or \
        Counter(m.kind for m in meeting.mentions).most_common(1)[0][0]
    named = [a for a, _ in participants_of(meeting) if a.kind == "person"]
    confidence = min(0.95, 0.4 + 0.15 * min(len(named), 2) + 0.1 * placed + 0.1 * bool(date_text))
    topics = list(dict.fromkeys(t for m in meeting.mentions for t in m.topics))
    start = sent.start_char
    end = start + len(sent.text.rstrip())
    return {
        "index": index, "kind": kind, "status": status, "format": fmt,
        "date_start": date.start if date else None, "date_end": date.end if date else None,
        "date_precision": date.precision if date else None, "date_text": date_text,
        "location": location, "location_country": location_country,
        "duration_minutes": next((m.duration for m in meeting.mentions if m.duration), None),
        "evidence": sent.text.rstrip(), "char_start": start, "char_end": end, "confidence": round(confidence, 2),
        "participants": [(a.key, role) for a, role in participants_of(meeting)], "topics": topics,
        "trigger_tokens": [m.trigger.i for m in meeting.mentions],
    }


class SpeakerResolver:
    """Who a speaker phrase is: a named actor, a pronoun for the last speaker, or an unnamed source."""

    def __init__(self, doc: Doc, actors: DocActors, text: str) -> None:
        self.doc, self.actors, self.text = doc, actors, text
        self.last_actor: Actor | None = None
        self.last_country: str | None = None

    def antecedent(self, pronoun: Token) -> Actor | None:
        """ "he"/"she": the last person who spoke, else the last person named; "they": the last speaker."""
        if pronoun.lower_ in {"they", "we"}:
            return self.last_actor
        if self.last_actor is not None and self.last_actor.kind == "person":
            return self.last_actor
        before = [m.actor for m in self.actors.mentions if m.actor.kind == "person" and m.start < pronoun.i]
        return max(before, key=lambda a: max(m.start for m in self.actors.mentions if m.actor is a and
                                             m.start < pronoun.i)) if before else None

    def resolve(self, a: Attribution) -> dict:
        doc = self.doc
        start, end = a.speaker_name or (0, 0)
        span = doc.char_span(start, end, alignment_mode="expand") if a.speaker_name else None
        text = span.text if span is not None else ""
        head = doc[a.speaker_token] if a.speaker_token is not None else None
        actor = self.actors.at(head) if head is not None else None
        pronoun = head is not None and head.lower_ in {"he", "she", "they", "we"} and len(span or []) == 1
        if pronoun:
            actor = self.antecedent(head)
        head_word = head.lemma_.lower() if head is not None else ""
        document_voice = head_word in ROLES["document_nouns"]
        anonymous = actor is None and not document_voice and (
            head_word in ROLES["anonymous_nouns"] or (head is not None and head.lower_ in ROLES["anonymous_nouns"]))
        found = countries.countries_in(text)
        country = (actor.country if actor else None) or (found[0][2] if found else None)
        if country is None and (anonymous or pronoun):
            country = self.last_country
        if actor is not None:
            self.last_actor = actor
        if country:
            self.last_country = country
        written = self.text[a.speaker[0]:a.speaker[1]] if a.speaker else None
        return {"speaker_text": written, "speaker_key": actor.key if actor else None,
                "speaker_country": country, "is_anonymous": bool(anonymous and not pronoun)}


def sentence_numbers(doc: Doc) -> numpy.ndarray:
    """Token -> the number of its sentence, read once per document from the token array: building the
    sentences anew for each claim made a release with 500 claims spend most of its time there."""
    return numpy.cumsum(doc.to_array(SENT_START) == 1) - 1


def link_meeting(a: Attribution, doc: Doc, mention_owner: dict[int, int], statuses: dict[int, str],
                 sentence_of: numpy.ndarray) -> int | None:
    """The meeting a claim is about: one named by "the meeting" in it, else the last held one told shortly before."""
    claim_start = min(x[0] for x in (a.speaker, a.cue, a.content) if x)
    claim_end = max(x[1] for x in (a.speaker, a.cue, a.content) if x)
    inside = [(i, m) for i, m in mention_owner.items() if claim_start <= doc[i].idx < claim_end
              and any(c.lower_ in {"the", "this", "these", "that"} for c in doc[i].children)]
    if inside:
        return inside[0][1]
    here = sentence_of[doc.char_span(a.cue[0], a.cue[1], alignment_mode="expand").start]
    before = [(i, m) for i, m in mention_owner.items() if doc[i].idx < claim_end and statuses[m] == "held"
              and here - sentence_of[i] <= LINK_WINDOW]
    return before[-1][1] if before else None


def publisher_country(outlet: str | None) -> str | None:
    folded = fold(outlet or "")
    return next((code for words, code in OUTLETS["publishers"].items() if words in folded), None)


def extract(doc: Doc, doc_id: str, published: dt.date | None, outlet: str | None = None) -> Extraction:
    """Everything the warehouse needs from one document."""
    text = doc.text  # rebuilt from every token on each access: read it once
    actors = DocActors(doc)
    actors.default_country(publisher_country(outlet))
    pair = country_pair(text)
    meetings = extract_meetings(doc, actors, published, pair)
    out = Extraction(doc_id)
    mention_owner: dict[int, int] = {}
    statuses: dict[int, str] = {}
    used: dict[str, Actor] = {}
    for index, meeting in enumerate(meetings):
        record = meeting_record(meeting, doc, index)
        for token in record.pop("trigger_tokens"):
            mention_owner[token] = index
        statuses[index] = record["status"]
        for actor, _ in participants_of(meeting):
            used[actor.key] = actor
        out.meetings.append(record)
    mention_owner = dict(sorted(mention_owner.items()))
    resolver = SpeakerResolver(doc, actors, text)
    sentence_of = sentence_numbers(doc)
    for a in attributions(doc, text):
        speaker = resolver.resolve(a)
        if speaker["speaker_key"]:
            used[speaker["speaker_key"]] = actors.actors[speaker["speaker_key"]]
        spans = [x for x in (a.speaker, a.cue, a.content) if x]
        relayed = outlet_name(text[a.relayed_via[0]:a.relayed_via[1]]) if a.relayed_via else None
        if a.cue_lemma == "according to" and relayed:
            speaker["is_anonymous"] = False
        out.claims.append({
            **speaker, "cue": a.cue_lemma, "content": text[a.content[0]:a.content[1]],
            "quote_type": a.quote_type, "relayed_via": relayed,
            "meeting_index": link_meeting(a, doc, mention_owner, statuses, sentence_of),
            "char_start": min(s[0] for s in spans), "char_end": max(s[1] for s in spans),
            "speaker_start": a.speaker[0] if a.speaker else None, "speaker_end": a.speaker[1] if a.speaker else None,
            "cue_start": a.cue[0], "cue_end": a.cue[1], "content_start": a.content[0], "content_end": a.content[1],
            "confidence": 0.5 if a.weak else 0.8 if a.quote_type == "indirect" else 0.9,
        })
    out.actors = [actor_record(a) for a in used.values()]
    return out
