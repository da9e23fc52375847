"""Who held which office for which country, when: names -> people -> their country at a date.

A news story names a foreign leader without "of <Country>" ("Netanyahu said", "Prime Minister Abe");
the text alone then gives no country. This module answers from people known beforehand: the
PETRARCH2 Phoenix dictionaries of ~18,000 office holders to about 2015 (transforms/data/, built by
scripts/build_knowledge.py), and people the caller learned from text ("Prime Minister Rishi Sunak of
the United Kingdom" seen in an earlier document), added as plain dataclasses.

Growing it from text (what the caller learned, e.g. the warehouse's actors with their dates):

    known = Knowledge(parent=phoenix())
    known.add(Person.seen("Rishi Sunak", "GBR", "Prime Minister", ["Sunak"], first_seen=dt.date(2022, 10, 25)))
    DocActors(doc, published, known)  # transforms/actors.py

Lookups are dictionary lookups on a folded name; the dictionary loads once per process (~0.15 s).
Time matters: an office holds for a period and a person's roles can span countries ("Salva Kiir" led
Sudan's south, then South Sudan), so the document's date picks the role; a role without an end holds
afterwards, and past the data's end the latest role stands (a person's country rarely changes).
"""
from __future__ import annotations

import datetime as dt
import functools
import gzip
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from transforms.lexicons import load

DATA = Path(__file__).parent / "data" / "phoenix_people.json.gz"
OPEN = 0  # an open end of a period
ELITE = "ELI"  # CAMEO role of a country's elite: the dictionary gives it to heads of state and government
PARTICLES = load("roles")["name_particles"]
FAMILY_NAME_FIRST = load("demonyms")["family_name_first"]
INITIAL = re.compile(r"\w\.(?:\w\.)*")
BRACKETS = re.compile(r"[\[\](){}]")  # "[Vladimir] Putin": an editor's insertion is still the name
VARIES = re.compile(r"[-.\[\](){}]|\b(?:" + "|".join(map(re.escape, PARTICLES)) + r")\b")


def _fold(text: str) -> str:
    if text.isascii():
        return " ".join(text.casefold().split())
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).casefold()
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


# called for every name word against every person: a bounded memo (the dictionary's load does not fill it)
fold = functools.lru_cache(maxsize=1 << 16)(_fold)
fold.__doc__ = """Lower case, no accents, single spaces: the key that merges actors across documents."""


def name_key(name: str) -> str:
    """The key spellings of one name share: "Saad al-Hariri" / "Saad Hariri", "Johann N. Schneider-Ammann" /
    "JOHANN_SCHNEIDER_AMMANN": folded, hyphens as spaces, no brackets, no particle or initial after the
    first word."""
    text = _fold(name)
    if not VARIES.search(text):  # most names: nothing to drop
        return text
    first, *rest = BRACKETS.sub("", text).replace("-", " ").split() or [""]
    kept = [w for w in rest if w not in PARTICLES and not INITIAL.fullmatch(w)]
    return " ".join([first, *kept]) if kept else " ".join([first, *rest])


@functools.lru_cache(maxsize=1 << 14)  # asked for each person named in a document, for every name word
def name_words(name: str) -> frozenset[str]:
    """Every word a name may be called by, folded: "Saad al-Hariri" -> saad, al-hariri, hariri."""
    return frozenset(fold(name).split()) | frozenset(name_key(name).split())


def day_number(day: dt.date | None) -> int | None:
    """A date as the YYYYMMDD integer the data file uses."""
    return None if day is None else day.year * 10000 + day.month * 100 + day.day


@dataclass(frozen=True, slots=True)
class Role:
    """A country and an office held from `start` to `end` (YYYYMMDD; 0 for an open end). `role` is a
    CAMEO role code from the dictionary ("GOV", "ELI", "GOVMIL", "IGOUNO") or a title from text;
    `country` is empty for an office of an international body (the UN's secretary-general)."""
    country: str
    role: str = ""
    start: int = OPEN
    end: int = OPEN

    @property
    def dated(self) -> bool:
        return bool(self.start or self.end)

    def covers(self, day: int) -> bool:
        return self.dated and self.start <= day and (self.end == OPEN or day <= self.end)

    def distance(self, day: int) -> int:
        """How far (in YYYYMMDD units, enough to order) the period lies from `day`."""
        if self.end and day > self.end:
            return day - self.end
        return max(0, self.start - day)


@dataclass(slots=True)
class Person:
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    def role_on(self, day: int | None) -> Role | None:
        """The role that speaks for `day`: one covering it (the latest begun), else an undated one,
        else the nearest in time; with no date, the latest begun."""
        if not self.roles:
            return None
        if day is None:
            return max(self.roles, key=lambda r: r.start)
        covering = [r for r in self.roles if r.covers(day)]
        if covering:
            return max(covering, key=lambda r: r.start)
        undated = [r for r in self.roles if not r.dated]
        return undated[0] if undated else min(self.roles, key=lambda r: (r.distance(day), -r.start))

    @classmethod
    def seen(cls, name: str, country: str, title: str | None = None, aliases: Iterable[str] = (),
             first_seen: dt.date | None = None, last_seen: dt.date | None = None) -> Person:
        """A person as read from text, holding this office from when it was first seen: nobody wrote
        that it ended, so it holds afterwards, as the dictionary's open-ended roles do."""
        start = day_number(first_seen or last_seen) or OPEN
        return cls(name, tuple(aliases), (Role(country, title or "", start),))


@dataclass(frozen=True, slots=True)
class Holder:
    """The answer to "who is <name> on <date>?"."""
    name: str  # the person's name in the knowledge base
    country: str | None  # ISO alpha-3 of the role that speaks for the date; None: an international body
    role: str  # CAMEO role code or title
    current: bool  # the role covers the date
    leader: bool  # among a country's elite (CAMEO "ELI"): heads of state or government, known without their country


@dataclass
class Knowledge:
    """People indexed by every folded spelling of their name, and by surname. A Knowledge may sit on
    a `parent` (the dictionary): what the caller adds is looked up together with what it holds."""
    parent: Knowledge | None = None
    _names: dict[str, list[Person]] = field(default_factory=dict)
    _surnames: dict[str, list[Person]] = field(default_factory=dict)

    def add(self, person: Person) -> Person:
        """Index a person; a second record of a name already known for the same country is merged into it."""
        for known in self._names.get(name_key(person.name), ()):
            if {r.country for r in known.roles} & {r.country for r in person.roles}:
                known.aliases = tuple(dict.fromkeys(known.aliases + person.aliases))
                known.roles = tuple(dict.fromkeys(known.roles + person.roles))
                self._index(known, person.aliases)
                return known
        self._index(person, (person.name, *person.aliases))
        return person

    def _index(self, person: Person, names: Iterable[str]) -> None:
        keys = {name_key(name) for name in names}
        family_first = any(r.country in FAMILY_NAME_FIRST for r in person.roles)
        surnames = {_surname(key.split(), family_first) for key in keys}
        for index, words in ((self._names, keys), (self._surnames, surnames)):
            for word in words:
                entries = index.setdefault(word, [])
                if all(p is not person for p in entries):
                    entries.append(person)

    def _candidates(self, index: str, key: str) -> list[Person]:
        own = getattr(self, index).get(key, [])
        return own + self.parent._candidates(index, key) if self.parent else own

    def person(self, name: str, on: dt.date | None = None, mentioned: Iterable[str] = ()) -> Holder | None:
        """The person a full name or known spelling names on a date; None when unknown or when namesakes
        of different countries remain after `mentioned` (countries the document names) is used."""
        return _choose(self._candidates("_names", name_key(name)), day_number(on), set(mentioned))

    def surname(self, word: str, on: dt.date | None, mentioned: Iterable[str]) -> Holder | None:
        """The country of the people with this surname who hold an office on the date (any, in an undated
        document) for a country the document names (`mentioned`); None unless they all share one country:
        a surname alone identifies little, so the date and the document must both support the answer."""
        day = day_number(on)
        mentioned = set(mentioned)
        fitting = [(p, r) for p in self._candidates("_surnames", name_key(word))
                   if (r := p.role_on(day)) is not None and r.country in mentioned]
        current = [(p, r) for p, r in fitting if day is None or r.covers(day)]
        return _one_country(current, day)


def learned_surname(known: Knowledge, word: str, on: dt.date | None) -> Holder | None:
    """A lone surname of someone the warehouse itself read in full before the document's date (the layer
    `grown` adds, not the dictionary's thousands of namesakes): their one country, if they share one."""
    if known.parent is None:
        return None
    day = day_number(on)
    fitting = [(p, r) for p in known._surnames.get(name_key(word), [])
               if (r := p.role_on(day)) is not None and (day is None or r.start <= day)]
    return _one_country(fitting, day)


def _surname(words: list[str], family_first: bool) -> str:
    """The word a person is called by alone: the last, or the first where names put the family first."""
    if not words:
        return ""
    return words[0] if family_first and len(words) > 1 else words[-1]


def _choose(people: list[Person], day: int | None, mentioned: set[str]) -> Holder | None:
    """One answer for the people a name may be: their countries agree, or the date leaves one country,
    or the document names only one of them; when it names several, the role begun last ("Salva Kiir":
    Sudan's south from 2005, South Sudan from 2011)."""
    answers = [(p, r) for p in people if (r := p.role_on(day)) is not None]
    if len({r.country for _, r in answers}) > 1 and day is not None:
        answers = [(p, r) for p, r in answers if r.covers(day)] or answers
    if len({r.country for _, r in answers}) > 1:
        answers = [(p, r) for p, r in answers if r.country in mentioned]
        answers = [max(answers, key=lambda pr: pr[1].start)] if answers else []
    return _one_country(answers, day)


def _one_country(answers: list[tuple[Person, Role]], day: int | None) -> Holder | None:
    """The holder of the latest-begun role when every answer names the same country, else None."""
    if len({r.country for _, r in answers}) != 1:
        return None
    person, role = max(answers, key=lambda pr: pr[1].start)
    return Holder(person.name, role.country or None, role.role, day is not None and role.covers(day),
                  any(r.role == ELITE for r in person.roles))


@functools.cache
def phoenix() -> Knowledge:
    """The Phoenix dictionary's people, loaded once per process."""
    data = json.loads(gzip.decompress(DATA.read_bytes()))
    knowledge = Knowledge()
    for name, aliases, roles in data["people"]:  # one record per name and country already: index, no merge
        knowledge._index(Person(name, tuple(aliases), tuple(Role(*r) for r in roles)), (name, *aliases))
    return knowledge


@dataclass(frozen=True)
class Learned:
    """People the warehouse has read with a country (its `known_people` view, source 'text'), as a run
    hands them to its extraction tasks: (name, aliases, country, title, first seen, last seen) rows, and a
    digest that names the snapshot, so a worker builds its knowledge once per run, not once per batch."""
    digest: str
    people: tuple[tuple[str, tuple[str, ...], str, str | None, dt.date | None, dt.date | None], ...] = ()


_grown: dict[str, Knowledge] = {}


def grown(learned: Learned | None) -> Knowledge:
    """The dictionary with what the warehouse learned from text on top: "Prime Minister Rishi Sunak of the
    United Kingdom" read in an earlier run makes a later document's bare "Sunak" British."""
    if learned is None or not learned.people:
        return phoenix()
    if learned.digest not in _grown:
        _grown.clear()  # one run's snapshot at a time
        knowledge = Knowledge(parent=phoenix())
        for name, aliases, country, title, first, last in learned.people:
            knowledge.add(Person.seen(name, country, title, aliases, first, last))
        _grown[learned.digest] = knowledge
    return _grown[learned.digest]
