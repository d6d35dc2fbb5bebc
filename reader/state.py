"""What the reader remembers per article: reading position, collapsed sections, entity.

Stored as one JSON file in the user's data folder (``READER_STATE_DIR`` overrides it), keyed
by the article text's hash so that a moved file keeps its state. Written atomically; a corrupt
or truncated file means starting fresh, with a warning, never a crash.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from reader.files import write_atomic

MAX_ARTICLES = 2000  # oldest entries are dropped beyond this


@dataclass(slots=True)
class ReadingState:
    offset: int = 0
    collapsed: list[int] = field(default_factory=list)
    entity: str | None = None


def state_file() -> Path:
    override = os.environ.get("READER_STATE_DIR")
    if override:
        return Path(override) / "state.json"
    from platformdirs import user_data_dir

    return Path(user_data_dir("reader", appauthor=False)) / "state.json"


def article_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class StateStore:
    """Load once, update in memory, save atomically."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or state_file()
        self.warning: str | None = None
        self._states: dict[str, dict[str, object]] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not an object")
            self._states = {k: v for k, v in data.items() if isinstance(v, dict)}
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as error:
            self.warning = f"reading state in {self.path} was unreadable ({error}); starting fresh"

    def get(self, text: str) -> ReadingState:
        raw = self._states.get(article_key(text), {})
        offset = raw.get("offset", 0)
        collapsed = raw.get("collapsed", [])
        entity = raw.get("entity")
        return ReadingState(
            offset if isinstance(offset, int) and offset >= 0 else 0,
            [c for c in collapsed if isinstance(c, int)] if isinstance(collapsed, list) else [],
            entity if isinstance(entity, str) else None,
        )

    def put(self, text: str, state: ReadingState) -> None:
        key = article_key(text)
        self._states.pop(key, None)  # re-insert: dict order is recency
        self._states[key] = asdict(state)
        while len(self._states) > MAX_ARTICLES:
            self._states.pop(next(iter(self._states)))

    def save(self) -> None:
        try:
            write_atomic(self.path, json.dumps(self._states, ensure_ascii=False))
        except OSError as error:
            self.warning = f"could not save reading state: {error}"
