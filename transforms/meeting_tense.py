"""Which way a meeting's date words read: the tense of the clause they stand in. "Met on Monday" is the last
Monday before publication, "will meet on Monday" the next one; a meeting told as held is never dated after
its publication. Used by transforms/meetings.py once a mention's status is known.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from spacy.tokens import Token

from transforms import dates
from transforms.meeting_setting import WORDS, clause_verb, date_phrases

if TYPE_CHECKING:
    from transforms.meetings import Mention

FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d"}


def tense(trigger: Token, verb: Token | None) -> str | None:
    """ "past", "future" or None (the clause does not say) for a meeting mention: "met", "has met", "was
    meeting" are past; "will meet", "would hold talks", "talks that will include", and the present of news
    ("the talks open on Monday", "are meeting on Wednesday": a date in the present is not behind) are future. A noun
    trigger takes the tense of a verb that holds or attends it ("held talks"), not of one that merely
    talks about it ("spoke about an April meeting")."""
    if trigger.pos_ == "VERB":
        return _verb_tense(trigger)
    for clause in (c for c in trigger.children if c.dep_ in {"relcl", "acl"}):
        if _verb_tense(clause) == "future":
            return "future"
    if verb is not None and (trigger.dep_ in {"nsubj", "nsubjpass"} or verb.lemma_.lower() in WORDS["event_verbs"]):
        return _verb_tense(verb)
    return None


def _verb_tense(verb: Token) -> str | None:
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ in FUTURE_AUX for a in auxiliaries) or _scheduled(verb):
        return "future"
    perfect = any(a.lemma_ == "have" for a in auxiliaries) and verb.tag_ == "VBN"
    was = any(a.lemma_ == "be" and a.tag_ == "VBD" for a in auxiliaries)
    if verb.tag_ == "VBD" or perfect or was:
        return "past"
    present = verb.tag_ in {"VBZ", "VBP"} and not auxiliaries or verb.tag_ == "VBG" and any(
        a.lemma_ == "be" and a.tag_ in {"VBZ", "VBP"} for a in auxiliaries)
    return "future" if present else None  # "the talks open on Monday", "are meeting on Wednesday"


def _scheduled(verb: Token) -> bool:
    """ "are due in Tokyo", "is scheduled to", "expected to meet", "agreed to meet": what is still to come."""
    words = {verb.lemma_.lower()} | {c.lemma_.lower() for c in verb.children if c.dep_ in {"acomp", "oprd", "attr"}}
    if verb.dep_ == "xcomp":
        words.add(verb.head.lemma_.lower())
    return bool(words & WORDS["schedule_words"])


def resolve_date(m: Mention, published: dt.date | None, verb: Token | None = None) -> None:
    """The date range of a mention's date words, read forward when they look ahead: the tense of their own
    clause, else of the mention's clause, else the mention's status. One dated from another meeting waits."""
    if m.date_text and not m.anchor:
        when = _tense_of_date(m) or tense(m.trigger, verb)
        future = when == "future" or when is None and m.status == "planned"
        m.date = dates.resolve(m.date_text, published, future=future)
        if future and m.status == "held" and m.date.start and published and m.date.start > published:
            m.date = dates.resolve(m.date_text, published)  # a meeting told as held lies behind publication


def _tense_of_date(m: Mention) -> str | None:
    """The tense of the clause a mention's date words stand in, when they stand in a clause of their own
    ("arrived on Thursday to meet": Thursday is past, though the meeting came after the arrival)."""
    sent = m.trigger.sent
    phrase = next((d for d in date_phrases(sent) if d.text == m.date_text), None)
    clause = clause_verb(phrase.root) if phrase is not None else None
    return _verb_tense(clause) if clause is not None and clause != m.trigger else None
