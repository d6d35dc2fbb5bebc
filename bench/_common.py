"""Articles for the benchmarks, made at run time (never committed).

From the WikiNews corpus texts when ``../shared/corpora`` is there, else from a small German
text built in, so that ``--smoke`` runs anywhere (CI included).
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "quotes-wikinews"
SEED = ROOT / "seeds" / "trump-nato-wende.txt"


def corpus_texts(limit: int | None = None) -> list[tuple[str, str]]:
    """(title, text) pairs: WikiNews articles, or the seed's paragraphs as a fallback."""
    pairs: list[tuple[str, str]] = []
    for split in ("train.jsonl", "dev.jsonl"):
        path = CORPUS / split
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                title = record["documentName"].split(" - ", 1)[-1].rsplit(" (", 1)[0]
                pairs.append((title, record["text"]))
                if limit and len(pairs) >= limit:
                    return pairs
    if not pairs:
        body = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
        pairs = [(f"Artikel {i}", body) for i in range(limit or 50)]
    return pairs


def article_of_size(size: int) -> str:
    """One article of about ``size`` characters, with a heading every few paragraphs."""
    parts = ["date 2024-01-01 Ein sehr langer Artikel"]
    total = 0
    texts = corpus_texts()
    number = 0
    while total < size:
        title, text = texts[number % len(texts)]
        number += 1
        chunk = f"{title[:60].rstrip('.!?:')}\n\n{text.strip()}"
        parts.append(chunk)
        total += len(chunk) + 2
    return "\n\n".join(parts)[: max(size, 100)]


def one_sentence(words: int) -> str:
    """An article of one paragraph that is one sentence of ``words`` words: the corpus texts
    with their sentence ends made commas (the cost of the analysis must grow with the text,
    not with the length of its sentences)."""
    found: list[str] = []
    for _, text in corpus_texts():
        found.extend(re.sub(r"[.!?;:…]", ",", text).split())
        if len(found) >= words:
            break
    while len(found) < words:  # the built-in fallback text is short
        found.extend(found)
    return "date 2024-01-01 Ein einziger Satz\n\n" + " ".join(found[:words]) + "."


def reference_pipeline() -> Any:
    """A default spaCy NER pipeline: blank German, ``ner`` with the reader's four labels."""
    import spacy

    nlp = spacy.blank("de")
    ner: Any = nlp.add_pipe("ner")
    for label in ("PER", "LOC", "ORG", "MISC"):
        ner.add_label(label)
    nlp.initialize()
    return nlp


def write_library(folder: Path, count: int) -> None:
    """``count`` article files in ``folder``, dated one day apart."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = corpus_texts()
    for number in range(count):
        title, text = texts[number % len(texts)]
        day = f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}"
        (folder / f"{number:04d}.txt").write_text(f"date {day} {title}\n\n{text}", encoding="utf-8")


def bench_parser(doc: str | None, smoke_help: str) -> argparse.ArgumentParser:
    """The options every benchmark has: --json and --smoke (a quick run for CI)."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--smoke", action="store_true", help=smoke_help)
    return parser


def report(result: dict[str, object], as_json: bool) -> None:
    """Print a result as JSON or as a two-column markdown table."""
    if as_json:
        print(json.dumps(result))
        return
    print("| measure | value |\n| --- | --- |")
    for key, value in result.items():
        print(f"| {key} | {value} |")


def run_counted(
    doc: str | None,
    measure: Callable[[int], dict[str, object]],
    default: int,
    smoke: int,
    smoke_help: str,
) -> int:
    """The main() of a benchmark that measures ``--articles N`` (``smoke`` of them for CI)."""
    parser = bench_parser(doc, smoke_help)
    parser.add_argument("--articles", type=int, default=default)
    args = parser.parse_args()
    report(measure(smoke if args.smoke else args.articles), args.json)
    return 0
