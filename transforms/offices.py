"""An office written beside a name -> the title and the country it gives: "Israeli Prime Minister",
"India's External Affairs Minister", "U.S. Ambassador to the United Nations", "Indiana Governor",
"a senior adviser to Iran's supreme leader", "(R-S.C.)".

The country comes from the office's own words only: a country or nationality named in it, or a place
the gazetteer knows ("Chelyabinsk regional Deputy Governor"), never from what the office is posted to
("Ambassador to China" is not Chinese). An office of an international body ("U.N. Secretary-General")
speaks for no country.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from transforms import countries, places
from transforms.lexicons import load

ROLES = load("roles")
US = load("demonyms")
US_STATES = US["us_states"] | US["us_state_abbreviations"]
INTERNATIONAL = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(US["international_bodies"], key=len, reverse=True)))
                           + r")(?!\w)")
# "Sen. Lindsey Graham (R-S.C.)", "Rep. Adam Schiff, D-Calif.": a party letter and a state after a U.S. lawmaker
PARTY_STATE = re.compile(r"\s*[(,]\s*[RDI]-([A-Z][\w.]*(?: ?[A-Z][\w.]*)?)\s*[),]?")
CONNECTORS = {"'s", "’s", "-", "of", "to", "for"}  # inside an office's name: "Minister for Foreign Affairs"


def is_title_word(token: Token) -> bool:
    return token.lower_ in ROLES["title_heads"]


def title_prefix(doc: Doc, start: int) -> Span:
    """The run of office words before a name: "U.S. Secretary of State" before "Antony Blinken",
    "U.S. Ambassador to the United Nations" before "Nikki Haley"."""
    i = start
    while i > 0:
        token = doc[i - 1]
        if token.lower_ in {"to", "for"} and not names_a_body(doc[i:start]):
            break  # "adviser to President X", "adviser to X": the adviser is someone else
        if token.lower_ == "the" and i > 1 and doc[i - 2].lower_ in CONNECTORS:
            i -= 1  # "of the", "to the": inside an office's name
            continue
        if token.is_space or token.text in {",", "(", "“", "\""} or token.pos_ in {"VERB", "AUX", "DET", "CCONJ", "SCONJ"}:
            break
        if token.lower_ in CONNECTORS or token.is_title or token.ent_type_ in {"GPE", "NORP"} \
                or is_title_word(token) or countries.country_code(token.text) or modifies_office(token, start):
            i -= 1
            continue
        break
    prefix = doc[i:start]
    while len(prefix) and prefix[0].lower_ in CONNECTORS | {"the"}:
        prefix = prefix[1:]
    return prefix if any(is_title_word(t) for t in prefix) else doc[start:start]


def modifies_office(token: Token, start: int) -> bool:
    """A lower-case word inside an office: "peace" in "U.S. Middle East peace envoy", "senior" in "senior
    aide" (a modifier of a word after it, before the name)."""
    return token.dep_ in {"compound", "amod"} and token.i < token.head.i < start and token.pos_ in {"NOUN", "ADJ"}


def own_part(office: Span) -> Span:
    """The words of an office that can name its holder's country: "U.S. Ambassador" of "U.S. Ambassador to
    China", "Special Envoy" of "Special Envoy for Syria"; "Minister for Foreign Affairs" and "adviser to
    Iran's supreme leader" stay whole (the leader's country is the adviser's)."""
    for token in office:
        rest = office.doc[token.i + 1:office.end]
        if (token.lower_ == "to" or token.lower_ == "for" and len(rest) and countries.country_code(rest[0].text)) \
                and names_a_body(rest):
            return office.doc[office.start:token.i]
    return office


def names_a_body(words: Span) -> bool:
    """Whether the words after "to"/"for" in an office name a country or body ("to the United Nations",
    "to China"), not another office holder ("to Iran's supreme leader", "to President X")."""
    return len(words) > 0 and not any(is_title_word(t) for t in words)


def office_of(prefix: Span) -> tuple[str | None, str | None]:
    """Split "Chinese Public Security Minister" into title "Public Security Minister" and country CHN."""
    if not len(prefix):
        return None, None
    own = own_part(prefix)
    found = countries.countries_in(own.text)
    country = found[0][2] if found else place_country(own)
    keep = [t for t in prefix if not countries.country_code(t.text) and t.lower_ not in {"'s", "’s", "-"}
            and t.lower_ not in ROLES["honorifics"]
            and t.ent_type_ not in {"GPE", "NORP"}]
    while keep and keep[0].lower_ in {"of", "the"}:
        keep = keep[1:]
    while keep and keep[-1].lower_ in CONNECTORS:  # "Ambassador to" once "China" is taken out
        keep = keep[:-1]
    title = " ".join(t.text for t in keep) or None
    return title, country or ROLES["national_offices"].get((title or "").lower())


def place_country(span: Span) -> str | None:
    """ "Indiana Governor", "Chelyabinsk regional Deputy Governor": a place named in an office gives its
    country, through the gazetteer only (a place entity, never a word that merely starts like a country)."""
    for ent in entities_in(span, {"GPE", "LOC", "ORG"}):
        place = places.resolve_place(ent.text)
        if place is not None and place.country:
            return place.country
    return None


def entities_in(span: Span, labels: set[str]) -> list[Span]:
    """The entities with these labels that start inside a few words, read from the tokens: Span.ents
    walks every entity of the document on each call."""
    doc, found = span.doc, []
    for token in span:
        if token.ent_iob_ == "B" and token.ent_type_ in labels:
            end = token.i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            found.append(doc[token.i:end])
    return found


def office_complement(token: Token) -> Token | None:
    """The office in "who is China's foreign minister" (attr) or "who resigned as prime minister" (as ...)."""
    if token.dep_ == "prep" and token.lower_ == "as":
        token = next((c for c in token.children if c.dep_ == "pobj"), token)
    elif token.dep_ != "attr":
        return None
    return token if is_title_word(token) else None


def is_party_state(text: str) -> bool:
    """Whether text opens with a U.S. party and state: " (R-S.C.)", ", D-Calif.,"."""
    match = PARTY_STATE.match(text)
    return bool(match) and match.group(1).rstrip(",") in US_STATES


def is_international(office: Span) -> bool:
    """ "U.N. Secretary-General", "NATO Secretary-General" (the body may stand just before the office
    words), "Commission President": an office of an international body."""
    doc = office.doc
    return bool(INTERNATIONAL.search(doc[max(0, office.start - 1):office.start].text + " " + own_part(office).text))
