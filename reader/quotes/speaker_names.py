"""A speaker given as a phrase must be a noun phrase with a noun at its head.

The frame readers cut phrases out of running text by position, and a cut can go wrong: it
can stop in the middle of a genitive ("Ein Sprecher des Weißen"), run on into the next clause
("der Netzzeitung 40 Menschen das Leben"), or land on a sentence adverb ("Strafmildernd") or a
source that names nobody ("ersten Angaben", "in Medienberichten"). ``tidy_speaker`` reads the
phrase with the grammar of the German noun phrase (determiner, adjectives, the noun, then a
genitive or a "von" phrase) and keeps what fits, or gives None.
"""

from __future__ import annotations

import re

from reader.lang.de.nouns import TIME_NOUNS, speaker_noun
from reader.lang.de.words import (
    DEFINITE_ARTICLES,
    INDEFINITE_ARTICLES,
    NEGATIVE_ARTICLES,
    POSSESSIVES,
    PREPOSITIONS,
    QUANTIFIERS,
    SENTENCE_OPENERS,
    word_set,
)

_DETERMINERS = (
    DEFINITE_ARTICLES
    | INDEFINITE_ARTICLES
    | NEGATIVE_ARTICLES
    | POSSESSIVES
    | QUANTIFIERS
    | word_set("dieser diese dieses diesem diesen jeder jede jedes")
)
_GENITIVE = word_set("des der eines einer dieses seines seiner ihres ihrer")
_TOKEN = re.compile(r"[\w.’'-]+|[^\w\s]")
_ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,6}")  # "BGH", "SPD": organisations
_LOWER_COMPOUND = re.compile(r"(?:[a-zäöü]\w*|\d+)-[A-ZÄÖÜ]")  # "ai-Bericht", "34-Jährige"
# Nouns for what was said or written, whatever their compound: "Polizeiangaben" names the
# police, a bare "Angaben" or "Medienberichten" nobody in particular.
_INFORMATION = re.compile(
    r"(.*?)-?(angaben|informationen|berichten|berichte|meldungen|erkenntnissen|schätzungen|"
    r"aussagen|spekulationen|kreisen)$",
    re.IGNORECASE,
)


def _adjective(word: str) -> bool:
    """A lower-case attributive adjective or participle ("neue", "81-jährige", "behandelnde")."""
    return word.lower() == word and bool(re.fullmatch(r"[a-zäöüß0-9][\w-]*(?:e|en|er|es|em)", word))


def _noun(word: str) -> bool:
    if _LOWER_COMPOUND.match(word):
        return True  # "ai-Bericht", "iPhone-Hersteller"
    return (
        word[:1].isupper()
        and (any(c.islower() for c in word) or _ACRONYM.fullmatch(word) is not None)
        and word not in SENTENCE_OPENERS
        and not word.endswith(".")
    )


def _noun_phrase(tokens: list[str]) -> list[str]:
    """The longest start of ``tokens`` that is a noun phrase: determiner, adjectives, one or
    more capitalised words, then any genitive or "von" attachments of the same shape."""
    taken: list[str] = []
    i = 0
    if i < len(tokens) and tokens[i].lower() in _DETERMINERS:
        i += 1
    while i < len(tokens) and _adjective(tokens[i]):
        i += 1
    start = i
    while i < len(tokens) and _noun(tokens[i]):
        i += 1
    if i == start:
        return []
    taken = tokens[:i]
    while i < len(tokens) and tokens[i].lower() in (_GENITIVE | {"von", "vom"}):
        j = i + 1
        if j < len(tokens) and tokens[j].lower() in _DETERMINERS:
            j += 1
        while j < len(tokens) and _adjective(tokens[j]):
            j += 1
        k = j
        while k < len(tokens) and _noun(tokens[k]):
            k += 1
        if k == j:
            break  # "des" with no noun after it: the phrase was cut; keep what stands
        taken = tokens[:k]
        i = k
    return taken


def _heads(phrase: list[str]) -> list[str]:
    """The first run of capitalised words: "Vereinigten Staaten", "Stiftung Warentest"."""
    start = next(i for i, w in enumerate(phrase) if _noun(w))
    end = start
    while end < len(phrase) and _noun(phrase[end]):
        end += 1
    return phrase[start:end]


def tidy_speaker(name: str | None) -> str | None:
    """``name`` as a well-formed noun phrase with a noun head, or None."""
    if not name:
        return None
    tokens = _TOKEN.findall(name)
    while tokens and tokens[0].lower() in PREPOSITIONS:
        tokens = tokens[1:]  # "von Augenzeugen", "laut Polizei": the source after it
    phrase = _noun_phrase(tokens)
    if not phrase:
        return None
    heads = _heads(phrase)
    information = _INFORMATION.fullmatch(heads[-1])
    if information is not None and len(heads) == 1:
        if phrase[-1] != heads[-1]:
            return " ".join(phrase)  # "Angaben des seismologischen Instituts"
        owner = information.group(1)
        owner = owner[:1].upper() + owner[1:]
        # "Polizeiangaben" names the police; a bare "ersten Angaben" or "Medienberichten"
        # nobody in particular.
        speaks = owner and (speaker_noun(owner) or speaker_noun(owner[:-1]))
        return " ".join(phrase) if speaks else None
    bare = len(phrase) == 1
    if not any(_noun_head(head, bare) for head in heads):
        return None
    return " ".join(phrase)


def _noun_head(head: str, bare: bool) -> bool:
    """Whether ``head`` is a noun: a common noun, a role, a group, a person noun, or a place
    speaking for its government; after a determiner also a compound or an inflected form
    ("die Ärztezeitung"). A bare word must be known as it stands: "Feinstein" is no noun."""
    from reader.lexicons import is_common_noun, is_place
    from reader.quotes.direct import german_noun

    if head in TIME_NOUNS:
        return False  # "am vergangenen Samstag": a time, no one
    if "-" in head.strip("-") and _noun_head(head.rsplit("-", 1)[1], bare):
        return True  # "ai-Bericht", "SPD-Fraktion": the last part heads the compound
    if _ACRONYM.fullmatch(head) or is_common_noun(head) or speaker_noun(head) or is_place(head):
        return True
    if head.endswith("n") and (is_common_noun(head[:-1]) or speaker_noun(head[:-1])):
        return True  # "Behörden", "Experten"
    return not bare and german_noun(head)
