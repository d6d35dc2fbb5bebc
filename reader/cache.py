"""On-disk cache of analyses, keyed by the article text's hash and the pipeline's version.

A second open of the same article is ready at first paint. Entries are JSON, written
atomically; a corrupt, truncated or stale entry is ignored and rebuilt, never a crash.
The cache lives in the user's cache folder (``READER_CACHE_DIR`` overrides it,
``READER_NO_CACHE=1`` turns it off), never next to the article.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import __version__
from reader.analysis import Analysis, Entity, Mention, Quote
from reader.article import parse_article
from reader.files import write_atomic
from reader.source import Source, read_source

if TYPE_CHECKING:
    from spacy.language import Language

# Bump when the cached payload's meaning changes (new rules give other entities).
FORMAT = 1


def cache_dir() -> Path:
    override = os.environ.get("READER_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("reader", appauthor=False))


def enabled() -> bool:
    return os.environ.get("READER_NO_CACHE", "") not in ("1", "true", "yes")


def model_id(name: str | None) -> str:
    """The pipeline's name and version, read without importing spaCy."""
    from importlib import metadata

    from reader.nlp import BUNDLED_MODEL

    if name is None:
        meta_path = BUNDLED_MODEL / "meta.json"
    elif Path(name).is_dir():
        meta_path = Path(name) / "meta.json"
    else:
        try:
            return f"{name}-{metadata.version(name)}"
        except metadata.PackageNotFoundError:
            return f"{name}-unknown"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        return f"{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
    except (OSError, ValueError):
        return "pipeline-unknown"


def key(text: str, model: str) -> str:
    digest = hashlib.sha256()
    digest.update(f"{__version__}\0{FORMAT}\0{model}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _entry(text: str, model: str) -> Path:
    return cache_dir() / "analyses" / f"{key(text, model)}.json"


def load(source: Source, model: str) -> Analysis | None:
    """The cached analysis of this text with this pipeline, or None."""
    if not enabled():
        return None
    try:
        payload = json.loads(_entry(source.text, model).read_text(encoding="utf-8"))
        entities = [_entity(e) for e in payload["entities"]]
        quotes = [Quote(**q) for q in payload["quotes"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Analysis(
        path=source.path,
        article=parse_article(source.text),
        entities=entities,
        quotes=quotes,
        encoding=source.encoding,
        model=payload.get("model", model),
        origin=source.origin,
    )


def _entity(data: dict[str, Any]) -> Entity:
    mentions = [Mention(**m) for m in data.pop("mentions")]
    return Entity(**data, mentions=mentions)


def store(analysis: Analysis, model: str) -> None:
    """Write the entry atomically; a failure to write is not the user's problem."""
    if not enabled():
        return
    payload = {
        "model": analysis.model,
        "entities": [e.to_dict() for e in analysis.entities],
        "quotes": [q.to_dict() for q in analysis.quotes],
    }
    with contextlib.suppress(OSError):  # a cache that cannot be written is only slower
        write_atomic(_entry(analysis.text, model), json.dumps(payload, ensure_ascii=False))


def analyze_source_cached(
    source: Source, pipeline: Callable[[], Language], model_name: str | None = None
) -> Analysis:
    """The analysis from the cache, or computed with ``pipeline()`` and stored."""
    from reader.analysis import analyze_article

    model = model_id(model_name)
    cached = load(source, model)
    if cached is not None:
        return cached
    analysis = analyze_article(
        parse_article(source.text),
        path=source.path,
        encoding=source.encoding,
        nlp=pipeline(),
        origin=source.origin,
    )
    store(analysis, model)
    return analysis


def analyze_sources_cached(
    sources: Iterable[Source],
    pipeline: Callable[[], Language],
    model_name: str | None = None,
    chunk: int = 64,
) -> Iterator[Analysis]:
    """Analyses of many sources, in order: cached ones read back, the rest batched together."""
    from reader.analysis import analyze_many

    model = model_id(model_name)
    for group in batched(sources, chunk):
        found: dict[int, Analysis] = {}
        missing: list[int] = []
        for index, source in enumerate(group):
            cached = load(source, model)
            if cached is None:
                missing.append(index)
            else:
                found[index] = cached
        if missing:
            fresh = analyze_many((group[i] for i in missing), pipeline())
            for index, analysis in zip(missing, fresh, strict=True):
                store(analysis, model)
                found[index] = analysis
        yield from (found[index] for index in range(len(group)))


def batched(items: Iterable[Source], size: int) -> Iterator[list[Source]]:
    """Lists of up to ``size`` items (itertools.batched arrives only in Python 3.12)."""
    iterator = iter(items)
    while group := list(islice(iterator, size)):
        yield group


def analyze_path_cached(
    path: str, pipeline: Callable[[], Language], model_name: str | None = None
) -> Analysis:
    return analyze_source_cached(read_source(path), pipeline, model_name)
