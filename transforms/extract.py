"""One parsed document -> plain records of actors, meetings and claims, with character offsets.

Records are plain dicts (no spaCy objects), gathered in an Extraction (transforms/extraction.py), so they
can cross process and Dask boundaries.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy
from spacy.tokens import Doc

from transforms import countries
from transforms.actors import Actor, DocActors
from transforms.attribution import attributions
from transforms.claim_meetings import MeetingLinker
from transforms.extraction import Extraction
from transforms.focus import for_model, parse
from transforms.ingest import Document
from transforms.knowledge import Knowledge, Learned, grown
from transforms.links import find_links
from transforms.meeting_context import meeting_place
from transforms.meeting_titles import read_title
from transforms.meetings import Meeting, extract_meetings, meeting_format, participants_of, sentence_numbers
from transforms.nlp import lexical_starts, load, turn
from transforms.outlets import publisher_country
from transforms.speakers import SpeakerResolver, home_country

BULLETS = "-*•· \t\n"  # a list item's bullet and the space after it, not part of a meeting's evidence


def country_pair(text: str) -> list[str]:
    """The two countries a document is mostly about: what "both countries" refers to."""
    counts = Counter(code for _, _, code in countries.countries_in(text))
    return [code for code, _ in counts.most_common(2)]


def actor_record(actor: Actor) -> dict:
    return {"key": actor.key, "name": actor.name, "kind": actor.kind, "country": actor.country,
            "title": actor.title, "aliases": sorted(actor.aliases | {actor.name})}


def meeting_record(meeting: Meeting, doc: Doc, index: int) -> dict:
    main = max(meeting.mentions, key=lambda m: len(m.participants) + bool(m.location) + bool(m.date_text))
    sent = main.trigger.sent
    date = next((m.date for m in meeting.mentions if m.date and m.date.start), None)
    date_text = next((m.date_text for m in meeting.mentions if m.date_text), None)
    location, location_country = meeting_place(meeting)
    placed = location is not None or location_country is not None
    status = meeting.mentions[0].status
    fmt = meeting_format(meeting)
    kind = next((m.kind for m in meeting.mentions if m.kind == "working_group"), None) or \
        Counter(m.kind for m in meeting.mentions).most_common(1)[0][0]
    named = [a for a, _ in participants_of(meeting) if a.kind == "person"]
    confidence = min(0.95, 0.4 + 0.15 * min(len(named), 2) + 0.1 * placed + 0.1 * bool(date_text))
    topics = list(dict.fromkeys(t for m in meeting.mentions for t in m.topics))
    evidence = sent.text.rstrip().lstrip(BULLETS)  # from the first word: a list item's bullet is not evidence
    end = sent.start_char + len(sent.text.rstrip())
    start = end - len(evidence)
    return {
        "index": index, "kind": kind, "status": status, "format": fmt,
        "date_start": date.start if date else None, "date_end": date.end if date else None,
        "date_precision": date.precision if date else None, "date_text": date_text,
        "location": location, "location_country": location_country,
        "duration_minutes": next((m.duration for m in meeting.mentions if m.duration), None),
        "evidence": evidence, "char_start": start, "char_end": end, "confidence": round(confidence, 2),
        "participants": [(a.key, role) for a, role in participants_of(meeting)], "topics": topics,
        "trigger_tokens": [m.trigger.i for m in meeting.mentions],
    }


def extract(doc: Doc, doc_id: str, published: dt.date | None, outlet: str | None = None,
            title: str | None = None, source: str | None = None, known: Knowledge | None = None) -> Extraction:
    """Everything the warehouse needs from one document (whose title, when it is not the text's first line,
    may name the meeting that remarks or a joint statement are about). `source` is the document's own text
    when the parser read it with markup blanked: what is written is cut from it. `known`: who is who
    beyond the dictionary (transforms/knowledge.py)."""
    text = doc.text  # rebuilt from every token on each access: read it once
    actors = DocActors(doc, published, known)
    titled = read_title(title, actors)
    actors.default_country(publisher_country(outlet))
    pair = country_pair(text)
    meetings = extract_meetings(doc, actors, published, pair, titled)
    out = Extraction(doc_id)
    mention_owner: dict[int, int] = {}
    statuses: dict[int, str] = {}
    participants: dict[int, set[str]] = {}
    used: dict[str, Actor] = {}
    for index, meeting in enumerate(meetings):
        record = meeting_record(meeting, doc, index)
        for token in record.pop("trigger_tokens"):
            mention_owner[token] = index
        statuses[index] = record["status"]
        participants[index] = {key for key, _ in record["participants"]}
        for actor, _ in participants_of(meeting):
            used[actor.key] = actor
        out.meetings.append(record)
    out.links = find_links(meetings)
    sentence_of = sentence_numbers(doc)
    resolver = SpeakerResolver(doc, actors, text, home_country(text, outlet), sentence_of)
    linker = MeetingLinker(doc, mention_owner, statuses, participants, numpy.cumsum(lexical_starts(doc)) - 1)
    found = attributions(doc, text)
    for n, a in enumerate(found):
        speaker = resolver.resolve(a, found[n + 1] if n + 1 < len(found) else None)
        if speaker["speaker_key"]:
            used[speaker["speaker_key"]] = actors.actors[speaker["speaker_key"]]
        spans = [x for x in (a.speaker, a.cue, a.content) if x]
        out.claims.append({
            **speaker, "cue": a.cue_lemma, "content": text[a.content[0]:a.content[1]],
            "quote_type": a.quote_type,
            "meeting_index": linker.link(a, speaker["speaker_key"]),
            "char_start": min(s[0] for s in spans), "char_end": max(s[1] for s in spans),
            "speaker_start": a.speaker[0] if a.speaker else None, "speaker_end": a.speaker[1] if a.speaker else None,
            "cue_start": a.cue[0], "cue_end": a.cue[1], "content_start": a.content[0], "content_end": a.content[1],
            "confidence": 0.5 if a.weak else 0.8 if a.quote_type == "indirect" else 0.9,
        })
    out.actors = [actor_record(a) for a in used.values()]
    return cut_from(out, source) if source is not None and source != text else out


def cut_from(out: Extraction, source: str) -> Extraction:
    """Evidence, contents and speakers as the source text has them at their offsets."""
    for record in out.meetings + out.links:
        record["evidence"] = source[record["char_start"]:record["char_end"]]
    for claim in out.claims:
        claim["content"] = source[claim["content_start"]:claim["content_end"]]
        if claim["speaker_start"] is not None:
            claim["speaker_text"] = source[claim["speaker_start"]:claim["speaker_end"]]
    return out


def extract_batch(documents: list[Document], model: str, focus: bool,
                  learned: Learned | None = None) -> list[Extraction]:
    """Parse a batch with spaCy and read meetings and claims from each parse, knowing the people the
    warehouse learned before the run (`learned`). Safe in threads of one process: each batch parses in a
    memory zone of its own, taken in turn (transforms/nlp.py: turn)."""
    nlp = load(model)
    known = grown(learned)
    with turn(model), nlp.memory_zone():  # forget this batch's strings afterwards: a long-lived worker stays flat
        docs = parse(nlp, [d.text for d in documents], for_model(model) if focus else None)
        return [extract(parsed, d.doc_id, d.published_at, d.outlet, d.title, d.text, known)
                for parsed, d in zip(docs, documents)]
