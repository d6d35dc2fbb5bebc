"""Lay an article out as display rows for a given width: the model behind the line-API view.

Plain Python (Rich's cell widths only), so that wrapping a 10 MB article can run in a thread
and be tested without a terminal. Each row keeps the text offsets it shows, which is how
highlights, jumps and search hits find their line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len

from reader.article import Article

RowKind = Literal["title", "date", "heading", "paragraph", "caption", "video", "blank"]
# Columns taken by what is drawn before the text: "▼ " before headings, "▌ " before captions.
PREFIX_WIDTH = {"heading": 2, "caption": 2, "video": 2}
_WORD = re.compile(r"\S+\s*")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Row:
    """One display line: ``text[start:end]`` drawn as ``kind``; ``first`` marks a block's start."""

    kind: RowKind
    start: int
    end: int
    section: int
    first: bool = False


@dataclass(frozen=True, slots=True)
class Item:
    """A piece of the article that is wrapped as a whole: title, heading or block."""

    kind: RowKind
    start: int
    end: int
    section: int


def width_of(word: str) -> int:
    return len(word) if word.isascii() else cell_len(word)


def wrap(
    text: str, start: int, end: int, width: int, stop: int | None = None
) -> tuple[list[int], int]:
    """Offsets where the lines of ``text[start:end]`` begin, wrapped greedily at ``width``.

    Hard line breaks inside the range are kept. With ``stop``, wrapping ends at the first
    line that would begin at or after ``stop``. Returns the line starts and where the last
    line ends (``end`` unless wrapping stopped early).
    """
    width = max(width, 1)
    starts: list[int] = []
    line_start = start
    for hard in [*(m.end() for m in _LINE_BREAK.finditer(text, start, end)), None]:
        hard_end = end if hard is None else hard
        if stop is not None and line_start >= stop and starts:
            return starts, line_start
        starts.append(line_start)
        used = 0
        for match in _WORD.finditer(text, line_start, hard_end):
            word = match.group().rstrip()
            size = width_of(word)
            if used and used + size > width:
                if stop is not None and match.start() >= stop:
                    return starts, match.start()
                starts.append(match.start())
                used = 0
            piece = match.start()
            word_end = piece + len(word)
            while size > width:  # a word longer than a line is cut
                piece += width if word.isascii() else _cut(word, width)
                starts.append(piece)
                word = text[piece:word_end]
                size = width_of(word)
            used += size + (len(match.group()) - len(match.group().rstrip()))
        line_start = hard_end
    return starts, end


def _cut(word: str, width: int) -> int:
    used = 0
    for index, char in enumerate(word):
        used += cell_len(char)
        if used > width:
            return max(index, 1)
    return len(word)


class ArticleLayout:
    """Rows of an article for one width and one set of collapsed sections."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.items: list[Item] = []
        if article.title:
            self.items.append(Item("title", article.title_start, article.title_end, -1))
        section_index = -1
        for section in article.sections:
            if section.heading is not None and section.heading_start is not None:
                section_index += 1
                self.items.append(
                    Item("heading", section.heading_start, section.heading_end or 0, section_index)
                )
            for block in section.blocks:
                self.items.append(Item(block.kind, block.start, block.end, section_index))
        self.section_count = section_index + 1

    def build(
        self, width: int, collapsed: frozenset[int] = frozenset(), budget: int | None = None
    ) -> tuple[list[Row], bool]:
        """Rows for ``width`` columns; with ``budget``, only about that many characters.

        Returns the rows and whether they cover the whole article.
        """
        text = self.article.text
        rows: list[Row] = []
        laid = 0
        dated = False
        for item in self.items:
            if item.kind != "title" and not dated:
                rows.append(Row("date", 0, 0, -1))
                rows.append(Row("blank", 0, 0, -1))
                dated = True
            if item.kind not in ("title", "heading") and item.section in collapsed:
                continue
            stop = None if budget is None else item.start + max(budget - laid, 0)
            columns = width - PREFIX_WIDTH.get(item.kind, 0)
            starts, last_end = wrap(text, item.start, item.end, columns, stop)
            ends = [*starts[1:], last_end]
            for number, (line_start, line_end) in enumerate(zip(starts, ends, strict=True)):
                rows.append(Row(item.kind, line_start, line_end, item.section, number == 0))
            if last_end < item.end:
                return rows, False
            rows.append(Row("blank", item.end, item.end, item.section))
            laid += item.end - item.start
            if budget is not None and laid >= budget:
                return rows, False
        if not dated:
            rows.append(Row("date", 0, 0, -1))
        return rows, True
