"""Article text is data, never markup: build Rich ``Text`` objects that show it literally."""

from __future__ import annotations

from rich.text import Text

from reader.safe_text import visible


def literal(text: str, style: str = "") -> Text:
    """A Rich Text that shows ``text`` as written: no markup, no terminal control."""
    return Text(visible(text), style=style, end="")
