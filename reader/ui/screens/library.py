"""The library screen: every article of a folder, filled in as the analysis arrives."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Protocol

from rapidfuzz import fuzz, process
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, ProgressBar, Static
from textual.worker import get_current_worker

from reader.library import ArticleInfo, people_across
from reader.model import Analysis, Progress
from reader.source import ArticleError, Source, read_source
from reader.ui.widgets.safe_text import literal

FILTER_CUTOFF = 55
# Results reach the table at most this often: a cached library would flood it otherwise.
POST_INTERVAL = 0.1
# Articles longer than this (characters) are analysed after all the others, one at a time,
# with the progress bar moving inside each: one huge file must not hold up the whole table.
BIG_ARTICLE = 256 * 1024


class BatchAnalyzer(Protocol):
    """Analyses of many sources, in order; ``progress`` hears the characters read so far."""

    def __call__(
        self, sources: Iterable[Source], progress: Progress | None = None
    ) -> Iterable[Analysis]: ...


class _Cancelled(Exception):
    """Raised from the progress callback to stop the pipeline when the screen goes away."""


class LibraryScreen(Screen[None]):
    """A table of articles, newest first; `/` filters, enter opens, `p` lists the people."""

    BINDINGS = [
        Binding("slash", "filter", "Filter", id="library-filter"),
        Binding("p", "people", "People", id="library-people"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="library-clear"),
    ]

    class ArticlesAnalysed(Message):
        """A burst of results: (article index, analysis or None, error or None)."""

        def __init__(
            self, results: list[tuple[int, Analysis | None, str | None]], generation: int
        ) -> None:
            self.results = results
            self.generation = generation  # of the rows: results for rows since replaced are late
            super().__init__()

    class ArticleProgress(Message):
        """How far the analysis of article ``index`` (a big one) has come, from 0 to 1."""

        def __init__(self, index: int, fraction: float) -> None:
            self.index = index
            self.fraction = fraction
            super().__init__()

    class OpenArticle(Message):
        """Ask the app to open article ``index`` (optionally at an entity's first mention)."""

        def __init__(self, index: int, entity_id: str | None = None) -> None:
            self.index = index
            self.entity_id = entity_id
            super().__init__()

    def __init__(
        self,
        infos: list[ArticleInfo],
        analyze_many: BatchAnalyzer,
        analyze_parallel: BatchAnalyzer | None = None,
    ) -> None:
        super().__init__()
        self.infos = infos
        self.analyze_many = analyze_many  # in this process, with progress inside an article
        self.analyze_parallel = analyze_parallel  # several processes, for the ordinary articles
        self.shown: list[int] = list(range(len(infos)))
        self.done = 0
        self.generation = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter by title, person, date…", id="library-filter")
        yield DataTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="library-status")
        yield ProgressBar(total=len(self.infos), show_eta=False, id="library-progress")
        yield Footer()

    def on_mount(self) -> None:
        self.show_counts()
        self.query_one("#library-filter").display = False
        table = self.query_one(DataTable)
        self.add_columns(table)
        self._fill()
        table.focus()
        self.start_analysis()

    def show_counts(self) -> None:
        self.title = "Library"
        self.sub_title = f"{len(self.infos)} articles"

    def add_columns(self, table: DataTable[object]) -> None:
        table.add_column("Date", key="date", width=10)
        table.add_column("Title", key="title", width=56)
        table.add_column("§", key="sections", width=3)
        table.add_column("People", key="people", width=48)

    def start_analysis(self) -> None:
        """Analyse what is not analysed yet (again after new rows arrive)."""
        self.done = 0
        self.generation += 1
        progress = self.query_one(ProgressBar)
        progress.update(total=len(self.infos), progress=0)
        progress.display = bool(self.infos)
        self.query_one("#library-status", Static).update("Analysing the library…")
        self.analyse_all()

    def source_of(self, info: ArticleInfo) -> Source | None:
        """The article of a row, read for its analysis; None when there is none to read yet."""
        return read_source(info.path)

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for index in self.shown:
            info = self.infos[index]
            table.add_row(*self._cells(info), key=str(index))

    def _cells(self, info: ArticleInfo) -> tuple[object, ...]:
        day = info.date.isoformat() if info.date else "—"
        return (day, literal(info.title), str(info.sections), self.people_cell(info))

    def people_cell(self, info: ArticleInfo) -> object:
        people = info.error or ", ".join(info.top_people()) or ("…" if not info.analysis else "")
        return literal(people, "dim")

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def analyse_all(self) -> None:
        """Analyse the ordinary articles in one stream (in several processes where there are
        any), then each big one on its own, here, with progress inside it; results go to the
        UI in bursts."""
        results = _Results(self, self.generation)
        waiting: list[int] = []
        for index, info in enumerate(self.infos):
            if info.error or info.analysis is not None:
                results.add(index, info.analysis, info.error)
            else:
                waiting.append(index)
        ordinary = [i for i in waiting if self.infos[i].size <= BIG_ARTICLE]
        # One article alone is not worth starting processes for.
        parallel = self.analyze_parallel if len(ordinary) > 1 else None
        self._analyse(ordinary, results, parallel or self.analyze_many)
        for index in sorted(
            (i for i in waiting if self.infos[i].size > BIG_ARTICLE),
            key=lambda i: self.infos[i].size,
        ):
            if get_current_worker().is_cancelled:
                return
            self._analyse([index], results, self.analyze_many, big=True)
        results.flush()

    def _analyse(
        self, indices: list[int], results: _Results, analyze: BatchAnalyzer, big: bool = False
    ) -> None:
        """Analyse ``indices`` in one stream with ``analyze`` (runs in the worker thread)."""
        worker = get_current_worker()
        order: deque[int] = deque()

        def sources() -> Iterator[Source]:
            for index in indices:
                if worker.is_cancelled:
                    return
                try:
                    source = self.source_of(self.infos[index])
                except ArticleError as error:
                    results.add(index, None, str(error))
                    continue
                if source is None:
                    results.add(index, None, None)
                    continue
                order.append(index)
                yield source

        def progress(done: int) -> None:
            # Called inside the pipeline after each batch, or while a result from another
            # process is awaited: the way to stop in the middle of one.
            if worker.is_cancelled:
                raise _Cancelled
            if big:
                fraction = min(done / max(self.infos[indices[0]].size, 1), 0.99)
                results.progress(indices[0], fraction)

        try:
            for analysis in analyze(sources(), progress):
                if worker.is_cancelled:
                    return
                results.add(order.popleft(), analysis, None)
        except Exception as error:  # shown in the table, never a traceback
            if worker.is_cancelled:
                return
            # Every article of this stream not done yet gets the error, unread ones included.
            for index in indices:
                if index not in results.handled:
                    results.add(index, None, str(error))

    @on(ArticlesAnalysed)
    def _analysed(self, message: ArticlesAnalysed) -> None:
        if message.generation != self.generation:
            return
        table = self.query_one(DataTable)
        for index, analysis, error in message.results:
            info = self.infos[index]
            info.analysis = analysis
            info.error = info.error or error
            self.done += 1
            if str(index) in table.rows:
                table.update_cell(str(index), "people", self.people_cell(info))
        self.query_one(ProgressBar).update(progress=self.done)
        if self.done >= len(self.infos):
            self.query_one("#library-status", Static).update(literal(self.analysed_status()))
            self.query_one(ProgressBar).display = False

    @on(ArticleProgress)
    def _progress(self, message: ArticleProgress) -> None:
        self.query_one(ProgressBar).update(progress=self.done + message.fraction)
        title = self.infos[message.index].title
        status = f"Analysing the big article “{title}”: {message.fraction:.0%}"
        self.query_one("#library-status", Static).update(literal(status))

    def analysed_status(self) -> str:
        """The status line once every article is done."""
        analysed = sum(1 for info in self.infos if info.analysis is not None)
        skipped = sum(1 for info in self.infos if info.skipped)
        unreadable = len(self.infos) - analysed - skipped
        parts = [f"{analysed} article{'s' if analysed != 1 else ''} analysed"]
        if unreadable:
            parts.append(f"{unreadable} unreadable")
        if skipped:
            parts.append(f"{skipped} file{'s' if skipped != 1 else ''} skipped")
        return " · ".join([*parts, "p: people across the library"])

    # -- actions --------------------------------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#library-filter", Input)
        box.display = True
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#library-filter", Input)
        box.value = ""
        box.display = False
        self.query_one(DataTable).focus()

    @on(Input.Changed, "#library-filter")
    def _filter(self, event: Input.Changed) -> None:
        needle = event.value.strip()
        if not needle:
            self.shown = list(range(len(self.infos)))
        else:
            haystack = [
                " ".join([i.title, i.date.isoformat() if i.date else "", *i.top_people(10)])
                for i in self.infos
            ]
            found = process.extract(
                needle,
                haystack,
                scorer=fuzz.partial_ratio,
                limit=None,
                score_cutoff=FILTER_CUTOFF,
            )
            keep = {index for _, _, index in found}
            self.shown = [i for i in range(len(self.infos)) if i in keep]
        self._fill()

    @on(Input.Submitted, "#library-filter")
    def _submitted(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        self.open_row(int(event.row_key.value or 0))

    def open_row(self, index: int, entity_id: str | None = None) -> None:
        """Open article ``index`` (the app reads it and shows it)."""
        self.post_message(self.OpenArticle(index, entity_id))

    def order(self) -> list[int]:
        """The articles in the order the table shows them (for next/previous article)."""
        return list(self.shown)

    def action_people(self) -> None:
        from reader.ui.screens.people import PeopleScreen

        people = people_across([info.analysis for info in self.infos])
        self.app.push_screen(PeopleScreen(people, self.infos), self._person_chosen)

    def _person_chosen(self, choice: tuple[int, str] | None) -> None:
        if choice is not None:
            self.open_row(*choice)


class _Results:
    """What the library worker has found, posted to the screen at most every POST_INTERVAL."""

    def __init__(self, screen: LibraryScreen, generation: int) -> None:
        self.screen = screen
        self.generation = generation
        self.pending: list[tuple[int, Analysis | None, str | None]] = []
        self.handled: set[int] = set()
        self.last_post = time.monotonic()
        self.shown: tuple[int, float] = (-1, 0.0)  # the progress last posted

    def add(self, index: int, analysis: Analysis | None, error: str | None) -> None:
        self.pending.append((index, analysis, error))
        self.handled.add(index)
        if self._due():
            self.flush()

    def progress(self, index: int, fraction: float) -> None:
        """Post every percent of progress (a big article's passages come slowly)."""
        shown_index, shown_fraction = self.shown
        if index == shown_index and fraction - shown_fraction < 0.01:
            return
        self.flush()  # the articles done before, then how far this one is
        self.screen.post_message(LibraryScreen.ArticleProgress(index, fraction))
        self.shown = (index, fraction)

    def flush(self) -> None:
        if self.pending:
            message = LibraryScreen.ArticlesAnalysed(list(self.pending), self.generation)
            self.screen.post_message(message)
        self.pending.clear()
        self.last_post = time.monotonic()

    def _due(self) -> bool:
        return time.monotonic() - self.last_post > POST_INTERVAL
