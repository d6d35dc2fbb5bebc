"""Fetched pages and feeds on disk, so that what was read opens again without the network.

One entry per URL in ``<cache folder>/web/``: the body as it came (``KEY.body``) and a JSON
record (``KEY.json``) of the URL, the final URL after redirects, the time, the content type and
the HTTP validators (``ETag``, ``Last-Modified``) for the next conditional request. Written
atomically; an entry that is damaged or half there reads as absent. ``READER_CACHE_DIR`` moves
the folder and ``READER_NO_CACHE=1`` turns storing off, as for the analysis cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from reader import cache
from reader.web.fetch import Response

MAX_ENTRIES = 3000  # the oldest entries go beyond this


@dataclass(frozen=True, slots=True)
class Stored:
    """A fetched document and what the server said about it."""

    url: str
    final_url: str
    fetched: datetime
    content_type: str
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def media_type(self) -> str:
        return self.content_type.split(";")[0].strip().lower()


def folder() -> Path:
    return cache.cache_dir() / "web"


def _key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def has(url: str) -> bool:
    """Whether ``url`` was stored (without reading it)."""
    return cache.enabled() and (folder() / _key(url)).with_suffix(".json").is_file()


def load(url: str) -> Stored | None:
    """The stored copy of ``url``, or None."""
    if not cache.enabled():
        return None
    base = folder() / _key(url)
    try:
        record = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
        body = base.with_suffix(".body").read_bytes()
        if record["url"] != url or record["size"] != len(body):
            return None
        return Stored(
            url=url,
            final_url=record["final_url"],
            fetched=datetime.fromisoformat(record["fetched"]),
            content_type=record.get("content_type", ""),
            body=body,
            etag=record.get("etag"),
            last_modified=record.get("last_modified"),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(url: str, response: Response) -> Stored:
    """Store a 200 answer; the copy is returned even when it cannot be written."""
    stored = Stored(
        url=url,
        final_url=response.url,
        fetched=datetime.now(UTC),
        content_type=response.content_type,
        body=response.body,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )
    _write(stored)
    return stored


def revalidated(stored: Stored, response: Response) -> Stored:
    """A 304 answer: the stored copy stands, with the new time (and validators, if sent)."""
    fresh = replace(
        stored,
        fetched=datetime.now(UTC),
        etag=response.headers.get("etag", stored.etag),
        last_modified=response.headers.get("last-modified", stored.last_modified),
    )
    _write(fresh, body_too=False)
    return fresh


def _write(stored: Stored, body_too: bool = True) -> None:
    if not cache.enabled():
        return
    base = folder() / _key(stored.url)
    record = {
        "url": stored.url,
        "final_url": stored.final_url,
        "fetched": stored.fetched.isoformat(),
        "content_type": stored.content_type,
        "etag": stored.etag,
        "last_modified": stored.last_modified,
        "size": len(stored.body),
    }
    with contextlib.suppress(OSError):  # a copy that cannot be written is only not kept
        if body_too:
            _write_atomic(base.with_suffix(".body"), stored.body)
        _write_atomic(base.with_suffix(".json"), json.dumps(record).encode("utf-8"))
        _prune()


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _prune(limit: int = MAX_ENTRIES) -> None:
    """Drop the entries fetched longest ago when there are more than ``limit``."""
    records = list(folder().glob("*.json"))
    if len(records) <= limit:
        return
    records.sort(key=lambda path: path.stat().st_mtime)
    for record in records[: len(records) - limit]:
        record.with_suffix(".body").unlink(missing_ok=True)
        record.unlink(missing_ok=True)
