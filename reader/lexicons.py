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
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources


def words(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(text.split())


# Determiners a model sometimes includes in a span ("der Kreml", "des US-Präsidenten").
ARTICLES = words(
    "der die das den dem des ein eine einer eines einem einen "
    "Der Die Das Den Dem Des Ein Eine Einer Eines Einem Einen"
)

# Abbreviations that open the name of a sports club: "FC Bayern", "1. FC Köln", "VfB Stuttgart".
# ("CD", "AC", "AS", "SK" are left out: everyday abbreviations too.)
CLUB_PREFIXES = words(
    "FC FK SV TSV VfB VfL SC SpVgg SG TuS BSC SSV HSV KSV SSC TSG CF RC NK HC EHC ERC MSV"
)

# Makers of cars and aircraft: "Opel Ampera", "Renault Clio" and a lone "Opel" are no people.
# (Not "Ford" or "Mercedes": surnames and first names as often.)
VEHICLE_MAKERS = words(
    """
    Opel Renault Peugeot Citroën Volkswagen VW BMW Audi Porsche Toyota Honda Nissan Fiat Škoda
    Skoda Seat Volvo Kia Hyundai Mazda Tesla Subaru Mitsubishi Suzuki Lada Dacia Chevrolet
    Chrysler Cadillac Jeep Lamborghini Ferrari Maserati Bugatti Bentley Jaguar Saab Lexus Daimler
    Airbus Boeing Embraer Bombardier Tupolew Iljuschin Cessna
    """
)

# A regnal number, written with its dot ("Albert II.", "Ludwig XIV."); the tokeniser leaves the
# dot off at a sentence end. ``REGNAL.fullmatch(word)`` with or without the dot.
REGNAL = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XVI{0,3}|XX)\.?")

# Marks written for an apostrophe: "O’Brien", "D'Alema", "O´Keefe", "Jones’".
APOSTROPHES = frozenset("'’´`")

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

# Arabic particles: never German words inside a sentence.
ARABIC_PARTICLES = words("bin ibn al el abu")
# Particles that open a run; articles and prepositions ("der", "zur", "auf") only follow one.
OPENING_PARTICLES = words(
    "von van de da di del della dos du le la ten ter bin ibn al el zu "
    "Van Von De Da Di Del Della Du Dos La Le El Al Bin Ibn Ben Ter Ten"
)

# The commonest Chinese (pinyin) and Korean family names: a Chinese or Korean name is the
# family name first and a given name of one or two syllables (``Yang Liwei``, ``Kim Jong-un``).
EAST_ASIAN_SURNAMES = words(
    """
    Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng
    Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Jiang Cai Yu Du Ye
    Cheng Wei Su Lü Lu Ding Ren Shen Yao Cui Zhong Tan Fan Jin Shi Liao Jia Xia Fu Fang Bai Zou
    Meng Xiong Qin Qiu Yin Xue Yan Duan Lei Hou Long Tao Gu Mao Hao Gong Shao Wan Qian Dai Mo
    Kong Xiang Fei Nie Xi Bo Wen Zhan Qiao Ou Lai Ji Zhuang Kang Geng Yue Rao Xing Bao Niu Ai
    Kim Lee Park Choi Jung Cho Yoon Jang Lim Oh Seo Shin Kwon Hwang Ahn Yoo Hong Jeon Ko Moon
    Son Bae Baek Ban Roh Chung Zhai Qi Hua Ning Mu Yi Tong Xin Chang Leung Wong Cheung Chan
    Lam Lau Tsang
    """
)
_PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|an|ao|ei|en|er|ia|ie|in|iu|ou|ua"
    r"|ue|ui|un|uo|a|e|i|o|u|ü)"
)
# A given name of one or two syllables ("Liwei", "Di"), hyphenated in Korean ("Jong-un").
_EAST_ASIAN_GIVEN = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{1,2}}|[a-z]{{1,4}}-[a-z]{{1,4}}")


# How abstract nouns end: never the end of a surname in words of eight letters or more
# ("Einmischung", "Gesundheit"; "Jung" and "Chung" are short).
ABSTRACT_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "tät", "ismus", "nis")

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
    "priester",
    "pastor",
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
# The word tests below run for every token of every article and depend only on their
# arguments: memoised, with a bound so that a long session's vocabulary cannot grow them
# without limit.
_memo = lru_cache(maxsize=1 << 16)

# Words that end like a role but are not one ("Rat" inside "Vorrat" is fine; these are not).
_NOT_ROLES = frozenset(
    {"Vorrat", "Apparat", "Heirat", "Verrat", "Zierat", "Sekretariat", "Marktführer"}
)


@_memo
def is_role_word(word: str) -> bool:
    """Whether ``word`` names a role or office: ``US-Präsident``, ``Kremlsprecher``."""
    if not word or not word[0].isupper() or word in _NOT_ROLES:
        return False
    head = word.rsplit("-", 1)[-1]
    if not head:
        return False
    return bool(_ROLE_RE.search(head)) and (len(head) > 3 or head.lower() in ("rat", "ceo"))


@_memo
def role_head(word: str) -> str:
    """The plain role a compound names: ``Bundesfinanzministerin`` -> ``Ministerin``,
    ``US-Präsident`` -> ``Präsident``; the word itself when no shorter role ends it."""
    tail = word.rsplit("-", 1)[-1]
    for i in range(len(tail) - 4, 0, -1):
        head = tail[i].upper() + tail[i + 1 :]
        if is_role_word(head) and is_common_noun(head):
            return head
    return tail


class WordTable:
    """An exact word set, with a number per word if wanted, in a third of a frozenset's memory.

    The rows (``word`` or ``word\tvalue``, one a line, UTF-8) stay one bytes object as read
    from the file; the table keeps each word's hash, sorted, and where the word stands, so a
    lookup bisects the hashes and compares the bytes. A frozenset of a quarter of a million
    strings costs about 90 bytes a word, this about 30, and no string object is kept."""

    __slots__ = ("_ends", "_hashes", "_rows", "_starts", "_values")

    def __init__(self, rows: bytes | None, valued: bool = False) -> None:
        """``rows`` joined by newlines (``b""`` is one empty row); None for no rows at all."""
        import numpy  # spaCy's dependency: finding and sorting half a million rows in C

        self._rows = rows or b""
        if rows is None:
            self._hashes, self._starts, self._ends = array("q"), array("I"), array("I")
            self._values = None
            return
        if len(rows) >= 1 << 32:
            raise ValueError("word table over 4 GB")  # positions are stored in 32 bits
        data = numpy.frombuffer(rows, dtype=numpy.uint8)
        newlines = numpy.flatnonzero(data == ord("\n"))
        starts = numpy.concatenate(([0], newlines + 1))
        ends = numpy.concatenate((newlines, [len(rows)]))
        values = None
        if valued:
            # A row is ``word\tvalue``, split at its first tab.
            tabs = numpy.flatnonzero(data == ord("\t"))
            first = numpy.searchsorted(tabs, starts)
            if len(tabs) == 0 or first.max() >= len(tabs) or (tabs[first] >= ends).any():
                raise ValueError("a row of a table with values has no value")
            value_ends, ends = ends, tabs[first]
            cut = list(map(rows.__getitem__, map(slice, (ends + 1).tolist(), value_ends.tolist())))
            # Each distinct value parsed once (values repeat: Zipf frequencies in hundredths).
            parsed = {value: round(float(value) * 100) for value in set(cut)}
            values = numpy.fromiter(map(parsed.__getitem__, cut), numpy.int64, len(cut))
            del cut
        words = map(rows.__getitem__, map(slice, starts.tolist(), ends.tolist()))
        hashes = numpy.fromiter(map(hash, words), numpy.int64, len(starts))
        # A stable sort: of two equal words the later one (which a dict would keep) comes last.
        order = numpy.argsort(hashes, kind="stable")
        self._hashes = array("q", hashes[order].tobytes())
        self._starts = array("I", starts[order].astype(numpy.uint32).tobytes())
        self._ends = array("I", ends[order].astype(numpy.uint32).tobytes())
        self._values = (
            None if values is None else array("i", values[order].astype(numpy.int32).tobytes())
        )

    def _find(self, word: str) -> int:
        """Index of ``word`` (its last row), or -1."""
        # Lone surrogates encode to bytes no UTF-8 row contains: such a word is never found.
        key = word.encode("utf-8", "surrogatepass")
        code = hash(key)
        hashes = self._hashes
        found = -1
        i = bisect_left(hashes, code)
        while i < len(hashes) and hashes[i] == code:
            if self._rows[self._starts[i] : self._ends[i]] == key:
                found = i
            i += 1
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._find(word) >= 0

    def __len__(self) -> int:
        return len(self._hashes)

    def get(self, word: str, default: int = 0) -> int:
        """The number stored with ``word``, or ``default``."""
        i = self._find(word)
        return default if i < 0 or self._values is None else self._values[i]


@dataclass(frozen=True, slots=True)
class _Tables:
    first: frozenset[str]
    genders: dict[str, str]
    noun: WordTable
    proper: frozenset[str]
    toponym: frozenset[str]
    person: frozenset[str]
    country: frozenset[str]
    place: frozenset[str]
    zipf: dict[str, WordTable]  # Zipf frequency × 100


def _runs(data: bytes) -> Iterator[tuple[str, bytes]]:
    """``(kind, rows)`` for each run of lines of one kind (``kind\trow``), the rows still one
    bytes object: the file is written kind by kind, so a run is handled at once."""
    position = 0
    while position < len(data):
        tab = data.find(b"\t", position)
        newline = data.find(b"\n", position)
        if newline < 0:
            newline = len(data)
        if tab < 0 or tab > newline:
            # A line without a tab: a kind with an empty row, as ``partition`` reads it.
            yield data[position:newline].decode("utf-8"), b""
            position = newline + 1
            continue
        kind = data[position:tab]
        other = re.compile(rb"\n(?!" + re.escape(kind) + rb"\t)").search(data, position)
        end = len(data) if other is None else other.start()
        yield kind.decode("utf-8"), data[tab + 1 : end].replace(b"\n" + kind + b"\t", b"\n")
        position = end + 1


@cache
def _tables() -> _Tables:
    """Read the packaged word lists once (built by ``training/build_lexicons.py``)."""
    path = resources.files("reader").joinpath("data/lexicons.tsv.gz")
    with path.open("rb") as raw:
        data = gzip.decompress(raw.read())
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")  # as text mode reads it
    if data.endswith(b"\n"):
        data = data[:-1]
    runs: dict[str, list[bytes]] = {}
    for kind, run in _runs(data):
        runs.setdefault(kind, []).append(run)
    del data

    def rows(kind: str) -> list[str]:
        return b"\n".join(runs.pop(kind)).decode("utf-8").split("\n") if kind in runs else []

    def get(kind: str) -> frozenset[str]:
        return frozenset(rows(kind))

    genders: dict[str, str] = {}
    for row in rows("gender"):
        name, _, value = row.partition("\t")
        genders[name] = sys.intern(value)
    zipf: dict[str, bytes | None] = {"de": None, "en": None}
    for kind in [kind for kind in runs if kind.startswith("zipf_")]:
        zipf[kind[5:]] = b"\n".join(runs.pop(kind))
    nouns = b"\n".join(runs.pop("noun")) if "noun" in runs else None
    return _Tables(
        get("first"),
        genders,
        WordTable(nouns),
        get("proper"),
        get("toponym"),
        get("person"),
        get("country"),
        get("place"),
        {language: WordTable(rows, valued=True) for language, rows in zipf.items()},
    )


def gender(first_name: str) -> str | None:
    """``"m"``, ``"f"`` or None for a first name (``Christine`` -> ``"f"``)."""
    return _tables().genders.get(first_name.split("-")[0])


def first_names() -> frozenset[str]:
    """First names from gender-guesser's dictionary (``Donald``, ``Wladimir``, ``Kathrin``)."""
    return _tables().first


def _nouns() -> tuple[WordTable, frozenset[str], frozenset[str], frozenset[str]]:
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


@_memo
def is_given_name(word: str) -> bool:
    """In the first-name list at all (``Yang``, ``Klaus``, ``Rose``, ``Jan-Peter`` included)."""
    names = first_names()
    return word in names or ("-" in word and all(part in names for part in word.split("-")))


@_memo
def is_first_name(word: str) -> bool:
    """A first name that is not just an ordinary German noun (``Rose``, ``Arni`` are not)."""
    if "-" in word:
        return all(is_first_name(part) for part in word.split("-"))
    if word not in first_names() or (is_common_noun(word) and not is_proper_noun(word)):
        return False
    # "Andere", "Alle", "Man", "Will" are in the list too: function words are not names.
    return not is_frequent_word(word, FUNCTION_WORD_ZIPF, languages=("de",))


@_memo
def is_east_asian_given_name(word: str) -> bool:
    """A Chinese or Korean given name after a family name: pinyin syllables (``Haisheng``,
    ``Liwei``) or a hyphenated pair (``Jong-un``), and no common German or English word."""
    if not word[:1].isupper() or not _EAST_ASIAN_GIVEN.fullmatch(word.lower()):
        return False
    return not is_common_noun(word) and not is_frequent_word(word, 4.8)


# German words at least this frequent (wordfreq Zipf) are function words, not first names;
# "Peter" (5.1) and "Ernst" (5.2) stay below it, "Anders" (5.3) and "Andere" (5.8) do not.
FUNCTION_WORD_ZIPF = 5.3


def zipf(word: str, language: str) -> float:
    """wordfreq's Zipf frequency of ``word`` (lower-cased); 0 when below the stored lists."""
    table = _tables().zipf.get(language)
    return 0.0 if table is None else table.get(word.lower()) / 100


@_memo
def is_frequent_word(
    word: str, minimum: float = 4.0, languages: tuple[str, ...] = ("de", "en")
) -> bool:
    """A common word in German (or English) running text: wordfreq Zipf >= ``minimum``."""
    lower = word.lower()
    zipf = _tables().zipf
    best = max(zipf[language].get(lower) if language in zipf else 0 for language in languages)
    return best >= round(minimum * 100)


@_memo
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


@_memo
def is_place(name: str) -> bool:
    """A country, region or large city, also in the genitive (``Australiens``)."""
    known = places()
    if name in known or (name.endswith("s") and name[:-1] in known):
        return True
    # Genitives of country names the lists lack ("Jugoslawiens", "Kurdistans").
    return " " not in name and len(name) >= 7 and name.endswith(_COUNTRY_GENITIVES)


# How an inhabitant's noun ends, and how its place then ends: "Thailänder" of "Thailand",
# "Südkoreaner" of "Südkorea", "Spanier" of "Spanien", "Berliner" of "Berlin".
_DEMONYM_ENDINGS = (
    ("länder", "land"),
    ("länder", "lande"),
    ("aner", "a"),
    ("ier", "ien"),
    ("ier", "a"),
    ("er", ""),
)


@_memo
def is_demonym(word: str) -> bool:
    """An inhabitant of a listed place, either sex: ``Thailänderin``, ``Südkoreaner``,
    ``Spanierin``, ``Hongkonger`` (not ``Brite``, ``Russin``: those the lists lack)."""
    if not word[:1].isupper() or is_given_name(word) or is_person_name(word):
        return False
    base = word[:-2] if word.endswith("erin") else word
    known = places()
    for ending, place in _DEMONYM_ENDINGS:
        stem = base[: -len(ending)] + place
        if base.endswith(ending) and len(stem) >= 4 and (known & {stem, stem.replace("ä", "a")}):
            return True
    return False


_COUNTRY_GENITIVES = ("iens", "stans")


def is_toponym(word: str) -> bool:
    """A place name of German Wiktionary (``Bielefeld``, ``Rom``), no GeoNames-only town:
    ``Kennedy`` and ``Okazaki`` are towns there but surnames first."""
    return word in _tables().toponym


def countries_de() -> frozenset[str]:
    """German names of countries: ``Deutschland``, ``Vereinigte Staaten``, ``Iran``."""
    return _tables().country


NAME_LABELS = ("PER", "LOC", "ORG")


@dataclass(frozen=True)
class NameLists:
    """Names seen in other German NER corpora (``training/build_names.py``).

    ``words`` maps a capitalised word to how often it was tagged PER, LOC, ORG and O there;
    ``names`` maps a name of several words to its most frequent label.
    """

    words: dict[str, tuple[int, int, int, int]]
    names: dict[tuple[str, ...], str]
    longest: int


@cache
def name_lists() -> NameLists:
    """Read the packaged name lists once."""
    path = resources.files("reader").joinpath("data/names.tsv.gz")
    with path.open("rb") as raw:
        text = gzip.decompress(raw.read()).decode("utf-8")
    words: dict[str, tuple[int, int, int, int]] = {}
    names: dict[tuple[str, ...], str] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if parts[0] == "w" and len(parts) == 6:
            per, loc, org, other = (int(n) for n in parts[2:])
            words[parts[1]] = (per, loc, org, other)
        elif parts[0] == "m" and len(parts) == 4:
            names[tuple(parts[1].split(" "))] = parts[2]
    longest = max((len(name) for name in names), default=0)
    return NameLists(words, names, longest)


def name_word_labels(word: str) -> tuple[str, ...]:
    """The labels a word carried in at least a third of its name uses (``("PER",)``)."""
    counts = name_lists().words.get(word)
    if counts is None:
        return ()
    total = sum(counts[:3])
    return tuple(label for label, n in zip(NAME_LABELS, counts, strict=False) if 3 * n >= total)
