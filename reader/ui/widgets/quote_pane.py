"""The quotes list: speaker, first words and section of every quote."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.model import Analysis
from reader.ui.widgets.safe_text import literal

FIRST_WORDS = 60


def quote_prompt(analysis: Analysis, index: int) -> Text:
    quote = analysis.quotes[index]
    speaker = quote.speaker_name or "unknown speaker"
    text = literal(speaker, "bold" if quote.speaker_name else "dim")
    if quote.kind == "indirect":
        text.append(" (indirect)", style="dim")
    words = quote.text if len(quote.text) <= FIRST_WORDS else quote.text[: FIRST_WORDS - 1] + "…"
    text.append("\n")
    text.append_text(literal(f"«{words}»", "italic"))
    section = analysis.article.section_at(quote.start)
    if section is not None and section.heading:
        text.append("\n")
        text.append_text(literal(f"§ {section.heading}", "dim"))
    return text


class QuotePane(OptionList):
    """Every quote of the article in reading order; selecting one jumps to it."""

    class QuoteSelected(Message):
        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def show(self, analysis: Analysis, speaker: str | None = None) -> None:
        """List all quotes, or only those of entity ``speaker``."""
        options = [
            Option(quote_prompt(analysis, i), id=f"quote-{i}")
            for i, quote in enumerate(analysis.quotes)
            if speaker is None or quote.speaker == speaker
        ]
        if not options:
            options = [Option(Text("No quotes found", style="dim"), disabled=True)]
        self.set_options(options)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.QuoteSelected(int(event.option.id.removeprefix("quote-"))))
