"""The pipeline the extractors use: what it changes in the shipped model must not change a token."""
from __future__ import annotations

import json

import numpy
import pytest

from flows.settings import Settings
from transforms import morphology
from transforms.morphology import ArrayAttributes
from transforms.nlp import lexical_starts, load

from conftest import FIXTURES, ROOT


@pytest.fixture(scope="module")
def texts() -> list[str]:
    paths = [FIXTURES / "articles.jsonl", ROOT / "tests" / "gold" / "articles.jsonl",
             ROOT / "tests" / "gold" / "events-articles.jsonl"]
    return [json.loads(line)["text"] for path in paths for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("memo_limit", [morphology.MEMO_LIMIT, 100])
def test_nlp_array_attributes_give_what_the_attribute_ruler_and_lemmatizer_give(
        texts: list[str], memo_limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every token's part of speech, tag, morphology, lemma and dependency label, on 74 real releases and
    articles (spoken remarks among them: "gonna", "y'all", "let's"); also when the memos start again
    after every few hundred words, as they do on a long feed."""
    monkeypatch.setattr(morphology, "MEMO_LIMIT", memo_limit)
    nlp = load(Settings().spacy_model)
    arrays = ArrayAttributes(nlp)
    before = [name for name in nlp.pipe_names if name not in ("array_attributes", "ner")]
    differences = []
    for text in texts + ["We're gonna get it done, y'all. Let's go. Ain't that right? C'mon."]:
        doc = nlp.make_doc(text)
        for name in before:
            doc = nlp.get_pipe(name)(doc)
        shipped = nlp.get_pipe("lemmatizer")(nlp.get_pipe("attribute_ruler")(doc.copy()))
        ours = arrays(doc.copy())
        differences += [(a.text, a.i) for a, b in zip(shipped, ours)
                        if (a.pos_, a.tag_, str(a.morph), a.lemma_, a.dep_) != (b.pos_, b.tag_, str(b.morph), b.lemma_, b.dep_)]
    assert differences == []


def test_nlp_lemmas_outlive_the_memory_zone_of_the_batch_that_found_them(texts: list[str]) -> None:
    """A worker parses batch after batch, each in a memory zone that forgets its strings afterwards."""
    nlp = load(Settings().spacy_model)
    for text in texts[:3] * 2:
        with nlp.memory_zone():
            assert [t.lemma_ for t in nlp(text)]


@pytest.mark.parametrize("text, opening", [
    # White House executive order of 2021-09-13, and an article of 2026-04-23
    ("The Initiative shall advise on policies relating to educational equity, excellence, and economic opportunity "
     "for Hispanics and Latinos. (d)  The Initiative shall establish a Federal Interagency Working Group, which "
     "shall be convened by the Executive Director and shall support the efforts of the Initiative.", "("),
    ("She led four reunifications of Ukrainian and Russian children with their families. “The world doesn’t move "
     "for those who stop,” exclaimed Mrs. Trump.\n\nShe emphasized her landmark White House initiative.", "“"),
])
def test_nlp_a_sentence_opens_with_the_marks_written_against_its_first_word(text: str, opening: str) -> None:
    """Where the parser starts the sentence too (and not at the closing quote after "stop,"): the lexical
    sentences of a focused parse hold the same tokens, so the opening mark and its sentence are parsed
    together."""
    nlp = load(Settings().spacy_model)
    doc = nlp(text)
    starts = [int(i) for i in numpy.flatnonzero(lexical_starts(doc))]
    assert doc[starts[1]].text == opening
    assert starts == [sent.start for sent in doc.sents]
