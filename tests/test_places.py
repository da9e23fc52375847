"""Countries and places from offline data: demonyms, aliases, capitals, cities and venues."""
from __future__ import annotations

from transforms.countries import capital_country, countries_in, country_code, country_name
from transforms.places import resolve_place


def test_countries_names_aliases_and_adjectives() -> None:
    assert country_code("Chinese") == "CHN"
    assert country_code("the U.S.") == "USA"
    assert country_code("People’s Republic of China") == "CHN"
    assert country_code("Russia's") == "RUS"
    assert country_code("Israelis") == "ISR"
    assert country_code("us") is None and country_code("European") is None


def test_countries_in_phrases_and_compounds() -> None:
    assert [c for _, _, c in countries_in("top U.S. and Chinese officials")] == ["USA", "CHN"]
    assert [c for _, _, c in countries_in("the U.S.-PRC working group")] == ["USA", "CHN"]
    assert countries_in("the Indo-Pacific") == []


def test_countries_names_and_capitals() -> None:
    assert country_name("USA") == "United States" and country_name("KOR") == "South Korea"
    assert capital_country("Beijing") == "CHN" and capital_country("Vienna") is None


def test_places_cities_countries_venues() -> None:
    assert resolve_place("Vienna").country == "AUT"
    assert resolve_place("Munich").country == "DEU"
    assert resolve_place("Washington").country == "USA"
    assert resolve_place("the White House").name == "White House"
    assert resolve_place("China").kind == "country"
    assert resolve_place("Narnia") is None
