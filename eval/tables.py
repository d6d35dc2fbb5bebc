"""The README's accuracy tables, made from the stored results (``eval/results/accuracy.json``).

    python -m eval.tables            # print the tables
    python -m eval.tables --write    # put them into README.md
    python -m eval.tables --check    # exit 1 if README.md differs (tests/test_readme_tables.py)

Each table sits in the README between ``<!-- table:NAME -->`` and ``<!-- /table:NAME -->``.
The results come from the evaluation scripts run with ``--save`` (slow; never in CI):

    python -m training.evaluate --save reader                  # then again with --europarl
    python -m training.evaluate --plain --save ner+crf         # without the rules
    python -m training.evaluate --plain --exclude reader_crf_ner --save ner
    python -m training.evaluate --plain --exclude reader_crf_ner --rules --save ner+rules
    python -m training.evaluate --plain --exclude tok2vec --exclude ner --save crf
    python eval/people_eval.py --part all --save
    python eval/quotes_eval.py --split report --save
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval.results import load  # noqa: E402

README = ROOT / "README.md"
LABELS = ("PER", "LOC", "ORG", "MISC")
# What runs, as ``training.evaluate --save NAME`` names it, in the order of the table.
NER_VARIANTS = {
    "ner": "the neural model alone",
    "crf": "the CRF alone",
    "ner+crf": "neural model + CRF",
    "ner+rules": "neural model + rules",
    "reader": "neural model + CRF + rules (the reader)",
}
NER_SETS = {"germeval-dev": "GermEval dev F", "europarl-test": "Europarl test F"}
SPLITS = ("train", "open", "sealed", "dev")  # row order where a table has one row per split
QUOTE_AIMS = {
    "direct": "recall ≥ 0.95, precision ≥ 0.90, speaker ≥ 0.85",
    "indirect": "recall ≥ 0.60",
}
Table = list[list[str]]


def figure(value: float) -> str:
    return f"{value:.3f}"


def markdown(rows: Table) -> str:
    header, *body = rows
    lines = [header, ["---"] * len(header), *body]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def ordered(entries: dict[str, Any]) -> list[tuple[str, Any]]:
    """Splits in the order train, open, sealed, dev; others after, by name."""
    rank = {name: i for i, name in enumerate(SPLITS)}
    return sorted(entries.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))


def ner_table(results: dict[str, Any]) -> Table:
    scores = results["ner"]["reader"]["germeval-dev"]
    rows = [["label", "P", "R", "F"]]
    overall = scores["overall"]
    rows.append(
        ["overall", figure(overall["p"]), figure(overall["r"]), f"**{figure(overall['f'])}**"]
    )
    for label in LABELS:
        rows.append([label, *(figure(scores[label][key]) for key in ("p", "r", "f"))])
    return rows


def ner_combinations_table(results: dict[str, Any]) -> Table:
    rows = [["what runs", *NER_SETS.values()]]
    for variant, label in NER_VARIANTS.items():
        measured = results["ner"].get(variant)
        if measured is None:
            continue
        cells = [figure(measured[s]["overall"]["f"]) if s in measured else "–" for s in NER_SETS]
        if variant == "reader":
            label, cells = f"**{label}**", [f"**{cell}**" for cell in cells]
        rows.append([label, *cells])
    return rows


def people_table(results: dict[str, Any]) -> Table:
    rows = [["set", "found", "precision", "listed twice", "full name shown"]]
    for name, scores in ordered(results["people"]):
        found = f"{figure(scores['found %'])} ({scores['found']}/{scores['gold people']})"
        rows.append(
            [
                f"{name} ({scores['articles']} articles)",
                found,
                figure(scores["precision"]),
                str(scores["listed twice"]),
                figure(scores["full name %"]),
            ]
        )
    return rows


def speaker_cell(scores: dict[str, Any]) -> str:
    cell = figure(scores["direct_speaker_accuracy"])
    details = []
    if "direct_speaker_accuracy_named" in scores:
        details.append(f"named speakers {figure(scores['direct_speaker_accuracy_named'])}")
    if "direct_speaker_accuracy_pronoun" in scores:
        pronouns = figure(scores["direct_speaker_accuracy_pronoun"])
        details.append(f"pronouns {pronouns} of {scores['direct_pronoun_speakers']}")
    return f"{cell} ({', '.join(details)})" if details else cell


def quotes_table(results: dict[str, Any]) -> Table:
    rows = [["what", "split", "recall", "precision", "speaker accuracy", "aim"]]
    for kind, name in (("direct", "direct quotes"), ("indirect", "indirect speech")):
        for i, (split, scores) in enumerate(ordered(results["quotes"])):
            speaker = (
                speaker_cell(scores)
                if kind == "direct"
                else figure(scores["indirect_speaker_accuracy"])
            )
            rows.append(
                [
                    name if i == 0 else "",
                    f"{split} ({scores['articles']} articles)",
                    figure(scores[f"{kind}_recall"]),
                    figure(scores[f"{kind}_precision"]),
                    speaker,
                    QUOTE_AIMS[kind] if i == 0 else "",
                ]
            )
    return rows


TABLES: dict[str, Callable[[dict[str, Any]], Table]] = {
    "ner": ner_table,
    "ner-combinations": ner_combinations_table,
    "people": people_table,
    "quotes": quotes_table,
}


def render(results: dict[str, Any]) -> dict[str, str]:
    return {name: markdown(make(results)) for name, make in TABLES.items()}


def fill(readme: str, tables: dict[str, str]) -> str:
    """The README with each table between its markers replaced; ValueError if one is missing."""
    for name, table in tables.items():
        pattern = re.compile(
            rf"(<!-- table:{re.escape(name)} -->\n).*?(<!-- /table:{re.escape(name)} -->)", re.S
        )
        if not pattern.search(readme):
            raise ValueError(f"README.md has no <!-- table:{name} --> … <!-- /table:{name} -->")
        readme = pattern.sub(lambda match, t=table: f"{match[1]}{t}\n{match[2]}", readme)
    return readme


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help="rewrite the tables in README.md")
    action.add_argument("--check", action="store_true", help="exit 1 if README.md differs")
    args = parser.parse_args(argv)
    tables = render(load())
    if not (args.write or args.check):
        print("\n\n".join(f"{name}:\n{table}" for name, table in tables.items()))
        return 0
    readme = README.read_text(encoding="utf-8")
    try:
        filled = fill(readme, tables)
    except ValueError as error:
        print(f"eval.tables: {error}", file=sys.stderr)
        return 2
    if args.check:
        if filled != readme:
            print(
                "README.md's accuracy tables differ from eval/results/accuracy.json: "
                "python -m eval.tables --write",
                file=sys.stderr,
            )
            return 1
        return 0
    README.write_text(filled, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
