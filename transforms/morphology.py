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
DEP_WRITTEN = len(COLUMNS)  # where a rule's dep label is kept apart from the columns written back


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
        # one-token patterns by a value they require (a word, else a tag): a token is checked against the
        # few rules that name its word or tag, and the few that name neither, not against all 179
        self.by_value: dict[tuple[int, int], set[int]] = {}
        self.unindexed: set[int] = set()
        for number, (patterns, _, _, _) in enumerate(self.rules):
            for pattern in (p for p in patterns if len(p) == 1):
                required = sorted((column != L, column, wanted) for column, op, wanted in pattern[0] if op == "==")
                if not required:
                    self.unindexed.add(number)
                    continue
                _, column, wanted = required[0]
                for value in wanted:
                    self.by_value.setdefault((column, value), set()).add(number)

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
    def _holds(spec: list, token: tuple[int, ...], lower: str) -> bool:
        for column, op, wanted in spec:
            value = token[column]
            if op == "~":
                if not wanted.search(lower):
                    return False
            elif (value in wanted) != (op == "=="):
                return False
        return True

    def single(self, token: tuple[int, ...], lower: str) -> dict[int, tuple[int, int]]:
        """What the one-token rules write to a token with these (tag, lower, dep, is_space) values:
        column -> (rule number, value); the dep column is DEP_WRITTEN. Later rules win."""
        out: dict[int, tuple[int, int]] = {}
        candidates = self.unindexed.union(*(self.by_value.get((column, value), ()) for column, value in enumerate(token)))
        for number in sorted(candidates):
            patterns, _, writes, dep = self.rules[number]
            if any(len(p) == 1 and self._holds(p[0], token, lower) for p in patterns):
                out.update({column: (number, value) for column, value in writes.items()})
                if dep is not None:
                    out[DEP_WRITTEN] = (number, dep)
        return out

    def multi(self, arrays: numpy.ndarray, lowers: dict[int, str]) -> list[tuple[int, numpy.ndarray, dict, int | None]]:
        """The rules of several tokens ("gon na", "let 's") that match: (rule number, tokens they write to,
        what they write, the dep they set)."""
        out = []
        n = len(arrays)
        present = [set(numpy.unique(arrays[:, c]).tolist()) for c in range(arrays.shape[1])]
        for number, (patterns, index, writes, dep) in enumerate(self.rules):
            hit = numpy.zeros(n, dtype=bool)
            for pattern in patterns:
                width = len(pattern)
                if width == 1 or width > n or not all(
                        op != "==" or wanted & present[column] for spec in pattern for column, op, wanted in spec):
                    continue
                starts = numpy.ones(n - width + 1, dtype=bool)
                for offset, spec in enumerate(pattern):
                    starts &= self._mask(arrays, lowers, spec)[offset:offset + n - width + 1]
                target = index if index >= 0 else width + index
                hit[numpy.flatnonzero(starts) + target] = True
            if hit.any():
                out.append((number, hit, writes, dep))
        return out


# entries each memo keeps before it starts again: the few thousand words that recur are back within a batch,
# while a memo that kept every word of the 14,000-release White House feed grew each worker by ~150 MB (at
# 20,000 entries a memo holds ~16 MB; 5,000 saved 10 MB per worker against 20,000 and 50,000 cost 24 MB
# more, for no difference in speed either way)
MEMO_LIMIT = 5_000


class ArrayAttributes:
    """The attribute ruler, then the lemmatizer, in one pass over the Doc's arrays."""

    def __init__(self, nlp: Language) -> None:
        self.rules = Rules(nlp)
        self.lemmatizer = nlp.get_pipe("lemmatizer")
        # lemma strings, not their ids: an id stays valid only as long as spaCy's memory zone that added it
        self.lemmas: dict[tuple[int, int, int], str] = {}
        # what the one-token rules do to (tag, lower, dep, is_space): the same few thousand words recur
        self.effects: dict[tuple[int, ...], dict[int, tuple[int, int]]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        for memo in (self.effects, self.lemmas):
            if len(memo) > MEMO_LIMIT:
                memo.clear()
        arrays = doc.to_array(COLUMNS).astype(numpy.uint64)
        read = arrays[:, :4]  # rules match on the original values
        keys, inverse = numpy.unique(read, axis=0, return_inverse=True)
        strings = self.rules.vocab.strings
        columns = DEP_WRITTEN + 1
        numbers = numpy.full((len(keys), columns), -1, dtype=numpy.int64)  # per distinct token: rule numbers,
        values = numpy.zeros((len(keys), columns), dtype=numpy.uint64)  # and what they write
        for k, key in enumerate(keys):
            token = tuple(int(v) for v in key)
            effect = self.effects.get(token)
            if effect is None:
                effect = self.effects[token] = self.rules.single(token, strings[token[L]])
            for column, (number, value) in effect.items():
                numbers[k, column], values[k, column] = number, value
        inverse = inverse.reshape(-1)
        written, by_key = numbers[inverse].T.copy(), values[inverse]
        result = arrays.copy()
        for column in (T, P, M, LM):
            result[:, column] = numpy.where(written[column] >= 0, by_key[:, column], result[:, column])
        dep_values = by_key[:, DEP_WRITTEN].copy()
        lowers = {int(h): strings[int(h)] for h in numpy.unique(read[:, L])}
        for number, hit, writes, dep in self.rules.multi(read, lowers):
            for column, value in [*writes.items(), *([(DEP_WRITTEN, dep)] if dep is not None else [])]:
                later = hit & (written[column] < number)
                written[column][later] = number
                (dep_values if column == DEP_WRITTEN else result[:, column])[later] = value
        doc.from_array([TAG, POS, MORPH, LEMMA], result[:, [T, P, M, LM]])
        for i in numpy.flatnonzero(written[DEP_WRITTEN] >= 0):  # one rule labels white space; one by one
            doc[int(i)].dep = int(dep_values[i])
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
