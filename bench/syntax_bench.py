"""What the syntax layer costs: reader_syntax against a default spaCy NER pipeline.

    python bench/syntax_bench.py [--articles N] [--repeat N] [--sizes] [--json] [--smoke]

On the same articles in the same run, one core, CPU seconds (best of ``--repeat``, the runs
interleaved):

* the reference: ``spacy.blank("de")`` + ``add_pipe("ner")`` initialised with PER, LOC, ORG,
  MISC, over the passages the reader reads;
* the whole analysis (``analyze_many``: pipeline, entities, quotes) with and without
  ``reader_syntax``, and the ratio of each to the reference (speed: above 1 is faster);
* ``reader_syntax`` alone over the docs the pipeline hands it, parsing every selected
  sentence at once (not deferred): the share of sentences and words it selects, and words/s
  (of the words it parses, and of all words). The bundled pipeline defers the parses: the
  analysis parses only the selected sentences attribution asks about.

``--sizes`` adds what the model sizes the training tried would cost (untrained models with
the shipped labels: the cost does not depend on the weights). Words are spaCy tokens that are
not punctuation or spaces.
"""

from __future__ import annotations

import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import bench_parser, corpus_texts, reference_pipeline, report  # noqa: E402

# (tok2vec width, depth, parser hidden width, maxout pieces) of the sizes compared.
SIZES = ((96, 4, 128, 3), (64, 4, 64, 2), (64, 2, 64, 2), (32, 2, 32, 2))


def cpu_seconds(run: Callable[[], object]) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def count_words(docs: list[Any]) -> int:
    return sum(1 for doc in docs for token in doc if not (token.is_punct or token.is_space))


def component_cost(pipeline: Any, texts: list[str], repeat: int) -> dict[str, object]:
    """Run the pipeline up to reader_syntax, then time reader_syntax alone on those docs
    (best of ``repeat``)."""
    component = pipeline.get_pipe("reader_syntax")
    with pipeline.select_pipes(disable=["reader_syntax"]):
        docs = list(pipeline.pipe(texts, batch_size=256))
    words = count_words(docs)
    selected = [component.select_sentences(doc) for doc in docs]
    sentences = sum(len(chosen) for _, _, chosen in selected)
    parsed = sum(sum(chosen) for _, _, chosen in selected)
    parsed_words = sum(
        sum(1 for token in doc[start:end] if not (token.is_punct or token.is_space))
        for doc, (bounds, _, chosen) in zip(docs, selected, strict=True)
        for (start, end), parse in zip(bounds, chosen, strict=True)
        if parse
    )
    # The cost of parsing every selected sentence: with ``defer`` the component alone parses
    # none (the analysis parses those attribution asks about).
    deferred, component.defer = component.defer, False
    try:
        seconds = min(
            cpu_seconds(lambda: list(component.pipe(docs, batch_size=256))) for _ in range(repeat)
        )
    finally:
        component.defer = deferred
    return {
        "sentences": sentences,
        "sentences_parsed_share": round(parsed / max(sentences, 1), 3),
        "words_parsed_share": round(parsed_words / max(words, 1), 3),
        "syntax_words_per_s_parsed": round(parsed_words / seconds) if seconds else None,
        "syntax_words_per_s_all": round(words / seconds) if seconds else None,
        "syntax_us_per_word": round(1e6 * seconds / max(words, 1), 1),
    }


def size_costs(texts: list[str], pipeline: Any) -> dict[str, object]:
    """µs per parsed word of each candidate size, on the sentences reader_syntax selects."""
    from confection import Config
    from spacy.util import load_model_from_config

    from reader.syntax import SyntaxParser

    shipped = pipeline.get_pipe("reader_syntax").model
    config_path = Path(__file__).resolve().parent.parent / "training" / "configs"
    with pipeline.select_pipes(disable=["reader_syntax"]):
        docs = list(pipeline.pipe(texts, batch_size=256))
    costs: dict[str, object] = {}
    for width, depth, hidden, pieces in SIZES:
        config = Config().from_disk(
            config_path / "de_reader_syntax.cfg",
            overrides={
                "components.tok2vec.model.encode.width": width,
                "components.tok2vec.model.encode.depth": depth,
                "components.parser.model.hidden_width": hidden,
                "components.parser.model.maxout_pieces": pieces,
            },
        )
        model = load_model_from_config(config, auto_fill=True)
        for name in ("morphologizer", "parser"):
            trained: Any = shipped.get_pipe(name)
            untrained: Any = model.get_pipe(name)
            for label in trained.labels:
                untrained.add_label(label)
        model.initialize()
        parser = SyntaxParser(select="speech")
        parser.set_model(model)
        words = count_words(docs)
        seconds = cpu_seconds(lambda p=parser: list(p.pipe(docs, batch_size=256)))  # type: ignore[misc]
        costs[f"size_{width}x{depth}_h{hidden}_us_per_word"] = round(1e6 * seconds / words, 1)
    return costs


def measure(count: int, repeat: int, sizes: bool) -> dict[str, object]:
    from reader import nlp
    from reader.analysis import analyze_many
    from reader.article import parse_article
    from reader.source import decode

    pipeline = nlp.load_pipeline()
    if "reader_syntax" not in pipeline.pipe_names:
        raise SystemExit("the bundled pipeline has no reader_syntax (training.train_syntax)")
    reference = reference_pipeline()
    articles = [
        parse_article(f"date 2024-01-01 {title}\n\n{text}") for title, text in corpus_texts(count)
    ]
    texts = [text for article in articles for _, text in nlp.article_passages(article)]
    sources = [decode(article.text.encode(), "bench.txt") for article in articles]
    words = count_words(list(reference.pipe(texts, batch_size=256)))
    # The first analysis loads the word lists and the quote rules: not counted.
    for _ in analyze_many(sources[:1], pipeline):
        pass

    def analyse() -> None:
        for _ in analyze_many(sources, pipeline):
            pass

    def analyse_without_syntax() -> None:
        with pipeline.select_pipes(disable=["reader_syntax"]):
            analyse()

    timings: dict[str, list[float]] = {"reference": [], "analysis": [], "no_syntax": []}
    for _ in range(repeat):
        timings["reference"].append(
            cpu_seconds(lambda: list(reference.pipe(texts, batch_size=256)))
        )
        timings["analysis"].append(cpu_seconds(analyse))
        timings["no_syntax"].append(cpu_seconds(analyse_without_syntax))
    best = {name: min(values) for name, values in timings.items()}
    result: dict[str, object] = {
        "articles": len(articles),
        "words": words,
        "reference_words_per_s": round(words / best["reference"]),
        "analysis_words_per_s": round(words / best["analysis"]),
        "analysis_without_syntax_words_per_s": round(words / best["no_syntax"]),
        "analysis_vs_reference": round(best["reference"] / best["analysis"], 3),
        "analysis_without_syntax_vs_reference": round(best["reference"] / best["no_syntax"], 3),
    }
    result.update(component_cost(pipeline, texts, repeat))
    if sizes:
        result.update(size_costs(texts, pipeline))
    return result


def main() -> int:
    parser = bench_parser(__doc__, "a few articles, once, for CI")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", action="store_true", help="also the cost of other sizes")
    args = parser.parse_args()
    if args.smoke:
        report(measure(5, 1, sizes=False), args.json)
    else:
        report(measure(args.articles, args.repeat, args.sizes), args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
