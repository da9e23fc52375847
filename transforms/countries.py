"""Country names, aliases and nationality adjectives as written in news -> ISO 3166-1 alpha-3.

pycountry supplies the official names and codes; lexicons/countries.json adds what news actually
writes ("U.S.", "Chinese", "Britain", "South Korean") and capitals used for governments ("Beijing").
"""
from __future__ import annotations

import functools
import re

import pycountry

from transforms.lexicons import load

DATA = load("countries")
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@functools.cache
def _table() -> dict[str, str]:
    """Surface form -> alpha-3; official names first, then news usage, which wins on conflicts."""
    table: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if name:
                table[name] = country.alpha_3
    table.update(DATA["aliases"])
    table.update(DATA["demonyms"])
    # plural demonyms ("Russians", "Israelis") and "the" forms are matched by the regex below
    return table


@functools.cache
def _pattern() -> re.Pattern[str]:
    names = sorted(_table(), key=len, reverse=True)
    alternatives = "|".join(re.escape(n).replace("'", "['’]") for n in names)
    # case-sensitive: "US" is a country, "us" a pronoun; a trailing "s" admits plural demonyms
    return re.compile(rf"(?<![\w.])(?:the\s+)?({alternatives})(?:s)?(?![\w])")


def _clean(text: str) -> str:
    text = " ".join(text.replace("’", "'").split())
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return POSSESSIVE.sub("", text)


def country_code(text: str) -> str | None:
    """ISO alpha-3 for a country name, alias or nationality adjective; None when it is not one."""
    cleaned = _clean(text)
    if not cleaned:
        return None
    table = _table()
    code = table.get(cleaned) or table.get(cleaned.replace("'", "’"))
    if code is None and cleaned.endswith("s"):
        code = table.get(cleaned[:-1]) if cleaned[:-1] in DATA["demonyms"] else None
    return code


def capital_country(text: str) -> str | None:
    """The country whose government a capital stands for ("Beijing" -> CHN)."""
    return DATA["capitals"].get(_clean(text))


def country_name(code: str) -> str | None:
    """Common English short name: "USA" -> "United States", "KOR" -> "South Korea"."""
    if code in DATA["names"]:
        return DATA["names"][code]
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


def countries_in(text: str) -> list[tuple[int, int, str]]:
    """Every country mention in a short phrase, as (start, end, alpha3), left to right."""
    table = _table()
    found = []
    for match in _pattern().finditer(text):
        name = match.group(1)
        code = table.get(name) or table.get(name.replace("’", "'"))
        if code:
            found.append((match.start(1), match.end(1), code))
    return found


def is_valid_alpha3(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None or code == "XKX"


@functools.cache
def all_alpha3() -> frozenset[str]:
    """Every valid code, for data-quality checks."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}
