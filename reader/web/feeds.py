"""RSS and Atom feeds (feedparser): their items as rows of the library, newest first.

feedparser gets the document's bytes, never a URL or a path, so that it fetches nothing itself;
it does not resolve external XML entities. Titles and summaries are plain text: any markup a
feed carries in them is reduced to its text here.
"""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from reader.library import ArticleInfo
from reader.source import ArticleError
from reader.web.extract import clean

FEED_MEDIA_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/x-rss+xml",
    "application/xml",
    "text/xml",
)
SUMMARY_CHARS = 400


class FeedError(ArticleError):
    """A document that is not a feed, or a feed without items."""


@dataclass(slots=True)
class FeedItem(ArticleInfo):
    """One item of a feed: ``path`` is its link; its page is fetched when it is opened."""

    source: str = ""  # the feed's title
    published: datetime | None = None  # UTC
    summary: str = ""
    feed: str = ""  # the feed's URL (or file)
    read: bool = False
    fetched: bool = False  # its page is in the store


@dataclass(slots=True)
class Feed:
    location: str  # URL or file the feed came from
    title: str
    items: list[FeedItem] = field(default_factory=list)


def plain(text: str | None) -> str:
    """Text of a title or summary that may hold markup: tags dropped, entities read."""
    if not text:
        return ""
    if "<" in text or "&" in text:
        from lxml import html

        try:
            fragment = html.fragment_fromstring(text, create_parent="div")
            for unwanted in fragment.xpath(".//script|.//style|.//iframe"):
                unwanted.drop_tree()
            text = fragment.text_content()
        except (ValueError, TypeError):  # lxml refuses some inputs (e.g. only a comment)
            text = re.sub(r"<[^>]*>", " ", text)
    return clean(text).replace("\n", " ")


def parse_feed(data: bytes, *, location: str, content_type: str | None = None) -> Feed:
    """The feed in ``data``; raises ``FeedError`` when it is none."""
    import feedparser

    headers = {"content-location": location}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        raise FeedError(f"{location}: not a feed (RSS or Atom)")
    host = urlsplit(location).hostname or ""
    title = plain(parsed.feed.get("title")) or host or location
    items = [item for entry in parsed.entries if (item := _item(entry, title, location))]
    if not items and parsed.get("bozo"):
        # Broken XML is forgiven while items can be read from it, as feed readers do.
        reason = parsed.get("bozo_exception")
        raise FeedError(f"{location}: a broken feed ({reason or 'not well-formed'})")
    return Feed(location, title, items)


def _item(entry: Any, source: str, location: str) -> FeedItem | None:
    link = (entry.get("link") or "").strip()
    if urlsplit(link).scheme not in ("http", "https"):
        return None  # nothing the reader could open
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    published = datetime.fromtimestamp(calendar.timegm(when), UTC) if when else None
    summary = plain(entry.get("summary"))
    if len(summary) > SUMMARY_CHARS:
        summary = summary[: SUMMARY_CHARS - 1].rstrip() + "…"
    return FeedItem(
        path=link,
        title=plain(entry.get("title")) or summary[:80] or link,
        date=published.date() if published else None,
        sections=0,
        source=source,
        published=published,
        summary=summary,
        feed=location,
    )


def newest_first(items: Iterable[FeedItem]) -> list[FeedItem]:
    """Items of many feeds in one list, newest first (undated last), each link once."""
    seen: set[str] = set()
    unique = []
    for item in items:
        if item.path not in seen:
            seen.add(item.path)
            unique.append(item)
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(unique, key=lambda item: item.published or oldest, reverse=True)
