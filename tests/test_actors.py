"""People resolved within a document: names, offices, countries, surnames and spelling variants."""
from __future__ import annotations

from transforms.actors import DocActors, same_name_word


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
