"""Parse an article file into title, date, lead and sections.

The format: a first line ``date YYYY-MM-DD Title`` (it may start with spaces), then
paragraphs separated by blank lines. Every block keeps ``start``/``end`` offsets into the
decoded text, so that ``text[start:end] == block.text`` always holds; entities, quotes and
search hits use offsets into the same text.

This module is plain Python: no spaCy, no Textual.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

BlockKind = Literal["paragraph", "caption", "video"]

_DATE_LINE = re.compile(r"^[ \t]*date[ \t]+(\d{4})-(\d{2})-(\d{2})(?:[ \t]+(.*?))?[ \t]*$")
# A blank line: only whitespace between two line breaks (CRLF and lone CR included).
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)[ \t\f\v]*(?:\r\n|\r|\n)\s*")
# Gallery captions: "1/6 Donald Trump präsentiert sich … Foto: imago".
_CAPTION = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})\s+\S")
# Video teasers: "0:47 Trump zu Budapest-Treffen: …", "1:02:13 Die ganze Rede".
_VIDEO = re.compile(r"^(?:\d{1,2}:)?\d{1,2}:\d{2}\s+\S")
# A heading ends without sentence punctuation; closing quotes or brackets count as punctuation
# because a quoted sentence standing alone is body text, not a heading.
_SENTENCE_END = tuple(".!?:;,…\"'«»“”„‘’›‹)]-–—")
HEADING_MAX_CHARS = 90
HEADING_MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-level piece of the article body."""

    kind: BlockKind
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Section:
    """A heading and the blocks under it; the lead is the section whose heading is ``None``."""

    heading: str | None
    start: int
    end: int
    heading_start: int | None = None
    heading_end: int | None = None
    blocks: list[Block] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "heading": self.heading,
            "start": self.start,
            "end": self.end,
            "heading_start": self.heading_start,
            "heading_end": self.heading_end,
            "blocks": [block.to_dict() for block in self.blocks],
        }


@dataclass(slots=True)
class Article:
    """A parsed article; ``text`` is the whole decoded file and all offsets point into it."""

    text: str
    title: str
    title_start: int
    title_end: int
    date: date | None
    sections: list[Section]

    @property
    def lead(self) -> Section | None:
        """The paragraphs before the first heading, if there are any."""
        if self.sections and self.sections[0].heading is None:
            return self.sections[0]
        return None

    def blocks(self) -> Iterator[Block]:
        """Every body block in reading order."""
        for section in self.sections:
            yield from section.blocks

    def section_at(self, offset: int) -> Section | None:
        """The section that contains ``offset`` (its heading included)."""
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return None


def _spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Paragraph spans in ``text[start:end]``, trimmed of surrounding whitespace."""
    position = start
    for match in _PARAGRAPH_BREAK.finditer(text, start, end):
        yield from _trimmed(text, position, match.start())
        position = match.end()
    yield from _trimmed(text, position, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def block_kind(paragraph: str) -> BlockKind:
    """Tell gallery captions and video teasers from body paragraphs."""
    caption = _CAPTION.match(paragraph)
    if caption and 0 < int(caption.group(1)) <= int(caption.group(2)):
        return "caption"
    if _VIDEO.match(paragraph):
        return "video"
    return "paragraph"


def is_heading(paragraph: str) -> bool:
    """A short single line that ends without sentence punctuation stands alone as a heading."""
    if "\n" in paragraph or "\r" in paragraph:
        return False
    if len(paragraph) > HEADING_MAX_CHARS or len(paragraph.split()) > HEADING_MAX_WORDS:
        return False
    if paragraph.endswith(_SENTENCE_END) or block_kind(paragraph) != "paragraph":
        return False
    # A heading starts like a sentence or a name, not with a digit run or a lower-case word.
    first = paragraph[0]
    return first.isupper() or first in "«»„\"'‹›(" or (first.isdigit() and " " in paragraph)


def _first_line(text: str) -> tuple[int, int]:
    newline = re.search(r"\r\n|\r|\n", text)
    return 0, newline.start() if newline else len(text)


def _title_and_date(text: str) -> tuple[str, int, int, date | None, int]:
    """Return title, its span, the date and where the body starts."""
    start, end = _first_line(text)
    line = text[start:end]
    match = _DATE_LINE.match(line)
    if match:
        try:
            day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            day = None
        if day is not None:
            title_start = match.start(4) if match.group(4) else end
            title_end = match.end(4) if match.group(4) else end
            return text[title_start:title_end], title_start, title_end, day, end
    # No date line: the first non-blank line is the title.
    for span_start, span_end in _trimmed(text, 0, end):
        return text[span_start:span_end], span_start, span_end, None, end
    # The first line is blank: take the first paragraph's first line.
    for span_start, span_end in _spans(text, 0, len(text)):
        _, line_end = _first_line(text[span_start:span_end])
        return (
            text[span_start : span_start + line_end],
            span_start,
            span_start + line_end,
            None,
            span_start + line_end,
        )
    return "", 0, 0, None, len(text)


def parse_article(text: str) -> Article:
    """Parse decoded article text. Never raises: any string gives an Article."""
    title, title_start, title_end, day, body_start = _title_and_date(text)
    sections: list[Section] = []
    current: Section | None = None
    for start, end in _spans(text, body_start, len(text)):
        paragraph = text[start:end]
        if is_heading(paragraph):
            if current is not None:
                sections.append(current)
            current = Section(paragraph, start, end, heading_start=start, heading_end=end)
            continue
        if current is None:
            current = Section(None, start, end)
        current.blocks.append(Block(block_kind(paragraph), paragraph, start, end))
        current.end = end
    if current is not None:
        sections.append(current)
    return Article(text, title, title_start, title_end, day, sections)
