"""The help screen: every key of the screen underneath, from its BINDINGS."""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from reader.ui.keys import binding_keys, key_label


def bindings_table(
    screen: Screen[object], app_bindings: list[Binding], keymap: Mapping[str, str]
) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold #ffd75f", justify="right")
    table.add_column()
    for binding in [*screen.BINDINGS, *app_bindings]:
        if isinstance(binding, Binding) and binding.description:
            table.add_row(key_label(binding_keys(binding, keymap)), binding.description)
    return table


class HelpScreen(ModalScreen[None]):
    """Keys of the screen it was opened from."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help-close"),
    ]

    def __init__(
        self, screen: Screen[object], app_bindings: list[Binding], keymap: Mapping[str, str]
    ) -> None:
        super().__init__()
        self.table = bindings_table(screen, app_bindings, keymap)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static("Keys", classes="help-title")
            yield Static(self.table)
            yield Static("ctrl+p lists every action · escape closes", classes="help-hint")
