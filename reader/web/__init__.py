"""News from the web: pages by link or saved file, RSS/Atom feeds, and what was fetched.

The network is used only here, and only when the user asks for a link or a refresh; the
analysis never fetches anything. Importing this package is cheap: trafilatura, feedparser and
lxml load in the modules that need them.

- ``fetch``: one HTTP GET with timeouts, a total deadline, a size cap and clear errors
- ``charset``: bytes of a page to text (BOM, HTTP header, ``<meta>``)
- ``extract``: trafilatura's main text, rendered in the reader's own text format
- ``store``: fetched pages and feeds on disk, with their URL, time and HTTP validators
- ``feeds``: feedparser's items as rows of the library
- ``subscriptions``: ``feeds = [...]`` in the config file, OPML import
- ``readmarks``: which feed items were opened
- ``sources``: a name from the command line (URL, page, feed) to what the reader opens
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rdf")
# The root element of a feed, after an XML declaration, comments and processing instructions.
_FEED_ROOT = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:(?:<!--.*?-->|<\?[^>]*>|<!DOCTYPE[^>]*>)\s*)*"
    rb"<(?:rss|feed|rdf:RDF)\b",
    re.S | re.I,
)


def is_url(name: str) -> bool:
    """An http(s) link, as typed on the command line."""
    return urlsplit(name).scheme.lower() in ("http", "https") and "://" in name


def looks_like_feed(data: bytes) -> bool:
    """An RSS, Atom or RDF document by its first element (whatever the server called it)."""
    return bool(_FEED_ROOT.match(data[:4096].removeprefix(b"\xef\xbb\xbf")))


def is_page_file(name: str) -> bool:
    return Path(name).suffix.lower() in PAGE_SUFFIXES


def is_feed_file(name: str) -> bool:
    """A feed by its suffix; an ``.xml`` file only when its first element is a feed's."""
    suffix = Path(name).suffix.lower()
    if suffix not in FEED_SUFFIXES:
        return False
    try:
        with open(name, "rb") as file:
            return looks_like_feed(file.read(4096))
    except OSError:
        return suffix != ".xml"


def wants_web(name: str | None) -> bool:
    """A name this package opens (a link, a saved page, a feed) rather than ``reader.source``."""
    if not name or name == "-":
        return False
    return is_url(name) or is_page_file(name) or is_feed_file(name)
