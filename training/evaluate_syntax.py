"""Score the syntax layer on the UD German parts: UPOS, features, trees, relations, speed.

    python -m training.evaluate_syntax                          # the bundled reader_syntax
    python -m training.evaluate_syntax --model training/runs/x/model-best --parts train dev
    python -m training.evaluate_syntax --json

Parts are those of ``training.convert_ud``: ``train``, ``dev`` (the open tenth that chose the
settings) and ``test`` (the sealed half of PUD: read it only for the report). The model reads
the gold tokens (multiword tokens merged, tokens joined as spaCy's tokenizer joins them) through
the ``reader_syntax`` component with ``select="all"``, so quotation marks are read as the reader
reads them.

* UPOS and UFeats: accuracy over tokens (UFeats: the whole kept feature bundle is right).
* Case, Mood, Number, Gender: F over the tokens that carry the feature (a token counts as a
  hit when the predicted value equals the gold one).
* UAS, LAS: over every token, punctuation included; LAS compares the universal part of the
  relation (``nsubj:pass`` = ``nsubj``), as the CoNLL 2018 shared task did; ``LAS_full``
  compares the labels as trained.
* Per relation (``RELATIONS``): F of labelled attachments, with subtypes.
* words/s: tokens through the component per CPU second, one thread.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from training.convert import DEFAULT_CORPORA
from training.convert_ud import PARTS, read_treebanks, to_docs
from training.train_syntax import SHIPPED

RELATIONS = ("nsubj", "nsubj:pass", "obj", "iobj", "obl", "appos", "ccomp", "parataxis", "conj")
FEATURES = ("Case", "Mood", "Number", "Gender")


def load_parser(model: Path) -> Any:
    """The ``reader_syntax`` component of a pipeline folder, or one wrapped around a trained
    syntax pipeline (``model-best``); set to parse every sentence."""
    import spacy

    from reader.syntax import SyntaxParser

    parser = SyntaxParser(select="all")
    nested = model / "reader_syntax"
    parser.set_model(spacy.load(nested if nested.is_dir() else model))
    return parser


def _f(tp: int, predicted: int, gold: int) -> float:
    return round(200 * tp / (predicted + gold), 2) if predicted + gold else 0.0


class Tally:
    """Counts over (gold, predicted) token pairs."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, gold: Any, predicted: Any) -> None:
        counts = self.counts
        counts["tokens"] += 1
        counts["upos"] += gold.pos == predicted.pos
        counts["ufeats"] += str(gold.morph) == str(predicted.morph)
        for feature in FEATURES:
            gold_value, predicted_value = gold.morph.get(feature), predicted.morph.get(feature)
            counts[f"{feature}_gold"] += bool(gold_value)
            counts[f"{feature}_predicted"] += bool(predicted_value)
            counts[f"{feature}_tp"] += bool(gold_value) and gold_value == predicted_value
        attached = gold.head.i == predicted.head.i
        counts["uas"] += attached
        counts["las"] += attached and gold.dep_.split(":")[0] == predicted.dep_.split(":")[0]
        counts["las_full"] += attached and gold.dep_ == predicted.dep_
        counts[f"gold {gold.dep_}"] += 1
        counts[f"predicted {predicted.dep_}"] += 1
        counts[f"tp {gold.dep_}"] += attached and gold.dep_ == predicted.dep_

    def scores(self) -> dict[str, Any]:
        counts = self.counts
        n = counts["tokens"] or 1

        def accuracy(key: str) -> float:
            return round(100 * counts[key] / n, 2)

        result: dict[str, Any] = {"tokens": counts["tokens"]}
        result.update({key: accuracy(key) for key in ("upos", "ufeats")})
        for feature in FEATURES:
            result[f"{feature.lower()}_f"] = _f(
                counts[f"{feature}_tp"], counts[f"{feature}_predicted"], counts[f"{feature}_gold"]
            )
        result.update({key: accuracy(key) for key in ("uas", "las", "las_full")})
        result["relations_f"] = {
            label: _f(counts[f"tp {label}"], counts[f"predicted {label}"], counts[f"gold {label}"])
            for label in RELATIONS
        }
        result["relations_gold"] = {label: counts[f"gold {label}"] for label in RELATIONS}
        return result


def score(parser: Any, gold_docs: Iterable[Any]) -> dict[str, Any]:
    """Parse a copy of each gold doc's tokens and score it; adds words/s (CPU time)."""
    from spacy.tokens import Doc

    tally = Tally()
    gold_docs = list(gold_docs)
    vocab = parser.model.vocab  # German, as the reader's docs are (the gold docs' is bare)
    inputs = [
        Doc(vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g])
        for g in gold_docs
    ]
    started = time.process_time()
    predicted = list(parser.pipe(inputs))
    seconds = time.process_time() - started
    for gold, doc in zip(gold_docs, predicted, strict=True):
        for gold_token, token in zip(gold, doc, strict=True):
            tally.add(gold_token, token)
    result = tally.scores()
    result["words_per_second"] = round(result["tokens"] / seconds) if seconds else None
    return result


def evaluate(
    model: Path = SHIPPED, corpora: Path = DEFAULT_CORPORA, parts: Iterable[str] = PARTS
) -> dict[str, Any]:
    """Scores of a model on each part, by part name."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    parser = load_parser(model)
    sentences = read_treebanks(corpora)
    return {part: score(parser, to_docs(sentences[part])) for part in parts}


def markdown(results: dict[str, Any]) -> str:
    """The parts side by side, one row per measure."""
    parts = list(results)
    rows = [f"| measure | {' | '.join(parts)} |", f"|---|{'---|' * len(parts)}"]
    keys = [k for k in results[parts[0]] if k not in ("relations_f", "relations_gold")]
    for key in keys:
        rows.append(f"| {key} | {' | '.join(str(results[p][key]) for p in parts)} |")
    for label in RELATIONS:
        cells = [
            f"{results[p]['relations_f'][label]} ({results[p]['relations_gold'][label]})"
            for p in parts
        ]
        rows.append(f"| {label} F (gold count) | {' | '.join(cells)} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=SHIPPED, help="pipeline or syntax model")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = evaluate(args.model, args.corpora, args.parts)
    print(json.dumps(results) if args.json else markdown(results))


if __name__ == "__main__":
    main()
