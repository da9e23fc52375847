"""Which meeting a claim is about, from where the claim stands in the text.

In order of evidence:
  1. the claim names a meeting as known context: "the meeting was productive", "their talks", "his visit";
  2. the saying is set at a meeting: "told reporters after the talks", "said during the meeting", "at the
     summit", "on the sidelines of the summit", "after meeting President X", "following talks with";
  3. the speaker took part in a meeting the text told before (a participant speaking about it later on);
  4. else the last held meeting told a few sentences before.
Meetings are known by their trigger tokens (the "talks", "met", "visit" that meetings.py read them from).
"""
from __future__ import annotations

import numpy
from spacy.tokens import Doc, Token

from transforms.attribution import Attribution
from transforms.lexicons import load

CUES = load("cues")
DEFINITE = {"the", "this", "these", "that", "those", "their", "his", "her", "its", "our", "my", "your"}
# sentences back from a claim to the last held meeting it may be about, counted by punctuation and line breaks
# (nlp.lexical_starts): the parser cuts lists and HTML into more or fewer sentences, and a focused parse
# (focus.py) leaves some unparsed, so its own count would link otherwise on the same text
LINK_WINDOW = 4


def setting_of(trigger: Token) -> Token | None:
    """The preposition that sets something at a meeting: "after the talks", "after meeting X", "on the
    sidelines of the summit"; None when the meeting word is not in such a phrase."""
    head = trigger.head
    if head.lower_ == "of" and head.head.lower_ in CUES["sidelines"]:
        head = head.head.head  # "on the sidelines of the summit": the preposition before "sidelines"
    return head if head.dep_ == "prep" and head.lower_ in CUES["settings"] and head.i != trigger.i else None


class MeetingLinker:
    """Links the claims of one document to its meetings."""

    def __init__(self, doc: Doc, mention_owner: dict[int, int], statuses: dict[int, str],
                 participants: dict[int, set[str]], sentence_of: numpy.ndarray) -> None:
        """`sentence_of`: token -> number of its sentence as LINK_WINDOW counts them."""
        self.doc, self.statuses, self.participants, self.sentence_of = doc, statuses, participants, sentence_of
        self.triggers = sorted(mention_owner.items())  # (token index, meeting index) in reading order
        self.setting = {i: setting_of(doc[i]) is not None for i, _ in self.triggers}

    def link(self, a: Attribution, speaker_key: str | None) -> int | None:
        doc, sentence_of = self.doc, self.sentence_of
        claim_start = min(x[0] for x in (a.speaker, a.cue, a.content) if x)
        claim_end = max(x[1] for x in (a.speaker, a.cue, a.content) if x)
        cue = doc.char_span(a.cue[0], a.cue[1], alignment_mode="expand")
        here = sentence_of[cue.start]
        named = [m for i, m in self.triggers if claim_start <= doc[i].idx < claim_end
                 and any(c.lower_ in DEFINITE and c.dep_ in {"det", "poss"} for c in doc[i].children)]
        if named:
            return named[0]
        settings = [(abs(i - cue.start), m) for i, m in self.triggers if sentence_of[i] == here and self.setting[i]]
        if settings:
            return min(settings)[1]
        told = [(i, m) for i, m in self.triggers if doc[i].idx < claim_end]
        took_part = [m for _, m in told if speaker_key is not None and speaker_key in self.participants[m]]
        if took_part:
            return took_part[-1]
        held = [m for i, m in told if self.statuses[m] == "held" and here - sentence_of[i] <= LINK_WINDOW]
        return held[-1] if held else None
