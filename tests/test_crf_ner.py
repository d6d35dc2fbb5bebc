"""The CRF entity tagger: its features, how it settles disagreements, training and saving."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from reader.crf_features import CONTEXT, sentence_features, shape
from reader.crf_ner import CRFEntityTagger, combine, spans_of

SENTENCES = [
    (["Angela", "Merkel", "besuchte", "München", "."], ["B-PER", "I-PER", "O", "B-LOC", "O"]),
    (["Jonas", "Weber", "wohnt", "in", "Hamburg", "."], ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]),
    (["Die", "Deutsche", "Bahn", "fährt", "."], ["O", "B-ORG", "I-ORG", "O", "O"]),
    (["Er", "las", "den", "Spiegel", "."], ["O", "O", "O", "B-MISC", "O"]),
]


def test_shape_collapses_runs() -> None:
    assert shape("Berlin") == "Xxx"
    assert shape("EU-Gipfel") == "XX-Xxx"
    assert shape("2024") == "dd"
    assert shape("12.") == "dd."


def test_features_describe_the_word_and_its_neighbours() -> None:
    features = sentence_features(["Olaf", "Scholz", "sagte", "in", "Berlin"])
    assert len(features) == 5
    assert "BOS" in features[0] and "BOS" not in features[1]
    assert "lo=scholz" in features[1] and "title" in features[1]
    assert "-1lo=olaf" in features[1] and "1lo=sagte" in features[1]
    assert "f=first" in features[0]  # the word lists know the first name
    assert "f=place" in features[4]
    assert "-2pad" in features[0] and "2pad" in features[4]
    assert "bg=olaf|scholz" in features[1] and "bg+=scholz|sagte" in features[1]
    # Every neighbour offset contributes, and a word's features do not depend on its sentence.
    assert all(any(f.startswith(f"{offset}lo=") for f in features[2]) for offset in CONTEXT)
    assert set(sentence_features(["Berlin"])[0]) >= {"lo=berlin", "f=place", "BOS"}
    assert "2f=place" not in features[2] and "1f=place" in features[3]


def test_spans_of_reads_bio_and_opens_a_span_at_a_stray_inside_tag() -> None:
    assert spans_of(["B-PER", "I-PER", "O", "B-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]
    assert spans_of(["O", "I-ORG", "I-ORG", "B-ORG"]) == [(1, 3, "ORG"), (3, 4, "ORG")]
    assert spans_of(["B-PER", "I-LOC"]) == [(0, 1, "PER"), (1, 2, "LOC")]
    assert spans_of([]) == []


def test_combine_keeps_plausible_model_entities_and_fills_in_the_crf_ones() -> None:
    model = [(0, 2, "PER"), (5, 6, "LOC")]
    crf = [(1, 2, "PER"), (3, 4, "ORG"), (5, 6, "ORG")]
    plausible = {(0, 2, "PER"): 0.6, (5, 6, "LOC"): 0.05}
    result = combine(model, crf, lambda span: plausible[span], threshold=0.2)
    # The model's person wins over the CRF's shorter one; its unlikely place gives way.
    assert result == [(0, 2, "PER"), (3, 4, "ORG"), (5, 6, "ORG")]
    assert combine(model, [], lambda span: 1.0, 0.2) == model
    assert combine([], crf, lambda span: 1.0, 0.2) == crf


@pytest.fixture(scope="module")
def tiny_model() -> bytes:
    from training.train_crf import train

    return train(SENTENCES * 5, {"algorithm": "lbfgs", "c1": 0.0, "c2": 0.01, "max_iterations": 40})


def test_a_trained_tagger_tags_what_it_learnt(tiny_model: bytes) -> None:
    nlp = spacy.blank("de")
    component = nlp.add_pipe("reader_crf_ner")
    component.set_model(tiny_model)
    assert component.labels == ("LOC", "MISC", "ORG", "PER")
    doc = nlp(Doc(nlp.vocab, words=SENTENCES[0][0]))
    assert {(ent.text, ent.label_) for ent in doc.ents} == {
        ("Angela Merkel", "PER"),
        ("München", "LOC"),
    }


def test_without_a_model_it_says_so() -> None:
    with pytest.raises(ValueError, match="no CRF model"):
        CRFEntityTagger()(spacy.blank("de")("Angela Merkel"))


def test_whitespace_tokens_are_read_past(tiny_model: bytes) -> None:
    tagger = CRFEntityTagger()
    tagger.set_model(tiny_model)
    nlp = spacy.blank("de")
    doc = tagger(Doc(nlp.vocab, words=["\n", "Angela", "\n", "Merkel", "besuchte", "München"]))
    # A name broken over a line is one name; no entity starts or ends with the line break.
    assert ("Angela \n Merkel", "PER") in {(ent.text, ent.label_) for ent in doc.ents}
    assert all(not ent[0].is_space and not ent[-1].is_space for ent in doc.ents)


def test_shipped_into_a_pipeline_it_loads_with_spacy(tmp_path: Path, tiny_model: bytes) -> None:
    from training.train_crf import ship

    target = tmp_path / "pipeline"
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(target)
    ship(tiny_model, 0.3, target)
    ship(tiny_model, 0.3, target)  # shipping again replaces the component
    loaded = spacy.load(target)
    assert loaded.pipe_names == ["sentencizer", "reader_crf_ner"]
    assert loaded.get_pipe("reader_crf_ner").threshold == 0.3
    assert (target / "reader_crf_ner" / "model.crfsuite").read_bytes() == tiny_model
    doc = loaded("Jonas Weber wohnt in Hamburg.")
    assert ("Hamburg", "LOC") in {(ent.text, ent.label_) for ent in doc.ents}
    assert loaded.from_bytes(loaded.to_bytes()).get_pipe("reader_crf_ner").labels


@pytest.mark.model
def test_the_bundled_pipeline_tags_with_the_crf_before_the_rules() -> None:
    from reader.nlp import load_pipeline

    names = load_pipeline().pipe_names
    assert names.index("ner") < names.index("reader_crf_ner") < names.index("reader_ner_rules")


def test_a_damaged_model_is_refused_not_crashed_on(tiny_model: bytes) -> None:
    tagger = CRFEntityTagger()
    for damaged in (tiny_model[: len(tiny_model) // 2], tiny_model[:100], b"", b"\0" * 64):
        with pytest.raises(ValueError, match="damaged"):
            tagger.set_model(damaged)


def test_the_tagger_survives_pickling(tiny_model: bytes) -> None:
    import pickle

    tagger = CRFEntityTagger(threshold=0.4)
    tagger.set_model(tiny_model)
    copy = pickle.loads(pickle.dumps(tagger))
    assert copy.threshold == 0.4 and copy.labels == tagger.labels
    words = SENTENCES[0][0]
    nlp = spacy.blank("de")
    assert [e.text for e in copy(Doc(nlp.vocab, words=words)).ents] == [
        e.text for e in tagger(Doc(nlp.vocab, words=words)).ents
    ]


def test_model_entities_are_matched_to_their_sentences(tiny_model: bytes) -> None:
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    tagger = CRFEntityTagger(threshold=0.0)  # every model entity counts as plausible
    tagger.set_model(tiny_model)
    doc = nlp("Angela Merkel besuchte München. Jonas Weber wohnt in Hamburg.")
    doc.ents = [Span(doc, 0, 2, label="PER"), Span(doc, 5, 7, label="PER")]
    assert ("Jonas Weber", "PER") in {(e.text, e.label_) for e in tagger(doc).ents}
