"""Parquet output of ``reader archive``: one row per article, the JSON object's keys as columns.

The schema is written out rather than inferred, so that every batch of rows has the same one
(an inferred schema would change with the first batch: an empty list has no type, ``origin``
is there only for web pages). Nested lists and objects stay nested (Parquet lists of structs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reader.source import ArticleError

INSTALL_PARQUET = 'Parquet output needs pyarrow: pip install "reader-news[dask,parquet]"'
# Rows kept before they are written as one row group: few enough to bound memory.
ROWS_PER_GROUP = 256


def schema() -> Any:
    """The Parquet schema of ``Analysis.to_dict()``."""
    import pyarrow as pa

    text, number = pa.string(), pa.int64()

    def struct(*fields: tuple[str, Any]) -> Any:
        return pa.struct(list(fields))

    block = struct(("kind", text), ("text", text), ("start", number), ("end", number))
    section = struct(
        ("heading", text),
        ("start", number),
        ("end", number),
        ("heading_start", number),
        ("heading_end", number),
        ("blocks", pa.list_(block)),
    )
    mention = struct(("start", number), ("end", number), ("text", text))
    entity = struct(
        ("id", text),
        ("name", text),
        ("label", text),
        ("aliases", pa.list_(text)),
        ("description", text),
        ("mentions", pa.list_(mention)),
    )
    quote = struct(
        ("text", text),
        ("start", number),
        ("end", number),
        ("kind", text),
        ("speaker", text),
        ("speaker_name", text),
        ("cue", text),
    )
    origin = struct(("url", text), ("site", text), ("author", text), ("fetched", text))
    heads = [(key, text) for key in ("path", "title", "date", "encoding", "model")]
    lists = [("sections", section), ("entities", entity), ("quotes", quote)]
    return pa.schema([*heads, *((key, pa.list_(item)) for key, item in lists), ("origin", origin)])


@contextmanager
def parquet_writer(path: Path) -> Iterator[Callable[[dict[str, object]], None]]:
    """A function that adds one analysis to the Parquet file at ``path``."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ArticleError(INSTALL_PARQUET) from None
    layout = schema()
    try:
        writer = pq.ParquetWriter(str(path), layout)
    except OSError as error:
        raise ArticleError(f"{path}: cannot write: {error}") from None
    rows: list[dict[str, object]] = []

    def flush() -> None:
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=layout))
            rows.clear()

    def write(found: dict[str, object]) -> None:
        rows.append(found)
        if len(rows) >= ROWS_PER_GROUP:
            flush()

    try:
        yield write
        flush()
    finally:
        writer.close()
