"""What the reader remembers per article: reading position, collapsed sections, entity.

Stored as one JSON file in the user's data folder (``READER_STATE_DIR`` overrides it), keyed
by the article text's hash so that a moved file keeps its state. Written atomically and merged
at save time under a lock, so that two readers open at once keep each other's positions. A file
that cannot be read (corrupt, truncated, nested too deeply) is set aside under another name,
with a warning, and the reader starts fresh; never a crash.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from reader.config import settings
from reader.files import remove_stale_temporaries, write_atomic
from reader.safe_text import one_line

MAX_ARTICLES = 2000  # oldest entries are dropped beyond this

try:
    import fcntl
except ImportError:  # not on Windows: saves are then not serialised
    fcntl = None  # type: ignore[assignment]


@dataclass(slots=True)
class ReadingState:
    offset: int = 0
    collapsed: list[int] = field(default_factory=list)
    entity: str | None = None


def state_file() -> Path:
    return settings().state_dir / "state.json"


def article_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on the state folder: one save at a time, across processes."""
    if fcntl is None:
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock


class StateStore:
    """Load once, update in memory; a save merges this reader's changes into the file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or state_file()
        self.warning: str | None = None
        self._changed: dict[str, dict[str, object]] = {}
        remove_stale_temporaries(self.path.parent, f".{self.path.name}.*.tmp")
        self._states = self._read()

    def _read(self) -> dict[str, dict[str, object]]:
        """The states in the file; an unreadable file is set aside and counts as empty."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            self.warning = one_line(f"cannot read reading state {self.path}: {error}")
            return {}
        try:
            data = json.loads(raw)
        except RecursionError:
            self._set_aside("nested too deeply")
            return {}
        except ValueError as error:  # invalid JSON or not UTF-8
            self._set_aside(str(error))
            return {}
        if not isinstance(data, dict):
            self._set_aside("not a JSON object")
            return {}
        return {k: v for k, v in data.items() if isinstance(v, dict)}

    def _set_aside(self, reason: str) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.unreadable-{stamp}-{os.getpid()}")
        try:
            self.path.rename(aside)
        except FileNotFoundError:  # another reader set it aside first
            return
        except OSError as error:
            self.warning = one_line(f"reading state {self.path} is unreadable ({reason}): {error}")
            return
        self.warning = one_line(
            f"reading state {self.path} was unreadable ({reason}); "
            f"set aside as {aside.name}, starting fresh"
        )

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
        self._changed[key] = asdict(state)
        self._states.pop(key, None)  # re-insert: dict order is recency
        self._states[key] = self._changed[key]

    def save(self) -> None:
        """Re-read the file under the lock, put this reader's changes in, write atomically."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _locked(self.path.parent):
                states = self._read()
                for key, state in self._changed.items():
                    states.pop(key, None)
                    states[key] = state
                while len(states) > MAX_ARTICLES:
                    states.pop(next(iter(states)))
                write_atomic(self.path, json.dumps(states, ensure_ascii=False))
        except OSError as error:
            self.warning = one_line(f"could not save reading state: {error}")
            return
        self._states = states
        self._changed.clear()
