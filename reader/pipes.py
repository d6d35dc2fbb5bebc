"""Registered spaCy components the reader adds to any pipeline it loads.

Components are prefixed ``reader_`` and are added by ``add_reader_components`` so that an
official pipeline loaded with ``--model`` gets the same treatment as the bundled one.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc

_NO_TENSOR = numpy.zeros((0, 0), dtype="float32")


@Language.component("reader_free_tensor", assigns=["doc.tensor"])
def free_tensor(doc: Doc) -> Doc:
    """Drop the tok2vec output once NER is done: the reader never reads it, and it is a
    quarter of the memory a long article takes (64 floats a token)."""
    doc.tensor = _NO_TENSOR
    return doc


# Components that set ``doc.ents``; the rules are a second opinion on whichever runs last.
ENTITY_TAGGERS = frozenset({"ner", "reader_crf_ner"})


def add_ner_rules(nlp: Language) -> None:
    """Add ``reader_ner_rules`` after the pipeline's last entity tagger, if it has one."""
    taggers = [name for name in nlp.pipe_names if name in ENTITY_TAGGERS]
    if taggers and "reader_ner_rules" not in nlp.pipe_names:
        from reader import ner_rules  # noqa: F401  (registers the component)

        nlp.add_pipe("reader_ner_rules", after=taggers[-1])


def add_reader_components(nlp: Language) -> None:
    """Sentence boundaries when the pipeline has none, the rule entities after the entity
    taggers (``ner``, and the bundled pipeline's ``reader_crf_ner``), and deferred parses."""
    has_sentences = any(name in nlp.pipe_names for name in ("parser", "senter", "sentencizer"))
    if not has_sentences:
        nlp.add_pipe("sentencizer", first=True)
    add_ner_rules(nlp)
    if "reader_syntax" in nlp.pipe_names:
        # Attribution reads the grammar of few of the sentences the syntax layer selects:
        # those are parsed when it asks (``reader.syntax``, ``defer``).
        syntax: Any = nlp.get_pipe("reader_syntax")
        syntax.defer = True
    if "tok2vec" in nlp.pipe_names and "reader_free_tensor" not in nlp.pipe_names:
        nlp.add_pipe("reader_free_tensor", last=True)
