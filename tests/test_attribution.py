"""Attribution spans on short sentences written for these tests: who, which cue, what was said, through whom."""
from __future__ import annotations

import pytest

from transforms.attribution import Attribution, attributions, unnest


def found(nlp, text: str) -> list[tuple]:
    doc = nlp(text)
    span = lambda s: doc.text[s[0]:s[1]] if s else None  # noqa: E731
    return [(span(a.speaker), a.cue_lemma, span(a.content), span(a.relayed_via)) for a in attributions(doc)]


@pytest.mark.parametrize("text, speaker, via", [
    ("Trade will grow, Omar Said quoted the king as saying.", "the king", "Omar Said"),
    ("The minister was quoted by Interfax as saying that the deal was off.", "The minister", "Interfax"),
])
def test_attribution_quoted_as_saying_speaks_for_the_one_quoted(nlp, text: str, speaker: str, via: str) -> None:
    assert [(s, v) for s, _, _, v in found(nlp, text)] == [(speaker, via)]


@pytest.mark.parametrize("text, via", [
    ("Minister Anna Berg told the Daily Nation that the bridge would reopen.", "the Daily Nation"),
    ("Minister Anna Berg said in an interview with CNN that the bridge would reopen.", "CNN"),
    ("Officials told reporters that the bridge would reopen.", None),
    ("Minister Anna Berg told President Lind that the bridge would reopen.", None),
])
def test_attribution_an_outlet_spoken_to_is_the_relay(nlp, text: str, via: str | None) -> None:
    assert found(nlp, text)[0][3] == via


def test_attribution_an_outlet_reporting_what_officials_said_relays_it(nlp) -> None:
    assert found(nlp, "The Daily Nation reported that officials said the plan had been dropped.") == [
        ("officials", "say", "the plan had been dropped", "The Daily Nation")]


def claim(text: str, speaker: str, cue: str, content: str) -> Attribution:
    """An attribution over `text` by the words of its parts (each found once)."""
    span = lambda words: (text.index(words), text.index(words) + len(words))  # noqa: E731
    return Attribution(speaker=span(speaker), speaker_name=span(speaker), cue=span(cue), content=span(content),
                       cue_lemma=cue, quote_type="indirect", speaker_token=None)


def test_attribution_an_outlet_reporting_events_speaks_itself() -> None:
    """The inner cue covers a part of the report only: the outlet's claim stays whole, the inner one goes."""
    text = "The two leaders met in Belgrade and pledged closer ties, the Tanjug news agency reported."
    report = claim(text, "the Tanjug news agency", "reported", "The two leaders met in Belgrade and pledged closer ties")
    pledge = claim(text, "The two leaders", "pledged", "closer ties")
    assert unnest([report, pledge], text) == [report]


def test_attribution_an_outlet_reporting_what_someone_said_passes_it_on() -> None:
    text = "The Tanjug news agency reported that officials said the plan had been dropped."
    report = claim(text, "The Tanjug news agency", "reported", "that officials said the plan had been dropped")
    said = claim(text, "officials", "said", "the plan had been dropped")
    assert unnest([report, said], text) == [said] and said.relayed_via == report.speaker


def test_attribution_a_dateline_is_not_the_speaker(nlp) -> None:
    assert found(nlp, "MOSCOW (Reuters) - Officials said the bridge would reopen.")[0][0] == "Officials"
    assert found(nlp, "Officials in state-run media said the bridge would reopen.")[0][0] == \
        "Officials in state-run media"  # a hyphen is not a dash


def test_attribution_a_passive_cue_has_no_speaker(nlp) -> None:
    """The subject of "was accused of" is who it is about; who accused goes unnamed."""
    assert found(nlp, "The firm was accused of hiding losses.") == [
        (None, "accuse", "hiding losses", None)]
    assert found(nlp, 'A line was added: "We are prepared."') == []


def test_attribution_a_noun_a_past_participle_modifies_does_not_speak(nlp) -> None:
    """What was favored or labeled, not who spoke (the first, a headline in a White House round-up)."""
    assert found(nlp, "Anduril, the company behind Ohio’s new megaproject, favored in ‘Big Beautiful Bill’") == []
    assert found(nlp, "She ticked a box labeled “medical problem.”") == []


def test_attribution_a_quote_in_the_next_sentence_is_not_the_cues(nlp) -> None:
    text = 'The ministry asked the embassy to wait. "We have made our position clear," a spokesman said.'
    claims = found(nlp, text)
    assert ("a spokesman", "say", "We have made our position clear,", None) in claims
    assert all(content != "We have made our position clear," for speaker, _, content, _ in claims
               if speaker != "a spokesman")


def test_attribution_a_quote_attributed_in_turn_does_not_continue_the_one_before(nlp) -> None:
    text = '"We are ready," she said. "Otherwise we will wait," she said.'
    assert [c for _, _, c, _ in found(nlp, text)] == ["We are ready,", "Otherwise we will wait,"]


@pytest.mark.parametrize("text, content", [
    ('The president noted "positive dynamics" in relations between the two countries.',
     '"positive dynamics" in relations between the two countries'),
    ('The president noted "positive dynamics."', "positive dynamics."),
])
def test_attribution_a_quoted_object_keeps_the_words_that_follow_it(nlp, text: str, content: str) -> None:
    assert [c for _, _, c, _ in found(nlp, text)] == [content]


@pytest.mark.parametrize("text, content", [
    ("Chinese officials characterized the meeting in Vienna as constructive but emphasized their concerns.",
     "the meeting in Vienna as constructive"),
    ("The king described the talks as useful and frank.", "the talks as useful and frank"),
])
def test_attribution_a_characterization_keeps_its_phrase(nlp, text: str, content: str) -> None:
    assert content in [c for _, _, c, _ in found(nlp, text)]


def test_attribution_a_content_is_never_a_lone_function_word(nlp) -> None:
    for _, _, content, _ in found(nlp, "He said that. She agreed so."):
        assert content.lower().strip(" .") not in {"that", "so", "it"}


def test_attribution_a_document_reads(nlp) -> None:
    text = '"We cannot serve under him," reads a memo for the prime minister.'
    assert found(nlp, text) == [("a memo for the prime minister", "read", "We cannot serve under him,", None)]


def test_attribution_a_quote_ending_in_a_space_is_still_a_content(nlp) -> None:
    """Some texts leave a space before the closing mark; the content then ends between tokens."""
    assert [(s, c) for s, _, c, _ in found(nlp, '"We will win the vote. " she said.')] == [
        ("she", "We will win the vote. ")]


def test_attribution_a_stray_mark_after_a_letter_opens_no_quote(nlp) -> None:
    text = ('He was asked about the leaders"?talks. "It may happen," she said. '
            'The minister said the summit was useful. "We agree," he added.')
    assert ("The minister", "say", "the summit was useful", None) in found(nlp, text)


@pytest.mark.parametrize("text, content", [
    ("The senator called for international action to end the famine in the region.",
     "international action to end the famine in the region"),
    ("The mayor called for new laws to protect tenants from eviction.", "new laws to protect tenants from eviction"),
    ("The governor called for federal help to rebuild the bridges.", "federal help to rebuild the bridges"),
    ("The minister called for a ceasefire.", "a ceasefire"),
])
def test_attribution_a_call_keeps_the_purpose_that_follows_its_object(nlp, text: str, content: str) -> None:
    assert [c for _, _, c, _ in found(nlp, text)] == [content]


@pytest.mark.parametrize("text, cues", [
    ("The reform he hopes will pass is modest.", []),
    ("All the help he hopes will go forward is not a given, she said.", ["say"]),
    ("She hopes the talks will go forward.", ["hope"]),
    ("The deal that officials say will be signed next week is large.", ["say"]),
])
def test_attribution_a_belief_whose_clause_has_no_subject_is_an_aside(nlp, text: str, cues: list[str]) -> None:
    """The reform "he hopes will pass" holds no claim of its own; a speech verb there still does (PolNeAR)."""
    assert [cue for _, cue, _, _ in found(nlp, text)] == cues


@pytest.mark.parametrize("text, speaker, content", [
    ("The minister resigned in what aides said was a protest against the budget.", "aides",
     "was a protest against the budget"),
    ("The army fired on what witnesses said were unarmed protesters.", "witnesses", "were unarmed protesters"),
])
def test_attribution_what_someone_said_was_keeps_what_follows_the_cue(nlp, text: str, speaker: str,
                                                                      content: str) -> None:
    """ "in what aides said was a protest": the wh-word belongs to the writer's clause, the rest to the aides."""
    assert [(s, c) for s, _, c, _ in found(nlp, text)] == [(speaker, content)]


@pytest.mark.parametrize("text, content", [
    ("The talks, according to two diplomats, ended without a deal.", "The talks, according to two diplomats, ended without a deal"),
    ("The talks ended without a deal, according to two diplomats.", "The talks ended without a deal"),
])
def test_attribution_according_to_in_mid_sentence_sources_the_whole_clause(nlp, text: str, content: str) -> None:
    """The predicate after a mid-sentence "according to X" is X's too: "The talks, according to X, ended ..."."""
    assert [(s, c) for s, _, c, _ in found(nlp, text)] == [("two diplomats", content)]
