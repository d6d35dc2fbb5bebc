"""The name lists built from other NER corpora, on a tiny sample (no training here)."""

from __future__ import annotations

import gzip
from pathlib import Path

from reader.crf_features import name_matches, sentence_features
from training.build_names import build, corpus_files, read_tsv, spans

SAMPLE = """Angela\tB-PER
Merkel\tI-PER
besucht\tO
Berlin\tB-LOC
.\tO

Merkel\tB-PER
lobt\tO
die\tB-ORG
Siemens\tI-ORG
AG\tI-ORG

Angela\tB-PER
Merkel\tI-PER
und\tO
Berlin\tB-LOC
Heute\tO
Heute\tO
Heute\tB-ORG
"""


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    path = folder / "train.tsv.gz"
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    return path


def test_spans_of_a_bio_sentence() -> None:
    sentence = next(read_tsv(SAMPLE.splitlines(keepends=True)))
    assert list(spans(sentence)) == [("PER", ("Angela", "Merkel")), ("LOC", ("Berlin",))]


def test_held_out_dev_set_is_never_read(tmp_path: Path) -> None:
    kept = _write(tmp_path / "extra-ner" / "smartdata", SAMPLE)
    _write(tmp_path / "extra-ner" / "uner_german_pud", SAMPLE)
    assert corpus_files(tmp_path) == [kept]


def test_names_kept_words_mostly_outside_names_dropped(tmp_path: Path) -> None:
    rows = build([_write(tmp_path / "c", SAMPLE)])
    assert "w\tMerkel\t3\t0\t0\t0" in rows
    assert "w\tBerlin\t0\t2\t0\t0" in rows
    assert "m\tAngela Merkel\tPER\t2" in rows
    # Seen once as a name and three times outside one; lower case never.
    assert not any(row.startswith(("w\tHeute", "w\tdie")) for row in rows)


def test_name_features_only_when_asked() -> None:
    words = ["Gestern", "sprach", "Angela", "Merkel"]
    assert name_matches(words)[2:] == ["B-PER", "I-PER"]
    with_names = sentence_features(words, names=True)
    assert {"gz=PER", "gzm=B-PER"} <= set(with_names[2])
    assert not any("gz" in f for f in sentence_features(words)[2])
