"""On-disk cache of analyses, keyed by the article text's hash and the pipeline's version.

A second open of the same article is ready at first paint. Entries are JSON, written
atomically; a corrupt, truncated, stale or wrongly shaped entry (checked field by field against
the text) is ignored and rebuilt, never a crash.
The cache lives in the user's cache folder (``READER_CACHE_DIR`` overrides it,
``READER_NO_CACHE=1`` turns it off), never next to the article.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from reader import __version__
from reader.article import parse_article
from reader.config import settings
from reader.files import remove_stale_temporaries, write_atomic
from reader.model import Analysis, Entity, EntityLabel, Mention, Progress, Quote, QuoteKind
from reader.source import Source, read_source

if TYPE_CHECKING:
    from spacy.language import Language

# Bump when the cached payload's meaning changes (new rules give other entities).
FORMAT = 2


def cache_dir() -> Path:
    return settings().cache_dir


def enabled() -> bool:
    return settings().cache


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
    entry = _entry(source.text, model)
    _clean_once(entry.parent)
    try:
        payload = json.loads(entry.read_text(encoding="utf-8"))
        entities, quotes, cached_model = _checked(payload, source.text)
    except (OSError, ValueError, RecursionError):  # RecursionError: JSON nested too deeply
        return None
    return Analysis(
        path=source.path,
        article=parse_article(source.text),
        entities=entities,
        quotes=quotes,
        encoding=source.encoding,
        model=cached_model,
        replaced=source.replaced,
        origin=source.origin,
    )


@functools.cache
def _clean_once(folder: Path) -> None:
    """At the first use of a cache folder: drop what writes killed half-way left behind."""
    remove_stale_temporaries(folder, ".*.json.*.tmp")


# -- what an entry must look like (anything else is a miss) -----------------------------------

_ENTITY_FIELDS = {"id", "name", "label", "aliases", "description", "mentions"}
_MENTION_FIELDS = {"start", "end", "text"}
_QUOTE_FIELDS = {"text", "start", "end", "kind", "speaker", "speaker_name", "cue"}
_LABELS = set(get_args(EntityLabel))
_KINDS = set(get_args(QuoteKind))


def _require(condition: bool) -> None:
    if not condition:
        raise ValueError("a cache entry of the wrong shape")


def _fields(data: object, names: set[str]) -> dict[str, Any]:
    _require(isinstance(data, dict) and data.keys() == names)
    assert isinstance(data, dict)
    return data


def _list(data: object) -> list[Any]:
    _require(isinstance(data, list))
    assert isinstance(data, list)
    return data


def _optional_text(value: object) -> bool:
    return value is None or isinstance(value, str)


def _span(data: dict[str, Any], text: str) -> None:
    """``start`` and ``end`` are offsets into ``text`` and ``text[start:end]`` is the fragment."""
    start, end = data["start"], data["end"]
    _require(type(start) is int and type(end) is int and 0 <= start <= end <= len(text))
    _require(text[start:end] == data["text"])


def _checked(payload: object, text: str) -> tuple[list[Entity], list[Quote], str]:
    """Entities, quotes and model of an entry, every field checked against the text."""
    entry = _fields(payload, {"model", "entities", "quotes"})
    _require(isinstance(entry["model"], str))
    entities = [_entity(data, text) for data in _list(entry["entities"])]
    ids = {entity.id for entity in entities}
    quotes = [_quote(data, text, ids) for data in _list(entry["quotes"])]
    return entities, quotes, entry["model"]


def _entity(data: object, text: str) -> Entity:
    fields = _fields(data, _ENTITY_FIELDS)
    _require(isinstance(fields["id"], str) and isinstance(fields["name"], str))
    _require(fields["label"] in _LABELS and _optional_text(fields["description"]))
    aliases = _list(fields["aliases"])
    _require(all(isinstance(alias, str) for alias in aliases))
    mentions = []
    for item in _list(fields["mentions"]):
        mention = _fields(item, _MENTION_FIELDS)
        _span(mention, text)
        mentions.append(Mention(mention["start"], mention["end"], mention["text"]))
    return Entity(
        fields["id"], fields["name"], fields["label"], aliases, fields["description"], mentions
    )


def _quote(data: object, text: str, entity_ids: set[str]) -> Quote:
    fields = _fields(data, _QUOTE_FIELDS)
    _span(fields, text)
    _require(fields["kind"] in _KINDS and fields["speaker"] in (entity_ids | {None}))
    _require(_optional_text(fields["speaker_name"]) and _optional_text(fields["cue"]))
    return Quote(**fields)


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
        replaced=source.replaced,
        origin=source.origin,
    )
    store(analysis, model)
    return analysis


def analyze_sources_cached(
    sources: Iterable[Source],
    pipeline: Callable[[], Language],
    model_name: str | None = None,
    chunk: int = 64,
    progress: Progress | None = None,
    batch_size: int | None = None,
) -> Iterator[Analysis]:
    """Analyses of many sources, in order: cached ones read back, the rest batched together
    (``progress`` hears how many characters the pipeline has read of them so far, after each
    ``nlp.pipe`` batch of ``batch_size`` passages)."""
    from reader.analysis import analyze_many

    model = model_id(model_name)
    read = 0  # characters of the groups before: progress counts on across groups

    def report(done: int) -> None:
        assert progress is not None
        progress(read + done)

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
            counted = report if progress is not None else None
            fresh = analyze_many((group[i] for i in missing), pipeline(), counted, batch_size)
            for index, analysis in zip(missing, fresh, strict=True):
                store(analysis, model)
                found[index] = analysis
            read += sum(len(group[i].text) for i in missing)
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
