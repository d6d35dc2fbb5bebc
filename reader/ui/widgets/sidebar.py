"""The sidebar: entities and quotes in two tabs. Mounted after the article's first paint."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import TabbedContent, TabPane

from reader.model import Analysis
from reader.ui.widgets.entity_pane import EntityPane
from reader.ui.widgets.quote_pane import QuotePane


class Sidebar(Vertical):
    """Entities (people first) and quotes of the article."""

    def compose(self) -> ComposeResult:
        with TabbedContent(id="sidebar-tabs"):
            with TabPane("Entities", id="tab-entities"):
                yield EntityPane(id="entities")
            with TabPane("Quotes", id="tab-quotes"):
                yield QuotePane(id="quotes")

    def show_analysis(self, analysis: Analysis) -> None:
        self.query_one(EntityPane).show(analysis.entities)
        self.show_quotes(analysis)

    def show_quotes(self, analysis: Analysis, speaker: str | None = None) -> None:
        """All quotes, or those of one entity (the tab then says how many)."""
        self.query_one(QuotePane).show(analysis, speaker=speaker)
        label = "Quotes"
        if speaker is not None:
            label = f"Quotes ({sum(1 for q in analysis.quotes if q.speaker == speaker)})"
        self.query_one(TabbedContent).get_tab("tab-quotes").label = label

    def focus_list(self) -> None:
        tabs = self.query_one(TabbedContent)
        self.query_one("#quotes" if tabs.active == "tab-quotes" else "#entity-list").focus()
