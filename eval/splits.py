"""Sealed halves of the development sets.

Every dev set the project tunes on is cut in two by a hash of a stable key (a WikiNews
``documentName``, a GermEval sentence's source line and words, a UD sentence id): the *open*
half may be looked at while tuning, the *sealed* half only to report. The cut is fixed by the
key alone, so every script, session and helper seals the same half, and the people set
(articles of the quotes dev set) is sealed where its articles are.

Tune on train and on the open half; run ``--sealed`` only to write the report.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

# Part of the hash input, so that a different cut needs a deliberate change here.
_SALT = "reader-seal-2026-12"


def is_sealed(key: str) -> bool:
    """True for the half of the keys that stays sealed until the report."""
    digest = hashlib.sha256(f"{_SALT}\n{key}".encode()).digest()
    return digest[0] % 2 == 1


def halves(items: Iterable[T], key: Callable[[T], str]) -> tuple[list[T], list[T]]:
    """``(open, sealed)``: the items split by the hash of their key, order kept."""
    open_half: list[T] = []
    sealed_half: list[T] = []
    for item in items:
        (sealed_half if is_sealed(key(item)) else open_half).append(item)
    return open_half, sealed_half


def select(items: Iterable[T], key: Callable[[T], str], part: str) -> list[T]:
    """The items of one part: ``all``, ``open`` or ``sealed``."""
    if part == "all":
        return list(items)
    open_half, sealed_half = halves(items, key)
    if part == "open":
        return open_half
    if part == "sealed":
        return sealed_half
    raise ValueError(f"unknown part {part!r}: all, open or sealed")
