"""Token features for the CRF entity tagger (``reader.crf_ner``), shared by training and use.

A token is described by its own word (lower case, affixes, shape, what the word lists know of
it), by its neighbours (the next and previous word in the same detail, the words two away by
themselves) and by the word bigrams it is part of.
Everything that depends on one word alone is computed once per word and cached, so tagging a
sentence is mostly list concatenation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from reader import lexicons

_UPPER = re.compile(r"[A-ZÄÖÜ]")
_LOWER = re.compile(r"[a-zäöüß]")
_DIGIT = re.compile(r"[0-9]")
_REPEAT = re.compile(r"(.)\1{2,}")
CONTEXT = (-2, -1, 1, 2)
# An article holds a few thousand distinct words; this bounds a long session's memory.
_CACHE_WORDS = 16384


def shape(word: str) -> str:
    """``Xxxx`` for ``Berlin``, ``XX-xxxx`` for ``EU-Gipfel``, ``dd.`` for ``12.``."""
    text = _DIGIT.sub("d", _LOWER.sub("x", _UPPER.sub("X", word)))
    return _REPEAT.sub(r"\1\1", text)


# What the word lists can say about a capitalised word.
_NAME_FLAGS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("noun", lexicons.is_common_noun),
    ("pname", lexicons.is_person_name),
    ("proper", lexicons.is_proper_noun),
    ("first", lexicons.is_first_name),
    ("given", lambda word: lexicons.is_given_name(word) and not lexicons.is_first_name(word)),
    ("place", lexicons.is_place),
    ("topo", lexicons.is_toponym),
    ("country", lambda word: word in lexicons.countries_de()),
    ("compound", lexicons.is_compound_noun),
    ("role", lexicons.is_role_word),
    ("title", lambda word: word in lexicons.TITLES),
)


def lexicon_flags(word: str) -> tuple[str, ...]:
    """What the reader's word lists say about ``word``: common noun, first name, place …

    The ``z``/``ze`` flags are its German and English word frequency (Zipf, rounded down).
    """
    # Names, nouns, places and roles are capitalised: for other words none of the lists
    # answers (on GermEval train not once), and asking is most of a new word's cost.
    flags = [flag for flag, test in _NAME_FLAGS if test(word)] if word[:1].isupper() else []
    if "-" in word:
        first, head = word.split("-", 1)[0], word.rsplit("-", 1)[-1]
        if head[:1].isupper() and lexicons.is_common_noun(head):
            flags.append("hyph_noun_head")
        if lexicons.is_place(first):
            flags.append("hyph_place_first")
        if lexicons.is_first_name(first):
            flags.append("hyph_first_first")
    flags.append(f"z{int(lexicons.zipf(word, 'de'))}")
    flags.append(f"ze{int(lexicons.zipf(word, 'en'))}")
    return tuple(flags)


@lru_cache(maxsize=_CACHE_WORDS)
def word_features(word: str) -> tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """(lower case, the word's own features, its features as a neighbour at each offset)."""
    lower = word.lower()
    word_shape = shape(word)
    flags = lexicon_flags(word)
    # The exact form adds nothing to lower case + "title"/"upper" (holdout F 0.711 either way).
    own = [
        "b",
        "lo=" + lower,
        "s3=" + word[-3:],
        "s2=" + word[-2:],
        "s4=" + word[-4:],
        "p3=" + word[:3],
        "sh=" + word_shape,
    ]
    if word[:1].isupper():
        own.append("title")
    if word.isupper() and len(word) > 1:
        own.append("upper")
    own += ["f=" + flag for flag in flags]
    # Word frequency is left out of the neighbours' features: it did not help there.
    neighbour_flags = [flag for flag in flags if not flag.startswith("z")]
    context = []
    for offset in CONTEXT:
        features = [f"{offset}lo={lower}"]
        # Two words away only the word itself counts: its shape and word-list flags did not
        # help on held-out train sentences, and every feature string costs tagging time.
        if abs(offset) == 1:
            features += [f"{offset}sh={word_shape}", f"{offset}s3={word[-3:]}"]
            features += [f"{offset}f={flag}" for flag in neighbour_flags]
        context.append(tuple(features))
    return lower, tuple(own), tuple(context)


PADDING = {offset: (f"{offset}pad",) for offset in CONTEXT}


@lru_cache(maxsize=_CACHE_WORDS)
def name_features(word: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The labels the word carried in other corpora's names (``training/build_names.py``):
    its own and as the neighbour at each offset (next and previous word only)."""
    own = tuple("gz=" + label for label in lexicons.name_word_labels(word))
    context = tuple(
        tuple(f"{offset}{name}" for name in own) if abs(offset) == 1 else () for offset in CONTEXT
    )
    return own, context


def name_matches(words: Sequence[str]) -> list[str]:
    """``B-PER``/``I-PER``… where a name of several words from the lists starts or goes on,
    longest match first, ``""`` elsewhere."""
    lists = lexicons.name_lists()
    marks = [""] * len(words)
    i = 0
    while i < len(words):
        for length in range(min(lists.longest, len(words) - i), 1, -1):
            label = lists.names.get(tuple(words[i : i + length]))
            if label:
                marks[i : i + length] = [f"B-{label}"] + [f"I-{label}"] * (length - 1)
                i += length - 1
                break
        i += 1
    return marks


def sentence_features(words: Sequence[str], names: bool = False) -> list[list[str]]:
    """The feature strings of every token of one sentence, in order; ``names`` adds what the
    name lists know (a model is trained and used with them or without them)."""
    described = [word_features(word) for word in words]
    n = len(words)
    result = []
    for i, (lower, own, _) in enumerate(described):
        features = list(own)
        if i == 0:
            features.append("BOS")
        for k, offset in enumerate(CONTEXT):
            j = i + offset
            features += described[j][2][k] if 0 <= j < n else PADDING[offset]
        if i > 0:
            features.append(f"bg={described[i - 1][0]}|{lower}")
        if i + 1 < n:
            features.append(f"bg+={lower}|{described[i + 1][0]}")
        result.append(features)
    if names:
        _add_name_features(words, result)
    return result


def _add_name_features(words: Sequence[str], result: list[list[str]]) -> None:
    described = [name_features(word) for word in words]
    for i, (features, match) in enumerate(zip(result, name_matches(words), strict=True)):
        features += described[i][0]
        if match:
            features.append("gzm=" + match)
        for k, offset in enumerate(CONTEXT):
            if 0 <= i + offset < len(words):
                features += described[i + offset][1][k]
