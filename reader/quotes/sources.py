"""Sources that are not people speaking: "heißt es in der Erklärung", "laut X", "X zufolge",
"nach Angaben der Polizei", "seiner Meinung nach"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.lang.de.words import COORDINATORS, PREPOSITIONS, determiner_cases
from reader.quotes.clauses import PHRASE_STOP, WORD
from reader.quotes.phrases import source_phrase, subject_phrase
from reader.quotes.speakers import NameIndex, Speaker
from reader.rulebook import rule

if TYPE_CHECKING:
    from reader.quotes.grammar import Grammar

SAID_VERBS = frozenset(["heißt", "hieß", "heisst", "hiess"])
# "heißt es" and "Es heißt" (not "Das heißt, …": that means).
IT_IS_SAID = re.compile(r"(?:heißt|hieß|heisst|hiess)\s+es\b|[Ee]s\s+(?:heißt|hieß|heisst|hiess)\b")
SAID_IN = re.compile(
    r"\b(?:(?:heißt|hieß|heisst|hiess|geheißen|geheissen)\s+es|es\s+(?:geheißen|geheissen))\b"
)
_SOURCE_PREPOSITION = re.compile(
    r"\b(?:[Ii]n|[Ii]m|[Aa]uf|[Bb]ei|[Bb]eim|[Aa]us|[Vv]on|[Vv]om|[Ss]eitens)\s+"
)

# Cues inside a sentence that make the rest of it a report: "laut X", "nach Angaben der
# Polizei", "Nach einem Bericht der FAZ", "seiner Meinung nach", "X zufolge".
SOURCE_CUE = re.compile(
    r"\b(?:[Ll]aut(?=\s+[\w„»«\"])|[Gg]emäss|[Gg]emäß|zufolge|"
    r"[Nn]ach\s+(?:(?:einem|einer|den|dem|der|eigenen|ersten|offiziellen|übereinstimmenden|"
    r"neuesten|jüngsten|bisherigen)\s+)?(?:Angaben|Aussagen?|Informationen|Worten|Ansicht|"
    r"Meinung|Auffassung|Einschätzung|Darstellung|Bericht|Berichten|Meldung|Meldungen|"
    r"Erkenntnissen|Schätzungen|Ansicht|Vernehmen|Darstellungen|Einschätzungen|[A-ZÄÖÜ]\w*(?:angaben|berichten|berichte|"
    r"meldungen|informationen|schätzungen|aussagen|erkenntnissen))|"
    r"(?:[Ss]einer|[Ii]hrer|[Dd]eren|[Dd]essen)\s+(?:Meinung|Ansicht|Auffassung|Einschätzung|"
    r"Darstellung|Aussage|Überzeugung)\s+nach)\b"
)


def is_source_cue(text: str, cue: re.Match[str]) -> bool:
    """Whether a cue is one: "laut" is a preposition when a noun phrase follows it ("laut
    Polizei", "laut einem Bericht", "laut offiziellen Angaben", "laut faz.net"), and the
    adjective before a verb or particle ("laut werden", "dachte laut über … nach")."""
    if cue.group(0).lower() != "laut" or not rule("indirect.laut-needs-a-noun-phrase"):
        return True
    # The words up to the end of the clause ("bildblog.de" keeps its dot).
    following = []
    for word in text[cue.end() : cue.end() + 80].split()[:4]:
        following.append(word.rstrip(".,;:!?"))
        if word != following[-1]:
            break
    if not following or not following[0]:
        return False
    first = following[0]
    # Inflected adjectives lead to the noun: "laut nationalem statistischen Institut".
    inflected = 0
    while (
        inflected < len(following) - 1
        and following[inflected].islower()
        and following[inflected].endswith(("en", "em", "er"))
    ):
        inflected += 1
    return bool(
        not first[0].islower()
        or determiner_cases(first)
        or first in ("denen", "deren")
        or re.search(r"\w[.-]\w", first)
        or (inflected and following[inflected][:1].isupper())
    )


def only_a_phrase(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a noun phrase and nothing more: capitalised words,
    numbers, determiners, prepositions and inflected adjectives ("Ersten Angaben vom
    gestrigen Mittwoch"), no verb."""
    found = WORD.findall(text, start, end)
    return all(_in_a_noun_phrase(w, n) for w, n in zip(found, [*found[1:], ""], strict=True))


def message_start(text: str, at: int, stop: int, grammar: Grammar | None) -> int:
    """Where the message starts after a source that opens the sentence: at the finite verb
    that follows the source's noun phrase ("Laut einem Bericht des UNHCHR | sind dort …"), as
    the parse says, else at the first word that cannot belong to the noun phrase."""
    found = list(WORD.finditer(text, at, min(stop, at + 160)))
    for n, word in enumerate(found):
        written = word.group(0)
        token = grammar.token_at(word.start()) if grammar is not None else None
        # Finite: only finite forms have a mood; never capitalised after the source.
        finite = token is not None and token.pos_ in ("VERB", "AUX") and token.morph.get("Mood", [])
        if finite and written.islower():
            return word.start()
        following = found[n + 1].group(0) if n + 1 < len(found) else ""
        if not _in_a_noun_phrase(written, following):
            return word.start()
    return at


def _in_a_noun_phrase(word: str, following: str) -> bool:
    """Whether ``word`` can stand inside a source's noun phrase: a capitalised word or number,
    a preposition, a conjunction, a determiner, or an inflected adjective before a noun."""
    return (
        word[0].isupper()
        or word[0].isdigit()
        or word in PREPOSITIONS
        or word in COORDINATORS
        or bool(determiner_cases(word))
        or (word.endswith(("en", "em", "er", "es")) and following[:1].isupper())
    )


def document_speaker(
    text: str, said: re.Match[str], floor: int, index: NameIndex
) -> Speaker | None:
    """Who "heißt es" quotes: the place after it ("heißt es in der Erklärung der Partei",
    "hieß es aus dem Ministerium") or before it ("In dem Antrag heißt es")."""
    stop = PHRASE_STOP.search(text, said.end(), said.end() + 120)
    end = stop.start() if stop else min(len(text), said.end() + 120)
    # A few words may stand between ("heißt es wörtlich in …", "hieß es dazu aus …").
    for match in _SOURCE_PREPOSITION.finditer(text, said.end(), min(end, said.end() + 30)):
        source = source_phrase(text, match.end(), end, index, True)
        if source is not None:
            return source
    # Before it, the first place phrase of the clause: "In einer Erklärung der Minister vom
    # Dienstag hatte es geheißen" is the Erklärung's.
    first = _SOURCE_PREPOSITION.search(text, max(floor, said.start() - 120), said.start())
    if first is not None:
        return source_phrase(text, first.end(), said.start(), index, True)
    return None


def source_speaker(
    text: str, cue: re.Match[str], start: int, stop: int, index: NameIndex
) -> Speaker | None:
    """Who a "laut X" / "X zufolge" / "seiner Meinung nach" cue names."""
    cue_word = cue.group(0).split()[0].lower()
    if cue_word in ("seiner", "ihrer"):  # "Seiner Meinung nach": the last he/she
        person = index.last_before(cue.start(), "male" if cue_word == "seiner" else "female")
        return Speaker(person.entity, person.name, cue.start()) if person else None
    if cue_word == "zufolge":
        return source_phrase(text, max(start, cue.start() - 80), cue.start(), index, False)
    if cue_word == "nach" and not _OF_WHOM.match(text, cue.end(), stop):
        # "nach Polizeiangaben", "nach eigenen Angaben": the cue names its own source
        # (a bare "nach Angaben" names nobody).
        source = cue.group(0).split(None, 1)[1]
        if _GENERIC_SOURCE.fullmatch(source):
            return None
        if source.startswith("eigene"):
            # "Die Firma hat nach eigenen Angaben …": the subject's own words.
            subject = subject_phrase(text, start, cue.start(), index)
            if subject is not None:
                return subject
        return Speaker(None, source, cue.start())
    return source_phrase(text, cue.end(), min(stop, cue.end() + 100), index, True)


_GENERIC_SOURCE = re.compile(
    r"Angaben|Aussagen?|Informationen|Worten|Ansicht|Meinung|Auffassung|Einschätzung(?:en)?|"
    r"Darstellung(?:en)?|Bericht(?:en)?|Meldung(?:en)?|Erkenntnissen|Schätzungen|Vernehmen"
)
# Whose statement a "nach Angaben" cue reports, when it says: "nach Angaben des ZDF".
_OF_WHOM = re.compile(r"\s+(?:des|der|von|vom|eines|einer|seines|seiner|ihres|ihrer)\b")
