"""A meeting named by a document's title: "Remarks by President Biden and Prime Minister Morrison of
Australia Before Bilateral Meeting", "Joint Statement Following the Meeting Between President X and
President Y in Jeddah", "Joint Statement on the Phone Call between President X and President Y".

Remarks before or after a meeting rarely say in their text who met whom; their title does, in a fixed
grammar (speakers after "by", the meeting after a preposition, partners after "with" or "between", the
place after "in" or "|"). So the title is read with word lists, not the parser, and its people are
matched to the actors the text names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from transforms import countries, places
from transforms.actors import Actor, DocActors, fold
from transforms.lexicons import load

ROLES = load("roles")
LEX = load("meetings")
DOCUMENT = re.compile(r"^(?:remarks|joint\s+(?:statement|readout|remarks))\s+(?P<rest>.+)$", re.IGNORECASE)
MEETING = re.compile(r"\b(?P<what>meeting|phone\s+call|video\s+call|call|talks)\b", re.IGNORECASE)
SCENE = re.compile(r"\s+(?:before|after|following|during|in|at|ahead\s+of|on)(?:\s+(?:an?|the|their))?"
                   r"(?P<words>(?:\s+[\w.’'-]+){0,6}?)\s*$", re.IGNORECASE)
PARTNERS = re.compile(r"^\s*(?:with|between)\s+(?P<who>.+?)(?:\s+in\s+(?P<place>[A-Z][\w .’'-]+?))?"
                      r"(?:\s+(?:on|to|regarding|about|for|during|following)\s+.*)?$", re.IGNORECASE)
PLACE = re.compile(r"^\s*in\s+(?P<place>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)", re.UNICODE)
SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})
OFFICE_WORDS = ROLES["title_heads"] | ROLES["person_titles"] | ROLES["honorifics"] | {"majesty", "hon.", "rt."}
GROUPS = LEX["political_groups"] | ROLES["group_nouns"]
KINDS = {"meeting": "meeting", "phone call": "call", "video call": "call", "call": "call", "talks": "talks"}


@dataclass
class TitleMeeting:
    kind: str
    participants: list[tuple[Actor, str]]
    format: str | None
    location: places.Place | None
    same_day: bool  # remarks before, after or in a meeting are given on its day


def read_title(title: str | None, actors: DocActors) -> TitleMeeting | None:
    """The meeting that remarks or a joint statement are about, by its title; None for any other title.
    People the title names are matched to the text's actors ("Prime Minister Morrison" -> "Scott Morrison")."""
    head, _, where = (title or "").partition("|")
    document = DOCUMENT.match(head.strip())
    found = MEETING.search(document.group("rest")) if document else None
    if found is None:
        return None
    rest = document.group("rest")
    before, after = rest[:found.start()], rest[found.end():]
    scene = SCENE.search(before)
    names: list[str] = []
    if rest.lower().startswith("by ") and scene:
        names += SPLIT.split(before[3:scene.start()])
    partners = PARTNERS.match(after)
    if partners:
        names += SPLIT.split(partners.group("who"))
    modifiers = scene.group("words") if scene else before
    people = [a for a in (_actor(name, actors) for name in names) if a is not None]
    people += [Actor(countries.country_name(code) or code, "country", code)
               for _, _, code in countries.countries_in(modifiers)]  # "U.S.-China Economic and Trade Meeting"
    people = list({a.key: a for a in people}.values())
    if len(people) < 2:
        return None
    kind = KINDS[" ".join(found.group("what").lower().split())]
    remote = re.search(r"\b(?:virtual|video)\b", rest, re.IGNORECASE)
    fmt = "phone" if kind == "call" and not remote else "virtual" if remote else "in_person"
    here = PLACE.match(after)  # "Economic and Trade Meeting in Geneva"
    place = (partners.group("place") if partners and partners.group("place") else here.group("place") if here
             else where.split(",")[0]).strip()
    return TitleMeeting(kind, [(a, "participant") for a in people], fmt,
                        places.resolve_place(place) if place else None, rest.lower().startswith("by "))


def _actor(name: str, actors: DocActors) -> Actor | None:
    """ "Prime Minister Morrison of Australia" -> the text's "Scott Morrison", or a new actor with the office
    and country the title gives; "the United States" -> the country; "Leaders of Caribbean Nations" -> a group."""
    words = [w for w in name.strip(" .").split() if w]
    if not words:
        return None
    code = countries.country_code(" ".join(words))
    if code:
        return Actor(countries.country_name(code) or " ".join(words), "country", code)
    if words[0].lower() in {"the", "a"}:
        words = words[1:]
    if not words or words[0].lower() in GROUPS or any(w.lower().strip(".,") in LEX["body_words"] for w in words):
        return _group(words)  # "Governors", "Bipartisan Group of House Members", "Labor Leaders"
    lead = 0
    while lead < len(words) - 1 and (words[lead].lower() in OFFICE_WORDS or countries.country_code(words[lead])):
        lead += 1
    person, _, country_words = " ".join(words[lead:]).partition(" of ")
    if not person[:1].isupper():
        return None
    title = " ".join(w for w in words[:lead] if not countries.country_code(w)) or None
    code = countries.country_code(country_words) or next((countries.country_code(w) for w in words[:lead]
                                                          if countries.country_code(w)), None)
    known = _known(person, title, actors)
    if known is not None:
        known.country = code or known.country  # "Prime Minister Kishida of Japan": the title says whose
        return known
    actor = Actor(person, "person", code, title)
    return actors.actors.setdefault(actor.key, actor)


def _known(person: str, title: str | None, actors: DocActors) -> Actor | None:
    """The text's actor with this surname, the fullest name first; when the title gives an office, only
    an actor the text gives an office too ("President Biden", not his son "Beau Biden")."""
    surname = next((fold(w) for w in reversed(person.split()) if fold(w) not in SUFFIXES), "")
    known = [a for a in actors.actors.values() if a.kind == "person" and surname in {fold(w) for w in a.name.split()}
             and (a.title or not title)]
    return max(known, key=lambda a: len(a.name)) if known else None


def _group(words: list[str]) -> Actor | None:
    if not words:
        return None
    found = countries.countries_in(" ".join(words))
    return Actor(" ".join(words), "group", found[0][2] if found else None)
