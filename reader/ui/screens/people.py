"""People across the library: who appears where, and what they said."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from reader.library import ArticleInfo, LibraryPerson
from reader.ui.widgets.safe_text import literal


class PeopleScreen(Screen[tuple[int, str] | None]):
    """Pick a person, then an article: it opens at their first mention."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back to library", id="people-close"),
        Binding("tab", "switch", "People ⇄ articles", show=False, id="people-switch"),
    ]

    def __init__(self, people: list[LibraryPerson], infos: list[ArticleInfo]) -> None:
        super().__init__()
        self.people = people
        self.infos = infos

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(id="people-list")
            yield OptionList(id="appearances")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "People across the library"
        self.sub_title = f"{len(self.people)} people"
        people = self.query_one("#people-list", OptionList)
        people.add_options(
            Option(self._person_prompt(person), id=str(i)) for i, person in enumerate(self.people)
        )
        if not self.people:
            people.add_option(
                Option(Text("No people yet (still analysing?)", "dim"), disabled=True)
            )
        people.focus()
        if self.people:
            people.highlighted = 0

    def _person_prompt(self, person: LibraryPerson) -> Text:
        text = literal(person.name, "bold")
        count = len(person.appearances)
        text.append(f"  {count} article{'s' if count != 1 else ''} · ×{person.mentions}", "dim")
        if person.descriptions:
            text.append("\n")
            text.append_text(literal(person.descriptions[0], "italic dim"))
        return text

    @on(OptionList.OptionHighlighted, "#people-list")
    def _show_person(self, event: OptionList.OptionHighlighted) -> None:
        person = self.people[int(event.option.id or 0)]
        appearances = self.query_one("#appearances", OptionList)
        appearances.clear_options()
        for appearance in person.appearances:
            info = self.infos[appearance.article]
            text = literal(info.title, "bold")
            day = info.date.isoformat() if info.date else "date unknown"
            text.append(f"\n{day} · ×{appearance.mentions}", "dim")
            for quote in appearance.quotes[:3]:
                text.append("\n")
                shown = quote if len(quote) <= 70 else quote[:69] + "…"
                text.append_text(literal(f"«{shown}»", "italic"))
            appearances.add_option(Option(text, id=f"{appearance.article}:{appearance.entity_id}"))

    @on(OptionList.OptionSelected, "#people-list")
    def _to_articles(self) -> None:
        appearances = self.query_one("#appearances", OptionList)
        appearances.focus()
        appearances.highlighted = 0

    @on(OptionList.OptionSelected, "#appearances")
    def _open(self, event: OptionList.OptionSelected) -> None:
        article, entity_id = (event.option.id or "0:").split(":", 1)
        self.dismiss((int(article), entity_id))

    def action_switch(self) -> None:
        target = (
            "#appearances" if self.focused and self.focused.id == "people-list" else "#people-list"
        )
        self.query_one(target).focus()
