"""A second opinion after the statistical taggers: rule entities and mended spans.

The trained taggers know only the names of their training data. These rules add what German
news spells out around a name where they found nothing, and mend a few of their spans. Each
is asked for by its id (``reader.rulebook``) and documented in ``reader/data/rules/ner.toml``;
those that added nothing on the splits they were not written on were taken out
(``docs/rule-ablation.md``):

* German country names (pycountry) -> LOC (``Deutschland``, ``Vereinigte Staaten``);
* a known place that no other name word touches -> LOC (``in Uelzen``, ``Afrikas``);
* a sports club's abbreviation and the name after it -> ORG (``1. FC Köln``);
* the institutions of the European Union -> ORG (``das Europäische Parlament``);
* a person span is widened over the surname after a trailing first name (``[Sabine] von
  Krosigk``), over name particles and the surname after them (``[Ursula] von der Leyen``,
  ``[Alexander Van] der Bellen``) and over an Arabic surname (``[Abu Musab] al-Zarqawi``);
* person spans are joined where a one-word person touches another or only initials stand
  between them (``[Joseph] S. [Blatter]``);
* the model's one-word PER spans that are German common nouns and no known name are dropped
  (``[Schulmedizin]``), unless a longer person span or an age in brackets vouches for them;
  a one-word "person" that only the place lists know (``[Amerika]``) is a place; a one-word
  place or person that is a name-and-noun compound (``[Budapest-Treffen]``) is dropped.

``reader.pipes.add_reader_components`` adds the ``reader_ner_rules`` component after the last
entity tagger.
"""

from __future__ import annotations

import re
from collections.abc import Container
from functools import cache, lru_cache, partial

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from reader import lexicons
from reader.lexicons import ARABIC_PARTICLES, OPENING_PARTICLES
from reader.passage import token_texts
from reader.rulebook import rule

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
        if end > start and not particle and rule("ner.particle-surname"):
            after = _particles_end(words, end, taken)
            if after > end:
                return after + 1  # "Ursula von der Leyen", "Alexander Van der Bellen"
        if not (_first_name(word) or (end > start and (particle or _surname_like(word)))):
            break
        end += 1
    return end


# Particles written with a capital inside a name ("Alexander Van der Bellen", "Amine El
# Khalifi"): a particle only after a first name, since most are given names too.
CAPITAL_PARTICLES = lexicons.words(
    "Van Von De Da Di Del Della Du Dos La Le El Al Bin Ibn Ben Ter Ten"
)
# The most particles one name has in a row ("Maria de los Ángeles", "van der").
_MAX_PARTICLES = 3


_ARABIC_NAME = re.compile(r"(?:al|el|as|ad|ar|az|at|an|asch|ash)-[A-ZÄÖÜ]\w+$")


def _particles_end(words: list[str], i: int, taken: Container[int]) -> int:
    """Where the surname after a run of particles that starts at ``i`` stands (``von der
    Leyen``, ``Van der Bellen``, ``de la Cruz``), or ``i`` if none: the surname is capitalised,
    no role, and no frequent word (``von der Bank`` is where someone works)."""
    if words[i] not in OPENING_PARTICLES:
        return i
    k = i
    while (
        k < len(words)
        and k - i < _MAX_PARTICLES
        and k not in taken
        and (words[k] in lexicons.NAME_PARTICLES or words[k] in CAPITAL_PARTICLES)
    ):
        k += 1
    if k == i or k >= len(words) or k in taken:
        return i
    surname = words[k]
    # After "bin", "ibn", "al" a frequent word is a name too ("Osama bin Laden").
    arabic = words[k - 1].lower() in ARABIC_PARTICLES
    if (
        not _capitalised(surname.split("-")[-1])
        or _role_or_title(surname)
        or (lexicons.is_frequent_word(surname, 4.5, languages=("de",)) and not arabic)
        or lexicons.is_place(surname)
        # "von der Humanistischen Union", "von der Civic Party": a name of something else.
        or (k + 1 < len(words) and words[k + 1][:1].isupper())
    ):
        return i
    return k


@cache
def _name_lengths(names: frozenset[str]) -> dict[str, frozenset[int]]:
    """For the names of several words, their first word and how many words they have: a
    longer name is looked up only where its first word stands."""
    lengths: dict[str, set[int]] = {}
    for name in names:
        parts = name.split(" ")
        if len(parts) > 1:
            lengths.setdefault(parts[0], set()).add(len(parts))
    return {first: frozenset(counts) for first, counts in lengths.items()}


def _country_spans(words: list[str], taken: set[int]) -> list[Found]:
    countries = lexicons.countries_de()
    longer = _name_lengths(countries)
    spans: list[Found] = []
    i = 0
    while i < len(words):
        if i in taken or not words[i][:1].isupper():
            i += 1
            continue
        lengths = longer.get(words[i], frozenset())
        for n in range(min(MAX_COUNTRY_TOKENS, len(words) - i), 0, -1):
            # A country's name ends in a capitalised word ("Bosnien und Herzegowina").
            if (n > 1 and (n not in lengths or not words[i + n - 1][:1].isupper())) or any(
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


def _place_spans(words: list[str], sent_starts: list[bool], taken: set[int]) -> list[Found]:
    """A known place the model missed -> LOC (``Uelzen``, ``Afrikas``, ``Los Angeles``), when
    no capitalised name word stands right before or after it that could make it part of a
    longer name (``Kunsthalle Basel``, ``Schwäbisch Gmünd``). 85% of what it proposes on
    GermEval train, with no model, is an exact gold span."""
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
        if end:
            spans.append((i, end, "LOC"))
            i = end
        else:
            i += 1
    return spans


def _place_end(words: list[str], i: int, start: bool, taken: set[int]) -> int:
    """The end of the known place that starts at ``i``, or 0."""
    count = len(words)
    lengths = _name_lengths(lexicons.places()).get(words[i], frozenset())
    for end in range(min(i + MAX_PLACE_TOKENS, count), i + 1, -1):
        if (
            end - i in lengths
            and _capitalised(words[end - 1])
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


class _Outside:
    """The tokens of ``taken`` outside one span, without copying the set for every span."""

    def __init__(self, taken: set[int], start: int, end: int) -> None:
        self.taken, self.start, self.end = taken, start, end

    def __contains__(self, i: object) -> bool:
        return i in self.taken and not (isinstance(i, int) and self.start <= i < self.end)


def _widen_persons(doc: Doc, words: list[str]) -> list[Span]:
    """Widen PER spans over the surname after a trailing first name (``[Sabine] von
    Krosigk``), the particles and surname after them (``[Alexander Van] der Bellen``) and an
    Arabic surname (``[Abu Musab] al-Zarqawi``)."""
    ents = list(doc.ents)
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    widened: list[Span] = []
    changed = False
    for ent in ents:
        start, end = ent.start, ent.end
        if ent.label_ == "PER":
            if _first_name(words[end - 1]) and rule("ner.widen-surname"):
                name_end = _name_end(words, end - 1, _Outside(taken, ent.start, ent.end))
                if name_end > end and _surname_like(words[name_end - 1]):
                    end = name_end
            if (
                end < len(words)
                and end not in taken
                and _ARABIC_NAME.match(words[end])
                and rule("ner.particle-surname")
            ):
                end += 1  # "[Abu Musab] al-Zarqawi"
            if (
                len(ent) > 1
                and words[end - 1] in CAPITAL_PARTICLES
                and rule("ner.particle-surname")
            ):
                # "[Alexander Van] der Bellen": the model stopped at the particle.
                surname = _particles_end(words, end - 1, _Outside(taken, ent.start, ent.end))
                end = max(end, surname + 1) if surname > end - 1 else end
        if (start, end) != (ent.start, ent.end):
            changed = True
            ent = Span(doc, start, end, label=ent.label_)
        widened.append(ent)
    # A widened person takes the place of what the model found inside it ("[Brien]").
    return filter_spans(widened) if changed else widened


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def _join_persons(doc: Doc, ents: list[Span]) -> list[Span]:
    """One PER span where a one-word person span touches another (``[Snyder] [Rini]``) or
    only initials stand between them (``[Joseph] S. [Blatter]``)."""
    joined: list[Span] = []
    for ent in sorted(ents, key=lambda e: e.start):
        last = joined[-1] if joined else None
        if last is None or last.label_ != "PER" or doc[last.end - 1].whitespace_ != " ":
            joined.append(ent)
            continue
        gap = last.end
        while gap < ent.start and _is_initial(doc[gap].text):
            gap += 1
        # Two full names side by side are two people ("Jakob Meyer Hans Holbein").
        person = ent.label_ == "PER" and min(len(last), len(ent)) == 1 and rule("ner.join-persons")
        if gap == ent.start and person:
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


def _drop_noun_entities(
    doc: Doc, ents: list[Span], words: list[str], people: frozenset[str]
) -> list[Span]:
    """Drop one-word PER spans that are common nouns ("[Schulmedizin]") and one-word PER and
    LOC spans that are name-and-noun compounds ("[Budapest-Treffen]"), and make one-word PER
    spans that are only place names places ("[Amerika]"), unless something marks them as a
    person (``people``, ``_person_context``: "Minister Lauterbach"). A person stays when the
    document also names them in a longer person span ("Sepp Blatter … Blatter") or gives an
    age."""
    in_names = {t.text for e in ents if e.label_ == "PER" and len(e) > 1 for t in e}
    # Next to another person span it is part of a name ("[Filep] [Karma]").
    edges = {i for e in ents if e.label_ == "PER" for i in (e.start - 1, e.end)}
    kept = []
    for ent in ents:
        word = ent.text
        if (
            ent.label_ == "PER"
            and len(ent) == 1
            and word not in in_names
            and ent.start not in edges
            and not (
                ent.end + 1 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 1].like_num
            )
            and _common_noun_only(word)
            and rule("ner.drop-common-noun-person")
        ):
            continue
        if (
            ent.label_ in ("LOC", "PER")
            and len(ent) == 1
            and _name_part_compound(word)
            and rule("ner.drop-name-compound")
        ):
            continue  # "[Budapest-Treffen]": GermEval's "part" names, no entity of their own
        if (
            ent.label_ == "PER"
            and len(ent) == 1
            and word not in in_names
            and ent.start not in edges
            and not _person_context(words, ent.start, ent.end)
            and word not in people
            and _toponym_only(word)
            and rule("ner.toponym-place")
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


def add_rule_entities(doc: Doc) -> Doc:
    """Add rule entities where the model found none; the model's own entities stay, except
    one-word "people" that are common nouns."""
    words = token_texts(doc)
    sent_starts = (doc.to_array(SENT_START) == 1).tolist()
    if sent_starts:
        sent_starts[0] = True
    ents = _widen_persons(doc, words)
    people = _document_people(words, ents)
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    found: list[Found] = []
    # The rules that add spans, in order: each adds only over tokens none before it took
    # (``taken`` grows in place).
    for on, spans in (
        (rule("ner.country"), partial(_country_spans, words, taken)),
        (rule("ner.club"), partial(_club_spans, words, taken)),
        (rule("ner.place"), partial(_place_spans, words, sent_starts, taken)),
    ):
        if on:
            added = spans()
            found += added
            taken |= {i for start, end, _ in added for i in range(start, end)}
    # Over the model's shorter spans too; filter_spans below keeps the longer one.
    length = {i: len(e) for e in ents for i in range(e.start, e.end)}
    found += [
        (start, end, label)
        for start, end, label in (
            _eu_institution_spans(words) if rule("ner.eu-institution") else ()
        )
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
