"""Convert the UD German treebanks (CoNLL-U, gzipped) into spaCy ``DocBin`` files for syntax.

GSD dev + test and PUD are read, harmonised (the two treebanks annotate a little differently)
and split three ways, one sentence a ``Doc``, multiword tokens merged as ``spacy convert -T``
does (``am`` = ``an`` + ``dem`` is one token, as spaCy's German tokenizer leaves it):

* ``test``: the PUD sentences whose ``sent_id`` ``eval.splits.is_sealed`` seals (about half of
  PUD). Never trained on and never used for a choice: only the final report reads them.
* ``dev``: a tenth of the other sentences, by a hash of their id: early stopping and settings.
* ``train``: the rest.

Harmonisation: GSD writes quotation marks as ```` `` ```` / ``''`` and dashes as ``--``; they
become „ “ and – as in news text. Relation subtypes that only one treebank uses are folded into
their main type (PUD's ``acl:relcl``, ``flat:name``, ``nmod:poss``, ``obl:tmod``, …), and only
the features both treebanks annotate alike and the reader uses are kept (``KEPT_FEATURES``:
GSD marks ``VerbForm`` and ``Voice`` on every verb, PUD almost never).

    python -m training.convert_ud [--corpora ../shared/corpora] [--out training/corpus/syntax]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]
from spacy.tokens import Doc, DocBin

from eval.splits import is_sealed
from training.convert import DEFAULT_CORPORA, ROOT

DEFAULT_OUT = ROOT / "training" / "corpus" / "syntax"
TREEBANKS = {
    "gsd-dev": Path("ud-german") / "GSD" / "de_gsd-ud-dev.conllu.gz",
    "gsd-test": Path("ud-german") / "GSD" / "de_gsd-ud-test.conllu.gz",
    "pud": Path("ud-german") / "PUD" / "de_pud-ud-test.conllu.gz",
}
SEALED_TREEBANK = "pud"
PARTS = ("train", "dev", "test")
DEV_SHARE = 10  # one sentence in DEV_SHARE goes to dev

KEPT_FEATURES = frozenset(
    ("Case", "Gender", "Number", "Person", "Mood", "Tense", "PronType", "Definite", "Poss")
) | {"Reflex"}
RELATION_MAP = {
    "acl:relcl": "acl",
    "flat:name": "flat",
    "nmod:poss": "nmod",
    "obl:tmod": "obl",
    "cc:preconj": "cc",
    "csubj:pass": "csubj",
    "nsubj:outer": "nsubj",
    "orphan": "dep",
}
FORM_MAP = {"``": "„", "''": "“", "--": "–"}


@dataclass(frozen=True, slots=True)
class UDSentence:
    """One CoNLL-U sentence: its treebank, ``sent_id`` and token lines (ten columns each)."""

    treebank: str
    sent_id: str
    lines: tuple[str, ...]

    @property
    def words(self) -> list[str]:
        """The syntactic words (multiword tokens split), as annotated."""
        return [line.split("\t")[1] for line in self.lines if line.split("\t", 1)[0].isdigit()]


def read_conllu(path: Path, treebank: str) -> Iterator[UDSentence]:
    """The sentences of a CoNLL-U file (plain or gzipped)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        blocks = handle.read().split("\n\n")
    for block in blocks:
        lines = [line for line in block.strip().split("\n") if line]
        if not lines:
            continue
        sent_id = next(
            (line.split("=", 1)[1].strip() for line in lines if line.startswith("# sent_id")), ""
        )
        tokens = tuple(line for line in lines if not line.startswith("#"))
        yield UDSentence(treebank, sent_id, tokens)


def _features(feats: str) -> str:
    kept = [f for f in feats.split("|") if f.split("=", 1)[0] in KEPT_FEATURES]
    return "|".join(kept) if kept else "_"


def harmonise(sentence: UDSentence) -> UDSentence:
    """Quotation marks, dashes, relation subtypes and features as described above."""
    lines = []
    ascii_quotes = 0
    for line in sentence.lines:
        columns = line.split("\t")
        form = columns[1]
        if form == '"':  # GSD's plain quotes alternate: opening, closing
            form = "„" if ascii_quotes % 2 == 0 else "“"
            ascii_quotes += 1
        form = FORM_MAP.get(form, form)
        columns[1] = form
        if columns[2] in FORM_MAP or columns[2] == '"':
            columns[2] = form
        columns[4] = "_"  # XPOS: STTS in GSD, English tags in PUD; not learnt
        columns[5] = _features(columns[5])
        columns[7] = RELATION_MAP.get(columns[7], columns[7])
        columns[8] = "_"
        lines.append("\t".join(columns))
    return UDSentence(sentence.treebank, sentence.sent_id, tuple(lines))


def part_of(sentence: UDSentence) -> str:
    """``train``, ``dev`` or ``test`` (the sealed half of PUD)."""
    if sentence.treebank == SEALED_TREEBANK and is_sealed(sentence.sent_id):
        return "test"
    key = f"reader-syntax-dev\n{sentence.treebank}\n{sentence.sent_id}"
    return "dev" if hashlib.sha256(key.encode()).digest()[0] % DEV_SHARE == 0 else "train"


def read_treebanks(corpora: Path = DEFAULT_CORPORA) -> dict[str, list[UDSentence]]:
    """Every harmonised sentence, by part."""
    parts: dict[str, list[UDSentence]] = {part: [] for part in PARTS}
    for treebank, relative in TREEBANKS.items():
        path = corpora / relative
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing (see ../shared/corpora/README.md)")
        for sentence in read_conllu(path, treebank):
            parts[part_of(sentence)].append(harmonise(sentence))
    return parts


def retokenise(doc: Doc, tokenizer: Tokenizer) -> Doc:
    """Merge the treebank tokens that spaCy's German tokenizer reads as one (``SPD-Parteitag``,
    ``ca.``: GSD splits both), so that the model learns on the tokens it will be given. The
    merged token keeps the head word's annotation; a token the tokenizer splits stays whole."""
    from spacy.training import Alignment

    predicted = [token.text for token in tokenizer(doc.text)]
    gold = [token.text for token in doc]
    if predicted == gold:
        return doc
    try:
        alignment = Alignment.from_strings(gold, predicted)
    except ValueError:  # the texts differ beyond whitespace: leave the sentence as it is
        return doc
    lengths = alignment.x2y.lengths
    merges = []
    for gold_indices in _runs(alignment.y2x.data.tolist(), alignment.y2x.lengths.tolist()):
        if len(gold_indices) > 1 and all(lengths[i] == 1 for i in gold_indices):
            merges.append(doc[gold_indices[0] : gold_indices[-1] + 1])
    with doc.retokenize() as retokenizer:
        for span in merges:
            retokenizer.merge(span)
    return doc


def _runs(data: list[int], lengths: list[int]) -> Iterator[list[int]]:
    """The gold indices each predicted token aligns to."""
    start = 0
    for length in lengths:
        yield data[start : start + length]
        start += length


def to_docs(sentences: Iterable[UDSentence]) -> Iterator[Doc]:
    """One ``Doc`` per sentence, multiword tokens merged (``spacy convert -T``), tokens
    merged where spaCy's tokenizer joins them (``retokenise``)."""
    import spacy
    from spacy.training.converters import conllu_to_docs

    tokenizer = spacy.blank("de").tokenizer
    for sentence in sentences:
        for doc in conllu_to_docs(
            "\n".join(sentence.lines), n_sents=1, merge_subtokens=True, no_print=True
        ):
            yield retokenise(doc, tokenizer)


def write_docbin(docs: Iterable[Doc], path: Path) -> tuple[int, int]:
    """Write docs to ``path``; returns (sentences, tokens)."""
    docbin = DocBin(store_user_data=False)
    sentences = tokens = 0
    for doc in docs:
        docbin.add(doc)
        sentences += 1
        tokens += len(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return sentences, tokens


def convert(corpora: Path = DEFAULT_CORPORA, out: Path = DEFAULT_OUT) -> dict[str, tuple[int, int]]:
    """Write ``train.spacy``, ``dev.spacy`` and ``test.spacy``; returns (sentences, tokens)."""
    parts = read_treebanks(corpora)
    return {part: write_docbin(to_docs(parts[part]), out / f"{part}.spacy") for part in PARTS}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    for part, (sentences, tokens) in convert(args.corpora, args.out).items():
        print(f"{part}: {sentences} sentences, {tokens} tokens")


if __name__ == "__main__":
    main()
