"""The lexical pre-pass: only sentences a rule can use get the full parse, and nothing is lost by it."""
from __future__ import annotations

import json

import pytest

from transforms.extract import extract
from transforms.focus import PARSE, PIECE, for_model, parse
from transforms.markup import blank_markup

from conftest import FIXTURES, ROOT


def articles(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def focus():
    from flows.settings import Settings

    return for_model(Settings().spacy_model)


def test_focus_knows_cue_forms_through_the_models_lemma_rules(focus) -> None:
    for form in ("told", "said", "met", "talks", "meeting", "according", "visited", "statement"):
        assert focus.is_cue_form(form), form
    for form in ("weather", "economy", "tariffs", "the", "“"):  # a quote is parsed for the names in it
        assert not focus.is_cue_form(form), form


def test_focus_leaves_sentences_without_cues_unparsed_but_keeps_the_exact_text(nlp, focus) -> None:
    texts = [a["text"] for a in articles(ROOT / "tests" / "gold" / "articles.jsonl")]
    docs = list(parse(nlp, texts, focus))
    assert [d.text for d in docs] == texts  # every character offset stays valid
    skipped = [t for d in docs for t in d if not t.is_space and not t.tag_]
    parsed = [t for d in docs for t in d if not t.is_space and t.tag_]
    assert skipped and len(parsed) > len(skipped)
    full = list(nlp.pipe(texts))
    assert [[t.text for t in d] for d in docs] == [[t.text for t in d] for d in full]  # same tokens


def test_focus_cuts_a_sentence_longer_than_a_piece(nlp, focus) -> None:
    """A table in a release has no sentence ends; parsed whole, its 13,000 tokens took a worker 250 MB more."""
    text = articles(FIXTURES / "whitehouse-tariff-table.jsonl")[0]["text"]
    doc, starts, chunks = focus.split(blank_markup(text))  # as parse() splits it: tags blanked
    bounds = [i for i, start in enumerate(starts) if start or i == 0] + [len(doc)]
    assert max(b - a for a, b in zip(bounds, bounds[1:])) > 2 * PIECE  # the table is one sentence here
    assert max(b - a for a, b, need in chunks if need == PARSE) <= PIECE
    assert [(a, b) for a, b, _ in chunks] == list(zip([0] + [b for _, b, _ in chunks[:-1]], [b for _, b, _ in chunks]))
    assert next(parse(nlp, [text], focus)).text == blank_markup(text)  # same length, same offsets


def test_focus_cuts_a_long_parsed_run_at_a_line_break(focus) -> None:
    """The parser reads across a lexical sentence start ("I, JOSEPH R. BIDEN JR., President of ..."), never
    across a line break: a piece cut at the first lost the subject of "I call upon" in a proclamation."""
    text = next(r["text"] for r in articles(FIXTURES / "whitehouse-focus.jsonl") if "Proclamation" in r["title"])
    doc, _, chunks = focus.split(blank_markup(text))
    cuts = [a for (_, _, before), (a, _, need) in zip(chunks, chunks[1:]) if before == need == PARSE]
    assert cuts and all("\n" in doc[a - 1].text for a in cuts), [doc[a - 3:a + 3].text for a in cuts]


def test_focus_extracts_what_the_full_parse_extracts(nlp, focus) -> None:
    """On real readouts, news and round-ups (lists of bullets and headlines, pieces cut from long runs of
    parsed sentences, a claim a few sentences after a meeting, "the President" resolved through a surname in
    a sentence left untagged, a proclamation's "I"): the same meetings and claims, field by field."""
    records = [r for name in ("articles.jsonl", "whitehouse-focus.jsonl") for r in articles(FIXTURES / name)]
    records += articles(ROOT / "tests" / "gold" / "articles.jsonl")
    texts = [r["text"] for r in records]

    def extracted(docs) -> list[tuple]:
        out = []
        for doc in docs:
            e = extract(doc, "doc", None)
            out.append(([{k: v for k, v in m.items() if k != "trigger_tokens"} for m in e.meetings], e.claims))
        return out

    assert extracted(parse(nlp, texts, focus)) == extracted(parse(nlp, texts, None))


def test_focus_parses_a_cue_that_opens_a_list_item_or_stands_in_a_headline(nlp, focus) -> None:
    """A capital inside a sentence is taken for a name, except after a bullet ("-   According to") and in a
    title-case headline, even one after a source's name ("TheHouston (Houston, TX): ... Prices Dip to $2.29,
    Survey Shows"). White House, 2025-07-04 and 2025-10-15."""
    text = (
        "Today, President Donald J. Trump officially signed The One Big Beautiful Bill into law — a "
        "once-in-a-generation piece of legislation that makes good on his campaign promises and puts America "
        "First.\n\n**Here’s what this means for everyday Americans:**\n\n-   The largest tax cut in history for "
        "middle- and working-class Americans\n-   According to the Joint Committee on Taxation, the tax bill will "
        "most benefit workers and families making less than $50,000 per year.\n\n**Gas prices are falling:**\n\n"
        "-   TheHouston (Houston, TX): Houston Drivers See Relief at the Pump as Prices Dip to $2.29, Survey Shows\n")
    doc, _, chunks = focus.split(text)
    for words in ("According to the Joint Committee", "Survey Shows"):
        start = text.index(words)
        assert any(need == PARSE and doc[a].idx <= start < doc[b - 1].idx for a, b, need in chunks), words
    focused, full = (extract(d, "doc", None).claims for d in (next(parse(nlp, [text], f)) for f in (focus, None)))
    assert focused == full
    assert {c["cue"] for c in focused} >= {"according to", "show"}
