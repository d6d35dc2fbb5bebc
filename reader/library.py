"""A folder of articles: what each one is, and the people across all of them.

Plain Python. The library screen shows ``ArticleInfo`` rows at once (reading titles and dates
is cheap) and fills in each article's analysis from a background worker, through the cache.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reader.article import parse_article
from reader.config import settings
from reader.model import Analysis, Entity
from reader.source import ArticleError, folder_articles, read_source

TOP_PEOPLE = 3


@dataclass(slots=True)
class ArticleInfo:
    """One row of the library: a file and, once analysed, its analysis."""

    path: str
    title: str
    date: date | None
    sections: int
    error: str | None = None
    analysis: Analysis | None = None
    size: int = 0  # characters of text
    skipped: bool = False  # a name in the folder that is no article file (error says why)

    def top_people(self, count: int = TOP_PEOPLE) -> list[str]:
        if self.analysis is None:
            return []
        people = [e for e in self.analysis.entities if e.label == "PER"]
        people.sort(key=lambda e: (-len(e.mentions), e.name))
        return [e.name for e in people[:count]]


def library_setting() -> tuple[Path, str] | None:
    """The configured library and where it is set: ``READER_LIBRARY``, else ``library`` in the
    config file."""
    configured = settings()
    return (configured.library, configured.library_origin) if configured.library else None


def read_info(path: str | Path) -> ArticleInfo:
    """Title, date and section count of one file; unreadable files keep their error."""
    try:
        source = read_source(path)
    except ArticleError as error:
        return ArticleInfo(str(path), Path(path).name, None, 0, error=str(error))
    article = parse_article(source.text)
    headed = sum(1 for s in article.sections if s.heading is not None)
    title = article.title or Path(path).name
    return ArticleInfo(str(path), title, article.date, headed, size=len(source.text))


def open_library(folder: str | Path) -> list[ArticleInfo]:
    """Every article in ``folder``, newest first (undated ones last), and the names in it that
    are no article file (symlink loops, dangling links, FIFOs) with the reason."""
    found = folder_articles(folder)
    infos = [read_info(path) for path in found.files]
    skipped = [
        ArticleInfo(str(s.path), s.path.name, None, 0, error=f"skipped: {s.reason}", skipped=True)
        for s in found.skipped
    ]
    return sort_by_date(infos) + skipped


def sort_by_date(infos: Iterable[ArticleInfo]) -> list[ArticleInfo]:
    dated = sorted((i for i in infos if i.date), key=lambda i: (i.date, i.title), reverse=True)
    undated = sorted((i for i in infos if not i.date), key=lambda i: i.title)
    return [*dated, *undated]


# -- people across articles -------------------------------------------------------------------


@dataclass(slots=True)
class Appearance:
    """A person in one article: where they are first named and what they said there."""

    article: int
    entity_id: str
    first_mention: int
    mentions: int
    quotes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class LibraryPerson:
    """One person across the library."""

    name: str
    aliases: set[str] = field(default_factory=set)
    descriptions: list[str] = field(default_factory=list)
    appearances: list[Appearance] = field(default_factory=list)

    @property
    def mentions(self) -> int:
        return sum(a.mentions for a in self.appearances)


def name_key(name: str) -> str:
    """Case, accents and hyphens folded, so `Selenski` and `selenski` are one key."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("-", " ").split())


def people_across(analyses: Sequence[Analysis | None]) -> list[LibraryPerson]:
    """Merge the people of many articles by full name; a lone surname joins the one full name
    that ends in it (when exactly one does). Sorted by the number of articles, then mentions."""
    people: dict[str, LibraryPerson] = {}
    loose: list[tuple[int, Entity, Analysis]] = []
    for number, analysis in enumerate(analyses):
        if analysis is None:
            continue
        for entity in analysis.entities:
            if entity.label != "PER":
                continue
            if " " not in entity.name.strip():
                loose.append((number, entity, analysis))
                continue
            _add(
                people.setdefault(name_key(entity.name), LibraryPerson(entity.name)),
                number,
                entity,
                analysis,
            )
    by_surname: dict[str, list[str]] = {}
    for key in people:
        by_surname.setdefault(key.split()[-1], []).append(key)
    for number, entity, analysis in loose:
        candidates = by_surname.get(name_key(entity.name), [])
        key = candidates[0] if len(candidates) == 1 else name_key(entity.name)
        _add(people.setdefault(key, LibraryPerson(entity.name)), number, entity, analysis)
    for person in people.values():
        person.appearances.sort(key=lambda a: a.article)
    return sorted(people.values(), key=lambda p: (-len(p.appearances), -p.mentions, p.name))


def _add(person: LibraryPerson, number: int, entity: Entity, analysis: Analysis) -> None:
    person.aliases.update([entity.name, *entity.aliases])
    if len(entity.name) > len(person.name):
        person.name = entity.name
    if entity.description and entity.description not in person.descriptions:
        person.descriptions.append(entity.description)
    quotes = [q.text for q in analysis.quotes if q.speaker == entity.id]
    first = entity.mentions[0].start if entity.mentions else 0
    person.appearances.append(Appearance(number, entity.id, first, len(entity.mentions), quotes))
