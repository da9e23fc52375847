"""When and where a meeting took place: the date and place phrases of a sentence, each given to the
meeting mention it belongs to.

Kept apart from transforms/meetings.py (which finds the mentions and their participants) so that the
rules for triggers and the rules for dates and places can change independently.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from transforms import dates, places
from transforms.lexicons import load

if TYPE_CHECKING:
    from transforms.meetings import Mention

LEX = load("meetings")
PLACE_PREPS = {"in", "at", "to"}


def owner(attribute: Token, triggers: list[Token], governors: dict[int, Token | None]) -> Token | None:
    """Which trigger an attribute belongs to: the trigger its phrase hangs on ("talks between officials in
    Vienna"), else the nearest trigger of the verb it hangs on ("followed a meeting last month")."""
    node = attribute
    for depth in range(4):
        head = node.head
        if head == node:
            return None
        if head in triggers:
            return head
        governed = [t for t in triggers if governors.get(t.i) == head]
        if governed and (depth == 0 or depth == 1 and node.dep_ == "prep"):
            before = [t for t in governed if t.i < attribute.i]
            return before[-1] if before else governed[0]
        if head.pos_ in {"VERB", "AUX"} or node.dep_ not in {"pobj", "prep", "compound", "npadvmod", "nmod", "conj"}:
            return None
        node = head
    return None


def relative_anchor(ent: Span, triggers: list[Token]) -> tuple[Token, Token, int] | None:
    """ "A occurred two days after B": B is dated from A, offset -2 days."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].lower_ not in {"after", "before"}:
        return None
    offset = dates.find_relative_offset(doc[ent.start:ent.end + 1].text)
    later = [t for t in triggers if ent.end < t.i <= ent.end + 4]
    earlier = [t for t in triggers if t.i < ent.start]
    if offset is None or not later or not earlier:
        return None
    return later[0], earlier[-1], -offset


def place_owner(ent: Span, triggers: list[Token], governors: dict[int, Token | None]) -> Token | None:
    root = ent.root
    if root.dep_ in {"compound", "nmod"} and root.head in triggers:
        return root.head
    if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS:
        holder = owner(root, triggers, governors)
        if holder is not None and (root.head.lower_ != "to" or LEX["nouns"].get(holder.lower_) == "visit"
                                   or holder.lemma_ == "visit"):
            return holder
    if root.dep_ == "dobj" and root.head in triggers and root.head.lemma_ == "visit":
        return root.head
    return None


def attach(sent: Span, triggers: list[Token], governors: dict[int, Token | None],
           mentions: dict[int, Mention]) -> None:
    """Give each date and place phrase of the sentence to the mention it belongs to, first phrase first."""
    for ent in sent.ents:
        if ent.label_ == "DATE":
            relative = relative_anchor(ent, triggers)
            if relative:
                target, anchor, offset = relative
                mentions[target.i].anchor = (anchor, offset)
                mentions[target.i].date_text = f"{ent.text} {ent.doc[ent.end].text}"
                continue
            holder = owner(ent.root, triggers, governors)
            if holder is not None and not mentions[holder.i].date_text:
                mentions[holder.i].date_text = ent.text
        elif ent.label_ in {"GPE", "LOC", "FAC"}:
            holder = place_owner(ent, triggers, governors)
            if holder is not None and not mentions[holder.i].location_text:
                mentions[holder.i].location_text = ent.text
                mentions[holder.i].location = places.resolve_place(ent.text)


def resolve_date(m: Mention, published: dt.date | None) -> None:
    """The date range of a mention's own date words; one dated from another meeting waits for that one."""
    if m.date_text and not m.anchor:
        m.date = dates.resolve(m.date_text, published, future=m.status == "planned")
