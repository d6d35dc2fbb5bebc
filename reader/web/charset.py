"""The text of a page: its bytes decoded as the page and the server say.

Order as browsers do it: a byte-order mark, then the charset of the HTTP ``Content-Type``
header, then the page's own ``<meta charset>`` (or ``http-equiv``) in its first bytes, then
UTF-8 when the bytes are valid UTF-8, else windows-1252. One exception: a server that calls
valid, non-ASCII UTF-8 "ISO-8859-1" is wrong (a common default), and the page is read as UTF-8.
"""

from __future__ import annotations

import codecs
import re

# The HTML standard looks for <meta charset> in the first 1024 bytes; pages with long
# <head> comments or scripts put it later, so look a little further.
PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels that mean windows-1252 on the web (the WHATWG encoding standard).
_WESTERN = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp1252"}


def normalise(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when the label is unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in _WESTERN or name == "windows-1252":
        return "cp1252"
    if name in ("x-user-defined",):
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def header_charset(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header."""
    if not content_type:
        return None
    for parameter in content_type.split(";")[1:]:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def declared_charset(data: bytes) -> str | None:
    """What the document says of itself: ``<meta charset>`` or an XML declaration."""
    head = data[:PRESCAN_BYTES]
    found = _XML_ENCODING.match(head.lstrip()) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii", "replace") if found else None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def choose(data: bytes, content_type: str | None = None) -> str:
    """The codec to read ``data`` with."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    chosen = normalise(header_charset(content_type)) or normalise(declared_charset(data))
    if chosen in (None, "cp1252") and not data.isascii() and _is_utf8(data):
        return "utf-8"
    if chosen == "utf-16" or (chosen or "").startswith("utf-16"):
        # A page whose bytes are ASCII-compatible cannot be UTF-16 whatever it says.
        return "utf-8" if _is_utf8(data) else "cp1252"
    return chosen or "cp1252"


def decode(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Text and the codec used; bytes that do not fit the codec become U+FFFD."""
    name = choose(data, content_type)
    text = data.decode(name, errors="replace")
    return text.removeprefix("\ufeff"), name
