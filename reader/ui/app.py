"""ReaderApp: global keys, styles and the screens of the reader."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from reader.analysis import Analysis
from reader.source import Source


def default_analyzer(model: str | None) -> Callable[[Source], Analysis]:
    """Analyse with the disk cache and the chosen pipeline (spaCy loads on first use)."""

    def analyze(source: Source) -> Analysis:
        from reader import cache
        from reader.nlp import load_pipeline

        return cache.analyze_source_cached(source, lambda: load_pipeline(model), model)

    return analyze


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
        library: list[str] | None = None,
        model: str | None = None,
        analyzer: Callable[[Source], Analysis] | None = None,
    ) -> None:
        super().__init__()
        self.source = source
        self.library = library or []
        self.analyzer = analyzer or default_analyzer(model)

    def on_mount(self) -> None:
        if self.source is not None:
            from reader.ui.screens.article import ArticleScreen

            self.push_screen(ArticleScreen(self.source, self.analyzer))

    def action_help(self) -> None:
        from reader.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen, list(self.BINDINGS)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every key of the current screen is also a command in the palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        for binding in screen.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            action = binding.action

            async def run(action: str = action, screen: Screen[object] = screen) -> None:
                await screen.run_action(action)

            yield SystemCommand(binding.description, f"Key: {binding.key}", run)
