"""Word lists the entity rules consult: first names, German common nouns, countries, roles.

The big lists (gender-guesser's first names, german-nouns' Wiktionary extract, pycountry's
German country names, GeoNames cities, wordfreq frequencies) are extracted at build time by
``training/build_lexicons.py`` into ``reader/data/lexicons.tsv.gz`` and read once, lazily.
The small hand-written lists are closed classes of news German (articles, titles, the heads
of role nouns) rather than names of anything.
"""

from __future__ import annotations

import gzip
import re
import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources


def words(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(text.split())


# Determiners a model sometimes includes in a span ("der Kreml", "des US-Präsidenten").
ARTICLES = words(
    "der die das den dem des ein eine einer eines einem einen "
    "Der Die Das Den Dem Des Ein Eine Einer Eines Einem Einen"
)

# Titles and forms of address: never part of the canonical name.
TITLES = words(
    """
    Dr Dr. Prof Prof. Professor Professorin Frau Herr Herrn Fräulein Mr Mr. Mrs Mrs. Ms Ms.
    Sir Lady Lord Dame Papst König Königin Kaiser Kaiserin Prinz Prinzessin Fürst Fürstin
    Graf Gräfin Herzog Herzogin Scheich Sultan Emir Pater Bischof Kardinal Erzbischof
    Colonel Captain Lieutenant Sergeant Commander Chief Reverend President
    Rabbi Rabbiner Imam Ayatollah Ajatollah Mullah Abt Schwester Bruder Dipl. Ing. Mag.
    Senator Senatorin Gouverneur Gouverneurin General
    Generalin Oberst Major Hauptmann Leutnant Admiral Kapitän Richter Richterin
    """
)

# Name particles that stay lower-case inside a name ("Ursula von der Leyen", "al-Assad").
NAME_PARTICLES = words(
    "von vom zu zur van de der den del della di da dos das du le la ten ter bin ibn al el y e auf"
)

# How role nouns end: "Präsident", "US-Aussenminister", "Kremlsprecher", "Parteichefin".
# Matched against the last part of a hyphenated word, with an optional female "-in".
_ROLE_HEADS = (
    "präsident",
    "minister",
    "sprecher",
    "kanzler",
    "chef",
    "sekretär",
    "vorsitzende",
    "vorsitzender",
    "leiter",
    "direktor",
    "trainer",
    "botschafter",
    "gesandte",
    "gesandter",
    "abgeordnete",
    "abgeordneter",
    "politiker",
    "bürgermeister",
    "gouverneur",
    "senator",
    "kommissar",
    "beauftragte",
    "beauftragter",
    "führer",
    "anführer",
    "herrscher",
    "regent",
    "monarch",
    "könig",
    "prinz",
    "premier",
    "premierminister",
    "regierungschef",
    "staatschef",
    "vize",
    "general",
    "kommandeur",
    "offizier",
    "richter",
    "anwalt",
    "staatsanwalt",
    "ermittler",
    "experte",
    "analyst",
    "ökonom",
    "forscher",
    "wissenschaftler",
    "professor",
    "autor",
    "autorin",
    "schriftsteller",
    "journalist",
    "reporter",
    "korrespondent",
    "redakteur",
    "moderator",
    "sänger",
    "musiker",
    "schauspieler",
    "regisseur",
    "künstler",
    "spieler",
    "stürmer",
    "torhüter",
    "athlet",
    "fahrer",
    "pilot",
    "astronaut",
    "kosmonaut",
    "taikonaut",
    "manager",
    "gründer",
    "unternehmer",
    "investor",
    "milliardär",
    "aktivist",
    "kandidat",
    "herausforderer",
    "nachfolger",
    "vorgänger",
    "vertreter",
    "mitglied",
    "funktionär",
    "diplomat",
    "berater",
    "sprecher",
    "oberhaupt",
    "bischof",
    "papst",
    "pfarrer",
    "arzt",
    "ärztin",
    "chefarzt",
    "polizist",
    "kommandant",
    "oberbefehlshaber",
    "verteidiger",
    "kläger",
    "angeklagte",
    "angeklagter",
    "täter",
    "opfer",
    "zeuge",
    "ministerpräsident",
    "landrat",
    "stadtrat",
    "rat",
    "ratspräsident",
    "generalsekretär",
    "geschäftsführer",
    "intendant",
    "vorstand",
    "aufsichtsrat",
    "koordinator",
    "ombudsmann",
    "leader",
    "ceo",
)
_ROLE_RE = re.compile(
    r"(?:"
    + "|".join(sorted({re.escape(h) for h in _ROLE_HEADS}, key=len, reverse=True))
    + r")(?:in|innen|en|n|s)?$",
    re.IGNORECASE,
)
# Words that end like a role but are not one ("Rat" inside "Vorrat" is fine; these are not).
_NOT_ROLES = frozenset({"Vorrat", "Apparat", "Heirat", "Verrat", "Zierat", "Sekretariat"})


def is_role_word(word: str) -> bool:
    """Whether ``word`` names a role or office: ``US-Präsident``, ``Kremlsprecher``."""
    if not word or not word[0].isupper() or word in _NOT_ROLES:
        return False
    head = word.rsplit("-", 1)[-1]
    if not head:
        return False
    return bool(_ROLE_RE.search(head)) and (len(head) > 3 or head.lower() in ("rat", "ceo"))


@dataclass(frozen=True, slots=True)
class _Tables:
    first: frozenset[str]
    genders: dict[str, str]
    noun: frozenset[str]
    proper: frozenset[str]
    toponym: frozenset[str]
    person: frozenset[str]
    country: frozenset[str]
    place: frozenset[str]
    zipf: dict[str, dict[str, int]]  # Zipf frequency × 100


@cache
def _tables() -> _Tables:
    """Read the packaged word lists once (built by ``training/build_lexicons.py``)."""
    sets: dict[str, set[str]] = {}
    genders: dict[str, str] = {}
    # Zipf values in hundredths (as wordfreq rounds them): ints, not 24-byte floats.
    zipf: dict[str, dict[str, int]] = {"de": {}, "en": {}}
    path = resources.files("reader").joinpath("data/lexicons.tsv.gz")
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            kind, _, rest = line.rstrip("\n").partition("\t")
            if kind.startswith("zipf_"):
                word, _, value = rest.partition("\t")
                zipf[kind[5:]][word] = round(float(value) * 100)
            elif kind == "gender":
                name, _, value = rest.partition("\t")
                genders[name] = sys.intern(value)
            else:
                sets.setdefault(kind, set()).add(rest)

    def get(kind: str) -> frozenset[str]:
        return frozenset(sets.pop(kind, ()))

    return _Tables(
        get("first"),
        genders,
        get("noun"),
        get("proper"),
        get("toponym"),
        get("person"),
        get("country"),
        get("place"),
        zipf,
    )


def gender(first_name: str) -> str | None:
    """``"m"``, ``"f"`` or None for a first name (``Christine`` -> ``"f"``)."""
    return _tables().genders.get(first_name.split("-")[0])


def first_names() -> frozenset[str]:
    """First names from gender-guesser's dictionary (``Donald``, ``Wladimir``, ``Kathrin``)."""
    return _tables().first


def _nouns() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(common noun, proper noun, place, person name) forms from german-nouns (Wiktionary)."""
    tables = _tables()
    return tables.noun, tables.proper, tables.toponym, tables.person


def is_common_noun(word: str) -> bool:
    """A German common noun (any case form), e.g. ``Bundesregierung``, ``Stern``."""
    return word in _nouns()[0]


def is_person_name(word: str) -> bool:
    """A first name or surname in german-nouns (``Merkel`` is not, ``Müller`` is)."""
    return word in _nouns()[3]


def is_proper_noun(word: str) -> bool:
    """A name in german-nouns: first name, surname, place or other proper noun."""
    return word in _nouns()[1]


def is_given_name(word: str) -> bool:
    """In the first-name list at all (``Yang``, ``Klaus``, ``Rose``, ``Jan-Peter`` included)."""
    names = first_names()
    return word in names or ("-" in word and all(part in names for part in word.split("-")))


def is_first_name(word: str) -> bool:
    """A first name that is not just an ordinary German noun (``Rose``, ``Arni`` are not)."""
    if "-" in word:
        return all(is_first_name(part) for part in word.split("-"))
    if word not in first_names() or (is_common_noun(word) and not is_proper_noun(word)):
        return False
    # "Andere", "Alle", "Man", "Will" are in the list too: function words are not names.
    return not is_frequent_word(word, FUNCTION_WORD_ZIPF, languages=("de",))


# German words at least this frequent (wordfreq Zipf) are function words, not first names;
# "Peter" (5.1) and "Ernst" (5.2) stay below it, "Anders" (5.3) and "Andere" (5.8) do not.
FUNCTION_WORD_ZIPF = 5.3


def zipf(word: str, language: str) -> float:
    """wordfreq's Zipf frequency of ``word`` (lower-cased); 0 when below the stored lists."""
    return _tables().zipf.get(language, {}).get(word.lower(), 0) / 100


def is_frequent_word(
    word: str, minimum: float = 4.0, languages: tuple[str, ...] = ("de", "en")
) -> bool:
    """A common word in German (or English) running text: wordfreq Zipf >= ``minimum``."""
    lower = word.lower()
    zipf = _tables().zipf
    best = max(zipf.get(language, {}).get(lower, 0) for language in languages)
    return best >= round(minimum * 100)


def is_compound_noun(word: str) -> bool:
    """A German compound whose last part is a common noun (``Mobilfunkkonzerns``)."""
    if is_common_noun(word):
        return True
    if len(word) < 8 or not word[:1].isupper():
        return False
    return any(is_common_noun(word[i].upper() + word[i + 1 :]) for i in range(3, len(word) - 3))


@cache
def places() -> frozenset[str]:
    """Place names: German countries, german-nouns toponyms, large cities, US states."""
    tables = _tables()
    return tables.country | tables.toponym | tables.place


def is_place(name: str) -> bool:
    """A country, region or large city, also in the genitive (``Australiens``)."""
    known = places()
    if name in known or (name.endswith("s") and name[:-1] in known):
        return True
    # Genitives of country names the lists lack ("Jugoslawiens", "Kurdistans").
    return " " not in name and len(name) >= 7 and name.endswith(_COUNTRY_GENITIVES)


_COUNTRY_GENITIVES = ("iens", "stans")


def countries_de() -> frozenset[str]:
    """German names of countries: ``Deutschland``, ``Vereinigte Staaten``, ``Iran``."""
    return _tables().country
