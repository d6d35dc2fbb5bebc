"""The reader's data model: an article's entities, mentions and quotes, as plain data.

``Analysis.to_dict()`` is the JSON object that ``reader analyze --json`` prints, one per line.
Nothing here runs or imports the analysis (``reader.analysis`` does; it re-exports these names).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from reader.article import Article
from reader.safe_text import valid_unicode
from reader.source import Source

if TYPE_CHECKING:
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
