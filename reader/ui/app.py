"""ReaderApp: global keys, styles and the screens of the reader."""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, cast

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from reader.config import settings
from reader.safe_text import one_line
from reader.source import ArticleError, Source
from reader.state import StateStore
from reader.ui.keys import binding_keys, key_label

if TYPE_CHECKING:
    from reader.library import ArticleInfo
    from reader.model import Analysis, Progress
    from reader.ui.screens.library import BatchAnalyzer, LibraryScreen
    from reader.web.session import FeedSession

# SIGTERM (kill, shutdown) and SIGHUP (the terminal went away) quit as `q` does: the reading
# position is saved and Textual gives the terminal back (main screen, cursor, no mouse).
QUIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def default_analyzer(model: str | None) -> Callable[[Source], Analysis]:
    """Analyse with the disk cache and the chosen pipeline (spaCy loads on first use)."""

    def analyze(source: Source) -> Analysis:
        from reader import cache
        from reader.nlp import load_pipeline

        return cache.analyze_source_cached(source, lambda: load_pipeline(model), model)

    return analyze


# Passages per nlp.pipe batch in the library: the worker can stop (q) only between batches,
# and a batch of 64 seed paragraphs took 0.15 s here against 0.5 to 0.9 s for the default 256,
# for about the same throughput.
UI_BATCH = 64


def default_batch_analyzer(model: str | None) -> BatchAnalyzer:
    """Many articles at once: cached ones read back, the rest in one batched nlp.pipe stream."""

    def analyze_many(
        sources: Iterable[Source], progress: Progress | None = None
    ) -> Iterator[Analysis]:
        from reader import cache
        from reader.nlp import load_pipeline

        return cache.analyze_sources_cached(
            sources, lambda: load_pipeline(model), model, progress=progress, batch_size=UI_BATCH
        )

    return analyze_many


def process_analyzer(model: str | None, jobs: int | None) -> BatchAnalyzer | None:
    """The library's ordinary articles in ``jobs`` processes, started at the first article not
    in the cache and kept until the app ends (spawning and loading cost seconds); None for one
    job: this process analyses, as for big articles."""
    from reader.parallel import ProcessAnalyzer, chosen_jobs

    jobs = chosen_jobs(jobs)
    return ProcessAnalyzer(model, jobs, quiet=True) if jobs > 1 else None


class ReaderApp(App[None]):
    """A terminal reader for German news."""

    CSS_PATH = "reader.tcss"
    TITLE = "reader"
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app-help"),
        Binding("q", "quit", "Quit", id="app-quit"),
    ]

    def __init__(
        self,
        source: Source | None = None,
        *,
        library: list[ArticleInfo] | None = None,
        feeds: FeedSession | None = None,
        model: str | None = None,
        analyzer: Callable[[Source], Analysis] | None = None,
        state: StateStore | None = None,
        keymap: Mapping[str, str] | None = None,
        jobs: int | None = None,
    ) -> None:
        super().__init__()
        # Binding id -> keys: the config's [keymap] unless given.
        self.keymap = dict(settings().keymap if keymap is None else keymap)
        self.source = source
        self.feeds = feeds
        # A feed library is a library whose rows are the feeds' items: the same list object,
        # which a refresh updates in place.
        self.library = cast("list[ArticleInfo]", feeds.items) if feeds else library
        self.analyzer = analyzer or default_analyzer(model)
        # With a given analyzer (tests), many articles are simply analysed one by one.
        self.analyze_many: BatchAnalyzer = (
            (lambda sources, progress=None: map(analyzer, sources))
            if analyzer
            else default_batch_analyzer(model)
        )
        self.analyze_parallel: BatchAnalyzer | None = None
        if analyzer is None and self.library is not None:
            self.analyze_parallel = process_analyzer(model, jobs)
        self.state = state if state is not None else StateStore()
        self.current_article: int | None = None

    def get_default_screen(self) -> Screen[Any]:
        # The first screen is the article (or the library) itself: one screen less to build
        # before the first paint.
        if self.feeds is not None:
            from reader.ui.screens.feeds import FeedScreen

            return FeedScreen(self.feeds, self.analyze_many, self.analyze_parallel)
        if self.library is not None:
            from reader.ui.screens.library import LibraryScreen

            return LibraryScreen(self.library, self.analyze_many, self.analyze_parallel)
        if self.source is not None:
            return self._article_screen(self.source)
        return super().get_default_screen()

    def on_mount(self) -> None:
        if self.state.warning:
            self.notify(self.state.warning, severity="warning", markup=False)
        if self.keymap:
            self.set_keymap(self.keymap)
            self._check_keymap()
        self._catch_signals()

    def _check_keymap(self) -> None:
        from reader.ui.keys import binding_ids

        unknown = sorted(set(self.keymap) - set(binding_ids()))
        if unknown:
            names = ", ".join(unknown)
            message = f"keymap: no binding {names} (docs/config.md)"
            self.notify(message, severity="warning", markup=False)

    def _catch_signals(self) -> None:
        if self.is_headless or threading.current_thread() is not threading.main_thread():
            return  # tests and embedding: the signals stay with whoever runs us
        loop = asyncio.get_running_loop()
        for number in QUIT_SIGNALS:
            loop.add_signal_handler(number, self.save_and_exit, 128 + number)

    def on_unmount(self) -> None:
        # The screens and their workers are gone by now: end the processes, or they would
        # finish their articles (and live on) after the app.
        close = getattr(self.analyze_parallel, "close", None)
        if close is not None:
            close()
        if self.is_headless or threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()
        for number in QUIT_SIGNALS:
            loop.remove_signal_handler(number)

    def _article_screen(
        self, source: Source, entity_id: str | None = None, in_library: bool = False
    ) -> Screen[None]:
        from reader.ui.screens.article import ArticleScreen

        return ArticleScreen(
            source, self.analyzer, state=self.state, entity_id=entity_id, in_library=in_library
        )

    # -- the library ----------------------------------------------------------------------------

    def on_library_screen_open_article(self, message: object) -> None:
        from reader.ui.screens.library import LibraryScreen

        assert isinstance(message, LibraryScreen.OpenArticle)
        self.open_article(message.index, message.entity_id)

    def library_screen(self) -> LibraryScreen:
        from reader.ui.screens.library import LibraryScreen

        return next(s for s in self.screen_stack if isinstance(s, LibraryScreen))

    def open_article(self, index: int, entity_id: str | None = None) -> None:
        assert self.library is not None
        info = self.library[index]
        try:
            source = self.library_screen().source_of(info)
        except ArticleError as error:
            self.notify(one_line(str(error)), severity="error", markup=False)
            return
        if source is None:
            self.notify("Not fetched yet", severity="warning")
            return
        self.current_article = index
        analysis = info.analysis
        screen = self._article_screen(source, entity_id, in_library=True)
        if analysis is not None and analysis.text == source.text:  # the file may have changed
            screen.analyzer = lambda _source: analysis  # type: ignore[attr-defined]
        self.push_screen(screen)

    def on_article_screen_neighbour_requested(self, message: object) -> None:
        from reader.ui.screens.article import ArticleScreen

        assert isinstance(message, ArticleScreen.NeighbourRequested)
        if self.library is None or self.current_article is None:
            self.notify("Next and previous article work when reading a library folder")
            return
        library_screen = self.library_screen()
        order = library_screen.order() or list(range(len(self.library)))
        if self.current_article in order:
            target = order.index(self.current_article) + message.step
        else:  # filtered out of the table: the first (or last) article shown
            target = 0 if message.step > 0 else len(order) - 1
        if not 0 <= target < len(order):
            self.notify("No more articles this way")
            return
        if self.screen is not library_screen:
            self.pop_screen()
        library_screen.open_row(order[target])

    async def action_quit(self) -> None:
        self.save_and_exit()

    def save_and_exit(self, return_code: int = 0) -> None:
        """Remember where each open article was, then exit with ``return_code``."""
        from reader.ui.screens.article import ArticleScreen

        try:
            for screen in self.screen_stack:
                if isinstance(screen, ArticleScreen):
                    screen.remember()
        finally:  # a signal must end the app even if saving went wrong
            self.exit(return_code=return_code)

    def action_help(self) -> None:
        from reader.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        app_bindings = [binding for binding in self.BINDINGS if isinstance(binding, Binding)]
        self.push_screen(HelpScreen(self.screen, app_bindings, self.keymap))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every key of the current screen is also a command in the palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        for binding in screen.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            action = binding.action

            async def run(action: str = action, screen: Screen[object] = screen) -> None:
                await screen.run_action(action)

            keys = key_label(binding_keys(binding, self.keymap))
            yield SystemCommand(binding.description, f"Key: {keys}", run)
