"""The training code works end to end: conversion, a tiny training run, packaging, scoring.

CI never trains a real model: the corpora here are a few made-up sentences in the GermEval and
Europarl formats, and the run is a handful of steps.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from training import convert
from training.evaluate import gold_spans, score

GERMEVAL_SENTENCES = [
    [
        ("Bundeskanzlerin", "O"),
        ("Angela", "B-PER"),
        ("Merkel", "I-PER"),
        ("besuchte", "O"),
        ("die", "O"),
        ("Siemens-Zentrale", "B-ORGpart"),
        ("in", "O"),
        ("München", "B-LOC"),
        (".", "O"),
    ],
    [
        ("Die", "O"),
        ("deutsche", "B-LOCderiv"),
        ("Delegation", "O"),
        ("las", "O"),
        ("den", "O"),
        ("Spiegel", "B-OTH"),
        ("und", "O"),
        ("traf", "O"),
        ("die", "O"),
        ("Deutsche", "B-ORG"),
        ("Bahn", "I-ORG"),
        (".", "O"),
    ],
    [
        ("Jonas", "B-PER"),
        ("Weber", "I-PER"),
        ("wohnt", "O"),
        ("seit", "O"),
        ("2010", "O"),
        ("in", "O"),
        ("Hamburg", "B-LOC"),
        (".", "O"),
    ],
]

EUROPARL_SENTENCES = [
    # IOB1: an entity starts with I-, B- only between two adjacent entities of one label.
    [
        ("Herr", "O"),
        ("Barroso", "I-PER"),
        ("sprach", "O"),
        ("über", "O"),
        ("die", "O"),
        ("europäischen", "I-MISC"),
        ("Verträge", "O"),
        ("mit", "O"),
        ("Frankreich", "I-LOC"),
        ("Spanien", "B-LOC"),
        (".", "O"),
    ],
    [
        ("Die", "O"),
        ("Europäische", "I-ORG"),
        ("Kommission", "I-ORG"),
        ("tagte", "O"),
        ("in", "O"),
        ("Brüssel", "I-LOC"),
        (".", "O"),
    ],
]


def write_corpora(root: Path, copies: int = 1) -> Path:
    """Tiny GermEval and Europarl files in their own formats; returns the corpora folder."""
    germeval = root / "germeval2014"
    europarl = root / "europarl-ner"
    germeval.mkdir(parents=True)
    europarl.mkdir(parents=True)
    lines: list[str] = []
    for n in range(copies):
        for sentence in GERMEVAL_SENTENCES:
            lines.append(f"#\thttp://example.org/{n}\t[2010-01-01]")
            lines += [f"{i}\t{word}\t{tag}\tO" for i, (word, tag) in enumerate(sentence, 1)]
            lines.append("")
    for name in ("train.tsv", "dev.tsv"):
        (germeval / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows: list[str] = []
    for _ in range(copies):
        for sentence in EUROPARL_SENTENCES:
            rows += [f"{word} {word.lower()} NN I-NC {tag}" for word, tag in sentence]
            rows.append("")
    for name in ("train.tsv", "dev.tsv", "test.tsv"):
        (europarl / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


def entities(path: Path) -> list[list[tuple[str, str]]]:
    docs = DocBin().from_disk(path).get_docs(Vocab())
    return [[(ent.text, ent.label_) for ent in doc.ents] for doc in docs]


def test_labels_are_mapped_and_deriv_part_dropped() -> None:
    assert convert.to_bio(["B-PER", "I-PER", "O", "B-LOCderiv", "B-ORGpart", "B-OTH"]) == [
        "B-PER",
        "I-PER",
        "O",
        "O",
        "O",
        "B-MISC",
    ]


def test_iob1_is_read_as_iob2() -> None:
    assert convert.to_bio(["I-LOC", "B-LOC", "I-LOC", "O", "I-PER", "I-ORG"]) == [
        "B-LOC",
        "B-LOC",
        "I-LOC",
        "O",
        "B-PER",
        "B-ORG",
    ]


def test_convert_writes_docbins(tmp_path: Path) -> None:
    corpora = write_corpora(tmp_path / "corpora")
    counts = convert.convert(corpora, tmp_path / "corpus", europarl=True)
    assert counts["germeval-train"] == 3
    assert counts["europarl"] == 6  # train, dev and test
    assert counts["train"] == 9
    assert convert.convert(corpora, tmp_path / "ge", augment=2)["train"] == 3 + 2 * 3
    germeval = entities(tmp_path / "corpus" / "germeval-train.spacy")
    assert germeval[0] == [("Angela Merkel", "PER"), ("München", "LOC")]
    assert germeval[1] == [("Spiegel", "MISC"), ("Deutsche Bahn", "ORG")]
    europarl = entities(tmp_path / "corpus" / "europarl.spacy")
    # "europäischen" is a derivation (O for the reader); adjacent LOCs stay two entities.
    assert europarl[0] == [("Barroso", "PER"), ("Frankreich", "LOC"), ("Spanien", "LOC")]
    assert europarl[1] == [("Europäische Kommission", "ORG"), ("Brüssel", "LOC")]


def test_name_augmentation_keeps_tags_aligned() -> None:
    sentences = [
        ([word for word, _ in s], convert.to_bio([tag for _, tag in s])) for s in GERMEVAL_SENTENCES
    ]
    augmented = convert.augment_names(sentences, copies=3, seed=1)
    assert len(augmented) == 3 * len(sentences)  # every sentence has a swappable name
    for n, (words, tags) in enumerate(augmented):
        original_tags = sentences[n // 3][1]
        assert len(words) == len(tags)
        labels = [label for *_, label in convert.spans_of(tags)]
        assert labels == [label for *_, label in convert.spans_of(original_tags)]


def test_scoring_is_exact_span_match() -> None:
    gold = gold_spans(["B-PER", "I-PER", "O", "B-LOC"])
    assert gold == {(0, 2, "PER"), (3, 4, "LOC")}
    result = score([gold], [{(1, 2, "PER"), (3, 4, "LOC")}])
    assert result["overall"] == {"p": 0.5, "r": 0.5, "f": 0.5, "n": 2}
    assert result["LOC"]["f"] == 1.0
    assert result["PER"]["f"] == 0.0


@pytest.mark.slow
def test_tiny_training_run_packages_a_loadable_pipeline(tmp_path: Path) -> None:
    import spacy

    from training import train

    corpora = write_corpora(tmp_path / "corpora", copies=6)  # 30 sentences
    corpus = tmp_path / "corpus"
    convert.convert(corpora, corpus)
    best = train.train(
        tmp_path / "output",
        corpus,
        overrides={
            "training.max_steps": 6,
            "training.eval_frequency": 3,
            "components.tok2vec.model.embed.rows": [500, 500, 100, 100, 50],
        },
    )
    shipped = train.package(best, tmp_path / "de_reader_ner", {"ents_f": 0.0}, europarl=True)
    meta = json.loads((shipped / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "de_reader_ner"
    assert [source["name"] for source in meta["sources"]] == [
        "GermEval 2014 NER",
        "Europarl German NER",
    ]
    germeval_only = train.package(best, tmp_path / "germeval-only", {"ents_f": 0.0})
    meta = json.loads((germeval_only / "meta.json").read_text(encoding="utf-8"))
    assert [source["name"] for source in meta["sources"]] == ["GermEval 2014 NER"]
    nlp = spacy.load(shipped)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "ORG", "MISC"}
    nlp("Angela Merkel besuchte Hamburg.")

    # The CRF second tagger goes in after ner, its settings noted in the meta.
    from training.train_crf import train_and_ship

    train_and_ship(corpora, overrides={"crf.max_iterations": 5}, target=shipped)
    nlp = spacy.load(shipped)
    assert nlp.pipe_names == ["tok2vec", "ner", "reader_crf_ner"]
    meta = json.loads((shipped / "meta.json").read_text(encoding="utf-8"))
    assert meta["performance"]["reader_crf_ner"]["settings"]["max_iterations"] == 5
    assert meta["name"] == "de_reader_ner"
    nlp("Angela Merkel besuchte Hamburg.")

    # Retraining over a shipped pipeline keeps its version: the provenance check wants a bump.
    from training import provenance

    provenance.update("0.7.0", shipped)
    assert provenance.stale(shipped) is None
    again = train.package(best, shipped, {"ents_f": 0.0})
    assert provenance.read_meta(again)["version"] == "0.7.0"
    assert "bump its version" in (provenance.stale(again) or "")


@pytest.mark.model
def test_evaluate_scores_europarl_test_with_its_guidelines_aligned(tmp_path: Path) -> None:
    from training.evaluate import evaluate

    corpora = write_corpora(tmp_path / "corpora")
    result = evaluate(europarl=True, corpora=corpora, speed=False)
    # Europarl's adjective "europäischen" (MISC) is no entity under GermEval's guidelines.
    gold = {"PER": 1, "LOC": 3, "ORG": 1, "MISC": 0}
    assert {label: result[label]["n"] for label in gold} == gold
    assert 0.0 <= result["overall"]["f"] <= 1.0
