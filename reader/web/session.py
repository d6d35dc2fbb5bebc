"""The feeds behind a feed library: their items, a refresh, and each item's page.

Opening a session touches no network: feeds come from their files, from the document the user
just fetched, or from the store. ``refresh()`` (run by the app in a worker) fetches every feed
conditionally; ``fetch_page()`` fetches one item's page when the user opens it. Both return
what they found and the UI thread applies it, so the item list never changes under the table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from reader.source import ArticleError, Source
from reader.web import is_url, store
from reader.web.feeds import Feed, FeedItem, newest_first, parse_feed
from reader.web.fetch import ACCEPT_FEED, ACCEPT_PAGE
from reader.web.readmarks import ReadMarks
from reader.web.sources import Retrieved, kind_of, page_from, read_file, retrieve


@dataclass(slots=True)
class Refreshed:
    """What a refresh found: the feeds that could be read and one error line per failure."""

    feeds: dict[str, Feed] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def label(location: str) -> str:
    """A feed's short name for messages: its host, or its file name."""
    if is_url(location):
        return urlsplit(location).hostname or location
    return Path(location).name


class FeedSession:
    """Feeds by location (URL or file), their items newest first, read marks, fetched pages."""

    def __init__(self, locations: Iterable[str], marks: ReadMarks | None = None) -> None:
        self.locations = list(dict.fromkeys(locations))
        self.marks = marks if marks is not None else ReadMarks()
        self.feeds: dict[str, Feed] = {}
        self.errors: dict[str, str] = {}
        self.items: list[FeedItem] = []
        self.pages: dict[str, Source] = {}  # fetched this session, by item link
        self.notice: str | None = None  # e.g. that the feed is the copy fetched earlier

    # -- opening, without the network -----------------------------------------------------------

    @classmethod
    def of_files(cls, paths: Iterable[str], marks: ReadMarks | None = None) -> FeedSession:
        session = cls(paths, marks)
        session.apply(session.read(_read_feed_file))
        session._raise_if_nothing()
        return session

    @classmethod
    def of_documents(
        cls,
        urls: Iterable[str],
        documents: dict[str, Retrieved],
        marks: ReadMarks | None = None,
    ) -> FeedSession:
        """Feeds just fetched at the user's request (and others from the store)."""
        session = cls(urls, marks)
        session.apply(session.read(lambda url: _stored_feed(url, documents.get(url))))
        session._raise_if_nothing()
        return session

    @classmethod
    def of_subscriptions(
        cls, locations: Iterable[str], marks: ReadMarks | None = None
    ) -> FeedSession:
        """The subscribed feeds as last fetched; those never fetched wait for a refresh."""
        session = cls(locations, marks)
        session.apply(session.read(_stored_or_file))
        return session

    def _raise_if_nothing(self) -> None:
        if not self.feeds and self.errors:
            raise ArticleError(next(iter(self.errors.values())))

    def read(self, load: Callable[[str], Feed | None]) -> Refreshed:
        found = Refreshed()
        for location in self.locations:
            try:
                feed = load(location)
            except ArticleError as error:
                found.errors[location] = str(error)
                continue
            if feed is not None:
                found.feeds[location] = feed
        return found

    @property
    def never_fetched(self) -> list[str]:
        return [loc for loc in self.locations if loc not in self.feeds and loc not in self.errors]

    # -- refresh and items -----------------------------------------------------------------------

    def refresh(
        self,
        progress: Callable[[int, str], None] = lambda done, location: None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Refreshed:
        """Fetch every feed (conditionally); a feed that fails keeps its last items."""
        found = Refreshed()
        for done, location in enumerate(self.locations):
            if cancelled():
                break
            progress(done, location)
            try:
                if is_url(location):
                    found.feeds[location] = _fetched_feed(location)
                else:
                    found.feeds[location] = _read_feed_file(location)
            except ArticleError as error:
                found.errors[location] = str(error)
                if location in self.feeds:
                    found.feeds[location] = self.feeds[location]
        progress(len(self.locations), "")
        return found

    def apply(self, found: Refreshed) -> None:
        """Take a refresh's feeds (in the UI thread); items seen before keep their analysis."""
        before = {item.path: item for item in self.items}
        self.feeds.update(found.feeds)
        self.errors = dict(found.errors)
        merged = []
        for item in newest_first(i for feed in self.feeds.values() for i in feed.items):
            known = before.get(item.path)
            if known is not None:
                item.analysis, item.error = known.analysis, known.error
            item.read = item.path in self.marks
            item.fetched = item.path in self.pages or store.has(item.path)
            merged.append(item)
        self.items[:] = merged  # the same list: the library screen and the app hold it

    def mark_read(self, item: FeedItem) -> None:
        item.read = True
        self.marks.mark(item.path)

    # -- pages -----------------------------------------------------------------------------------

    def cached_page(self, item: FeedItem) -> Source | None:
        """The item's page if it was fetched before (no network); None when it never was."""
        if item.path in self.pages:
            return self.pages[item.path]
        stored = store.load(item.path)
        if stored is None:
            return None
        source = page_from(Retrieved(stored))
        self.pages[item.path] = source
        return source

    def fetch_page(self, item: FeedItem) -> Source:
        """The item's page from the network (or, failing that, the stored copy)."""
        retrieved = retrieve(item.path, ACCEPT_PAGE)
        if kind_of(retrieved.stored) != "page":
            raise ArticleError(f"{item.path}: not a web page")
        return page_from(retrieved)


def _read_feed_file(path: str) -> Feed:
    return parse_feed(read_file(path), location=path)


def _stored_feed(url: str, retrieved: Retrieved | None) -> Feed | None:
    stored = retrieved.stored if retrieved is not None else store.load(url)
    if stored is None:
        return None
    return parse_feed(stored.body, location=url, content_type=stored.content_type)


def _stored_or_file(location: str) -> Feed | None:
    return _stored_feed(location, None) if is_url(location) else _read_feed_file(location)


def _fetched_feed(url: str) -> Feed:
    stored = retrieve(url, ACCEPT_FEED, fallback=False).stored
    return parse_feed(stored.body, location=url, content_type=stored.content_type)
