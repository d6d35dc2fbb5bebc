"""Convert GermEval 2014 and Europarl NER into spaCy ``DocBin`` files.

Labels are mapped to the reader's four: PER, LOC, ORG as they are, OTH and MISC -> MISC.
GermEval's ``deriv``/``part`` variants (``deutsche``, ``Nato-Gipfel``) are not names of an
entity and become O. Only GermEval's outer column is read.

    python -m training.convert [--corpora ../shared/corpora] [--out training/corpus]
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from reader.crf_ner import spans_of

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
DEFAULT_OUT = ROOT / "training" / "corpus"
LABELS = ("PER", "LOC", "ORG", "MISC")
LABEL_MAP = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC", "MISC": "MISC"}

Sentence = tuple[list[str], list[str]]  # words, BIO tags over the reader's labels


def map_tag(tag: str) -> tuple[str, str]:
    """Split ``B-LOCderiv`` into (``B``, reader label or ``""`` for O)."""
    if tag in ("O", "") or "-" not in tag:
        return "O", ""
    prefix, label = tag.split("-", 1)
    mapped = LABEL_MAP.get(label)  # deriv/part variants are missing on purpose -> O
    if mapped is None:
        return "O", ""
    return prefix, mapped


def to_bio(raw: Iterable[str]) -> list[str]:
    """Map raw IOB1/IOB2 tags to clean IOB2 over the reader's labels.

    IOB1 (Europarl) starts an entity with I- and uses B- only between two adjacent entities of
    one label; an I- that does not continue an entity of its label therefore opens one.
    """
    tags: list[str] = []
    previous = ""
    for tag in raw:
        prefix, label = map_tag(tag)
        if not label:
            tags.append("O")
            previous = ""
            continue
        begins = prefix == "B" or label != previous
        tags.append(("B-" if begins else "I-") + label)
        previous = label
    return tags


def read_germeval(path: Path) -> Iterator[Sentence]:
    """Sentences of a GermEval 2014 TSV file (index, token, outer tag, nested tag)."""
    words: list[str] = []
    raw: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("#\t") or not line.strip():
                if words:
                    yield words, to_bio(raw)
                words, raw = [], []
                continue
            columns = line.split("\t")
            words.append(columns[1])
            raw.append(columns[2])
    if words:
        yield words, to_bio(raw)


def read_europarl(path: Path) -> Iterator[Sentence]:
    """Sentences of a Europarl NER file (token, lemma, POS, chunk, NER in IOB1)."""
    words: list[str] = []
    raw: list[str] = []
    with path.open(encoding="latin-1" if _is_latin1(path) else "utf-8") as lines:
        for line in lines:
            columns = line.split()
            if not columns:
                if words:
                    yield words, to_bio(raw)
                words, raw = [], []
                continue
            if columns[0] == "-DOCSTART-":
                continue
            words.append(columns[0])
            raw.append(columns[-1])
    if words:
        yield words, to_bio(raw)


def _is_latin1(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def make_doc(vocab: Vocab, words: list[str], tags: list[str]) -> Doc:
    """A Doc over pre-tokenised words with its gold entities."""
    return Doc(vocab, words=words, ents=tags)


def write_docbin(sentences: Iterable[Sentence], path: Path, vocab: Vocab | None = None) -> int:
    """Write sentences as one Doc each; returns how many were written."""
    vocab = vocab or Vocab()
    docbin = DocBin(store_user_data=False)
    count = 0
    for words, tags in sentences:
        docbin.add(make_doc(vocab, words, tags))
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return count


# Countries whose popular first names the news is likely to print.
NAME_COUNTRIES = (
    "germany",
    "austria",
    "swiss",
    "usa",
    "great_britain",
    "france",
    "italy",
    "spain",
    "poland",
    "russia",
    "turkey",
    "ukraine",
    "arabia",
)


def first_names(min_frequency: int = 5) -> list[str]:
    """Common first names of the countries above, from gender-guesser's dictionary."""
    import gender_guesser.detector as gender

    detector = gender.Detector(case_sensitive=True)
    columns = [gender.Detector.COUNTRIES.index(country) for country in NAME_COUNTRIES]
    names = []
    for name, by_gender in detector.names.items():
        if not name.isalpha() or not name[0].isupper():
            continue
        for frequencies in by_gender.values():
            if any(
                column < len(frequencies)
                and frequencies[column].strip()
                and int(frequencies[column], 16) >= min_frequency
                for column in columns
            ):
                names.append(name)
                break
    return sorted(names)


def augment_names(
    sentences: list[Sentence],
    copies: int = 1,
    labels: tuple[str, ...] = ("PER", "LOC", "ORG"),
    seed: int = 0,
) -> list[Sentence]:
    """Copies of the sentences with names swapped for other names of the same label.

    The model otherwise memorises the few thousand names it saw; swapping them for names seen
    elsewhere in training (and PER first names for common first names) makes it read the
    context instead. Only sentences with a swappable entity are copied.
    """
    rng = random.Random(seed)
    pools: dict[str, list[list[str]]] = {label: [] for label in labels}
    for words, tags in sentences:
        for start, end, label in spans_of(tags):
            if label in pools:
                pools[label].append(words[start:end])
    given = first_names()
    augmented: list[Sentence] = []
    for words, tags in sentences:
        spans = [span for span in spans_of(tags) if span[2] in pools]
        if not spans:
            continue
        for _ in range(copies):
            new_words: list[str] = []
            new_tags: list[str] = []
            cursor = 0
            for start, end, label in spans:
                new_words += words[cursor:start]
                new_tags += tags[cursor:start]
                name = list(rng.choice(pools[label]))
                if label == "PER" and len(name) > 1 and rng.random() < 0.5:
                    name[0] = rng.choice(given)
                new_words += name
                new_tags += [f"B-{label}"] + [f"I-{label}"] * (len(name) - 1)
                cursor = end
            new_words += words[cursor:]
            new_tags += tags[cursor:]
            augmented.append((new_words, new_tags))
    return augmented


def align_europarl(sentences: list[Sentence]) -> list[Sentence]:
    """Bring Europarl's CoNLL-style annotation in line with GermEval's (and the reader's).

    CoNLL tags adjectives of names (``europäischen``) and compounds that contain a name
    (``Alzheimer-Krankheit``, ``SYNERGY-Programm``) as entities; GermEval calls them ``deriv``
    and ``part``, which the reader maps to O. A one-token entity is dropped when it starts
    lower-case, or when it is hyphenated and its last part is a common noun (a word the corpus
    also uses outside entities, so ``Baden-Württemberg`` stays). Inhabitants and place
    adjectives (``Europäer``, ``Maastrichter``), MISC in CoNLL, are ``deriv`` in GermEval too.
    """
    common: Counter[str] = Counter()
    for words, tags in sentences:
        common.update(word for word, tag in zip(words, tags, strict=True) if tag == "O")
    aligned: list[Sentence] = []
    for words, tags in sentences:
        tags = list(tags)
        for start, end, _ in spans_of(tags):
            word = words[start]
            if end - start != 1:
                continue
            head = word.rsplit("-", 1)[-1]
            derived = tags[start] == "B-MISC" and word.endswith("er") and not word.isupper()
            if word[:1].islower() or derived or ("-" in word and common[head] >= 2):
                tags[start] = "O"
        aligned.append((words, tags))
    return aligned


def corpus_sentences(corpora: Path) -> dict[str, list[Sentence]]:
    """The training and dev sets, by output name."""
    germeval = corpora / "germeval2014"
    europarl = corpora / "europarl-ner"
    return {
        "germeval-train": list(read_germeval(germeval / "train.tsv")),
        "germeval-dev": list(read_germeval(germeval / "dev.tsv")),
        # Europarl's own dev and test are training data for us: GermEval dev is the dev set.
        "europarl": align_europarl(
            [
                sentence
                for name in ("train.tsv", "dev.tsv", "test.tsv")
                for sentence in read_europarl(europarl / name)
            ]
        ),
    }


def convert(
    corpora: Path = DEFAULT_CORPORA,
    out: Path = DEFAULT_OUT,
    augment: int = 0,
    europarl: bool = False,
) -> dict[str, int]:
    """Write ``<name>.spacy`` for every set, then ``train.spacy`` and ``dev.spacy``.

    ``train.spacy`` is GermEval train, with all of Europarl if ``europarl`` (it scored lower on
    GermEval dev, see training/README.md), plus ``augment`` name-swapped copies of every
    sentence that has a name.
    """
    sets = corpus_sentences(corpora)
    counts: dict[str, int] = {}
    for name, sentences in sets.items():
        counts[name] = write_docbin(sentences, out / f"{name}.spacy")
    train = sets["germeval-train"] + (sets["europarl"] if europarl else [])
    if augment:
        train += augment_names(train, copies=augment)
    counts["train"] = write_docbin(train, out / "train.spacy")
    counts["dev"] = write_docbin(sets["germeval-dev"], out / "dev.spacy")
    return counts


def write_experiment_sets(
    corpora: Path = DEFAULT_CORPORA, out: Path = DEFAULT_OUT
) -> dict[str, int]:
    """The training sets the experiments in training/configs/*.json name (README: Experiments)."""
    sets = corpus_sentences(corpora)
    germeval, europarl = sets["germeval-train"], sets["europarl"]
    both = germeval + europarl
    variants = {
        "train-ep": both,
        "train-ep-ge2x": germeval + both,
        "train-ge-aug2": germeval + augment_names(germeval, copies=2),
        **{f"train-ep-aug{n}": both + augment_names(both, copies=n) for n in (1, 2, 4)},
    }
    return {name: write_docbin(s, out / f"{name}.spacy") for name, s in variants.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--augment", type=int, default=0, help="name-swapped copies per sentence")
    parser.add_argument("--europarl", action="store_true", help="train on Europarl too")
    parser.add_argument(
        "--experiments", action="store_true", help="also write the sets the experiments use"
    )
    args = parser.parse_args(argv)
    if args.experiments:
        for name, count in write_experiment_sets(args.corpora, args.out).items():
            print(f"{name}: {count} sentences")
    for name, count in convert(args.corpora, args.out, args.augment, args.europarl).items():
        print(f"{name}: {count} sentences")


if __name__ == "__main__":
    main()
