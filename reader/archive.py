"""An archive on a Dask cluster: the analysis mapped over many files, on many machines.

``reader analyze --jobs N`` uses the cores of one machine (``reader.parallel``); this module hands
the same work to `Dask <https://distributed.dask.org>`_ workers, local or on other machines, and
writes the same objects as ``reader analyze --json``, in input order, as JSON lines or Parquet.

Files are read here, where the command runs, and their text is sent to the workers: the workers
need the reader installed (``pip install "reader-news[dask]"``) but no view of the files. Each
worker process loads the pipeline once, on its first article. Only a few articles per worker
thread are in flight at a time, so memory stays bounded however large the archive.

Dask is imported only when a run starts, so the base install never needs it.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

from reader.safe_text import json_line
from reader.source import ArticleError, Skipped, Source, folder_articles

if TYPE_CHECKING:
    from spacy.language import Language

Format = Literal["jsonl", "parquet"]
Write = Callable[[dict[str, object]], None]
FORMATS: tuple[Format, ...] = ("jsonl", "parquet")
INSTALL_DASK = 'reader archive needs Dask: pip install "reader-news[dask]"'

# Articles waiting per worker thread: enough to keep each busy while results travel back, few
# enough that neither this process nor the scheduler holds the archive.
IN_FLIGHT_PER_THREAD = 2

_pipelines: dict[str | None, Language] = {}
# A worker may run several threads; they share one pipeline and take turns with it, as spaCy
# gives no promise that one pipeline may run in two threads at once.
_pipeline_lock = threading.Lock()


@dataclass(slots=True)
class ArchiveRun:
    """What a run wrote: how many articles, and one message per file that failed."""

    written: int = 0
    unreadable: list[str] = field(default_factory=list)  # bad input: missing, binary, …
    failed: list[str] = field(default_factory=list)  # read, but the analysis raised


def analyze_many(
    paths: Iterable[str | Path | Source],
    out: str | Path | TextIO,
    *,
    client: Any = None,
    scheduler: str | None = None,
    workers: int | None = None,
    model: str | None = None,
    format: Format = "jsonl",
    on_error: Callable[[str], None] | None = None,
) -> ArchiveRun:
    """Analyse every article of ``paths`` on a Dask cluster and write the results to ``out``.

    ``paths`` holds article files, folders (their ``*.txt`` articles, sorted by name), saved
    pages or links, or already read ``Source`` objects. ``client`` is a ``distributed.Client``;
    without one, the run connects to the scheduler at ``scheduler`` (``"tcp://host:8786"``),
    else starts a local cluster of ``workers`` processes (default: one per core) and closes it
    again. ``format`` is ``"jsonl"`` (one ``reader analyze --json`` object a line, in input
    order; ``out`` may also be an open text file, or ``"-"`` for stdout) or ``"parquet"`` (one
    row per article, the same keys as columns; needs pyarrow). A file that cannot be read or
    analysed is reported to ``on_error`` (one line each) and listed in the result; the others
    are still written.
    """
    if format not in FORMATS:
        raise ArticleError(f"unknown format {format!r}: use jsonl or parquet")
    if isinstance(paths, str | Path):  # one folder or file, not its characters
        paths = [paths]
    run = ArchiveRun()

    def report(kind: list[str], message: str) -> None:
        kind.append(message)
        if on_error is not None:
            on_error(message)

    sources = read_sources(paths, lambda message: report(run.unreadable, message))
    _check_writable(out)  # before a cluster starts; the file itself only once one is there
    with _client(client, scheduler, workers) as dask_client, _writer(out, format) as write:
        for path, result in analyses_on(dask_client, sources, model):
            if isinstance(result, BaseException):
                report(run.failed, f"{path}: analysis failed: {type(result).__name__}: {result}")
                continue
            write(result)
            run.written += 1
    return run


def read_sources(
    paths: Iterable[str | Path | Source], on_error: Callable[[str], None]
) -> Iterator[Source]:
    """The articles of ``paths``, read one by one; each name that fails goes to ``on_error``."""
    for name in paths:
        if isinstance(name, Source):
            yield name
            continue
        try:
            for path in _expand(str(name)):
                if isinstance(path, Skipped):
                    on_error(str(path))
                    continue
                try:
                    yield _read(path)
                except ArticleError as error:
                    on_error(str(error))
        except ArticleError as error:  # a folder without articles, or unreadable
            on_error(str(error))


def _expand(name: str) -> Iterator[str | Skipped]:
    """A file as given; a folder's article files, and the names in it that are none."""
    if name == "-" or not os.path.isdir(name):  # isdir: False for any path it cannot stat
        yield name
        return
    found = folder_articles(name)
    yield from found.skipped
    yield from (str(path) for path in found.files)


def _read(name: str) -> Source:
    """An article file, or a link or saved page made into one (as ``reader analyze`` reads)."""
    from reader.web import wants_web

    if wants_web(name):
        from reader.web.sources import open_article

        return open_article(name)
    from reader.source import read_source

    return read_source(name)


def analyses_on(
    client: Any, sources: Iterable[Source], model: str | None
) -> Iterator[tuple[str, dict[str, object] | BaseException]]:
    """``(path, analysis as a dict)`` for each source in input order, computed on ``client``'s
    workers; an analysis that raised (or whose worker died) gives the exception instead."""
    window: deque[tuple[str, Any]] = deque()
    limit = max(2, IN_FLIGHT_PER_THREAD * sum(client.nthreads().values()))
    try:
        for source in sources:
            future = client.submit(analyze_on_worker, source, model, pure=False)
            window.append((source.path, future))
            if len(window) >= limit:
                yield _result(*window.popleft())
        while window:
            yield _result(*window.popleft())
    finally:
        for _path, future in window:
            future.cancel()


def _result(path: str, future: Any) -> tuple[str, dict[str, object] | BaseException]:
    try:
        return path, future.result()
    except Exception as error:  # raised on the worker, or the worker died (KilledWorker)
        return path, error


def analyze_on_worker(source: Source, model: str | None) -> dict[str, object]:
    """Runs on a Dask worker: the analysis of ``source``, as ``reader analyze --json`` has it."""
    from reader import cache

    with _pipeline_lock:
        pipeline = _worker_pipeline(model)
        analysis = cache.analyze_source_cached(source, lambda: pipeline, model)
    return analysis.to_dict()


def _worker_pipeline(model: str | None) -> Language:
    """The pipeline of this worker process, loaded on its first article and kept."""
    if model not in _pipelines:
        from reader.nlp import load_pipeline

        _pipelines[model] = load_pipeline(model)
    return _pipelines[model]


@contextmanager
def _client(client: Any, scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """``client`` as given, else one that lives as long as the run."""
    if client is not None:
        yield client
        return
    with dask_client(scheduler, workers) as made:
        yield made


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A ``distributed.Client``: on the scheduler at ``scheduler``, else on a local cluster of
    ``workers`` processes (default: one per core) with one thread each."""
    distributed = _import_distributed()
    if scheduler is not None:
        try:
            client = distributed.Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as error:
            raise ArticleError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        with client:
            yield client
        return
    from reader.parallel import default_jobs

    cluster = distributed.LocalCluster(
        n_workers=workers or default_jobs(),
        threads_per_worker=1,  # one pipeline per process, each busy with one article
        processes=True,
        dashboard_address=None,
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ArticleError(INSTALL_DASK) from None
    return distributed


def _check_writable(out: str | Path | TextIO) -> None:
    if not isinstance(out, str | Path) or str(out) == "-":
        return
    folder = Path(out).parent
    if not folder.is_dir():
        raise ArticleError(f"{out}: cannot write: no such folder {folder}")
    if Path(out).is_dir():
        raise ArticleError(f"{out}: cannot write: a folder")


@contextmanager
def _writer(out: str | Path | TextIO, format: Format) -> Iterator[Write]:
    """A function that writes one analysis to ``out``; the file is complete when the run ends."""
    if format == "parquet":
        from reader.archive_parquet import parquet_writer

        if not isinstance(out, str | Path) or str(out) == "-":
            raise ArticleError("Parquet is written to a file: give --out FILE.parquet")
        with parquet_writer(Path(out)) as write:
            yield write
        return
    if not isinstance(out, str | Path):
        yield lambda found: _write_line(out, found)
        return
    if str(out) == "-":
        yield lambda found: _write_line(sys.stdout, found)
        return
    try:
        stream = open(out, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
    except OSError as error:
        raise ArticleError(f"{out}: cannot write: {error.strerror or error}") from None
    with stream:
        yield lambda found: _write_line(stream, found)


def _write_line(stream: TextIO, found: dict[str, object]) -> None:
    stream.write(json_line(found) + "\n")
    stream.flush()
