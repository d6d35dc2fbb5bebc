"""Quotation marks: the quoted spans of a text, found in one pass per paragraph.

„…“ “…” «…» »…« ‹…› ‚…‘ "…" '…'; whether « » ‹ › open or close is read from what stands next
to them, so Swiss «…» and book-style »…« both work. Apostrophes (``Trump's``, ``geht's``) and a
``‚`` used as a comma never open a quote; a quote left open ends with its paragraph, unless the
next paragraph opens again with the same mark (a long quote over several paragraphs). Inner
quotes are kept as depth 1 and never reported alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Openers and the closers that may end them. « » and ‹ › serve both ways round (Swiss «…»,
# German books »…«); which way is decided by what stands next to the mark.
_CLOSERS: dict[str, str] = {
    "„": '“”"',
    "“": "”“",
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
    "‚": "‘’'",
    "‘": "’",
    '"': '"',
    "'": "'",
}
_OUTER_OPENERS = '„“«»"'
_MARKS = re.compile(r"[„“”«»‹›‚‘’\"']")
_OPEN_BEFORE = set("([{/–—-:") | set(_CLOSERS)
MAX_DEPTH = 8


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Text inside a pair of quotation marks: ``text[start:end]`` excludes the marks."""

    start: int
    end: int
    mark: str
    depth: int = 0
    closed: bool = True


def _can_open(text: str, i: int) -> bool:
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if not nxt or nxt.isspace():
        return False
    prev = text[i - 1] if i > 0 else ""
    return not prev or prev.isspace() or prev in _OPEN_BEFORE or text[i] == "„"


def _can_close(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else ""
    if not prev or prev.isspace():
        return False
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return not nxt.isalnum()


def scan_paragraph(text: str, start: int, end: int) -> tuple[list[QuoteSpan], str | None]:
    """Quoted spans in ``text[start:end]``; also the mark of a quote left open at the end.

    One pass with a bounded stack, so the cost is linear in the paragraph length whatever the
    nesting. Apostrophes (``Trump's``, ``geht's``) and a ``‚`` used as a comma never open.
    """
    spans: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []  # (opening mark, position after it)
    for match in _MARKS.finditer(text, start, end):
        i = match.start()
        mark = text[i]
        # Close the innermost open quote this mark can end.
        if _can_close(text, i) or (mark in "“”" and stack and stack[-1][0] == "„"):
            for depth in range(len(stack) - 1, -1, -1):
                opener, after = stack[depth]
                if mark in _CLOSERS[opener]:
                    if mark in "'’" and depth != len(stack) - 1:
                        break  # an apostrophe does not close across an inner quote
                    del stack[depth:]
                    if i > after:
                        spans.append(QuoteSpan(after, i, opener, depth))
                    break
            else:
                if not (_can_open(text, i) and mark in _CLOSERS and mark not in "’"):
                    continue
                if len(stack) < MAX_DEPTH:
                    stack.append((mark, i + 1))
            continue
        if mark in _CLOSERS and mark != "’" and _can_open(text, i) and len(stack) < MAX_DEPTH:
            stack.append((mark, i + 1))
    left_open = None
    if stack:
        # An unclosed quote ends with its paragraph; only the outermost is kept.
        opener, after = stack[0]
        if opener in _OUTER_OPENERS and after < end:
            spans.append(QuoteSpan(after, end, opener, 0, closed=False))
            left_open = opener
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans, left_open


def scan_quotes(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[QuoteSpan]:
    """Quoted spans of all paragraphs; a quote left open at a paragraph's end whose next
    paragraph opens with the same mark goes on there (news style for long quotes)."""
    result: list[QuoteSpan] = []
    carry: QuoteSpan | None = None
    for start, end in paragraphs:
        spans, left_open = scan_paragraph(text, start, end)
        if carry is not None:
            first = next((s for s in spans if s.depth == 0), None)
            if first is not None and first.start == start + 1 and text[start] == carry.mark:
                spans.remove(first)
                carry = QuoteSpan(carry.start, first.end, carry.mark, 0, first.closed)
                if first.closed:
                    result.append(carry)
                    carry = None
                else:
                    left_open = None  # the open quote is the one carried on
            else:
                result.append(carry)
                carry = None
        if left_open is not None:
            carry = next(s for s in spans if not s.closed)
            spans.remove(carry)
        result.extend(spans)
    if carry is not None:
        result.append(carry)
    result.sort(key=lambda s: (s.start, -s.end))
    return result


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Blank-line separated paragraphs of ``text``, for callers without an Article."""
    spans = []
    position = 0
    for match in re.finditer(r"\n[ \t]*\n\s*", text):
        if match.start() > position:
            spans.append((position, match.start()))
        position = match.end()
    if position < len(text):
        spans.append((position, len(text)))
    return spans
