"""A second opinion after the statistical NER: high-precision rule entities.

The trained model knows only the few thousand names of its training data. These rules add what
German news spells out around a name where the model found nothing, and mend a few of the
model's spans (last in this list):

* a first name followed by a capitalised word that is no common noun -> PER
  (``Olaf Scholz``); a PER the model found is widened over a first name before it and a
  regnal number after it (``[Rainier] III.``);
* a role noun followed by such a name -> PER (``Bundeskanzler Scholz``), or by a lone first
  name that nothing continues (``König Vladislav``);
* a first name and a common noun that nothing continues -> PER (``Arjen Robben``);
* a first name before a regnal number -> PER (``Rainers III.``);
* the surname after a verb of saying -> PER (``sagte Weber``);
* a Chinese or Korean family name before a given name of one or two syllables -> PER
  (``Nie Haisheng``, ``Kim Jong-un``), also over a one-word entity of the model;
* German country names (pycountry) -> LOC (``Deutschland``, ``Vereinigte Staaten``);
* a known place that no other name word touches -> LOC (``in Uelzen``, ``Afrikas``);
* a sports club's abbreviation and the name after it -> ORG (``1. FC Köln``);
* the institutions of the European Union -> ORG (``das Europäische Parlament``);
* web and mail addresses -> MISC (``www.kuenker.de``), as GermEval tags them;
* person spans are joined where a one-word person touches another or only initials stand
  between them (``[Joseph] S. [Blatter]``), and a name takes in a one-word place or
  organisation after it that no list knows (``[Carsten] [Rothenbach]``);
* a person or place span that opens with a title or role is the person after it
  (``[Herrn Poggiolini]`` -> ``Herrn [Poggiolini]``), and a one-word place or organisation
  after "Herr" or "Frau" is a person (``Frau [Samland]``); so is ``Herrn [von Wogau]``;
* spans that open with a negation (``[Kein Kompromiss]``) are dropped, and so are the model's
  one-word PER and LOC spans that are German common nouns and no known name or place
  (``[Schulmedizin]``, ``[Touristenbüros]``), unless, for a person, a longer person span or
  an age in brackets vouches for them; a one-word "person" that only the place lists know
  (``[Amerika]``) is a place; a one-word place or person that is a name-and-noun compound
  (``[Budapest-Treffen]``) is dropped.

``reader.pipes.add_reader_components`` adds the ``reader_ner_rules`` component after ``ner``.
"""

from __future__ import annotations

import re
from collections.abc import Container
from functools import lru_cache

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from reader import lexicons
from reader.passage import token_texts

# A country name has at most this many tokens ("Vereinigte Arabische Emirate").
MAX_COUNTRY_TOKENS = 4

# Forms of address: "Herr Müller", "Frau Samland".
_ADDRESS_FORMS = frozenset({"Herr", "Herrn", "Frau"})

# Verbs of saying that news puts before the speaker's surname: '", sagte Weber.'
SPEECH_VERBS = lexicons.words(
    """
    sagte sagt sagten erklärte erklärt betonte betont meinte meint hoffte kritisierte
    forderte fordert warnte warnt ergänzte ergänzt räumte fügte berichtete schrieb kündigte
    bestätigte bestätigt erläuterte versicherte unterstrich
    """
)
# "so" marks the speaker only right after the quotation: '", so Weber.'
_QUOTE_END = frozenset({",", '"', "“", "”", "«", "»", "'"})


@lru_cache(maxsize=100_000)
def _first_name(word: str) -> bool:
    # The lexicon checks (wordfreq among them) cost more than the model per token: cache them.
    return lexicons.is_first_name(word)


@lru_cache(maxsize=100_000)
def _role(word: str) -> bool:
    return lexicons.is_role_word(word) or word in _ADDRESS_FORMS


def _role_or_title(word: str) -> bool:
    return _role(word) or word in lexicons.TITLES


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and any(ch.islower() for ch in word[1:]) and word.isalpha()


@lru_cache(maxsize=100_000)
def _surname_like(word: str) -> bool:
    """A capitalised word that can be (part of) a surname: no common noun, role or function word."""
    parts = word.split("-")
    if not all(_capitalised(part) for part in parts):
        return False
    if lexicons.is_role_word(word) or word in lexicons.TITLES:
        return False
    if lexicons.is_person_name(word):
        return True
    core = word[:-1] if word.endswith("s") and len(word) > 3 else word
    if lexicons.is_common_noun(word) and lexicons.is_common_noun(core):
        return False
    # Abstract nouns are never surnames ("Justizminister Einmischung"), listed or not.
    if len(word) >= 8 and word.endswith(lexicons.ABSTRACT_SUFFIXES):
        return False
    # "Auf", "Bereits", "One": frequent words are no names; "Lieblingsort" is a compound noun.
    if lexicons.is_frequent_word(word, lexicons.FUNCTION_WORD_ZIPF):
        return False
    return not (len(word) >= 12 and lexicons.is_compound_noun(word))


Found = tuple[int, int, str]  # token start, end, label


def _name_end(words: list[str], start: int, taken: Container[int]) -> int:
    """End of the name that starts at ``start`` (first names, particles, surname words)."""
    end = start
    while end < len(words) and end not in taken:
        word = words[end]
        particle = (
            word in lexicons.NAME_PARTICLES
            and end + 1 < len(words)
            and _surname_like(words[end + 1])
        )
        if not (_first_name(word) or (end > start and (particle or _surname_like(word)))):
            break
        end += 1
    return end


def _inside_name(words: list[str], sent_starts: list[bool], i: int) -> bool:
    """Whether token ``i`` continues a capitalised name (``Aston Martin``, ``Sankt Michael``)."""
    if i == 0 or sent_starts[i]:
        return False
    before = words[i - 1]
    return _capitalised(before) and not lexicons.is_common_noun(before)


def _name_ends_here(words: list[str], end: int) -> bool:
    """Whether nothing that could continue a name follows: no capital, number or particle
    (``König Karl IV.``, ``Prinz Karl von …``, ``Ölminister Ali al-Nuaimi``)."""
    if end >= len(words):
        return True
    word = words[end]
    return not (
        word[:1].isupper()
        or word[:1].isdigit()
        or word in lexicons.NAME_PARTICLES
        or re.match(r"[a-z]{1,3}-[A-ZÄÖÜ]", word)
    )


def _person_spans(words: list[str], sent_starts: list[bool], taken: set[int]) -> list[Found]:
    spans: list[Found] = []
    i = 0
    while i < len(words):
        if i in taken:
            i += 1
            continue
        role = _role(words[i])
        start = i + 1 if role else i
        if start >= len(words) or start in taken:
            i += 1
            continue
        if _first_name(words[start]) and (role or not _inside_name(words, sent_starts, i)):
            end = _name_end(words, start, taken)
            # A lone first name is too often a word or a product: it needs a surname, or a
            # role before it ("Erzbischof Albrecht", "Papst Benedikt").
            if (
                (end - start >= 2 and _surname_like(words[end - 1]))
                or (role and end - start == 1 and _name_ends_here(words, end))
            ) and not lexicons.is_place(" ".join(words[start:end])):  # "Hong Kong"
                spans.append((start, end, "PER"))
                i = end
                continue
            if not role and end > start + 1:
                # Every first name of this run ends the same way: no name starts inside it
                # either (and no rescanning it, which grew with its length squared).
                i = end
                continue
        elif role and _surname_like(words[start]):
            end = start + 1
            if end < len(words) and end not in taken and _surname_like(words[end]):
                end += 1
            if not any(lexicons.is_place(words[k]) for k in range(start, end)):
                spans.append((start, end, "PER"))
                i = end
                continue
        i += 1
    return spans


# Heads that make "Vorname Nomen" the name of a firm or a thing: "Orlanda Verlag".
_NOT_SURNAMES = lexicons.words("Verlag Verlags Stiftung Preis Award Awards Cup Parade Cousine")


@lru_cache(maxsize=100_000)
def _noun_surname(word: str) -> bool:
    """A common noun that is a surname after a first name (``Arjen Robben``, ``Steffi Graf``):
    no role, no frequent or abstract word, no place, no English word (``Sky Lounge``)."""
    return (
        _capitalised(word)
        and lexicons.is_common_noun(word)
        and not _role(word)
        and word not in _NOT_SURNAMES
        and not lexicons.is_frequent_word(word, 5.0)
        and not _known_place(word)
        and not word.endswith(lexicons.ABSTRACT_SUFFIXES)
        and not _english(word)
        # "spielt Paula Klavier": a known surname, or a noun too rare to be the object.
        and (lexicons.is_person_name(word) or lexicons.zipf(word, "de") < 3.0)
    )


def _noun_surname_spans(words: list[str], sent_starts: list[bool], taken: set[int]) -> list[Found]:
    """A first name and a common noun that nothing continues -> PER (``Freddy Nock``); 41 of
    42 that it proposes on GermEval train, with no model, are exact gold spans."""
    spans: list[Found] = []
    for i in range(len(words) - 1):
        first, second = words[i], words[i + 1]
        if (
            i in taken
            or i + 1 in taken
            or not _first_name(first)
            or lexicons.is_common_noun(first)
            # "Daniels Cousine": a genitive, not a first name
            or (first.endswith("s") and _first_name(first[:-1]))
            or (i > 0 and not _role(words[i - 1]) and _inside_name(words, sent_starts, i))
            or not _noun_surname(second)
            or (i + 2 < len(words) and words[i + 2][:1].isupper())
        ):
            continue
        spans.append((i, i + 2, "PER"))
    return spans


def _speaker_spans(words: list[str], taken: set[int]) -> list[Found]:
    """The surname right after a verb of saying (``sagte Weber``, ``", so Barth``)."""
    spans: list[Found] = []
    for i in range(len(words) - 1):
        verb = words[i]
        speech = verb in SPEECH_VERBS or (verb == "so" and i > 0 and words[i - 1] in _QUOTE_END)
        if not speech or i + 1 in taken:
            continue
        word = words[i + 1]
        if _surname_like(word) and not lexicons.is_place(word):
            spans.append((i + 1, i + 2, "PER"))
    return spans


def _east_asian_spans(words: list[str], taken: set[int], single: set[int]) -> list[Found]:
    """A Chinese or Korean family name and a given name (``Nie Haisheng``, ``Kim Jong-un``),
    also over a one-word entity the model made of either half (``Wei [Wenhua]``)."""
    spans: list[Found] = []
    i = 0
    while i < len(words) - 1:
        if (
            words[i] in lexicons.EAST_ASIAN_SURNAMES
            and all(k not in taken or k in single for k in (i, i + 1))
            # "Fei Di.": the tokeniser keeps the full stop of a sentence end on "Di." (Dienstag).
            and lexicons.is_east_asian_given_name(words[i + 1].removesuffix("."))
            # "Hong Kong", "Wu Han": a place, not a person.
            and not lexicons.is_place(f"{words[i]} {words[i + 1]}")
            and not lexicons.is_place(words[i] + words[i + 1].lower())
            and not lexicons.is_place(words[i + 1])
        ):
            spans.append((i, i + 2, "PER"))
            i += 2
            continue
        i += 1
    return spans


def _country_spans(words: list[str], taken: set[int]) -> list[Found]:
    countries = lexicons.countries_de()
    spans: list[Found] = []
    i = 0
    while i < len(words):
        if i in taken or not words[i][:1].isupper():
            i += 1
            continue
        for n in range(min(MAX_COUNTRY_TOKENS, len(words) - i), 0, -1):
            # A country's name ends in a capitalised word ("Bosnien und Herzegowina").
            if (n > 1 and not words[i + n - 1][:1].isupper()) or any(
                k in taken for k in range(i + 1, i + n)
            ):
                continue
            text = " ".join(words[i : i + n])
            if text in countries or (text.endswith("s") and text[:-1] in countries):
                spans.append((i, i + n, "LOC"))
                i += n - 1
                break
        i += 1
    return spans


@lru_cache(maxsize=100_000)
def _known_place(word: str) -> bool:
    """A place of the gazetteers that is no common noun and no personal name."""
    return (
        word.isalpha()
        and (lexicons.is_place(word) or lexicons.is_toponym(word))
        and not lexicons.is_common_noun(word)
        and not lexicons.is_person_name(word)
    )


# Organisations named after their seat: "Universität Tübingen", "Realschule Spaichingen".
_SEAT_HEADS = ("schule", "universität", "akademie", "klinik", "klinikum", "verlag", "kreuz")

# At most this many tokens in a gazetteer place ("Frankfurt am Main", "Los Angeles").
MAX_PLACE_TOKENS = 3


def _place_word(word: str, sentence_start: bool) -> bool:
    """A place word that is no everyday word: "Als", "Dabei" and "Seine" are towns too, and
    at a sentence start any frequent word is likelier the word than the town."""
    if not _capitalised(word):
        return False  # "DAX", "AMD": abbreviations are firms and indices as often as places
    threshold = 4.0 if sentence_start else lexicons.FUNCTION_WORD_ZIPF
    return lexicons.zipf(word.lower(), "de") < threshold


def _place_spans(
    words: list[str], sent_starts: list[bool], taken: set[int], people: frozenset[str]
) -> list[Found]:
    """A known place the model missed -> LOC (``Uelzen``, ``Afrikas``, ``Los Angeles``), when
    no capitalised name word stands right before or after it that could make it part of a
    longer name (``Kunsthalle Basel``, ``Schwäbisch Gmünd``), and nothing makes it a person's
    name (``sagte Lauterbach``; ``people``). 85% of what it proposes on GermEval train, with no
    model, is an exact gold span."""
    spans: list[Found] = []
    i = 0
    while i < len(words):
        if not words[i][:1].isupper() or i in taken:
            i += 1
            continue
        start = i == 0 or sent_starts[i]
        before = words[i - 1] if i > 0 else ""
        if (not start and _name_word(before)) or before.lower().endswith(_SEAT_HEADS):
            i += 1
            continue
        end = _place_end(words, i, start, taken)
        if end == i + 1 and (words[i] in people or _person_context(words, i, end)):
            end = 0
        if end:
            spans.append((i, end, "LOC"))
            i = end
        else:
            i += 1
    return spans


def _place_end(words: list[str], i: int, start: bool, taken: set[int]) -> int:
    """The end of the known place that starts at ``i``, or 0."""
    count = len(words)
    for end in range(min(i + MAX_PLACE_TOKENS, count), i + 1, -1):
        if (
            _capitalised(words[end - 1])
            and not (end < count and words[end][:1].isupper())
            and not any(k in taken for k in range(i + 1, end))
            and lexicons.is_place(" ".join(words[i:end]))
        ):
            return end
    if i + 1 < count and words[i + 1][:1].isupper():
        return 0
    return i + 1 if _single_place(words[i], start) else 0


@lru_cache(maxsize=100_000)
def _name_word(word: str) -> bool:
    """A capitalised word that is no common noun: it may be part of a name."""
    return _capitalised(word) and not lexicons.is_common_noun(word)


@lru_cache(maxsize=100_000)
def _single_place(word: str, sentence_start: bool) -> bool:
    genitive = word.endswith("s") and len(word) >= 5 and _known_place(word[:-1])
    return (_known_place(word) or genitive) and _place_word(word, sentence_start)


def _club_word(word: str) -> bool:
    """A word of a club's name after its abbreviation: ``Bayern``, ``München``, ``1905``; not
    a role or a common noun (``FC Bayern [Präsident]``)."""
    if word.isdigit():
        return True
    if not word[:1].isupper() or _role(word):
        return False
    return not lexicons.is_common_noun(word) or _common_noun_is_place(word)


@lru_cache(maxsize=10_000)
def _common_noun_is_place(word: str) -> bool:
    return lexicons.is_proper_noun(word) or lexicons.is_place(word) or lexicons.is_toponym(word)


def _club_spans(words: list[str], taken: set[int]) -> list[Found]:
    """A club abbreviation and the capitalised words or year after it -> ORG (``1. FC Köln``,
    ``SV 1905``; 29 of 30 right on GermEval train)."""
    spans: list[Found] = []
    for i, word in enumerate(words):
        if word not in lexicons.CLUB_PREFIXES or i in taken:
            continue
        end = i + 1
        while end < min(len(words), i + 5) and end not in taken and _club_word(words[end]):
            end += 1
        if end == i + 1:
            continue
        start = i
        if start > 0 and start - 1 not in taken and words[start - 1] == "1.":
            start -= 1
        before = words[start - 1] if start > 0 else ""
        if (
            start - 1 not in taken
            and before[:1].isupper()
            and before.endswith("er")
            and before not in lexicons.ARTICLES
            and not lexicons.is_common_noun(before.rsplit("-", 1)[-1])
        ):
            start -= 1  # "Naumburger SV 1905", "Hamburger SV": the town's adjective
        spans.append((start, end, "ORG"))
    return spans


# The institutions of the European Union, named by their adjective and head: "das Europäische
# Parlament", "der Europäischen Kommission" (5 of 5 in GermEval train are ORG).
_EUROPEAN = re.compile(r"Europäische[nrs]?")
_EU_HEADS = lexicons.words(
    """
    Parlament Parlaments Kommission Union Rat Rats Rates Zentralbank Gerichtshof Gerichtshofs
    Investitionsbank Rechnungshof Rechnungshofs Gemeinschaft Gemeinschaften Volkspartei
    Weltraumorganisation Umweltagentur Verteidigungsagentur Bürgerbeauftragte
    """
)


def _eu_institution_spans(words: list[str]) -> list[Found]:
    """``Europäische Parlament`` -> ORG, also over a part the model tagged (``[Europäischen]
    Parlament``): the longer span wins."""
    return [
        (i, i + 2, "ORG")
        for i in range(len(words) - 1)
        if words[i + 1] in _EU_HEADS and _EUROPEAN.fullmatch(words[i])
    ]


# A web address or mail address: GermEval calls them other names (15 of 16 in train).
_ADDRESS = re.compile(
    r"(?:https?://|www\.)\S+|[\w.@-]+\.(?:de|com|org|net|at|ch|eu|info|io)(?:/\S*)?", re.I
)


def _address_spans(words: list[str], taken: set[int]) -> list[Found]:
    """Web and mail addresses -> MISC (``www.kuenker.de``, ``stern.de``)."""
    return [
        (i, i + 1, "MISC")
        for i, word in enumerate(words)
        if i not in taken and word[:1].isalpha() and _ADDRESS.fullmatch(word)
    ]


class _Outside:
    """The tokens of ``taken`` outside one span, without copying the set for every span."""

    def __init__(self, taken: set[int], start: int, end: int) -> None:
        self.taken, self.start, self.end = taken, start, end

    def __contains__(self, i: object) -> bool:
        return i in self.taken and not (isinstance(i, int) and self.start <= i < self.end)


def _widen_persons(doc: Doc, words: list[str]) -> list[Span]:
    """Widen PER spans over first names before them (``Olaf [Scholz]``), over the surname
    after a trailing first name (``[Sabine] von Krosigk``), a regnal number (``[Rainier]
    III.``) and the rest of a name the tokeniser split at its apostrophe (``[Michael O] ´
    Brien``)."""
    ents = list(doc.ents)
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    widened: list[Span] = []
    changed = False
    for ent in ents:
        start, end = ent.start, ent.end
        if ent.label_ == "PER":
            while start > 0 and start - 1 not in taken and _first_name(words[start - 1]):
                start -= 1
            if _first_name(words[end - 1]):
                name_end = _name_end(words, end - 1, _Outside(taken, ent.start, ent.end))
                if name_end > end and _surname_like(words[name_end - 1]):
                    end = name_end
            if (
                end < len(words)
                and end not in taken
                and words[end].endswith(".")
                and _REGNAL.fullmatch(words[end])
            ):
                end += 1  # "[Rainier] III."
            end += _apostrophe_name_after(doc, end)
        if (start, end) != (ent.start, ent.end):
            changed = True
            ent = Span(doc, start, end, label=ent.label_)
        widened.append(ent)
    # A widened person takes the place of what the model found inside it ("[Brien]").
    return filter_spans(widened) if changed else widened


_APOSTROPHES = lexicons.APOSTROPHES


def _apostrophe_name_after(doc: Doc, end: int) -> int:
    """How many tokens after a person span at ``end`` finish a name the tokeniser split at its
    apostrophe: 2 for ``[Michael O] ´ Brien`` or ``[Valéry Giscard] d’ Estaing``, 3 for
    ``[Massimo] D ' Alema``."""
    if (
        end + 1 < len(doc)
        and len(doc[end].text) in (2, 3)
        and doc[end].text[-1] in _APOSTROPHES
        and not doc[end].whitespace_
        and doc[end + 1].text[:1].isupper()
    ):
        return 2  # "[Valéry Giscard] d’ Estaing"
    prefix = end - 1  # "O" inside the span
    if end < len(doc) and len(doc[end].text) <= 2 and doc[end].text.isalpha():
        prefix = end  # "d" after it
    if prefix < 0 or len(doc[prefix].text) > 2 or not doc[prefix].text.isalpha():
        return 0
    mark = prefix + 1
    if (
        mark + 1 < len(doc)
        and doc[mark].text in _APOSTROPHES
        and not doc[prefix].whitespace_
        and not doc[mark].whitespace_
        and doc[mark + 1].text[:1].isupper()
    ):
        return mark + 2 - end
    return 0


def _english(word: str) -> bool:
    """An English common word (``Tower``, ``Express``): a name of a thing, not a surname."""
    english = lexicons.zipf(word, "en")
    return english >= 3.5 and english > lexicons.zipf(word, "de")


# A regnal number: "Elisabeth II.", "Ludwig XIV." (GermEval counts it as part of the name);
# with its dot, as the tokeniser keeps it inside a sentence.
_REGNAL = lexicons.REGNAL


def _regnal_spans(words: list[str], taken: set[int]) -> list[Found]:
    """A first name, also in the genitive, before a regnal number -> PER (``Rainers III.``,
    ``Karl V.``; 14 of 17 are exact gold spans on GermEval train, with no model)."""
    spans: list[Found] = []
    for i in range(len(words) - 1):
        number = words[i + 1]
        if number[:1] not in "IVX" or not number.endswith(".") or not _REGNAL.fullmatch(number):
            continue
        word = words[i]
        name = word[:-1] if word.endswith("s") and _first_name(word[:-1]) else word
        if i not in taken and i + 1 not in taken and _first_name(name):
            start = i
            while start > 0 and start - 1 not in taken and _first_name(words[start - 1]):
                start -= 1  # "Johannes Paul II."
            spans.append((start, i + 2, "PER"))
    return spans


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


# Particles inside a name that join two person spans; not "zu" or "auf" ("Scholz zu
# Selenskyj", "Merkel auf Putin"): prepositions between two people as often.
_JOINING_PARTICLES = lexicons.words("von van de da di del della dos du ten ter")


def _join_persons(doc: Doc, ents: list[Span]) -> list[Span]:
    """One PER span where a one-word person span touches another (``[Snyder] [Rini]``) or
    only initials stand between them (``[Joseph] S. [Blatter]``), and where a first name or
    a one-word person is followed by a one-word place or organisation that no list knows as
    one (``[Carsten] [Rothenbach]``: the model took the ``-bach`` for a river), or a
    one-word place or organisation that is a first name by a person (``[Montserrat] [Sanz]``),
    and a one-word person and another across a name particle (``[Bloch] von [Blottnitz]``)."""
    joined: list[Span] = []
    for ent in sorted(ents, key=lambda e: e.start):
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.label_ != "PER"
            and len(last) == 1
            and ent.label_ == "PER"
            and ent.start == last.end
            and doc[last.start].whitespace_ == " "
            and lexicons.is_given_name(last.text)
        ):
            # "[Montserrat] [Sanz]", "[Jordan] [Leopold]": a first name that is a place too
            # (in GermEval train, 25 such names and no place before a person).
            joined[-1] = Span(doc, last.start, ent.end, label="PER")
            continue
        if last is None or last.label_ != "PER" or doc[last.end - 1].whitespace_ != " ":
            joined.append(ent)
            continue
        gap = last.end
        while gap < ent.start and _is_initial(doc[gap].text):
            gap += 1
        if (
            gap == ent.start - 1
            and doc[gap].text in _JOINING_PARTICLES
            and ent.label_ == "PER"
            and len(last) == 1
        ):
            gap += 1  # "[Bloch] von [Blottnitz]" (40 such names in GermEval train, 2 apart)
        surname = (
            ent.label_ != "PER"
            and len(ent) == 1
            and ent.start == last.end
            # "[Abhisit] [Vejjajiva]": also after a one-word name no list knows.
            and (_first_name(doc[last.end - 1].text) or len(last) == 1)
            and _surname_like(ent.text)
            and not lexicons.is_place(ent.text)
            and not _english(ent.text)
        )
        # Two full names side by side are two people ("Jakob Meyer Hans Holbein").
        person = ent.label_ == "PER" and min(len(last), len(ent)) == 1
        if gap == ent.start and (person or surname):
            joined[-1] = Span(doc, last.start, ent.end, label="PER")
        else:
            joined.append(ent)
    return joined


@lru_cache(maxsize=100_000)
def _common_noun_only(word: str) -> bool:
    """A German common noun that no list knows as a name (``Schulmedizin``, ``Konserven``;
    not ``Koch`` or ``Wagners``, surnames too)."""
    if not lexicons.is_common_noun(word) or _first_name(word):
        return False
    forms = (word, word[:-1]) if word.endswith("s") else (word,)
    return not any(lexicons.is_person_name(form) for form in forms)


@lru_cache(maxsize=100_000)
def _common_noun_not_place(word: str) -> bool:
    """A German common noun that is no place name (``Touristenbüros``; not ``Rom``)."""
    return lexicons.is_common_noun(word) and not (
        lexicons.is_proper_noun(word) or lexicons.is_toponym(word) or lexicons.is_place(word)
    )


# Endings of adverbs that open a sentence: "Erstens", "Bekanntlich", "Möglicherweise". Of
# GermEval train's sentence-opening words with them, 110 are no name and 2 a place or firm.
_ADVERB_ENDINGS = ("lich", "weise", "wert", "mals", "falls", "dings", "wegs", "tens")


@lru_cache(maxsize=100_000)
def _sentence_adverb(word: str) -> bool:
    """``Erstens``, ``Bekanntlich``: an everyday adverb, not a surname (``Carstens``,
    ``Mertens`` are rare as words)."""
    return (
        word.endswith(_ADVERB_ENDINGS)
        and not lexicons.is_person_name(word)
        and lexicons.zipf(word.lower(), "de") >= 3.0
    )


def _person_context(words: list[str], start: int, end: int) -> bool:
    """Whether the words around a name make it a person's: a role, title or form of address
    or a verb of saying before it, a verb of saying after it ("Minister Lauterbach",
    "sagte Lauterbach", "Lauterbach sagte")."""
    before = words[start - 1] if start > 0 else ""
    after = words[end] if end < len(words) else ""
    return _role_or_title(before) or before in SPEECH_VERBS or after in SPEECH_VERBS


def _document_people(words: list[str], ents: list[Span]) -> frozenset[str]:
    """Words the document shows to be (part of) a person's name: the last word of a
    person span of two or more words, and a word after a role, title or form of address."""
    people = {e[-1].text for e in ents if e.label_ == "PER" and len(e) > 1}
    people.update(
        words[i]
        for i in range(1, len(words))
        if words[i][:1].isupper() and _role_or_title(words[i - 1])
    )
    return frozenset(people)


# No name opens with these (none of GermEval's 30,000 entities does).
_NEGATIONS = frozenset({"Kein", "Keine", "Keinen", "Keinem", "Keiner", "Keines", "Nicht", "Nichts"})


def _drop_noun_entities(
    doc: Doc, ents: list[Span], words: list[str], people: frozenset[str]
) -> list[Span]:
    """Drop one-word PER and LOC spans that are common nouns ("[Schulmedizin]", "[Hotels]"),
    and make one-word PER spans that are only place names places ("[Amerika]"), unless
    something marks them as a person (``people``, ``_person_context``: "Minister Lauterbach").
    A person stays when the document also names them in a longer person span ("Sepp Blatter
    … Blatter") or gives an age. (Organisations and other names are often common nouns:
    "Bundesgerichtshof".)"""
    in_names = {t.text for e in ents if e.label_ == "PER" and len(e) > 1 for t in e}
    # Next to another person span it is part of a name ("[Filep] [Karma]").
    edges = {i for e in ents if e.label_ == "PER" for i in (e.start - 1, e.end)}
    kept = []
    for ent in ents:
        word = ent.text
        if ent[0].text in _NEGATIONS:
            continue  # "[Kein Kompromiss], sondern …": no name opens with a negation
        if (
            ent.label_ == "PER"
            and len(ent) == 1
            and ent[0].is_sent_start
            and word not in in_names
            and _sentence_adverb(word)
        ):
            continue  # "[Erstens]", "[Bekanntlich]": an adverb opening the sentence
        if (
            ent.label_ == "PER"
            and len(ent) == 1
            and word not in in_names
            and ent.start not in edges
            and not (
                ent.end + 1 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 1].like_num
            )
            and _common_noun_only(word)
        ):
            continue
        if ent.label_ == "LOC" and len(ent) == 1 and _common_noun_not_place(word):
            continue
        if ent.label_ in ("LOC", "PER") and len(ent) == 1 and _name_part_compound(word):
            continue  # "[Budapest-Treffen]": GermEval's "part" names, no entity of their own
        if (
            ent.label_ == "PER"
            and len(ent) == 1
            and word not in in_names
            and ent.start not in edges
            and not _person_context(words, ent.start, ent.end)
            and word not in people
            and _toponym_only(word)
        ):
            ent = Span(doc, ent.start, ent.end, label="LOC")  # "[Amerika] lebt uns das vor"
        kept.append(ent)
    return kept


# Heads that make a hyphenated compound the name of a place: "Gaza-Streifen", "Goethe-Platz".
_PLACE_HEADS = (
    "straße", "strasse", "platz", "tal", "see", "berg", "kreis", "arena", "center", "mahnmal",
    "streifen", "brücke", "weg", "allee", "park", "insel", "gebirge", "bahnhof", "stadion",
    "halle", "kirche", "dom", "schloss", "burg", "land", "gasse", "ring", "ufer", "viertel",
    "stadt", "dorf", "hafen", "markt", "kanal", "wald", "region", "gebiet", "zentrum", "delta",
    "süd", "nord", "ost", "west", "mitte",
)  # fmt: skip


@lru_cache(maxsize=100_000)
def _name_part_compound(word: str) -> bool:
    """A hyphenated compound of a name and a common noun (``Budapest-Treffen``,
    ``Trump-Regierung``), unless the noun makes it a place (``Gaza-Streifen``) or a person
    (``Hans-Dietrich``)."""
    if "-" not in word.strip("-") or not word[:1].isupper() or lexicons.is_place(word):
        return False  # "Nordrhein-Westfalen", "Timor-Leste"
    head = word.rsplit("-", 1)[1]
    return (
        head[:1].isupper()
        and lexicons.is_common_noun(head)
        and not _known_place(head)
        and not head.lower().endswith(_PLACE_HEADS)
        and not lexicons.is_given_name(head)
        and not lexicons.is_person_name(head)
    )


@lru_cache(maxsize=100_000)
def _toponym_only(word: str) -> bool:
    """A place name of German Wiktionary that no list knows as a person's name (``Amerika``,
    ``Jugoslawiens``; not ``Barth`` or ``Ernst``): of GermEval train's one-word entities
    that are such words, 874 are places and 5 people."""
    forms = (word, word[:-1]) if word.endswith("s") else (word,)
    return any(lexicons.is_toponym(form) for form in forms) and not any(
        lexicons.is_person_name(form) or lexicons.is_given_name(form) for form in forms
    )


def _addressed_spans(words: list[str], taken: set[int]) -> list[Found]:
    """``Herrn von Wogau``: a name particle and a surname after a form of address -> PER."""
    return [
        (i + 1, i + 3, "PER")
        for i in range(len(words) - 2)
        if words[i] in _ADDRESS_FORMS
        and words[i + 1] in lexicons.NAME_PARTICLES
        and i + 1 not in taken
        and i + 2 not in taken
        and _surname_like(words[i + 2])
    ]


def _title_word(word: str) -> bool:
    return _role_or_title(word) and not lexicons.is_given_name(word)


def _strip_titles(doc: Doc, ents: list[Span]) -> list[Span]:
    """A person or place span that opens with a title or role (``[Herrn Poggiolini]``,
    ``[Kommissar Flynn]``) is the person after it: GermEval leaves titles out of the name (227
    persons in train come after one, 4 hold one: ``Lady Gaga``)."""
    stripped = []
    for ent in ents:
        start = ent.start
        # A place only as "[Kommissar Flynn]": "Lord Howe Island" is a place.
        if ent.label_ == "PER" or (ent.label_ == "LOC" and len(ent) == 2):
            while ent.end - start >= 2 and _title_word(doc[start].text):
                start += 1  # "[Frau Ministerin Schulze]"
        name = doc[start : ent.end]
        if (
            start > ent.start
            and all(t.text[:1].isupper() or t.text in lexicons.NAME_PARTICLES for t in name)
            and not lexicons.is_place(name.text)
        ):
            ent = Span(doc, start, ent.end, label="PER")
        elif (
            ent.label_ in ("LOC", "ORG")
            and len(ent) == 1
            and ent.start > 0
            and doc[ent.start - 1].text in _ADDRESS_FORMS
        ):
            # "Frau [Samland]": after "Herr" or "Frau" a name is a person's (16 of 17 in
            # GermEval train).
            ent = Span(doc, ent.start, ent.end, label="PER")
        stripped.append(ent)
    return stripped


def _role_persons(doc: Doc, ents: list[Span], words: list[str]) -> list[Span]:
    """A place, organisation or other entity right after a role noun, made only of name
    words that no list knows as a place, is the person holding the role: the taggers read
    ``Präsident [Susilo Bambang Yudhoyono]`` as a place (132 of 134 such spans in GermEval
    train are people)."""
    result = []
    for ent in ents:
        if (
            ent.label_ != "PER"
            and ent.start > 0
            and len(ent) <= 4
            and _role(words[ent.start - 1])
            and all(
                _surname_like(w) and not lexicons.is_place(w) and not _english(w)
                for w in words[ent.start : ent.end]
            )
        ):
            ent = Span(doc, ent.start, ent.end, label="PER")
        result.append(ent)
    return result


def add_rule_entities(doc: Doc) -> Doc:
    """Add rule entities where the model found none; the model's own entities stay, except
    one-word "people" that are common nouns."""
    words = token_texts(doc)
    sent_starts = (doc.to_array(SENT_START) == 1).tolist()
    if sent_starts:
        sent_starts[0] = True
    ents = _role_persons(doc, _strip_titles(doc, _widen_persons(doc, words)), words)
    people = _document_people(words, ents)
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    single = {ent.start for ent in ents if len(ent) == 1}
    found = _east_asian_spans(words, taken, single)
    taken |= {i for start, end, _ in found for i in range(start, end)}
    found += _regnal_spans(words, taken)
    taken |= {i for start, end, _ in found for i in range(start, end)}
    found += _person_spans(words, sent_starts, taken)
    taken |= {i for start, end, _ in found for i in range(start, end)}
    found += _noun_surname_spans(words, sent_starts, taken)
    taken |= {i for start, end, _ in found for i in range(start, end)}
    found += _addressed_spans(words, taken)
    taken |= {i for start, end, _ in found for i in range(start, end)}
    found += _speaker_spans(words, taken)
    taken |= {i for start, end, _ in found for i in range(start, end)}
    found += _country_spans(words, taken)
    taken |= {i for start, end, _ in found for i in range(start, end)}
    found += _club_spans(words, taken)
    taken |= {i for start, end, _ in found for i in range(start, end)}
    found += _place_spans(words, sent_starts, taken, people)
    taken |= {i for start, end, _ in found for i in range(start, end)}
    found += _address_spans(words, taken)
    # Over the model's shorter spans too; filter_spans below keeps the longer one.
    length = {i: len(e) for e in ents for i in range(e.start, e.end)}
    found += [
        (start, end, label)
        for start, end, label in _eu_institution_spans(words)
        if all(length.get(i, 0) < end - start for i in range(start, end))
    ]
    rules = [Span(doc, start, end, label=label) for start, end, label in found]
    final = _drop_noun_entities(
        doc, _join_persons(doc, filter_spans(ents + rules) if rules else ents), words, people
    )
    if len(final) != len(doc.ents) or any(
        (a.start, a.end, a.label_) != (b.start, b.end, b.label_)
        for a, b in zip(final, doc.ents, strict=True)
    ):
        doc.ents = final
    return doc


@Language.component("reader_ner_rules")
def ner_rules(doc: Doc) -> Doc:
    """Pipeline component: see ``add_rule_entities``."""
    return add_rule_entities(doc)
