"""Noun phrases read by their place in the sentence: the subject that opens it, and the
source after "laut" or before "zufolge"."""

from __future__ import annotations

import re

from reader.lang.de.words import (
    COPULAS,
    PREPOSITIONS,
    PRONOMINAL_ADVERBS,
    SUBORDINATORS,
    word_set,
)
from reader.quotes.cues import KONJUNKTIV, REPORTING_VERBS
from reader.quotes.direct import STATEMENT_WORDS, german_noun
from reader.quotes.speakers import (
    FUNCTION_WORDS,
    NameIndex,
    Speaker,
    adverb_like,
    frequent,
)

_NP_WORD = re.compile(r"[\w.-]+|[„“”«»\"'()]")
_NP_GLUE = word_set("""
        der des dem den die das ein eines einem einer einen sein seines seinem seiner ihr ihres
        ihrem ihrer von vom und
        """)


def source_phrase(
    text: str, start: int, end: int, index: NameIndex, forward: bool
) -> Speaker | None:
    """The noun phrase right after "laut"/"nach Angaben" (``forward``) or right before
    "zufolge": ``laut der Studie``, ``nach Angaben des ZDF``, ``ersten Angaben zufolge``."""
    tokens = list(_NP_WORD.finditer(text, start, end))
    if not forward:
        tokens.reverse()
    taken: list[re.Match[str]] = []
    for token in tokens:
        word = token.group(0)
        # "laut ai-Bericht", "laut iPhone-Hersteller": a lower-case name before a compound.
        capital = word[0].isupper() or word[0].isdigit() or bool(_LOWER_COMPOUND.match(word))
        adjective = (
            word.islower()
            and word.endswith(("e", "en", "er", "es", "em"))
            and word not in STATEMENT_WORDS
            and word not in REPORTING_VERBS
            and word not in _NP_ADVERBS
            and len(word) > 3
        )
        if len(taken) >= 8:
            break
        if word in "„“”«»\"'()" or capital or word.lower() in _NP_GLUE or adjective:
            taken.append(token)
            continue
        if taken and word in _NP_ADVERBS:  # "in einer gestern verbreiteten Erklärung"
            continue
        break
    while taken and (taken[-1].group(0).lower() in _NP_GLUE or not taken[-1].group(0)[0].isalnum()):
        taken.pop()
    if not any(
        t.group(0)[0].isupper() or t.group(0)[0].isdigit() or _LOWER_COMPOUND.match(t.group(0))
        for t in taken
    ):
        return None  # "so charakterisierte ihn …": a verb, not a source
    lo = min(t.start() for t in taken)
    hi = max(t.end() for t in taken)
    for name in index.between(lo, hi):
        return Speaker(name.entity, name.name, name.start)
    return Speaker(None, text[lo:hi].strip(" „“”«»\"'"), lo)


_LOWER_COMPOUND = re.compile(r"[a-zäöü]\w*-[A-ZÄÖÜ]")
_NP_ADVERBS = frozenset(
    ["gestern", "heute", "kürzlich", "zuvor", "bereits", "jüngst", "erst", "weiter", "abschließend"]
)
_SUBJECT_DETERMINERS = word_set("""
        der die das ein eine sein seine ihr ihre diese dieser dieses alle viele beide einige
        mehrere zahlreiche manche andere verschiedene weitere
        """)


def subject_phrase(
    text: str, start: int, end: int, index: NameIndex, verb_at: int | None = None
) -> Speaker | None:
    """The noun phrase that opens a sentence when a verb follows it right away, so it is the
    subject: "Die neue Version verspricht", "Das Fazit des Berichts lautete",
    "Meteorologen rechnen". None when the sentence opens otherwise ("In dem Antrag …",
    "Dort …") or its verb is a Konjunktiv (reported speech goes on with its speaker).
    ``verb_at``: the verb must be the one starting there."""
    taken: list[re.Match[str]] = []
    noun = False
    verb = None
    bracket = False
    for token in _NP_WORD.finditer(text, start, min(end, start + 150)):
        word = token.group(0)
        lowered = word.lower()
        if bracket:  # "Kristina Schröder (CDU) sagte": the party is no part of the subject
            bracket = word != ")"
            continue
        if word == "(" and noun:
            bracket = True
            continue
        if not word[0].isalnum():
            if taken:
                break
            continue  # an opening quotation mark
        if not taken and word[0].islower() and lowered not in _SUBJECT_DETERMINERS:
            return None  # "… Benedikt XVI. betriebenen Berufung": no sentence opens in lower case
        opener = not taken and word[0].isupper() and lowered not in _SUBJECT_DETERMINERS
        if opener and (
            word in FUNCTION_WORDS
            or adverb_like(word)
            or lowered.endswith("mals")
            or lowered in PRONOMINAL_ADVERBS
            or lowered in PREPOSITIONS
            or (
                frequent(word)
                and not german_noun(word)
                and not index.between(token.start(), token.end())
            )
        ):
            return None  # "Weiter sagte …", "Dennoch …": an adverb opens the sentence
        if (lowered in _SUBJECT_DETERMINERS and not taken) or (
            noun and lowered in ("der", "des", "eines", "einer")
        ):
            taken.append(token)  # "Der Sprecher des Verbandes": a genitive goes with it
            continue
        if len(taken) == 1 and taken[0].group(0).lower() == "der" and lowered.endswith("en"):
            return None  # "Der englischsprachigen Zeitung sagte …": dative, not the subject
        if word[0].isupper() or (word[0].isdigit() and not noun):
            taken.append(token)
            noun = noun or word[0].isupper()
            continue
        if (
            not noun
            and word.islower()
            and lowered.endswith(("e", "en", "er", "es", "em"))
            and lowered not in STATEMENT_WORDS
            and lowered not in REPORTING_VERBS
        ):
            taken.append(token)  # an adjective before the noun
            continue
        if (
            not noun
            and taken
            and word.islower()
            and lowered.endswith(("lich", "isch", "ig"))
            and re.match(r"\s+[a-zäöüß]+(?:e|en|er|es|em)\s", text[token.end() : token.end() + 30])
        ):
            taken.append(token)  # "Die staatlich kontrollierten Medien": an adverb before it
            continue
        if lowered in PREPOSITIONS and noun:
            return None  # "Jegliche Mitverantwortung für …": the phrase goes on, no verb yet
        verb = lowered if word.islower() else None
        if verb_at is not None and token.start() != verb_at:
            return None
        break
    if not taken or not noun or verb is None or len(taken) > 8:
        return None
    if verb in KONJUNKTIV or verb in COPULAS or verb in _NOT_VERBS:
        return None  # "Der Plan sei …" goes on with a speaker; "Die Lage ist …" is described
    while taken and taken[-1].group(0).lower() in _SUBJECT_DETERMINERS:
        taken.pop()
    if not taken:
        return None
    lo, hi = taken[0].start(), taken[-1].end()
    for name in index.between(lo, hi):
        return Speaker(name.entity, name.name, name.start)
    return Speaker(None, text[lo:hi], lo)


_NOT_VERBS = word_set("""
        sie er es man wir ich du ihr der die das den dem des ein eine einer und oder auch
        nicht noch schon nur
        """)


# What may stand between a name and the comma before its verb: "Sandra Boser (Grüne), sagte".
_NAME_THEN_COMMA = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?,\s*")
# An apposition or relative clause set off by commas: "David Meier, der Parteichef, sagte".
_NAME_APPOSITION = re.compile(
    r"\s*(?:\([^()]{1,40}\)\s*)?,\s+(?:der|die|das|ein|eine|dessen|deren|seit|selbst)\s"
    r"[^„“«»\"]{1,150},\s*"
)
# "Der Sprecher der Partei, Hans Meier, verurteilte …": a role, then the person set off.
_ROLE_THEN_NAME = re.compile(r"(?:Der|Die)\s[^,;:.!?„“«»\"]{3,80},\s+")
_THEN_VERB = re.compile(r"(?:\s*\([^()]{1,40}\))?,\s+[a-zäöüß]")
_VERB_ROLE_THEN_NAME = re.compile(
    r"\b([a-zäöüß]+)\s+(?:auch\s+|jetzt\s+|nun\s+)*(?:der|die)\s[^,;:.!?„“«»\"]{3,80},\s+"
)


def apposition_subject(text: str, start: int, end: int, index: NameIndex) -> Speaker | None:
    """The person a sentence opens with when an apposition sets them off: "Der Sprecher der
    Partei, Hans Meier, verurteilte …", "Hans Meier, der Sprecher der Partei, verurteilte …",
    "Am Rande nahm auch der Ministerpräsident, Paul Kern (SPD), Stellung"."""
    role = _ROLE_THEN_NAME.match(text, start, end)
    people = [n for n in index.between(start, min(end, start + 200)) if n.label == "PER"]
    if not people:
        return None
    first = people[0]
    if role is not None and first.start == role.end() and _THEN_VERB.match(text, first.end, end):
        return Speaker(first.entity, first.name, first.start)
    after = _NAME_APPOSITION.match(text, first.end, end) if first.start == start else None
    if after is not None and re.match(r"[a-zäöüß]", text[after.end() : after.end() + 1]):
        return Speaker(first.entity, first.name, first.start)
    for person in people[:3]:
        role = _VERB_ROLE_THEN_NAME.search(text, max(start, person.start - 100), person.start)
        if (
            role is not None
            and role.end() == person.start
            and role.group(1) not in PREPOSITIONS
            and role.group(1) not in SUBORDINATORS
            and _NAME_THEN_COMMA.match(text, person.end, end)
        ):
            return Speaker(person.entity, person.name, person.start)
    return None
