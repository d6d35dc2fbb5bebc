"""The shipped pipeline's version goes with what it computes.

``meta.json`` of ``reader/models/de_reader_ner`` records, next to its ``version``, a hash of
every other file of the pipeline folder (config, weights, vocabulary) as ``files_sha256``. The
version is what the JSON output's ``model`` and the analysis cache key name, so two pipelines
that compute differently must never share one. ``tests/test_provenance.py`` fails when the
files no longer match the recorded hash; after retraining or editing the pipeline:

    python -m training.provenance                          # does the hash still match?
    python -m training.provenance --update --version 0.4.0 # bump the version, record the hash

``--update`` refuses to record a new hash under the version that the old hash was recorded
for: a new pipeline gets a higher version.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

SHIPPED = Path(__file__).resolve().parent.parent / "reader" / "models" / "de_reader_ner"
META = "meta.json"
HASH_KEY = "files_sha256"
_VERSION = re.compile(r"^\d+\.\d+\.\d+$")


def files_hash(folder: Path = SHIPPED) -> str:
    """SHA-256 over the relative path and contents of every file but ``meta.json``, in
    sorted path order (the same on every machine and file system)."""
    digest = hashlib.sha256()
    files = sorted(
        (path.relative_to(folder).as_posix(), path)
        for path in folder.rglob("*")
        if path.is_file() and path.relative_to(folder).as_posix() != META
    )
    for name, path in files:
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).hexdigest().encode("ascii") + b"\n")
    return digest.hexdigest()


def read_meta(folder: Path = SHIPPED) -> dict[str, Any]:
    meta: dict[str, Any] = json.loads((folder / META).read_text(encoding="utf-8"))
    return meta


def write_meta(meta: dict[str, Any], folder: Path = SHIPPED) -> None:
    text = json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
    (folder / META).write_text(text, encoding="utf-8")


def stale(folder: Path = SHIPPED) -> str | None:
    """Why the recorded version no longer names the pipeline's files, or None if it does."""
    meta = read_meta(folder)
    recorded, actual = meta.get(HASH_KEY), files_hash(folder)
    if recorded == actual:
        return None
    was = f"recorded {recorded[:12]}" if isinstance(recorded, str) else "none recorded"
    return (
        f"{folder.name} {meta.get('version')}: the pipeline's files changed (hash {actual[:12]}, "
        f"{was}); bump its version and record the new hash: "
        f"python -m training.provenance --update --version X.Y.Z"
    )


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def update(version: str | None, folder: Path = SHIPPED) -> str:
    """Record the files' hash with ``version``; raises ValueError when the version was not
    bumped for a changed pipeline. Returns what was done, in a line."""
    meta = read_meta(folder)
    current = str(meta.get("version", "0.0.0"))
    actual = files_hash(folder)
    if meta.get(HASH_KEY) == actual and version in (None, current):
        return f"{folder.name} {current}: the recorded hash matches, nothing to do"
    if version is None:
        raise ValueError(f"the pipeline changed: give its new version (now {current})")
    if not _VERSION.match(version):
        raise ValueError(f"--version {version!r}: not of the form X.Y.Z")
    if _version_tuple(version) <= _version_tuple(current):
        raise ValueError(f"--version {version}: not higher than the recorded {current}")
    # The hash goes right after the version (meta.json keeps its order otherwise).
    updated: dict[str, Any] = {}
    for key, value in meta.items():
        if key != HASH_KEY:
            updated[key] = value
        if key == "version":
            updated["version"] = version
            updated[HASH_KEY] = actual
    write_meta(updated, folder)
    return f"{folder.name}: {current} -> {version}, hash {actual[:12]} recorded"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=SHIPPED, help="pipeline folder")
    parser.add_argument("--update", action="store_true", help="record the hash in meta.json")
    parser.add_argument("--version", help="with --update: the pipeline's new version (X.Y.Z)")
    args = parser.parse_args(argv)
    if not args.update:
        problem = stale(args.model)
        print(problem or f"{args.model.name}: the recorded hash matches")
        return 1 if problem else 0
    try:
        print(update(args.version, args.model))
    except ValueError as error:
        print(f"training.provenance: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
