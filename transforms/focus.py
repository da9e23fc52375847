"""Parse only the sentences the extractors can use: a cheap lexical pass before the expensive one.

Meetings need a meeting word ("talks", "met"), claims a reporting cue ("said", "statement") or a
quotation mark. A sentence with none of them yields nothing, so it is only tokenized and split into
sentences; runs of sentences that have one (with the sentence before, which often names the
speaker or the meeting) go through the whole pipeline, and so does the lead, where news names
people in full before it calls them "Trump" or "the Secretary"; a sentence left over that may name
someone in full goes through the entity recognizer alone. The result is one Doc over the exact text,
so every character offset stays valid. On White House releases about 20% of the tokens are left
unparsed, and the extractors find the same meetings and claims as on the full parse in all of the first
400 releases and 1,975 of the first 2,000 (`communique bench focus`; the README says what differs).
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import (DEP, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, IS_ALPHA, IS_TITLE, LEMMA, LENGTH, LOWER, MORPH,
                         ORTH, POS, PREFIX, TAG)
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from transforms.lexicons import load
from transforms.markup import blank_markup
from transforms.morphology import MEMO_LIMIT
from transforms.nlp import lexical_starts, line_starts, load as load_model

QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``"})
CONTEXT = 1  # sentences parsed before each sentence that has a cue
LEAD = 3  # first sentences (title and lead) always parsed
HEADLINE_WORDS = 3  # words of four letters or more, each starting with a capital: a title-case headline
PIECE = 1000  # tokens per parsed piece at most: the parser's and recognizer's buffers grow with the piece
OVERLAP = 16  # tokens of context read on each side of a cut between pieces
IOB_INSIDE, IOB_BEGIN = 1, 3  # ENT_IOB as to_array gives it
# documents per model call when everything is parsed; pieces are grouped by tokens instead (TOKENS_AT_ONCE)
PIECES_AT_ONCE = 2
# tokens per model call: the parser's buffers grow with the call, and so does the model's throughput. Two
# pieces a call (up to 2,000 tokens, ~1,000 on average) left pieces 12% dearer per token than whole
# releases; 4,000 tokens a call parse 200 releases in 20.0 s instead of 22.2 s (8,000: 19.3 s, and a worker
# 37 MB heavier at its peak), with the same parses
TOKENS_AT_ONCE = 4000
# what a chunk of sentences needs: the whole pipeline; the recognizer alone, for the full names told where no
# rule fires (an actor's "Donald J. Trump" before the "Trump" a claim names); or tokens only
PARSE, NAMES, WORDS = "parse", "names", "words"


def lexicon_lemmas() -> frozenset[str]:
    """Every lemma a meeting or claim rule looks for (first word of multi-word entries)."""
    cues, meetings = load("cues"), load("meetings")
    words = {entry.split()[0] for key in ("clausal", "object", "as", "stance", "nouns", "weak") for entry in cues[key]}
    words |= {entry.split()[-1] for entry in meetings["nouns"]} | set(meetings["verbs"]) | {"according"}
    return frozenset(words)


class Focus:
    """Decides, from word forms alone, which sentences of a text need the full parse."""

    def __init__(self, nlp: Language) -> None:
        tables = nlp.get_pipe("lemmatizer").lookups
        # the model's own lemma rules, read backwards without a part of speech: "told" -> "tell"
        self.rules = [rule for pos in ("verb", "noun") for rule in tables.get_table("lemma_rules")[pos]]
        self.exceptions = {form: lemmas for pos in ("verb", "noun")
                           for form, lemmas in tables.get_table("lemma_exc")[pos].items()}
        self.lemmas = lexicon_lemmas()
        self.nlp = nlp
        self._cue_forms: dict[str, bool] = {}

    def is_cue_form(self, form: str) -> bool:
        if form not in self._cue_forms:
            if len(self._cue_forms) > MEMO_LIMIT:  # every word form of a long feed would stay otherwise
                self._cue_forms.clear()
            candidates = {form, *self.exceptions.get(form, ())}
            candidates |= {form[: len(form) - len(old)] + new for old, new in self.rules
                           if form.endswith(old) and len(form) > len(old)}
            self._cue_forms[form] = bool(candidates & self.lemmas)
        return self._cue_forms[form]

    def wanted(self, doc: Doc, bounds: list[int]) -> tuple[list[bool], list[bool]]:
        """Per sentence (between `bounds`): whether it needs the parse (a cue or meeting word, not capitalized
        inside the sentence: a capital inside a sentence is a name, "United States", "Rescue Plan", unless the
        sentence is a title-case headline, "Prices Dip, Survey Shows"; or a quote that may name someone in
        full) and whether it may name someone in full (two capitalized words inside it). Read from the token
        arrays: a Token object for every word cost a fifth of the pass."""
        arrays = doc.to_array([LOWER, ORTH, IS_TITLE, IS_ALPHA, LENGTH, PREFIX]).T
        lowers, orths, titles, alpha, lengths, prefixes = arrays
        titles, alpha = titles.astype(bool), alpha.astype(bool)
        strings = doc.vocab.strings
        cue_form = {int(h): self.is_cue_form(strings[int(h)]) for h in numpy.unique(lowers)}
        cue = numpy.fromiter((cue_form[int(h)] for h in lowers), dtype=bool, count=len(lowers))
        sents = list(zip(bounds, bounds[1:]))
        first = numpy.zeros(len(lowers), dtype=bool)
        first[bounds[:-1]] = True
        inside = titles & ~first  # capitalized, not opening the sentence
        opening = numpy.zeros(len(lowers), dtype=bool)  # the first word, after any bullet or quote mark
        long_words = alpha & (lengths > 3)
        upper_first = {int(h): strings[int(h)][:1].isupper() for h in numpy.unique(prefixes)}
        capital = numpy.fromiter((upper_first[int(h)] for h in prefixes), dtype=bool, count=len(prefixes))
        headline = []
        for a, b in sents:
            words = numpy.flatnonzero(alpha[a:b])
            opening[a + (words[0] if len(words) else 0)] = True
            headline.append(bool(long_words[a:b].sum() >= HEADLINE_WORDS and capital[a:b][long_words[a:b]].all()))
        lower_cue = cue & (~titles | opening)
        quote = numpy.isin(orths, [strings[m] for m in QUOTE_MARKS])
        pair = numpy.zeros(len(lowers), dtype=bool)
        pair[1:] = inside[1:] & inside[:-1] & ~first[1:]
        named = [bool(pair[a:b].any()) for a, b in sents]
        return [bool((cue if h else lower_cue)[a:b].any() or quote[a:b].any() and n)
                for (a, b), n, h in zip(sents, named, headline)], named

    def split(self, text: str) -> tuple[Doc, numpy.ndarray, list[tuple[int, int, str]]]:
        """The tokens of the text (nothing set on them, so the parser decides sentences as usual), where
        sentences start by punctuation and line breaks, and token chunks: (start, end, what they need:
        PARSE, NAMES or WORDS)."""
        doc = self.nlp.make_doc(text)
        starts = lexical_starts(doc)
        bounds = [int(i) for i in numpy.flatnonzero(starts)] + [len(doc)]
        sents = list(zip(bounds, bounds[1:]))
        wanted, named = self.wanted(doc, bounds)
        needs = [PARSE if n < LEAD or any(wanted[n:n + CONTEXT + 1]) else NAMES if named[n] else WORDS
                 for n in range(len(sents))]
        lines = numpy.array(line_starts(doc), dtype=numpy.int64)
        chunks: list[tuple[int, int, str]] = []
        for (start, end), need in zip(sents, needs):
            # a "sentence" longer than a piece (an HTML table in a release: 13,000 tokens) is cut into pieces
            cut = need != WORDS
            for a, b in [(a, min(a + PIECE, end)) for a in range(start, end, PIECE)] if cut else [(start, end)]:
                same = bool(chunks) and chunks[-1][2] == need
                if same and (not cut or b - chunks[-1][0] <= PIECE):
                    chunks[-1] = (chunks[-1][0], b, need)
                    continue
                if same:  # a full piece ends at its last line break, if it has one: the parser never reads
                    # across a line break, but may across a lexical sentence start ("I, JOSEPH R. BIDEN JR., President")
                    breaks = lines[(lines > max(chunks[-1][0], b - PIECE)) & (lines < a)]
                    if len(breaks):
                        a = int(breaks[-1])
                        chunks[-1] = (chunks[-1][0], a, need)
                chunks.append((a, b, need))
        return doc, starts, chunks


@functools.cache
def for_model(model_name: str) -> Focus:
    return Focus(load_model(model_name))


JOINED = [TAG, POS, MORPH, LEMMA, HEAD, DEP, ENT_IOB, ENT_TYPE, ENT_KB_ID]  # what extraction reads of a parse


def flat(doc: Doc, starts: numpy.ndarray, named: Doc | None) -> numpy.ndarray:
    """Unparsed tokens as JOINED arrays: each sentence a flat tree (every token hangs on its first), no
    tags, the entities of `named` (the same tokens, recognized) if any, so they join the parsed pieces in
    one Doc."""
    heads = numpy.zeros(len(starts), dtype=numpy.int64)
    root = 0
    for i, start in enumerate(starts):
        root = i if start or i == 0 else root
        heads[i] = root - i
    out = numpy.zeros((len(starts), len(JOINED)), dtype=numpy.uint64)
    out[:, JOINED.index(HEAD)] = heads.astype(numpy.uint64)  # relative, as to_array gives it
    out[:, JOINED.index(DEP)] = numpy.where(heads == 0, doc.vocab.strings["ROOT"], doc.vocab.strings.add("dep"))
    if named is not None:
        entities = [JOINED.index(a) for a in (ENT_IOB, ENT_TYPE, ENT_KB_ID)]
        out[:, entities] = named.to_array([ENT_IOB, ENT_TYPE, ENT_KB_ID])
    return out


def piece(nlp: Language, tokens: Doc, text: str, start: int, end: int) -> Doc:
    """Tokens [start, end) as a Doc of their own, tokenized again from their text (half the cost of
    Span.as_doc); copied instead when tokenizing again would cut them otherwise."""
    first, last = tokens[start], tokens[end - 1]
    doc = nlp.make_doc(text[first.idx:last.idx + len(last.text_with_ws)])
    if len(doc) == end - start and (doc.to_array(ORTH) == tokens.to_array(ORTH)[start:end]).all():
        return doc
    return tokens[start:end].as_doc()


def reach(chunks: list[tuple[int, int, str]], length: int) -> list[tuple[int, int]]:
    """Per chunk, the tokens that go through the model for it: a piece cut from a longer run of parsed
    sentences also reads OVERLAP tokens of the pieces beside it, so the model sees the words around the cut
    as a full parse does."""
    spans = []
    for k, (a, b, need) in enumerate(chunks):
        cut_before = need == PARSE and k > 0 and chunks[k - 1][2] == PARSE
        cut_after = need == PARSE and k + 1 < len(chunks) and chunks[k + 1][2] == PARSE
        spans.append((max(0, a - OVERLAP) if cut_before else a, min(length, b + OVERLAP) if cut_after else b))
    return spans


def within(parsed: numpy.ndarray, offset: int, length: int, vocab: Vocab) -> numpy.ndarray:
    """The JOINED rows of `length` tokens from `offset` of a parse that read past them: a token whose head
    lies outside becomes a root, and a name cut at the start begins there."""
    rows = parsed[offset:offset + length].copy()
    heads = numpy.arange(length) + rows[:, JOINED.index(HEAD)].astype(numpy.int64)  # to_array's are relative
    outside = (heads < 0) | (heads >= length)
    rows[outside, JOINED.index(HEAD)] = 0
    rows[outside, JOINED.index(DEP)] = vocab.strings["ROOT"]
    if length and rows[0, JOINED.index(ENT_IOB)] == IOB_INSIDE:
        rows[0, JOINED.index(ENT_IOB)] = IOB_BEGIN
    return rows


def by_tokens(docs: Iterable[Doc], budget: int) -> Iterator[list[Doc]]:
    """Docs in groups of about `budget` tokens, in order."""
    group, size = [], 0
    for doc in docs:
        group.append(doc)
        size += len(doc)
        if size >= budget:
            yield group
            group, size = [], 0
    if group:
        yield group


def parse(nlp: Language, texts: Iterable[str], focus: Focus | None) -> Iterator[Doc]:
    """Docs over these texts, markup blanked (transforms/markup.py: same length, same offsets): fully
    parsed, or, with a Focus, parsed where a rule can fire."""
    texts = map(blank_markup, texts)
    if focus is None:
        yield from nlp.pipe(texts, batch_size=PIECES_AT_ONCE)
        return
    texts = list(texts)
    split = [focus.split(text) for text in texts]
    reaches = [reach(chunks, len(tokens)) for tokens, _, chunks in split]
    def pieces(need: str) -> Iterator[Doc]:
        return (piece(nlp, tokens, text, lo, hi) for text, (tokens, _, chunks), spans in zip(texts, split, reaches)
                for (_, _, n), (lo, hi) in zip(chunks, spans) if n == need)

    parsed = (doc for call in by_tokens(pieces(PARSE), TOKENS_AT_ONCE) for doc in nlp.pipe(call, batch_size=len(call)))
    # the recognizer reads words only (its own token vectors): its names are those of the full parse
    ner = nlp.get_pipe("ner")
    named = (doc for call in by_tokens(pieces(NAMES), TOKENS_AT_ONCE) for doc in ner.pipe(call, batch_size=len(call)))
    for (tokens, starts, chunks), spans in zip(split, reaches):
        if len(chunks) == 1 and chunks[0][2] == PARSE:
            yield next(parsed)
            continue
        # one Doc over the whole text: the parsed pieces' annotations and the flat parts', written at once
        tokens.from_array(JOINED, numpy.concatenate([
            within(next(parsed).to_array(JOINED), a - lo, b - a, tokens.vocab) if need == PARSE else
            flat(tokens, starts[a:b], next(named) if need == NAMES else None)
            for (a, b, need), (lo, _) in zip(chunks, spans)]))
        yield tokens
