"""Registered spaCy components the reader adds to any pipeline it loads.

Components are prefixed ``reader_`` and are added by ``add_reader_components`` so that an
official pipeline loaded with ``--model`` gets the same treatment as the bundled one.
"""

from __future__ import annotations

from spacy.language import Language


def add_reader_components(nlp: Language) -> None:
    """Sentence boundaries when the pipeline has none, and the rule entities after ``ner``."""
    has_sentences = any(name in nlp.pipe_names for name in ("parser", "senter", "sentencizer"))
    if not has_sentences:
        nlp.add_pipe("sentencizer", first=True)
    if "ner" in nlp.pipe_names and "reader_ner_rules" not in nlp.pipe_names:
        from reader import ner_rules  # noqa: F401  (registers the component)

        nlp.add_pipe("reader_ner_rules", after="ner")
