"""Tagging with a trained crfsuite model in numpy, many sentences at once.

crfsuite's Python binding spends most of its tagging time turning every feature string of
every token into an id, one string at a time. The model is linear, so a token's label scores
are the sum of what its features add; nearly all features belong to one word (``crf_features``
caches them per word), and here they are summed once per word into label score vectors.
Viterbi and forward-backward then run over a whole batch of sentences in step, as crfsuite
computes them (first maximum on ties, probabilities from scaled forward-backward).

``read_weights`` reads the weights from the model file itself (crfsuite's binary format, as
``pycrfsuite.Trainer`` writes it): ``Tagger.info()`` prints them to six decimals only.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

import numpy

from reader.crf_features import CONTEXT, PADDING, name_features, name_matches, word_features

_HEADER = struct.Struct("<4sI4s9I")
_FEATURE = numpy.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1


@dataclass(frozen=True)
class CRFWeights:
    """A linear-chain CRF: its labels, the label scores each attribute adds, transitions."""

    labels: tuple[str, ...]
    attributes: dict[str, numpy.ndarray]
    transitions: numpy.ndarray  # [previous label, label]


def read_weights(model: bytes) -> CRFWeights:
    """The weights of a crfsuite CRF model file (``ValueError`` when it cannot be read)."""
    try:
        magic, size, kind, _, _, n_labels, n_attrs, features, labels, attrs, *_ = (
            _HEADER.unpack_from(model)
        )
        if magic != b"lCRF" or kind != b"FOMC" or size != len(model):
            raise ValueError("not a crfsuite CRF model")
        chunk, _, count = struct.unpack_from("<4sII", model, features)
        if chunk != b"FEAT":
            raise ValueError("no feature chunk")
        table = numpy.frombuffer(model, _FEATURE, count, features + 12)
        label_names = _strings(model, labels, n_labels)
        attr_names = _strings(model, attrs, n_attrs)
    except (struct.error, IndexError, UnicodeDecodeError) as error:
        raise ValueError(f"not a readable crfsuite model: {error}") from None
    width = len(label_names)
    transitions = numpy.zeros((width, width))
    vectors: dict[str, numpy.ndarray] = {}
    for kind_, src, dst, weight in table.tolist():
        if kind_ == _TRANSITION:
            transitions[src, dst] = weight
        elif kind_ == _STATE:
            name = attr_names[src]
            vector = vectors.get(name)
            if vector is None:
                vector = vectors[name] = numpy.zeros(width)
            vector[dst] = weight
    return CRFWeights(tuple(label_names), vectors, transitions)


def _strings(model: bytes, base: int, count: int) -> list[str]:
    """The strings of a crfsuite string database (CQDB), by id: its backward array points at
    each record (id, size with the closing NUL, bytes)."""
    magic, _, _, _, size, backward = struct.unpack_from("<4s5I", model, base)
    if magic != b"CQDB" or size != count:
        raise ValueError("damaged string table")
    strings = []
    for ident, offset in enumerate(struct.unpack_from(f"<{size}I", model, base + backward)):
        found, length = struct.unpack_from("<II", model, base + offset)
        if found != ident or length < 1:
            raise ValueError("damaged string table")
        start = base + offset + 8
        strings.append(model[start : start + length - 1].decode("utf-8"))
    return strings


class SentenceScorer:
    """Label scores of a sentence's tokens: the sum crfsuite makes over the features of
    ``crf_features.sentence_features``, with each word's own and neighbour features summed
    once per word (``names``: with the name-list features)."""

    # A long session reads many words; past this many the cache starts again.
    CACHE_WORDS = 65536

    def __init__(self, weights: CRFWeights, names: bool = False) -> None:
        self.weights = weights
        self.names = names
        self._words: dict[str, tuple[str, numpy.ndarray]] = {}
        self._padding = numpy.stack([self._sum(PADDING[offset]) for offset in CONTEXT])
        self._start = self._sum(("BOS",))
        # The first words of the model's word pairs ("bg=a|b", "bg+=a|b"): most pairs of a
        # text are not among them and need no lookup.
        self._pair_firsts = frozenset(
            name.split("=", 1)[1].split("|", 1)[0]
            for name in weights.attributes
            if name.startswith(("bg=", "bg+="))
        )

    def _sum(self, features: Sequence[str]) -> numpy.ndarray:
        total = numpy.zeros(len(self.weights.labels))
        attributes = self.weights.attributes
        for feature in features:
            vector = attributes.get(feature)
            if vector is not None:
                total += vector
        return total

    def _word(self, word: str) -> tuple[str, numpy.ndarray]:
        """The word in lower case, and its own scores (row 0) and what it adds as the
        neighbour at each offset (rows 1 …)."""
        found = self._words.get(word)
        if found is not None:
            return found
        lower, own, context = word_features(word)
        rows = [self._sum(own), *(self._sum(features) for features in context)]
        if self.names:
            name_own, name_context = name_features(word)
            rows[0] += self._sum(name_own)
            for k, features in enumerate(name_context):
                rows[k + 1] += self._sum(features)
        if len(self._words) >= self.CACHE_WORDS:
            self._words.clear()
        found = self._words[word] = (lower, numpy.stack(rows))
        return found

    def scores(self, sentences: Sequence[Sequence[str]]) -> list[numpy.ndarray]:
        """(tokens × labels) scores of each sentence's words, all sentences in one go."""
        if not sentences:
            return []
        lengths = [len(words) for words in sentences]
        described = [self._word(word) for words in sentences for word in words]
        parts = numpy.stack([vectors for _, vectors in described])
        size = len(described)
        # Each token's position in its sentence, and its sentence's length.
        ends = numpy.cumsum(lengths)
        length = numpy.repeat(lengths, lengths)
        position = numpy.arange(size) - numpy.repeat(ends - lengths, lengths)
        scores = parts[:, 0].copy()
        scores[position == 0] += self._start
        for k, offset in enumerate(CONTEXT):
            # Token i reads the word at i + offset, or the padding past its sentence's ends.
            inside = ((position + offset >= 0) & (position + offset < length))[:, None]
            neighbour = parts[numpy.clip(numpy.arange(size) + offset, 0, size - 1), k + 1]
            scores += numpy.where(inside, neighbour, self._padding[k])
        self._add_pairs(sentences, [lower for lower, _ in described], scores)
        return numpy.split(scores, ends[:-1].tolist())

    def _add_pairs(
        self, sentences: Sequence[Sequence[str]], lower: list[str], scores: numpy.ndarray
    ) -> None:
        """The word bigram features, and with ``names`` the name-list matches."""
        attributes = self.weights.attributes
        firsts = self._pair_firsts
        i = 0
        for words in sentences:
            for j in range(i + 1, i + len(words)):
                first = lower[j - 1]
                if first not in firsts and "|" not in first:
                    continue
                before = attributes.get(f"bg={first}|{lower[j]}")
                if before is not None:
                    scores[j] += before
                after = attributes.get(f"bg+={lower[j - 1]}|{lower[j]}")
                if after is not None:
                    scores[j - 1] += after
            if self.names:
                for j, match in enumerate(name_matches(words), start=i):
                    vector = attributes.get("gzm=" + match) if match else None
                    if vector is not None:
                        scores[j] += vector
            i += len(words)


def _padded(scores: Sequence[numpy.ndarray]) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """The sentences' score matrices longest first in one array, their order and lengths."""
    lengths = numpy.array([len(s) for s in scores], dtype="int64")
    order = numpy.argsort(-lengths, kind="stable")
    width = scores[0].shape[1]
    stacked = numpy.zeros((len(scores), int(lengths.max()), width))
    for row, k in enumerate(order.tolist()):
        stacked[row, : lengths[k]] = scores[k]
    return stacked, order, lengths[order]


def viterbi(scores: Sequence[numpy.ndarray], transitions: numpy.ndarray) -> list[numpy.ndarray]:
    """The best label ids of each sentence, from its (tokens × labels) scores."""
    if not scores:
        return []
    stacked, order, lengths = _padded(scores)
    count, longest, _ = stacked.shape
    # Sentences go longest first: those still running at position t are a prefix.
    running = [int((lengths > t).sum()) for t in range(longest)]
    best = stacked[:, 0].copy()
    back = numpy.zeros(stacked.shape, dtype="int64")
    for t in range(1, longest):
        m = running[t]
        candidates = best[:m, :, None] + transitions
        back[:m, t] = candidates.argmax(axis=1)
        best[:m] = candidates.max(axis=1) + stacked[:m, t]
    path = numpy.zeros((count, longest), dtype="int64")
    path[numpy.arange(count), lengths - 1] = best.argmax(axis=1)
    for t in range(longest - 1, 0, -1):
        m = running[t]
        path[:m, t - 1] = back[numpy.arange(m), t, path[:m, t]]
    result: list[numpy.ndarray] = [path[0]] * count
    for row, k in enumerate(order.tolist()):
        result[k] = path[row, : lengths[row]]
    return result


def marginals(scores: Sequence[numpy.ndarray], transitions: numpy.ndarray) -> list[numpy.ndarray]:
    """The probability of each label at each token of each sentence (tokens × labels)."""
    if not scores:
        return []
    stacked, order, lengths = _padded(scores)
    count, longest, _ = stacked.shape
    running = [int((lengths > t).sum()) for t in range(longest)]
    state = numpy.exp(stacked)
    moves = numpy.exp(transitions)
    forward = numpy.zeros(stacked.shape)
    scale = numpy.ones((count, longest))
    forward[:, 0] = state[:, 0]
    for t in range(longest):
        m = running[t]
        if t:
            forward[:m, t] = (forward[:m, t - 1] @ moves) * state[:m, t]
        scale[:m, t] = 1.0 / forward[:m, t].sum(axis=1)
        forward[:m, t] *= scale[:m, t, None]
    backward = numpy.zeros(stacked.shape)
    rows = numpy.arange(count)
    backward[rows, lengths - 1] = scale[rows, lengths - 1, None]
    for t in range(longest - 2, -1, -1):
        m = running[t + 1]
        backward[:m, t] = ((state[:m, t + 1] * backward[:m, t + 1]) @ moves.T) * scale[:m, t, None]
    probabilities = forward * backward / scale[:, :, None]
    result: list[numpy.ndarray] = [probabilities[0]] * count
    for row, k in enumerate(order.tolist()):
        result[k] = probabilities[row, : lengths[row]]
    return result
