"""Mentions of people, organizations, countries and groups in one parsed document, resolved in it.

"Mayorkas" and "Secretary Alejandro Mayorkas" become one person with a title and a country; small
models often tag a bare surname as ORG or GPE, so names already seen in full win over the NER label.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from transforms import countries
from transforms.lexicons import load

ROLES = load("roles")
# offices a publisher's own government does not hold: a readout's "Prime Minister X" is a guest
FOREIGN_OFFICES = {"prime", "king", "queen", "prince", "princess", "crown", "emir", "amir", "sheikh", "sultan",
                   "premier", "chancellor", "taoiseach", "majesty", "highness"}
REGNAL = re.compile(r"(?:[IVX]{1,4}|Jr\.?|Sr\.?)")
STRIP_EDGES = {"the", "a", "an", "'s", "’s", "his", "her", "their", "its", "our", ",", "-", "—"}


@functools.lru_cache(maxsize=1 << 16)  # called for every name word against every person: a bounded memo
def fold(text: str) -> str:
    """Lower case, no accents, single spaces: the key that merges actors across documents."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).casefold()
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


@dataclass
class Actor:
    name: str
    kind: str  # person, organization, country or group
    country: str | None = None
    title: str | None = None
    aliases: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return f"{self.kind}:{fold(self.name)}"


@dataclass
class Mention:
    actor: Actor
    start: int  # token indices in the Doc
    end: int


def trim(span: Span) -> Span:
    """Drop determiners, possessive markers and punctuation at the edges of a name."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in STRIP_EDGES:
        start += 1
    while end > start and (span.doc[end - 1].lower_ in STRIP_EDGES or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[start:end]


@functools.lru_cache(maxsize=1 << 16)
def same_name_word(a: str, b: str) -> bool:
    """ "Zelenskyy" and "Zelensky", "Sanchez" and "Sánchez": one name spelled two ways."""
    a, b = fold(a), fold(b)
    return a == b or min(len(a), len(b)) >= 6 and fuzz.ratio(a, b) >= 90


def is_title_word(token: Token) -> bool:
    return token.lower_ in ROLES["title_heads"]


def title_prefix(doc: Doc, start: int) -> Span:
    """The run of office words before a name: "U.S. Secretary of State" before "Antony Blinken"."""
    i = start
    while i > 0:
        token = doc[i - 1]
        if token.is_space or token.text in {",", "(", "“", "\""} or token.pos_ in {"VERB", "AUX", "DET", "CCONJ", "SCONJ"}:
            break
        if token.lower_ in {"'s", "’s", "-", "of"} or token.is_title or token.ent_type_ in {"GPE", "NORP"} \
                or is_title_word(token) or countries.country_code(token.text):
            i -= 1
            continue
        break
    prefix = doc[i:start]
    while len(prefix) and prefix[0].lower_ in {"of", "'s", "’s", "-"}:
        prefix = prefix[1:]
    return prefix if any(is_title_word(t) for t in prefix) else doc[start:start]


def office_of(prefix: Span) -> tuple[str | None, str | None]:
    """Split "Chinese Public Security Minister" into title "Public Security Minister" and country CHN."""
    if not len(prefix):
        return None, None
    found = countries.countries_in(prefix.text)
    country = found[0][2] if found else None
    keep = [t for t in prefix if not countries.country_code(t.text) and t.lower_ not in {"'s", "’s", "-"}
            and t.lower_ not in ROLES["honorifics"]
            and t.ent_type_ not in {"GPE", "NORP"}]
    while keep and keep[0].lower_ in {"of", "the"}:
        keep = keep[1:]
    title = " ".join(t.text for t in keep) or None
    return title, country


def strip_offices(span: Span) -> Span:
    """ "Majesty King Abdullah II" -> "Abdullah II": offices and honorifics are not part of a name."""
    start = span.start
    while start < span.end - 1 and (is_title_word(span.doc[start]) or span.doc[start].lower_ in ROLES["honorifics"]):
        start += 1
    return span.doc[start:span.end]


def name_runs(doc: Doc) -> list[Span]:
    """Full names: PERSON entities, and capitalized words right after an office ("Secretary Alejandro Mayorkas")."""
    spans = [strip_offices(trim(e)) for e in doc.ents if e.label_ == "PERSON"]
    for token in doc:
        if token.lower_ not in ROLES["person_titles"] or not token.is_title:
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= 4 and (doc[end].pos_ == "PROPN" and doc[end].is_title
                                                         and not is_title_word(doc[end])
                                                         and not countries.country_code(doc[end].text)
                                                         or end > token.i + 1 and REGNAL.fullmatch(doc[end].text)):
            end += 1
        if end > token.i + 1:
            spans.append(doc[token.i + 1:end])
    spans = [s for s in spans if len(s) and not any(countries.country_code(t.text) for t in s)
             and not all(is_title_word(t) or t.lower_ in ROLES["honorifics"] for t in s)]
    return sorted({(s.start, s.end): s for s in spans}.values(), key=lambda s: (s.start, -len(s)))


class DocActors:
    """Every actor mention of one document, indexed by token so extractors can ask "who is here?"."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.mentions: list[Mention] = []
        self.by_token: dict[int, Mention] = {}
        self.actors: dict[str, Actor] = {}
        self.office_tokens: set[int] = set()  # "Homeland Security" in a title is not an organization
        self._people(doc)
        self._offices(doc)
        self._organizations(doc)
        self._countries(doc)

    def _add(self, actor: Actor, start: int, end: int) -> Actor:
        if any(i in self.by_token for i in range(start, end)):
            return actor
        actor = self.actors.setdefault(actor.key, actor)
        actor.aliases.add(self.doc[start:end].text)
        mention = Mention(actor, start, end)
        self.mentions.append(mention)
        for i in range(start, end):
            self.by_token[i] = mention
        return actor

    def _people(self, doc: Doc) -> None:
        introduced: list[tuple[int, Actor]] = []  # (token index, person) in order of first full mention
        for span in name_runs(doc):
            if any(i in self.by_token for i in range(span.start, span.end)):
                continue
            parts = {t.lower_ for t in span}
            known = next((a for _, a in reversed(introduced) if len(span) == 1
                          and any(same_name_word(span[0].text, w) for w in a.name.split())), None)
            if known is None and len(span) > 1:
                known = next((a for _, a in introduced if parts <= {fold(w) for w in a.name.split()}
                              or {fold(w) for w in a.name.split()} <= parts), None)
            actor = known or Actor(span.text, "person")
            prefix = title_prefix(doc, span.start)
            title, country = office_of(prefix)
            appositive_title, appositive_country = self._appositive(span)
            title = title or appositive_title
            country = country or appositive_country or self._country_after(span)
            actor.title = title or actor.title
            actor.country = actor.country or country
            actor = self._add(actor, span.start, span.end)
            if len(prefix):
                actor.aliases.add(doc[prefix.start:span.end].text)
                self.office_tokens.update(range(prefix.start, prefix.end))
            if actor is not known:
                introduced.append((span.start, actor))
        self._surnames(doc, introduced)

    def _offices(self, doc: Doc) -> None:
        """ "the President", "the Secretary": the person last named with that office."""
        people = [m for m in self.mentions if m.actor.kind == "person" and m.actor.title]
        for token in doc:
            if token.i in self.by_token or token.i in self.office_tokens or not token.is_title \
                    or token.lower_ not in ROLES["person_titles"] or token.i == 0:
                continue
            start = token.i - 1 if doc[token.i - 1].lower_ in {"vice", "prime", "deputy"} else token.i
            if doc[start - 1].lower_ != "the" if start > 0 else True:
                continue
            words = {w.lower() for w in doc[start:token.i + 1].text.split()}
            candidates = [m.actor for m in people if words <= {w.lower() for w in m.actor.title.split()}
                          and m.start < token.i and not (start == token.i and "vice" in m.actor.title.lower())]
            if candidates:
                self._add(candidates[-1], start, token.i + 1)

    def default_country(self, home: str | None) -> None:
        """Officials a publisher names without a country are its own: a White House readout's "President Biden"."""
        if home is None:
            return
        for actor in self.actors.values():
            if actor.kind == "person" and actor.title and actor.country is None \
                    and not set(actor.title.lower().split()) & FOREIGN_OFFICES:
                actor.country = home

    def _surnames(self, doc: Doc, introduced: list[tuple[int, Actor]]) -> None:
        """A lone name word is the person most recently introduced with it (else the next one)."""
        for token in doc:
            if token.i in self.by_token or not token.is_title or token.pos_ not in {"PROPN", "NOUN", "X"} \
                    or is_title_word(token):
                continue
            matches = [(i, a) for i, a in introduced if any(same_name_word(token.text, w) for w in a.name.split())]
            if not matches:
                continue
            before = [a for i, a in matches if i < token.i]
            self._add(before[-1] if before else matches[0][1], token.i, token.i + 1)

    def _appositive(self, span: Span) -> tuple[str | None, str | None]:
        """ "João Gomes Cravinho, Minister of Foreign Affairs of Portugal": title and country."""
        for token in span.root.children:
            if token.dep_ == "appos" and any(is_title_word(t) for t in token.subtree):
                words = trim(self.doc[token.left_edge.i:token.right_edge.i + 1])
                title, country = office_of(words)
                title = (title or words.text).removesuffix(" of").strip()
                return title, country
        return None, None

    def _country_after(self, span: Span) -> str | None:
        """ "Kishida of Japan", "Wang, representing the People's Republic of China"."""
        doc = self.doc
        window = doc[span.end:min(len(doc), span.end + 10)]
        if len(window) > 1 and window[0].lower_ == "of":
            found = countries.countries_in(window[1:].text)
            # the country must open the phrase: "of the People's Republic of China", not "of state for Japan"
            if found and found[0][0] <= len(" ".join(t.text for t in window[1:3])) + 1:
                return found[0][2]
            return None
        if len(window) > 2 and window[0].text == "," and window[1].lemma_ in {"represent", "from"}:
            return _first_country(window[2:])
        return None

    def _organizations(self, doc: Doc) -> None:
        for ent in doc.ents:
            if ent.label_ not in {"ORG", "FAC"}:
                continue
            span = extend_left(trim(ent))
            if not len(span) or countries.country_code(span.text) or any(t.i in self.office_tokens for t in span):
                continue
            rest = span.text
            for start, end, _ in reversed(countries.countries_in(rest)):
                rest = rest[:start] + rest[end:]
            if not any(ch.isalpha() for ch in rest):
                continue  # "U.S.-U.K." names two countries, not an organization
            found = {c for _, _, c in countries.countries_in(span.text)}
            self._add(Actor(span.text, "organization", found.pop() if len(found) == 1 else None),
                      span.start, span.end)

    def _countries(self, doc: Doc) -> None:
        for ent in doc.ents:
            if ent.label_ != "GPE":
                continue
            span = trim(ent)
            code = countries.country_code(span.text)
            if code:
                self._add(Actor(countries.country_name(code) or span.text, "country", code), span.start, span.end)

    def at(self, token: Token) -> Actor | None:
        mention = self.by_token.get(token.i)
        return mention.actor if mention else None

    def people_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start < end and m.actor.kind == "person"]


def extend_left(span: Span) -> Span:
    """Take in name words the entity tagger left out: "U.S.-PRC" before "Counternarcotics Working Group"."""
    start = span.start
    while start > 0 and span.doc[start - 1].pos_ == "PROPN" and span.doc[start - 1].dep_ == "compound" \
            and span.doc[start - 1].head.i in range(span.start, span.end) and not is_title_word(span.doc[start - 1]):
        start -= 1
    return span.doc[start:span.end]


def _first_country(span: Span) -> str | None:
    found = countries.countries_in(span.text)
    return found[0][2] if found else None


def group_phrase(token: Token) -> Span | None:
    """The noun phrase of a group noun: "top U.S. and Chinese officials", "scientists from both countries"."""
    if token.lower_ not in ROLES["group_nouns"] and token.lemma_.lower() not in ROLES["group_nouns"]:
        return None
    left = min([token.i] + [c.left_edge.i for c in token.lefts if c.dep_ in
                            {"det", "amod", "compound", "nmod", "nummod", "poss", "conj", "cc", "quantmod", "advmod"}])
    right = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in {"from", "of"}:
            right = child.right_edge.i + 1
    return trim(token.doc[left:right])


def groups_for(phrase: Span, pair: list[str]) -> list[Actor]:
    """Group actors named by a phrase; "from both countries" becomes one group per country of the pair."""
    text = phrase.text
    plural = phrase.root.text.lower()
    if "both" in text.lower() and len(pair) == 2 and any(w in text.lower() for w in ("countr", "side", "nation")):
        return [Actor(f"{plural} from {countries.country_name(c) or c}", "group", c) for c in pair]
    found = [c for _, _, c in countries.countries_in(text)]
    if len(set(found)) > 1:
        return [Actor(f"{plural} from {countries.country_name(c) or c}", "group", c) for c in dict.fromkeys(found)]
    return [Actor(text, "group", found[0] if found else None)]
