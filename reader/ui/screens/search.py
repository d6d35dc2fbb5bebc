"""The search modal: live fuzzy results over people, quotes, places and sentences."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from reader.search import Hit, SearchIndex
from reader.ui.widgets.safe_text import literal

KIND_LABELS = {
    "person": "person",
    "quote": "quote",
    "place": "place",
    "organisation": "org",
    "other": "other",
    "sentence": "text",
}
RESULT_LIMIT = 30


def hit_prompt(hit: Hit, query: str) -> Text:
    text = literal(f"{KIND_LABELS.get(hit.kind, hit.kind):>6}  ", "dim")
    shown = hit.text if len(hit.text) <= 90 else hit.text[:89] + "…"
    body = literal(shown, "bold" if hit.kind == "person" else "")
    for word in {w.lower() for w in query.split() if len(w) > 2}:
        body.highlight_words([word], style="underline #ffd75f", case_sensitive=False)
    text.append_text(body)
    detail = getattr(hit, "detail", None)
    if detail:
        text.append_text(literal(f"  — {detail}", "italic dim"))
    return text


class SearchModal(ModalScreen[Hit | None]):
    """Type a fragment; enter jumps to the highlighted result, escape returns."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back", id="search-close"),
        Binding("down", "cursor(1)", "Next result", show=False, id="search-next"),
        Binding("up", "cursor(-1)", "Previous result", show=False, id="search-previous"),
    ]

    def __init__(self, index: SearchIndex) -> None:
        super().__init__()
        self.index = index  # built by the article screen's worker, never here on the UI thread
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search"):
            yield Input(
                placeholder="Search people, quotes, places, text…", id="search-input", compact=True
            )
            yield OptionList(id="search-results")

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self.hits = self.index.query(event.value, limit=RESULT_LIMIT)
        results = self.query_one("#search-results", OptionList)
        results.set_options(
            Option(hit_prompt(hit, event.value), id=str(i)) for i, hit in enumerate(self.hits)
        )
        if self.hits:
            results.highlighted = 0

    def action_cursor(self, step: int) -> None:
        results = self.query_one("#search-results", OptionList)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.highlighted is not None and self.hits:
            self.dismiss(self.hits[results.highlighted])

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[int(event.option.id or 0)])
