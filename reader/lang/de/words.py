"""Closed word classes of German: determiners with their cases, pronouns, prepositions,
conjunctions and the adverbs that open clauses.

The case a determiner allows is what tells a subject from an object without a parse: in
"Der Zeitung sagte er" the feminine "Zeitung" after "der" is a dative or a genitive, never the
subject. Cases are written ``Nom``, ``Acc``, ``Dat``, ``Gen`` as in Universal Dependencies.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(text.split())


# Determiner -> the (case, gender or number) it can mark. Gender: Masc, Fem, Neut; Plur.
_DEFINITE_CASES: dict[str, frozenset[str]] = {
    "der": word_set("Nom.Masc Dat.Fem Gen.Fem Gen.Plur"),
    "die": word_set("Nom.Fem Acc.Fem Nom.Plur Acc.Plur"),
    "das": word_set("Nom.Neut Acc.Neut"),
    "den": word_set("Acc.Masc Dat.Plur"),
    "dem": word_set("Dat.Masc Dat.Neut"),
    "des": word_set("Gen.Masc Gen.Neut"),
}
# "ein" and the words inflected like it (possessives, "kein").
_EIN_CASES: dict[str, frozenset[str]] = {
    "": word_set("Nom.Masc Nom.Neut Acc.Neut"),
    "e": word_set("Nom.Fem Acc.Fem Nom.Plur Acc.Plur"),
    "en": word_set("Acc.Masc Dat.Plur"),
    "em": word_set("Dat.Masc Dat.Neut"),
    "er": word_set("Dat.Fem Gen.Fem Gen.Plur"),
    "es": word_set("Gen.Masc Gen.Neut"),
}
_EIN_STEMS = word_set("ein kein mein dein sein ihr unser euer")
_DIESER_STEMS = word_set("dies jen jed welch solch")
# "dieser"-words end like the definite article.
_DIESER_CASES: dict[str, frozenset[str]] = {
    "er": word_set("Nom.Masc Dat.Fem Gen.Fem Gen.Plur"),
    "e": word_set("Nom.Fem Acc.Fem Nom.Plur Acc.Plur"),
    "es": word_set("Nom.Neut Acc.Neut Gen.Masc Gen.Neut"),
    "en": word_set("Acc.Masc Dat.Plur"),
    "em": word_set("Dat.Masc Dat.Neut"),
}

DEFINITE_ARTICLES = frozenset(_DEFINITE_CASES)
INDEFINITE_ARTICLES = word_set("ein eine einen einem einer eines")
NEGATIVE_ARTICLES = word_set("kein keine keinen keinem keiner keines")
POSSESSIVES = frozenset(
    stem + ending
    for stem in ("mein", "dein", "sein", "ihr", "unser", "euer")
    for ending in _EIN_CASES
)
# Words that stand for a group at the head of a noun phrase: "Viele Experten warnen".
QUANTIFIERS = word_set(
    "alle viele beide einige mehrere zahlreiche manche andere verschiedene weitere wenige"
)


def determiner_cases(word: str) -> frozenset[str]:
    """The case-and-gender readings of a determiner (``der`` -> Nom.Masc, Dat.Fem, …);
    empty for a word that is none."""
    lower = word.lower()
    if lower in _DEFINITE_CASES:
        return _DEFINITE_CASES[lower]
    for stem in _EIN_STEMS:
        if lower.startswith(stem) and lower[len(stem) :] in _EIN_CASES:
            # "ihre" is ihr+e; "unsere" and "eure" drop an e ("unsre") but read the same.
            return _EIN_CASES[lower[len(stem) :]]
    for stem in _DIESER_STEMS:
        if lower.startswith(stem) and lower[len(stem) :] in _DIESER_CASES:
            return _DIESER_CASES[lower[len(stem) :]]
    return frozenset()


def can_be_nominative(word: str) -> bool:
    """Whether a determiner can open a subject (``der``, ``die``, ``ein``; not ``dem``)."""
    return any(reading.startswith("Nom") for reading in determiner_cases(word))


# Personal pronouns of the third person: form -> (gender or number, cases).
PRONOUNS: dict[str, tuple[str, frozenset[str]]] = {
    "er": ("Masc", word_set("Nom")),
    "ihn": ("Masc", word_set("Acc")),
    "ihm": ("Masc", word_set("Dat")),
    "sie": ("Fem", word_set("Nom Acc")),  # also the plural "sie": read off the verb
    "es": ("Neut", word_set("Nom Acc")),
}
SUBJECT_PRONOUNS = word_set("er sie es man wir ich du ihr")

PREPOSITIONS = word_set(
    """
    über an auf für mit von vor gegen zu bei nach aus in im am zum zur vom beim gegenüber
    um durch ohne unter hinter neben zwischen wegen trotz seit bis sowie
    """
)
# Conjunctions that open a subordinate clause; after them the subject comes first.
SUBORDINATORS = word_set(
    "dass ob weil wenn als obwohl da damit nachdem bevor sodass während sobald"
)
COORDINATORS = word_set("und oder aber sondern denn sowie doch")
# What opens an indirect question or a "dass" clause after a verb of saying.
CLAUSE_OPENERS = word_set("dass ob wie warum weshalb wann wo wonach")

# Separable verb particles: "teilte … mit", "abzugeben", "niederzulegen".
SEPARABLE_PARTICLES = word_set(
    """
    ab an auf aus bei ein fest her hin mit nach vor weg zurück zusammen dar frei los teil
    statt durch um wieder fort weiter bereit offen heraus herbei voran vorbei nieder hoch
    zurecht klar fern entgegen hinaus hinzu herunter hervor empor gegenüber kennen bekannt
    """
)

# "darin", "dazu", "dort": adverbs that open a sentence in place of a subject.
PRONOMINAL_ADVERBS = word_set(
    """
    darin darauf daraus dabei dadurch dafür dagegen daher dahinter damit danach daneben
    darüber darum darunter davon davor dazu dazwischen hierzu hierbei hier dort nun dann
    inzwischen indes zuvor zuletzt später bisher
    """
)
# Capitalised words that open sentences and are no names.
SENTENCE_OPENERS = word_set(
    """
    Aber Als Am Auch Auf Aus Bei Bis Da Dabei Damit Dann Daher Darum Das Dass Dem Den Der Des
    Die Dies Diese Dieser Dieses Doch Dort Du Durch Ein Eine Einer Er Es Für Gegen Heute Hier
    Ich Ihr Im In Inzwischen Ja Jetzt Kein Laut Man Mit Nach Nein Neben Nicht Noch Nun Ob Oder
    Ohne Seit Sie So Sobald Sogar Trotz Um Und Unter Vom Von Vor Während Was Weil Wenn Wer Wie
    Wir Wo Zu Zum Zur Zwar Zwischen Über Seine Seiner Sein Ihre Ihrer Dazu Deshalb Jedoch
    Zudem Allerdings
    """
)
WEEKDAYS = word_set("Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag")
MONTHS = word_set(
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
)
# Finite forms of "sein", "werden" and the modal verbs: a sentence built on them describes.
COPULAS = word_set(
    """
    ist sind war waren wird werden wurde wurden bleibt bleiben blieb blieben soll sollen
    sollte sollten muss müssen musste mussten kann können konnte konnten darf dürfen
    """
)
PASSIVE_AUXILIARIES = word_set("wird werden wurde wurden worden")
