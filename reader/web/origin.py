"""Where a web article came from: its URL, site, author and when it was fetched."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Origin:
    """Metadata of a page that the article text itself does not carry."""

    url: str | None = None
    site: str | None = None
    author: str | None = None
    fetched: datetime | None = None  # None: read from a saved file
    note: str | None = None  # e.g. that this is the copy fetched earlier, read offline

    def byline(self) -> str:
        """``site · author`` for the header; empty when neither is known."""
        return " · ".join(part for part in (self.site, self.author) if part)

    def to_dict(self) -> dict[str, object]:
        return {
            "url": self.url,
            "site": self.site,
            "author": self.author,
            "fetched": self.fetched.isoformat(timespec="seconds") if self.fetched else None,
        }
