"""Run several training variants side by side (one core each) and tabulate their dev scores.

Each variant is a name, a training DocBin and ``--set`` style overrides of the config. A run
that reaches ``--time-limit`` is stopped; its ``model-best`` (saved at every dev improvement)
is what gets scored. Scores are spaCy's own exact-span dev scores from ``model-best/meta.json``.

    python -m training.sweep --variants training/configs/sweep.json --jobs 2 --out training/runs
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from training.train import CONFIG, CORPUS

LABELS = ("PER", "LOC", "ORG", "MISC")


def command(variant: dict[str, Any], out: Path, corpus: Path, config: Path) -> list[str]:
    """The ``spacy train`` command line of one variant."""
    train = corpus / variant.get("train", "train.spacy")
    config = Path(variant.get("config", config))
    args = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(out)]
    args += ["--paths.train", str(train), "--paths.dev", str(corpus / "dev.spacy")]
    for key, value in variant.get("set", {}).items():
        args += [f"--{key}", json.dumps(value) if not isinstance(value, str) else value]
    return args


def scores(model: Path) -> dict[str, Any] | None:
    """Overall and per-label dev P/R/F from a trained pipeline's meta.json."""
    meta_path = model / "meta.json"
    if not meta_path.exists():
        return None
    performance = json.loads(meta_path.read_text(encoding="utf-8")).get("performance", {})
    per_type = performance.get("ents_per_type") or {}
    result = {"overall": {k: performance.get(f"ents_{k}", 0.0) for k in "prf"}}
    for label in LABELS:
        result[label] = per_type.get(label, {"p": 0.0, "r": 0.0, "f": 0.0})
    return result


def sweep(
    variants: list[dict[str, Any]],
    out: Path,
    corpus: Path = CORPUS,
    config: Path = CONFIG,
    jobs: int = 2,
    time_limit: float = 0,
) -> list[dict[str, Any]]:
    """Run the variants, ``jobs`` at a time; returns one result row per variant."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    pending = list(variants)
    running: list[tuple[dict[str, Any], subprocess.Popen[bytes], float]] = []
    while pending or running:
        while pending and len(running) < jobs:
            variant = pending.pop(0)
            folder = out / variant["name"]
            log = (out / f"{variant['name']}.log").open("wb")
            process = subprocess.Popen(
                command(variant, folder, corpus, config),
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
            )
            running.append((variant, process, time.monotonic()))
        time.sleep(2)
        for item in list(running):
            variant, process, started = item
            if time_limit and process.poll() is None and time.monotonic() - started > time_limit:
                process.terminate()
                process.wait()
            if process.poll() is not None:
                running.remove(item)
    rows = []
    for variant in variants:
        rows.append(
            {"name": variant["name"], "scores": scores(out / variant["name"] / "model-best")}
        )
    return rows


def measure_speed(rows: list[dict[str, Any]], out: Path, dev_texts: list[str]) -> None:
    """Add words/s of each trained pipeline (one thread, tokeniser included) to its row."""
    import spacy

    from training.evaluate import words_per_second

    for row in rows:
        model = out / row["name"] / "model-best"
        if row["scores"] is not None:
            row["words_per_second"] = round(words_per_second(spacy.load(model), dev_texts, 2.0))


def markdown(rows: list[dict[str, Any]]) -> str:
    """Experiments table: overall P/R/F and F per label."""
    lines = [
        "| variant | P | R | F | PER | LOC | ORG | MISC | words/s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        s = row["scores"]
        if s is None:
            lines.append(f"| {row['name']} | – | – | – | – | – | – | – | – |")
            continue
        cells = [f"{s['overall'][k]:.3f}" for k in "prf"] + [f"{s[lb]['f']:.3f}" for lb in LABELS]
        cells.append(f"{row.get('words_per_second', 0):,}")
        lines.append(f"| {row['name']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", type=Path, required=True, help="JSON list of variants")
    parser.add_argument("--out", type=Path, default=Path("training/runs"))
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=0, help="seconds per run (0: none)")
    parser.add_argument("--only", nargs="*", help="run only these variant names")
    parser.add_argument("--speed", action="store_true", help="also time each pipeline")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override for every variant (e.g. training.max_steps=20)",
    )
    args = parser.parse_args(argv)
    variants = json.loads(args.variants.read_text(encoding="utf-8"))
    if args.only:
        variants = [v for v in variants if v["name"] in args.only]
    if args.set:
        from training.train import parse_overrides

        common = parse_overrides(args.set)
        variants = [{**v, "set": {**common, **v.get("set", {})}} for v in variants]
    args.out.mkdir(parents=True, exist_ok=True)
    rows = sweep(variants, args.out, args.corpus, args.config, args.jobs, args.time_limit)
    if args.speed:
        from spacy.tokens import DocBin
        from spacy.vocab import Vocab

        dev = DocBin().from_disk(args.corpus / "dev.spacy").get_docs(Vocab())
        measure_speed(rows, args.out, [doc.text for doc in dev])
    (args.out / "sweep.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(markdown(rows))


if __name__ == "__main__":
    main()
