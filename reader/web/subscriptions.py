"""Subscriptions: ``feeds = [...]`` in the config file, added to by hand, by URL or from OPML.

The config file is the one of ``reader.config`` (it holds ``library = "…"`` too):
``~/.config/reader/config.toml`` (``$XDG_CONFIG_HOME`` or ``READER_CONFIG`` move it). Adding
feeds rewrites only the ``feeds`` array (or adds it before the first table); the result is
parsed again and must hold everything the file held before, else the file is left alone.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path

from reader.config import ConfigError, load, read_config, settings
from reader.files import write_atomic
from reader.source import ArticleError
from reader.web import is_url

_FEEDS_KEY = re.compile(r"^[ \t]*feeds[ \t]*=[ \t]*", re.M)
_TABLE = re.compile(r"^[ \t]*\[", re.M)


def config_file() -> Path:
    return settings().path


def subscribed(path: Path | None = None) -> list[str]:
    """The feeds of the config file, in its order: URLs (or paths to feed files)."""
    feeds = settings().feeds if path is None else load(path, {}).feeds
    return list(feeds)


def subscribe(new: Iterable[str], path: Path | None = None) -> list[str]:
    """Add feeds to the config file; returns those that were not there yet."""
    path = path or config_file()
    text, config = read_config(path)
    present = subscribed(path)
    added = [feed for feed in dict.fromkeys(new) if feed not in present]
    if not added:
        return []
    updated = _with_feeds(text, [*present, *added])
    _, check = _read_text(updated)
    if check.get("feeds") != [*present, *added] or _without_feeds(check) != _without_feeds(config):
        raise ConfigError(f"{path}: cannot update feeds here; add them to the feeds list by hand")
    try:
        write_atomic(path, updated)
    except OSError as error:
        raise ConfigError(f"{path}: cannot write ({error.strerror or error})") from None
    return added


def _read_text(text: str) -> tuple[str, dict[str, object]]:
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return text, {}


def _without_feeds(config: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in config.items() if key != "feeds"}


def _array(feeds: list[str]) -> str:
    # JSON strings are valid TOML basic strings.
    lines = "".join(f"    {json.dumps(feed, ensure_ascii=False)},\n" for feed in feeds)
    return f"feeds = [\n{lines}]"


def _with_feeds(text: str, feeds: list[str]) -> str:
    """``text`` with its ``feeds`` array replaced, or one added before the first table."""
    first_table = _TABLE.search(text)
    top = text[: first_table.start()] if first_table else text
    found = _FEEDS_KEY.search(top)
    if found:
        end = _array_end(text, found.end())
        return text[: found.start()] + _array(feeds) + text[end:]
    if first_table:
        return text[: first_table.start()] + _array(feeds) + "\n\n" + text[first_table.start() :]
    separator = "" if not text or text.endswith("\n") else "\n"
    return f"{text}{separator}{_array(feeds)}\n"


def _array_end(text: str, start: int) -> int:
    """Where the array that opens at ``start`` closes (strings and comments skipped)."""
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char in "\"'":
            triple = text.startswith(char * 3, index)
            closing = char * 3 if triple else char
            index += len(closing)
            while index < len(text) and not text.startswith(closing, index):
                index += 2 if char == '"' and text[index] == "\\" else 1
            index += len(closing)
            continue
        if char == "#":
            newline = text.find("\n", index)
            index = len(text) if newline < 0 else newline
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(text)


def opml_feeds(path: str | Path) -> list[str]:
    """The feed URLs of an OPML file (``xmlUrl`` of every outline, nested ones included)."""
    from lxml import etree

    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ArticleError(f"{name}: cannot read ({error.strerror or error})") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ArticleError(f"{name}: not an OPML file ({error})") from None
    if root.tag != "opml":
        raise ArticleError(f"{name}: not an OPML file (no <opml> element)")
    found = [
        outline.get("xmlUrl", "").strip()
        for outline in root.iter("outline")
        if outline.get("xmlUrl", "").strip()
    ]
    feeds = [url for url in found if is_url(url)]
    if not feeds:
        raise ArticleError(f"{name}: no feeds in this OPML file")
    return list(dict.fromkeys(feeds))
