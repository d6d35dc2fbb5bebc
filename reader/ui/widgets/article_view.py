"""The article column: a line-API view that draws only the rows on screen.

Title, date, lead, then each section under a heading that collapses and expands. Rows come
from ``ArticleLayout``; a 10 MB article paints its first screen from a partial layout while
the rest is wrapped in a thread.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.article import Article
from reader.safe_text import visible
from reader.ui.layout import ArticleLayout, Row

READING_WIDTH = 80
# Characters wrapped before the first paint; the rest is laid out in a thread.
FIRST_PAINT_BUDGET = 60_000
MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
PREFIX = {"caption": "▌ ", "video": "▌ "}
FIRST_PREFIX = {"caption": "▣ ", "video": "▶ "}


def german_date(day: date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True, slots=True)
class Span:
    """A range of article offsets drawn with one of the view's span styles."""

    start: int
    end: int
    style: str  # "quote", "mention" or "current"


class ArticleView(ScrollView, can_focus=True):
    """The scrollable article, centred at a readable width."""

    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--date",
        "article-view--heading",
        "article-view--cursor",
        "article-view--caption",
        "article-view--quote",
        "article-view--mention",
        "article-view--current",
    }

    class LayoutReady(Message):
        """The whole article is laid out (only sent when that took a thread)."""

    class Painted(Message):
        """The first rows of the article are on screen (sent once)."""

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article
        self.layout_model = ArticleLayout(article)
        self.rows: list[Row] = []
        self.complete = False
        self.collapsed: set[int] = set()
        self.cursor_section = -1
        self._row_starts: list[int] = []
        self._heading_rows: dict[int, int] = {}
        self._spans: list[Span] = []
        self._span_starts: list[int] = []
        self._longest_span = 0
        self._width = 0
        self._notes: list[tuple[int, int, str]] = []
        self._note: str | None = None
        # Where to open (a remembered reading position), used by the first layout.
        self.pending_offset: int | None = None
        self._strips: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        self._generation = 0
        self._painted = False

    # -- layout ---------------------------------------------------------------------------------

    @property
    def text_width(self) -> int:
        return max(min(self.scrollable_content_region.width - 2, READING_WIDTH), 10)

    def on_mount(self) -> None:
        if self.scrollable_content_region.width:
            self.relayout()

    def on_resize(self, event: events.Resize) -> None:
        if self.text_width != self._width:
            self.relayout()

    def relayout(self, keep_offset: int | None = None) -> None:
        """Lay out again (new width or collapsed sections), keeping the reading position."""
        if keep_offset is None and self.pending_offset is not None:
            keep_offset, self.pending_offset = self.pending_offset, None
        elif keep_offset is None and self.rows:
            keep_offset = self.offset_at_top()
        self._width = self.text_width
        collapsed = frozenset(self.collapsed)
        # Lay out synchronously at least as far as the place to show, then the rest in a thread.
        budget = FIRST_PAINT_BUDGET + (keep_offset or 0)
        rows, complete = self.layout_model.build(self._width, collapsed, budget)
        self._set_rows(rows, complete, keep_offset)
        if not complete:
            self._layout_rest(self._width, collapsed, self._generation)

    @work(thread=True, exclusive=True, group="layout")
    def _layout_rest(self, width: int, collapsed: frozenset[int], generation: int) -> None:
        rows, _ = self.layout_model.build(width, collapsed)
        self.app.call_from_thread(self._finish_layout, rows, generation)

    def _finish_layout(self, rows: list[Row], generation: int) -> None:
        if generation == self._generation:  # not overtaken by a resize or a toggle
            self._set_rows(rows, True, self.offset_at_top())
            self.post_message(self.LayoutReady())

    def _set_rows(self, rows: list[Row], complete: bool, keep_offset: int | None) -> None:
        self._generation += 1
        self.rows = rows
        self.complete = complete
        best = -1
        self._row_starts = []
        for row in rows:  # a running maximum keeps the bisection valid over blank rows
            if row.kind not in ("blank", "date"):
                best = max(best, row.start)
            self._row_starts.append(best)
        self._heading_rows = {
            row.section: index
            for index, row in enumerate(rows)
            if row.kind == "heading" and row.first
        }
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))
        if keep_offset is not None:
            kept_row = self.row_of(keep_offset)
            self.scroll_to(y=kept_row, animate=False)
            if self.scroll_y != kept_row:  # the new size is not applied yet: scroll once it is
                self.call_after_refresh(self.scroll_to, y=kept_row, animate=False)
        self.refresh()

    # -- queries --------------------------------------------------------------------------------

    @property
    def section_count(self) -> int:
        return self.layout_model.section_count

    def row_of(self, offset: int) -> int:
        """The row that shows ``offset`` (the first of rows that share its start)."""
        index = bisect_right(self._row_starts, offset) - 1
        if index < 0:
            return 0
        return bisect_left(self._row_starts, self._row_starts[index])

    def offset_at_top(self) -> int:
        rows = self.rows
        for row in rows[int(self.scroll_y) : int(self.scroll_y) + 50]:
            if row.kind not in ("blank", "date"):
                return row.start
        return 0

    def heading_row(self, section: int) -> int | None:
        return self._heading_rows.get(section)

    def section_at_top(self) -> int:
        """The section shown at the top of the view (-1 in the lead)."""
        top = int(self.scroll_y)
        if not self.rows:
            return -1
        return self.rows[min(top, len(self.rows) - 1)].section

    def section_of_offset(self, offset: int) -> int:
        sections = [s for s in self.article.sections if s.heading is not None]
        starts = [s.start for s in sections]
        return bisect_right(starts, offset) - 1

    def is_collapsed(self, section: int) -> bool:
        return section in self.collapsed

    def focused_section(self) -> int:
        """The section under the cursor if its heading is on screen, else the one at the top."""
        row = self.heading_row(self.cursor_section)
        top = int(self.scroll_y)
        if row is not None and top <= row < top + self.scrollable_content_region.height:
            return self.cursor_section
        return self.section_at_top()

    # -- actions used by the screen ---------------------------------------------------------------

    def set_spans(self, spans: Sequence[Span]) -> None:
        self._spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._span_starts = [s.start for s in self._spans]
        self._longest_span = max((s.end - s.start for s in self._spans), default=0)
        self._strips.clear()
        self.refresh()

    def set_notes(self, notes: Sequence[tuple[int, int, str]]) -> None:
        """Margin notes shown as a tooltip when the mouse is over their span (who said it)."""
        self._notes = sorted(notes)

    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset under a screen cell of the view, if it shows text."""
        index = int(self.scroll_y) + y
        if not 0 <= index < len(self.rows):
            return None
        row = self.rows[index]
        if row.kind in ("blank", "date"):
            return None
        margin = max((self.scrollable_content_region.width - self._width) // 2, 1)
        column = x - margin - (2 if row.kind in ("heading", "caption", "video") else 0)
        if column < 0:
            return None
        return min(row.start + column, row.end)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        offset = self.offset_at(event.x, event.y)
        note = None
        if offset is not None:
            note = next((n for s, e, n in self._notes if s <= offset < e), None)
        if note != self._note:
            self._note = note
            self.tooltip = Text(visible(note)) if note is not None else None

    def _lay_out_to(self, offset: int) -> None:
        """Make sure the partial layout of a big article reaches ``offset``."""
        if not self.complete and self.rows and offset >= self.rows[-1].start:
            self.relayout(keep_offset=offset)

    def go_to_section(self, section: int) -> None:
        if not 0 <= section < self.section_count:
            return
        headed = [s for s in self.article.sections if s.heading is not None]
        self._lay_out_to(headed[section].start)
        self.cursor_section = section
        row = self.heading_row(section)
        if row is not None:
            self.scroll_to(y=row, animate=False)
        self._strips.clear()
        self.refresh()

    def go_to_offset(self, offset: int) -> None:
        """Expand the section holding ``offset`` and show its line a third down the view."""
        section = self.section_of_offset(offset)
        if section in self.collapsed:
            self.collapsed.discard(section)
            self.relayout()
        self._lay_out_to(offset)
        row = self.row_of(offset)
        self.scroll_to(y=max(row - self.scrollable_content_region.height // 3, 0), animate=False)

    def set_collapsed(self, section: int, collapsed: bool) -> None:
        if collapsed == (section in self.collapsed):
            return
        if collapsed:
            self.collapsed.add(section)
        else:
            self.collapsed.discard(section)
        # Keep the toggled heading on the same screen line.
        row = self.heading_row(section)
        above = row - int(self.scroll_y) if row is not None else 0
        heading = [s for s in self.article.sections if s.heading is not None][section]
        self.relayout(keep_offset=heading.start)
        row = self.heading_row(section)
        if row is not None:
            self.scroll_to(y=max(row - above, 0), animate=False)

    def toggle(self, section: int) -> None:
        self.set_collapsed(section, section not in self.collapsed)

    def set_all_collapsed(self, collapsed: bool) -> None:
        top = self.offset_at_top()
        self.collapsed = set(range(self.section_count)) if collapsed else set()
        self.relayout(keep_offset=top)

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_y) + event.y
        if 0 <= index < len(self.rows) and self.rows[index].kind == "heading":
            section = self.rows[index].section
            self.cursor_section = section
            self.toggle(section)

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    # -- drawing --------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        if self._width != self.text_width:
            # Lay out in the very frame that first shows the view: no empty frame first.
            self.relayout()
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, self.rich_style)
        key = (index, width)
        cached = self._strips.get(key)
        if cached is None:
            cached = self._render_row(self.rows[index], width)
            self._strips[key] = cached
        if not self._painted:
            self._painted = True
            self.post_message(self.Painted())
        return cached

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"article-view--{name}", partial=True)

    def _render_row(self, row: Row, width: int) -> Strip:
        base = self.rich_style
        margin = max((width - self._width) // 2, 1)
        text = self._row_text(row)
        segments = [
            Segment(" " * margin, base),
            *Segment.apply_style(text.render(self.app.console), style=base),
        ]
        return Strip(segments).adjust_cell_length(width, base).simplify()

    def _row_text(self, row: Row) -> Text:
        article = self.article
        if row.kind == "blank":
            return Text("")
        if row.kind == "date":
            when = german_date(article.date) if article.date else "date unknown"
            return Text(when, style=self._style("date"), end="")
        raw = article.text[row.start : row.end].rstrip()
        body = Text(visible(raw), end="")
        for span in self._spans_in(row.start, row.start + len(raw)):
            body.stylize(self._style(span.style), span.start - row.start, span.end - row.start)
        if row.kind == "title":
            body.stylize(self._style("title"))
            return body
        if row.kind == "heading":
            collapsed = row.section in self.collapsed
            marker = ("▶ " if collapsed else "▼ ") if row.first else "  "
            style = self._style("heading")
            if self.has_focus and row.section == self.cursor_section:
                style += self._style("cursor")
            body.stylize(style)
            return Text(marker, style=style, end="").append_text(body)
        if row.kind in PREFIX:
            body.stylize(self._style("caption"))
            marker = FIRST_PREFIX[row.kind] if row.first else PREFIX[row.kind]
            return Text(marker, style=self._style("caption"), end="").append_text(body)
        return body

    def _spans_in(self, start: int, end: int) -> list[Span]:
        first = bisect_left(self._span_starts, start - self._longest_span)
        last = bisect_left(self._span_starts, end)
        return [s for s in self._spans[first:last] if s.end > start and s.start < end]
