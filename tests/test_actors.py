"""People resolved within a document: names, offices, countries, surnames and spelling variants."""
from __future__ import annotations

import datetime as dt

import pytest

from transforms.actors import DocActors, same_name_word
from transforms.knowledge import Knowledge, Person, phoenix


def people(nlp, text: str, home: str | None = None) -> dict[str, tuple[str | None, str | None]]:
    actors = DocActors(nlp(text))
    actors.default_country(home)
    return {a.name: (a.title, a.country) for a in actors.actors.values() if a.kind == "person"}


def test_actors_title_and_country_from_the_office_before_the_name(nlp) -> None:
    found = people(nlp, "German Chancellor Olaf Scholz met Japanese Prime Minister Fumio Kishida in Berlin.")
    assert found["Olaf Scholz"] == ("Chancellor", "DEU")
    assert found["Fumio Kishida"] == ("Prime Minister", "JPN")


def test_actors_honorifics_and_country_after_the_name(nlp) -> None:
    found = people(nlp, "President Joe Biden hosted His Majesty King Abdullah II of Jordan at the White House.",
                   home="USA")
    assert found["Abdullah II"] == ("King", "JOR")
    assert found["Joe Biden"][1] == "USA"  # the publisher's own official


def test_actors_surnames_offices_and_spellings_resolve_to_the_person(nlp) -> None:
    doc = nlp("President Volodymyr Zelenskyy spoke in Kyiv. Later, the President said Zelensky's plan would work.")
    actors = DocActors(doc)
    names = {actors.at(t).name for t in doc if actors.at(t) is not None and actors.at(t).kind == "person"}
    assert names == {"Volodymyr Zelenskyy"}
    president = next(t for t in doc if t.text == "President" and t.i > 3)
    assert actors.at(president).name == "Volodymyr Zelenskyy"


def test_actors_same_name_word() -> None:
    assert same_name_word("Sánchez", "Sanchez") and same_name_word("Zelenskyy", "Zelensky")
    assert not same_name_word("Wang", "Wan")


def countries_of(nlp, text: str, on: dt.date | None = dt.date(2021, 6, 1), home: str | None = None,
                 known: Knowledge | None = None) -> dict[str, str | None]:
    actors = DocActors(nlp(text), on, known)
    actors.default_country(home)
    return {a.name: a.country for a in actors.actors.values() if a.kind == "person"}


@pytest.mark.parametrize("text, name, country", [
    ("Vladimir Putin met reporters on Friday.", "Vladimir Putin", "RUS"),  # the knowledge base, by full name
    ("Putin spoke to reporters about Russia and its neighbours.", "Putin", "RUS"),  # a surname, and Russia named
    ("Putin spoke to reporters about the weather.", "Putin", None),  # a surname the document does not support
    ("Senator Lindsey Graham (R-S.C.) told reporters the bill would pass.", "Lindsey Graham", "USA"),
    ("Rep. Adam Schiff, D-Calif., said the committee would meet again.", "Adam Schiff", "USA"),
    ("Senator Ted Cruz of Texas said the vote was close.", "Ted Cruz", "USA"),
    ("Republican lawmaker Doug Collins of Georgia said the vote was close.", "Doug Collins", "USA"),
    ("Foreign Minister David Zalkaliani of Georgia met his counterpart in Tbilisi.", "David Zalkaliani", "GEO"),
    ("Indiana Governor Eric Holcomb signed the bill on Monday.", "Eric Holcomb", "USA"),  # a place in the office
    ("Sverdlovsk regional Governor Yevgeny Kuyvashev said the roads were closed.", "Yevgeny Kuyvashev", "RUS"),
    ("U.S. Ambassador to the United Nations Linda Thomas-Greenfield spoke on Monday.", "Linda Thomas-Greenfield", "USA"),
    ("Ambassador to China Robert Miller spoke on Monday.", "Robert Miller", None),  # posted to China, not Chinese
    ("Blinken met his Kenyan counterpart, Musalia Mudavadi, in Nairobi.", "Musalia Mudavadi", "KEN"),
    ("Naftali Bennett, who is Israel's prime minister, met the delegation.", "Naftali Bennett", "ISR"),
    ("Secretary of State Rex Tillerson met reporters in Ankara.", "Rex Tillerson", "USA"),  # one country's title
    ("He met US Middle East peace envoy Dennis Ross on Monday.", "Dennis Ross", "USA"),  # lower-case words inside
])
def test_actors_country_from_the_text_and_the_knowledge_base(nlp, text: str, name: str, country: str | None) -> None:
    assert countries_of(nlp, text)[name] == country


@pytest.mark.parametrize("text, name, country", [
    ("Richard Burton starred in a film shot in Mexico.", "Richard Burton", None),  # a New Zealand minister's namesake
    ("Richard Burton starred in a film about his childhood.", "Richard Burton", "NZL"),  # nothing says otherwise
    ("Tony Blair spoke about the war in Iraq.", "Tony Blair", "GBR"),  # a leader, named without his country
])
def test_actors_knowledge_base_answer_must_fit_the_countries_the_document_names(nlp, text: str, name: str,
                                                                                country: str | None) -> None:
    assert countries_of(nlp, text, dt.date(2020, 9, 1))[name] == country


def test_actors_adviser_takes_the_country_of_the_person_served(nlp) -> None:
    found = countries_of(nlp, "Jake Sullivan, a senior adviser to Biden, spoke on Monday. "
                              "President Joe Biden of the United States agreed.")
    assert found["Jake Sullivan"] == "USA"


def test_actors_office_of_an_international_body_gets_no_national_country(nlp) -> None:
    """The dictionary knows Antonio Guterres as Portugal's prime minister; as the UN's chief he speaks for no country."""
    text = "U.N. Secretary-General Antonio Guterres met Portuguese officials in Lisbon."
    assert countries_of(nlp, text, home="USA")["Antonio Guterres"] is None
    assert countries_of(nlp, "Antonio Guterres met Portuguese officials in Lisbon.")["Antonio Guterres"] == "PRT"


def test_actors_knowledge_base_grown_from_text_is_used(nlp) -> None:
    learned = Knowledge(parent=phoenix())
    learned.add(Person.seen("Rishi Sunak", "GBR", "Prime Minister", first_seen=dt.date(2022, 10, 25)))
    text = "Rishi Sunak met business leaders on Monday."
    assert countries_of(nlp, text, dt.date(2023, 3, 1), known=learned)["Rishi Sunak"] == "GBR"
    assert countries_of(nlp, text, dt.date(2023, 3, 1))["Rishi Sunak"] is None


@pytest.mark.parametrize("text, people", [
    ("John Smith met Jane Smith in London. Smith said the talks were good.", {"John Smith", "Jane Smith"}),
    ("President Smith spoke. Later John Smith and Jane Smith arrived.", {"John Smith", "Jane Smith"}),
    ("Mr Blair met Mr Sharon in Jerusalem. Tony Blair said Britain would help.", {"Tony Blair", "Sharon"}),
    ("Saad al-Hariri met the delegation in Beirut. Hariri said the talks were useful.", {"Saad al-Hariri"}),
])
def test_actors_people_merge_only_when_their_names_agree(nlp, text: str, people: set[str]) -> None:
    actors = DocActors(nlp(text))
    assert {a.name for a in actors.actors.values() if a.kind == "person"} == people


def test_actors_lone_surname_goes_to_the_latest_fitting_full_name(nlp) -> None:
    doc = nlp("John Smith met Jane Smith in London. Smith said the talks were good.")
    actors = DocActors(doc)
    assert actors.at(next(t for t in doc if t.text == "Smith" and t.i > 6)).name == "Jane Smith"


def test_actors_office_named_in_lower_case_refers_to_its_holder(nlp) -> None:
    doc = nlp("Jordan's King Abdullah II met the delegation. Later the king said the talks were useful.")
    actors = DocActors(doc)
    king = next(t for t in doc if t.text == "king")
    assert actors.at(king).name == "Abdullah II" and actors.at(king).country == "JOR"


def test_actors_a_relative_named_in_full_is_not_the_office_holder_of_that_surname(nlp) -> None:
    doc = nlp("President Biden spoke first. My son Beau Biden loved Ireland, he said.")
    actors = DocActors(doc)
    names = {m.actor.name for m in actors.mentions if m.actor.kind == "person"}
    assert {"Biden", "Beau Biden"} <= names


def test_actors_of_two_presidents_a_publisher_names_without_a_country_only_the_first_is_its_own(nlp) -> None:
    doc = nlp("President Biden welcomed President Macron to the White House. The two presidents spoke for an hour.")
    actors = DocActors(doc)
    actors.default_country("USA")
    countries = {m.actor.name: m.actor.country for m in actors.mentions if m.actor.kind == "person"}
    assert countries["Biden"] == "USA" and countries.get("Macron") != "USA"
