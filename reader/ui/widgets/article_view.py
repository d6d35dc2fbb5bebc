"""The article column: title, lead and sections as collapsible blocks, with highlights."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Collapsible, Static

from reader.article import Article, Block, Section
from reader.ui.widgets.safe_text import literal

KIND_LABELS = {"caption": "▣ ", "video": "▶ "}
MONTHS = (
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
)


def german_date(day: date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True, slots=True)
class Span:
    """A styled range of article offsets."""

    start: int
    end: int
    style: str


class BlockView(Static):
    """One paragraph, caption or video teaser; restyles itself when highlights change."""

    def __init__(self, block: Block) -> None:
        super().__init__(classes=f"block -{block.kind}")
        self.block = block
        self._spans: tuple[Span, ...] = ()

    def on_mount(self) -> None:
        self.update(self.render_text())

    def render_text(self):  # noqa: ANN201 - a Rich Text
        text = literal(self.block.text)
        offset = self.block.start
        for span in self._spans:
            start = max(span.start, self.block.start) - offset
            end = min(span.end, self.block.end) - offset
            if start < end:
                text.stylize(span.style, start, end)
        label = KIND_LABELS.get(self.block.kind)
        if label:
            text = literal(label, "bold").append_text(text)
        return text

    def set_spans(self, spans: Sequence[Span]) -> None:
        mine = tuple(s for s in spans if s.start < self.block.end and s.end > self.block.start)
        if mine != self._spans:
            self._spans = mine
            if self.is_mounted:
                self.update(self.render_text())

    def line_of(self, offset: int) -> int:
        """The wrapped line (0-based) on which the character at ``offset`` is shown."""
        width = max(self.content_region.width, 1)
        plain_offset = offset - self.block.start + len(KIND_LABELS.get(self.block.kind, ""))
        lines = self.render_text().wrap(self.app.console, width)
        position = 0
        for number, line in enumerate(lines):
            # Wrapping drops the space at each break; count it back.
            position += len(line.plain) + 1
            if plain_offset < position:
                return number
        return max(len(lines) - 1, 0)


class SectionView(Collapsible):
    """A section: its heading is the title, its blocks the contents; expanded at start."""

    def __init__(self, section: Section, index: int) -> None:
        super().__init__(
            *(BlockView(block) for block in section.blocks),
            title=Content(section.heading or ""),
            collapsed=False,
            id=f"section-{index}",
            classes="section",
        )
        self.section = section
        self.index = index

    def _watch_collapsed(self, collapsed: bool) -> None:
        # Unlike Collapsible, do not scroll: "expand all" must leave the reader where they are.
        self._update_collapsed(collapsed)
        self.post_message(self.Collapsed(self) if collapsed else self.Expanded(self))


class ArticleView(VerticalScroll, can_focus=True):
    """The scrollable article column (readable width, centred)."""

    class SectionChanged(Message):
        """The section at the top of the view changed."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article
        self.current_section = 0

    def compose(self) -> ComposeResult:
        article = self.article
        yield Static(literal(article.title or "(untitled)"), id="title", classes="title")
        when = german_date(article.date) if article.date else "date unknown"
        yield Static(literal(when), id="dateline", classes="dateline")
        index = 0
        for section in article.sections:
            if section.heading is None:
                yield from (BlockView(block) for block in section.blocks)
                continue
            yield SectionView(section, index)
            index += 1

    # -- queries -----------------------------------------------------------------------------

    @property
    def sections(self) -> list[SectionView]:
        return list(self.query(SectionView))

    def blocks(self) -> Iterable[BlockView]:
        return self.query(BlockView)

    def block_at(self, offset: int) -> BlockView | None:
        for view in self.blocks():
            if view.block.start <= offset < view.block.end:
                return view
        return None

    def section_at_top(self) -> int:
        """Index of the last section whose top is at or above the top of the view."""
        top = self.scroll_y
        found = 0
        for view in self.sections:
            if view.virtual_region.y <= top + 1:
                found = view.index
        return found

    # -- actions used by the screen ------------------------------------------------------------

    def set_spans(self, spans: Sequence[Span]) -> None:
        for view in self.blocks():
            view.set_spans(spans)

    def go_to_section(self, index: int) -> None:
        sections = self.sections
        if not sections:
            return
        index = max(0, min(index, len(sections) - 1))
        self.current_section = index
        view = sections[index]
        view.query_one("CollapsibleTitle").focus(scroll_visible=False)
        self.scroll_to(y=view.virtual_region.y, animate=False)
        self.post_message(self.SectionChanged(index))

    def go_to_offset(self, offset: int) -> None:
        """Expand the section that holds ``offset`` and show that line near the top third."""
        view = self.block_at(offset)
        if view is None:
            return
        for section in self.sections:
            if section.section.start <= offset <= section.section.end and section.collapsed:
                section.collapsed = False
        self.call_after_refresh(self._scroll_to_line, view, offset)

    def _scroll_to_line(self, view: BlockView, offset: int) -> None:
        line = view.line_of(offset)
        region = view.virtual_region
        target = Region(region.x, region.y + line, region.width, 1)
        self.scroll_to(y=max(target.y - self.size.height // 3, 0), animate=False)

    def set_all_collapsed(self, collapsed: bool) -> None:
        for view in self.sections:
            view.collapsed = collapsed

    def toggle_current(self) -> None:
        sections = self.sections
        if sections:
            view = sections[min(self.current_section, len(sections) - 1)]
            view.collapsed = not view.collapsed
