"""Analysis in several processes: each loads the pipeline once, results come back in order.

Memory stays bounded whatever the number of articles: at most a few articles per process are
in flight, and each result is handed on as soon as the ones before it are.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from reader.model import Analysis
    from reader.source import Source

# Articles waiting per process: enough to keep every process busy while one result is handed
# on, few enough that memory does not grow with the archive.
IN_FLIGHT_PER_JOB = 2

_pipeline: Language | None = None
_model: str | None = None


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start_worker(model: str | None) -> None:
    """Load the pipeline once per process, not once per article."""
    global _pipeline, _model
    from reader.nlp import load_pipeline

    _model = model
    _pipeline = load_pipeline(model)


def _analyze_in_worker(source: Source) -> Analysis:
    from reader import cache

    assert _pipeline is not None
    pipeline = _pipeline
    return cache.analyze_source_cached(source, lambda: pipeline, _model)


def analyze_in_processes(
    sources: Iterable[Source], model: str | None, jobs: int
) -> Iterator[Analysis]:
    """Analyses of ``sources`` in input order, made by ``jobs`` processes."""
    iterator = iter(sources)
    first = list(islice(iterator, 2))
    if jobs <= 1 or len(first) < 2:  # one article: starting processes only costs time
        yield from _in_process(chain(first, iterator), model)
        return
    with analysis_pool(jobs, model) as pool:
        yield from in_order(pool, chain(first, iterator), jobs)


def analysis_pool(jobs: int, model: str | None) -> ProcessPoolExecutor:
    """``jobs`` processes that have each loaded the pipeline (on their first article)."""
    # spawn, not fork: the parent may hold threads (the app) whose locks a fork would copy.
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(jobs, context, _start_worker, (model,))


def in_order(pool: ProcessPoolExecutor, sources: Iterable[Source], jobs: int) -> Iterator[Analysis]:
    """Analyses from ``pool`` in input order, with at most a few articles per process pending."""
    window: deque[Future[Analysis]] = deque()
    try:
        for source in sources:
            window.append(pool.submit(_analyze_in_worker, source))
            if len(window) >= jobs * IN_FLIGHT_PER_JOB:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    finally:
        for future in window:
            future.cancel()


def _in_process(sources: Iterable[Source], model: str | None) -> Iterator[Analysis]:
    from reader import cache
    from reader.nlp import load_pipeline

    yield from cache.analyze_sources_cached(sources, lambda: load_pipeline(model), model)
