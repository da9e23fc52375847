"""Place names as written in news -> Place(name, country, kind), from the offline gazetteer and lexicons.

Names are the kind spaCy tags GPE/LOC/FAC in made-up diplomatic sentences, not article text.
"""
from __future__ import annotations

import time

import pytest

from transforms import places
from transforms.places import Place, resolve_place


@pytest.mark.parametrize("name, country", [
    ("Vienna", "AUT"), ("Munich", "DEU"), ("Geneva", "CHE"), ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Odessa", "UKR"),
    ("Cologne", "DEU"), ("Zurich", "CHE"), ("Zürich", "CHE"), ("Davos", "CHE"), ("Bombay", "IND"),
    ("St. Petersburg", "RUS"), ("Saint Petersburg", "RUS"), ("Paris", "FRA"), ("London", "GBR"),
    ("Athens", "GRC"), ("Birmingham", "GBR"), ("Islamabad", "PAK"), ("Tripoli", "LBY"), ("Doha", "QAT"),
    ("Hague", "NLD"), ("Waterloo", "CAN"), ("Sharm el-Sheikh", "EGY"), ("Malé", "MDV"),
])
def test_places_city_resolves_to_its_most_likely_country(name: str, country: str) -> None:
    place = resolve_place(name)
    assert place == Place(name, country, "city")


def test_places_example_from_the_contract() -> None:
    assert resolve_place("Vienna") == Place("Vienna", "AUT", "city")
    assert resolve_place("Munich") == Place("Munich", "DEU", "city")


def test_places_washington_is_the_capital_city_not_the_state() -> None:
    assert resolve_place("Washington") == Place("Washington", "USA", "city")
    assert resolve_place("Washington, D.C.") == Place("Washington, D.C.", "USA", "city")
    assert resolve_place("Washington state") == Place("Washington state", "USA", "region")


def test_places_capital_beats_a_bigger_namesake_elsewhere() -> None:
    assert resolve_place("San Jose").country == "CRI"
    assert resolve_place("Georgetown").country == "GUY"
    assert resolve_place("St. John's") == Place("St. John's", "ATG", "city")


def test_places_leading_the_and_trailing_punctuation_are_dropped() -> None:
    assert resolve_place("the White House") == Place("White House", "USA", "venue")
    assert resolve_place("the Kremlin’s") == Place("Kremlin", "RUS", "venue")
    assert resolve_place("Moscow,") == Place("Moscow", "RUS", "city")
    assert resolve_place("Japan.") == Place("Japan", "JPN", "country")
    assert resolve_place("the U.S.") == Place("U.S.", "USA", "country")


@pytest.mark.parametrize("name, country", [
    ("Camp David", "USA"), ("the Kremlin", "RUS"), ("Downing Street", "GBR"), ("Élysée Palace", "FRA"),
    ("Great Hall of the People", "CHN"), ("Palais des Nations", "CHE"), ("Panmunjom", None),
])
def test_places_famous_venues_come_from_the_lexicon(name: str, country: str | None) -> None:
    place = resolve_place(name)
    assert place is not None and place.kind == "venue" and place.country == country


@pytest.mark.parametrize("name, country", [
    ("China", "CHN"), ("the Philippines", "PHL"), ("Georgia", "GEO"), ("Kosovo", "XKX"), ("Vatican", "VAT"),
    ("South Korea", "KOR"), ("Russia's", "RUS"),
])
def test_places_country_names_are_countries(name: str, country: str) -> None:
    place = resolve_place(name)
    assert place is not None and place.kind == "country" and place.country == country


@pytest.mark.parametrize("name, country", [
    ("Texas", "USA"), ("California", "USA"), ("New Jersey", "USA"), ("Delaware", "USA"),
    ("Scotland", "GBR"), ("Crimea", "UKR"), ("West Bank", "PSE"), ("Middle East", None), ("Indo-Pacific", None),
    ("Kashmir", None),
])
def test_places_us_states_and_named_regions_are_regions(name: str, country: str | None) -> None:
    place = resolve_place(name)
    assert place is not None and place.kind == "region" and place.country == country


def test_places_big_city_beats_a_state_of_the_same_name() -> None:
    assert resolve_place("New York") == Place("New York", "USA", "city")


@pytest.mark.parametrize("name", ["Mobile", "Reading", "Nice", "Split", "Bath", "Of", "Police", "Male", "Orange"])
def test_places_common_english_words_are_not_mid_size_towns(name: str) -> None:
    assert resolve_place(name) is None


@pytest.mark.parametrize("name", ["Narnia", "Chinese", "Israelis", "vienna", "the", "", "  ", "12", "us"])
def test_places_none_for_non_places_adjectives_and_lowercase(name: str) -> None:
    assert resolve_place(name) is None


def test_places_lookup_is_fast_once_the_gazetteer_is_built() -> None:
    resolve_place("Vienna")  # builds the gazetteer (about a second), once per process
    names = ["Vienna", "the White House", "Narnia", "Texas", "Kiev’s", "China"]
    start = time.perf_counter()
    for _ in range(500):
        for name in names:
            resolve_place(name)
    per_call = (time.perf_counter() - start) / (500 * len(names))
    assert per_call < 200e-6  # measured ~4 us


def test_places_gazetteer_is_built_once_and_then_loaded_from_the_cache(tmp_path, monkeypatch) -> None:
    """Every worker process of every run needs the table; the first one builds it, the others load it.
    A table built from older code is removed when the new one is written."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    stale = tmp_path / "communique" / "gazetteer-0000000000000000.pickle"
    stale.parent.mkdir()
    stale.write_bytes(b"built by an older version")
    places._gazetteer.cache_clear()
    try:
        built = places._gazetteer()
        kept = list((tmp_path / "communique").glob("gazetteer-*.pickle"))
        assert kept == [places._cache_file()]
        places._gazetteer.cache_clear()
        monkeypatch.setattr(places, "_build_gazetteer", lambda: pytest.fail("built again instead of loaded"))
        assert places._gazetteer() == built
        assert resolve_place("Odessa") == Place("Odessa", "UKR", "city")
    finally:
        places._gazetteer.cache_clear()


def test_places_gazetteer_without_a_writable_cache_is_built_in_memory(tmp_path, monkeypatch) -> None:
    (tmp_path / "communique").write_text("a file where the cache directory would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    places._gazetteer.cache_clear()
    try:
        assert resolve_place("Vienna") == Place("Vienna", "AUT", "city")
    finally:
        places._gazetteer.cache_clear()


@pytest.mark.parametrize("name, city", [
    ("the White House", "Washington"), ("Kremlin", "Moscow"), ("Zhongnanhai", "Beijing"), ("Elysee Palace", "Paris"),
    ("Downing Street", "London"), ("the Oval Office", "Washington"), ("Camp David", None), ("Vienna", None),
])
def test_places_venues_know_the_city_they_stand_in(name: str, city: str | None) -> None:
    assert places.venue_city(name) == city


@pytest.mark.parametrize("outer, inner, holds", [
    ("Washington", "the White House", True), ("Russia", "the Kremlin", True), ("Japan", "Tokyo", True),
    ("Vienna", "Vienna", True), ("London", "the White House", False), ("Japan", "Seoul", False),
    ("Tokyo", "Japan", False),
])
def test_places_a_place_holds_the_places_within_it(outer: str, inner: str, holds: bool) -> None:
    assert places.holds(resolve_place(outer), resolve_place(inner)) is holds


@pytest.mark.parametrize("nationality, capital", [
    ("Chinese", Place("Beijing", "CHN", "city")), ("Russian", Place("Moscow", "RUS", "city")),
    ("Japan's", Place("Tokyo", "JPN", "city")), ("Martian", None),
])
def test_places_capital_named_by_its_country_or_nationality(nationality: str, capital: Place | None) -> None:
    assert places.capital_of(nationality) == capital


@pytest.mark.parametrize("text, place", [
    ("MOSCOW (Reuters) - The foreign minister said", Place("Moscow", "RUS", "city")),
    ("Washington (CNN)The president said", Place("Washington", "USA", "city")),
    ("BEIJING, Jan. 27 (Xinhua) -- China and", Place("Beijing", "CHN", "city")),
    ("GORKI, March 27. /TASS/. The prime minister", Place("Gorki", "RUS", "city")),
    ("LONDON -- The prime minister", Place("London", "GBR", "city")),
    ("CLARK AIR BASE, Philippines (Reuters) - The", Place("Clark Air Base", "PHL", "city")),
    ("A subtitle of the story\nVIENNA (Reuters) - Talks", Place("Vienna", "AUT", "city")),
    ("WASHINGTON/MEXICO CITY (Reuters) - Officials", None),
    ("Friday, January 4, 2019   An apartment building", None),
    ("During a visit to Poland, the chancellor said", None),
])
def test_places_dateline_is_the_city_a_story_was_filed_from(text: str, place: Place | None) -> None:
    assert places.dateline(text) == place


def test_places_city_states_and_full_names() -> None:
    assert places.is_city_state(resolve_place("Singapore")) and not places.is_city_state(resolve_place("Japan"))
    assert places.is_place_name("Washington, D.C.") and not places.is_place_name("Jakarta, Indonesia")


@pytest.mark.parametrize("name, country", [
    ("Trump Tower", "USA"), ("Raghadan Palace", "JOR"), ("Ak Orda", "KAZ"), ("Egmont Palace", "BEL"),
])
def test_places_more_venues_of_diplomacy(name: str, country: str) -> None:
    assert resolve_place(name) == Place(name, country, "venue")


@pytest.mark.parametrize("name, place", [
    ("Lao Cai", Place("Lao Cai", "VNM", "city")), ("Mexico City", Place("Mexico City", "MEX", "city")),
    ("Kosovo Polje", Place("Kosovo Polje", "XKX", "city")), ("Jordan Valley", None), ("Turkey Point", None),
    ("Iran Air", None),
])
def test_places_a_name_is_never_a_country_by_its_first_word(name: str, place: Place | None) -> None:
    assert resolve_place(name) == place


def test_places_a_dateline_without_an_agency_is_written_in_capitals() -> None:
    assert places.dateline("Obama - The president said on Monday") is None
    assert places.dateline("LONDON -- The prime minister said") == Place("London", "GBR", "city")
