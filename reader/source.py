"""Read article files: decoding, encoding fallback and the errors a user can get.

Plain Python. Errors are ``ArticleError`` with a one-line message; the CLI turns them into
exit code 2, the app into a notice.
"""

from __future__ import annotations

import errno
import os
import re
import select
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.web.origin import Origin

# Files larger than this are refused rather than read into memory.
MAX_BYTES = 64 * 1024 * 1024
# A FIFO or device that gives nothing for this long is given up (a FIFO without a writer).
IDLE_TIMEOUT = 10.0
# Decoding looks this far for NUL bytes (binary data); reading stops there already.
BINARY_PROBE = 65536
ARTICLE_SUFFIXES = (".txt", ".text", ".md")
_CHUNK = 1024 * 1024
_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes that surrogateescape kept


class ArticleError(Exception):
    """An article cannot be read; ``str(error)`` is a one-line message for the user."""


@dataclass(frozen=True, slots=True)
class Source:
    """Decoded article text and where it came from."""

    path: str
    text: str
    encoding: str
    replaced: int = 0  # bytes that were not UTF-8 in a UTF-8 text, now U+FFFD
    origin: Origin | None = None  # a web page's URL, site, author, fetch time

    @property
    def notice(self) -> str | None:
        """A note for the header when the file was not (all) UTF-8."""
        if self.replaced:
            count = f"{self.replaced} byte{'s' if self.replaced > 1 else ''}"
            return f"not valid UTF-8: {count} shown as \ufffd"
        if self.encoding in ("utf-8", "utf-8-sig", "ascii"):
            return None
        return f"not UTF-8: decoded as {self.encoding}"


def decode(data: bytes, path: str = "<text>") -> Source:
    """Decode article bytes: UTF-8 (a BOM is dropped) where most of it is UTF-8, a few bad bytes
    shown as U+FFFD; else cp1252, else latin-1."""
    if b"\x00" in data[:BINARY_PROBE]:
        raise ArticleError(f"{path}: not a text file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text, encoding, replaced = _decode_text(data)
    if _looks_binary(text):
        raise ArticleError(f"{path}: not a text file")
    if not text.strip():
        raise ArticleError(f"{path}: the article is empty")
    return Source(path, text, encoding, replaced)


def _decode_text(data: bytes) -> tuple[str, str, int]:
    """The text, the encoding it was read in, and how many bad bytes were replaced."""
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    # Each byte that is not UTF-8 becomes one lone surrogate: count them against the valid
    # non-ASCII characters. A legacy file has next to none of those, a damaged UTF-8 file many.
    escaped = data.decode("utf-8", "surrogateescape")
    bad = len(_UNDECODABLE.findall(escaped))
    valid = sum(1 for char in escaped if ord(char) > 0x7F) - bad
    if valid > bad:
        return _UNDECODABLE.sub("\ufffd", escaped), "utf-8", bad
    try:
        return data.decode("cp1252"), "cp1252", 0
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", 0


def _looks_binary(text: str) -> bool:
    """Many control characters (other than whitespace and escapes) mean binary data."""
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b")
    return controls / len(sample) > 0.05


def read_source(path: str | Path) -> Source:
    """Read and decode one article; ``-`` reads standard input. Never more than ``MAX_BYTES``."""
    name = str(path)
    if name == "-":
        return decode(_read_stdin(), "<stdin>")
    return decode(_read_path(name), name)


def os_error(name: str, error: OSError) -> ArticleError:
    """The one-line message for an OSError of one path."""
    return ArticleError(f"{name}: {_reason(error)}")


def _reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    if error.errno == errno.ELOOP:
        return "a symlink loop"
    return f"cannot read ({error.strerror or error})"


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise ArticleError("<stdin>: no standard input")
    try:
        data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise os_error("<stdin>", error) from None
    if len(data) > MAX_BYTES:
        raise _too_large("<stdin>")
    return data


def _read_path(name: str) -> bytes:
    """A regular file up to the limit; a FIFO or device also while it keeps giving data."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
    try:
        handle = os.open(name, flags)  # without O_NONBLOCK a FIFO with no writer never opens
    except OSError as error:
        raise os_error(name, error) from None
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise ArticleError(f"{name}: is a directory")
        if stat.S_ISREG(mode):
            if os.fstat(handle).st_size > MAX_BYTES:
                raise _too_large(name)
            os.set_blocking(handle, True)
        return _read_bounded(handle, name, wait=not stat.S_ISREG(mode))
    except OSError as error:
        raise os_error(name, error) from None
    finally:
        os.close(handle)


def _read_bounded(handle: int, name: str, *, wait: bool) -> bytes:
    """Read to the end, at most ``MAX_BYTES`` (one more byte means too large); stop at once at
    NUL bytes (binary data, /dev/zero); with ``wait``, give up after ``IDLE_TIMEOUT`` of silence."""
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_BYTES:
        if wait and not select.select([handle], [], [], IDLE_TIMEOUT)[0]:
            raise ArticleError(f"{name}: nothing to read for {IDLE_TIMEOUT:g} s, given up")
        try:
            chunk = os.read(handle, min(_CHUNK, MAX_BYTES + 1 - size))
        except BlockingIOError:  # a FIFO whose writer has not written yet
            continue
        if not chunk:
            return b"".join(chunks)
        if size < BINARY_PROBE and b"\x00" in chunk[: BINARY_PROBE - size]:
            raise ArticleError(f"{name}: not a text file")
        chunks.append(chunk)
        size += len(chunk)
    raise _too_large(name)


def _too_large(name: str) -> ArticleError:
    return ArticleError(f"{name}: too large (more than {MAX_BYTES // (1024 * 1024)} MB)")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A name in a folder that looks like an article and is not one, and why."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: skipped: {self.reason}"


@dataclass(slots=True)
class FolderArticles:
    """What a folder holds: the article files, and the article names skipped."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def folder_articles(directory: str | Path) -> FolderArticles:
    """The article files in a folder, sorted by name, and the names that are no regular file
    (symlink loops, dangling links, FIFOs, devices) with the reason. Sub-folders are left out."""
    folder = Path(directory)
    try:
        names = sorted(p for p in folder.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
    except OSError as error:
        raise os_error(str(folder), error) from None
    found = FolderArticles()
    for path in names:
        reason = _not_a_file(path)
        if reason is None:
            found.files.append(path)
        elif reason:
            found.skipped.append(Skipped(path, reason))
    if not found.files and not found.skipped:
        raise ArticleError(f"{folder}: no articles (*.txt) in this folder")
    return found


def _not_a_file(path: Path) -> str | None:
    """None for a regular file, "" for a folder, else why the name is no article file."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if isinstance(error, FileNotFoundError) and path.is_symlink():
            return "a dangling link"
        return _reason(error)
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return ""
    if stat.S_ISFIFO(mode):
        return "a FIFO, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    return "a device, not a file"


def article_files(directory: str | Path) -> list[Path]:
    """The article files in a folder, sorted by name."""
    files = folder_articles(directory).files
    if not files:
        raise ArticleError(f"{directory}: no articles (*.txt) in this folder")
    return files
