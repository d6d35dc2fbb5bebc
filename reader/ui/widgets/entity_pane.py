"""The entity sidebar: people, places, organisations, other; one row per referent."""

from __future__ import annotations

from rapidfuzz import fuzz, process
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from reader.model import Entity
from reader.ui.widgets.safe_text import literal

GROUPS = (("PER", "People"), ("LOC", "Places"), ("ORG", "Organisations"), ("MISC", "Other"))
FILTER_CUTOFF = 60


def entity_prompt(entity: Entity) -> Text:
    text = literal(entity.name, "bold")
    text.append(f"  ×{len(entity.mentions)}", style="dim")
    if entity.description:
        text.append("\n")
        text.append_text(literal(entity.description, "italic dim"))
    return text


class EntityPane(Vertical):
    """A fuzzy filter box over a grouped list of entities."""

    class EntitySelected(Message):
        def __init__(self, entity_id: str) -> None:
            self.entity_id = entity_id
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entities: list[Entity] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter people, places…", id="entity-filter", compact=True)
        yield OptionList(id="entity-list")

    def show(self, entities: list[Entity]) -> None:
        self.entities = entities
        self._fill(self.query_one("#entity-filter", Input).value)

    def _fill(self, needle: str) -> None:
        shown = self.entities
        if needle.strip():
            names = [" ".join([e.name, *e.aliases]) for e in self.entities]
            matches = process.extract(
                needle, names, scorer=fuzz.partial_ratio, limit=None, score_cutoff=FILTER_CUTOFF
            )
            keep = {index for _, _, index in matches}
            shown = [e for i, e in enumerate(self.entities) if i in keep]
        options: list[Option | None] = []
        for label, title in GROUPS:
            group = sorted(
                (e for e in shown if e.label == label), key=lambda e: (-len(e.mentions), e.name)
            )
            if not group:
                continue
            options.append(
                Option(Text(f"{title} ({len(group)})", style="bold underline"), disabled=True)
            )
            options.extend(Option(entity_prompt(e), id=e.id) for e in group)
        entity_list = self.query_one("#entity-list", OptionList)
        entity_list.set_options(options)
        first = next((i for i, o in enumerate(options) if o is not None and o.id), None)
        entity_list.highlighted = first

    @on(Input.Changed, "#entity-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#entity-filter")
    def _first(self) -> None:
        entity_list = self.query_one("#entity-list", OptionList)
        for option in entity_list.options:
            if option.id:
                self.post_message(self.EntitySelected(option.id))
                break

    @on(OptionList.OptionSelected, "#entity-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.EntitySelected(event.option.id))
