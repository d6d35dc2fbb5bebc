"""Named rules that can be switched off, for ablations and tests.

Every hand-written rule of the analysis is asked for by its id (``if rule("speaker.so-after")``)
and documented, with examples it must get right, in ``reader/data/rules/*.toml``. All rules are
on; ``switched_off`` turns some off for a while, so ``eval/ablate.py`` can measure what each
one adds and ``tests/test_rulebook.py`` can show that each positive example needs its rule.
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

# Switched-off rules. A plain set read on every check: the common case (none off) is one
# membership test. Shared by all threads; switching is for evaluations and tests only.
_OFF: set[str] = set()
_LOCK = threading.Lock()


def rule(rule_id: str) -> bool:
    """Whether the rule ``rule_id`` is on (every rule is, unless switched off)."""
    return rule_id not in _OFF


@contextmanager
def switched_off(rule_ids: Iterable[str]) -> Iterator[None]:
    """Turn rules off inside the ``with`` block (unknown ids are an error)."""
    ids = set(rule_ids)
    unknown = ids - set(known_rules())
    if unknown:
        raise KeyError(f"unknown rule ids: {', '.join(sorted(unknown))}")
    with _LOCK:
        added = ids - _OFF
        _OFF.update(added)
    try:
        yield
    finally:
        with _LOCK:
            _OFF.difference_update(added)


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence a rule must get right; ``positive`` ones go wrong without the rule."""

    text: str
    positive: bool
    expect: dict[str, object]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: its id, what it says, where it was written, and its examples."""

    id: str
    about: str
    written_on: str
    examples: tuple[Example, ...] = field(default=())
    family: str = ""  # the file it is documented in: "quotes", "entities", "ner"


@cache
def known_rules() -> dict[str, Rule]:
    """Every documented rule by id, from ``reader/data/rules/*.toml``."""
    rules: dict[str, Rule] = {}
    folder = resources.files("reader").joinpath("data/rules")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        for item in data.get("rules", []):
            examples = tuple(
                Example(
                    text=example["text"],
                    positive=example.get("positive", True),
                    expect={k: v for k, v in example.items() if k not in ("text", "positive")},
                )
                for example in item.get("examples", [])
            )
            if item["id"] in rules:
                raise ValueError(f"rule {item['id']!r} is documented twice")
            family = entry.name.removesuffix(".toml")
            rules[item["id"]] = Rule(
                item["id"], item["about"], item["written_on"], examples, family
            )
    return rules
