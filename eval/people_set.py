"""The second people set: 40 articles of quotes-wikinews train that no session had read.

Earlier sessions read the PER rows of random train samples by hand
(``python -m eval.people_train_check --sample 40 --seed S``) and turned what they saw into
rules, so those articles are not fresh. :func:`choose` leaves out every article of those
samples (same sampling: ``random.Random(S).sample(range(len(records)), 40)``) and draws
:data:`SIZE` of the rest with :data:`SEED`. The annotations are in ``eval/data/people-train.jsonl``
(how they were made: ``eval/data/README.md``); measure with
``python eval/people_eval.py --set train``.

Usage::

    python -m eval.people_set            # the chosen documentNames, one a line
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from eval.people_eval import TEXTS_TRAIN as TRAIN

# The seeds of every hand-read sample of people_train_check (README: People in an article).
READ_SEEDS = (99, 2026, 31337, 4242, 777, 2027, 5150, 8080)
READ_SIZE = 40
SEED = 1917
SIZE = 40


def document_names(path: Path = TRAIN) -> list[str]:
    """The documentNames of the corpus file, in file order (the order the samples index)."""
    with path.open(encoding="utf-8") as file:
        return [json.loads(line)["documentName"] for line in file]


def already_read(count: int) -> set[int]:
    """Indices of the articles the earlier hand-read samples drew from ``count`` records."""
    read: set[int] = set()
    for seed in READ_SEEDS:
        read.update(random.Random(seed).sample(range(count), READ_SIZE))
    return read


def choose(names: list[str], size: int = SIZE, seed: int = SEED) -> list[str]:
    """``size`` documentNames not read before, drawn with ``seed``, in corpus order."""
    read = already_read(len(names))
    fresh = [i for i in range(len(names)) if i not in read]
    return [names[i] for i in sorted(random.Random(seed).sample(fresh, size))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=TRAIN)
    args = parser.parse_args(argv)
    if not args.train.exists():
        print(f"error: corpus not found: {args.train}", file=sys.stderr)
        return 2
    print("\n".join(choose(document_names(args.train))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
