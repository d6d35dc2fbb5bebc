"""Analysis in several processes: each loads the pipeline once, results come back in order.

Memory stays bounded whatever the number of articles: at most a few articles per process are
in flight, and each result is handed on as soon as the ones before it are.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from multiprocessing import resource_tracker
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from reader.model import Analysis, Progress
    from reader.source import Source

# Articles waiting per process: enough to keep every process busy while one result is handed
# on, few enough that memory does not grow with the archive.
IN_FLIGHT_PER_JOB = 2
# How often a caller waiting for a result hears about it (and may stop the stream).
POLL = 0.05
# Seconds to wait for an ended process to be reaped.
STOP_WAIT = 2.0

_pipeline: Language | None = None
_model: str | None = None


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def chosen_jobs(given: int | None = None) -> int:
    """``given`` (``--jobs``), else the ``jobs`` setting, else the cores."""
    from reader.config import settings

    if given is not None:
        return given
    return settings().jobs or default_jobs()


def _start_worker(model: str | None, quiet: bool = False) -> None:
    """Load the pipeline once per process, not once per article."""
    global _pipeline, _model
    if quiet:
        _silence()
    from reader.nlp import load_pipeline

    _model = model
    _pipeline = load_pipeline(model)


def _initialize(start: Callable[[str | None, bool], None], model: str | None, quiet: bool) -> None:
    _end_with_parent()
    start(model, quiet)


def _end_with_parent() -> None:
    """Exit when the parent does: a pool's process waits on a queue whose write end it holds
    too, so were the parent killed (SIGKILL, out of memory) it would wait forever, pipeline
    loaded."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])  # readable once the parent is gone
        os._exit(1)

    threading.Thread(target=watch, name="reader-parent-watch", daemon=True).start()


def _silence() -> None:
    """Send what this process prints to nowhere: under the app, a library's warning on the
    inherited terminal would be drawn over the screen (errors still come back as exceptions)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


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


def analysis_pool(
    jobs: int,
    model: str | None,
    quiet: bool = False,
    start: Callable[[str | None, bool], None] = _start_worker,
) -> ProcessPoolExecutor:
    """``jobs`` processes that have each loaded the pipeline (on their first article)."""
    # spawn, not fork: the parent may hold threads (the app) whose locks a fork would copy.
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(jobs, context, _initialize, (start, model, quiet))


def in_order(pool: ProcessPoolExecutor, sources: Iterable[Source], jobs: int) -> Iterator[Analysis]:
    """Analyses from ``pool`` in input order, with at most a few articles per process pending."""
    futures = (pool.submit(_analyze_in_worker, source) for source in sources)
    yield from _in_order(futures, jobs * IN_FLIGHT_PER_JOB)


def _in_order(
    futures: Iterable[Future[Analysis]], limit: int, progress: Progress | None = None
) -> Iterator[Analysis]:
    """The results of ``futures`` in their order, at most ``limit`` of them submitted and not
    handed on; ``progress`` hears the characters of the results so far, also every
    ``POLL`` seconds while one is awaited (it may raise to stop the stream)."""
    window: deque[Future[Analysis]] = deque()
    read = 0

    def oldest() -> Analysis:
        nonlocal read
        analysis = _result(window.popleft(), progress, read)
        read += len(analysis.text)
        return analysis

    try:
        for future in futures:
            window.append(future)
            if len(window) >= limit:
                yield oldest()
        while window:
            yield oldest()
    finally:
        for future in window:
            future.cancel()


def _result(future: Future[Analysis], progress: Progress | None, read: int) -> Analysis:
    while True:
        try:
            return future.result(timeout=None if progress is None else POLL)
        except TimeoutError:
            assert progress is not None
            progress(read)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel what waits, end the processes now (not after their article) and reap them."""
    # Python 3.14's pool.terminate_workers() does this; until then, the pool's own fields.
    # The live mapping, read after shutdown: a submit under way when it was called may still
    # have been starting a process (shutdown waits for it).
    live = pool._processes or {}
    manager: threading.Thread | None = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    processes = list(live.values())
    for process in processes:
        with contextlib.suppress(ValueError, OSError):  # already closed or gone
            process.terminate()
    for process in processes:
        process.join(timeout=STOP_WAIT)
    if manager is not None:
        manager.join(timeout=STOP_WAIT)


class ProcessAnalyzer:
    """A ``BatchAnalyzer`` for a long-lived owner (the app): cached articles are read here, the
    others go to a pool of ``jobs`` processes started at the first of them and kept for the
    next calls, until ``close``."""

    def __init__(
        self,
        model: str | None,
        jobs: int,
        *,
        quiet: bool = False,
        start: Callable[[str | None, bool], None] = _start_worker,
        analyze: Callable[[Source], Analysis] = _analyze_in_worker,
    ) -> None:
        self.model = model
        self.jobs = jobs
        self.quiet = quiet
        self._start = start
        self._analyze = analyze  # module-level functions: spawn pickles them by name
        self._pool: ProcessPoolExecutor | None = None
        self.starts = 0  # pools started: one for the app's life, unless a process died
        self._closed = False
        self._lock = threading.Lock()  # a feed refresh's worker may start while one ends
        # spawn's helper process starts now, while sys.stderr is still a file: started under
        # the app, it would get Textual's stand-in, whose fileno() is -1, and fail to start.
        resource_tracker.ensure_running()

    def __call__(
        self, sources: Iterable[Source], progress: Progress | None = None
    ) -> Iterator[Analysis]:
        """Analyses of ``sources`` in order; ``progress`` is called while results are awaited,
        so that an exception it raises stops the stream within ``POLL`` seconds."""
        from reader import cache

        model = cache.model_id(self.model)
        futures = (self._submit(source, model) for source in sources)
        try:
            yield from _in_order(futures, self.jobs * IN_FLIGHT_PER_JOB, progress)
        except BrokenProcessPool:
            self._discard()  # a process died (memory?): the next call starts a new pool
            raise

    def _submit(self, source: Source, model: str) -> Future[Analysis]:
        from reader import cache

        cached = cache.load(source, model)
        if cached is None:
            return self._started().submit(self._analyze, source)
        done: Future[Analysis] = Future()
        done.set_result(cached)
        return done

    def _started(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise RuntimeError("the analysis processes have been stopped")
            if self._pool is None:
                self._pool = analysis_pool(self.jobs, self.model, self.quiet, self._start)
                self.starts += 1
            return self._pool

    def _discard(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            stop_pool(pool)

    def close(self) -> None:
        """Stop the processes now; the analyzer cannot be used again."""
        with self._lock:
            self._closed = True
        self._discard()


def _in_process(sources: Iterable[Source], model: str | None) -> Iterator[Analysis]:
    from reader import cache
    from reader.nlp import load_pipeline

    yield from cache.analyze_sources_cached(sources, lambda: load_pipeline(model), model)
