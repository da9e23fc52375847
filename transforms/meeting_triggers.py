"""Words that announce a meeting, with the arguments that make them one.

The verbs and nouns are those event coders file under CAMEO's CONSULT family (codes 040-046: discuss by
telephone, make and host a visit, meet at a third location, mediate, negotiate). A word alone is not
enough: "talked about taxes", "spoke to reporters" and "a call for calm" are not meetings; "talked with
the minister", "the two ministers spoke by phone" and "a call with the minister" are.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy
from spacy.tokens import Token

from transforms import countries
from transforms.actors import Actor, DocActors, group_phrase
from transforms.lexicons import load

LEX = load("meetings")
OUTLETS = load("outlets")
OUTLET_WORDS = frozenset(OUTLETS["outlets"]) | OUTLETS["media_nouns"]  # name words ("times", "post") only when capitalized
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
OBJECTS = frozenset({"dobj", "pobj"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "them", "they"})
# a clause that says what someone is, not what happened: "called him a liar", "called it a day"
PREDICATIVE = frozenset({"xcomp", "oprd", "ccomp"})


@dataclass
class Reading:
    """What the meeting rules need from the whole document: its actors, the two countries it is mostly
    about ("both countries"), and the sentence of each token."""
    actors: Reading
    pair: list[str]
    sentence_of: numpy.ndarray
    names: dict[str, Actor] = field(init=False)

    def __post_init__(self) -> None:
        self.names = {a.name: a for a in self.actors.actors.values() if a.kind == "organization" and " " not in a.name}

    def at(self, token: Token) -> Actor | None:
        """The actor a token names; an organization the entity recognizer tagged in one sentence and missed
        in another ("the G7 met ... G7 was scheduled to meet") is still that organization."""
        return self.actors.at(token) or (self.names.get(token.text) if token.pos_ == "PROPN" else None)


def kind_of(token: Token, reading: Reading) -> str | None:
    """The meeting kind a word announces ("talks", "call", "visit" ...), or None."""
    if token.pos_ in {"NOUN", "PROPN"}:
        return noun_kind(token)
    if token.pos_ == "VERB":
        return verb_kind(token, reading)
    return None


def partner_preps(token: Token, words: frozenset[str] = LEX["partner_preps"]) -> list[Token]:
    """ "with X" on the word, or on a phrase that only says how: "met one on one with X", "spoke by
    telephone with X" (where the parser often hangs it)."""
    found = [c for c in token.children if c.dep_ == "prep" and c.lower_ in words]
    if not found and token.pos_ == "VERB":
        found = [p for c in token.children if _manner(c) for p in c.subtree if p.dep_ == "prep" and p.lower_ in words]
    return found


def _manner(token: Token) -> bool:
    """ "one on one", "privately", "by telephone", "over the phone": how people talked, not with whom."""
    if token.pos_ in {"NUM", "ADV"}:
        return True
    objects = [c for c in token.children if c.dep_ == "pobj"]
    return token.dep_ == "prep" and any(o.pos_ == "NUM" or o.lower_ in LEX["phone"] | LEX["virtual"] for o in objects)


def noun_kind(token: Token) -> str | None:
    """ "talks with", "a phone call", "their meeting", "a visit to Beijing"; not "a press conference"."""
    lemma = token.lemma_.lower()
    kind = LEX["nouns"].get(token.lower_) or LEX["nouns"].get(lemma)
    if not kind:
        return None
    modifiers = {c.lower_ for c in token.lefts if c.dep_ in {"compound", "amod", "nmod"}}
    if "joint" in modifiers and partner_preps(token):
        return "meeting"  # "a joint press conference with his counterpart": they met
    if modifiers & (LEX["not_meetings"] - (LEX["visit_modifiers"] if kind == "visit" else frozenset())) \
            or token.pos_ == "PROPN" and kind != "summit":
        return None  # "a press conference", "a board meeting"; but "a state visit"
    if lemma == "call" and any(c.lower_ in {"for", "on"} for c in token.children):
        return None  # "a call for calm", "a call on Congress"
    form = token.lower_ if token.lower_ in LEX["nouns"] else lemma  # "talks" are talks, "a talk" may be a speech
    if form in LEX["needs_partner"] and not has_partner(token, kind) and not another_round(token):
        return None
    return kind


def another_round(token: Token) -> bool:
    """ "The previous round was held in Geneva", "the next round": a round of the talks told, not "a round of
    voting"."""
    ordering = LEX["continue_rounds"] | LEX["previous_words"] | LEX["ordinal_words"]
    return token.lemma_.lower() == "round" and not any(c.lower_ == "of" for c in token.children) \
        and any(c.lower_ in ordering for c in token.children)


def has_partner(token: Token, kind: str) -> bool:
    """Someone to meet: "with"/"between" a party, "a visit to", "a call from", a phone or video word, "their"."""
    preps = LEX["partner_preps"] | (LEX["visit_preps"] if kind == "visit" else frozenset()) \
        | (LEX["call_preps"] if kind == "call" else frozenset())
    remote = any(c.lower_ in LEX["phone"] or c.lower_ in LEX["virtual"] for c in token.lefts)
    owned = any(c.dep_ == "poss" and c.lower_ in {"their", "our"} for c in token.children)
    # "the call" points back to a call told before; "was also on the call" joins it
    told = kind in {"call", "visit"} and token.tag_ == "NN" and any(  # "joined the calls for" are demands
        c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.children)
    return bool(partner_preps(token, preps)) or remote or owned or told


def verb_kind(token: Token, reading: Reading) -> str | None:
    """A meeting verb with what it needs: someone met, visited, hosted or called (see verb_frames)."""
    lemma = token.lemma_.lower()
    kind = LEX["verbs"].get(lemma)
    if not kind:
        return None
    frame = LEX["verb_frames"].get(lemma, "reciprocal")
    objects = [c for c in token.children if c.dep_ in OBJECTS]
    # a name the parser hung on a date ("met President Lee Teng-hui Wednesday") is still the one met
    parties = [o for o in objects if is_party(o, reading)] + [
        c for c in token.children if c.dep_ == "npadvmod" and has_party(c, reading)]
    partners = partner_preps(token)
    if frame == "convene":
        return kind
    if frame == "visit":
        return kind if parties or objects and objects[0].ent_type_ in {"GPE", "LOC", "FAC"} else None
    if frame in {"host", "call"}:
        return kind if parties and not any(c.dep_ in PREDICATIVE for c in token.children) else None
    if frame == "sit":
        return kind if partners and any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children) else None
    if frame == "talk":
        return kind if talks_with_someone(token, reading) else None
    if partners or parties:
        return kind
    if frame == "partnered":  # "consulted with", not "agreed to consult closely"
        return None
    return kind if not objects and any(two_sided(s) or is_body(s, reading) for s in subjects_of(token)) else None


def talks_with_someone(token: Token, reading: Reading) -> bool:
    """ "spoke with the minister", "spoke to Tsai", "the two leaders spoke by phone"; not "spoke to reporters"."""
    partners = partner_preps(token, LEX["partner_preps"] | {"to"})
    if partners:
        named = [w.lower_ for p in partners for w in p.subtree]
        # "spoke to the Atlantic Council" is a speech: to a body one speaks, with it one talks
        addressed = {a.kind for p in partners if p.lower_ == "to" for o in p.children if o.dep_ == "pobj"
                     for a in (reading.at(x) for x in [o, *o.lefts]) if a is not None}
        speech = addressed == {"organization"}
        return not set(named) & LEX["press"] and not is_outlet(" ".join(named[1:])) and not speech
    return any(two_sided(s) for s in subjects_of(token))


def is_outlet(words: str) -> bool:
    """ "Al Jazeera", "the BBC's Newsnight programme", "state television": talking to them is an interview."""
    padded = f" {words} "
    return any(f" {name} " in padded for name in OUTLET_WORDS)


def is_party(token: Token, reading: Reading) -> bool:
    """A person, organization, country or group, or a pronoun that stands for one."""
    return reading.at(token) is not None or group_phrase(token) is not None or token.lower_ in PERSON_PRONOUNS


def has_party(token: Token, reading: Reading | None = None) -> bool:
    """A person named inside a phrase: "Lee Teng-hui" in a misparsed "Lee Teng-hui Wednesday"."""
    return any(t.ent_type_ == "PERSON" and (reading is None or reading.at(t) is not None)
               for t in token.subtree if t.dep_ in {"compound", "appos", "nmod"})


def two_sided(subject: Token) -> bool:
    """ "Biden and Xi", "the two leaders", "U.S. and Chinese officials": a subject that holds both sides."""
    if any(c.dep_ == "conj" and (c.pos_ == "PROPN" or group_phrase(c) is not None) for c in subject.children):
        return True  # "Biden and Xi", "U.S. officials and their counterparts"
    if any(c.lower_ in {"two", "both"} for c in subject.subtree) or subject.lower_ in {"pair", "they"}:
        return True  # "the two leaders", "the leaders of the two countries"
    phrase = subject.doc[subject.left_edge.i:subject.i + 1].text
    return len({code for _, _, code in countries.countries_in(phrase)}) >= 2


def is_body(subject: Token, reading: Reading) -> bool:
    """An organization or a plural group that meets as one: "the G7 will meet", "ministers met"."""
    actor = reading.at(subject)
    if actor is not None:
        return actor.kind == "organization"
    return subject.tag_ in {"NNS", "NNPS"} and group_phrase(subject) is not None


def subjects_of(verb: Token, depth: int = 0) -> list[Token]:
    """Who does what a verb says: its own subject, else the one it shares by control or coordination
    ("X is expected to meet", "X urged Y to visit", "X arrived and met", "after meeting Y, X said",
    "X was the first leader to visit")."""
    own = [c for c in verb.children if c.dep_ in SUBJECTS]
    head = verb.head
    if own or head == verb or depth > 3:
        return own
    if verb.dep_ == "conj" and head.pos_ in {"VERB", "AUX"}:
        return subjects_of(head, depth + 1)
    if verb.dep_ in {"xcomp", "advcl", "acomp"}:
        objects = [c for c in head.children if c.dep_ == "dobj"]
        return objects if verb.dep_ == "xcomp" and objects else subjects_of(head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX", "ADJ"}:
        return subjects_of(head.head, depth + 1)
    if verb.dep_ in {"acl", "relcl"} and head.dep_ == "attr":  # "X was the first leader to visit Y"
        return subjects_of(head.head, depth + 1)
    return []
