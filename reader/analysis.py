"""The analysis of one article: parsed structure, entities and quotes, as plain data.

``analyze_text``/``analyze_path`` run the headless pipeline; ``Analysis.to_dict()`` is the
JSON object that ``reader analyze --json`` prints, one per line.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from reader.article import Article, parse_article
from reader.safe_text import valid_unicode
from reader.source import Source, decode, read_source

if TYPE_CHECKING:
    from spacy.language import Language

    from reader.nlp import Passage
    from reader.web.origin import Origin

EntityLabel = Literal["PER", "LOC", "ORG", "MISC"]
QuoteKind = Literal["direct", "indirect"]
# Called with the number of characters the pipeline has read so far (progress in a long text).
Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class Mention:
    """One place where an entity is named: ``text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Entity:
    """One real referent: a person, place, organisation or other named thing."""

    id: str
    name: str
    label: EntityLabel
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "aliases": list(self.aliases),
            "description": self.description,
            "mentions": [mention.to_dict() for mention in self.mentions],
        }


@dataclass(slots=True)
class Quote:
    """A direct or reported statement, with its speaker where one is found."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = None
    speaker_name: str | None = None
    cue: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_name": self.speaker_name,
            "cue": self.cue,
        }


@dataclass(slots=True)
class Analysis:
    """Everything the reader knows about one article."""

    path: str | None
    article: Article
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    encoding: str = "utf-8"
    model: str | None = None
    replaced: int = 0  # bytes of a UTF-8 file that were not UTF-8 (now U+FFFD)
    origin: Origin | None = None  # only for web pages: the key "origin" in to_dict()

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def notice(self) -> str | None:
        return Source(self.path or "", "", self.encoding, self.replaced).notice

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self) -> dict[str, object]:
        article = self.article
        found: dict[str, object] = {
            # A file name need not be UTF-8; the JSON must be (undecodable bytes become U+FFFD).
            "path": valid_unicode(self.path) if self.path is not None else None,
            "title": article.title,
            "date": article.date.isoformat() if article.date else None,
            "encoding": self.encoding,
            "model": self.model,
            "sections": [section.to_dict() for section in article.sections],
            "entities": [entity.to_dict() for entity in self.entities],
            "quotes": [quote.to_dict() for quote in self.quotes],
        }
        if self.origin is not None:
            found["origin"] = self.origin.to_dict()
        return found


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
    analysis = _finish(article, passages, pipeline, path=path, encoding=encoding)
    analysis.replaced = replaced
    analysis.origin = origin
    return analysis


def analyze_many(
    sources: Iterable[Source], nlp: Language | None = None, progress: Progress | None = None
) -> Iterator[Analysis]:
    """Analyse many decoded articles with one batched ``nlp.pipe`` stream, in order.

    ``progress`` hears how many characters the pipeline has read, inside an article too."""
    from reader import nlp as reader_nlp

    pipeline = nlp if nlp is not None else reader_nlp.load_pipeline()
    queue: deque[Source] = deque()

    def articles() -> Iterator[Article]:
        for source in sources:
            queue.append(source)
            yield parse_article(source.text)

    stream = pipeline if progress is None else cast("Language", _Reporting(pipeline, progress))
    for article, passages in reader_nlp.process_many(stream, articles()):
        source = queue.popleft()
        analysis = _finish(article, passages, pipeline, path=source.path, encoding=source.encoding)
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
            self._done += len(doc.text)
            self._progress(self._done)
            yield item


def _finish(
    article: Article,
    passages: list[Passage],
    pipeline: Language,
    *,
    path: str | None,
    encoding: str,
) -> Analysis:
    """Entities and quotes from the processed passages."""
    from reader import entities, quotes
    from reader.nlp import pipeline_id

    found = entities.resolve_entities(article, passages)
    said = quotes.find_quotes(article, passages, found)
    return Analysis(
        path=path,
        article=article,
        entities=found,
        quotes=said,
        encoding=encoding,
        model=pipeline_id(pipeline),
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
