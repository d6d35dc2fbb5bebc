"""The analysis of one article: parsed structure, entities and quotes, as plain data.

``analyze_text``/``analyze_path`` run the headless pipeline; ``Analysis.to_dict()`` is the
JSON object that ``reader analyze --json`` prints, one per line. The data classes live in
``reader.model`` and are re-exported here.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from reader.article import Article, parse_article
from reader.model import (
    Analysis,
    Entity,
    EntityLabel,
    Mention,
    Progress,
    Quote,
    QuoteKind,
)
from reader.source import Source, decode, read_source

if TYPE_CHECKING:
    from spacy.language import Language

    from reader.passage import Passage
    from reader.web.origin import Origin

__all__ = [
    "Analysis",
    "Entity",
    "EntityLabel",
    "Mention",
    "Progress",
    "Quote",
    "QuoteKind",
    "analyze_article",
    "analyze_bytes",
    "analyze_many",
    "analyze_path",
    "analyze_text",
]


def analyze_article(
    article: Article,
    *,
    path: str | None = None,
    encoding: str = "utf-8",
    nlp: Language | None = None,
    replaced: int = 0,
    origin: Origin | None = None,
) -> Analysis:
    """Run entities and quotes over a parsed article (spaCy is imported here, not before)."""
    from reader import nlp as reader_nlp

    pipeline = nlp if nlp is not None else reader_nlp.load_pipeline()
    passages = reader_nlp.process(pipeline, article)
    model = reader_nlp.pipeline_id(pipeline)
    analysis = _finish(article, passages, model, path=path, encoding=encoding)
    analysis.replaced = replaced
    analysis.origin = origin
    return analysis


def analyze_many(
    sources: Iterable[Source],
    nlp: Language | None = None,
    progress: Progress | None = None,
    batch_size: int | None = None,
) -> Iterator[Analysis]:
    """Analyse many decoded articles with one batched ``nlp.pipe`` stream, in order.

    ``progress`` hears how many characters the pipeline has read, inside an article too, after
    each batch of ``batch_size`` passages (default: ``reader.nlp.BATCH_SIZE``)."""
    from reader import nlp as reader_nlp

    pipeline = nlp if nlp is not None else reader_nlp.load_pipeline()
    queue: deque[Source] = deque()

    def articles() -> Iterator[Article]:
        for source in sources:
            queue.append(source)
            yield parse_article(source.text)

    stream = pipeline if progress is None else cast("Language", _Reporting(pipeline, progress))
    # ``nlp.meta`` builds a new dict each time it is read: once per stream.
    model = reader_nlp.pipeline_id(pipeline)
    size = batch_size or reader_nlp.BATCH_SIZE
    for article, passages in reader_nlp.process_many(stream, articles(), size):
        source = queue.popleft()
        analysis = _finish(article, passages, model, path=source.path, encoding=source.encoding)
        analysis.replaced = source.replaced
        analysis.origin = source.origin
        yield analysis


class _Reporting:
    """The pipeline as ``process_many`` sees it, counting the characters of each doc that comes
    out of ``nlp.pipe``: a long article's passages come out one by one, long before its end."""

    def __init__(self, nlp: Language, progress: Progress) -> None:
        self._nlp = nlp
        self._progress = progress
        self._done = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)

    def pipe(self, texts: Iterable[Any], **options: Any) -> Iterator[Any]:
        for item in self._nlp.pipe(texts, **options):
            doc = item[0] if options.get("as_tuples") else item
            # len(doc.text) without joining the tokens: where the last one ends.
            self._done += doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
            self._progress(self._done)
            yield item


def _finish(
    article: Article,
    passages: list[Passage],
    model: str,
    *,
    path: str | None,
    encoding: str,
) -> Analysis:
    """Entities and quotes from the processed passages."""
    from reader import entities, quotes

    found = entities.resolve_entities(article, passages)
    said = quotes.find_quotes(article, passages, found)
    return Analysis(
        path=path,
        article=article,
        entities=found,
        quotes=said,
        encoding=encoding,
        model=model,
    )


def analyze_text(text: str, *, path: str | None = None, nlp: Language | None = None) -> Analysis:
    """Analyse decoded article text."""
    return analyze_article(parse_article(text), path=path, nlp=nlp)


def analyze_bytes(data: bytes, *, path: str = "<text>", nlp: Language | None = None) -> Analysis:
    """Decode and analyse raw bytes (raises ``ArticleError`` for unusable input)."""
    source = decode(data, path)
    return analyze_article(
        parse_article(source.text),
        path=path,
        encoding=source.encoding,
        nlp=nlp,
        replaced=source.replaced,
    )


def analyze_path(path: str | Path, *, nlp: Language | None = None) -> Analysis:
    """Read, decode and analyse one article file (raises ``ArticleError``)."""
    source = read_source(path)
    return analyze_article(
        parse_article(source.text),
        path=str(path),
        encoding=source.encoding,
        nlp=nlp,
        replaced=source.replaced,
    )
