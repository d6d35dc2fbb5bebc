"""Who "er" and "sie" stand for: the most salient earlier person of the right gender.

Salience follows the grammar of the sentence a person is named in: a subject before an object
before a phrase after a preposition before a genitive ("wie Moskau Trumps Schwanken
ausnutzte": Trump is nobody's antecedent there). The pronoun's own sentence is searched
first, then the sentences before it in its paragraph, then the end of the paragraph before
when the pronoun opens its paragraph; in each, the best role wins, and of equals the nearest.
A genitive or a prepositional phrase is taken only when no subject or object anywhere in
reach fits.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from reader.lang.de.words import SUBJECT_PRONOUNS, SUBORDINATORS
from reader.quotes.clauses import WORD
from reader.quotes.roles import GENITIVE, OBJECT, OBLIQUE, OTHER, SUBJECT
from reader.rulebook import rule

if TYPE_CHECKING:
    from reader.quotes.speakers import Name, NameIndex

# How many sentences back a pronoun looks, its own included.
REACH = 4
# "er" is always a nominative: a subject, and a link in a chain of mentions.
_ER = re.compile(r"\b[Ee]r\b")


def salient_antecedent(
    index: NameIndex, position: int, gender: str | None, label: str = "PER", depth: int = 3
) -> Name | None:
    """The person (or, with ``label="ORG"``, organisation) that a pronoun at ``position``
    most likely stands for, or None. An earlier "er" in reach is its own antecedent again
    ("Am Abend traf er Paul Kern. … bezeichnete er": the first "er", not Kern), up to
    ``depth`` links back."""
    key = (position, gender, label, depth)
    if key not in index.antecedents:
        index.antecedents[key] = _salient_antecedent(index, position, gender, label, depth)
    return index.antecedents[key]


def _salient_antecedent(
    index: NameIndex, position: int, gender: str | None, label: str, depth: int
) -> Name | None:
    candidates: list[tuple[int, int, Name]] = []  # (sentences back, role, name)
    for back, (start, end) in enumerate(_sentences_in_reach(index, position)):
        for name in index.between(start, min(end, position)):
            if name.label != label or (gender is not None and name.gender not in (None, gender)):
                continue
            candidates.append((back, _cached_role(index, name, start), name))
        if rule("coref.pronoun-chain") and depth > 0 and label == "PER" and gender == "male":
            for match in _ER.finditer(index.text, start, min(end, position)):
                found = salient_antecedent(index, match.start(), gender, label, depth - 1)
                if found is not None:
                    candidates.append((back, SUBJECT, found))
    if not candidates:
        return None
    strong = [c for c in candidates if c[1] <= OBJECT]
    pool = strong or candidates
    # The nearest sentence with a fitting person, its best role, then the nearest mention.
    _back, _role, name = min(pool, key=lambda c: (c[0], c[1], -c[2].start))
    return name


def _sentences_in_reach(index: NameIndex, position: int) -> list[tuple[int, int]]:
    """The pronoun's sentence and the ones before it, nearest first: within its paragraph,
    and into the paragraph before only when the pronoun's sentence opens its paragraph."""
    i = bisect_right(index.sentence_starts, position) - 1
    if i < 0:
        return []
    paragraph = bisect_right(index.paragraph_starts, position) - 1
    opens = _opens_paragraph(index, i, paragraph)
    reach: list[tuple[int, int]] = []
    for k in range(i, max(i - REACH, -1), -1):
        start, end = index.sentences[k]
        earlier_paragraph = bisect_right(index.paragraph_starts, start) - 1 < paragraph
        if earlier_paragraph and not (opens and k == i - 1):
            break
        reach.append((start, end))
    return reach


def _opens_paragraph(index: NameIndex, i: int, paragraph: int) -> bool:
    """Whether sentence ``i`` is the first of its paragraph."""
    if i == 0:
        return True
    previous_start = index.sentences[i - 1][0]
    return bisect_right(index.paragraph_starts, previous_start) - 1 < paragraph


def _cached_role(index: NameIndex, name: Name, sentence_start: int) -> int:
    """``role_of``, asked once per name and sentence."""
    key = (name.start, name.end, sentence_start)
    if key not in index.roles:
        index.roles[key] = role_of(index, name, sentence_start)
    return index.roles[key]


def role_of(index: NameIndex, name: Name, sentence_start: int) -> int:
    """The grammatical role of a name in its sentence, read off the words around it."""
    from reader.quotes.speakers import is_genitive, is_oblique

    if is_genitive(index.text, name):
        return GENITIVE
    if index.grammar is not None and rule("grammar.roles"):
        found = index.grammar.role(name.start)
        if found is not None:
            return found
    if is_oblique(index.text, name.start, sentence_start):
        return OBLIQUE
    return role_at(index.text, name.start, sentence_start)


def role_at(text: str, position: int, clause_start: int) -> int:
    """The role of a noun phrase at ``position`` by the words of its clause before it:
    first in the clause or right after a conjunction or a verb in second place is a subject."""
    before = WORD.findall(text, clause_start, position)
    if before and before[-1].lower() in SUBJECT_PRONOUNS:
        return OBJECT  # "traf er Paul Kern": the subject stands before, the name is its object
    if not before or (len(before) <= 3 and all(w[0].isupper() for w in before)):
        return SUBJECT  # "Ukraine-Präsident Wolodimir Selenski erkannte …"
    if before[-1].lower() in SUBORDINATORS:
        return SUBJECT  # "Als Rubio … meldete"
    if len(before) >= 2 and before[-1].islower() and before[-2][0].isupper():
        return SUBJECT  # "Dann sagte Merkel": the verb second, the subject after it
    return OTHER
