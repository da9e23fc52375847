"""An evidence sentence in its context: a few whole sentences on each side, cut from the text around it.

The SQL reads a window of characters on each side of the evidence (documents.text by offsets); this keeps
whole sentences of it, so a reader sees what the report said just before and after.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# a sentence ends at . ! or ? (and any closing quote or bracket) before a space, or at a line break
BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+|\n+")
ELLIPSIS = "… "


@dataclass(frozen=True)
class InContext:
    before: str
    evidence: str
    after: str


def last_sentences(text: str, count: int, whole: bool) -> str:
    """The last `count` sentences of `text`; `whole` says `text` starts at a sentence (the document's start)."""
    ends = [m.end() for m in BOUNDARY.finditer(text)]
    if len(ends) >= count + 1:
        return ELLIPSIS + text[ends[-count - 1]:]
    if whole or not ends:
        return text if whole else ELLIPSIS + text.lstrip()
    return ELLIPSIS + text[ends[0]:]


def first_sentences(text: str, count: int, whole: bool) -> str:
    """The first `count` sentences of `text`; `whole` says `text` runs to the document's end."""
    ends = [m.start() for m in BOUNDARY.finditer(text) if m.start() > 0]
    if len(ends) >= count:
        return text[:ends[count - 1]].rstrip() + " …"
    return text if whole else text.rstrip() + " …"


def in_context(before: str, evidence: str, after: str, from_start: bool, to_end: bool,
               sentences: int = 2) -> InContext:
    """The evidence with up to `sentences` whole sentences before and after it."""
    return InContext(last_sentences(before, sentences, from_start), evidence,
                     first_sentences(after, sentences, to_end))
