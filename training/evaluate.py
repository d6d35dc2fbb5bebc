"""Score a NER pipeline on GermEval 2014 dev: P/R/F per label and overall, exact span match.

The pipeline is loaded with ``reader.nlp.load_pipeline`` (the bundled one by default), so the
reader's own ``reader_*`` components run too. Sentences are fed as Docs built from GermEval's
own tokens, so gold and predicted spans share token offsets.

    python -m training.evaluate [--model PATH] [--dev FILE | --europarl] [--json] [--save WHAT]

``--europarl`` scores on Europarl's test split instead (aligned to GermEval's guidelines as in
training, see ``training.convert.align_europarl``): text that neither the model nor the rules
were tuned on, though its guidelines for ORG and MISC differ.

``--uner`` scores on ``extra-ner/uner_german_pud`` (Universal NER, German PUD: news and
Wikipedia sentences), a second dev set. Its gold has PER, LOC and ORG only, so MISC
predictions are dropped and "overall" is over those three labels.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from training.convert import (
    DEFAULT_CORPORA,
    LABELS,
    Sentence,
    align_europarl,
    read_europarl,
    read_germeval,
    spans_of,
)

if TYPE_CHECKING:
    from spacy.language import Language

Span = tuple[int, int, str]


def gold_spans(tags: list[str]) -> set[Span]:
    """Token spans (start, end, label) of a clean IOB2 tag sequence."""
    return set(spans_of(tags))


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4)}


def score(gold: Iterable[set[Span]], predicted: Iterable[set[Span]]) -> dict[str, Any]:
    """Exact-match scores overall and per label (counts included)."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold_set, pred_set in zip(gold, predicted, strict=True):
        for span in pred_set:
            (tp if span in gold_set else fp)[span[2]] += 1
        for span in gold_set - pred_set:
            fn[span[2]] += 1
    result: dict[str, Any] = {"overall": prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))}
    result["overall"]["n"] = sum(tp.values()) + sum(fn.values())
    for label in LABELS:
        result[label] = prf(tp[label], fp[label], fn[label]) | {"n": tp[label] + fn[label]}
    return result


def read_uner(corpora: Path = DEFAULT_CORPORA) -> list[Sentence]:
    """The UNER German PUD sentences (``token<TAB>tag``, gold PER/LOC/ORG)."""
    import gzip

    from training.build_names import read_tsv

    path = corpora / "extra-ner" / "uner_german_pud" / "test.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [([w for w, _ in s], [t for _, t in s]) for s in read_tsv(handle)]


def predict(nlp: Language, sentences: list[Sentence], batch_size: int = 256) -> list[set[Span]]:
    """Entity spans the pipeline finds in Docs built from the sentences' own words."""
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=words) for words, _ in sentences)
    return [
        {(ent.start, ent.end, ent.label_) for ent in doc.ents}
        for doc in nlp.pipe(docs, batch_size=batch_size)
    ]


def words_per_second(nlp: Language, texts: list[str], min_seconds: float = 3.0) -> float:
    """Throughput of ``nlp.pipe`` on raw text (tokeniser included), the way the reader runs it.

    Counted per second of this process's CPU time, so that other jobs on a shared machine do
    not make it look slower; with one thread that is the one-core speed.
    """
    list(nlp.pipe(texts[:50]))  # warm up
    words, start = 0, time.process_time()
    while time.process_time() - start < min_seconds:
        words += sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    return words / (time.process_time() - start)


def load(
    model: str | None = None,
    plain: bool = False,
    rules: bool = False,
    exclude: tuple[str, ...] = (),
) -> Language:
    """A fresh pipeline: the reader's (``load_pipeline``) or, with ``plain``, spaCy's own.

    ``rules`` adds the ``reader_ner_rules`` second opinion where the pipeline lacks it;
    ``exclude`` leaves out components of a plain pipeline (``reader_crf_ner``: the CNN alone).
    """
    if plain:
        import spacy

        from reader.nlp import BUNDLED_MODEL

        nlp = spacy.load(model or BUNDLED_MODEL, exclude=list(exclude))
    else:
        from reader.nlp import _load_pipeline

        # Past the cache: a fresh object to time and to add components to.
        nlp = _load_pipeline.__wrapped__(model)
    if rules:
        from reader.pipes import add_ner_rules

        add_ner_rules(nlp)
    return nlp


def evaluate(
    model: str | None = None,
    dev: Path | None = None,
    speed: bool = True,
    rules: bool = False,
    plain: bool = False,
    europarl: bool = False,
    corpora: Path = DEFAULT_CORPORA,
    exclude: tuple[str, ...] = (),
    part: str = "all",
    uner: bool = False,
) -> dict[str, Any]:
    """Load the pipeline, score it on ``dev`` (or Europarl's test split) and time it.

    ``part`` is ``open`` or ``sealed`` for a half of the sentences (``eval/splits.py``, keyed
    by the sentence's words), ``all`` for every one."""
    from eval.splits import select

    if europarl:
        sentences = align_europarl(list(read_europarl(corpora / "europarl-ner" / "test.tsv")))
    elif uner:
        sentences = read_uner(corpora)
    else:
        sentences = list(read_germeval(dev or corpora / "germeval2014" / "dev.tsv"))
    sentences = select(sentences, lambda sentence: " ".join(sentence[0]), part)
    start = time.perf_counter()
    nlp = load(model, plain, rules, exclude)
    load_seconds = time.perf_counter() - start
    predicted = predict(nlp, sentences)
    if uner:
        predicted = [{span for span in spans if span[2] != "MISC"} for spans in predicted]
    result = score([gold_spans(tags) for _, tags in sentences], predicted)
    result["model"] = model or "bundled"
    result["part"] = part
    result["pipeline"] = nlp.pipe_names
    result["load_seconds"] = round(load_seconds, 3)
    if speed:
        texts = [" ".join(words) for words, _ in sentences]
        result["words_per_second"] = round(words_per_second(nlp, texts))
    return result


def markdown(result: dict[str, Any]) -> str:
    """A markdown table of the scores."""
    rows = ["| label | P | R | F | n |", "|---|---|---|---|---|"]
    for label in ("overall", *LABELS):
        s = result[label]
        rows.append(f"| {label} | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} | {s['n']} |")
    lines = [f"model: {result['model']} ({', '.join(result['pipeline'])})", "", *rows]
    if "words_per_second" in result:
        lines += [
            "",
            f"load {result['load_seconds']:.2f} s, {result['words_per_second']:,} words/s",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="pipeline folder or package (default: the bundled one)")
    parser.add_argument("--dev", type=Path, help="GermEval TSV to score on (default: dev.tsv)")
    parser.add_argument("--europarl", action="store_true", help="score on Europarl test instead")
    parser.add_argument("--uner", action="store_true", help="score on UNER German PUD instead")
    parser.add_argument("--json", action="store_true", help="print JSON instead of markdown")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput timing")
    parser.add_argument("--rules", action="store_true", help="add the reader_ner_rules component")
    parser.add_argument("--plain", action="store_true", help="spacy.load, no reader components")
    parser.add_argument(
        "--exclude", action="append", default=[], help="with --plain: leave out this component"
    )
    parser.add_argument(
        "--part",
        choices=("all", "open", "sealed"),
        default="all",
        help="a half of the sentences (eval/splits.py): tune on open, report sealed",
    )
    parser.add_argument(
        "--save",
        metavar="WHAT",
        choices=("reader", "ner", "crf", "ner+crf", "ner+rules"),
        help="store the scores as WHAT runs in eval/results (the README tables, eval/tables.py)",
    )
    args = parser.parse_args(argv)
    if args.save and args.model:
        parser.error("--save: the README's figures are of the bundled pipeline")
    result = evaluate(
        args.model,
        args.dev,
        speed=not args.no_speed,
        rules=args.rules,
        plain=args.plain,
        europarl=args.europarl,
        exclude=tuple(args.exclude),
        part=args.part,
        uner=args.uner,
    )
    print(json.dumps(result, indent=2) if args.json else markdown(result))
    if args.save:
        from eval.results import save
        from training.provenance import read_meta

        dataset = (args.dev or Path("germeval-dev.tsv")).stem
        if args.europarl or args.uner:
            dataset = "europarl-test" if args.europarl else "uner-pud"
        dataset += "" if args.part == "all" else f"-{args.part}"
        stored = {key: result[key] for key in ("overall", *LABELS, "pipeline") if key in result}
        meta = read_meta()
        stored["model"] = f"{meta['name']}-{meta['version']}"
        save(("ner", args.save, dataset), stored)


if __name__ == "__main__":
    main()
