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

from urllib.parse import urlsplit

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rdf")


def is_url(name: str) -> bool:
    """An http(s) link, as typed on the command line."""
    return urlsplit(name).scheme.lower() in ("http", "https") and "://" in name
