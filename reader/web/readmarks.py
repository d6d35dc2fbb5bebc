"""Which feed items were opened: their links, in the user's data folder beside the reading state.

Written atomically; an unreadable file means no item is marked, never a crash.
"""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from pathlib import Path

from reader.files import write_atomic
from reader.state import state_file

MAX_MARKS = 20000  # the oldest marks go beyond this


def marks_file() -> Path:
    return state_file().with_name("read.json")


class ReadMarks:
    """Load once, mark in memory, save atomically."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or marks_file()
        self._marks: dict[str, str] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                self._marks = {k: v for k, v in data.items() if isinstance(v, str)}
        except (OSError, ValueError):
            pass

    def __contains__(self, link: object) -> bool:
        return link in self._marks

    def mark(self, link: str) -> None:
        self._marks.pop(link, None)  # re-insert: dict order is recency
        self._marks[link] = datetime.now(UTC).isoformat(timespec="seconds")
        while len(self._marks) > MAX_MARKS:
            self._marks.pop(next(iter(self._marks)))
        with contextlib.suppress(OSError):  # the mark holds for this session at least
            write_atomic(self.path, json.dumps(self._marks, ensure_ascii=False))
