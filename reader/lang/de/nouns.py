"""Nouns that can say something: roles, people, groups and institutions.

"Der Sprecher sagte", "die Polizei teilte mit", "Experten warnen": a noun phrase speaks when
its head names a role (``reader.lexicons.is_role_word``), a group or an institution, or a
person by the German endings for people (``-er``, ``-ist``, ``-ant``, ``-in``).
"""

from __future__ import annotations

from functools import lru_cache

from reader.lang.de.words import MONTHS, WEEKDAYS, word_set

# Heads of the names of groups and institutions (matched at the end of a compound:
# "Staatsanwaltschaft", "Bundesregierung").
GROUP_HEADS = (
    "regierung",
    "polizei",
    "staatsanwaltschaft",
    "ministerium",
    "organisation",
    "behörde",
    "partei",
    "gewerkschaft",
    "kommission",
    "verband",
    "unternehmen",
    "konzern",
    "gericht",
    "amt",
    "agentur",
    "armee",
    "militär",
    "opposition",
    "fraktion",
    "verwaltung",
    "leitung",
    "vorstand",
    "rat",
    "gruppe",
    "bündnis",
    "kanzlei",
    "präsidium",
    "team",
    "klub",
    "verein",
    "fernsehen",
    "sender",
    "zeitung",
    "blatt",
    "magazin",
    "rundfunk",
    "radio",
)
# How nouns for people end: "Sprecher", "Expertin", "Demonstranten", "Feuerwehrleute".
PERSON_SUFFIXES = (
    "er",
    "erin",
    "ler",
    "ner",
    "ent",
    "entin",
    "ant",
    "antin",
    "ist",
    "istin",
    "eur",
    "eurin",
    "ge",
    "gin",
    "te",
    "tin",
    "mann",
    "frau",
    "männer",
    "leute",
    "anten",
    "enten",
    "isten",
    "innen",
)
# Nouns of time: they head no speaker ("am vergangenen Samstag").
TIME_NOUNS = word_set(
    """
    Woche Wochen Jahr Jahre Tag Tage Monat Monate Zeit Mal Anfang Ende Mitte Abend Morgen
    Nachmittag Wochenende Sommer Winter
    """
) | (WEEKDAYS | MONTHS)
# Nouns with the endings of person nouns that name no one.
NOT_PERSON_NOUNS = TIME_NOUNS | word_set(
    """
    Bericht Meinung Zeitung Seite Rede Worte Worten Frage Wetter Zimmer Muster Fenster Theater
    Monster Computer Wasser Kinder Liste Ansicht Angaben Nummer Lager Zentrum Register Messer
    Ufer Kilometer Meter Liter Partner Interview
    """
)
# Feminine endings: "der Regierung" is a dative or genitive, never a subject.
FEMININE_ENDINGS = ("ung", "ion", "heit", "keit", "schaft", "ei", "in", "innen", "tät", "ik", "ie")


@lru_cache(maxsize=1 << 14)
def speaker_noun(head: str) -> bool:
    """A noun that can say something: a role, a person noun, a group or institution."""
    from reader.lexicons import is_role_word

    if head in NOT_PERSON_NOUNS:
        return False
    lowered = head.lower()
    return (
        is_role_word(head)
        or lowered.endswith(GROUP_HEADS)
        or (lowered.endswith(PERSON_SUFFIXES) and len(head) > 4)
    )
