"""The article screen: the article column, the entity/quote sidebar and all reading keys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from reader.article import parse_article
from reader.safe_text import visible
from reader.source import Source
from reader.state import ReadingState, StateStore
from reader.ui.widgets.article_view import ArticleView, Span

if TYPE_CHECKING:
    from reader.model import Analysis, Entity, Quote
    from reader.search import SearchIndex
    from reader.ui.widgets.entity_pane import EntityPane
    from reader.ui.widgets.quote_pane import QuotePane
    from reader.ui.widgets.sidebar import Sidebar

QUOTE_STYLE = "quote"
Analyzer = Callable[[Source], "Analysis"]
MENTION_STYLE = "mention"
NARROW = 80  # columns below which the sidebar starts hidden
CURRENT_STYLE = "current"


def quote_note(quote: Quote) -> str:
    said = "said" if quote.kind == "direct" else "reported"
    cue = f" ({quote.cue})" if quote.cue else ""
    return f"{quote.speaker_name or 'unknown speaker'} {said}{cue}"


@dataclass(frozen=True, slots=True)
class Target:
    """Where `n`/`N` go: the mentions of an entity, or the spans of one search match."""

    label: str
    spans: tuple[tuple[int, int], ...]
    entity_id: str | None = None
    is_entity: bool = False  # the spans are that entity's mentions (not a quote or a hit)


class ArticleScreen(Screen[None]):
    """Read one article; its analysis arrives from a worker after the first paint."""

    BINDINGS = [
        Binding("j,down", "scroll('down')", "Down", show=False, id="article-scroll-down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="article-scroll-up"),
        Binding("space", "scroll('page_down')", "Page down", show=False, id="article-page-down"),
        Binding("b", "scroll('page_up')", "Page up", show=False, id="article-page-up"),
        Binding("g,home", "scroll('home')", "Top", show=False, id="article-top"),
        Binding("G,end", "scroll('end')", "Bottom", show=False, id="article-bottom"),
        Binding("right_square_bracket", "section(1)", "Next section", id="article-next-section"),
        Binding(
            "left_square_bracket", "section(-1)", "Prev section", id="article-previous-section"
        ),
        Binding("enter,o", "toggle_section", "Toggle section", id="article-toggle-section"),
        Binding("e", "collapse_all(True)", "Collapse all", show=False, id="article-collapse-all"),
        Binding("E", "collapse_all(False)", "Expand all", show=False, id="article-expand-all"),
        Binding("n", "mention(1)", "Next mention", id="article-next-mention"),
        Binding("N", "mention(-1)", "Prev mention", show=False, id="article-previous-mention"),
        Binding("greater_than_sign", "quote(1)", "Next quote", id="article-next-quote"),
        Binding(
            "less_than_sign", "quote(-1)", "Prev quote", show=False, id="article-previous-quote"
        ),
        Binding("slash", "search", "Search", id="article-search"),
        Binding("s", "toggle_sidebar", "Sidebar", id="article-toggle-sidebar"),
        Binding("tab", "switch_focus", "Sidebar ⇄ article", show=False, id="article-switch-focus"),
        Binding("escape", "clear", "Clear highlight / back", show=False, id="article-clear"),
        Binding(
            "right_parenthesis",
            "neighbour(1)",
            "Next article",
            show=False,
            id="article-next-article",
        ),
        Binding(
            "left_parenthesis",
            "neighbour(-1)",
            "Previous article",
            show=False,
            id="article-previous-article",
        ),
    ]

    sidebar_visible: reactive[bool] = reactive(True)
    status: reactive[str] = reactive("")

    class AnalysisReady(Message):
        def __init__(self, analysis: Analysis) -> None:
            self.analysis = analysis
            super().__init__()

    class SearchReady(Message):
        def __init__(self, index: SearchIndex) -> None:
            self.index = index
            super().__init__()

    class AnalysisFailed(Message):
        def __init__(self, error: str) -> None:
            self.error = error
            super().__init__()

    class NeighbourRequested(Message):
        """Open the next (+1) or previous (-1) article of the library."""

        def __init__(self, step: int) -> None:
            self.step = step
            super().__init__()

    def __init__(
        self,
        source: Source,
        analyzer: Analyzer,
        *,
        state: StateStore | None = None,
        entity_id: str | None = None,
        in_library: bool = False,
    ) -> None:
        super().__init__()
        self.source = source
        self.analyzer = analyzer
        self.state = state
        self.saved = state.get(source.text) if state is not None else ReadingState()
        self.initial_entity = entity_id
        self.in_library = in_library
        self.article = parse_article(source.text)
        self._view = ArticleView(self.article, id="article")
        if self.saved.offset or self.saved.collapsed:
            self._view.collapsed = set(self.saved.collapsed) & set(range(self._view.section_count))
            self._view.pending_offset = self.saved.offset
        self.analysis: Analysis | None = None
        self.search_index: SearchIndex | None = None  # built once, by the analysis worker
        self.target: Target | None = None
        self.target_index = -1
        self.quote_index = -1

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield self._view
            yield Vertical(id="sidebar")
        yield Static("", id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = visible(self.article.title) or "(untitled)"
        day = self.article.date.isoformat() if self.article.date else "date unknown"
        parts = [day]
        origin = self.source.origin
        if origin is not None:  # a web page: its site and author, and a note when offline
            parts += [origin.note or "", origin.byline()]
        parts.append(self.source_notice() or "")
        self.sub_title = visible(" · ".join(part for part in parts if part))
        view = self.article_view
        view.focus()
        self.status = "Analysing entities and quotes…"

    async def on_article_view_painted(self) -> None:
        """The article is on screen: now the sidebar, and spaCy inside the worker."""
        from reader.ui.widgets.sidebar import Sidebar

        holder = self.query_one("#sidebar")
        await holder.mount(Sidebar())
        holder.loading = True
        self.analyse()

    @property
    def sidebar(self) -> Sidebar | None:
        from reader.ui.widgets.sidebar import Sidebar

        found = self.query(Sidebar)
        return found.first() if found else None

    def source_notice(self) -> str | None:
        return self.source.notice

    # -- analysis -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def analyse(self) -> None:
        from reader.search import SearchIndex

        try:
            analysis = self.analyzer(self.source)
        except Exception as error:
            self.post_message(self.AnalysisFailed(f"{type(error).__name__}: {error}"))
            return
        self.post_message(self.AnalysisReady(analysis))
        # The index after the analysis is shown: the sidebar need not wait for it, and `/` on
        # the UI thread need not build it (seconds for a long article).
        if get_current_worker().is_cancelled:
            return
        self.post_message(self.SearchReady(SearchIndex.from_analysis(analysis)))

    @on(AnalysisReady)
    def _ready(self, message: AnalysisReady) -> None:
        self.show_analysis(message.analysis)

    @on(SearchReady)
    def _search_ready(self, message: SearchReady) -> None:
        self.search_index = message.index

    @on(AnalysisFailed)
    def _failed(self, message: AnalysisFailed) -> None:
        self.status = "Analysis failed"
        self.query_one("#sidebar").loading = False
        self.notify(
            visible(message.error),
            title="Analysis failed",
            severity="error",
            timeout=10,
            markup=False,
        )

    def show_analysis(self, analysis: Analysis) -> None:
        self.analysis = analysis
        people = sum(1 for e in analysis.entities if e.label == "PER")
        self.status = (
            f"{people} people, {len(analysis.entities) - people} other entities, "
            f"{len(analysis.quotes)} quotes"
        )
        if self.sidebar is not None:
            self.sidebar.show_analysis(analysis)
        self._restore_entity(analysis)
        self.query_one("#sidebar").loading = False
        self.article_view.set_notes(
            [(q.start, q.end, quote_note(q)) for q in analysis.quotes if q.kind == "direct"]
        )
        self.refresh_spans()

    def _restore_entity(self, analysis: Analysis) -> None:
        """Select the entity asked for (library People view) or remembered from last time."""
        if self.initial_entity is not None:
            entity = analysis.entity(self.initial_entity)
            if entity is not None:
                self.call_after_refresh(self.select_entity, entity)
            return
        if self.saved.entity:
            entity = next((e for e in analysis.entities if e.name == self.saved.entity), None)
            if entity is not None:
                spans = tuple((m.start, m.end) for m in entity.mentions)
                self.target = Target(entity.name, spans, entity.id, is_entity=True)
                self.status = f"{entity.name} · n/N: next/previous mention"

    @property
    def selected_entity_name(self) -> str | None:
        """The entity chosen in the sidebar or by search (a quote's speaker does not count)."""
        if self.target is None or self.target.entity_id is None or self.analysis is None:
            return None
        if not self.target.is_entity:
            return None
        selected = self.analysis.entity(self.target.entity_id)
        return selected.name if selected is not None else None

    def remember(self) -> None:
        """Save reading position, collapsed sections and the selected entity."""
        if self.state is None:
            return
        view = self.article_view
        entity = self.saved.entity  # unchanged unless the analysis arrived and says otherwise
        if self.analysis is not None:
            entity = self.selected_entity_name
        # Before the first layout the view has no top yet: keep the position it will open at.
        offset = view.pending_offset if view.pending_offset is not None else view.offset_at_top()
        self.state.put(self.source.text, ReadingState(offset, sorted(view.collapsed), entity))
        self.state.save()

    def on_unmount(self) -> None:
        self.remember()

    def action_neighbour(self, step: int) -> None:
        self.remember()
        self.post_message(self.NeighbourRequested(step))

    def refresh_spans(self) -> None:
        spans: list[Span] = []
        if self.analysis is not None:
            spans.extend(
                Span(q.start, q.end, QUOTE_STYLE)
                for q in self.analysis.quotes
                if q.kind == "direct"
            )
        if self.target is not None:
            spans.extend(Span(start, end, MENTION_STYLE) for start, end in self.target.spans)
            if 0 <= self.target_index < len(self.target.spans):
                start, end = self.target.spans[self.target_index]
                spans.append(Span(start, end, CURRENT_STYLE))
        self.article_view.set_spans(spans)

    def watch_status(self, status: str) -> None:
        # Names and search hits in the status come from the article: data, not markup.
        self.query_one("#status", Static).update(visible(status))

    def on_resize(self, event: events.Resize) -> None:
        # On a narrow terminal the article comes first; `s` still shows the sidebar.
        if event.size.width < NARROW and self.sidebar_visible:
            self.sidebar_visible = False

    def watch_sidebar_visible(self, visible: bool) -> None:
        self.query_one("#sidebar").display = visible

    # -- navigation -----------------------------------------------------------------------------

    @property
    def article_view(self) -> ArticleView:
        return self._view

    def action_scroll(self, how: str) -> None:
        view = self.article_view
        {
            "down": view.scroll_down,
            "up": view.scroll_up,
            "page_down": view.scroll_page_down,
            "page_up": view.scroll_page_up,
            "home": view.scroll_home,
            "end": view.scroll_end,
        }[how](animate=False)

    def action_section(self, step: int) -> None:
        view = self.article_view
        if not view.section_count:
            self.notify("This article has no sections")
            return
        target = max(0, min(view.focused_section() + step, view.section_count - 1))
        view.go_to_section(target)

    def action_toggle_section(self) -> None:
        """Toggle the section under the cursor, else the one at the top of the view."""
        view = self.article_view
        section = view.focused_section()
        if section < 0:
            self.notify("No section here: press ] to go to the first one")
            return
        view.cursor_section = section
        view.toggle(section)

    def action_collapse_all(self, collapsed: bool) -> None:
        self.article_view.set_all_collapsed(collapsed)

    def action_toggle_sidebar(self) -> None:
        self.sidebar_visible = not self.sidebar_visible
        if not self.sidebar_visible:
            self.article_view.focus()

    def action_switch_focus(self) -> None:
        sidebar = self.query_one("#sidebar")
        focused = self.focused
        in_sidebar = focused is not None and sidebar in focused.ancestors_with_self
        if in_sidebar or not self.sidebar_visible or self.sidebar is None:
            self.article_view.focus()
        else:
            self.sidebar.focus_list()

    def action_clear(self) -> None:
        if self.target is None:
            if self.in_library:
                self.dismiss()
            return
        self.target = None
        self.target_index = -1
        self.status = "Highlight cleared"
        self.refresh_spans()
        if self.analysis is not None and self.sidebar is not None:
            self.sidebar.show_quotes(self.analysis)

    # -- entities, mentions and quotes -------------------------------------------------------------

    def select_entity(self, entity: Entity) -> None:
        spans = tuple((m.start, m.end) for m in entity.mentions)
        self.set_target(Target(entity.name, spans, entity.id, is_entity=True))
        if self.analysis is not None and self.sidebar is not None:
            # The Quotes tab now lists what this person said; escape lists all again.
            self.sidebar.show_quotes(self.analysis, speaker=entity.id)

    def set_target(self, target: Target, index: int = 0) -> None:
        self.target = target
        self.target_index = -1
        self.move_target(0, index)

    def move_target(self, step: int, index: int | None = None) -> None:
        target = self.target
        if target is None or not target.spans:
            self.notify("Select an entity first (sidebar or /)")
            return
        count = len(target.spans)
        self.target_index = (self.target_index + step) % count if index is None else index
        start, _ = target.spans[self.target_index]
        self.status = f"{target.label} · {self.target_index + 1}/{count}"
        self.refresh_spans()
        self.article_view.go_to_offset(start)

    def action_mention(self, step: int) -> None:
        self.move_target(step)

    def action_quote(self, step: int) -> None:
        if self.analysis is None or not self.analysis.quotes:
            self.notify("No quotes in this article" if self.analysis else "Still analysing…")
            return
        count = len(self.analysis.quotes)
        self.quote_index = (self.quote_index + step) % count
        self.show_quote(self.quote_index)

    def show_quote(self, index: int) -> None:
        assert self.analysis is not None
        quote = self.analysis.quotes[index]
        self.quote_index = index
        who = quote.speaker_name or "unknown speaker"
        self.set_target(
            Target(
                f"Quote {index + 1}/{len(self.analysis.quotes)} · {who}",
                ((quote.start, quote.end),),
                quote.speaker,
            )
        )

    def on_entity_pane_entity_selected(self, message: EntityPane.EntitySelected) -> None:
        if self.analysis is None:
            return
        entity = self.analysis.entity(message.entity_id)
        if entity is not None:
            self.select_entity(entity)

    def on_quote_pane_quote_selected(self, message: QuotePane.QuoteSelected) -> None:
        self.show_quote(message.index)

    def action_search(self) -> None:
        if self.search_index is None:
            self.notify("Still analysing… search is ready in a moment")
            return
        from reader.ui.screens.search import SearchModal

        self.app.push_screen(SearchModal(self.search_index), self._search_done)

    def _search_done(self, hit: object) -> None:
        from reader.search import Hit

        if not isinstance(hit, Hit) or self.analysis is None:
            return
        entity = self.analysis.entity(hit.entity_id) if hit.entity_id else None
        if entity is not None and hit.kind not in ("quote", "sentence"):
            self.select_entity(entity)
        else:
            self.set_target(Target(hit.text[:40], ((hit.start, hit.end),), hit.entity_id))
