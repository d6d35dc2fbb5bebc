"""The library screen: every article of a folder, filled in as the analysis arrives."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from rapidfuzz import fuzz, process
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, ProgressBar, Static
from textual.worker import get_current_worker

from reader.analysis import Analysis
from reader.library import ArticleInfo, people_across
from reader.source import ArticleError, Source, read_source
from reader.ui.widgets.safe_text import literal

FILTER_CUTOFF = 55
# Results reach the table at most this often: a cached library would flood it otherwise.
POST_INTERVAL = 0.1


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

    class OpenArticle(Message):
        """Ask the app to open article ``index`` (optionally at an entity's first mention)."""

        def __init__(self, index: int, entity_id: str | None = None) -> None:
            self.index = index
            self.entity_id = entity_id
            super().__init__()

    def __init__(
        self,
        infos: list[ArticleInfo],
        analyze_many: Callable[[Iterable[Source]], Iterable[Analysis]],
    ) -> None:
        super().__init__()
        self.infos = infos
        self.analyze_many = analyze_many
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
        """Analyse every article in one batched stream; results go to the UI in bursts."""
        worker = get_current_worker()
        generation = self.generation
        results: list[tuple[int, Analysis | None, str | None]] = []
        handled: set[int] = set()
        last_post = time.monotonic()

        def add(index: int, analysis: Analysis | None, error: str | None) -> None:
            nonlocal last_post
            results.append((index, analysis, error))
            handled.add(index)
            if time.monotonic() - last_post > POST_INTERVAL:
                self.post_message(self.ArticlesAnalysed(list(results), generation))
                results.clear()
                last_post = time.monotonic()

        order: deque[int] = deque()

        def sources() -> Iterator[Source]:
            for index, info in enumerate(self.infos):
                if worker.is_cancelled:
                    return
                if info.error or info.analysis is not None:
                    add(index, info.analysis, info.error)
                    continue
                try:
                    source = self.source_of(info)
                except ArticleError as error:
                    add(index, None, str(error))
                    continue
                if source is None:
                    add(index, None, None)
                    continue
                order.append(index)
                yield source

        try:
            for analysis in self.analyze_many(sources()):
                add(order.popleft(), analysis, None)
        except Exception as error:  # shown in the table, never a traceback
            # Every article not done yet gets the error, those not even read so far included.
            for index in range(len(self.infos)):
                if index not in handled:
                    add(index, None, str(error))
        self.post_message(self.ArticlesAnalysed(list(results), generation))

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
            self.query_one("#library-status", Static).update(self.analysed_status())
            self.query_one(ProgressBar).display = False

    def analysed_status(self) -> str:
        return f"{len(self.infos)} articles analysed · p: people across the library"

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
