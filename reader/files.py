"""Writing the reader's own files safely."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

# A temporary this old belongs to no write in progress (those take a moment): it was left by a
# process killed between writing and renaming it (kill -9, power loss).
STALE_AFTER = 600.0


def write_atomic(path: Path, content: str) -> None:
    """Write to a temporary file beside ``path``, then rename over it: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path, pattern: str) -> None:
    """Remove the temporaries of ``write_atomic`` matching ``pattern`` that no write will finish."""
    now = time.time()
    with contextlib.suppress(OSError):  # a folder that cannot be listed holds nothing to clean
        for path in folder.glob(pattern):
            with contextlib.suppress(OSError):
                if path.is_file() and now - path.stat().st_mtime > STALE_AFTER:
                    path.unlink()
