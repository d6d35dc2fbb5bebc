"""Fuzzy search over an analysed article, or a library of them: people, quotes, places, sentences.

Build an index once with ``SearchIndex.from_analysis(analysis)`` (or ``from_analyses`` for many
articles), then call ``index.query(text, limit)`` as the user types. Plain Python, numpy and
rapidfuzz: no spaCy, no Textual.

How matching works
------------------
Every searchable string (entity names and aliases; quotes, with their speaker's name so that
"Merkel" also finds what Merkel said; sentences, with the title and headings) is *folded* once at
build time: lower case, ``ä/ö/ü → ae/oe/ue``, ``ß → ss``, accents stripped, Cyrillic
transliterated, punctuation to spaces. Each distinct folded word then gets a *phonetic key* that
merges the usual German/English/Ukrainian spellings of one sound (``w → v``, ``z/ts → s``,
``j/y → i``, ``tsch/sch/ch/kh/zh`` collapsed, umlaut digraphs and doubled letters collapsed), so
``Selensky``, ``Selenskyj``, ``Zelenskyy`` and ``Selenski`` share one key. The query goes through
the same two steps (cut to ``MAX_QUERY_CHARS`` characters and ``MAX_QUERY_WORDS`` words first).

The index keeps fields, entity names and texts (quotes and sentences), each a sorted vocabulary
of keys with a CSR table key → items; names are indexed by their folded words as well, since a
typo inside a letter group (``Deutsce``) is magnified by the key. A query word matches a key
exactly, as a prefix (the user is still typing), or fuzzily (``rapidfuzz.process.cdist`` with
``fuzz.ratio`` and a ``score_cutoff`` over the name vocabulary, or over the keys of the text
vocabulary that share the word's first letter). Word matches add up, weighted by rarity (idf), to
a *coverage* score per item. The best candidates are then rescored by rapidfuzz on the whole
string: an entity scores the better of its coverage and ``WRatio`` against its name and each
alias; a quote or sentence scores the mean of its coverage and ``partial_ratio`` against its text
(word order and phrases count). A quote found only through its speaker's name gets 90% of the
phrase score, so it ranks below a quote that says the words itself.

Ranking rule
------------
Scores are 0–100. Hits below ``MIN_SCORE`` are dropped. The rest are sorted by the key
``(tier, kind rank, -score, article, start)``, where tier 0 holds the *good* hits (score ≥
``GOOD_SCORE``) and tier 1 the weak ones, and the kind rank is person < quote < place <
organisation < other < sentence. So every good person beats even a perfect sentence, while a
weak person match (say 70) comes after a good quote or sentence, and a garbage one is not shown
at all. A sentence is left out when a quote shown above it lies inside it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Literal

import numpy as np
from rapidfuzz import fuzz, process

if TYPE_CHECKING:
    from reader.article import Article
    from reader.model import Analysis

HitKind = Literal["person", "quote", "place", "organisation", "other", "sentence"]

KINDS: tuple[HitKind, ...] = ("person", "quote", "place", "organisation", "other", "sentence")
KIND_RANK: dict[str, int] = {kind: rank for rank, kind in enumerate(KINDS)}
LABEL_KIND: dict[str, HitKind] = {
    "PER": "person",
    "LOC": "place",
    "ORG": "organisation",
    "MISC": "other",
}

MIN_SCORE = 60.0
"""Hits scoring below this are not shown."""
GOOD_SCORE = 80.0
"""Hits scoring at least this form the first tier, ranked by kind before score."""
MAX_QUERY_CHARS = 256
"""Longer queries are cut here before scoring: nobody types more, and it bounds the work."""
MAX_QUERY_WORDS = 12

# Candidates rescored with the whole-string scorers, per field.
_NAME_CANDIDATES = 48
_TEXT_CANDIDATES = 64
# Word matching: a prefix needs this many characters (fewer would match half the vocabulary),
# fuzzy matching needs this many (short words are too easily one edit from another word).
_NAME_PREFIX_MIN = 2
_TEXT_PREFIX_MIN = 3
_FUZZY_MIN = 4
_NAME_FUZZY_CUTOFF = 75.0
_NAME_FUZZY_WORDS = 4  # longer queries match names by exact words and prefixes only
_TEXT_FUZZY_CUTOFF = 80.0
# A prefix match scores between these, more the more of the word is typed.
_PREFIX_BASE = 80.0
# A quote matched through its speaker's name: this share of the phrase score.
_SPEAKER_WEIGHT = 0.9
_SEP = "\x1f"
_START = attrgetter("start")


# --------------------------------------------------------------------------------------------
# Folding and phonetic keys


# ASCII punctuation and control characters become spaces; the separator used by ``fold_many``
# survives. Applied to UTF-8 bytes, which is much faster than ``str.translate`` on non-ASCII text.
_ASCII_TABLE = bytes(
    32
    if (chr(b) in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" or (b < 32 and b != 0x1F) or b == 127)
    else b
    for b in range(256)
)
# German-style transliteration of Cyrillic, then keyed like any other spelling.
_CYRILLIC = {
    **{"а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sh"},
    **{"з": "s", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o"},
    **{"п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z"},
    **{"ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e"},
    **{"ю": "ju", "я": "ja", "і": "i", "є": "je", "ї": "ji", "ґ": "g", "ў": "u"},
}
# Latin letters that Unicode does not decompose into letter + accent.
_LATIN = {"æ": "ae", "ø": "oe", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
_NON_ASCII_UTF8 = re.compile(rb"[\xc0-\xff][\x80-\xbf]*")  # one non-ASCII character
_FOLDED_CHARS: dict[bytes, bytes] = {}


def _fold_char(encoded: bytes) -> bytes:
    """The folded form of one non-ASCII character (UTF-8 in, UTF-8 out), cached."""
    folded = _FOLDED_CHARS.get(encoded)
    if folded is None:
        char = encoded.decode("utf-8", "surrogatepass")
        if char in _CYRILLIC:
            text = _CYRILLIC[char]
        elif char in _LATIN:
            text = _LATIN[char]
        else:
            text = unicodedata.normalize("NFKD", char).lower()
            # An umlaut is its letter plus U+0308: German writes it as a following e.
            text = text.replace("a\u0308", "ae").replace("o\u0308", "oe").replace("u\u0308", "ue")
            text = "".join(c for c in text if not unicodedata.combining(c)).replace("ß", "ss")
            if not text.isalnum():  # punctuation, symbols, spaces, emoji, lone surrogates
                text = "" if unicodedata.combining(char) else " "
        folded = _FOLDED_CHARS[encoded] = text.encode("utf-8", "surrogatepass")
    return folded


def _fold_raw(text: str) -> str:
    """Fold ``text`` without collapsing whitespace (``fold_many`` splits the result)."""
    text = text.lower()
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        # On UTF-8 bytes, one character at a time through a small cache: far faster than
        # str.translate or repeated str.replace on long non-ASCII strings.
        data = text.encode("utf-8", "surrogatepass")
        data = _NON_ASCII_UTF8.sub(lambda match: _fold_char(match.group()), data)
        return data.translate(_ASCII_TABLE).decode("utf-8", "replace")
    return text.encode("ascii").translate(_ASCII_TABLE).decode("ascii")


def fold(text: str) -> str:
    """Fold ``text`` for matching: ``"Schröder-Köpf, Jr."`` → ``"schroeder koepf jr"``."""
    return " ".join(_fold_raw(text.replace(_SEP, " ")).split())


def fold_many(texts: Sequence[str]) -> list[str]:
    """``fold`` for many strings at once (one pass over their concatenation: much faster)."""
    return [" ".join(words) for words in _fold_words(texts)]


def _fold_words(texts: Sequence[str]) -> list[list[str]]:
    """The folded words of each text."""
    if not texts:
        return []
    joined = _SEP.join(texts)
    if joined.count(_SEP) != len(texts) - 1:  # a text contains the separator itself
        return [fold(text).split() for text in texts]
    return [part.split() for part in _fold_raw(joined).split(_SEP)]


# The phonetic key: one key per sound, whatever the spelling tradition (German, English,
# Ukrainian transliteration). First single letters, in one translate: c/q → k, w → v, z → s
# (German z = ts and English z = German s both land on s), j/y → i (Jelzin, Yeltsin).
_KEY_LETTERS = bytes.maketrans(b"cqwzjy", b"kkvsii")
# Then letter groups, in order, spelled as they look after that first step. The rules never
# cross a space, so keying a joined vocabulary is the same as keying each word.
_KEY_RULES: tuple[tuple[bytes, bytes], ...] = (
    (b"sh", b"s"),  # English sh (and zh, now sh)
    (b"tskh", b"h"),  # German tsch = English ch (Tschaikowski, Tchaikovsky)
    (b"tkh", b"h"),
    (b"skh", b"s"),  # German sch = English sh
    (b"kh", b"h"),  # German ch = English kh (Sacharowa, Zakharova)
    (b"ph", b"f"),
    (b"ts", b"s"),  # tz, ts: German z again
    (b"x", b"ks"),
    (b"ae", b"a"),  # umlaut digraphs: Schroeder, Schröder and Schroder share a key
    (b"oe", b"o"),
    (b"ue", b"u"),
    (b"ie", b"i"),  # Kiew/Kyiv, Jewgeni/Yevgeny
    (b"sh", b"s"),  # again, for the sh that skh and kh left (Chruschtschow, Khrushchev)
)
_A, _Z = ord("a"), ord("z")


def phonetic(folded: str) -> str:
    """The phonetic key of folded text, word by word: ``"selenskyj"`` → ``"selenski"``.

    Doubled letters collapse last, so the endings -ij, -yj, -iy, -yy and -i all become -i.
    """
    data = folded.encode("utf-8", "surrogatepass").translate(_KEY_LETTERS)
    for old, new in _KEY_RULES:
        data = data.replace(old, new)
    letters = np.frombuffer(data, dtype=np.uint8)
    if len(letters) > 1:
        repeated = (letters[1:] == letters[:-1]) & (letters[1:] >= _A) & (letters[1:] <= _Z)
        if repeated.any():
            data = letters[np.concatenate(([True], ~repeated))].tobytes()
    return data.decode("utf-8", "replace")


def query_keys(text: str) -> list[str]:
    """The distinct keyed words of a query, in order, at most ``MAX_QUERY_WORDS``."""
    return [key for key, _ in query_words(text)]


def query_words(text: str) -> list[tuple[str, str]]:
    """The distinct (phonetic key, folded word) pairs of a query, at most ``MAX_QUERY_WORDS``."""
    folded = fold(text[:MAX_QUERY_CHARS])
    pairs = zip(phonetic(folded).split(" "), folded.split(" "), strict=True) if folded else ()
    return list(dict.fromkeys(pairs))[:MAX_QUERY_WORDS]


# --------------------------------------------------------------------------------------------
# Sentences

# Words after which a period does not end the sentence (besides numbers up to two digits, as in
# "am 3. Oktober", and single letters, as in "J. Smith" or "z. B.").
_ABBREVIATIONS = (
    *("abs", "bzw", "ca", "chr", "dr", "etc", "evtl", "ggf", "hr", "hrsg", "inkl", "jh", "jr"),
    *("mio", "mrd", "nr", "prof", "sog", "st", "str", "tel", "usw", "vgl", "bspw", "dipl"),
    *("ing", "gen", "sen", "jan", "feb", "febr", "apr", "jun", "aug", "sept", "okt", "nov"),
    *("dez", "min", "max", "u.a", "d.h", "z.t", "o.a", "s.o", "u.u", "v.a", "i.d", "bzgl"),
)


def _not_after_abbreviation() -> str:
    # Checked after the period is matched (cheap); Python wants fixed-width lookbehinds, so one
    # per length, each an alternation.
    by_length: dict[int, list[str]] = {}
    for word in _ABBREVIATIONS:
        by_length.setdefault(len(word), []).append(re.escape(word))
    return "".join(rf"(?<!\b(?i:{'|'.join(words)})\.)" for _, words in sorted(by_length.items()))


# A sentence ends at . ! ? … (then closing quotes or brackets) before white space and a capital
# letter, an opening quote or a bracket. Group 1 is the space between two sentences.
_SENTENCE_END = re.compile(
    # Starts with a character class, so that the regex engine can skip ahead fast.
    r"[.!?…](?:(?<=[!?…])|(?<!\b\d\.)(?<!\b\d\d\.)(?<!\b\w\.)"
    + _not_after_abbreviation()
    + r")[.!?…]*[\"'“”«»‹›’)\]]*(\s+)(?=[\"'„“«»‹›(\[]?[A-ZÄÖÜÀ-ÞА-ЯЁ])"
)


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as trimmed ``(start, end)`` offsets into ``text``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    spans = []
    position = start
    for match in _SENTENCE_END.finditer(text, start, end):
        spans.append((position, match.start(1)))
        position = match.end(1)
    if position < end:
        spans.append((position, end))
    return spans


def article_sentences(article: Article) -> list[tuple[int, int]]:
    """Title, headings and the sentences of every block, in reading order."""
    spans: list[tuple[int, int]] = []
    text = article.text
    spans.extend(sentence_spans(text, article.title_start, article.title_end))
    for section in article.sections:
        if section.heading_start is not None and section.heading_end is not None:
            spans.extend(sentence_spans(text, section.heading_start, section.heading_end))
        for block in section.blocks:
            spans.extend(sentence_spans(text, block.start, block.end))
    return spans


# --------------------------------------------------------------------------------------------
# Hits


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result. ``text[start:end]`` of the article is what the hit points at."""

    kind: HitKind
    text: str
    entity_id: str | None
    start: int
    end: int
    score: float
    detail: str | None = None
    article: int = 0
    """Index of the article in the list given to ``from_analyses`` (0 for ``from_analysis``)."""
    path: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "text": self.text,
            "entity_id": self.entity_id,
            "start": self.start,
            "end": self.end,
            "score": self.score,
            "detail": self.detail,
            "article": self.article,
            "path": self.path,
        }


# kind, text, entity_id, start, end, detail, article, path: what a Hit needs, minus the score.
_Item = tuple[HitKind, str, str | None, int, int, str | None, int, str | None]


# --------------------------------------------------------------------------------------------
# One field: keyed words → items


class _Field:
    """An inverted index from phonetic word keys to item numbers, with fuzzy word lookup.

    ``key_ids`` number the words of all items in ``keys`` (sorted); ``item_ids`` say whose word
    each is. The field keeps its own sorted vocabulary, so that a prefix is a contiguous range
    of it and of the CSR postings.
    """

    def __init__(
        self,
        keys: list[str],
        key_ids: np.ndarray,
        item_ids: np.ndarray,
        size: int,
        *,
        prefix_min: int,
        fuzzy_cutoff: float,
        fuzzy_whole_vocabulary: bool,
    ) -> None:
        self.size = size
        self.prefix_min = prefix_min
        self.fuzzy_cutoff = fuzzy_cutoff
        self.fuzzy_whole_vocabulary = fuzzy_whole_vocabulary
        present = np.bincount(key_ids, minlength=len(keys)) > 0
        self.vocabulary: list[str] = [keys[i] for i in np.flatnonzero(present).tolist()]
        local = (np.cumsum(present) - 1)[key_ids]
        width = max(size, 1)
        # np.sort of (word, item) pairs as one int64 is much faster than np.unique or argsort.
        pairs = np.sort(local * width + item_ids)
        if len(pairs):
            pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
        self.postings = (pairs % width).astype(np.int32)
        counts = np.bincount(pairs // width, minlength=len(self.vocabulary))
        self.indptr = np.zeros(len(self.vocabulary) + 1, dtype=np.int64)
        np.cumsum(counts, out=self.indptr[1:])
        self.lengths = np.fromiter(map(len, self.vocabulary), np.float32, len(self.vocabulary))

    def _range(self, prefix: str) -> tuple[int, int]:
        low = bisect_left(self.vocabulary, prefix)
        return low, bisect_left(self.vocabulary, prefix + "\U0010ffff", low)

    def word_scores(self, word: str, fuzzy: bool = True) -> np.ndarray:
        """Per item, the best score (0–100) of ``word`` against the item's words."""
        best = np.zeros(self.size, dtype=np.float32)
        low, high = self._range(word)
        if len(word) >= self.prefix_min and high > low:
            # Exact match 100; a prefix more the more of the word is typed.
            scores = _PREFIX_BASE + (100.0 - _PREFIX_BASE) * len(word) / self.lengths[low:high]
            items = self.postings[self.indptr[low] : self.indptr[high]]
            np.maximum.at(best, items, np.repeat(scores, np.diff(self.indptr[low : high + 1])))
        elif high > low and self.vocabulary[low] == word:
            best[self.postings[self.indptr[low] : self.indptr[low + 1]]] = 100.0
        if fuzzy and len(word) >= _FUZZY_MIN:
            # The big text vocabulary is searched among the keys with the same first letter
            # (the phonetic key already unifies w/v, z/s, j/y at the start of a word).
            if self.fuzzy_whole_vocabulary:
                low, high = 0, len(self.vocabulary)
            else:
                low, high = self._range(word[0])
            if high > low:
                scores = process.cdist(
                    [word],
                    self.vocabulary[low:high],
                    scorer=fuzz.ratio,
                    score_cutoff=self.fuzzy_cutoff,
                    dtype=np.uint8,
                    workers=1,
                )[0]
                for offset in np.flatnonzero(scores).tolist():
                    number = low + offset
                    items = self.postings[self.indptr[number] : self.indptr[number + 1]]
                    best[items] = np.maximum(best[items], float(scores[offset]))
        return best


def _coverage(size: int, words: Sequence[Sequence[tuple[_Field, str]]], fuzzy: bool) -> np.ndarray:
    """Per item, the idf-weighted mean of its best match for each query word (0–100).

    Each query word comes as the (field, form) pairs to try, e.g. the phonetic key in one field
    and the folded word in another; the best counts.
    """
    total = np.zeros(size, dtype=np.float32)
    weights = 0.0
    for forms in words:
        best = forms[0][0].word_scores(forms[0][1], fuzzy)
        for field, form in forms[1:]:
            np.maximum(best, field.word_scores(form, fuzzy), out=best)
        # Rare words weigh more; a word that matches nothing weighs most of all.
        weight = math.log1p(size / (1 + np.count_nonzero(best)))
        total += weight * best
        weights += weight
    return total / weights if weights else total


def _top(scores: np.ndarray, count: int, floor: float) -> np.ndarray:
    """Indices of the ``count`` best scores at or above ``floor``; ties go to lower indices
    (earlier articles, earlier in the article), so results do not depend on partition order."""
    candidates = np.flatnonzero(scores >= floor)
    if len(candidates) > count:
        values = scores[candidates]
        kth = np.partition(values, len(values) - count)[len(values) - count]
        above = candidates[values > kth]
        tied = candidates[values == kth][: count - len(above)]
        candidates = np.concatenate((above, tied))
    return candidates


# --------------------------------------------------------------------------------------------
# The index


class SearchIndex:
    """Entities, quotes and sentences of one or more analysed articles, ready for ``query``."""

    def __init__(
        self,
        entities: list[_Item],
        entity_names: list[list[str]],
        texts: list[_Item],
        text_strings: list[str],
    ) -> None:
        """Prefer ``from_analysis``/``from_analyses``: ``entity_names[i]`` are the name and
        aliases of ``entities[i]``, ``text_strings[i]`` the searchable text of ``texts[i]``.
        A quote's speaker (its ``detail``) is searchable with it."""
        self._entities = entities
        self._texts = texts
        choices = list(chain.from_iterable(entity_names))
        speakers = [i for i, item in enumerate(texts) if item[0] == "quote" and item[5]]
        words = _fold_words([*choices, *text_strings, *(texts[i][5] or "" for i in speakers)])
        name_count = len(choices)
        text_end = name_count + len(texts)
        self._speaker_words = dict(zip(speakers, words[text_end:], strict=True))
        self._text_words = words[name_count:text_end]
        words = words[:text_end]
        for i in speakers:
            words[name_count + i] = self._text_words[i] + self._speaker_words[i]
        counts = np.fromiter(map(len, words), np.int64, len(words))
        flat = list(chain.from_iterable(words))
        # One pass numbers the distinct folded words: first[i] is where flat[i] first occurs.
        seen: dict[str, int] = {}
        first = np.fromiter(map(seen.setdefault, flat, range(len(flat))), np.int64, len(flat))
        vocabulary = list(seen)
        word_number = np.zeros(len(flat), dtype=np.int64)
        word_number[np.fromiter(seen.values(), np.int64, len(seen))] = np.arange(len(seen))
        # Key each distinct folded word once; number the keys in sorted order.
        keys = phonetic(" ".join(vocabulary)).split(" ") if vocabulary else []
        self._key = dict(zip(vocabulary, keys, strict=True))
        key_list = sorted(set(keys))
        key_number = dict(zip(key_list, range(len(key_list)), strict=True))
        word_key = np.fromiter(map(key_number.__getitem__, keys), np.int64, len(keys))
        key_ids = word_key[word_number[first]]

        name_words = int(counts[:name_count].sum())
        owners = np.repeat(np.arange(len(entities), dtype=np.int64), [len(n) for n in entity_names])
        word_owners = np.repeat(owners, counts[:name_count])
        # Names are indexed by key and by folded word: keys catch other spellings, folded words
        # the typos that a key would magnify ("deutsce" is far from the key of "deutsche").
        name_flat = flat[:name_words]
        self._names = _Field(
            key_list,
            key_ids[:name_words],
            word_owners,
            len(entities),
            prefix_min=_NAME_PREFIX_MIN,
            fuzzy_cutoff=_NAME_FUZZY_CUTOFF,
            fuzzy_whole_vocabulary=True,
        )
        plain_list = sorted(set(name_flat))
        plain_number = dict(zip(plain_list, range(len(plain_list)), strict=True))
        self._plain_names = _Field(
            plain_list,
            np.fromiter(map(plain_number.__getitem__, name_flat), np.int64, len(name_flat)),
            word_owners,
            len(entities),
            prefix_min=_NAME_PREFIX_MIN,
            fuzzy_cutoff=_NAME_FUZZY_CUTOFF,
            fuzzy_whole_vocabulary=True,
        )
        self._words = _Field(
            key_list,
            key_ids[name_words:],
            np.repeat(np.arange(len(texts), dtype=np.int64), counts[name_count:]),
            len(texts),
            prefix_min=_TEXT_PREFIX_MIN,
            fuzzy_cutoff=_TEXT_FUZZY_CUTOFF,
            fuzzy_whole_vocabulary=False,
        )
        # Folded words of each name choice and text; keyed strings are made when first needed.
        self._choice_words = words[:name_count]
        self._choice_start = np.concatenate(([0], np.cumsum([len(n) for n in entity_names])))
        self._text_keyed: list[str | None] = [None] * len(texts)

    @classmethod
    def from_analysis(cls, analysis: Analysis) -> SearchIndex:
        """Index one analysed article."""
        return cls.from_analyses([analysis])

    @classmethod
    def from_analyses(cls, analyses: Iterable[Analysis]) -> SearchIndex:
        """Index a library; hits carry ``article`` (the position in ``analyses``) and ``path``."""
        entities: list[_Item] = []
        entity_names: list[list[str]] = []
        texts: list[_Item] = []
        strings: list[str] = []
        for number, analysis in enumerate(analyses):
            text = analysis.text
            path = analysis.path
            for entity in analysis.entities:
                kind = LABEL_KIND.get(entity.label, "other")
                if entity.mentions:
                    mention = min(entity.mentions, key=_START)
                    start, end = mention.start, mention.end
                else:  # not expected from the pipeline; point at the name if it is there
                    start = text.find(entity.name)
                    start, end = (start, start + len(entity.name)) if start >= 0 else (0, 0)
                entities.append(
                    (kind, entity.name, entity.id, start, end, entity.description, number, path)
                )
                if entity.aliases:
                    entity_names.append(list(dict.fromkeys([entity.name, *entity.aliases])))
                else:
                    entity_names.append([entity.name])
            if analysis.quotes:
                names = {entity.id: entity.name for entity in analysis.entities}
            for quote in analysis.quotes:
                speaker = quote.speaker_name or names.get(quote.speaker or "")
                texts.append(
                    (
                        "quote",
                        quote.text,
                        quote.speaker,
                        quote.start,
                        quote.end,
                        speaker,
                        number,
                        path,
                    )
                )
                strings.append(quote.text)  # the speaker (detail) is indexed with it
            spans = article_sentences(analysis.article)
            sentences = [text[start:end] for start, end in spans]
            strings += sentences
            texts += [
                ("sentence", sentence, None, start, end, None, number, path)
                for sentence, (start, end) in zip(sentences, spans, strict=True)
            ]
        return cls(entities, entity_names, texts, strings)

    def __len__(self) -> int:
        return len(self._entities) + len(self._texts)

    def query(self, text: str, limit: int = 10) -> list[Hit]:
        """The best ``limit`` hits for ``text``, ranked as the module docstring says."""
        if not isinstance(text, str) or limit <= 0:
            return []
        pairs = query_words(text)
        if not pairs:
            return []
        keys = [key for key, _ in pairs]
        query = " ".join(keys)
        found = [
            *self._query_entities(pairs, query, max(_NAME_CANDIDATES, limit)),
            *self._query_texts(keys, query, max(_TEXT_CANDIDATES, 2 * limit)),
        ]
        found.sort(
            key=lambda pair: (
                pair[1] < GOOD_SCORE,
                KIND_RANK[pair[0][0]],
                -pair[1],
                pair[0][6],
                pair[0][3],
            )
        )
        hits: list[Hit] = []
        quotes: list[tuple[int, int, int]] = []
        for (kind, shown, entity_id, start, end, detail, article, path), score in found:
            if kind == "sentence" and any(
                number == article and start < quote_end and quote_start < end
                for number, quote_start, quote_end in quotes
            ):
                continue  # the sentence around a quote already shown says nothing new
            if kind == "quote":
                quotes.append((article, start, end))
            hits.append(
                Hit(kind, shown, entity_id, start, end, round(score, 1), detail, article, path)
            )
            if len(hits) == limit:
                break
        return hits

    def _query_entities(
        self, words: list[tuple[str, str]], query: str, count: int
    ) -> list[tuple[_Item, float]]:
        if not self._entities:
            return []
        forms = [
            [(self._names, key)] if key == word else [(self._names, key), (self._plain_names, word)]
            for key, word in words
        ]
        # Typo tolerance on names is for name-like queries; in a long one (a quote being typed)
        # exact words and prefixes are enough, and much cheaper.
        coverage = _coverage(len(self._entities), forms, fuzzy=len(words) <= _NAME_FUZZY_WORDS)
        candidates = _top(coverage, count, MIN_SCORE / 2).tolist()
        if not candidates:
            return []
        owners: list[int] = []
        keyed: list[str] = []
        folded: list[str] = []
        for i in candidates:
            for number in range(self._choice_start[i], self._choice_start[i + 1]):
                owners.append(i)
                keyed.append(self._keyed(self._choice_words[number]))
                folded.append(" ".join(self._choice_words[number]))
        # WRatio on the whole name, keyed (spellings) and folded (typos): the better one counts.
        plain = " ".join(word for _, word in words)
        whole = np.maximum(
            process.cdist([query], keyed, scorer=fuzz.WRatio, dtype=np.float32, workers=1)[0],
            process.cdist([plain], folded, scorer=fuzz.WRatio, dtype=np.float32, workers=1)[0],
        )
        best = coverage.copy()
        np.maximum.at(best, np.array(owners), whole)
        return [(self._entities[i], float(best[i])) for i in candidates if best[i] >= MIN_SCORE]

    def _query_texts(self, words: list[str], query: str, count: int) -> list[tuple[_Item, float]]:
        if not self._texts:
            return []
        coverage = _coverage(len(self._texts), [[(self._words, key)] for key in words], fuzzy=True)
        # score = (coverage + partial) / 2, so coverage below this can never reach MIN_SCORE.
        candidates = _top(coverage, count, 2 * MIN_SCORE - 100).tolist()
        if not candidates:
            return []
        keyed = [self._keyed_text(i) for i in candidates]
        partial = process.cdist(
            [query], keyed, scorer=fuzz.partial_ratio, dtype=np.float32, workers=1
        )[0]
        # A quote found by its speaker ranks just below one that says the words itself.
        spoken = [j for j, i in enumerate(candidates) if i in self._speaker_words]
        if spoken:
            with_speaker = [
                f"{keyed[j]} {self._keyed(self._speaker_words[candidates[j]])}" for j in spoken
            ]
            full = process.cdist(
                [query], with_speaker, scorer=fuzz.partial_ratio, dtype=np.float32, workers=1
            )[0]
            partial[spoken] = np.maximum(partial[spoken], _SPEAKER_WEIGHT * full)
        scores = (coverage[candidates] + partial) / 2
        return [
            (self._texts[i], float(score))
            for i, score in zip(candidates, scores.tolist(), strict=True)
            if score >= MIN_SCORE
        ]

    def _keyed(self, words: list[str]) -> str:
        return " ".join(map(self._key.__getitem__, words))

    def _keyed_text(self, number: int) -> str:
        keyed = self._text_keyed[number]
        if keyed is None:
            keyed = self._text_keyed[number] = self._keyed(self._text_words[number])
        return keyed
