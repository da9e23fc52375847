"""The pipeline the extractors use: what it changes in the shipped model must not change a token."""
from __future__ import annotations

import json

import pytest

from flows.settings import Settings
from transforms import morphology
from transforms.morphology import ArrayAttributes
from transforms.nlp import load

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
