"""Mentions of people, organizations, countries and groups in one parsed document, resolved in it.

"Mayorkas" and "Secretary Alejandro Mayorkas" become one person with a title and a country; small
models often tag a bare surname as ORG or GPE, so names already seen in full win over the NER label.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from transforms import countries, knowledge
from transforms.knowledge import Knowledge, fold, name_words
from transforms.lexicons import load
from transforms.offices import (is_international, is_party_state, is_title_word, office_complement, office_of,
                                place_country, title_prefix)

ROLES = load("roles")
DEMONYMS = load("demonyms")
# offices a publisher's own government does not hold: a readout's "Prime Minister X" is a guest
FOREIGN_OFFICES = {"prime", "king", "queen", "prince", "princess", "crown", "emir", "amir", "sheikh", "sultan",
                   "premier", "chancellor", "taoiseach", "majesty", "highness", "counterpart"}
REGNAL = re.compile(r"(?:[IVX]{1,4}|Jr\.?|Sr\.?)")
STRIP_EDGES = {"the", "a", "an", "'s", "’s", "his", "her", "their", "its", "our", ",", "-", "—"}


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


def strip_offices(span: Span) -> Span:
    """ "Majesty King Abdullah II" -> "Abdullah II": offices and honorifics are not part of a name."""
    start = span.start
    while start < span.end - 1 and (is_title_word(span.doc[start]) or span.doc[start].lower_ in ROLES["honorifics"]):
        start += 1
    return span.doc[start:span.end]


def name_runs(doc: Doc, known: Knowledge | None = None) -> list[Span]:
    """Full names: PERSON entities, capitalized words right after an office ("Secretary Alejandro Mayorkas"),
    and a name the warehouse has read in full before that the tagger left out ("Sunak told reporters")."""
    spans = [strip_offices(trim(e)) for e in doc.ents if e.label_ == "PERSON"]
    if known is not None and known.parent is not None:
        spans += [doc[t.i:t.i + 1] for t in doc if t.pos_ == "PROPN" and t.is_title and not t.ent_type_
                  and knowledge.learned_surname(known, t.text, None) is not None]
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
             and "," not in s.text  # "Tuesday,-Szydlo": words run together, never one name
             and not all(is_title_word(t) or t.lower_ in ROLES["honorifics"] for t in s)]
    return sorted({(s.start, s.end): s for s in spans}.values(), key=lambda s: (s.start, -len(s)))


class DocActors:
    """Every actor mention of one document, indexed by token so extractors can ask "who is here?"."""

    def __init__(self, doc: Doc, published: dt.date | None = None, known: Knowledge | None = None) -> None:
        self.doc = doc
        self.text = doc.text  # rebuilt from every token on each access: read it once
        self.mentions: list[Mention] = []
        self.by_token: dict[int, Mention] = {}
        self.actors: dict[str, Actor] = {}
        self.office_tokens: set[int] = set()  # "Homeland Security" in a title is not an organization
        self.last_seen: dict[int, int] = {}  # id(actor) -> token of its latest mention so far
        self.ties: list[tuple[Actor, Span]] = []  # a person and the office phrase that may name another
        self.international: set[int] = set()  # id(person) holding an international body's office
        known = known or knowledge.phoenix()
        self._people(doc, known)
        self._offices(doc)
        self._organizations(doc)
        self._countries(doc)
        self._rekey()
        self._from_knowledge(published, known)
        self._from_ties()

    def _add(self, actor: Actor, start: int, end: int) -> Actor:
        if any(i in self.by_token for i in range(start, end)):
            return actor
        actor = self.actors.setdefault(actor.key, actor)
        actor.aliases.add(self.doc[start:end].text)
        mention = Mention(actor, start, end)
        self.mentions.append(mention)
        self.last_seen[id(actor)] = start
        for i in range(start, end):
            self.by_token[i] = mention
        return actor

    def _rekey(self) -> None:
        """Index actors by their final names: a person first named by surname took a full name later."""
        self.actors = {}
        for mention in self.mentions:
            kept = self.actors.setdefault(mention.actor.key, mention.actor)
            if kept is not mention.actor:
                kept.aliases |= mention.actor.aliases
                mention.actor = kept

    def _people(self, doc: Doc, known: Knowledge) -> None:
        introduced: list[Actor] = []  # people in order of their first mention
        for span in name_runs(doc, known):
            if any(i in self.by_token for i in range(span.start, span.end)):
                continue
            known = self._same_person(span, introduced)
            actor = known or Actor(span.text, "person")
            if known is not None and len(known.name.split()) == 1 < len(span):
                known.name = span.text  # "President Putin ... Vladimir Putin": the full name is the name
            prefix = title_prefix(doc, span.start)
            title, country = office_of(prefix)
            appositive = self._appositive(span)
            if appositive is not None:
                appositive_title, appositive_country = office_of(appositive)
                title = title or (appositive_title or appositive.text).removesuffix(" of").strip()
                country = country or appositive_country
            country = country or self._country_after(span, prefix)
            actor.title = title or actor.title
            actor.country = actor.country or country
            offices = [office for office in (prefix, appositive) if office is not None and len(office)]
            self.ties += [(actor, office) for office in offices]
            if any(map(is_international, offices)):
                self.international.add(id(actor))
            actor = self._add(actor, span.start, span.end)
            if len(prefix):
                actor.aliases.add(doc[prefix.start:span.end].text)
                self.office_tokens.update(range(prefix.start, prefix.end))
            if not any(a is actor for a in introduced):
                introduced.append(actor)
        self._surnames(doc, introduced)

    def _same_person(self, span: Span, introduced: list[Actor]) -> Actor | None:
        """The person already named that `span` names again. A lone name word is the person last
        mentioned with it; a full name is one whose words it contains or extends ("Joe Biden", "Joe R.
        Biden"), or one so far named only by its surname ("President Putin ... Vladimir Putin"). A shared
        surname is not enough: "John Smith" and "Jane Smith" stay two people."""
        words = [fold(t.text) for t in span]
        if len(span) == 1:
            fitting = [a for a in introduced if any(same_name_word(span[0].text, w) for w in name_words(a.name))]
            return max(fitting, key=lambda a: self.last_seen[id(a)], default=None)
        parts = name_words(span.text)
        for actor in introduced:
            known = name_words(actor.name)
            if len(actor.name.split()) > 1 and (parts <= known or known <= parts):
                return actor
        if introduced_as_kin(span):
            return None  # "President Biden ... my son Beau Biden": a relative, not the office holder
        return next((a for a in introduced if len(a.name.split()) == 1
                     and any(same_name_word(a.name, w) for w in words)), None)

    def _offices(self, doc: Doc) -> None:
        """ "the President", "the chancellor", "the king": the person last named with that office (not "the
        president of France", which names another)."""
        people = [m for m in self.mentions if m.actor.kind == "person" and m.actor.title]
        for token in doc:
            if token.i in self.by_token or token.i in self.office_tokens or token.lower_ not in ROLES["person_titles"] \
                    or token.i == 0 or token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "of":
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
        """Officials a publisher names without a country are its own: a White House readout's "President Biden".
        A country has one president at a time: of two presidents the document names without a country, the
        first named is the publisher's ("President Biden met President Macron"), the other is a guest."""
        if home is None:
            return
        taken: set[str] = {fold(a.title) for a in self.actors.values()
                           if a.kind == "person" and a.title and a.country == home}
        people = sorted((a for a in self.actors.values() if a.kind == "person" and a.title and a.country is None
                         and id(a) not in self.international and not set(a.title.lower().split()) & FOREIGN_OFFICES),
                        key=lambda a: self.first_seen(a))
        for actor in people:
            office = fold(actor.title)
            if office in ROLES["sole_offices"] and office in taken:
                continue
            actor.country = home
            taken.add(office)

    def first_seen(self, actor: Actor) -> int:
        """Where the text first names the actor; -1 for one only the title names (it comes first)."""
        return min((m.start for m in self.mentions if m.actor is actor), default=-1)

    def _surnames(self, doc: Doc, introduced: list[Actor]) -> None:
        """A lone name word is the person last mentioned with it (else the next one named). A word with no part
        of speech counts too: it stands in a sentence the pre-pass left untagged (transforms/focus.py), where
        the full parse tags a name word a proper noun ("the Trump Tax Cuts")."""
        starts: dict[int, list[int]] = {}  # id(person) -> token indices of its mentions, in order
        for mention in self.mentions:
            starts.setdefault(id(mention.actor), []).append(mention.start)
        for token in doc:
            if token.i in self.by_token or not token.is_title or token.pos_ not in {"PROPN", "NOUN", "X", ""} \
                    or is_title_word(token):
                continue
            fitting = [a for a in introduced if any(same_name_word(token.text, w) for w in name_words(a.name))]
            if not fitting:
                continue
            before = [(starts[id(a)][n - 1], a) for a in fitting if (n := bisect.bisect_left(starts[id(a)], token.i))]
            actor = max(before, key=lambda pair: pair[0])[1] if before else min(fitting, key=lambda a: starts[id(a)][0])
            self._add(actor, token.i, token.i + 1)
            bisect.insort(starts[id(actor)], token.i)

    def _appositive(self, span: Span) -> Span | None:
        """The office set beside a name by commas: "João Gomes Cravinho, Minister of Foreign Affairs of
        Portugal", "Amara Tolu, a senior adviser to the President", "X, who resigned as Lebanon's prime
        minister" after it; "Washington's envoy to the United Nations, Nikki Haley", "his Turkish
        counterpart, Mevlut Cavusoglu" before it."""
        for token in span.root.children:
            if token.dep_ == "appos" and any(is_title_word(t) for t in token.subtree):
                return trim(self.doc[token.left_edge.i:token.right_edge.i + 1])
            if token.dep_ == "relcl" and token.lemma_ in ROLES["office_verbs"]:
                office = next((o for o in map(office_complement, token.children) if o is not None), None)
                if office is not None:
                    return trim(self.doc[office.left_edge.i:office.right_edge.i + 1])
        head = span.root.head
        if span.root.dep_ == "appos" and head.i < span.start and is_title_word(head):
            return trim(self.doc[head.left_edge.i:span.start])
        return None

    def _country_after(self, span: Span, prefix: Span) -> str | None:
        """ "Kishida of Japan", "Wang, representing the People's Republic of China", a U.S. lawmaker's
        "(R-S.C.)" or "of Texas" ("of Georgia" is the state only beside a party: "Republican ... of Georgia")."""
        doc = self.doc
        if is_party_state(self.text[span.end_char:span.end_char + 24]):
            return "USA"
        window = doc[span.end:min(len(doc), span.end + 10)]
        if len(window) > 1 and window[0].lower_ == "of":
            if window[1].text in DEMONYMS["us_states"] and (window[1].text not in countries.TABLE
                                                      or self._party_before(prefix if len(prefix) else span)):
                return "USA"
            found = countries.countries_in(window[1:].text)
            # the country must open the phrase: "of the People's Republic of China", not "of state for Japan"
            if found and found[0][0] <= len(" ".join(t.text for t in window[1:3])) + 1:
                return found[0][2]
            return None if found else place_country(window[1:4])  # "of Iowa", "of the Chelyabinsk council"
        if len(window) > 2 and window[0].text == "," and window[1].lemma_ in {"represent", "from"}:
            return _first_country(window[2:])
        return None

    def _party_before(self, span: Span) -> bool:
        """ "Republican Senator", "Democratic committee member": a U.S. party just before an office or name."""
        return any(t.text in DEMONYMS["us_parties"] for t in self.doc[max(0, span.start - 3):span.start + 1])

    def _from_knowledge(self, on: dt.date | None, known: Knowledge) -> None:
        """People the text gives no country get the knowledge base's: by full name, unless the document
        names other countries and the person is neither in office on its date nor a leader (a singer
        "James Brown" is not the British minister of 2008); by a lone surname when the office holders
        carrying it on that date for a country this document names agree on one."""
        mentioned = document_countries(self.text)
        for actor in self.actors.values():
            if actor.kind != "person" or actor.country or id(actor) in self.international:
                continue
            names = [n for n in (actor.name, *sorted(actor.aliases)) if len(name_words(n)) > 1]
            holder = next(filter(None, (known.person(n, on, mentioned) for n in names)), None)
            if holder is not None and not fits_document(holder, mentioned):
                holder = None
            if holder is None and len(name_words(actor.name)) == 1:
                holder = known.surname(actor.name, on, mentioned) or knowledge.learned_surname(known, actor.name, on)
            if holder is not None and holder.country is None:
                self.international.add(id(actor))  # "Ban Ki-moon" in 2012: the UN's, not Korea's
            elif holder is not None:
                actor.country = holder.country

    def _from_ties(self) -> None:
        """ "a senior adviser to Kiir", "Kiir's spokesman", "a senior Arafat aide": who serves a person
        serves that person's country."""
        for actor, office in self.ties:
            served = [a for t in office if (a := self.at(t)) is not None and a.kind == "person" and a is not actor]
            if actor.country is None and served and served[0].country:
                actor.country = served[0].country

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


def introduced_as_kin(span: Span) -> bool:
    """ "my son Beau Biden", "his wife, Jill Biden": a kinship noun just before the name."""
    before = span.doc[max(0, span.start - 3):span.start]
    return any(t.lower_ in ROLES["kin_nouns"] for t in before)


def fits_document(holder: knowledge.Holder, mentioned: set[str]) -> bool:
    """Whether a knowledge-base answer by full name fits a document naming `mentioned` countries: it
    names the person's country or none (a domestic story), or the person is in office on its date or
    a leader, known without a country ("Tony Blair" in a story about Iraq)."""
    return holder.country in mentioned or not mentioned or holder.current or holder.leader


def document_countries(text: str) -> set[str]:
    """Countries a document names, by name or adjective: what a knowledge-base answer must fit. Read from
    the text, not the entities, which the lexical pre-pass leaves out of sentences it does not parse."""
    return {code for _, _, code in countries.countries_in(text)}


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
