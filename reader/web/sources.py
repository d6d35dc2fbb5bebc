"""From a name on the command line (a link, a saved page, a feed file) to what the reader opens.

A link is fetched through the store: with a stored copy the request is conditional, and when
the network fails (or ``--offline`` refuses it) the stored copy opens with a note saying when
it was fetched. A page becomes a ``Source`` in the reader's text format; a feed becomes a
``FeedSession``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.source import MAX_BYTES, ArticleError, Source
from reader.web import is_feed_file, is_url, looks_like_feed, store
from reader.web.fetch import ACCEPT_ANY, ACCEPT_PAGE, FetchError, fetch, offline

if TYPE_CHECKING:
    from reader.web.session import FeedSession

PAGE_MEDIA_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class Retrieved:
    stored: store.Stored
    note: str | None = None  # set when this is an earlier copy, not what the server says now


def retrieve(url: str, accept: str = ACCEPT_ANY, *, fallback: bool = True) -> Retrieved:
    """The document at ``url``: fetched (conditionally), or (with ``fallback``) the stored copy
    when that fails."""
    cached = store.load(url)
    try:
        response = fetch(
            url,
            accept=accept,
            etag=cached.etag if cached else None,
            last_modified=cached.last_modified if cached else None,
        )
    except FetchError as error:
        if cached is None or not fallback:
            if offline() and cached is None:
                raise FetchError(f"{url}: offline, and never fetched before") from None
            raise
        reason = "offline" if offline() else str(error).removeprefix(f"{url}: ")
        return Retrieved(cached, f"copy of {_when(cached.fetched)} ({reason})")
    if response.not_modified and cached is not None:
        return Retrieved(store.revalidated(cached, response))
    if response.not_modified:
        raise FetchError(f"{url}: the server said 'not modified' to a first request")
    return Retrieved(store.save(url, response))


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def kind_of(stored: store.Stored) -> str:
    """``page`` or ``feed``; raises ``FetchError`` for anything else (an image, a PDF)."""
    from reader.web.feeds import FEED_MEDIA_TYPES

    media = stored.media_type
    if looks_like_feed(stored.body):
        return "feed"
    if media in FEED_MEDIA_TYPES:
        raise FetchError(f"{stored.url}: not a feed (RSS or Atom), though served as {media}")
    head = stored.body[:2048].lower()
    if media in PAGE_MEDIA_TYPES or (not media and (b"<html" in head or b"<!doctype" in head)):
        return "page"
    raise FetchError(f"{stored.url}: not a web page or feed ({media or 'no content type'})")


def page_from(retrieved: Retrieved, path: str | None = None) -> Source:
    """The article of a fetched page."""
    from reader.web.extract import page_source

    stored = retrieved.stored
    return page_source(
        stored.body,
        path=path or stored.url,
        content_type=stored.content_type,
        url=stored.final_url,
        fetched=stored.fetched,
        note=retrieved.note,
    )


def open_link(url: str) -> Source | FeedSession:
    """A link the user asked for: its article, or its feed as a session."""
    retrieved = retrieve(url)
    if kind_of(retrieved.stored) == "feed":
        from reader.web.session import FeedSession

        session = FeedSession.of_documents([url], {url: retrieved})
        session.notice = retrieved.note
        return session
    return page_from(retrieved)


def read_file(path: str) -> bytes:
    file = Path(path)
    try:
        if file.stat().st_size > MAX_BYTES:
            raise ArticleError(f"{path}: too large ({file.stat().st_size // (1024 * 1024)} MB)")
        return file.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ArticleError(f"{path}: is a directory") from None
    except OSError as error:
        raise ArticleError(f"{path}: cannot read ({error.strerror or error})") from None


def page_file(path: str) -> Source:
    """A saved web page: its article, extracted as from the web."""
    from reader.web.extract import page_source

    return page_source(read_file(path), path=path)


def open_article(name: str) -> Source:
    """For ``reader analyze`` and ``reader search``: a link or saved page as an article."""
    if is_url(name):
        retrieved = retrieve(name, ACCEPT_PAGE)
        if kind_of(retrieved.stored) == "feed":
            raise ArticleError(f"{name}: is a feed; open it with: reader {name}")
        return page_from(retrieved)
    if is_feed_file(name):
        raise ArticleError(f"{name}: is a feed; open it with: reader {name}")
    return page_file(name)


def open_any(name: str) -> Source | FeedSession:
    """For the app: a link, a saved page or a feed file."""
    if is_url(name):
        return open_link(name)
    if is_feed_file(name):
        from reader.web.session import FeedSession

        return FeedSession.of_files([name])
    return page_file(name)
