"""The bundled German NER pipeline: it loads through the reader and tags news sensibly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

MODEL = Path(__file__).resolve().parent.parent / "reader" / "models" / "de_reader_ner"
SENTENCE = "Bundeskanzler Olaf Scholz traf in Berlin den Chef von Siemens."


@pytest.fixture(scope="module")
def nlp():
    from reader.nlp import load_pipeline

    return load_pipeline()


def test_meta_names_the_model_and_its_sources() -> None:
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "de_reader_ner"
    assert "GermEval 2014 NER" in {s["name"] for s in meta["sources"]}
    assert 0.0 < meta["performance"]["ents_f"] <= 1.0
    assert sorted(meta["labels"]["ner"]) == ["LOC", "MISC", "ORG", "PER"]


def test_bundled_pipeline_is_small() -> None:
    size = sum(path.stat().st_size for path in MODEL.rglob("*") if path.is_file())
    assert size < 20 * 1024 * 1024


def test_tags_people_and_places(nlp) -> None:
    doc = nlp(SENTENCE)
    ents = {(ent.text, ent.label_) for ent in doc.ents}
    assert ("Olaf Scholz", "PER") in ents
    assert ("Berlin", "LOC") in ents
    # The role, the verb and the company are no person or place.
    assert not any(text.startswith("Bundeskanzler") or "traf" in text for text, _ in ents)
    assert ("Siemens", "PER") not in ents and ("Siemens", "LOC") not in ents


def test_runs_on_pretokenised_words(nlp) -> None:
    from spacy.tokens import Doc

    words = ["Angela", "Merkel", "flog", "nach", "Paris", "."]
    doc = nlp(Doc(nlp.vocab, words=words))
    assert [token.text for token in doc] == words
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels.get("Paris") == "LOC"
    assert any(label == "PER" and "Merkel" in text for text, label in labels.items())
