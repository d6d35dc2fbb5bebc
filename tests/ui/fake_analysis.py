"""A stand-in analyzer for UI tests: fixed names found by string search, «…» quotes.

UI tests check what the app does with an analysis, so they must not depend on the trained
model's output (which changes when it is retrained).
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from reader.analysis import Analysis, Entity, Mention, Quote
from reader.article import parse_article
from reader.cache import batched
from reader.model import Progress
from reader.parallel import ProcessAnalyzer
from reader.source import Source, read_source
from reader.ui.app import ReaderApp
from reader.ui.screens.library import BatchAnalyzer

NAMES = {
    "Donald Trump": ("PER", r"\b(?:Donald )?Trumps?\b", "US-Präsident, 79"),
    "Wladimir Putin": ("PER", r"\b(?:Wladimir )?Putins?\b", None),
    "Wolodimir Selenski": ("PER", r"\b(?:Wolodimir )?Selenski\b", "Ukraine-Präsident, 47"),
    "Moskau": ("LOC", r"\bMoskau\b", None),
    "Nato": ("ORG", r"\bNato\b", None),
}


def fake_analyze(source: Source) -> Analysis:
    text = source.text
    entities = []
    for name, (label, pattern, description) in NAMES.items():
        mentions = [Mention(m.start(), m.end(), m.group()) for m in re.finditer(pattern, text)]
        if mentions:
            entities.append(Entity(f"e{len(entities) + 1}", name, label, [], description, mentions))
    quotes = [
        Quote(m.group(1), m.start(1), m.end(1), "direct", None, None, None)
        for m in re.finditer(r"«([^»]{12,})»", text)
    ]
    if quotes and entities:
        quotes[0].speaker, quotes[0].speaker_name = entities[0].id, entities[0].name
    return Analysis(source.path, parse_article(text), entities, quotes, source.encoding, "fake")


def make_app(path: Path) -> ReaderApp:
    """The reader on one article file, analysed by ``fake_analyze``."""
    return ReaderApp(read_source(path), analyzer=fake_analyze)


def slow_batches(seconds: float, chunk: int = 64) -> BatchAnalyzer:
    """A batch analyzer shaped like the real one (``cache.analyze_sources_cached``): ``chunk``
    articles at a time go through the "pipeline", which reports progress after each article
    and takes ``seconds`` over it; the chunk's analyses come out only at its end."""

    def analyze_many(
        sources: Iterable[Source], progress: Progress | None = None
    ) -> Iterator[Analysis]:
        read = 0
        for group in batched(sources, chunk):
            for source in group:
                time.sleep(seconds)
                read += len(source.text)
                if progress is not None:
                    progress(read)
            yield from (fake_analyze(source) for source in group)

    return analyze_many


def start_without_pipeline(model: str | None, quiet: bool) -> None:
    """A pool process's start: ``fake_analyze`` needs no pipeline."""


def fake_analyze_slowly(seconds: float, source: Source) -> Analysis:
    time.sleep(seconds)
    return fake_analyze(source)


def fake_processes(jobs: int = 2, seconds: float = 0.0) -> ProcessAnalyzer:
    """The app's analyzer in ``jobs`` real processes, each taking ``seconds`` an article over
    ``fake_analyze``."""
    analyze = functools.partial(fake_analyze_slowly, seconds)  # picklable, for spawn
    return ProcessAnalyzer(None, jobs, start=start_without_pipeline, analyze=analyze)
