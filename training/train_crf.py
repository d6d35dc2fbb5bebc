"""Train the CRF entity tagger and add it to the bundled pipeline, in one command.

    python -m training.train_crf                  # train on GermEval train, ship, score on dev
    python -m training.train_crf --no-ship --output /tmp/crf.crfsuite
    python -m training.train_crf --set crf.c1=0.2 --max-iterations 50

The learner's settings live in ``training/configs/crf_ner.cfg``; the features in
``reader/crf_features.py``. About a minute on one core. ``python -m training.train`` runs this
too after it has trained the neural model, since it replaces the whole model folder.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from training.convert import (
    DEFAULT_CORPORA,
    ROOT,
    Sentence,
    align_europarl,
    read_europarl,
    read_germeval,
)

CONFIG = ROOT / "training" / "configs" / "crf_ner.cfg"
SHIPPED = ROOT / "reader" / "models" / "de_reader_ner"
COMPONENT = "reader_crf_ner"


def load_config(path: Path = CONFIG, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The CRF config as nested dicts, with ``section.key`` overrides applied."""
    from confection import Config

    return Config().from_disk(path, overrides=overrides or {}).interpolate()


def training_sentences(config: dict[str, Any], corpora: Path = DEFAULT_CORPORA) -> list[Sentence]:
    sentences = list(read_germeval(corpora / config["data"]["train"]))
    if config["data"].get("europarl"):
        sentences += align_europarl(list(read_europarl(corpora / "europarl-ner" / "train.tsv")))
    return sentences


def train(sentences: Iterable[Sentence], settings: dict[str, Any], names: bool = False) -> bytes:
    """Train a crfsuite model on (words, BIO tags) sentences; returns the model file's bytes."""
    import pycrfsuite

    from reader.crf_features import sentence_features

    trainer = pycrfsuite.Trainer(algorithm=settings.get("algorithm", "lbfgs"), verbose=False)
    for words, tags in sentences:
        trainer.append(sentence_features(words, names), tags)
    params = {k: v for k, v in settings.items() if k != "algorithm"}
    trainer.set_params({**params, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.crfsuite"
        trainer.train(str(path))
        return path.read_bytes()


def cross_validate(
    sentences: list[Sentence], settings: dict[str, Any], folds: int, names: bool = False
) -> dict[str, Any]:
    """Exact-span scores of the CRF alone, each sentence tagged by a model that never saw it
    (sentence ``i`` is in fold ``i % folds``)."""
    import pycrfsuite

    from reader.crf_features import sentence_features
    from training.evaluate import gold_spans, score

    gold, predicted = [], []
    for fold in range(folds):
        held = [s for i, s in enumerate(sentences) if i % folds == fold]
        model = train((s for i, s in enumerate(sentences) if i % folds != fold), settings, names)
        tagger = pycrfsuite.Tagger()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "model.crfsuite"
            path.write_bytes(model)
            tagger.open(str(path))
            for words, tags in held:
                gold.append(gold_spans(tags))
                predicted.append(gold_spans(tagger.tag(sentence_features(words, names))))
            tagger.close()
    return score(gold, predicted)


def ship(model: bytes, threshold: float, target: Path = SHIPPED, names: bool = False) -> Path:
    """Put the CRF into the pipeline folder ``target``, after its ``ner``, replacing any CRF."""
    import spacy

    from reader import crf_ner  # noqa: F401  (registers the factory)

    nlp = spacy.load(target)
    if COMPONENT in nlp.pipe_names:
        nlp.remove_pipe(COMPONENT)
    after = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    component = nlp.add_pipe(COMPONENT, config={"threshold": threshold, "names": names}, **after)
    component.set_model(model)
    # Write the new folder beside the old one and swap them, so that a failure at any point
    # leaves a complete pipeline where the old one was.
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        staged, backup = Path(tmp) / "new", Path(tmp) / "old"
        nlp.to_disk(staged)
        os.replace(target, backup)
        try:
            os.replace(staged, target)
        except OSError:
            os.replace(backup, target)
            raise
    return target


def train_and_ship(
    corpora: Path = DEFAULT_CORPORA,
    config_path: Path = CONFIG,
    overrides: dict[str, Any] | None = None,
    target: Path | None = SHIPPED,
) -> bytes:
    """Train the CRF as the config says and, unless ``target`` is None, add it to that
    pipeline with its settings noted in the meta.json; returns the model file's bytes."""
    config = load_config(config_path, overrides)
    sentences = training_sentences(config, corpora)
    print(f"CRF: training on {len(sentences)} sentences, {dict(config['crf'])}")
    names = bool(config["features"]["names"])
    model = train(sentences, dict(config["crf"]), names)
    print(f"CRF: model {len(model) / 1e6:.1f} MB")
    if target is None:
        return model
    threshold = config["component"]["threshold"]
    ship(model, threshold, target, names)
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["description"] = (
        "German NER (PER, LOC, ORG, MISC) for the reader: CNN tok2vec + ner, then a CRF "
        "second tagger (reader_crf_ner)"
    )
    meta.setdefault("performance", {})[COMPONENT] = {
        "trained_on": config["data"],
        "settings": dict(config["crf"]),
        "threshold": threshold,
        "features": dict(config["features"]),
    }
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return model


def main(argv: list[str] | None = None) -> None:
    from training.train import parse_overrides

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--max-iterations", type=int, help="shorthand for crf.max_iterations")
    parser.add_argument("--target", type=Path, default=SHIPPED, help="pipeline folder to ship to")
    parser.add_argument("--no-ship", action="store_true", help="only write the model file")
    parser.add_argument("--output", type=Path, help="also write the model file here")
    parser.add_argument(
        "--folds", type=int, help="only cross-validate the CRF alone on train, N folds"
    )
    args = parser.parse_args(argv)

    overrides = parse_overrides(args.set)
    if args.max_iterations is not None:
        overrides["crf.max_iterations"] = args.max_iterations
    if args.folds:
        from training.evaluate import markdown

        config = load_config(args.config, overrides)
        result = cross_validate(
            training_sentences(config, args.corpora),
            dict(config["crf"]),
            args.folds,
            bool(config["features"]["names"]),
        )
        print(markdown(result | {"model": f"CRF alone, {args.folds}-fold CV", "pipeline": []}))
        return
    target = None if args.no_ship else args.target
    model = train_and_ship(args.corpora, args.config, overrides, target)
    if args.output:
        args.output.write_bytes(model)
    if target is None:
        return
    from training.evaluate import markdown
    from training.train import score_shipped

    for result in score_shipped(target, args.corpora / "germeval2014" / "dev.tsv").values():
        print(markdown(result))


if __name__ == "__main__":
    main()
