"""The attribute ruler's and the lemmatizer's output, computed over token arrays.

en_core_web_sm's attribute ruler (179 Matcher rules: tag -> part of speech and morphology, and exceptions
by word) and its rule lemmatizer (a Python loop over Token objects) took a fifth of the pipeline's time
on White House releases, more than the parser. Both read a few attributes and write a few: here every
rule becomes a numpy mask over the Doc's arrays, applied in the ruler's own order, and lemmas come from a
cache keyed as the lemmatizer keys its own (word, part of speech, morphology). The model's own rules and
tables are read at load time, so the output is the ruler's and the lemmatizer's exactly (tests/test_nlp.py
compares every token).
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

READ = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
COLUMNS = [TAG, LOWER, DEP, IS_SPACE, POS, MORPH, LEMMA, ORTH]
T, L, D, S, P, M, LM, O = range(len(COLUMNS))
WRITE = {"TAG": T, "POS": P, "MORPH": M, "LEMMA": LM}


class Rules:
    """One attribute ruler's rules, in its order (later rules win), as predicates over token arrays."""

    def __init__(self, nlp: Language, ruler_name: str = "attribute_ruler") -> None:
        self.vocab = nlp.vocab
        self.rules = []  # (alternative patterns as compiled specs, index, values to write, dep to write)
        for rule in nlp.get_pipe(ruler_name).patterns:
            writes, dep = {}, None
            for attr, value in rule["attrs"].items():
                if attr == "DEP":
                    dep = self.vocab.strings.add(value)
                elif attr == "POS":
                    writes[WRITE[attr]] = POS_IDS[value]
                elif attr == "MORPH":
                    writes[WRITE[attr]] = self.vocab.morphology.add(value)
                else:
                    writes[WRITE[attr]] = self.vocab.strings.add(value)
            patterns = [[self._compile(spec) for spec in pattern] for pattern in rule["patterns"]]
            self.rules.append((patterns, rule["index"], writes, dep))

    def _compile(self, spec: dict) -> list[tuple[int, str, object]]:
        """A token's conditions as (column, operator, hashes or regex)."""
        out = []
        for name, wanted in spec.items():
            column = list(READ).index(name)
            if name == "IS_SPACE":
                out.append((column, "==", {int(bool(wanted))}))
            elif not isinstance(wanted, dict):
                out.append((column, "==", {self.vocab.strings[wanted]}))
            elif "IN" in wanted:
                out.append((column, "==", {self.vocab.strings[v] for v in wanted["IN"]}))
            elif "NOT_IN" in wanted:
                out.append((column, "!=", {self.vocab.strings[v] for v in wanted["NOT_IN"]}))
            elif "REGEX" in wanted:
                out.append((column, "~", re.compile(wanted["REGEX"])))
            else:
                raise ValueError(f"attribute rule operator not supported: {wanted}")
        return out

    @staticmethod
    def _mask(arrays: numpy.ndarray, lowers: dict[int, str], spec: list) -> numpy.ndarray:
        mask = numpy.ones(len(arrays), dtype=bool)
        for column, op, wanted in spec:
            values = arrays[:, column]
            if op == "~":
                wanted = {key for key, text in lowers.items() if wanted.search(text)}
            hit = numpy.isin(values, list(wanted))
            mask &= ~hit if op == "!=" else hit
        return mask

    @staticmethod
    def _possible(spec: list, present: list[set[int]]) -> bool:
        """Whether a token condition can hold at all here: most rules name a tag or word the text lacks."""
        return all(op != "==" or wanted & present[column] for column, op, wanted in spec)

    def matches(self, arrays: numpy.ndarray, lowers: dict[int, str]) -> list[tuple[numpy.ndarray, dict, int | None]]:
        """For each rule that matches: the tokens it writes to, what it writes, the dep it sets."""
        out = []
        n = len(arrays)
        present = [set(numpy.unique(arrays[:, c]).tolist()) for c in range(arrays.shape[1])]
        for patterns, index, writes, dep in self.rules:
            hit = numpy.zeros(n, dtype=bool)
            for pattern in patterns:
                width = len(pattern)
                if width > n or not all(self._possible(spec, present) for spec in pattern):
                    continue
                starts = numpy.ones(n - width + 1, dtype=bool)
                for offset, spec in enumerate(pattern):
                    starts &= self._mask(arrays, lowers, spec)[offset:offset + n - width + 1]
                target = index if index >= 0 else width + index
                hit[numpy.flatnonzero(starts) + target] = True
            if hit.any():
                out.append((hit, writes, dep))
        return out


class ArrayAttributes:
    """The attribute ruler, then the lemmatizer, in one pass over the Doc's arrays."""

    def __init__(self, nlp: Language) -> None:
        self.rules = Rules(nlp)
        self.lemmatizer = nlp.get_pipe("lemmatizer")
        # lemma strings, not their ids: an id stays valid only as long as spaCy's memory zone that added it
        self.lemmas: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        arrays = doc.to_array(COLUMNS).astype(numpy.uint64)
        lowers = {int(key): self.rules.vocab.strings[int(key)] for key in numpy.unique(arrays[:, L])}
        result = arrays.copy()
        deps: list[tuple[int, int]] = []  # (token, dep): one rule labels white space; set one by one
        for hit, writes, dep in self.rules.matches(arrays[:, :4], lowers):  # matched on the original values
            for column, value in writes.items():
                result[hit, column] = value
            if dep is not None:
                deps += [(int(i), dep) for i in numpy.flatnonzero(hit)]
        doc.from_array([TAG, POS, MORPH, LEMMA], result[:, [T, P, M, LM]])
        for i, dep in deps:
            doc[i].dep = dep
        self._lemmatize(doc, result)
        return doc

    def _lemmatize(self, doc: Doc, arrays: numpy.ndarray) -> None:
        """What the lemmatizer gives each token without a lemma, cached by (word, part of speech, morphology)."""
        lemmas = arrays[:, LM].copy()
        strings = doc.vocab.strings
        for i in numpy.flatnonzero(lemmas == 0):
            key = (int(arrays[i, O]), int(arrays[i, P]), int(arrays[i, M]))
            lemma = self.lemmas.get(key)
            if lemma is None:
                lemma = self.lemmas[key] = self.lemmatizer.lemmatize(doc[int(i)])[0]
            lemmas[i] = strings.add(lemma)
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
