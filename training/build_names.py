"""Build the name lists (gazetteers) the CRF reads, from the extra NER corpora.

    python -m training.build_names            # writes reader/data/names.tsv.gz

Every corpus under ``extra-ner/`` except ``uner_german_pud`` (the second dev set, which must
not leak into a feature) is read as ``token<TAB>BIO tag`` sentences. Two tables come out:

* ``w`` rows: a capitalised word and how often it was tagged PER, LOC, ORG and O, kept when it
  is mostly inside a name; words mostly O, lower case or function words are dropped;
* ``m`` rows: a name of two to four words, its most frequent label and its count.

The corpora follow other guidelines than GermEval and most lack MISC, which is why they serve
as word lists and not as training sentences (``../shared/corpora/README.md``).
"""

from __future__ import annotations

import argparse
import gzip
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from training.convert import DEFAULT_CORPORA, ROOT

OUTPUT = ROOT / "reader" / "data" / "names.tsv.gz"
HELD_OUT = frozenset({"uner_german_pud"})
LABELS = ("PER", "LOC", "ORG")
# A word enters the list when seen this often in a name and at least this share of the time.
MIN_NAME_COUNT = 2
MIN_NAME_SHARE = 0.5
MAX_NAME_WORDS = 4


def read_tsv(lines: Iterable[str]) -> Iterator[list[tuple[str, str]]]:
    """``(word, tag)`` sentences of a ``token<TAB>tag`` file, blank line between sentences."""
    sentence: list[tuple[str, str]] = []
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2 or not parts[0]:
            if sentence:
                yield sentence
            sentence = []
            continue
        sentence.append((parts[0], parts[1]))
    if sentence:
        yield sentence


def corpus_files(corpora: Path) -> list[Path]:
    """Every extra-ner file but the held-out dev set's, in a fixed order."""
    root = corpora / "extra-ner"
    return sorted(p for p in root.glob("*/*.tsv.gz") if p.parent.name not in HELD_OUT)


def spans(sentence: list[tuple[str, str]]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """``(label, words)`` of each entity of a BIO sentence."""
    label, words = "", []
    for word, tag in [*sentence, ("", "O")]:
        if tag.startswith("I-") and tag[2:] == label:
            words.append(word)
            continue
        if label:
            yield label, tuple(words)
        label, words = (tag[2:], [word]) if tag[:2] in ("B-", "I-") else ("", [])


class Counts:
    """Word and name counts over the corpora."""

    def __init__(self) -> None:
        self.words: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.names: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)

    def add(self, sentence: list[tuple[str, str]]) -> None:
        for word, tag in sentence:
            label = tag[2:] if tag[2:] in LABELS else "O"
            self.words[word][label] += 1
        for label, words in spans(sentence):
            if label in LABELS and 1 < len(words) <= MAX_NAME_WORDS:
                self.names[words][label] += 1


def _is_name_word(word: str, counts: Counter[str]) -> bool:
    in_names = sum(counts[label] for label in LABELS)
    if len(word) < 2 or not word[:1].isupper() or in_names < MIN_NAME_COUNT:
        return False
    return in_names >= MIN_NAME_SHARE * (in_names + counts["O"])


def rows(counts: Counts) -> list[str]:
    """The table's lines, words first, each group sorted."""
    lines = []
    for word in sorted(counts.words):
        c = counts.words[word]
        if _is_name_word(word, c):
            lines.append("\t".join(["w", word, *(str(c[k]) for k in (*LABELS, "O"))]))
    for words in sorted(counts.names):
        label, n = counts.names[words].most_common(1)[0]
        if n >= MIN_NAME_COUNT and all(w[:1].isupper() or not w.isalpha() for w in words[::2]):
            lines.append("\t".join(["m", " ".join(words), label, str(n)]))
    return lines


def build(files: Iterable[Path]) -> list[str]:
    counts = Counts()
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for sentence in read_tsv(handle):
                counts.add(sentence)
    return rows(counts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    files = corpus_files(args.corpora)
    if not files:
        parser.exit(2, f"build_names: no extra-ner corpora under {args.corpora}\n")
    lines = build(files)
    # mtime=0: the same corpora give the same bytes, so the provenance hash stays put.
    data = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0)
    args.output.write_bytes(data)
    print(f"{args.output}: {len(lines)} rows from {len(files)} files, {len(data) / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
