"""ReaderApp: global keys, styles and the screens of the reader."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from reader.source import Source


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
    ) -> None:
        super().__init__()
        self.source = source
        self.library = library or []
        self.model = model

    def on_mount(self) -> None:
        if self.source is not None:
            from reader.ui.screens.article import ArticleScreen

            self.push_screen(ArticleScreen(self.source, self.model))

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
