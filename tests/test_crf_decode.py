"""The numpy CRF decoder gives what crfsuite's own tagger gives, on the same model."""

from __future__ import annotations

import numpy
import pycrfsuite
import pytest

from reader.crf_decode import SentenceScorer, marginals, read_weights, viterbi
from reader.crf_features import sentence_features

SENTENCES = [
    (["Angela", "Merkel", "besuchte", "München", "."], ["B-PER", "I-PER", "O", "B-LOC", "O"]),
    (["Jonas", "Weber", "wohnt", "in", "Hamburg", "."], ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]),
    (["Die", "Deutsche", "Bahn", "fährt", "."], ["O", "B-ORG", "I-ORG", "O", "O"]),
    (["Er", "las", "den", "Spiegel", "."], ["O", "O", "O", "B-MISC", "O"]),
]
# Sentences of other lengths and unseen words: one word, padding on both sides, new bigrams.
UNSEEN = [
    ["Berlin"],
    ["Olaf", "Scholz"],
    ["Am", "Montag", "sagte", "Olaf", "Scholz", "in", "Berlin", ",", "die", "Lage", "sei", "ernst"],
    ["Die", "Deutsche", "Bahn", "besuchte", "Hamburg", "und", "München", "."],
]


@pytest.fixture(scope="module", params=[False, True], ids=["plain", "names"])
def trained(request: pytest.FixtureRequest) -> tuple[bytes, bool]:
    from training.train_crf import train

    settings = {"algorithm": "lbfgs", "c1": 0.0, "c2": 0.01, "max_iterations": 40}
    return train(SENTENCES * 5, settings, request.param), request.param


def test_tags_and_probabilities_are_crfsuites(trained: tuple[bytes, bool]) -> None:
    model, names = trained
    weights = read_weights(model)
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(model)
    assert set(weights.labels) == set(tagger.labels())
    sentences = [words for words, _ in SENTENCES] + UNSEEN
    scores = SentenceScorer(weights, names).scores(sentences)
    best = viterbi(scores, weights.transitions)
    chances = marginals(scores, weights.transitions)
    for words, path, probabilities in zip(sentences, best, chances, strict=True):
        tagger.set(sentence_features(words, names))
        assert [weights.labels[k] for k in path.tolist()] == tagger.tag()
        expected = [
            [tagger.marginal(label, k) for label in weights.labels] for k in range(len(words))
        ]
        assert numpy.allclose(probabilities, expected, rtol=0, atol=1e-12)


def test_an_unreadable_model_is_refused() -> None:
    for damaged in (b"", b"lCRF" + b"\0" * 60, b"\0" * 64):
        with pytest.raises(ValueError):
            read_weights(damaged)


def test_nothing_to_decode_gives_nothing() -> None:
    transitions = numpy.zeros((3, 3))
    assert viterbi([], transitions) == [] and marginals([], transitions) == []
