"""A CRF entity tagger, and the second opinion it gives on the neural model's entities.

``reader_crf_ner`` runs after ``ner`` in the bundled pipeline. It tags every sentence with a
linear-chain CRF over word, affix, shape, word-list and context features
(``reader.crf_features``), trained with python-crfsuite on the same GermEval sentences as the
neural model and decoded in numpy (``reader.crf_decode``), a batch of docs at a time. The two
read a sentence differently (the CRF sees the word lists, the CNN its own embeddings), and
where they disagree the CRF's probabilities decide:

* a model entity that the CRF finds plausible (every token of it has at least ``threshold``
  probability of its label, and the token after it of not continuing it) is kept, also over
  a CRF entity it overlaps: the model is better at where an entity ends;
* every other model entity is dropped;
* the CRF's own entities fill the tokens left.

Together this way they score above either alone, and a plain union of their entities scored
below the CRF alone (figures: the README's accuracy tables and ``training/README.md``).
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

from reader.crf_decode import SentenceScorer, marginals, read_weights, viterbi
from reader.passage import token_texts

MODEL_FILE = "model.crfsuite"
TokenSpan = tuple[int, int, str]


def spans_of(tags: Iterable[str]) -> list[TokenSpan]:
    """(start, end, label) of each entity in a BIO tag sequence (a stray ``I-`` opens one)."""
    spans: list[TokenSpan] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, tag_label = tag.partition("-")
        if start >= 0 and (prefix != "I" or tag_label != label):
            spans.append((start, i, label))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, label = i, tag_label
    return spans


def combine(
    model: Iterable[TokenSpan],
    crf: Iterable[TokenSpan],
    probability: Callable[[TokenSpan], float],
    threshold: float,
) -> list[TokenSpan]:
    """The model's plausible entities first, then the CRF's over the tokens still free."""
    chosen = [span for span in model if probability(span) >= threshold]
    taken = {i for start, end, _ in chosen for i in range(start, end)}
    for span in crf:
        if taken.isdisjoint(range(span[0], span[1])):
            chosen.append(span)
            taken.update(range(span[0], span[1]))
    return sorted(chosen)


@Language.factory(
    "reader_crf_ner",
    assigns=["doc.ents"],
    default_config={"threshold": 0.2, "names": False},
)
def make_crf_ner(nlp: Language, name: str, threshold: float, names: bool) -> CRFEntityTagger:
    return CRFEntityTagger(name, threshold, names)


class CRFEntityTagger:
    """Tags entities with a trained CRF and reconciles them with the ``doc.ents`` it is given."""

    def __init__(
        self, name: str = "reader_crf_ner", threshold: float = 0.2, names: bool = False
    ) -> None:
        self.name = name
        self.threshold = threshold
        # Whether the model was trained with the name-list features (crf_features).
        self.names = names
        self._model: bytes | None = None
        self._scorer: SentenceScorer | None = None
        self._label_ids: dict[str, int] = {}
        self.labels: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        # spaCy's multiprocessing pickles pipelines: the model bytes travel, not the caches.
        return _rebuild, (self.name, self.threshold, self._model, self.names)

    def set_model(self, model: bytes) -> None:
        """Use a trained crfsuite model (the bytes of its file)."""
        # A cut-off or foreign file is refused here, before its tables are read.
        if (
            len(model) < 8
            or model[:4] != b"lCRF"
            or struct.unpack("<I", model[4:8])[0] != len(model)
        ):
            raise ValueError(f"{self.name}: the CRF model is damaged (retrain it)")
        try:
            weights = read_weights(model)
        except ValueError as error:
            raise ValueError(
                f"{self.name}: the CRF model is damaged (retrain it): {error}"
            ) from None
        self._model, self._scorer = model, SentenceScorer(weights, self.names)
        self._label_ids = {label: k for k, label in enumerate(weights.labels)}
        self.labels = tuple(sorted({tag[2:] for tag in weights.labels if tag != "O"}))

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, stream: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Tag a batch of docs at a time: the CRF decodes all their sentences in step."""
        if self._scorer is None:
            raise ValueError(f"{self.name}: no CRF model loaded (train one with training.train)")
        for batch in minibatch(stream, size=batch_size):
            self._tag_docs(batch)
            yield from batch

    def _tag_docs(self, docs: list[Doc]) -> None:
        assert self._scorer is not None
        sentences = [sentence for doc in docs for sentence in _sentences(doc)]
        scores = self._scorer.scores([s.words for s in sentences])
        transitions = self._scorer.weights.transitions
        best = viterbi(scores, transitions)
        # Probabilities only where the model found entities to weigh.
        weighed = [k for k, s in enumerate(sentences) if s.model_spans]
        chances = dict(
            zip(weighed, marginals([scores[k] for k in weighed], transitions), strict=True)
        )
        spans: dict[int, list[TokenSpan]] = {id(doc): [] for doc in docs}
        tags = self._scorer.weights.labels
        for k, sentence in enumerate(sentences):
            found = [tags[t] for t in best[k].tolist()]
            spans[id(sentence.doc)] += self._combine(sentence, found, chances.get(k))
        for doc in docs:
            doc.ents = filter_spans(
                [Span(doc, a, b, label=label) for a, b, label in spans[id(doc)]]
            )

    def _combine(
        self, sentence: _Sentence, tags: list[str], chances: numpy.ndarray | None
    ) -> list[TokenSpan]:
        """The CRF's spans of one sentence (whitespace left out: the CRF learnt from text
        without it) combined with the model's spans there."""
        positions, end = sentence.positions, sentence.end
        crf = [(positions[a], positions[b - 1] + 1, label) for a, b, label in spans_of(tags)]
        if chances is None:
            return crf
        index = {position: k for k, position in enumerate(positions)}
        n = len(positions)
        known, ids = self.labels, self._label_ids

        def marginal(tag: str, k: int) -> float:
            column = ids.get(tag)
            return 0.0 if column is None else float(chances[k, column])

        def probability(span: TokenSpan) -> float:
            first, stop, label = span
            if label not in known or first not in index or stop - 1 not in index or stop > end:
                return 0.0  # an unknown label, across a sentence end or from a whitespace token
            a, b = index[first], index[stop - 1] + 1
            if b - a != stop - first:
                return 0.0
            p = min(marginal(("B-" if k == a else "I-") + label, k) for k in range(a, b))
            return min(p, 1.0 - marginal("I-" + label, b)) if b < n else p

        return combine(sentence.model_spans, crf, probability, self.threshold)

    # Serialisation: the crfsuite model file is the component's only data.

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return self._model or b""

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> CRFEntityTagger:
        if data:
            self.set_model(data)
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self._model is not None:
            (path / MODEL_FILE).write_bytes(self._model)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> CRFEntityTagger:
        model = Path(path) / MODEL_FILE
        if not model.exists():
            raise ValueError(f"{self.name}: {model} is missing (retrain with training.train_crf)")
        self.set_model(model.read_bytes())
        return self


def _rebuild(
    name: str, threshold: float, model: bytes | None, names: bool = False
) -> CRFEntityTagger:
    tagger = CRFEntityTagger(name, threshold, names)
    if model:
        tagger.set_model(model)
    return tagger


@dataclass(frozen=True, slots=True)
class _Sentence:
    """One sentence of a doc as the CRF reads it: its words without whitespace tokens, their
    positions in the doc, where it ends, and the model's entities in it."""

    doc: Doc
    words: list[str]
    positions: list[int]
    end: int
    model_spans: list[TokenSpan]


def _sentences(doc: Doc) -> list[_Sentence]:
    words = token_texts(doc)
    space = doc.to_array(IS_SPACE).astype(bool).tolist()
    starts = [0]
    if doc.has_annotation("SENT_START"):
        starts += [i for i in (doc.to_array(SENT_START) == 1).nonzero()[0].tolist() if i]
    model_spans = [(ent.start, ent.end, ent.label_) for ent in doc.ents]  # sorted
    sentences = []
    next_span = 0
    for start, end in zip(starts, [*starts[1:], len(doc)], strict=True):
        first = next_span
        while next_span < len(model_spans) and model_spans[next_span][0] < end:
            next_span += 1
        positions = [i for i in range(start, end) if not space[i]]
        if positions:
            chosen = [words[i] for i in positions]
            sentences.append(_Sentence(doc, chosen, positions, end, model_spans[first:next_span]))
    return sentences
