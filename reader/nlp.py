"""The spaCy side: loading the German pipeline and running it over an article.

``load_pipeline()`` loads the pipeline bundled in ``reader/models`` (trained by
``training/``), or an installed spaCy package by name (``de_core_news_lg``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

# They live in reader.passage, which the components import (they never import this module):
# the lock worker threads take turns with the pipeline by, which reader_syntax takes too.
from reader.passage import PIPELINE_LOCK as PIPELINE_LOCK
from reader.passage import Passage
from reader.passage import token_texts as token_texts

if TYPE_CHECKING:
    from spacy.language import Language

    from reader.article import Article

MODELS_DIR = Path(__file__).parent / "models"
BUNDLED_MODEL = MODELS_DIR / "de_reader_ner"
# Components the reader never needs from a full pipeline; skipping them is most of the speed.
# (The bundled pipeline's own syntax, ``reader_syntax``, parses only what attribution reads.)
UNUSED_COMPONENTS = ("parser", "lemmatizer", "attribute_ruler", "morphologizer", "tagger")


class ModelError(Exception):
    """The requested pipeline cannot be loaded; the message is one line for the user."""


# Passages per nlp.pipe batch in a stream of many articles; the library asks for smaller ones,
# since a batch is what it waits for before it can stop.
BATCH_SIZE = 256


def load_pipeline(name: str | None = None) -> Language:
    """Load the bundled pipeline (``name=None``), a pipeline folder, or an installed package.

    Loaded once per name and shared.
    """
    with PIPELINE_LOCK:
        return _load_pipeline(name)


@cache
def _load_pipeline(name: str | None) -> Language:
    import spacy

    from reader import crf_ner, pipes, syntax  # noqa: F401  (register the reader's components)

    target: str | Path = BUNDLED_MODEL if name is None else name
    try:
        nlp = spacy.load(target, exclude=list(UNUSED_COMPONENTS))
    except (OSError, ValueError) as error:  # ValueError: a damaged component, e.g. the CRF
        raise ModelError(f"cannot load spaCy pipeline {str(target)!r}: {error}") from None
    pipes.add_reader_components(nlp)
    return nlp


def pipeline_id(nlp: Language) -> str:
    """A short name and version for caches and the JSON output."""
    return f"{nlp.meta.get('name', 'pipeline')}-{nlp.meta.get('version', '0')}"


def article_passages(article: Article) -> list[tuple[int, str]]:
    """The spans spaCy reads: the title, every heading and every block."""
    spans: list[tuple[int, str]] = []
    if article.title:
        spans.append((article.title_start, article.title))
    for section in article.sections:
        if section.heading is not None and section.heading_start is not None:
            spans.append((section.heading_start, section.heading))
        spans.extend((block.start, block.text) for block in section.blocks)
    return spans


def process(nlp: Language, article: Article, batch_size: int = 64) -> list[Passage]:
    """Run the pipeline over an article's passages, batched with ``nlp.pipe``."""
    return next(process_many(nlp, [article], batch_size))[1]


def process_many(
    nlp: Language, articles: Iterable[Article], batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Article, list[Passage]]]:
    """One ``nlp.pipe`` stream over the passages of many articles (batches span articles).

    Yields each article with its passages, in order, as soon as its last passage is done;
    articles are read from ``articles`` lazily, so a long stream is never all in memory.
    """
    pending: deque[tuple[Article, int]] = deque()

    def texts() -> Iterator[tuple[str, tuple[int, str]]]:
        for article in articles:
            spans = article_passages(article)
            pending.append((article, len(spans)))
            yield from ((text, (start, text)) for start, text in spans)

    done: list[Passage] = []
    stream = nlp.pipe(texts(), batch_size=batch_size, as_tuples=True)
    while True:
        # Articles whose passages are all done (or that have none) are ready.
        while pending and len(done) >= pending[0][1]:
            article, count = pending.popleft()
            yield article, done[:count]
            done = done[count:]
        try:
            with PIPELINE_LOCK:  # a batch at a time
                doc, (start, text) = next(stream)
        except StopIteration:
            break
        done.append(Passage(start, doc, text))
    while pending:  # trailing articles without passages
        article, count = pending.popleft()
        yield article, done[:count]
        done = done[count:]
