"""Cues of speech: reporting verbs as written in a clause, and the Konjunktiv of a report.

The verbs themselves, with every form, live in ``reader.lang.de.verbs``; this module reads
them in running text.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from reader.lang.de import verbs
from reader.lang.de.verbs import KONJUNKTIV_I, KONJUNKTIV_II
from reader.lang.de.words import word_set
from reader.quotes.clauses import WORD, words
from reader.rulebook import rule

# Konjunktiv I, and the Konjunktiv II that stands in for it, as reported speech uses them.
KONJUNKTIV: frozenset[str] = KONJUNKTIV_I | KONJUNKTIV_II
# The forms that make a sentence reported speech on their own: every Konjunktiv I, and the
# Konjunktiv II forms that cannot be plural ("hätte", not "hätten").
STRONG_KONJUNKTIV = frozenset(w for w in KONJUNKTIV if not w.endswith("n") or w == "seien")
REPORTING_VERBS = verbs.reporting_forms()
# Participles that label ("als „…“ bezeichnet"): a passive with its agent says who labelled.
PASSIVE_LABELS = word_set("bezeichnet genannt interpretiert gewertet eingestuft")


def has_reporting_verb(candidates: Iterable[str], clause: str = "") -> str | None:
    """The first reporting verb among ``candidates`` as written. A finite form of a separable
    verb counts only with its particle in ``clause`` ("teilte … mit")."""
    for word in candidates:
        key = word.lower()
        if key not in REPORTING_VERBS or (word[0].isupper() and _noun(word)):
            continue  # "Sagen", "Frage", "Berichte": capitalised, they are nouns
        if verbs.reporting_verb(key) is not None or (
            verbs.reporting_verb(key, _clause_words(clause)) is not None
        ):
            return word
    return None


def _noun(word: str) -> bool:
    from reader.lexicons import is_common_noun

    return word.endswith("en") or (rule("cues.nouns-are-no-verbs") and is_common_noun(word))


@lru_cache(maxsize=256)
def _clause_words(clause: str) -> frozenset[str]:
    """The lower-cased words of a clause, read once for all its verbs."""
    return frozenset(w.lower() for w in words(clause))


def verb_positions(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Reporting verbs in ``text[start:end]`` as (start, end, word)."""
    clause = text[start:end]
    found = []
    for match in WORD.finditer(clause):
        word = match.group(0)
        if has_reporting_verb([word], clause):
            found.append((start + match.start(), start + match.end(), word))
    return found


def is_participle(word: str) -> bool:
    """A reporting or labelling verb's form that can be a past participle; not "zitiert": who
    "wird von der Zeitung zitiert" is the one who spoke."""
    lowered = word.lower()
    return (
        word.islower()
        and not lowered.startswith("zitier")
        and (lowered in REPORTING_VERBS or lowered in PASSIVE_LABELS)
        and lowered.endswith(("t", "en"))
        and not lowered.endswith(("te", "ten"))
    )


def takes_object(form: str) -> bool:
    """Whether the verb of ``form`` takes a person right after it as its object
    ("nannte sie", "fragte ihn")."""
    return verbs.has_flag(form.lower(), "obj")


def transitive(form: str) -> bool:
    """Whether a noun phrase right after ``form`` is mostly its object."""
    return verbs.has_flag(form.lower(), "trans")


def labels(form: str) -> bool:
    """Whether ``form`` is of a verb that labels ("bezeichnete", "nannte", "kritisierte")."""
    return verbs.has_flag(form.lower(), "label")
