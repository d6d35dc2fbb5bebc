"""reader_syntax: part of speech, morphology and dependencies where quote attribution reads them.

The component holds a nested spaCy pipeline (``tok2vec`` + ``morphologizer`` + ``parser``,
trained by ``training/train_syntax.py`` on the UD German treebanks) and runs it only over the
sentences attribution needs (``select="speech"``): those with a quotation mark or a speech cue
(``speech_cues``), and the sentence before each, for the subject a later pronoun refers to
(across passages too: the last sentence of the passage before). ``select="all"`` parses every
sentence.

The result lands on the reader's own tokens, so downstream code reads plain spaCy:
``token.pos_``, ``token.morph.get("Case")``, ``token.dep_``, ``token.head``,
``token.children``. Every sentence the sentencizer made stays one tree, and ``doc.sents``
keeps exactly its boundaries:

* a parsed sentence has a real tree whose root is labelled ``ROOT`` (a second root the parser
  makes is attached to the first with ``dep``);
* a sentence left out is flat: every token hangs from its first token with ``dep``, and that
  root is labelled ``unparsed`` (``is_parsed(sentence)`` tells the two apart); it has no
  part of speech or morphology.

Whitespace tokens are not parsed; they hang from the token before them with ``dep``.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import (
    DEP,
    HEAD,
    IS_SPACE,
    MORPH,
    POS,
    SENT_START,
    SPACY,
)
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch
from spacy.vocab import Vocab

from reader import word_classes  # noqa: F401  (a syntax model may use reader_word_class)
from reader.passage import PIPELINE_LOCK, token_texts

SELECTIONS = ("speech", "all")
PARSED_ROOT = "ROOT"
UNPARSED_ROOT = "unparsed"
FLAT = "dep"
QUOTE_MARKS = frozenset('„“”«»‹›"‚‘')
# Quotation marks as the treebanks write them: the model learnt „ … “ only.
_OPENING, _CLOSING = "„", "“"
# Words that frame reported speech without a verb (``laut X``, ``X zufolge``, ``nach Angaben``).
CUE_WORDS = ("laut", "zufolge", "gemäß", "angaben")


@dataclass(frozen=True, slots=True)
class SpeechCues:
    """Words that make a sentence one attribution reads, as written in the text.

    ``words`` select a sentence alone; ``particle_words`` only with one of their particles as
    a word of the same sentence (``teilte … mit``: ``teilte`` alone is no speech verb).
    """

    words: frozenset[str]
    particle_words: Mapping[str, frozenset[str]]


@cache
def speech_cues() -> SpeechCues:
    """The speech cues: every form of the reader's speech verbs, and ``CUE_WORDS``.

    The forms come from ``reader.lang.de.verbs`` (the one place the verbs are listed). Lower
    case and, except for ``-en`` forms (``Klagen``, ``Fragen`` are nouns), capitalised.
    """
    from reader.lang.de import verbs

    needs_particle: Mapping[str, frozenset[str]] = verbs.forms_needing_a_particle()
    free = {form for form in verbs.reporting_forms() if form not in needs_particle}
    free.update(CUE_WORDS)

    def cased(forms: Iterable[str]) -> set[str]:
        return {v for f in forms for v in (f, f.capitalize()) if v == f or not f.endswith("en")}

    particle_words = {
        variant: particles
        for form, particles in needs_particle.items()
        for variant in cased([form])
    }
    return SpeechCues(frozenset(cased(free)), particle_words)


def is_parsed(sentence: Span) -> bool:
    """Whether ``reader_syntax`` parsed this sentence (else it is flat, without POS).

    A selected sentence whose parse the component deferred (``defer``) is parsed now.
    """
    if sentence.root.dep_ != UNPARSED_ROOT:
        return True
    deferred = _DEFERRED.get(sentence.doc)
    return deferred is not None and deferred.parse(sentence.start)


@Language.factory(
    "reader_syntax",
    assigns=["token.pos", "token.morph", "token.dep", "token.head", "token.is_sent_start"],
    default_config={"select": "speech", "batch_size": 256, "defer": False},
)
def make_syntax(
    nlp: Language, name: str, select: str, batch_size: int, defer: bool
) -> SyntaxParser:
    return SyntaxParser(name, select, batch_size, defer)


Bounds = list[tuple[int, int]]


class SyntaxParser:
    """Parses the selected sentences of each Doc with a nested spaCy pipeline.

    With ``defer`` a selected sentence is parsed only when ``is_parsed`` asks about it:
    attribution reads few of the sentences it may read (in WikiNews about one in ten).
    Until then it is flat like a sentence left out. A sentence parsed alone gets the same
    parse as in a batch (the CNN's windows and the parser's states stay inside a doc).
    """

    def __init__(
        self,
        name: str = "reader_syntax",
        select: str = "speech",
        batch_size: int = 256,
        defer: bool = False,
    ):
        if select not in SELECTIONS:
            raise ValueError(f"{name}: select must be one of {SELECTIONS}, not {select!r}")
        self.name = name
        self.select = select
        self.batch_size = batch_size
        self.defer = defer
        self.model: Language | None = None
        self._shared_with: Vocab | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # spaCy's multiprocessing pickles pipelines: the nested one travels as config + bytes.
        state = None
        if self.model is not None:
            state = (self.model.config.to_str(), self.model.to_bytes())
        return _rebuild, (self.name, self.select, self.batch_size, state, self.defer)

    def set_model(self, model: Language) -> None:
        """Use a trained syntax pipeline (``tok2vec``, ``morphologizer``, ``parser``)."""
        missing = {"morphologizer", "parser"} - set(model.pipe_names)
        if missing:
            raise ValueError(f"{self.name}: the syntax model lacks {', '.join(sorted(missing))}")
        self.model = model
        self._shared_with = None

    # Selection

    def select_sentences(self, doc: Doc) -> tuple[Bounds, list[bool], list[bool]]:
        """The doc's sentences (token bounds), which hold a cue, and which to parse."""
        bounds = sentence_bounds(doc)
        if self.select == "all":
            every = [True] * len(bounds)
            return bounds, every, every
        words = token_texts(doc)
        cues = [has_speech_cue(words[start:end]) for start, end in bounds]
        chosen = [cue or after for cue, after in zip(cues, [*cues[1:], False], strict=True)]
        return bounds, cues, chosen

    # Running

    def __call__(self, doc: Doc) -> Doc:
        bounds, _, chosen = self.select_sentences(doc)
        self._annotate([(doc, bounds, chosen)])
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Like ``__call__`` over a stream, one batch of sentences at a time; a Doc is held
        back until the next one is seen, whose first sentence may need its last one."""
        held: tuple[Doc, Bounds, list[bool], list[bool]] | None = None
        for batch in minibatch(stream, size=batch_size):
            items = [(doc, *self.select_sentences(doc)) for doc in batch]
            if held is not None:
                items.insert(0, held)
            for (_, _, _, chosen), (_, _, cues, _) in pairwise(items):
                if chosen and cues and cues[0]:
                    chosen[-1] = True
            held = items.pop()
            self._annotate([(doc, bounds, chosen) for doc, bounds, _, chosen in items])
            yield from (item[0] for item in items)
        if held is not None:
            self._annotate([(held[0], held[1], held[3])])
            yield held[0]

    def _annotate(self, items: list[tuple[Doc, Bounds, list[bool]]]) -> None:
        if self.model is None:
            raise ValueError(f"{self.name}: no syntax model loaded (training.train_syntax)")
        if self.defer:
            for doc, bounds, chosen in items:
                space = doc.to_array(IS_SPACE).astype(bool)
                write_trees(doc, bounds, [], space)
                if any(chosen):
                    _DEFERRED[doc] = _Deferred(self, doc, bounds, chosen, space)
            return
        # (item, start, end, positions of the sentence's words: whitespace left out)
        jobs: list[tuple[int, int, int, list[int]]] = []
        sentences: list[Doc] = []
        spaces = []
        for k, (doc, bounds, chosen) in enumerate(items):
            space = doc.to_array(IS_SPACE).astype(bool)
            spaces.append(space)
            if not any(chosen):
                continue
            for start, end, positions, sentence in self._sentence_docs(doc, bounds, chosen, space):
                jobs.append((k, start, end, positions))
                sentences.append(sentence)
        by_item: dict[int, list[tuple[int, int, list[int], Doc]]] = {}
        for (k, start, end, positions), sentence in zip(jobs, self.run(sentences), strict=True):
            by_item.setdefault(k, []).append((start, end, positions, sentence))
        for k, (doc, bounds, _) in enumerate(items):
            write_trees(doc, bounds, by_item.get(k, []), spaces[k])

    def _sentence_docs(
        self, doc: Doc, bounds: Bounds, chosen: list[bool], space: numpy.ndarray
    ) -> list[tuple[int, int, list[int], Doc]]:
        """The chosen sentences of ``doc`` as Docs of their own, with their bounds and the
        positions of their words (whitespace left out)."""
        assert self.model is not None
        self._share_strings(doc.vocab)
        # The doc's own vocab knows its words already; another language's would give
        # the words other features than the model learnt.
        vocab = doc.vocab if doc.vocab.lang == self.model.vocab.lang else self.model.vocab
        words = _words_as_learnt(doc)
        trailing = doc.to_array(SPACY).astype(bool).tolist()
        found = []
        for (start, end), parse in zip(bounds, chosen, strict=True):
            positions = [i for i in range(start, end) if not space[i]] if parse else []
            if positions:
                found.append(
                    (start, end, positions, _sentence_doc(vocab, words, trailing, positions))
                )
        return found

    def run(self, sentences: list[Doc]) -> list[Doc]:
        """The nested pipeline over sentence Docs."""
        assert self.model is not None
        parsed: Iterable[Doc] = sentences
        # Deferred parses run in the analysis, outside nlp.pipe: they share the doc's vocab
        # with it, so they take the same turns.
        with PIPELINE_LOCK:
            for _, component in self.model.pipeline:
                if hasattr(component, "pipe"):
                    parsed = component.pipe(parsed, batch_size=self.batch_size)
                else:  # a plain function component (reader_word_class)
                    parsed = map(component, parsed)
            return list(parsed)

    def _share_strings(self, vocab: Vocab) -> None:
        """Put the model's labels and feature bundles into ``vocab``: the sentences are parsed
        on the reader's own vocab (its words are known there), whose strings must name them."""
        if self._shared_with is vocab:
            return
        assert self.model is not None
        moves = self.model.get_pipe("parser").moves  # type: ignore[attr-defined]
        labels = {moves.get_class_name(i).split("-", 1)[-1] for i in range(moves.n_moves)}
        for label in labels:
            for part in (label, *label.split("||")):
                vocab.strings.add(part)
        morphologizer = self.model.get_pipe("morphologizer")
        for features in morphologizer.cfg["labels_morph"].values():  # type: ignore[attr-defined]
            vocab.strings.add(features)
        for name in (FLAT, UNPARSED_ROOT, PARSED_ROOT):
            vocab.strings.add(name)
        self._shared_with = vocab

    # Serialisation: the nested pipeline folder is the component's data.

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        if self.model is not None:
            self.model.to_disk(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> SyntaxParser:
        from spacy.util import load_model_from_path

        path = Path(path)
        if not (path / "config.cfg").exists():
            raise ValueError(
                f"{self.name}: {path} holds no syntax model (run training.train_syntax)"
            )
        self.set_model(load_model_from_path(path))
        return self


class _Deferred:
    """A doc's selected sentences that ``defer`` left unparsed, and those parsed since."""

    def __init__(
        self, parser: SyntaxParser, doc: Doc, bounds: Bounds, chosen: list[bool], space: Any
    ) -> None:
        self.parser = parser
        self.doc = weakref.ref(doc)
        self.bounds = bounds
        self.starts = [start for start, _ in bounds]
        self.chosen = chosen
        self.space = space
        self.parsed: list[tuple[int, int, list[int], Doc]] = []

    def parse(self, start: int) -> bool:
        """Parse the sentence that starts at token ``start`` if it was selected; whether it
        has a parse now."""
        k = bisect_right(self.starts, start) - 1
        doc = self.doc()
        if doc is None or k < 0 or self.starts[k] != start or not self.chosen[k]:
            return False
        only = [i == k for i in range(len(self.bounds))]
        sentences = self.parser._sentence_docs(doc, self.bounds, only, self.space)
        if not sentences:
            return False  # whitespace only
        self.chosen[k] = False
        ((begin, end, positions, sentence),) = sentences
        (parsed,) = self.parser.run([sentence])
        self.parsed.append((begin, end, positions, parsed))
        write_trees(doc, self.bounds, self.parsed, self.space)
        return True


# Docs with deferred sentences, while they live.
_DEFERRED: weakref.WeakKeyDictionary[Doc, _Deferred] = weakref.WeakKeyDictionary()


def _rebuild(
    name: str,
    select: str,
    batch_size: int,
    state: tuple[str, bytes] | None,
    defer: bool = False,
) -> SyntaxParser:
    parser = SyntaxParser(name, select, batch_size, defer)
    if state is not None:
        from confection import Config
        from spacy.util import load_model_from_config

        config, data = state
        parser.set_model(load_model_from_config(Config().from_str(config)).from_bytes(data))
    return parser


def sentence_bounds(doc: Doc) -> Bounds:
    """(start, end) token bounds of the doc's sentences (the whole doc if none are set)."""
    if not len(doc):
        return []
    starts = [0]
    if doc.has_annotation("SENT_START"):
        starts += [i for i in (doc.to_array(SENT_START) == 1).nonzero()[0].tolist() if i]
    return list(zip(starts, [*starts[1:], len(doc)], strict=True))


def has_speech_cue(words: list[str]) -> bool:
    """Whether a sentence's words hold a quotation mark or a speech cue."""
    cues = speech_cues()
    present = set(words)
    if not present.isdisjoint(QUOTE_MARKS) or not present.isdisjoint(cues.words):
        return True
    lowered: set[str] | None = None
    for word in present.intersection(cues.particle_words):
        lowered = lowered if lowered is not None else {w.lower() for w in present}
        if not lowered.isdisjoint(cues.particle_words[word]):
            return True
    return False


def _words_as_learnt(doc: Doc) -> list[str]:
    """The doc's words, quotation marks as the model learnt them: „ when one opens (space or
    start before it), else “."""
    words = list(token_texts(doc))  # a copy: the shared list stays as it is
    for i, word in enumerate(words):
        if word in QUOTE_MARKS:
            words[i] = _OPENING if i == 0 or doc[i - 1].whitespace_ else _CLOSING
    return words


def _sentence_doc(
    vocab: Vocab, words: list[str], trailing: list[bool], positions: list[int]
) -> Doc:
    """One sentence as a Doc of its own, marked as one sentence: the parser may not split it."""
    starts: list[bool | int | None] = [True]
    starts += [False] * (len(positions) - 1)
    return Doc(
        vocab,
        words=[words[i] for i in positions],
        spaces=[trailing[i] for i in positions],
        sent_starts=starts,
    )


def write_trees(
    doc: Doc, bounds: Bounds, parsed: list[tuple[int, int, list[int], Doc]], space: numpy.ndarray
) -> None:
    """Copy the parsed sentences' POS, morphology and trees onto ``doc``; every other sentence
    gets a flat tree, so that the doc's sentences stay as they were. ``parsed`` holds each
    parsed sentence's bounds, the positions of its words (no whitespace) and its parse."""
    vocab = doc.vocab
    size = len(doc)
    if not size:
        return
    flat, unparsed, root = (vocab.strings.add(s) for s in (FLAT, UNPARSED_ROOT, PARSED_ROOT))
    heads = numpy.empty(size, dtype="int64")
    deps = numpy.full(size, flat, dtype="uint64")
    pos = numpy.zeros(size, dtype="uint64")
    morph = numpy.zeros(size, dtype="uint64")
    for start, end in bounds:
        heads[start:end] = start
        deps[start] = unparsed
    for start, end, positions, sentence in parsed:
        index = numpy.asarray(positions, dtype="int64")
        values = sentence.to_array([POS, MORPH, HEAD, DEP])
        local_heads = numpy.arange(len(index)) + values[:, 2].astype("int64")
        labels = values[:, 3]
        top = _join_roots(sentence, local_heads, labels, flat)
        labels[top] = root
        pos[index], morph[index] = values[:, 0], values[:, 1]
        heads[index], deps[index] = index[local_heads], labels
        for i in range(start, end):  # whitespace hangs from the word before it
            if space[i]:
                heads[i] = i - 1 if i > start else index[top]
                deps[i] = flat
    relative = (heads - numpy.arange(size, dtype="int64")).astype("uint64")
    columns: Any = numpy.stack([pos, morph, relative, deps], axis=1)
    doc.from_array([POS, MORPH, HEAD, DEP], columns)


def _join_roots(sentence: Doc, heads: numpy.ndarray, labels: numpy.ndarray, flat: int) -> int:
    """Keep one root (the one over most words); other roots hang from it with ``dep``."""
    roots = (heads == numpy.arange(len(heads))).nonzero()[0].tolist()
    if len(roots) == 1:
        return int(roots[0])
    extent = [sentence[r].right_edge.i - sentence[r].left_edge.i for r in roots]
    top = roots[extent.index(max(extent))]
    for r in roots:
        if r != top:
            heads[r], labels[r] = top, flat
    return int(top)
