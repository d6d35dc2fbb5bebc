"""Article text is data, never markup: build Rich ``Text`` objects that show it literally."""

from __future__ import annotations

import re

from rich.text import Text

# C0/C1 control characters except newline. Each becomes one visible character (a tab a space,
# the rest a "control picture"), so offsets into the article still map one to one onto the
# displayed text and every character takes exactly one column.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x09:
        return " "
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str) -> str:
    """Replace control characters (ANSI escapes included) by visible symbols, same length."""
    return _CONTROL.sub(_picture, text)


def literal(text: str, style: str = "") -> Text:
    """A Rich Text that shows ``text`` as written: no markup, no terminal control."""
    return Text(visible(text), style=style, end="")
