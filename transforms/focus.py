"""Parse only the sentences the extractors can use: a cheap lexical pass before the expensive one.

Meetings need a meeting word ("talks", "met"), claims a reporting cue ("said", "statement") or a
quotation mark. A sentence with none of them yields nothing, so it is only tokenized and split into
sentences; runs of sentences that have one (with the sentence before, which often names the
speaker or the meeting) go through the whole pipeline, and so does the lead, where news names
people in full before it calls them "Trump" or "the Secretary". The result is one Doc over the
exact text, so every character offset stays valid. On White House releases about 18% of the tokens
are left unparsed, and the extractors find the same meetings and claims as on the full parse.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from transforms.lexicons import load
from transforms.markup import blank_markup
from transforms.nlp import line_starts, load as load_model

QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``"})
CONTEXT = 1  # sentences parsed before each sentence that has a cue
LEAD = 3  # first sentences (title and lead) always parsed
PIECE = 1000  # tokens per parsed piece at most: the parser's and recognizer's buffers grow with the piece
# pieces per model call: the parser's buffers grow with the call; on long releases 8 took 37 MB more
# at a worker's peak than 2, for the same speed and the same parses
PIECES_AT_ONCE = 2


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
        self.sentencizer = Sentencizer()
        self._cue_forms: dict[str, bool] = {}

    def is_cue_form(self, form: str) -> bool:
        if form not in self._cue_forms:
            candidates = {form, *self.exceptions.get(form, ())}
            candidates |= {form[: len(form) - len(old)] + new for old, new in self.rules
                           if form.endswith(old) and len(form) > len(old)}
            self._cue_forms[form] = bool(candidates & self.lemmas)
        return self._cue_forms[form]

    def split(self, text: str) -> tuple[Doc, list[bool], list[tuple[int, int, bool]]]:
        """The tokens of the text (nothing set on them, so the parser decides sentences as usual), where
        sentences start by punctuation and line breaks, and token chunks: (start, end, needs the full parse)."""
        doc = self.nlp.make_doc(text)
        starts = self.sentencizer.predict([doc])[0]
        spaces = doc.to_array(IS_SPACE)
        for i in line_starts(doc):
            starts[i] = True
        for i in numpy.flatnonzero(spaces[1:]) + 1:  # white space ends the sentence before it, never starts one
            starts[i] = False
        bounds = [i for i, start in enumerate(starts) if start or i == 0] + [len(doc)]
        sents = list(zip(bounds, bounds[1:]))
        wanted = [any(self.is_cue_form(doc[i].lower_) and not (i > a and doc[i].is_title) for i in range(a, b))
                  or any(doc[i].text in QUOTE_MARKS for i in range(a, b)) and names_someone(doc[a:b])
                  for a, b in sents]  # a capital inside a sentence is a name: "United States", "Rescue Plan"
        keep = [n < LEAD or any(wanted[n:n + CONTEXT + 1]) for n in range(len(sents))]
        chunks: list[tuple[int, int, bool]] = []
        for (start, end), parse in zip(sents, keep):
            # a "sentence" longer than a piece (an HTML table in a release: 13,000 tokens) is cut into pieces
            for a, b in [(a, min(a + PIECE, end)) for a in range(start, end, PIECE)] if parse else [(start, end)]:
                if chunks and chunks[-1][2] == parse and (not parse or b - chunks[-1][0] <= PIECE):
                    chunks[-1] = (chunks[-1][0], b, parse)
                else:
                    chunks.append((a, b, parse))
        return doc, starts, chunks


def names_someone(sent: Span) -> bool:
    """Two capitalized words in a row inside the sentence: maybe a person's full name ("Vladimir Putin"),
    which the entity recognizer must see once for every later "Putin" to resolve to it."""
    return any(a.is_title and b.is_title for a, b in zip(sent[1:], sent[2:]))


@functools.cache
def for_model(model_name: str) -> Focus:
    return Focus(load_model(model_name))


def flat(tokens: Span, starts: list[bool]) -> Doc:
    """Tokens with their sentences as flat trees, so they join parsed chunks in one Doc."""
    heads, deps, root = [], [], 0
    for i, start in enumerate(starts):
        root = i if start or i == 0 else root
        heads.append(root)
        deps.append("ROOT" if i == root else "dep")
    return Doc(tokens.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens],
               heads=heads, deps=deps)


def parse(nlp: Language, texts: Iterable[str], focus: Focus | None) -> Iterator[Doc]:
    """Docs over these texts, markup blanked (transforms/markup.py: same length, same offsets): fully
    parsed, or, with a Focus, parsed where a rule can fire."""
    texts = map(blank_markup, texts)
    if focus is None:
        yield from nlp.pipe(texts, batch_size=PIECES_AT_ONCE)
        return
    split = [focus.split(text) for text in texts]
    parsed = nlp.pipe((tokens[a:b].as_doc() for tokens, _, chunks in split for a, b, parse in chunks if parse),
                      batch_size=PIECES_AT_ONCE)
    for tokens, starts, chunks in split:
        parts = [next(parsed) if parse else flat(tokens[a:b], starts[a:b]) for a, b, parse in chunks]
        if len(parts) == 1 and chunks[0][2]:
            yield parts[0]
            continue
        for part in parts:  # parsed and flat parts carry tensors of different widths; no extractor reads them
            part.tensor = part.tensor.reshape(len(part), -1)[:, :0]
        yield Doc.from_docs(parts, ensure_whitespace=False)
