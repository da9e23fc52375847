"""Speakers of claims: the side they speak for, unnamed sources, and the outlet the words came through.

Sentences written for these tests; names are invented or public office holders in made-up situations.
"""
from __future__ import annotations

import pytest

from transforms.extract import extract
from transforms.outlets import outlet_name, publisher_country
from transforms.speakers import dateline_country, home_country


def claims(nlp, text: str, outlet: str | None = None) -> list[dict]:
    return extract(nlp(text), "test", None, outlet).claims


def claim_of(nlp, text: str, speaker: str, outlet: str | None = None) -> dict:
    found = claims(nlp, text, outlet)
    return next(c for c in found if c["speaker_text"] == speaker)


@pytest.mark.parametrize("text, speaker, country", [
    ("Republican governors said the tariffs would hurt farmers.", "Republican governors", "USA"),
    ("Labour MPs said the bill would be amended.", "Labour MPs", "GBR"),
    ("The Kremlin said the talks had been useful.", "The Kremlin", "RUS"),
    ("Beijing said the visit would go ahead.", "Beijing", "CHN"),
    ("The White House said the two leaders spoke by phone.", "The White House", "USA"),
    ("Senator Mary Olsen said the treaty would pass.", "Senator Mary Olsen", "USA"),
    ("Chinese officials said the meeting was constructive.", "Chinese officials", "CHN"),
])
def test_speakers_side_from_the_speaker_phrase(nlp, text: str, speaker: str, country: str) -> None:
    assert claim_of(nlp, text, speaker)["speaker_country"] == country


@pytest.mark.parametrize("text, speaker, country", [
    ("Kenyan President William Ruto arrived in Paris on Monday. An adviser to Ruto said the visit would "
     "deepen trade ties.", "An adviser to Ruto", "KEN"),
    ("Kenyan President William Ruto arrived in Paris on Monday. Ruto's government said the visit would "
     "deepen trade ties.", "Ruto's government", "KEN"),
])
def test_speakers_side_of_the_person_a_speaker_works_for(nlp, text: str, speaker: str, country: str) -> None:
    assert claim_of(nlp, text, speaker)["speaker_country"] == country


@pytest.mark.parametrize("text, speaker, country", [
    ("Jan Kowal, a writer deeply critical of Germany, said the pipeline was a mistake.",
     "Jan Kowal, a writer deeply critical of Germany", None),
    ("The EU envoy to Russia said talks would resume.", "The EU envoy to Russia", None),  # the host is not the side
    ("Ana Ruiz, a Cuban-American writer, said the policy would stay.", "Ana Ruiz, a Cuban-American writer", "USA"),
])
def test_speakers_a_description_gives_the_side_only_where_it_says_it(nlp, text: str, speaker: str,
                                                                      country: str | None) -> None:
    assert claim_of(nlp, text, speaker)["speaker_country"] == country


def test_speakers_officials_of_an_international_body_get_no_country_from_the_setting(nlp) -> None:
    text = "MOSCOW (Reuters) - NATO officials said the exercise would go ahead."
    assert claim_of(nlp, text, "NATO officials")["speaker_country"] is None


@pytest.mark.parametrize("text, speaker", [
    ("A spokeswoman for Senator Olsen, Ann Berg, said the bill would pass.",
     "A spokeswoman for Senator Olsen, Ann Berg"),
    ("The bill will pass, her spokeswoman Ann Berg said.", "her spokeswoman Ann Berg"),
])
def test_speakers_a_person_named_after_a_description_is_not_anonymous(nlp, text: str, speaker: str) -> None:
    claim = claim_of(nlp, text, speaker)
    assert claim["speaker_key"] == "person:ann berg" and not claim["is_anonymous"]


@pytest.mark.parametrize("text, speaker, anonymous", [
    ("A senior official said the talks were productive.", "A senior official", True),
    ("Diplomats said the vote would be close.", "Diplomats", True),
    ("Ministry spokesperson Anna Berg said the school would reopen.", "Ministry spokesperson Anna Berg", False),
    ("The report said the economy had slowed.", "The report", False),
    ("The Canadians said the plan was fair.", "The Canadians", True),
    ("Local residents said the water was unsafe.", "Local residents", True),
    ("Turkish media reported that the minister had resigned.", "Turkish media", True),
])
def test_speakers_only_unnamed_sources_are_anonymous(nlp, text: str, speaker: str, anonymous: bool) -> None:
    assert claim_of(nlp, text, speaker)["is_anonymous"] is anonymous


def test_speakers_a_document_speaks_for_no_side_unless_it_says_so(nlp) -> None:
    text = "French President Emmanuel Macron spoke first. The report said the economy had slowed."
    assert claim_of(nlp, text, "The report")["speaker_country"] is None


def test_speakers_a_pronoun_is_the_subject_just_named(nlp) -> None:
    text = ("Prime Minister Anna Berg of Sweden held talks with Finnish President Juha Lind on Monday. "
            "She said the talks had been frank.")
    claim = claim_of(nlp, text, "She")
    assert claim["speaker_key"] == "person:anna berg" and claim["speaker_country"] == "SWE"


def test_speakers_the_office_refers_to_its_holder(nlp) -> None:
    text = ("Jordanian King Abdullah II met U.S. President Joe Biden in Washington on Monday. "
            "The king said the talks had been useful.")
    claim = claim_of(nlp, text, "The king")
    assert claim["speaker_key"] == "person:abdullah ii" and claim["speaker_country"] == "JOR"


def test_speakers_unnamed_officials_speak_for_the_country_of_the_dateline(nlp) -> None:
    text = "MOSCOW (Reuters) - Officials said the bridge would reopen on Friday."
    assert claim_of(nlp, text, "Officials")["speaker_country"] == "RUS"


@pytest.mark.parametrize("text, speaker, via", [
    ("“We are ready,” Minister Anna Berg told the Daily Nation.", "Minister Anna Berg", "Daily Nation"),
    ("Officials told state media that the bridge would reopen.", "Officials", "state media"),
    ("According to the Tanjug news agency, officials said the bridge would reopen.", "officials", "Tanjug"),
    ("Minister Anna Berg said in an interview with CNN that the bridge would reopen.", "Minister Anna Berg", "CNN"),
    ("The Globe newspaper said it had obtained the draft.", "The Globe newspaper", "The Globe"),
    ("Director Maria Costa, in remarks to example.com.br, said the harvest was over.", "Director Maria Costa",
     "example.com.br"),
    ("The road is closed, police told local radio, adding that repairs would take a week.", "police", "local radio"),
])
def test_speakers_relayed_via_the_outlet_that_carried_the_words(nlp, text: str, speaker: str, via: str) -> None:
    assert claim_of(nlp, text, speaker)["relayed_via"] == via


def test_speakers_the_agency_after_an_outlet_is_that_outlet(nlp) -> None:
    text = ("According to the Tanjug news agency, the office will open in May. "
            "The news agency reported that diplomats would attend.")
    assert claims(nlp, text)[-1]["relayed_via"] == "Tanjug"


def test_speakers_it_after_an_outlet_is_that_outlet(nlp) -> None:
    text = "The Globe newspaper said it had obtained the draft. It said the draft was written in May."
    claim = claim_of(nlp, text, "It")
    assert claim["relayed_via"] == "The Globe" and not claim["is_anonymous"]


@pytest.mark.parametrize("phrase, name", [
    ("China's state-run Xinhua news agency", "Xinhua"),
    ("the Serbian news agency Tanjug", "Tanjug"),
    ("Ireland's Sunday Independent newspaper", "Sunday Independent"),
    ("Kenya s Daily Nation", "Daily Nation"),  # a corpus that dropped the apostrophe
    ("the media network Agora", "Agora"),
    ("official Syrian television", "official Syrian television"),
    ("example.com.br", "example.com.br"),
    ("the BBC's Moscow correspondent", "BBC"),
    ("reporters", None),
    ("his Turkish counterpart", None),
    ("the International Atomic Energy Agency", None),
    ("the paper", None),  # refers back to an outlet named before
    ("the news agency", None),
    ("an Ohio local news website", "Ohio local news website"),  # a place before it describes it
    ("the Independent National Electoral Commission", None),  # "Independent" names an outlet only at its end
    ("The Independent", "The Independent"),
])
def test_speakers_outlet_name(phrase: str, name: str | None) -> None:
    assert outlet_name(phrase) == name


@pytest.mark.parametrize("text, country", [
    ("WASHINGTON (Reuters) - The Senate voted.", "USA"),
    ("BEIJING, Nov. 29 (Xinhua) -- The talks ended.", "CHN"),
    ("MOSCOW, March 27. /TASS/. The talks ended.", "RUS"),
    ("NAIROBI — The talks ended.", "KEN"),
    ("The talks ended in Nairobi.", None),
    ("President Biden (R) spoke.", None),
])
def test_speakers_dateline_country(text: str, country: str | None) -> None:
    assert dateline_country(text) == country


def test_speakers_home_is_the_publishers_country_only_when_the_story_is_about_it() -> None:
    assert home_country("Chinese and Swiss officials met in Bern. China said ...", "China Daily").country == "CHN"
    assert home_country("Croatia and Libya signed a deal. Croatia said ...", "Xinhua News Agency").stated is False


@pytest.mark.parametrize("outlet, country", [
    ("The White House", "USA"), ("China Daily", "CHN"), ("TASS", "RUS"), ("Reuters", None), (None, None),
])
def test_speakers_publisher_country(outlet: str | None, country: str | None) -> None:
    assert publisher_country(outlet) == country


def test_speakers_i_in_a_quote_that_lost_its_marks_is_who_it_is_attributed_to(nlp) -> None:
    """Some corpora drop quotation marks: the words before ", said X" are X's, "I" included."""
    text = ("Foreign Secretary Anna Berg met Minister Olga Lind on Friday. Lind said the talks were hard.  "
            "I think the visit was useful.  It will help both sides,  said Berg.")
    assert claim_of(nlp, text, "I")["speaker_key"] == "person:anna berg"


def test_speakers_a_pronoun_is_not_the_subject_of_a_clause_inside(nlp) -> None:
    text = ("Ambassador Anna Berg met President Olga Lind on Monday. She made sure that Lind allowed aid in. "
            "She said the talks were frank.")
    assert claim_of(nlp, text, "She")["speaker_key"] == "person:anna berg"
