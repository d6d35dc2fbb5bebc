"""Analysis speed: import and load costs, words/s over many articles, the cache's second open.

    python bench/analysis_bench.py [--articles N] [--json] [--smoke]

Runs on one core (OMP/BLAS threads set to 1 before numpy loads). Words are spaCy tokens that
are not punctuation or spaces.
"""

from __future__ import annotations

import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import corpus_texts, run_counted  # noqa: E402


def measure(count: int) -> dict[str, object]:
    started = time.perf_counter()
    import spacy  # noqa: F401

    import_s = time.perf_counter() - started
    from reader import cache, nlp
    from reader.analysis import analyze_many
    from reader.article import parse_article
    from reader.source import decode

    started = time.perf_counter()
    pipeline = nlp.load_pipeline()
    load_s = time.perf_counter() - started
    # The first document loads the word lists the rules use: counted apart from throughput.
    started = time.perf_counter()
    pipeline("Bundeskanzler Olaf Scholz sprach in Berlin.")
    first_doc_s = time.perf_counter() - started

    articles = [
        parse_article(f"date 2024-01-01 {title}\n\n{text}") for title, text in corpus_texts(count)
    ]
    # Pipeline alone, batched over every passage of every article.
    texts = [text for article in articles for _, text in nlp.article_passages(article)]
    started = time.perf_counter()
    words = 0
    for doc in pipeline.pipe(texts, batch_size=256):
        words += sum(1 for token in doc if not (token.is_punct or token.is_space))
    pipe_s = time.perf_counter() - started

    # The whole analysis (pipeline, entities, quotes) as `reader analyze` runs it: batched.
    sources = [decode(article.text.encode(), "bench.txt") for article in articles]
    started = time.perf_counter()
    for _ in analyze_many(sources, pipeline):
        pass
    analysis_s = time.perf_counter() - started

    # Cold and warm open of one article through the cache.
    with tempfile.TemporaryDirectory() as folder:
        os.environ["READER_CACHE_DIR"] = folder
        source = decode(articles[0].text.encode(), "bench.txt")
        started = time.perf_counter()
        cache.analyze_source_cached(source, lambda: pipeline)
        cold_s = time.perf_counter() - started
        started = time.perf_counter()
        cache.analyze_source_cached(source, lambda: pipeline)
        warm_s = time.perf_counter() - started
    return {
        "articles": len(articles),
        "words": words,
        "import_spacy_s": round(import_s, 3),
        "load_pipeline_s": round(load_s, 3),
        "first_doc_s": round(first_doc_s, 3),
        "pipeline_words_per_s": round(words / pipe_s),
        "analysis_words_per_s": round(words / analysis_s),
        "target_words_per_s": 20000,
        "first_open_one_article_s": round(cold_s, 4),
        "second_open_from_cache_s": round(warm_s, 4),
    }


def main() -> int:
    return run_counted(__doc__, measure, 300, 5, "a few articles, for CI")


if __name__ == "__main__":
    raise SystemExit(main())
