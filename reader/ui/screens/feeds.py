"""The feed library: the items of one or many feeds, newest first, as rows of the library.

`enter` fetches an item's page (in a worker) and opens it; `r` refreshes every feed in a worker
with progress. Items opened are marked read. Nothing here touches the network unless the user
presses one of those keys.
"""

from __future__ import annotations

from typing import cast

from textual import on, work
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Input, ProgressBar, Static
from textual.worker import get_current_worker

from reader.library import ArticleInfo
from reader.source import ArticleError, Source
from reader.ui.screens.library import BatchAnalyzer, LibraryScreen
from reader.ui.widgets.safe_text import literal
from reader.web.feeds import FeedItem
from reader.web.session import FeedSession, Refreshed, label

MAX_ERRORS_SHOWN = 3


class FeedScreen(LibraryScreen):
    """Feed items with their date, source and people; enter reads, r refreshes."""

    BINDINGS = [
        Binding("r", "refresh", "Refresh", id="feeds-refresh"),
    ]

    class RefreshProgress(Message):
        def __init__(self, done: int, location: str) -> None:
            self.done = done
            self.location = location
            super().__init__()

    class FeedsRefreshed(Message):
        def __init__(self, found: Refreshed) -> None:
            self.found = found
            super().__init__()

    class PageFetched(Message):
        def __init__(self, index: int, source: Source, entity_id: str | None) -> None:
            self.index = index
            self.source = source
            self.entity_id = entity_id
            super().__init__()

    class PageFailed(Message):
        def __init__(self, index: int, error: str) -> None:
            self.index = index
            self.error = error
            super().__init__()

    def __init__(
        self,
        session: FeedSession,
        analyze_many: BatchAnalyzer,
        analyze_parallel: BatchAnalyzer | None = None,
    ) -> None:
        super().__init__(cast("list[ArticleInfo]", session.items), analyze_many, analyze_parallel)
        self.session = session
        self.reanalyse = False  # an item was opened: its analysis may be in the cache now

    def on_mount(self) -> None:
        # LibraryScreen.on_mount runs too (Textual calls each class's handler).
        if self.session.notice:
            self.notify(self.session.notice, severity="warning", markup=False)

    def show_counts(self) -> None:
        self.title = "Feeds"
        feeds = len(self.session.locations)
        self.sub_title = f"{len(self.infos)} items · {feeds} feed{'s' if feeds != 1 else ''}"

    def item(self, index: int) -> FeedItem:
        return self.session.items[index]

    # -- rows ------------------------------------------------------------------------------------

    def add_columns(self, table: DataTable[object]) -> None:
        table.add_column("", key="read", width=1)
        table.add_column("Date", key="date", width=16)
        table.add_column("Title", key="title", width=54)
        table.add_column("Source", key="source", width=20)
        table.add_column("People", key="people", width=40)

    def _cells(self, info: ArticleInfo) -> tuple[object, ...]:
        item = cast(FeedItem, info)
        when = item.published.astimezone().strftime("%Y-%m-%d %H:%M") if item.published else "—"
        mark = literal("" if item.read else "●", "bold")
        title = literal(item.title, "dim" if item.read else "bold")
        return (mark, when, title, literal(item.source, "dim"), self.people_cell(item))

    def people_cell(self, info: ArticleInfo) -> object:
        if cast(FeedItem, info).fetched or info.error:
            return super().people_cell(info)
        return literal("")  # the page was never fetched: nothing to analyse yet

    def _update_row(self, index: int) -> None:
        table = self.query_one(DataTable)
        if str(index) not in table.rows:
            return
        for key, cell in zip(
            ("read", "date", "title", "source", "people"),
            self._cells(self.item(index)),
            strict=True,
        ):
            table.update_cell(str(index), key, cell)

    def source_of(self, info: ArticleInfo) -> Source | None:
        return self.session.cached_page(cast(FeedItem, info))

    def analysed_status(self) -> str:
        parts = [f"{len(self.infos)} items", "enter: read", "r: refresh", "p: people"]
        waiting = len(self.session.never_fetched)
        if waiting:
            parts.insert(1, f"{waiting} feed{'s' if waiting != 1 else ''} never fetched")
        if self.session.errors:
            parts.insert(1, f"{len(self.session.errors)} failed")
        return " · ".join(parts)

    # -- opening an item -------------------------------------------------------------------------

    def open_row(self, index: int, entity_id: str | None = None) -> None:
        item = self.item(index)
        if item.path in self.session.pages:
            self._open_fetched(index, entity_id)
            return
        self.query_one("#library-status", Static).update(literal(f"Fetching {item.title}…"))
        self.fetch_page(index, entity_id)

    @work(thread=True, exclusive=True, group="feeds-page", exit_on_error=False)
    def fetch_page(self, index: int, entity_id: str | None) -> None:
        worker = get_current_worker()
        item = self.item(index)
        try:
            source = self.session.fetch_page(item)
        except ArticleError as error:
            if not worker.is_cancelled:
                self.post_message(self.PageFailed(index, str(error)))
            return
        if not worker.is_cancelled:
            self.post_message(self.PageFetched(index, source, entity_id))

    @on(PageFetched)
    def _page_fetched(self, message: PageFetched) -> None:
        item = self.item(message.index)
        if item.path != message.source.path:  # the rows changed in between (a refresh)
            return
        self.session.pages[item.path] = message.source
        item.fetched = True
        item.error = None
        self.query_one("#library-status", Static).update(self.analysed_status())
        if message.source.origin is not None and message.source.origin.note:
            self.notify(message.source.origin.note, severity="warning", markup=False)
        self._open_fetched(message.index, message.entity_id)

    @on(PageFailed)
    def _page_failed(self, message: PageFailed) -> None:
        item = self.item(message.index)
        if message.error.startswith(item.path):  # shown in its row, without the long link
            item.error = message.error.removeprefix(f"{item.path}: ")
            self._update_row(message.index)
        self.query_one("#library-status", Static).update(self.analysed_status())
        self.notify(message.error, title="Cannot open", severity="error", markup=False)

    def _open_fetched(self, index: int, entity_id: str | None) -> None:
        self.session.mark_read(self.item(index))
        self._update_row(index)
        self.reanalyse = True
        self.post_message(self.OpenArticle(index, entity_id))

    def on_screen_resume(self) -> None:
        if self.reanalyse:  # what was read is analysed now (or soon): fill its row in
            self.reanalyse = False
            self.start_analysis()

    # -- refresh ---------------------------------------------------------------------------------

    def action_refresh(self) -> None:
        if any(w.group == "feeds-refresh" and w.is_running for w in self.workers):
            self.notify("Already refreshing")
            return
        self.workers.cancel_group(self, "library")  # the analysis of the rows about to change
        progress = self.query_one(ProgressBar)
        progress.update(total=len(self.session.locations), progress=0)
        progress.display = True
        self.refresh_feeds()

    @work(thread=True, exclusive=True, group="feeds-refresh", exit_on_error=False)
    def refresh_feeds(self) -> None:
        worker = get_current_worker()

        def progress(done: int, location: str) -> None:
            self.post_message(self.RefreshProgress(done, location))

        found = self.session.refresh(progress, cancelled=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.post_message(self.FeedsRefreshed(found))

    @on(RefreshProgress)
    def _refresh_progress(self, message: RefreshProgress) -> None:
        self.query_one(ProgressBar).update(progress=message.done)
        if message.location:
            count = len(self.session.locations)
            self.query_one("#library-status", Static).update(
                literal(f"Refreshing {label(message.location)} ({message.done + 1}/{count})…")
            )

    @on(FeedsRefreshed)
    def _refreshed(self, message: FeedsRefreshed) -> None:
        self.session.apply(message.found)
        box = self.query_one("#library-filter", Input)
        box.value = ""
        box.display = False
        self.shown = list(range(len(self.infos)))
        self._fill()
        self.query_one(DataTable).focus()
        self.show_counts()
        for location, error in list(message.found.errors.items())[:MAX_ERRORS_SHOWN]:
            self.notify(error, title=label(location), severity="warning", markup=False)
        self.start_analysis()
