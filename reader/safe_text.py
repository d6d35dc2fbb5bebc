"""Text from an article (or a file name) made safe to show: no terminal control, nothing hidden.

Plain Python: the app and the print commands share it. Every character that could steer the
terminal (C0/C1 controls, escape sequences), reorder the line (direction overrides) or hide
itself (zero-width characters) becomes one visible character, so that offsets into the article
still map one to one onto what is shown and each character takes exactly one column.
"""

from __future__ import annotations

import json
import re

DIRECTION_MARK = "\u21c6"  # ⇆ for the bidirectional controls (right-to-left override and kin)
INVISIBLE_MARK = "\u25cc"  # ◌ for zero-width characters, joiners, BOM and tag characters
LINE_MARK = "\u2424"  # ␤ for the Unicode line and paragraph separators

_DIRECTION = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u180e\u200b-\u200d\u2060-\u2064\ufeff\U000e0000-\U000e007f"
_UNSAFE = re.compile(
    f"[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f{_DIRECTION}{_INVISIBLE}\u2028\u2029\ud800-\udfff]"
)
_DIRECTION_CHARS = re.compile(f"[{_DIRECTION}]")


def _mark(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code == 0x09:
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture": ␛ for ESC, ␇ for BEL
    if code == 0x7F:
        return "\u2421"
    if code in (0x2028, 0x2029):
        return LINE_MARK
    if _DIRECTION_CHARS.match(char):
        return DIRECTION_MARK
    if 0x80 <= code <= 0x9F or 0xD800 <= code <= 0xDFFF:  # C1 controls, undecodable bytes
        return "\ufffd"
    return INVISIBLE_MARK


def visible(text: str) -> str:
    """Replace control and invisible characters by visible symbols; newlines stay, same length."""
    return _UNSAFE.sub(_mark, text)


def one_line(text: str) -> str:
    """``visible``, and newlines shown as ␊: for messages that must stay on one line."""
    return visible(text).replace("\n", "\u240a")


def valid_unicode(text: str) -> str:
    """``text`` with the lone surrogates of undecodable bytes (a file name that is not UTF-8)
    turned into U+FFFD, so that it can be written as UTF-8."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # surrogates that stand for no byte
        return re.sub("[\ud800-\udfff]", "\ufffd", text)


def json_line(data: object) -> str:
    """``data`` as one line of JSON, exact, in which no character can steer a terminal: JSON
    escapes C0 controls itself; C1 controls, direction and invisible characters are escaped too."""
    return _UNSAFE.sub(_json_escape, json.dumps(data, ensure_ascii=False))


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # as a UTF-16 surrogate pair, the way JSON writes such characters
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"
