"""When and where a meeting took place (its setting): the date and place phrases of a sentence, each
given to the meeting mention it belongs to (transforms/meeting_context.py adds what the rest of the
document tells, transforms/meeting_tense.py reads the dates in the tense of their clause).

Kept apart from transforms/meetings.py (which finds the mentions), meeting_parties.py (who took part) and
meeting_attributes.py (status, format, topics) so that the rules for triggers and the rules for dates and
places can change independently.

A phrase belongs to a mention, most specific evidence first:
  1. the phrase hangs on the trigger or on the verb whose argument the trigger is ("talks in Vienna",
     "held talks on Friday at the Kremlin", "during his visit to Riyadh, he met ...");
  2. it hangs on a verb of the clauses the trigger's clause belongs to ("expected to meet Putin in Minsk
     later this month", "arrived in Zagreb on Thursday to meet ..."), never across a reported clause
     ("said on Monday that they had met": Monday is when it was said);
  3. the date a "when" clause describes ("in April 2016, when the president visited China"), the place a
     "where" clause describes ("flew to Iraq, where he met ..."), the place someone had yet to leave
     ("Before leaving Turkey, he met ..."), a capital named by nationality ("in the Chinese capital"), a
     place in the meeting's own name ("the Woodside Summit").
A place inside a topic ("spoke about the situation in Lebanon"), a place the parties come from ("officials
of banks in Europe") and a date of an event placed before or after the meeting ("ahead of the vote on
Wednesday") belong to no mention.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from transforms import dates, places
from transforms.lexicons import load

if TYPE_CHECKING:
    from transforms.meetings import Mention

WORDS = load("meeting_setting")
ORDERING = WORDS["ordering_words"]
PLACE_LABELS = {"GPE", "LOC", "FAC"}
OTHER_NAMES = {"DATE", "TIME", "PERSON", "NORP", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
VENUE_LABELS = {"ORG"}  # the recognizer often tags "the White House" or "the Kremlin" as an organization
CLIMB = {"pobj", "prep", "compound", "npadvmod", "nmod", "conj"}
PARTNER_PREPS = {"with", "between", "among"}
CLAUSE_BARRIERS = {"ccomp", "relcl", "acl", "parataxis", "csubj", "appos"}  # clauses with a time of their own


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


def is_trip(token: Token) -> bool:
    """A word for a journey ("visit", "trip") or a verb of going ("arrived", "traveled")."""
    words = WORDS["travel_verbs"] if token.pos_ in {"VERB", "AUX"} else WORDS["trip_nouns"]
    return token.lemma_.lower() in words or token.lower_ in words


def is_topic(prep: Token) -> bool:
    """ "about the situation in Lebanon": what follows names a subject of the talks, not their place or
    time; "on the sidelines of ..." and "on a visit to ..." are occasions, not topics."""
    if prep.lower_ not in WORDS["topic_preps"]:
        return False
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return not any(o.lower_ in WORDS["occasion_nouns"] or is_trip(o) for o in objects)


def _climb(root: Token, triggers: list[Token], governors: dict[int, Token | None], steps: int = 4,
           guarded: bool = True) -> Token | None:
    """The trigger a phrase belongs to (the one it hangs on, else the nearest of the verb it hangs on),
    through longer noun phrases ("a summit of the
    Commonwealth of Independent States in Minsk") but, when guarded, never out of a topic ("the situation
    in Lebanon") or of an event placed before or after another ("ahead of the summit on Wednesday")."""
    node, beyond, nouns = root, False, 0  # beyond: above the phrase's own preposition; nouns crossed since
    for _ in range(steps):
        head = node.head
        if head == node or beyond and guarded and _out_of_the_event(node):
            return None
        if node.dep_ == "prep" and node.lower_ in PARTNER_PREPS and nouns > 1:
            return None  # "with representatives of banks in Europe": where the parties come from
        if head in triggers:
            return head
        governed = [t for t in triggers if governors.get(t.i) == head]
        if governed and not beyond:
            before = [t for t in governed if t.i < root.i]
            return before[-1] if before else governed[0]
        if is_verb(head) or node.dep_ not in CLIMB:
            return None
        beyond = beyond or node.dep_ == "prep"
        nouns += beyond and node.dep_ != "prep"
        node = head
    return None


def _out_of_the_event(node: Token) -> bool:
    """A word that opens a topic ("about the situation") or another event before or after ("ahead of")."""
    return node.dep_ == "prep" and is_topic(node) or node.lower_ in ORDERING


def is_verb(token: Token) -> bool:
    """A verb, not a participle used as a preposition ("including", "following", "regarding")."""
    return token.pos_ in {"VERB", "AUX"} and token.dep_ != "prep"


def place_phrase(root: Token) -> Token | None:
    """The object of the preposition that makes a place name a place of events: "in Vienna", "at a
    downtown Washington hotel", "in the capital, Juba"; "his visit to Riyadh" and "left for Aqaba" after a
    trip word. None for a place that is a party, a topic or an origin ("with Moscow", "from Paris")."""
    if root.dep_ in {"compound", "nmod", "amod", "appos"} and root.head.dep_ == "pobj":
        root = root.head
    if root.dep_ != "pobj":
        return None
    prep = root.head
    if prep.lower_ in WORDS["place_preps"] or prep.lower_ in WORDS["destination_preps"] and traveller(prep):
        return root
    return None


def traveller(prep: Token) -> Token | None:
    """The trip word or travel verb a destination hangs on: "visit [to Riyadh]", "flew [to Rome]", "led a
    delegation [to Pristina]", "welcomed him [to the White House]"."""
    head = prep.head
    if is_trip(head):
        return head
    while head.dep_ == "conj" and head.head != head:  # "welcomed the minister and his delegation to ..."
        head = head.head
    return head.head if head.dep_ == "dobj" and is_trip(head.head) else None


def place_owner(ent: Span, triggers: list[Token], governors: dict[int, Token | None]) -> Token | None:
    """The trigger a place name belongs to: "the Vienna talks", "visited Beijing", "talks in Vienna"."""
    root = ent.root
    if root.dep_ in {"compound", "nmod"} and root.head in triggers:
        return root.head  # "the Vienna talks"
    if root.dep_ == "dobj" and root.head in triggers and root.head.lemma_ == "visit":
        return root.head  # "visited Beijing"
    anchor = place_phrase(root)
    if anchor is None:
        return None
    holder = _climb(anchor, triggers, governors, steps=6)
    outer = _venue_phrase(anchor) if holder is None else None
    return _climb(outer, triggers, governors) if outer is not None else holder


def _venue_phrase(anchor: Token) -> Token | None:
    """ "at the headquarters of the agency in Washington": the place phrase a deeper one describes."""
    node = anchor.head
    for _ in range(4):
        node = node.head
        if node.dep_ == "pobj" and node.head.lower_ in WORDS["place_preps"]:
            return node
        if node.dep_ not in {"pobj", "prep"}:
            return None
    return None


def clause_chain(trigger: Token) -> list[Token]:
    """The verbs whose time and place a trigger shares: its own verb, then the verbs of the clauses its
    clause belongs to ("expected to meet", "arrived ... to meet", "flew to Rome and met", "made headway
    during a visit"), up to a reported or relative clause ("said on Monday that they met", "who was elected
    on Sunday") or one ordered in time ("after leaving Rome"); and a participle of travel hanging on them
    ("Arriving in Rome on Monday, she met ...")."""
    node = trigger
    chain = [trigger] if trigger.pos_ in {"VERB", "AUX"} else []
    for _ in range(8):
        if node.head == node or node.dep_ in CLAUSE_BARRIERS or _ordered(node) or _object_phrase(node):
            break
        node = node.head
        if is_verb(node):
            chain.append(node)
    for verb_ in list(chain):
        chain += [c for c in verb_.children if c.dep_ == "advcl" and is_trip(c) and c.tag_ == "VBG"]
    return chain


def _object_phrase(node: Token) -> bool:
    """ "agreed to a resumption of meetings", "built on the discussions": a phrase that is what a verb is
    about, not when or where it happened ("during a meeting", "at the summit", "on a visit" are, and so is
    the purpose of a journey: "arrived in Moscow for talks", "is in Brussels for meetings")."""
    occasion = node.lower_ in WORDS["occasion_preps"] or node.lower_ in WORDS["topic_preps"] and not is_topic(node)
    purpose = node.lower_ == "for" and (is_trip(node.head) or node.head.lemma_ == "be")  # "is in Brussels for talks"
    counted = node.lower_ == "of" and node.head.lemma_.lower() in WORDS["quantity_nouns"]  # "a series of meetings"
    return node.dep_ == "prep" and not (occasion or purpose or counted)


def _ordered(node: Token) -> bool:
    """ "after leaving Rome", "before the talks": a clause or phrase placed before or after another event."""
    words = {c.lower_ for c in node.children if c.dep_ == "mark"}
    if node.dep_ in {"pobj", "pcomp"}:
        words.add(node.head.lower_)
    return bool(words & ORDERING)


def clause_verb(root: Token) -> Token | None:
    """The verb of the clause a phrase stands in ("met [on Friday]", "headway ... [on Thursday]"), None for
    a phrase that modifies a noun ("the [2015] agreement", "[Saturday]'s election")."""
    if root.dep_ in {"compound", "amod", "nmod", "poss", "nummod"}:
        return None
    node = root
    for _ in range(12):
        if node.head == node:
            return None
        node = node.head
        if is_verb(node):
            return node
    return None


def hangs_on(root: Token, heads: set[Token | None]) -> bool:
    """ "visit [on Tuesday]", "arrived [Tuesday]": the phrase is an adjunct of one of these words."""
    return root.head in heads or root.dep_ == "pobj" and root.head.head in heads


def set_place(m: Mention, text: str, place: places.Place | None) -> None:
    """Keep the first place; a city, venue or region replaces a country it lies in ("a visit to
    Croatia ... in Zagreb")."""
    if m.location_text and not _finer(place, m.location):
        return
    m.location_text, m.location = text, place


def _finer(new: places.Place | None, old: places.Place | None) -> bool:
    """Whether a place is a city, venue or region within a country named before."""
    if new is None or old is None or old.kind != "country":
        return False
    return new.kind != "country" and new.country == old.country


def attach(sent: Span, triggers: list[Token], governors: dict[int, Token | None],
           mentions: dict[int, Mention]) -> None:
    """Give each date and place phrase of the sentence to the mention it belongs to, first phrase first:
    the phrases of a mention's own clause, then those of the clauses it extends."""
    unclaimed: list[tuple[Span, Token, places.Place | None]] = []  # phrase, where it hangs from, place
    anchored = set()
    for ent in (e for e in sent.ents if e.label_ == "DATE"):
        relative = relative_anchor(ent, triggers)
        if relative:
            target, anchor, offset = relative
            mentions[target.i].anchor = (anchor, offset)
            mentions[target.i].date_text = f"{ent.text} {ent.doc[ent.end].text}"
            anchored.add(ent.start)
    dated = [d for d in date_phrases(sent) if d.start not in anchored]
    for ent in dated + place_names(sent):
        if ent.label_ == "DATE":
            holder = _climb(ent.root, triggers, governors, steps=6, guarded=ent.root.dep_ != "npadvmod")
            if holder is not None and not mentions[holder.i].date_text:
                mentions[holder.i].date_text = ent.text
            elif holder is None:
                unclaimed.append((ent, ent.root, None))
        elif ent.label_ in PLACE_LABELS:
            place = places.resolve_place(ent.text)
            if place is None and ent.label_ != "FAC":
                continue  # a town or region no table knows is more often a misread name ("Brexit")
            holder = place_owner(ent, triggers, governors)
            if holder is not None:
                set_place(mentions[holder.i], ent.text, place)
            elif (anchor := place_phrase(ent.root)) is not None:
                unclaimed.append((ent, anchor, place))
    for token in sent:
        capital = _capital(token)
        holder = _climb(token, triggers, governors) if capital is not None else None
        if holder is not None:
            set_place(mentions[holder.i], capital.name, capital)
    for t in triggers:
        for name, place in _named_after_place(t):
            set_place(mentions[t.i], name, place)
        when = _when_clause_of(governors[t.i] or t, dated)
        if when is not None and not mentions[t.i].date_text:
            mentions[t.i].date_text = when.text
        where = _where_clause_of(governors[t.i] or t) or _place_left(governors[t.i] or t)
        if where is not None:
            set_place(mentions[t.i], where.text, places.resolve_place(where.text))
    _share_with_clauses(unclaimed, triggers, governors, mentions)


def _when_clause_of(verb: Token, dated: list[Span]) -> Span | None:
    """ "in April 2016, when the president visited China": the date a clause describes."""
    if verb.dep_ != "relcl":
        return None
    return next((d for d in dated if d.start <= verb.head.i < d.end), None)


def _where_clause_of(verb: Token) -> Span | None:
    """ "to the presidential office, where the speaker met ...", "Iraq, where he met ...": the place a
    clause describes, a place name or a building word (lexicon "venue_nouns") with its modifiers."""
    if verb.dep_ != "relcl" or not any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children):
        return None
    head = verb.head
    doc = head.doc
    named = next((e for e in doc.ents if e.label_ in PLACE_LABELS and e.start <= head.i < e.end), None)
    if named is not None:
        return named
    if head.lemma_.lower() not in WORDS["venue_nouns"]:
        return None
    start = min([c.i for c in head.lefts if c.dep_ in {"amod", "compound"}] + [head.i])
    return doc[start:head.i + 1]


def _place_left(verb: Token) -> Span | None:
    """ "Before leaving Turkey, he met ...", "before departing from Beijing": the place someone was still in."""
    for prep in (c for c in verb.children if c.lower_ == "before"):
        departures = [c for c in prep.children if c.dep_ in {"pcomp", "pobj"} and c.lemma_ in WORDS["departure_verbs"]]
        for leaving in departures:
            left = [c for c in leaving.children if c.dep_ == "dobj"] + \
                [g for c in leaving.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children]
            named = [e for e in verb.doc.ents if e.label_ in PLACE_LABELS and any(e.start <= x.i < e.end for x in left)]
            if named:
                return named[0]
    return None


def date_phrases(sent: Span) -> list[Span]:
    """The sentence's dates, in order: the recognizer's that name a time (not "a three-year freeze"), and
    the day words it missed outside any name ("Today, the Secretary hosted ...", "met Lee Wednesday")."""
    recognized = sent.ents  # built anew from the whole document on each access: read it once
    ents = [e for e in recognized if e.label_ == "DATE" and dates.names_a_time(e.text)] + \
        [Span(sent.doc, e.start, e.end, label="DATE") for e in recognized if e.label_ == "TIME" and _names_a_day(e)]
    named = {i for e in recognized for i in range(e.start, e.end)}
    missed = [Span(sent.doc, t.i, t.i + 1, label="DATE") for t in sent
              if t.lower_ in WORDS["day_words"] and t.i not in named and (t.is_title or t.is_lower)]
    return sorted(ents + missed, key=lambda e: e.start)


def _names_a_day(time: Span) -> bool:
    """ "on Friday night", "last night", "this morning": a time the recognizer tags TIME that dates a day."""
    return any(t.lower_ in WORDS["day_words"] for t in time) or time[0].lower_ in WORDS["day_time_openers"]


def place_names(sent: Span) -> list[Span]:
    """The sentence's place names: places the recognizer found, and venues it took for organizations."""
    recognized = sent.ents
    found = [full_name(e) for e in recognized if e.label_ in PLACE_LABELS]
    venues = [e for e in recognized if e.label_ in VENUE_LABELS and _is_venue(e.text)]
    return [Span(e.doc, e.start, e.end, label="FAC") if e.label_ in VENUE_LABELS else e
            for e in sorted(found + venues, key=lambda e: e.start)]


def is_building(text: str) -> bool:
    """Whether a name no table knows ends in a building word ("the presidential office", "Raghadan Palace"):
    a place that may lie in any country, where "the G-20 Summit" or "Trump Tower" might be somewhere else."""
    words = text.lower().split()
    return bool(words) and words[-1] in WORDS["venue_nouns"]


def _is_venue(text: str) -> bool:
    """Whether a name is a venue of the lexicon ("the White House"), whatever the recognizer called it."""
    place = places.resolve_place(text)
    return place is not None and place.kind == "venue"


def full_name(ent: Span) -> Span:
    """A place name with the name after its comma when together they are one known name ("Washington, D.C."),
    else as recognized ("Jakarta", not "Jakarta, Indonesia")."""
    doc = ent.doc
    for end in range(min(ent.end + 4, len(doc)), ent.end + 1, -1):
        if doc[ent.end].text == "," and places.is_place_name(doc[ent.start:end].text):
            return Span(doc, ent.start, end, label=ent.label_)
    return ent


def _named_after_place(trigger: Token) -> list[tuple[str, places.Place]]:
    """ "the Woodside Summit", "the Camp David talks": a city, venue or region in a meeting's own name."""
    found = []
    for child in (c for c in trigger.children if c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN"
                  and c.ent_type_ not in OTHER_NAMES):
        name = trigger.doc[child.left_edge.i:child.i + 1]
        place = places.resolve_place(name.text)
        if place is not None and place.kind in {"city", "venue", "region"}:
            found.append((name.text, place))
    return found


def _capital(token: Token) -> places.Place | None:
    """ "in the Chinese capital", "at the Russian capital's airport": the capital city of that country."""
    if token.lemma_.lower() != "capital" or token.pos_ != "NOUN" or place_phrase(token) is None:
        return None
    named = [c for c in token.children if c.dep_ in {"amod", "compound", "poss"}]
    return places.capital_of(named[0].text) if len(named) == 1 else None


def _share_with_clauses(unclaimed: list[tuple[Span, Token, places.Place | None]], triggers: list[Token],
                        governors: dict[int, Token | None], mentions: dict[int, Mention]) -> None:
    """Phrases no trigger claimed go to the mentions whose clause chain holds the verb of their clause: a
    date that is an adjunct of that verb, or one standing right beside the meeting's phrase where the
    parser hung it elsewhere ("... on Thursday during his first visit to Ankara"); a place where that verb
    happened or where its traveller went ("arrived in Zagreb", "flew to Rome"), not a place inside its
    object ("discussed the situation in Gaza")."""
    chains = {t.i: clause_chain(t) for t in triggers}
    for ent, anchor, place in unclaimed:
        verb = clause_verb(anchor)
        if verb is None or ent.label_ != "DATE" and not _where(anchor, verb):
            continue
        for t in (t for t in triggers if verb in chains[t.i]):
            m = mentions[t.i]
            if ent.label_ == "DATE" and not m.date_text and (hangs_on(anchor, {verb}) or _beside(ent, t)):
                m.date_text = ent.text
            elif ent.label_ != "DATE":
                set_place(m, ent.text, place)


def _beside(ent: Span, trigger: Token) -> bool:
    """Whether a phrase stands right before or after the phrase a noun trigger heads up to its verb."""
    if trigger.pos_ in {"VERB", "AUX"}:
        return False
    node = trigger
    while node.head != node and not is_verb(node.head):
        node = node.head
    return ent.end == node.left_edge.i or ent.start == node.right_edge.i + 1


def _where(anchor: Token, verb: Token) -> bool:
    """Whether a place phrase says where a verb happened or where its traveller went."""
    prep = anchor.head
    if prep.lower_ in WORDS["place_preps"]:  # "met in Paris", "are due in Tokyo"
        return prep.head == verb or prep.head.head == verb and prep.head.dep_ in {"acomp", "attr", "oprd"}
    went = traveller(prep)
    return went is not None and (went == verb or clause_verb(went) == verb)
