"""The stored evaluation results the README's accuracy tables are made from.

``eval/results/accuracy.json`` is written by the evaluation scripts when run with ``--save``
(``training.evaluate``, ``eval/people_eval.py``, ``eval/quotes_eval.py``) and read by
``eval/tables.py``. Each run replaces only the entries it measured; an entry that no longer
belongs is deleted by hand.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results" / "accuracy.json"


def load(path: Path = RESULTS) -> dict[str, Any]:
    if not path.exists():
        return {}
    results: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return results


def save(keys: tuple[str, ...], value: Any, path: Path = RESULTS) -> None:
    """Store ``value`` at ``results[keys[0]][keys[1]]…``, keeping every other entry."""
    results = load(path)
    node = results
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")
    note = f"[saved to {path.name}: {' / '.join(keys)}; python -m eval.tables --write]"
    print(note, file=sys.stderr)
