"""Train the reader's German syntax layer and ship it inside the bundled pipeline.

    python -m training.train_syntax                     # convert, train, ship, score
    python -m training.train_syntax --no-ship --output training/runs/syntax-small \\
        --set components.tok2vec.model.encode.width=64
    python -m training.train_syntax --ship-only training/runs/syntax-small/model-best

The model (``tok2vec`` + ``morphologizer`` + ``parser``) is set up in
``training/configs/de_reader_syntax.cfg``; the data is made by ``training.convert_ud`` (UD
German GSD dev + test and the open half of PUD; the sealed half of PUD is never trained on).
The trained pipeline becomes the nested model of the ``reader_syntax`` component
(``reader/syntax.py``) in ``reader/models/de_reader_ner``; the scores on the sealed half of PUD
(``training.evaluate_syntax``) go into its ``meta.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from training.convert import DEFAULT_CORPORA, ROOT
from training.convert_ud import DEFAULT_OUT, convert
from training.train import VERSION

CONFIG = ROOT / "training" / "configs" / "de_reader_syntax.cfg"
OUTPUT = ROOT / "training" / "output" / "syntax"
SHIPPED = ROOT / "reader" / "models" / "de_reader_ner"
COMPONENT = "reader_syntax"

PART_NAMES = {
    "train": "UD German GSD dev + test and the open half of PUD, less the dev tenth",
    "dev": "a tenth of those, by hash: early stopping and settings",
    "test": "the sealed half of UD German PUD (eval.splits): never trained on or tuned on",
}
SOURCES = [
    {
        "name": "UD German GSD (dev and test)",
        "url": "https://github.com/UniversalDependencies/UD_German-GSD",
        "license": "CC BY-SA 4.0",
        "author": "McDonald et al.: Universal Dependency Annotation for Multilingual Parsing, "
        "ACL 2013; UD German GSD contributors",
    },
    {
        "name": "UD German PUD (the open half)",
        "url": "https://github.com/UniversalDependencies/UD_German-PUD",
        "license": "CC BY-SA 3.0",
        "author": "Zeman et al.: CoNLL 2017 Shared Task, Parallel Universal Dependencies; "
        "UD German PUD contributors",
    },
]


def train(
    output: Path = OUTPUT,
    corpus: Path = DEFAULT_OUT,
    config: Path = CONFIG,
    overrides: dict[str, Any] | None = None,
) -> Path:
    """``spacy train`` on one core with the syntax config; returns the ``model-best`` folder."""
    from reader import word_classes  # noqa: F401  (a config may use reader_word_class)
    from training.train import train as spacy_train

    return spacy_train(output, corpus, config, overrides)


def ship(model: Path, target: Path = SHIPPED, select: str = "speech") -> Path:
    """Put the trained syntax pipeline ``model`` into the pipeline folder ``target`` as the
    nested model of ``reader_syntax`` (after the entity taggers), replacing any earlier one."""
    import spacy

    from reader import crf_ner  # noqa: F401  (registers the CRF's factory)
    from reader.syntax import SyntaxParser

    nlp = spacy.load(target)
    if COMPONENT in nlp.pipe_names:
        nlp.remove_pipe(COMPONENT)
    component = nlp.add_pipe(COMPONENT, config={"select": select}, last=True)
    assert isinstance(component, SyntaxParser)
    component.set_model(spacy.load(model))
    _write_in_place(nlp, target)
    return target


def _write_in_place(nlp: Any, target: Path) -> None:
    """Write the new folder beside the old one and swap them, so that a failure at any point
    leaves a complete pipeline where the old one was."""
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        staged, backup = Path(tmp) / "new", Path(tmp) / "old"
        nlp.to_disk(staged)
        os.replace(target, backup)
        try:
            os.replace(staged, target)
        except OSError:
            os.replace(backup, target)
            raise


@contextmanager
def kept_syntax(target: Path = SHIPPED) -> Iterator[None]:
    """Keep the shipped syntax model across a retraining that replaces the folder
    (``training.train``): it goes back in after the block, its scores and sources with it."""
    nested = target / COMPONENT
    with tempfile.TemporaryDirectory() as tmp:
        saved = Path(tmp) / COMPONENT
        performance = None
        if nested.is_dir():
            shutil.copytree(nested, saved)
            meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
            performance = meta.get("performance", {}).get(COMPONENT)
        yield
        if saved.is_dir() and COMPONENT not in _pipe_names(target):
            ship(saved, target)
            if performance is not None:
                settings = performance.pop("settings", {})
                performance.pop("parts", None)
                record(performance, settings, target)


def _pipe_names(target: Path) -> list[str]:
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    return list(meta.get("pipeline", []))


def record(scores: dict[str, Any], settings: dict[str, Any], target: Path = SHIPPED) -> None:
    """Note the syntax scores, sources and version in the pipeline's meta.json."""
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["version"] = VERSION  # the pipeline's, as training.train packages it
    meta["description"] = (
        "German NER (PER, LOC, ORG, MISC) for the reader: CNN tok2vec + ner, then a CRF "
        "second tagger (reader_crf_ner); reader_syntax: UPOS, morphology and dependencies of "
        "the sentences quote attribution reads"
    )
    meta["license"] = "CC BY-SA 4.0"  # shared alike: the syntax model learnt from UD GSD/PUD
    meta.setdefault("performance", {})[COMPONENT] = {
        "settings": settings,
        "parts": PART_NAMES,
        **scores,
    }
    sources = [s for s in meta.get("sources", []) if not s["name"].startswith("UD German")]
    meta["sources"] = sources + SOURCES
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def model_settings(model: Path) -> dict[str, Any]:
    """The sizes that set a syntax model's cost, read from its config."""
    from confection import Config

    config = Config().from_disk(model / "config.cfg", interpolate=False)
    components = config["components"]
    encode = components["tok2vec"]["model"]["encode"]
    parser = components["parser"]["model"]
    return {
        "tok2vec_width": encode["width"],
        "tok2vec_depth": encode["depth"],
        "embed_attrs": components["tok2vec"]["model"]["embed"]["attrs"],
        "parser_hidden_width": parser["hidden_width"],
        "parser_maxout_pieces": parser["maxout_pieces"],
    }


def main(argv: list[str] | None = None) -> None:
    from training.train import parse_overrides

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_OUT, help="where DocBins go")
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--max-steps", type=int, help="shorthand for --set training.max_steps=N")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--no-convert", action="store_true", help="reuse the DocBins in --corpus")
    parser.add_argument("--no-ship", action="store_true", help="do not add it to reader/models")
    parser.add_argument("--ship-only", type=Path, metavar="MODEL", help="ship a trained model")
    parser.add_argument("--target", type=Path, default=SHIPPED, help="pipeline folder to ship to")
    args = parser.parse_args(argv)

    if args.ship_only is not None:
        best = args.ship_only
    else:
        if not args.no_convert:
            for part, (sentences, tokens) in convert(args.corpora, args.corpus).items():
                print(f"{part}: {sentences} sentences, {tokens} tokens")
        overrides = parse_overrides(args.set)
        if args.max_steps is not None:
            overrides["training.max_steps"] = args.max_steps
        best = train(args.output, args.corpus, args.config, overrides)
    if args.no_ship:
        return
    from training.evaluate_syntax import evaluate, markdown

    ship(best, args.target)
    result = evaluate(args.target, args.corpora)
    record(result, model_settings(best), args.target)
    print(markdown(result))


if __name__ == "__main__":
    main()
