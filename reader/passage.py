"""A passage of an article as spaCy read it, and a quick way to read its tokens.

Shared by ``reader.nlp``, which makes passages, and by the pipeline components and the
analysis that read them; it imports none of them (nor spaCy, until a doc is read).
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


# The library and the article screen analyse in worker threads: they load the pipeline once
# and take turns with it (a spaCy pipeline is not meant to run in two threads at once, and its
# vocab is shared). ``reader.nlp`` holds it over each batch; ``reader_syntax`` over a parse it
# makes later, for the analysis.
PIPELINE_LOCK = threading.RLock()


@dataclass(frozen=True, slots=True)
class Passage:
    """A spaCy ``Doc`` over ``article.text[start:start + len(doc.text)]``, and that text.

    ``text`` is the text the doc was made from (``doc.text``, which spaCy joins token by
    token each time it is asked); left out, it is read from the doc once.
    """

    start: int
    doc: Doc
    text: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.text:
            object.__setattr__(self, "text", self.doc.text)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


# token_texts of the docs alive: the components and the analysis each read them.
_TEXTS: weakref.WeakKeyDictionary[Doc, list[str]] = weakref.WeakKeyDictionary()


def token_texts(doc: Doc) -> list[str]:
    """The texts of a doc's tokens, read as one array: making a ``Token`` object for each
    costs more than most of what the reader's components then do with the text.

    Read once per doc and shared by every caller: the list must not be changed.
    """
    found = _TEXTS.get(doc)
    if found is not None and len(found) == len(doc):
        return found
    from spacy.attrs import ORTH

    strings = doc.vocab.strings
    texts = [strings[orth] for orth in doc.to_array(ORTH).tolist()]
    _TEXTS[doc] = texts
    return texts
