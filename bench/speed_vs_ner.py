"""The whole analysis against a default spaCy NER pipeline, on the same articles, same run.

    python bench/speed_vs_ner.py [--articles N] [--repeat N] [--json] [--smoke]

The reference is ``spacy.blank("de")`` with an initialised ``ner`` (labels PER, LOC, ORG, MISC)
over the passages the reader reads. The reader is ``analyze_many`` (pipeline, entities, quotes)
over the same articles: the seed, and with ``../shared/corpora`` present the open half of the
quotes-wikinews dev set (``--smoke``: the seed alone, for CI). One core, CPU seconds
(``time.process_time``), the two runs alternated ``--repeat`` times; the ratio is reference
time over reader time (1 or more: the reader is not slower), as median and range over the
pairs. The breakdown times each stage once, apart, as a share of all stages together;
``reader_syntax`` defers its parses in the bundled pipeline, so the sentences attribution asks
about are parsed, and counted, inside ``quotes``.
"""

from __future__ import annotations

import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import CORPUS, SEED, bench_parser, reference_pipeline, report  # noqa: E402

# Pipeline components grouped into the stages the breakdown shows.
STAGES = {
    "sentencizer": "tokenizer+tok2vec+ner",
    "tok2vec": "tokenizer+tok2vec+ner",
    "ner": "tokenizer+tok2vec+ner",
    "reader_crf_ner": "crf",
    "reader_ner_rules": "ner_rules",
    "reader_syntax": "syntax",
}


def timed_functions(entities: Any, quotes: Any) -> tuple[tuple[Any, str], ...]:
    """The functions of the analysis timed in the breakdown, by module."""
    return ((entities, "resolve_entities"), (quotes, "find_quotes"))


def cpu_seconds(run: Callable[[], object]) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def article_texts(count: int | None) -> list[str]:
    """The seed, then up to ``count`` open dev articles (none when ``count`` is None)."""
    texts = [SEED.read_text(encoding="utf-8")]
    path = CORPUS / "dev.jsonl"
    if count is None or not path.exists():
        return texts
    from eval.splits import is_sealed

    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if is_sealed(record["documentName"]):
                continue
            title = record["documentName"].split(" - ", 1)[-1].rsplit(" (", 1)[0]
            texts.append(f"date 2024-01-01 {title}\n\n{record['text']}")
            if len(texts) > count:
                break
    return texts


def stage_seconds(pipeline: Any, texts: list[str], sources: list[Any]) -> dict[str, float]:
    """CPU seconds of each stage: the components one after another over all docs, then
    entities and quotes timed inside one whole analysis."""
    from reader import entities, quotes
    from reader.analysis import analyze_many

    spent: dict[str, float] = {"tokenizer+tok2vec+ner": 0.0}
    started = time.process_time()
    docs = [pipeline.make_doc(text) for text in texts]
    spent["tokenizer+tok2vec+ner"] += time.process_time() - started
    for name, component in pipeline.pipeline:
        started = time.process_time()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=256))
        else:
            docs = [component(doc) for doc in docs]
        stage = STAGES.get(name, name)
        spent[stage] = spent.get(stage, 0.0) + time.process_time() - started
    originals = {name: getattr(module, name) for module, name in timed_functions(entities, quotes)}
    for module, name in timed_functions(entities, quotes):
        spent[name] = 0.0
        original = originals[name]

        def timed(*args: Any, _f: Any = original, _n: str = name) -> Any:
            begun = time.process_time()
            try:
                return _f(*args)
            finally:
                spent[_n] += time.process_time() - begun

        setattr(module, name, timed)
    try:
        whole = cpu_seconds(lambda: list(analyze_many(sources, pipeline)))
    finally:
        for module, name in timed_functions(entities, quotes):
            setattr(module, name, originals[name])
    spent["entities"] = spent.pop("resolve_entities")
    spent["quotes"] = spent.pop("find_quotes")
    spent["whole_analysis"] = whole
    return spent


def measure(count: int | None, repeat: int) -> dict[str, object]:
    from reader import nlp
    from reader.analysis import analyze_many
    from reader.article import parse_article
    from reader.source import decode

    pipeline = nlp.load_pipeline()
    reference = reference_pipeline()
    raw = article_texts(count)
    articles = [parse_article(text) for text in raw]
    texts = [text for article in articles for _, text in nlp.article_passages(article)]
    sources = [decode(text.encode(), "bench.txt") for text in raw]
    # The first analysis loads the word lists and the quote rules: not counted.
    list(analyze_many(sources[:1], pipeline))
    list(reference.pipe(texts[:1]))
    ratios: list[float] = []
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(repeat):
        theirs.append(cpu_seconds(lambda: list(reference.pipe(texts, batch_size=256))))
        ours.append(cpu_seconds(lambda: list(analyze_many(sources, pipeline))))
        ratios.append(theirs[-1] / ours[-1])
    words = sum(
        1
        for doc in reference.pipe(texts)
        for token in doc
        if not (token.is_punct or token.is_space)
    )
    spent = stage_seconds(pipeline, texts, sources)
    whole = spent.pop("whole_analysis")
    result: dict[str, object] = {
        "articles": len(articles),
        "words": words,
        "pipeline": "+".join(pipeline.pipe_names),
        "repeat": repeat,
        "reference_vs_analysis_median": round(statistics.median(ratios), 3),
        "reference_vs_analysis_min": round(min(ratios), 3),
        "reference_vs_analysis_max": round(max(ratios), 3),
        "reference_words_per_s": round(words / statistics.median(theirs)),
        "analysis_words_per_s": round(words / statistics.median(ours)),
    }
    # Stages run apart cost a little more than inside the stream: shares of their own sum.
    total = sum(spent.values())
    result["stages_sum_vs_whole"] = round(total / whole, 3)
    for stage, seconds in spent.items():
        result[f"share_{stage}"] = round(seconds / total, 3)
    return result


def main() -> int:
    parser = bench_parser(__doc__, "the seed alone, three pairs, for CI")
    parser.add_argument("--articles", type=int, default=100, help="open dev articles")
    parser.add_argument("--repeat", type=int, default=5, help="alternated pairs of runs")
    args = parser.parse_args()
    if args.smoke:
        report(measure(None, 3), args.json)
    else:
        report(measure(args.articles, args.repeat), args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
