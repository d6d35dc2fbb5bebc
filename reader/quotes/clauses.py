"""Words and clause windows of plain text, shared by the parts of the quote finder."""

from __future__ import annotations

import re

WORD = re.compile(r"\w+(?:[-’']\w+)*")

# A sentence end, not an abbreviation ("Dr. ", "W. ", "Nr. ") or an ordinal ("5. Mai",
# "Benedikt XVI. "); also one that lacks its space ("sagte der Papst.Der Bruder").
SENTENCE_END = re.compile(
    r"(?<!\b[A-ZÄÖÜ])(?<!\bDr)(?<!\bSt)(?<!\bNr)(?<!\bProf)(?<!\bbzw)(?<!\bca)(?<!\d)"
    r"(?<!\b[IVXLC]{2})(?<!\b[IVXLC]{3})(?<!\b[IVXLC]{4})[.!?](?=\s)"
    r"|(?<=[a-zäöüß]{2})(?<!Prof)(?<!Dipl)[.!?](?=[A-ZÄÖÜ][a-zäöüß])|\n"
)
# What ends a phrase after a verb: a comma, colon, bracket or dash, or a sentence end.
PHRASE_STOP = re.compile(
    r"[,;:(–]|(?<!\b[A-ZÄÖÜ])(?<!\bDr)(?<!\bSt)(?<!\bProf)(?<!\d)[.!?](?=\s|$)"
)
CLAUSE_MARK = re.compile(r"[,;:.!?]")


def words(text: str) -> list[str]:
    """The words of ``text``, hyphenated compounds and apostrophes kept whole."""
    return WORD.findall(text)


def clause_before(text: str, start: int, floor: int) -> str:
    """The text from the last sentence end before ``start`` (within its paragraph)."""
    window = text[max(floor, start - 240) : start]
    cut = -1
    for match in SENTENCE_END.finditer(window):
        cut = match.start()
    return window[cut + 1 :] if cut >= 0 else window


def clause_after(text: str, end: int, ceiling: int) -> str:
    """The text up to the next sentence end after ``end`` (within its paragraph)."""
    window = text[end : min(ceiling, end + 240)]
    if end >= 2 and text[end - 2] in ".!?…" and re.match(r"\s+[A-ZÄÖÜ„«»\"]", window):
        return ""  # the quote ended its sentence: what follows is the next one
    if re.match(r"[“”«»‹›\"']?[.!?](?:\s|$)", window):
        return window[:1]  # "„…“. Der Leiter …": a full stop right after the quote ends it
    match = re.search(r"[.!?](?=\s|$)|\n", window[1:])
    return window[: match.end() + 1] if match else window


def after_word(text: str, position: int, candidates: tuple[str, ...] | frozenset[str]) -> bool:
    """Whether the word right before ``position`` (lower-cased) is one of ``candidates``."""
    before = WORD.findall(text[max(0, position - 12) : position])
    return bool(before) and before[-1].lower() in candidates


def sentence_initial(text: str, position: int) -> bool:
    """Whether ``position`` opens a sentence (after an opening quotation mark at most)."""
    head = text[max(0, position - 3) : position].rstrip(" „“«»\"'")
    return not head or head[-1] in ".!?:\n"
