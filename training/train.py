"""Retrain the reader's NER pipeline in one command: convert, train, package, evaluate.

The neural ``tok2vec`` + ``ner`` are trained with spaCy, then the CRF second tagger with
``training.train_crf`` (about a minute), which is added to the shipped folder after ``ner``.

    python -m training.train                      # full run, ships to reader/models/de_reader_ner
    python -m training.train --max-steps 3000     # a quick model
    python -m training.train --no-ship --output training/runs/x --set training.dropout=0.2

Everything the model is made of lives in ``training/configs/de_reader_ner.cfg``; ``--set``
overrides one of its values for an experiment (``section.key=value``, value as in the config).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
from pathlib import Path
from typing import Any

from training.convert import DEFAULT_CORPORA, ROOT, convert

CONFIG = ROOT / "training" / "configs" / "de_reader_ner.cfg"
CRF_COMPONENTS = ("reader_crf_ner",)
CORPUS = ROOT / "training" / "corpus"
OUTPUT = ROOT / "training" / "output"
SHIPPED = ROOT / "reader" / "models" / "de_reader_ner"
NAME = "de_reader_ner"
# The version of a first pipeline; later ones are bumped by training.provenance.
VERSION = "0.1.0"

SOURCES = [
    {
        "name": "GermEval 2014 NER",
        "url": "https://sites.google.com/site/germeval2014ner/",
        "license": "CC BY 4.0",
        "author": "Benikova, Biemann, Reznicek: NoSta-D Named Entity Annotation for German, "
        "LREC 2014",
    },
    {
        "name": "Europarl German NER",
        "url": "https://nlpado.de/~sebastian/software/ner_german.shtml",
        "license": "freely available for research",
        "author": "Faruqui, Padó: Training and Evaluating a German Named Entity Recognizer "
        "with Semantic Generalization, KONVENS 2010",
    },
]


def parse_overrides(pairs: list[str]) -> dict[str, Any]:
    """``section.key=value`` strings -> config overrides (values parsed like the config's)."""
    from confection import try_load_json

    overrides: dict[str, Any] = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        overrides[key.strip()] = try_load_json(value.strip())
    return overrides


def train(
    output: Path,
    corpus: Path = CORPUS,
    config: Path = CONFIG,
    overrides: dict[str, Any] | None = None,
) -> Path:
    """Run ``spacy train`` on one core; returns the ``model-best`` folder."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from spacy.cli.train import train as spacy_train

    settings = {
        "paths.train": str(corpus / "train.spacy"),
        "paths.dev": str(corpus / "dev.spacy"),
        **(overrides or {}),
    }
    spacy_train(config, output, overrides=settings)
    return output / "model-best"


def package(
    model: Path,
    target: Path = SHIPPED,
    performance: dict[str, Any] | None = None,
    europarl: bool = False,
) -> Path:
    """Copy a trained pipeline into ``target`` with the reader's name, version and sources.

    ``model-best`` holds no optimizer state; only its meta.json is rewritten. The version and
    files hash of the pipeline it replaces are kept, so that ``tests/test_provenance.py`` asks
    for a new version (``python -m training.provenance --update --version X.Y.Z``).
    """
    old_meta = target / "meta.json"
    replaced = json.loads(old_meta.read_text("utf-8")) if old_meta.exists() else {}
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(model, target)
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        {
            "name": NAME,
            "version": replaced.get("version", VERSION),
            "description": "German NER (PER, LOC, ORG, MISC) for the reader, CNN tok2vec",
            "license": "CC BY 4.0",
            # The sources it was really trained on: GermEval, and Europarl when asked for.
            "sources": SOURCES if europarl else SOURCES[:1],
        }
    )
    if "files_sha256" in replaced:
        meta["files_sha256"] = replaced["files_sha256"]
    if performance is not None:
        meta["performance"] = performance
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def performance_meta(
    model: dict[str, Any],
    rules: dict[str, Any] | None = None,
    ner_alone: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Dev scores in the shape spaCy's meta.json uses, plus speed, the scores with rules and
    those of the neural ``ner`` without the CRF."""

    def scores(result: dict[str, Any]) -> dict[str, Any]:
        overall = result["overall"]
        return {
            "ents_p": overall["p"],
            "ents_r": overall["r"],
            "ents_f": overall["f"],
            "ents_per_type": {
                label: {k: result[label][k] for k in ("p", "r", "f")}
                for label in ("PER", "LOC", "ORG", "MISC")
            },
        }

    performance = {
        "dev_set": "GermEval 2014 dev.tsv (exact span match)",
        **scores(model),
        "words_per_second": model.get("words_per_second"),
    }
    if ner_alone is not None:
        performance["ner_alone"] = scores(ner_alone)
    if rules is not None:
        performance["with_reader_ner_rules"] = scores(rules)
    return performance


def score_shipped(target: Path = SHIPPED, dev: Path | None = None) -> dict[str, Any]:
    """Score the shipped pipeline on dev (as it is, its ``ner`` alone, with the rules) and
    record the scores in its meta.json; returns the three results."""
    from training.evaluate import evaluate

    dev = dev or DEFAULT_CORPORA / "germeval2014" / "dev.tsv"
    results = {
        "pipeline": evaluate(str(target), dev, plain=True),
        "ner_alone": evaluate(str(target), dev, plain=True, speed=False, exclude=CRF_COMPONENTS),
        "with_rules": evaluate(str(target), dev, speed=False, rules=True),
    }
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    crf = meta.get("performance", {}).get("reader_crf_ner")
    meta["performance"] = performance_meta(
        results["pipeline"], results["with_rules"], results["ner_alone"]
    )
    if crf is not None:
        meta["performance"]["reader_crf_ner"] = crf
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="where DocBins are written")
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--max-steps", type=int, help="shorthand for --set training.max_steps=N")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--augment", type=int, default=0, help="name-swapped copies per sentence")
    parser.add_argument("--europarl", action="store_true", help="train on Europarl too")
    parser.add_argument("--no-convert", action="store_true", help="reuse the DocBins in --corpus")
    parser.add_argument("--no-ship", action="store_true", help="do not copy into reader/models")
    args = parser.parse_args(argv)

    if not args.no_convert:
        counts = convert(args.corpora, args.corpus, args.augment, args.europarl)
        for name, count in counts.items():
            print(f"{name}: {count} sentences")
    overrides = parse_overrides(args.set)
    if args.max_steps is not None:
        overrides["training.max_steps"] = args.max_steps
    best = train(args.output, args.corpus, args.config, overrides)
    if args.no_ship:
        return
    from training import train_crf
    from training.evaluate import markdown
    from training.train_syntax import kept_syntax

    # Packaging replaces the model folder: the CRF goes back in after the new ner, and the
    # syntax model (reader_syntax, trained apart) after the scoring.
    with kept_syntax(SHIPPED):
        shipped = package(best, europarl=args.europarl)
        train_crf.train_and_ship(args.corpora, target=shipped)
        for result in score_shipped(shipped, args.corpora / "germeval2014" / "dev.tsv").values():
            print(markdown(result))


if __name__ == "__main__":
    main()
