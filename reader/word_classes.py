"""reader_word_class: a coarse word class from the bundled word lists, as ``token.tag_``.

A feature for the syntax model's ``tok2vec`` (``TAG`` among its embedding attributes): the
treebanks it learns from have 35,000 words, and most names and many nouns of the news are
not among them, while the word lists know them (a first name, a surname, a place, a German
noun in any case form, how frequent a word is). The class is one short string per word.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import ORTH, TAG
from spacy.language import Language
from spacy.tokens import Doc

from reader import lexicons

# A capitalised word the lists lack and this frequent is a sentence-initial function word.
FUNCTION_ZIPF = 4.5


@lru_cache(maxsize=200_000)
def word_class(word: str) -> str:
    """``article``, ``first``, ``person``, ``place``, ``noun``, ``compound``, ``cap`` (another
    capitalised word), or ``z`` + the German Zipf frequency of a word in lower case (``z7``
    for ``und``) or of a capitalised word the lists lack (``Er``, ``Auch``)."""
    if word[:1].isupper():
        if word in lexicons.ARTICLES:
            return "article"
        if lexicons.is_first_name(word):
            return "first"
        if lexicons.is_person_name(word):
            return "person"
        if lexicons.is_place(word):
            return "place"
        if lexicons.is_common_noun(word):
            return "noun"
        if lexicons.is_compound_noun(word):
            return "compound"
        frequency = lexicons.zipf(word, "de")
        return f"z{int(frequency)}" if frequency >= FUNCTION_ZIPF else "cap"
    return f"z{int(lexicons.zipf(word, 'de'))}"


@Language.component("reader_word_class", assigns=["token.tag"])
def tag_word_classes(doc: Doc) -> Doc:
    """Write each token's ``word_class`` into ``token.tag_`` (one array, no Token objects)."""
    strings = doc.vocab.strings
    classes = [strings.add(word_class(strings[orth])) for orth in doc.to_array(ORTH).tolist()]
    column: Any = numpy.asarray(classes, dtype="uint64")
    doc.from_array([TAG], column)
    return doc
