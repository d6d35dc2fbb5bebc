"""Read article files: decoding, encoding fallback and the errors a user can get.

Plain Python. Errors are ``ArticleError`` with a one-line message; the CLI turns them into
exit code 2, the app into a notice.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.web.origin import Origin

# Files larger than this are refused rather than read into memory.
MAX_BYTES = 64 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".text", ".md")


class ArticleError(Exception):
    """An article cannot be read; ``str(error)`` is a one-line message for the user."""


@dataclass(frozen=True, slots=True)
class Source:
    """Decoded article text and where it came from."""

    path: str
    text: str
    encoding: str
    origin: Origin | None = None  # a web page's URL, site, author, fetch time

    @property
    def notice(self) -> str | None:
        """A note for the header when the file was not UTF-8."""
        if self.encoding in ("utf-8", "utf-8-sig", "ascii"):
            return None
        return f"not UTF-8: decoded as {self.encoding}"


def decode(data: bytes, path: str = "<text>") -> Source:
    """Decode article bytes; UTF-8 (a BOM is dropped), else cp1252, else latin-1."""
    if b"\x00" in data[:65536]:
        raise ArticleError(f"{path}: not a text file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "latin-1"
    if _looks_binary(text):
        raise ArticleError(f"{path}: not a text file")
    if not text.strip():
        raise ArticleError(f"{path}: the article is empty")
    return Source(path, text, encoding)


def _looks_binary(text: str) -> bool:
    """Many control characters (other than whitespace and escapes) mean binary data."""
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b")
    return controls / len(sample) > 0.05


def read_source(path: str | Path) -> Source:
    """Read and decode one article; ``-`` reads standard input."""
    name = str(path)
    if name == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>")
    file = Path(path)
    try:
        if file.is_dir():
            raise ArticleError(f"{name}: is a directory")
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(f"{name}: too large ({size // (1024 * 1024)} MB)")
        data = file.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{name}: no such file") from None
    except PermissionError:
        raise ArticleError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise ArticleError(f"{name}: is a directory") from None
    except OSError as error:
        raise ArticleError(f"{name}: cannot read ({error.strerror or error})") from None
    return decode(data, name)


def article_files(directory: str | Path) -> list[Path]:
    """The article files in a folder, sorted by name."""
    folder = Path(directory)
    try:
        files = sorted(
            p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
        )
    except PermissionError:
        raise ArticleError(f"{folder}: permission denied") from None
    except OSError as error:
        raise ArticleError(f"{folder}: cannot read ({error.strerror or error})") from None
    if not files:
        raise ArticleError(f"{folder}: no articles (*.txt) in this folder")
    return files
