"""From NER mentions to entities: one row per real referent in an article.

``resolve_entities`` reads the taggers' spans (``doc.ents`` of every passage) and applies the
regularities of news writing on top of them. Every rule is about how German news names
people, not about particular names; each is asked for by its id (``reader.rulebook``) and
documented with examples in ``reader/data/rules/entities.toml``, and those that added nothing
on the splits they were not written on were taken out (``docs/rule-ablation.md``):

* Spans are cleaned: leading articles, titles (``Dr.``, ``Papst``, ``Sayyid``), role words
  (``US-Präsident``, ``Kremlsprecher``) and places (``Spaniens``), trailing punctuation and
  ages (``(79)``) are not part of a name; a span is split at a sentence end or a list, and a
  name glued to an organisation (``New York Times Joel Harding``) is cut off it. A name ends
  before a lower-case word or an article inside the span (``Kaká [für Mailand]``); a noun
  ends it unless it is the surname (``Thomas Koch``, ``Henning von Storch``).
* The taggers' person spans are completed: a first name left out before a surname
  (``Felipe [Calderón]``), a surname and its particles after a first name (``[Sascha]
  Kempf``, ``[Ursula] von der Leyen``).
* Evidence that a name is a person: an age in parentheses, a role word or title before it, a
  role apposition after it, a known first name, a verb of saying next to it (not for a
  capital city), the employer after it (``vom Analysehaus X``); a name after ``die Regierung``
  or ``die Ära`` is the person who leads it.
* One label per name and article: strong person evidence wins, then the majority; known
  places are places unless the article marks them as people; ``X AG`` makes a lone ``X``
  the company. Firms, banks, media and parties named like people are organisations when the
  article writes a legal form, a firm's noun or a firm's compound with the name.
* Names of things are not people: after a noun for an organisation or a place, with an
  organisation or place word, alone in quotation marks or numbered, English phrases, one-word
  brands the article also writes as a firm.
* Person mentions are grouped by name: ``Donald Trump``, ``Trump``, ``Trumps`` are one person,
  ``Willy Bogner`` and ``Christian Bogner`` two; spellings with or without accents, a name
  and its longer form, a slip in a name, a part of a double surname and the surname with its
  particles (``de Maizière``) are one person. A bare surname goes to the one person with
  it, to the article's main person when one dominates, else to the one mentioned last.
  Untagged occurrences of a person's name are found by
  string search.
* ``der US-Präsident`` is a mention of the one person the article gave that role; ``der
  Präsident`` only of the person mentioned last, if that person has a role with that head.
* What remains a "person" only because the model said so is dropped when it looks like junk:
  lower-case words, numbers, words of ordinary German or English, single words that no
  evidence supports and that are not known names.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

from reader import lexicons
from reader.lexicons import ARABIC_PARTICLES, OPENING_PARTICLES
from reader.model import Entity, EntityLabel, Mention
from reader.passage import token_texts
from reader.rulebook import rule

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from reader.article import Article
    from reader.passage import Passage

# The model's label set may use GermEval's OTH for MISC.
_LABEL_MAP: dict[str, EntityLabel] = {
    "PER": "PER",
    "LOC": "LOC",
    "ORG": "ORG",
    "MISC": "MISC",
    "OTH": "MISC",
}
# Nouns up to this frequency (wordfreq Zipf) can be surnames after a first name ("Koch" 4.5).
_NOUN_SURNAME_ZIPF = 5.0
# Words this frequent are function words or the commonest nouns ("Zeit"), never surnames.
_FUNCTION_ZIPF = 5.9
_PAIR = re.compile(r"(\S+)\s+(\S+)")
_ABSTRACT_SUFFIXES = lexicons.ABSTRACT_SUFFIXES
_GLUED_DIGIT = re.compile(r"(?<=[^\W\d_])\d")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|as|ad|ar|az|at|an|asch|ash|abu|ibn|bin|ben)-[A-ZÄÖÜ]")
_FINAL_INITIAL = re.compile(r"\s[A-ZÄÖÜ]\.$")
_REGNAL = lexicons.REGNAL
_INITIALS = re.compile(r"^(?:[A-ZÄÖÜ]\.){1,3}$")
_AGE = re.compile(r"\(\s*(\d{1,3})\s*(?:[,;)]|J\.|Jahre\b)")
_TRAILING_PUNCT = ".,;:!?«»„“”\"'‹›()[]{}–—-/"
# Tokens that close a name in a span but are not part of it.
_APOSTROPHES = lexicons.APOSTROPHES
# Words that look like names at the start of a sentence but are not (a closed class).
_SENTENCE_WORDS = lexicons.words(
    "Aber Als Am Auch Auf Aus Bei Bis Da Dabei Damit Dann Daher Darum Das Dass Dem Den Der "
    "Des Die Dies Diese Dieser Dieses Doch Dort Du Durch Ein Eine Er Es Für Gegen Heute Hier "
    "Ich Ihr Im In Inzwischen Ja Jetzt Kein Laut Man Mit Nach Nein Neben Nicht Noch Nun Ob "
    "Oder Ohne Seit Sie So Sobald Sogar Trotz Um Und Unter Vom Von Vor Während Was Weil Wenn "
    "Wer Wie Wir Wo Zu Zum Zur Zwar Zwischen Über"
)
# Verbs of saying next to a name mark it as a person's ("sagte Merkel", "Merkel erklärte").
_SPEECH_VERBS = lexicons.words(
    "sagte sagt sagten erklärte erklärt betonte betont meinte meint kritisierte kritisiert "
    "warnte warnt forderte fordert bestätigte bestätigt kündigte erklärten sprach spricht "
    "schrieb schreibt antwortete antwortet fügte ergänzte ergänzt räumte sagten teilte "
    "berichtete berichtet wies verwies zitierte"
)
# A government, an era or an office named after the person who leads it: "die Regierung
# Orbán", "das Kabinett Merkel", "die Ära Kohl".
_GOVERNMENT_NOUNS = lexicons.words(
    "Regierung Regierungen Kabinett Kabinetts Administration Ära Regime Regimes Amtszeit "
    "Präsidentschaft Kanzlerschaft Junta"
)
# Religious and honorific titles written before a name, and not part of it: "Sayyid Ali
# Hosseini Khamenei", "Shahid Soleimani" (a martyr). Also given names ("Shahid Afridi"):
# left out only before a name of two words or a surname the article gives someone else.
_HONORIFICS = lexicons.words(
    "Sayyid Sayyed Sayed Seyed Seyyed Sajjid Sejjid Shahid Schahid Sheikh Scheikh Shaikh "
    "Hadsch Hadschi Haji Hajji Hodschatoleslam Hojatoleslam Maulana Mawlana Mufti Sri Swami"
)

# Markers that make a span an organisation or a thing, not a person.
_ORG_MARKERS = lexicons.words(
    "AG GmbH KG SE Inc Inc. Ltd Ltd. Corp Corp. Co Co. Stiftung Institut Universität "
    "Partei Verlag Bank Gruppe Group Holding Verein Verband Club Klub Zeitung Times Post "
    "News Hospital Krankenhaus Kommission Gericht Ministerium Akademie Hochschule Werft "
    "Reederei Werke Museum Theater Orchester Kollektiv "
    # English names of organisations, media, products and events.
    "University College School Institute Foundation Association Council Authority Agency "
    "Union Company Corporation Bros Bros. Airlines Airways Line Lines Motors Racing Studios "
    "Records Express Tribune Journal Magazine Act Contest Festival Party Army"
)
# Nouns (and compound heads) that introduce the name of an organisation or brand.
_ORG_NOUNS = (
    "firma",
    "firmen",
    "unternehmen",
    "konzern",
    "konzerns",
    "konzerne",
    "hersteller",
    "herstellers",
    "marke",
    "verein",
    "vereins",
    "partei",
    "zeitung",
    "sender",
    "senders",
    "gruppe",
    "verlag",
    "verlags",
    "fluggesellschaft",
    "airline",
    "agentur",
    "kette",
    "organisation",
    "organisationen",
    "zeitschrift",
    "magazin",
    "reederei",
    "sonde",
    "sonden",
    "satellit",
    "schiff",
    "frachter",
    "tanker",
    "hubschrauber",
    "helikopter",
    "stiftung",
    "mannschaft",
    "wohnheim",
    "werft",
)
# Nouns (and compound heads) that introduce the name of a place ("der Stadt Harf Sufyan").
_PLACE_NOUNS = (
    "stadt",
    "dorf",
    "dorfes",
    "gemeinde",
    "provinz",
    "region",
    "bezirk",
    "bezirks",
    "distrikt",
    "insel",
    "ortschaft",
    "metropole",
    "gouvernement",
    "bundesstaat",
    "bundesstaates",
)
# French and other place names with lower-case parts inside a word: "La Roche-sur-Yon".
_PLACE_HYPHEN = re.compile(r"-(?:sur|sous|lès|les|en|le|la|de|du|am|an|im|ob)-")
# Words that make a span a place ("Camden Road", "Tahrir Square").
_PLACE_MARKERS = lexicons.words(
    "Road Street Avenue Lane Square Market Park Bridge Canal Station Airport Hotel Plaza "
    "Center Centre Hall Overground Underground Strasse Straße Platz Allee Weg Gasse Brücke "
    "Bahnhof Flughafen City River Valley Regency County Province Island Islands Mountains"
)
# First words of place names ("San Antonio", "Pulau Laki", "Bad Homburg").
_PLACE_PREFIXES = lexicons.words("San Santa Santo São Saint Sankt St. Pulau Puerto Porto Fort Bad")
_LEGAL_FORMS = lexicons.words("AG GmbH KG KGaA SE Inc Inc. Ltd Ltd. Corp Corp. plc SA S.A. NV")


@dataclass(slots=True)
class _Raw:
    """One cleaned mention: where the name stands and what the article says next to it."""

    start: int
    end: int
    label: EntityLabel
    tokens: list[str]
    sent_start: bool = False
    role: str | None = None
    age: str | None = None
    # Evidence that this is a person, beyond the model's say-so (age, role, first name).
    strong: bool = False
    # Found by string search, not by the model.
    untagged: bool = False
    # A noun follows the name: "Kiplings Dschungelbuch" is a genitive.
    before_noun: bool = False
    # A common noun stands right before the name: "die Wahl Joseph Ratzingers" is a genitive.
    after_noun: bool = False
    # One of a list of people the model found: "Inzaghi, Schewtschenko und Kaká".
    listed: bool = False
    # Named like a thing: alone in quotation marks ("„Colombo Express“") or before a number
    # ("Apollo 11").
    thing: bool = False
    # Right after a noun for a government or an era: "die Regierung Orbán".
    governs: bool = False

    @property
    def key(self) -> str:
        return " ".join(self.tokens)


@dataclass(frozen=True, slots=True)
class _Source:
    """A passage's offset in the article and its text, read once: ``Doc.text`` joins all
    tokens again on every access, which made long passages quadratic."""

    offset: int
    text: str


@dataclass(slots=True)
class _Person:
    tokens: list[str]
    mentions: list[_Raw] = field(default_factory=list)
    role_mentions: list[Mention] = field(default_factory=list)
    # A role only a later "der US-Präsident" gives, when no mention names one.
    referred_role: str | None = None

    @property
    def surname(self) -> str:
        return self.tokens[-1]


def resolve_entities(article: Article, passages: Sequence[Passage]) -> list[Entity]:
    """Turn the NER mentions of all passages into entities, ids in order of first mention."""
    text = article.text
    raws = [raw for passage in passages for raw in _passage_mentions(passage)]
    raws = _drop_overlaps(raws)
    if rule("people.genitive-split"):
        raws = _split_at_person_genitives(raws, text)
    _fix_genitives(raws, text)
    if rule("people.surname-pair"):
        raws = _split_surname_pairs(raws, text)
    if rule("people.particle-before-surname"):
        _widen_to_particles(raws, text)
    _consistent_labels(raws, text)
    if rule("people.untagged-forms"):
        raws.extend(_untagged_mentions(raws, text))
    if rule("people.repeated-subject"):
        raws.extend(_repeated_subjects(raws, text))
    if rule("people.honorific"):
        _honorific_surnames(raws)
    people = _group_people(sorted((r for r in raws if r.label == "PER"), key=_order), text)
    firms: list[_Person] = []
    if rule("people.firm-context"):
        people, firms = _firms_apart(people, raws, text)
    brands = _brands(text)
    people = [
        p for p in people if _is_person(p) and not (rule("people.brand") and _is_brand(p, brands))
    ]
    if rule("people.role-reference"):
        _role_references(people, text, [(r.start, r.end) for r in raws])
    if rule("people.first-role-reference"):
        _first_role_reference(people, text, [(r.start, r.end) for r in raws])
    firm_mentions = [replace(m, label="ORG") for firm in firms for m in firm.mentions]
    others = _group_others([r for r in raws if r.label != "PER"] + firm_mentions, people)
    return _to_entities(people, others, text)


# --- mentions -----------------------------------------------------------------------------


def _order(raw: _Raw) -> tuple[int, int]:
    return raw.start, raw.end


def _passage_mentions(passage: Passage) -> Iterable[_Raw]:
    source = _Source(passage.start, passage.text)
    for whole in passage.doc.ents:
        label = _LABEL_MAP.get(whole.label_)
        if label is None:
            continue
        for ent in _pieces(whole):
            yield from _ent_mentions(ent, label, source)
    yield from _government_mentions(passage.doc, source)
    yield from _demonym_mentions(passage.doc, source)


def _pieces(ent: Span) -> list[Span]:
    """Split a span at a sentence end or a list ("Fei Di. Nie Haisheng", "X und Y")."""
    pieces = []
    start = ent.start
    if not rule("people.split-at-list"):
        return [ent]
    for token in ent:
        word = token.text
        ends_sentence = word.endswith(".") and len(word) > 2 and word not in lexicons.TITLES
        if word in (",", ";", "und", "and", "sowie", "/") or ends_sentence:
            end = token.i + 1 if ends_sentence else token.i
            if end > start:
                pieces.append(ent.doc[start:end])
            start = token.i + 1
    if start < ent.end:
        pieces.append(ent.doc[start : ent.end])
    return pieces


def _ent_mentions(ent: Span, label: EntityLabel, source: _Source) -> Iterable[_Raw]:
    """The cleaned mention(s) of one model span."""
    if label != "PER" and len(ent) > 1 and rule("people.name-after-org"):
        split = _split_person(ent, label, source)
        if split:
            yield from split
            return
    raw = _clean(ent, label, source)
    if raw is not None:
        yield raw


def _is_sent_start(token: Token) -> bool:
    if token.i == 0 or token.is_sent_start:
        return True
    # After an opening quote or a colon a new clause starts with a capital too.
    previous = token.doc[token.i - 1]
    return previous.text in ("«", "„", '"', "»", ":", "“") and (
        previous.i == 0 or bool(previous.is_sent_start)
    )


def _looks_like_name(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _clean(ent: Span, label: EntityLabel, source: _Source) -> _Raw | None:
    """Strip articles, titles, roles, ages and punctuation off a span; None if nothing is left."""
    doc = ent.doc
    tokens = list(ent)
    role: str | None = None
    # Everything up to the last role word is not the name ("Australiens Außenminister X").
    for i in range(len(tokens) - 2, -1, -1) if rule("people.role-in-span") else ():
        word = tokens[i].text
        if lexicons.is_role_word(word) and not lexicons.is_given_name(word):
            following = tokens[i + 1].text
            if following[:1].isupper() or (
                following in OPENING_PARTICLES
                and len(tokens) - i <= 4
                and all(t.text in lexicons.NAME_PARTICLES for t in tokens[i + 1 : -1])
                and tokens[-1].text[:1].isupper()
                and rule("people.particle-surname")
            ):  # "Innenminister de Maizière"
                role = word
                tokens = tokens[i + 1 :]
            break
    # Leading articles, lower-case words, titles and common nouns are not part of the name.
    titled = False
    while tokens:
        word = tokens[0].text
        titled = titled or (word in lexicons.TITLES and len(tokens) > 1)
        rest_is_name = len(tokens) > 1 and tokens[1].text[:1].isupper()
        if (
            word in lexicons.ARTICLES
            or (word in lexicons.TITLES and len(tokens) > 1)
            or (word in _HONORIFICS and len(tokens) > 2 and rule("people.honorific"))
            or (word[:1].islower() and word not in lexicons.NAME_PARTICLES)
            or (
                rest_is_name
                and label == "PER"
                and rule("people.leading-place")
                and _is_leading_place(word, tokens[1].text)
            )
        ):
            tokens.pop(0)
        else:
            break
    if (
        tokens
        and (label == "PER" or lexicons.is_first_name(tokens[0].text))
        and rule("people.cut-at-lower")
    ):
        # Also "[Yolanda Alvarez vom Sender RTVE]" (MISC): a first name, then a phrase.
        tokens = _cut_at_lower(tokens)
    # Trailing brackets, ages, punctuation and lower-case words ("sagte") are not either.
    while tokens and (
        not tokens[-1].text[:1].isalpha()
        or (
            tokens[-1].text[:1].islower()
            and tokens[-1].text not in lexicons.NAME_PARTICLES
            and not _ARABIC_ARTICLE.match(tokens[-1].text)
        )
    ):
        tokens.pop()
    while tokens and tokens[-1].text in lexicons.NAME_PARTICLES:
        tokens.pop()
    # A noun after the name is not part of it ("Steinbrück Positives"); a role noun after a
    # genitive names someone else ("Milinkewitschs Pressesprecher").
    while (
        label == "PER"
        and len(tokens) > 1
        and rule("people.trailing-noun")
        and _is_trailing_noun(tokens[-1].text)
        and not _noun_surname(tokens)
    ):
        tokens.pop()
    # "Rosmarie Will von der [Humanistischen Union]": a particle left without its name.
    while tokens and tokens[-1].text in lexicons.NAME_PARTICLES:
        tokens.pop()
    if not tokens:
        return None
    # The model often leaves out a first name ("Felipe [Calderón]", "Nie [Haisheng]").
    before = doc[tokens[0].i - 1].text if tokens[0].i > 0 else ""
    introduced = before in lexicons.TITLES or (
        lexicons.is_role_word(before) and not lexicons.is_given_name(before)
    )
    if label == "PER" or role is not None or titled or introduced:
        while (
            tokens[0].i > 0
            and rule("people.first-name-before")
            and _extends_name(doc[tokens[0].i - 1], tokens[0].text)
        ):
            tokens.insert(0, doc[tokens[0].i - 1])
        # ... or the surname(s) after it ("[Sascha] Kempf", "[Karl-Theodor] zu Guttenberg",
        # "[José Luis] Rodríguez Zapatero").
        added = 0
        while (
            tokens[-1].i + 1 < len(doc)
            and (lexicons.is_given_name(tokens[-1].text) or 0 < added < 2)
            and rule("people.surname-after")
        ):
            after = tokens[-1].i + 1
            word = doc[after].text
            if (
                _surname_like(doc[after], after_first_name=True)
                and not (added and lexicons.is_place(word))
                # A noun is a surname right after a lone first name only: "Ted Stevens
                # [Amtszeit]" is not "Thomas Koch".
                and not (len(tokens) > 1 and _is_noun_word(word))
            ):
                tokens.append(doc[after])
                added += 1
            elif (
                word in lexicons.NAME_PARTICLES
                and word not in _ARTICLE_PARTICLES
                and after + 1 < len(doc)
                and _surname_like(doc[after + 1], in_ent=True)
            ):
                tokens.extend([doc[after], doc[after + 1]])
            elif (
                word in lexicons.NAME_PARTICLES
                and rule("people.particle-surname")
                and (surname_at := _particle_run(doc, after)) is not None
            ):
                tokens.extend(doc[after : surname_at + 1])  # "[Ursula] von der Leyen"
            else:
                break
        if (
            label == "PER"
            and len(tokens) == 1
            and tokens[0].i + 1 < len(doc)
            and rule("people.lone-surname-after")
        ):
            surname = _lone_surname_after(doc, tokens[0])
            if surname is not None:
                tokens.append(surname)
    if (
        label == "PER"
        and len(tokens) == 1
        and tokens[0].i + 2 < len(doc)
        and _surname_like(doc[tokens[0].i + 1])
        and not _is_noun_word(doc[tokens[0].i + 1].text)
        and _employer_at(doc, tokens[0].i + 2)
        and rule("people.employer-phrase")
    ):
        tokens.append(doc[tokens[0].i + 1])  # "[Xiaoqing] Pi von der Bank …"
    return _raw_from_tokens(tokens, label, source, role, titled)


# Heads of nouns for where analysts and spokespeople work, besides organisations' nouns:
# "vom Analysehaus", "vom Vermögensverwalter", "beim Brokerhaus".
_EMPLOYER_HEADS = ("haus", "verwalter", "broker", "fonds", "institut", "bank", "kanzlei")


def _employer_at(doc: Doc, i: int) -> bool:
    """Token ``i`` opens where someone works: ``vom Analysehaus X``, ``von der Bank Y``,
    ``bei Bloomberg Intelligence``, ``von der UBS`` (an organisation the taggers found)."""
    if i >= len(doc) or doc[i].text not in ("vom", "von", "bei", "beim"):
        return False
    j = i + 1
    if j < len(doc) and doc[j].text in ("der", "dem", "den"):
        j += 1
    if j >= len(doc) or not doc[j].text[:1].isupper():
        return False
    word = doc[j].text
    return (
        doc[j].ent_type_ == "ORG"
        or word.lower().endswith(_EMPLOYER_HEADS)
        or (_institution_noun(word) and not lexicons.is_role_word(word))
    )


def _lone_surname_after(doc: Doc, token: Token) -> Token | None:
    """``sagte [Edmon] Chung,``: the untagged surname after a one-word person span whose
    word no list knows as a first name; the name ends right after it."""
    after = doc[token.i + 1]
    end = token.i + 2
    if (
        lexicons.is_common_noun(token.text)
        or not _surname_like(after)
        or _is_noun_word(after.text)
        or lexicons.is_place(after.text)
        or _is_english_word(after.text)
        or (end < len(doc) and doc[end].text[:1].isupper())
    ):
        return None
    return after


def _particle_run(doc: Doc, i: int) -> int | None:
    """Where the surname after the name particles from token ``i`` on stands (``von der
    Leyen``, ``van den Berg``), or None: two particles at most, then a capitalised word that
    is no institution (``von der Bank``) and no place."""
    if doc[i].text not in OPENING_PARTICLES:
        return None
    k = i
    while k < len(doc) and k - i < 2 and doc[k].text in lexicons.NAME_PARTICLES:
        k += 1
    if k == i or k >= len(doc):
        return None
    word = doc[k].text
    arabic = doc[k - 1].text.lower() in ARABIC_PARTICLES  # "Osama bin Laden"
    if not _surname_word(word, after_first_name=True) and not (arabic and word[:1].isupper()):
        return None
    if _institution_noun(word) and not arabic:
        return None
    if k + 1 < len(doc) and doc[k + 1].text[:1].isupper():
        return None  # "von der Humanistischen Union": the name of something else
    return None if lexicons.is_place(word) else k


# Particles that are also German articles: inside a name only after another particle
# ("Ursula von der Leyen"), else they start a noun phrase ("Oliver das Licht der Welt").
_ARTICLE_PARTICLES = lexicons.words("der den das dem des die")


def _cut_at_lower(tokens: list[Token]) -> list[Token]:
    """A person's name ends before a lower-case word inside the span that is no name particle
    (``Kaká [für Mailand]``) or before an article that follows no particle (``Oliver [das
    Licht]``)."""
    for i in range(1, len(tokens)):
        word = tokens[i].text
        if not word[:1].islower() or _ARABIC_ARTICLE.match(word):
            continue
        before = tokens[i - 1].text
        # "Alexander Van der Bellen": a particle written with a capital is one too.
        particle_before = before in lexicons.NAME_PARTICLES or (
            before.lower() in lexicons.NAME_PARTICLES and rule("people.particle-surname")
        )
        if word not in lexicons.NAME_PARTICLES or (
            word in _ARTICLE_PARTICLES and not particle_before
        ):
            return tokens[:i]
    return tokens


def _institution_noun(word: str) -> bool:
    """A noun for an institution or a frequent noun: after ``von`` it says where someone is
    from, not who (``vom Sender``, ``von der Polizei``; but ``von Storch``, ``vom Stein``)."""
    if not word[:1].isupper() or lexicons.is_given_name(word):
        return False
    return (
        word in _ORG_MARKERS
        or word.lower().endswith(_ORG_NOUNS)
        or lexicons.is_role_word(word)
        or (lexicons.is_common_noun(word) and lexicons.zipf(word, "de") >= 4.8)
    )


def _noun_surname(tokens: list[Token]) -> bool:
    """Whether the noun ending a person span is the surname: after a first name (``Thomas
    Steg``, ``Birgit Prinz``, the model's ``Manuel Neuer``), after a particle (``Henning von
    Storch``), or a compound no dictionary lists after a name word (``Michéle Kiesewetter``,
    ``Matthias W. Beckmann``, ``Gerhard Mayer-Vorfelder``)."""
    word, before = tokens[-1].text, tokens[-2].text
    if before in lexicons.NAME_PARTICLES:
        return before not in _ARTICLE_PARTICLES and not lexicons.is_role_word(word)
    given = lexicons.is_given_name(before) or bool(_INITIALS.match(before))
    if given and _surname_word(word, after_first_name=True):
        return True
    if lexicons.is_role_word(word):
        return False
    if given and len(tokens) == 2 and lexicons.zipf(word, "de") < _FUNCTION_ZIPF:
        return True
    if lexicons.is_common_noun(word) or not _surname_word(word) or _nominalised_adjective(word):
        return False
    # Not after a genitive ("Rudyard Kiplings Dschungelbuch") or a noun.
    return given or not (
        before.endswith("s") or _is_noun_word(before) or lexicons.is_role_word(before)
    )


def _split_person(ent: Span, label: EntityLabel, source: _Source) -> list[_Raw] | None:
    """``New York Times Joel Harding``: a name glued to the end of an organisation or place."""
    tokens = list(ent)
    for k in range(1, len(tokens)):
        word = tokens[k].text
        if not (lexicons.is_first_name(word) or _INITIALS.match(word)):
            continue
        if (
            lexicons.is_given_name(tokens[k - 1].text)
            or tokens[k - 1].text in lexicons.CLUB_PREFIXES
        ):
            continue  # "Jan Peter Müller", "FC Carl Zeiss Jena" (a club named after a person)
        if k >= 2 and _introduces_name(tokens[k - 2].text) and _surname_word(tokens[k - 1].text):
            continue  # "Brigade-General Taur Matan Ruak": the name starts after the role
        tail = tokens[k + 1 :]
        # "[Russischen Föderation Sergei] Lawrow": the surname may lie outside the span.
        doc = ent.doc
        after = ent.end
        while (
            after < len(doc)
            and after - ent.end < 2
            and _surname_like(doc[after], after_first_name=True)
        ):
            tail.append(doc[after])
            after += 1
        if _has_org_marker([t.text for t in tail]) or lexicons.is_place(ent[: k + 1].text):
            continue
        if 1 <= len(tail) <= 2 and all(
            _surname_like(t, in_ent=True, after_first_name=True) for t in tail
        ):
            head = _clean(ent[:k], label, source)
            person = _raw_from_tokens([tokens[k], *tail], "PER", source, None)
            if person is None:
                return None
            person.strong = True
            return [r for r in (head, person) if r is not None]
    return None


def _extends_name(token: Token, following: str) -> bool:
    """Whether ``token`` right before a person's name (starting with ``following``) is part
    of it: a first name or, before a surname, a name word the model left out."""
    word = token.text
    if _INITIALS.match(word):
        return True
    if token.ent_type_ or not word[:1].isupper() or (not word[1:].isalpha() and "-" not in word):
        return False
    if word in _SENTENCE_WORDS or word in lexicons.TITLES or lexicons.is_role_word(word):
        return False
    if lexicons.is_place(word) and not lexicons.is_given_name(word):
        return False
    # "Tod Rainers III.": the first name may stand in the genitive.
    before_first_name = lexicons.is_first_name(following) or (
        following.endswith("s") and lexicons.is_first_name(following[:-1])
    )
    if before_first_name and (
        _place_adjective(word) or (token.i > 0 and token.doc[token.i - 1].text in lexicons.ARTICLES)
    ):
        return False  # "der Gladbacher Marco Reus", "dem Oltner Peter Gomm": no name word
    if _is_sent_start(token) and lexicons.is_frequent_word(word, 3.0, languages=("de",)):
        return False  # "Galt Josef Ratzinger ...": a verb that opens the sentence
    if (
        before_first_name
        and not lexicons.is_first_name(word)
        and (
            lexicons.is_common_noun(word) or lexicons.is_frequent_word(word, 3.0, languages=("de",))
        )
    ):
        return False  # "Der Slowake Peter Sagan": a noun before the first name
    if (
        before_first_name
        and not lexicons.is_given_name(word)
        and _is_english_word(word)
        and rule("people.english-word-before")
    ):
        return False  # "Software Architect Tim Berg": an English job title, no name word
    if lexicons.is_given_name(word):
        return True
    if _is_sent_start(token):
        return False
    return not _is_noun_word(word) and not word.isupper()


def _base_role(word: str) -> str:
    """The role as a headword: ``Bundeskanzlers`` -> ``Bundeskanzler``,
    ``Ministerpräsidenten`` -> ``Ministerpräsident``, ``Abgeordneten`` -> ``Abgeordnete``."""
    if word.endswith("s") and not word.endswith("ss") and lexicons.is_role_word(word[:-1]):
        return word[:-1]
    if word.endswith("en") and not word.endswith("innen"):
        if lexicons.is_role_word(word[:-2]) and not word[:-2].endswith("e"):
            return word[:-2]
        if word[:-1].endswith("e") and lexicons.is_role_word(word[:-1]):
            return word[:-1]
    return word


def _raw_from_tokens(
    tokens: list[Token],
    label: EntityLabel,
    source: _Source,
    role: str | None,
    titled: bool = False,
) -> _Raw | None:
    doc = tokens[0].doc
    text = source.text
    first, last = tokens[0], tokens[-1]
    start = source.offset + first.idx
    end = source.offset + last.idx + len(last.text)
    surface = text[first.idx : last.idx + len(last.text)]
    # Names have no digits: wiki markup glued to a name ("Arnold25px") ends it.
    glued = _GLUED_DIGIT.search(surface) if rule("people.glued-digit") else None
    if glued:
        end -= len(surface) - glued.start()
        surface = surface[: glued.start()]
    stripped = surface.rstrip(_TRAILING_PUNCT)
    last_word = surface.rsplit(" ", 1)[-1]
    if _FINAL_INITIAL.search(surface) or (
        " " in surface and last_word.endswith(".") and _REGNAL.fullmatch(last_word)
    ):
        stripped = surface  # "Heidi K.", "Albert II.": the dot belongs to the name
    # Keep the dot of an initial or abbreviation ("C.Y.", "Jr.") only inside a name.
    end -= len(surface) - len(stripped)
    surface = stripped
    if not surface:
        return None
    words = [_strip_apostrophe_s(w) for w in surface.split()]
    regnal = rule("people.regnal-name")
    if (
        regnal
        and len(words) == 2
        and _REGNAL.fullmatch(words[1])
        and words[0].endswith("s")
        and lexicons.is_first_name(words[0][:-1])
    ):
        words[0] = words[0][:-1]  # "vor dem Tod Rainers III.": Rainer III.
    if len(words) > 1 and len(words[-1]) == 1 and words[-1].isupper():
        words[-1] += "."  # "Albert G" is "Albert G." with the dot lost at a sentence end
    elif (
        regnal
        and label == "PER"
        and len(words) == 2
        and lexicons.is_first_name(words[0])
        and _REGNAL.fullmatch(words[-1])
        and not words[-1].endswith(".")
    ):
        words[-1] += "."  # "Papst Benedikt XVI." at a sentence end, the same
    # A role word or title right before the span ("Kremlsprecher Dmitri Peskow").
    if role is not None:
        role = _base_role(role)
    introduced = False  # by an inhabitant's noun, which the model does not read as a role
    if first.i > 0:
        before = doc[first.i - 1].text
        if (
            role is None
            and lexicons.is_role_word(before)
            and not lexicons.is_given_name(before)
            and rule("people.role-before")
        ):
            role = _base_role(before)
        elif (
            role is None
            and lexicons.is_demonym(before)
            and not any(_is_common_word(w) for w in words)  # "Londoner Hard Rock Café"
            and rule("people.demonym-before")
        ):
            role = before  # "die Thailänderin Prapawadee Jaroenrattanatarakoon"
            introduced = True
        elif (
            role is None
            and first.i > 1
            and lexicons.is_place(before)
            and rule("people.role-before-place")
        ):
            # "Ministerpräsident Spaniens José Luis Rodríguez Zapatero".
            earlier = doc[first.i - 2].text
            if lexicons.is_role_word(earlier) and not lexicons.is_given_name(earlier):
                role = _base_role(earlier)
        titled = titled or before in lexicons.TITLES
    if role is None and rule("people.role-apposition"):
        role = _role_apposition(text, last.idx + len(last.text))
    age_match = _AGE.match(text, last.idx + len(last.text) + _spaces(text, last))
    if not rule("people.age"):
        age_match = None
    age = age_match.group(1) if age_match else None
    if age is not None and not 0 < int(age) < 120:
        age = None
    name_shaped = all(_looks_like_name(w) or w in lexicons.NAME_PARTICLES for w in words)
    has_first_name = (
        len(words) > 1
        and (lexicons.is_first_name(words[0]) or bool(_INITIALS.match(words[0])))
        and not lexicons.is_place(surface)
        and (
            any(_surname_word(w, after_first_name=True) for w in words[1:])
            or bool(_REGNAL.fullmatch(words[-1]))  # "Rainier III."
        )
    )
    # An age or a role right next to a name makes it a person, whatever the model said.
    # So does a known first name before one or more capitalised words ("Geert Wilders").
    # ... but not a country or city: "Venezuela (7)" is a ranking, not an age.
    marked = (
        (age is not None or role is not None or titled)
        and not lexicons.is_place(surface)
        and not (len(words) == 1 and _is_common_word(words[0]))
        # "der Vorsitzende Richter", "Oberst Graf": a second role or title, not a name.
        and not (
            len(words) == 1
            and (lexicons.is_role_word(words[0]) or words[0] in lexicons.TITLES)
            and not lexicons.is_given_name(words[0])
        )
    )
    # "Chinmay Bhandari vom Analysehaus Capital Economics": someone introduced by where they
    # work, whatever their name.
    employed = (
        name_shaped
        and 1 < len(words) <= 4
        and not _has_org_marker(words)
        and not lexicons.is_place(surface)
        and not any(
            (_is_noun_word(w) and not lexicons.is_given_name(w)) or w in lexicons.VEHICLE_MAKERS
            for w in words[:-1]
        )
        and rule("people.employer-phrase")
        and _employer_at(doc, last.i + 1)
    )
    if employed:
        label = "PER"
    speaks = rule("people.speech-verb") and _speaks(doc, first.i, last.i)
    # "die Regierung Kovács", tagged a place by the model: a name after a noun for a
    # government that no place list knows is the person who leads it.
    governed = (
        label != "PER"
        and name_shaped
        and len(words) <= 2
        and first.i > 0
        and doc[first.i - 1].text in _GOVERNMENT_NOUNS
        and not lexicons.is_place(surface)
        and not _is_common_word(words[-1])
        and rule("people.government-of")
    )
    if governed or (introduced and name_shaped and len(words) > 1 and marked):
        label = "PER"
    if label == "PER" and (
        (rule("people.org-marker") and _has_org_marker(words))
        or (not marked and rule("people.after-org-noun") and _after_org_noun(doc, first.i))
    ):
        # "die Firmen Conradty Carbon und ...": named after an organisation noun.
        label = "ORG"
    elif label == "PER" and (
        (
            rule("people.place-marker")
            and (
                any(w in _PLACE_MARKERS for w in words[1:])
                or (len(words) > 1 and words[0] in _PLACE_PREFIXES)
                or any(_PLACE_HYPHEN.search(w) for w in words)
            )
        )
        # "der Stadt Harf Sufyan", not "des Bundesstaates Andrew Cuomo" (a first name).
        or (
            not marked
            and not has_first_name
            and rule("people.after-place-noun")
            and _after_org_noun(doc, first.i, _PLACE_NOUNS)
        )
    ):
        label = "LOC"
    # "sagt Khartum": a capital speaks for its government.
    if rule("people.capital-speaks"):
        speaks = speaks and not (
            lexicons.is_place(surface) and not lexicons.is_person_name(surface)
        )
    strong = label == "PER" and (marked or has_first_name or speaks or employed or governed)
    following = doc[last.i + 1].text if last.i + 1 < len(doc) else ""
    if label == "PER" and last.text.endswith("-") and rule("people.compound-half"):
        return None  # "Zeit- und Entgelttarife": half of a compound, not a name
    return _Raw(
        start=start,
        end=end,
        label=label,
        tokens=words,
        sent_start=_is_sent_start(first),
        role=role,
        age=age,
        strong=strong,
        before_noun=(following[:1].isupper() and _is_noun_word(following))
        or following in ("„", "«", "»", '"', "‚"),
        thing=_named_like_thing(text, first.idx, first.idx + len(surface)),
        after_noun=first.i > 0 and _is_genitive_head(doc[first.i - 1].text),
        listed=_in_list_of_people(doc, first.i, last.i),
        governs=first.i > 0 and doc[first.i - 1].text in _GOVERNMENT_NOUNS,
    )


# The closing quotation mark right after the name ("„Colombo Express“"); "„Scholz hat versagt“"
# is a quote about a person.
_QUOTED = re.compile(r"\s*[“”\"«»‘’']")
# A number of one to three digits, no year, date, score or time ("Apollo 11", "Hannover 96").
_NUMBER_AFTER = re.compile(r" \d{1,3}(?![\d.:,/])")


def _named_like_thing(text: str, start: int, end: int) -> bool:
    """``„Colombo Express“``, ``„Christoph 27“``, ``Apollo 11``: a ship, a product or a
    mission, named alone in quotation marks or numbered; people are neither."""
    if start > 0 and text[start - 1] in "„“\"«»‚'" and _QUOTED.match(text, end):
        return True
    return bool(_NUMBER_AFTER.match(text, end))


_OPENING_QUOTES = ("„", "«", "»", '"', "‚", "“", "'", "''")


def _after_org_noun(doc: Doc, i: int, nouns: tuple[str, ...] = _ORG_NOUNS) -> bool:
    """``die Firma Conradty``, ``die Raumsonde Deep Impact``, ``der Frachter „Shen Neng“``:
    a name right after a noun for an organisation or a thing (an opening quote between);
    with ``_PLACE_NOUNS``, for a place (``der Stadt Harf Sufyan``)."""
    if i > 0 and doc[i - 1].text in _OPENING_QUOTES:
        i -= 1
    return i > 0 and doc[i - 1].text.lower().endswith(nouns)


# How nouns of events and acts end, which a genitive name follows ("nach dem Rücktritt Horst
# Köhlers"); nouns for people ("der Brite Adam Yates") are appositions instead.
_EVENT_HEADS = (*_ABSTRACT_SUFFIXES, "wahl", "tritt", "tod", "niederlage", "sieg", "besuch", "rede")


# ", Sprecher der Opposition", ", der neue Gouverneur des Staates": a role after the name.
_ROLE_AFTER = re.compile(
    r",\s+(?:(?:der|die|ein|eine)\s+)?(?:[a-zäöüß]+\s+)?([A-ZÄÖÜ][\w-]*)"
    r"(?=\s*[,.;:]|\s+(?:der|des|von|vom|im|in|für|aus|bei|beim)\b)"
)


def _role_apposition(text: str, end: int) -> str | None:
    """The role in an apposition right after a name: ``Bazoum Mohammed, Sprecher der ...``."""
    match = _ROLE_AFTER.match(text, end)
    if match is None:
        return None
    word = match.group(1)
    if not lexicons.is_role_word(word) or lexicons.is_given_name(word):
        return None
    return _base_role(word)


# Prepositions that open a sentence and can pass for a first name ("Per Dekret ...").
_PREPOSITIONS = lexicons.words(
    "Per Pro Via Laut Dank Trotz Mit Nach Bei Von Für Ohne Gegen Durch Um Ab Seit Aus Zu Vor "
    "Über Unter Neben Zwischen Wegen Statt Gemäß Binnen"
)
_LIST_WORDS = frozenset({",", "und", "sowie", "oder"})


def _in_list_of_people(doc: Doc, first: int, last: int) -> bool:
    """Whether a list word joins the name to a full name (two words or more) that the model
    tagged as a person, on either side."""
    before = (
        first >= 3
        and doc[first - 1].text in _LIST_WORDS
        and doc[first - 2].ent_type_ == "PER"
        and doc[first - 2].ent_iob_ == "I"
    )
    after = (
        last + 3 < len(doc)
        and doc[last + 1].text in _LIST_WORDS
        and doc[last + 2].ent_type_ == "PER"
        and doc[last + 3].ent_iob_ == "I"
    )
    return before or after


def _is_genitive_head(word: str) -> bool:
    """A noun of an event or act that a genitive name follows: ``Wahl``, ``Rücktritt``."""
    return (
        word[:1].isupper()
        and word.lower().endswith(_EVENT_HEADS)
        and not lexicons.is_role_word(word)
        and _is_noun_word(word)
    )


def _speaks(doc: Doc, first: int, last: int) -> bool:
    """``sagte Merkel``, ``so Merkel``, ``Merkel sagte``: the name is a speaker."""
    before = doc[first - 1].text if first > 0 else ""
    after = doc[last + 1].text if last + 1 < len(doc) else ""
    if after == "," and last + 2 < len(doc):
        after = doc[last + 2].text
    # "Fischer sagten": a plural verb has a plural noun for its subject, not a name.
    plural = after.endswith("en")
    return before in _SPEECH_VERBS or before == "so" or (after in _SPEECH_VERBS and not plural)


def _introduces_name(word: str) -> bool:
    """A title or role word: what follows may be a name (``Präsident Putin``)."""
    return word in lexicons.TITLES or (
        lexicons.is_role_word(word) and not lexicons.is_given_name(word)
    )


def _government_mentions(doc: Doc, source: _Source) -> Iterable[_Raw]:
    """Untagged names after a noun for a government or an era: ``die Regierung Orbán``."""
    if not rule("people.government-of"):
        return
    # Every token is looked at: read texts and entity flags once, make Token objects only
    # where a name starts.
    from spacy.attrs import ENT_TYPE

    texts = token_texts(doc)
    tagged = doc.to_array(ENT_TYPE).astype(bool).tolist()
    for i in range(1, len(texts)):
        word = texts[i]
        if tagged[i] or texts[i - 1] not in _GOVERNMENT_NOUNS or not _surname_word(word):
            continue
        # One or two name words after the noun.
        j = i + 1
        while j < len(doc) and j - i < 3 and _surname_like(doc[j]):
            j += 1
        raw = _raw_from_tokens(list(doc[i:j]), "PER", source, None)
        if (
            raw is not None
            and not lexicons.is_place(raw.key)
            and not _is_common_word(word)
            and not _is_english_word(word)
        ):
            raw.strong = True
            yield raw


def _demonym_mentions(doc: Doc, source: _Source) -> Iterable[_Raw]:
    """Untagged names after an inhabitant's noun: ``die Südkoreanerin Yoon Jin-hee``."""
    if not rule("people.demonym-before"):
        return
    from spacy.attrs import ENT_TYPE

    texts = token_texts(doc)
    tagged = doc.to_array(ENT_TYPE).astype(bool).tolist()
    for i in range(1, len(texts) - 1):
        if tagged[i] or tagged[i - 1] or not texts[i - 1][:1].isupper():
            continue
        if not _surname_word(texts[i]) or not lexicons.is_demonym(texts[i - 1]):
            continue
        # Two to three name words: one alone after the noun is as often a noun or a place.
        j = i + 1
        while j < len(doc) and j - i < 3 and not tagged[j] and _surname_like(doc[j]):
            j += 1
        if j - i < 2:
            continue
        raw = _raw_from_tokens(list(doc[i:j]), "PER", source, None)
        if raw is not None and not lexicons.is_place(raw.key) and not _is_common_word(texts[i]):
            raw.strong = True
            yield raw


def _surname_like(token: Token, in_ent: bool = False, after_first_name: bool = False) -> bool:
    """A capitalised word that can be (part of) a surname; tagged words only if ``in_ent``."""
    if token.ent_type_ and not in_ent:
        return False
    return _surname_word(token.text, after_first_name)


def _surname_word(word: str, after_first_name: bool = False) -> bool:
    """A capitalised word that can be (part of) a surname: not a noun, role or function word.

    After a first name, nouns are surnames unless they are very frequent words: ``Marcel
    Kittel``, ``Thomas Koch``, ``Andrea Fischer``, but not ``Peter Regierung``."""
    if _ARABIC_ARTICLE.match(word):
        return True
    if not word[:1].isupper() or not word[1:2].isalpha() or word.isupper() or word[-1] == ".":
        return False
    if word in _SENTENCE_WORDS or _is_hyphen_noun(word):
        return False
    if lexicons.is_role_word(word) and (not after_first_name or "-" in word):
        return False
    # Only a listed, not rare noun: compounds make surnames too ("Balkenende", "Ackermann").
    threshold = _NOUN_SURNAME_ZIPF if after_first_name else 2.5
    listed = lexicons.is_common_noun(word) and lexicons.is_frequent_word(
        word, threshold, languages=("de",)
    )
    if listed and not lexicons.is_proper_noun(word):
        return False
    # Abstract nouns are never surnames ("Justizminister Einmischung"), listed or not.
    return not (word.endswith(_ABSTRACT_SUFFIXES) and (len(word) >= 8 or _is_noun_word(word)))


def _spaces(text: str, token: Token) -> int:
    position = token.idx + len(token.text)
    count = 0
    while position + count < len(text) and text[position + count] == " ":
        count += 1
    return count


def _strip_apostrophe_s(word: str) -> str:
    """``Strobl’s`` and ``Jones’`` are genitives written with an apostrophe."""
    for mark in _APOSTROPHES:
        if word.endswith(mark + "s"):
            return word[:-2]
        if word.endswith(mark):
            return word[:-1]
    return word


def _has_org_marker(words: Sequence[str]) -> bool:
    return any(w in _ORG_MARKERS for w in words)


def _is_common_word(word: str) -> bool:
    """A capitalised common noun or function word, not a name."""
    if word in _SENTENCE_WORDS:
        return True
    if lexicons.is_given_name(word) or lexicons.is_proper_noun(word):
        return False
    return lexicons.is_common_noun(word)


# Prefixes glued to a noun by a hyphen, that look like a syllable of a Korean given name.
_PREFIXES = lexicons.words("ex vize ko co anti pro neo ur non pre post top mini maxi")


def _is_hyphen_noun(word: str) -> bool:
    """``Han-Chinesen``, ``Oscar-gekrönte``: a compound ending in a common noun or adjective."""
    if "-" not in word or lexicons.is_given_name(word) or _ARABIC_ARTICLE.match(word):
        return False
    first, last = word.split("-", 1)[0], word.rsplit("-", 1)[-1]
    if (
        lexicons.is_east_asian_given_name(word)
        and first[1:].islower()
        and last.islower()  # "Jin-hee", not "US-Bank"
        and first.lower() not in _PREFIXES
        and rule("people.hyphen-given-name")
    ):
        return False  # "Yoon Jin-hee", "Ban Ki-moon": a Korean given name
    if last[:1].islower():
        return True
    if (
        lexicons.is_person_name(first)
        and last not in _ORG_MARKERS
        and not lexicons.is_frequent_word(last, 4.0, languages=("de",))
    ):
        return False  # a double surname: "Mayer-Vorfelder"
    return lexicons.is_common_noun(last)


def _is_trailing_noun(word: str) -> bool:
    """A role or common noun that cannot end a name (``Pressesprecher``, ``Ortszeit``), or a
    nominalised adjective (``hatte Steinbrück Positives zu vermelden``)."""
    if lexicons.is_given_name(word) or lexicons.is_proper_noun(word):
        return False
    return lexicons.is_role_word(word) or _is_noun_word(word) or _nominalised_adjective(word)


@lru_cache(maxsize=50_000)
def _nominalised_adjective(word: str) -> bool:
    """``Positives``, ``Neues``: an adjective used as a noun, no surname (``Morales``: no
    German adjective ``morale``, ``moralen``)."""
    if not word.endswith("es") or lexicons.is_person_name(word) or lexicons.is_given_name(word):
        return False
    stem = word.lower()[:-2]
    return all(lexicons.zipf(stem + ending, "de") >= 3.0 for ending in ("es", "e", "en"))


def _is_leading_place(word: str, following: str) -> bool:
    """``Massachusetts Mitt Romney``, ``Australiens Downer``: a place before a name; or its
    adjective before a first name (``der Oltner Peter Gomm``, ``der Gladbacher Marco Reus``)."""
    if lexicons.is_given_name(word) or not following[:1].isupper():
        return False
    if lexicons.is_place(word):
        return True
    return lexicons.is_first_name(following) and _place_adjective(word)


def _place_adjective(word: str) -> bool:
    """``Berliner``, ``Gladbacher``, ``Oltner`` (Olten), ``Kaiserslauterer``: of a place."""
    if not word.endswith("er") or len(word) < 6:
        return False
    stem = word[:-2]
    return any(lexicons.is_place(s) for s in (stem, stem + "en", stem + "n", word[:-1]))


def _is_noun_word(word: str) -> bool:
    """A German noun in running text: a listed noun that is not rare, or a noun compound."""
    if lexicons.is_common_noun(word):
        # Rare short listed "nouns" are often names too ("Junis", "Arni").
        return len(word) >= 8 or lexicons.is_frequent_word(word, 2.5)
    return lexicons.is_compound_noun(word)


def _is_english_word(word: str, minimum: float = 4.0) -> bool:
    """An English common word in a German text (``Executive``, ``Watch``): not a surname."""
    english, german = lexicons.zipf(word, "en"), lexicons.zipf(word, "de")
    return english >= minimum and english > german


def _drop_overlaps(raws: list[_Raw]) -> list[_Raw]:
    """Keep the longer of two overlapping mentions (passages do not overlap, but be safe)."""
    kept: list[_Raw] = []
    for raw in sorted(raws, key=lambda r: (r.start, -(r.end - r.start))):
        if kept and raw.start < kept[-1].end:
            continue
        kept.append(raw)
    return kept


# --- labels -------------------------------------------------------------------------------


def _split_at_person_genitives(raws: list[_Raw], text: str) -> list[_Raw]:
    """Take a person the article names out of another entity's span where they stand in the
    genitive before a noun: the taggers read "wie [Moskau Trumps Schwanken] ausnutzte" as
    one organisation and "[Trumps Eitelkeit]" as a name. The genitive is the person, what
    stands before it keeps the span's label (a known place is a place) and the noun goes."""
    surnames = {raw.tokens[-1] for raw in raws if raw.label == "PER" and len(raw.tokens[-1]) > 2}
    result = []
    for raw in raws:
        cut = next(
            (
                i
                for i, word in enumerate(raw.tokens[:-1])
                if word.endswith("s")
                and word[:-1] in surnames
                and _is_noun_word(raw.tokens[i + 1])
                and not lexicons.is_person_name(raw.tokens[i + 1])
            ),
            None,
        )
        if raw.label == "PER" or cut is None:
            result.append(raw)
            continue
        starts = _token_starts(raw, text)
        if starts is None:
            result.append(raw)
            continue
        genitive = raw.tokens[cut]
        if cut:
            before = raw.tokens[:cut]
            label = "LOC" if len(before) == 1 and lexicons.is_place(before[0]) else raw.label
            end = starts[cut - 1] + len(before[-1])
            result.append(replace(raw, end=end, tokens=before, label=label))
        at = starts[cut]
        result.append(
            replace(raw, start=at, end=at + len(genitive), tokens=[genitive], label="PER")
        )
    return result


def _token_starts(raw: _Raw, text: str) -> list[int] | None:
    """Where each of a mention's tokens starts in the text, found in order; None if one is
    not where it should be."""
    starts, position = [], raw.start
    for token in raw.tokens:
        found = text.find(token, position, raw.end)
        if found < 0:
            return None
        starts.append(found)
        position = found + len(token)
    return starts


def _fix_genitives(raws: list[_Raw], text: str) -> None:
    """``Trumps`` -> ``Trump`` in the name (not the span) when the article has ``Trump``."""
    surnames = {raw.tokens[-1] for raw in raws}
    surnames |= {w for raw in raws if raw.label == "PER" for w in raw.tokens}
    # How often each word ends a full name: "Lega" only in "Matteo Salvinis Lega".
    full_name_ends = Counter(
        raw.tokens[-1] for raw in raws if raw.label == "PER" and len(raw.tokens) > 1
    )
    for raw in raws:
        last = raw.tokens[-1]
        if (
            raw.label == "PER"
            and len(raw.tokens) >= 3
            and rule("people.genitive-before-name")
            and raw.tokens[-2].endswith("s")
            and (
                raw.tokens[-2][:-1] in surnames
                # "Matteo Salvinis Lega" alone: a first name, a genitive, then no name word.
                or (
                    len(raw.tokens) == 3
                    and lexicons.is_given_name(raw.tokens[0])
                    and _genitive_form(raw.tokens[-2])
                    and not raw.tokens[-2].endswith("es")  # "Jose Gomes Temporao"
                    and last[1:].isalpha()  # "Ahmed Feredaws A."
                    and not lexicons.is_given_name(last)
                    and "PER" not in lexicons.name_word_labels(last)
                )
            )
            and full_name_ends[last] == 1
            and not lexicons.is_person_name(last)
        ):
            # "Matteo Salvinis Lega": the person ends at the genitive, the rest is theirs.
            starts = _token_starts(raw, text)
            if starts is not None:
                raw.end = starts[-2] + len(raw.tokens[-2])
                raw.tokens = [*raw.tokens[:-2], raw.tokens[-2][:-1]]
                continue
        if (
            len(last) > 2
            and last.endswith("s")
            and last[:-1] in surnames
            and rule("people.genitive-known-name")
            and not (rule("people.slip-no-genitive") and _named_before_slip(raw, text))
        ):
            raw.tokens = [*raw.tokens[:-1], last[:-1]]
        elif (
            raw.label == "PER"
            and raw.before_noun
            and rule("people.genitive-before-noun")
            and _genitive_form(last)
        ):
            # "Rudyard Kiplings Dschungelbuch": a name in the genitive before its noun.
            raw.tokens = [*raw.tokens[:-1], last[:-1]]
        elif (
            raw.label == "PER"
            and raw.after_noun
            and rule("people.genitive-after-event")
            and len(raw.tokens) > 1
            and lexicons.is_given_name(raw.tokens[0])
            and len(last) > 3
            and last.endswith("s")
            and not last.endswith(("ss", "us", "is", "os"))
            and not lexicons.is_given_name(last)
            and not lexicons.is_person_name(last)
        ):
            # "nach dem Rücktritt Horst Köhlers": a full name in the genitive after its noun.
            raw.tokens = [*raw.tokens[:-1], last[:-1]]
        elif (
            len(raw.tokens) == 1
            and raw.label == "PER"
            and last.endswith("s")
            and lexicons.is_first_name(last[:-1])
            and rule("people.monarch-genitive")
            and _MONARCH.search(text, max(0, raw.start - 12), raw.start)
        ):
            # "Papst Benedikts": the genitive of a name used alone.
            raw.tokens = [last[:-1]]


# A capitalised word opening a sentence (or a clause after a comma or "und"), then a
# lower-case finite verb of the third person singular.
_SUBJECT_VERB = re.compile(
    r"(?:^|(?<=[.!?:;]\s)|(?<=\n)|(?<=,\s)|(?<=\bund\s))"
    r"([A-ZÄÖÜ][a-zäöüßéèáíóúç]{3,})\s+([a-zäöüß]+(?:t|te)|muss|kann|soll|will|darf|hat|ist|war|wird)\b"
)
_ANY_WORD = re.compile(r"[\w'’-]+")


def _repeated_subjects(raws: list[_Raw], text: str) -> list[_Raw]:
    """``Kerimov muss sich verantworten. Kerimov bestreitet die Tat.``: a capitalised word
    the model left untagged that is the subject of a finite verb at least twice, never
    stands after an article or inside a longer name, and that no list knows as a noun, place,
    organisation or frequent word, is a person's surname."""
    subjects = Counter(m.group(1) for m in _SUBJECT_VERB.finditer(text))
    candidates = {w for w, n in subjects.items() if n >= 2 and _unknown_surname(w)}
    if not candidates:
        return []
    taken = _Taken((r.start, r.end) for r in raws)
    words = [(m.group(), m.start(), m.end()) for m in _ANY_WORD.finditer(text)]
    lowered = {word.lower() for word in candidates}
    for (before, _, _), (word, _, _), (after, _, _) in zip(
        words, words[1:], words[2:], strict=False
    ):
        if word in lowered:  # "außerdem" inside a sentence: a word, not a name
            candidates.discard(word[:1].upper() + word[1:])
        elif word in candidates and (before.lower() in _DETERMINERS or after[:1].isupper()):
            candidates.discard(word)
    found: list[_Raw] = []
    for word, start, end in words:
        if word in candidates and not taken.overlaps(start, end):
            taken.add(start, end)
            found.append(_Raw(start, end, "PER", [word], listed=True))
    return found


_DETERMINERS = lexicons.ARTICLES | lexicons.words(
    "ein eine einen einem einer eines kein keine dieser diese dieses diesem diesen jeder jede"
)


def _unknown_surname(word: str) -> bool:
    """A word that may be a surname no list knows: no listed noun, place, organisation or
    first name, and rare in German and English text."""
    labels = lexicons.name_word_labels(word)
    return not (
        _is_common_word(word)
        or word in _SENTENCE_WORDS
        or lexicons.is_place(word)
        or lexicons.is_given_name(word)
        or lexicons.is_role_word(word)
        or lexicons.is_demonym(word)
        or _is_noun_word(word)
        # The frequency table spells "ß" as "ss" ("Außerdem").
        or lexicons.is_frequent_word(word.replace("ß", "ss"), 3.0)
        or (labels and "PER" not in labels)
    )


def _named_before_slip(raw: _Raw, text: str) -> bool:
    """``Ted Stevens wurde angeklagt … sagte Ted Steven``: a name ending in -s that stands
    before no noun and after none (no genitive's place), comes before every mention of the
    form without -s and more often than it, is the name; the other form, the same words but
    the -s, is the slip."""
    if raw.before_noun or raw.after_noun or len(raw.tokens) < 2:
        return False
    last = raw.tokens[-1]
    # The slip repeats the whole name but the -s, and no name word follows it.
    slip = re.escape(" ".join([*raw.tokens[:-1], last[:-1]]))
    if not re.search(rf"(?<!\w){slip}(?![\w-])(?!\s+[A-ZÄÖÜ])", text):
        return False
    stems = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(last[:-1])}(?!\w)", text)]
    named = len(re.findall(rf"(?<!\w){re.escape(last)}(?!\w)", text))
    return named > len(stems) and all(start > raw.start for start in stems)


# Italian surnames end in -i ("Meloni", "Salvini", "Renzi", "Draghi"): their genitive ends in
# -is. Other words ending in -is are names in the nominative ("Mitsotakis", "Alexis").
_ITALIAN_STEMS = ("ni", "zi", "hi", "lli", "tti", "cci", "ssi")


def _genitive_form(word: str) -> bool:
    """Whether a name word ending in -s may be a genitive (``Kiplings``, ``Melonis``), not a
    name that ends so (``Morales``, ``Tsipras``, ``Mitsotakis``, a listed first name)."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "os", "as")):
        return False
    if lexicons.is_given_name(word) or lexicons.is_person_name(word):
        return False
    return not word.endswith("is") or word[:-1].endswith(_ITALIAN_STEMS)


def _honorific_surnames(raws: list[_Raw]) -> None:
    """``Shahid Soleimani`` after ``Qasem Soleimani``: an honorific before a surname the
    article gives a person in full is no first name; the mention is the bare surname."""
    surnames = {
        r.tokens[-1]
        for r in raws
        if r.label == "PER" and len(r.tokens) > 1 and r.tokens[0] not in _HONORIFICS
    }
    for raw in raws:
        if len(raw.tokens) == 2 and raw.tokens[0] in _HONORIFICS and raw.tokens[1] in surnames:
            raw.tokens = raw.tokens[1:]
            raw.label = "PER"


def _split_surname_pairs(raws: list[_Raw], text: str) -> list[_Raw]:
    """``kritisierte Rajoy Zapatero``: two people's surnames side by side are two mentions."""
    surnames = {
        r.tokens[-1]
        for r in raws
        if r.label == "PER" and len(r.tokens) > 1 and lexicons.is_given_name(r.tokens[0])
    }
    result: list[_Raw] = []
    for raw in raws:
        pair = _PAIR.match(text, raw.start, raw.end)
        if (
            raw.label == "PER"
            and len(raw.tokens) == 2
            and pair is not None
            and pair.end() == raw.end
            and raw.tokens[0] in surnames
            and raw.tokens[1] in surnames
            and not lexicons.is_given_name(raw.tokens[0])
        ):
            for group, word in ((1, raw.tokens[0]), (2, raw.tokens[1])):
                result.append(_Raw(pair.start(group), pair.end(group), "PER", [word]))
            continue
        result.append(raw)
    return result


def _particle_surnames(raws: Iterable[_Raw]) -> set[str]:
    """The surnames with their particles of people named in full, lower-cased: ``de
    maizière`` of ``Thomas de Maizière``, ``van der bellen`` of ``Alexander Van der Bellen``."""
    forms = set()
    for raw in raws:
        if raw.label != "PER" or len(raw.tokens) < 3 or not raw.tokens[-1][:1].isupper():
            continue
        for k in range(1, len(raw.tokens) - 1):
            if raw.tokens[k].lower() in lexicons.NAME_PARTICLES and (
                raw.tokens[k].islower() or raw.tokens[k + 1].lower() in lexicons.NAME_PARTICLES
            ):
                forms.add(" ".join(raw.tokens[k:]).lower())
                break
    return forms


# One or two particles right before a mention: "De [Vries]", "Van der [Bellen]".
_PARTICLES_BEFORE = re.compile(r"(?<![\w-])((?:[A-Za-z]{1,3}\s+){1,2})$")


def _widen_to_particles(raws: list[_Raw], text: str) -> None:
    """``De Vries ist Reporter`` after ``Peter de Vries``, the model tagging ``Vries``: the
    particles before a surname belong to the mention when the article's full name has them."""
    forms = _particle_surnames(raws)
    if not forms:
        return
    ends = {r.end for r in raws}
    for raw in raws:
        before = _PARTICLES_BEFORE.search(text, max(0, raw.start - 8), raw.start)
        if raw.label not in ("PER", "LOC", "ORG") or before is None:
            continue
        particles = before.group(1).split()
        for k in range(len(particles)):
            words = particles[k:]
            start = before.start(1) + before.group(1).index(words[0])
            if " ".join([*words, *raw.tokens]).lower() in forms and start not in ends:
                raw.tokens = [*words, *raw.tokens]
                raw.start = start
                break


def _is_particle_surname(raw: _Raw, forms: set[str]) -> bool:
    """``de Maizière``, ``Von der Leyen``: the surname of someone named in full, alone."""
    return len(raw.tokens) > 1 and raw.key.lower() in forms


# A preposition of place right before a name: "in Essen", "nach Essen", "aus Essen".
_LOCATIVE = re.compile(r"(?<![\w-])(?:[Ii]n|[Nn]ach|[Aa]us|[Bb]ei)\s+$")


def _consistent_labels(raws: list[_Raw], text: str) -> None:
    """One name, one label per article: strong person evidence wins, then the majority."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    vote = rule("people.label-vote")
    for raw in raws:
        if vote:
            votes[raw.key][raw.label] += 3 if raw.strong else 1
        else:
            votes[f"{raw.start}:{raw.key}"][raw.label] += 1
    # "Mannesmann AG" makes a lone "Mannesmann" the company.
    for raw in raws if rule("people.legal-form-vote") else ():
        if raw.label == "ORG" and len(raw.tokens) > 1 and raw.tokens[-1] in _LEGAL_FORMS:
            votes[" ".join(raw.tokens[:-1])]["ORG"] += 3
    # Surnames of people named in full are people too when they stand alone.
    surnames = {r.tokens[-1] for r in raws if r.label == "PER" and len(r.tokens) > 1}
    for raw in raws if rule("people.surname-vote") else ():
        if raw.label == "PER" and len(raw.tokens) > 1 and raw.tokens[-1] in votes:
            votes[raw.tokens[-1]]["PER"] += 3 if raw.strong else 1
    # "Wie de Maizière darlegte": a person's surname with its particles is theirs.
    if rule("people.particle-surname"):
        forms = _particle_surnames(raws)
        for key in {raw.key for raw in raws if raw.key.lower() in forms}:
            votes[key]["PER"] += 3
    places = rule("people.known-place")
    located = rule("people.place-after-preposition")
    for raw in raws:
        counter = votes[raw.key] if vote else votes[f"{raw.start}:{raw.key}"]
        label, _ = max(counter.items(), key=lambda item: (item[1], item[0] == "PER"))
        if places and lexicons.is_place(raw.key) and not raw.strong and raw.key not in surnames:
            label = "LOC"
        if (
            located
            and raw.label == "LOC"
            and _LOCATIVE.search(text, max(0, raw.start - 8), raw.start)
        ):
            # "In Essen sagte Essen": the town after "in" stays the town, whoever is named so.
            label = "LOC" if lexicons.is_place(raw.key) else label
        raw.label = label  # type: ignore[assignment]


def _untagged_mentions(raws: list[_Raw], text: str) -> list[_Raw]:
    """Occurrences of a person's name (full or surname) that the model did not tag."""
    forms: set[str] = set()
    particled = _particle_surnames(raws) if rule("people.particle-surname") else set()
    for raw in raws:
        if raw.label != "PER":
            continue
        forms.add(raw.key)
        for k in range(1, len(raw.tokens) - 1):
            # "Van der Bellen", and "Von der Leyen" opening a sentence.
            tail = " ".join(raw.tokens[k:])
            if tail.lower() in particled:
                forms.update((tail, tail[:1].upper() + tail[1:]))
        surname = raw.tokens[-1]
        if not _is_common_word(surname) and not lexicons.is_first_name(surname):
            forms.add(surname)
        # "al-Bakri" opens a sentence as "Al-Bakri".
        if _ARABIC_ARTICLE.match(surname) and rule("people.arabic-article"):
            forms.add(surname[:1].upper() + surname[1:])
        # "Abhisit Vejjajiva" is "Abhisit" later: a first word that is no known first name.
        given = raw.tokens[0]
        if (
            len(raw.tokens) > 1
            and rule("people.untagged-given-form")
            and len(given) >= 4
            and not lexicons.is_given_name(given)
            and not _is_common_word(given)
            and given[1:].islower()
        ):
            forms.add(given)
    taken = _Taken((r.start, r.end) for r in raws)
    # Longest forms first; equal lengths in a fixed order, so that runs agree.
    ordered = sorted(sorted(forms), key=len, reverse=True)
    occurrences = _form_occurrences(ordered, text)
    found: list[_Raw] = []
    for form in ordered:
        for start, end in occurrences.get(form, ()):
            if taken.overlaps(start, end):
                continue
            taken.add(start, end)
            found.append(_Raw(start, end, "PER", form.split(), untagged=True, sent_start=False))
    return found


_NAME_START = r"(?<![\w-])"
# What may follow a name: a genitive (``Trumps``, ``Jones'``), then no more word.
_NAME_END = re.compile(r"(?:s|['’]s?)?(?![\w-])")
_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class _FormTree:
    """The forms of names as a tree of their words: a form is the path of its words."""

    children: dict[str, _FormTree] = field(default_factory=dict)
    # The lengths of the children's words, shortest first: what to cut from the text.
    lengths: list[int] = field(default_factory=list)
    form: str | None = None

    def add(self, words: Sequence[str], form: str) -> None:
        node = self
        for word in words:
            child = node.children.get(word)
            if child is None:
                child = node.children[word] = _FormTree()
                if len(word) not in node.lengths:
                    insort(node.lengths, len(word))
            node = child
        node.form = form

    def following(self, text: str, position: int) -> Iterable[tuple[int, _FormTree]]:
        """The children whose word starts at ``position``, with where it ends."""
        for length in self.lengths:
            end = position + length
            if end > len(text):
                break
            child = self.children.get(text[position:end])
            if child is not None:
                yield end, child


def _form_occurrences(forms: Sequence[str], text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each form stands in the text: its words joined by whitespace, with an optional
    genitive, not inside a word; for each form the spans ``re.finditer`` would give, in
    order. One walk of the text through the tree of the forms' words, however many forms
    share a first word (one scan per form grew with the number of people times the text)."""
    tree = _FormTree()
    for form in forms:
        words = form.split()
        if words:  # a form of stripped apostrophes alone names nobody
            tree.add(words, form)
    occurrences: dict[str, list[tuple[int, int]]] = defaultdict(list)
    if not tree.children:
        return occurrences
    last_end: dict[str, int] = {}
    initials = "".join(re.escape(c) for c in sorted({word[0] for word in tree.children}))
    for match in re.finditer(rf"{_NAME_START}[{initials}]", text):
        start = match.start()
        pending = list(tree.following(text, start))
        while pending:
            position, node = pending.pop()
            if node.form is not None and start >= last_end.get(node.form, 0):
                tail = _NAME_END.match(text, position)
                if tail is not None:
                    last_end[node.form] = tail.end()
                    occurrences[node.form].append((start, tail.end()))
            if node.children:
                gap = _SPACES.match(text, position)
                if gap is not None:
                    pending.extend(node.following(text, gap.end()))
    return occurrences


class _Taken:
    """Spans already claimed: overlap tests by bisection, not by a scan of all of them."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # The furthest end among the spans that start at or before each one.
        self._reach = list(accumulate((end for _, end in ordered), max))
        # Every character of the spans claimed later (names and role phrases are short; a
        # sorted list of them cost a shift of the whole list at every claim).
        self._added: set[int] = set()

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a claimed span overlaps ``start:end``."""
        i = bisect_left(self._starts, end)
        if i and self._reach[i - 1] > start:
            return True
        return not self._added.isdisjoint(range(start, end))

    def add(self, start: int, end: int) -> None:
        """Claim a non-empty span that overlaps none claimed so far."""
        self._added.update(range(start, end))


# --- people -------------------------------------------------------------------------------


def _compatible(given_a: Sequence[str], given_b: Sequence[str]) -> bool:
    """Whether two lists of given names can belong to one person (``Tim`` ~ ``Tim Alexander``)."""
    if not given_a or not given_b:
        return True
    short, long = sorted((list(given_a), list(given_b)), key=len)
    return all(any(_same_given(s, g) for g in long) for s in short)


def _same_given(a: str, b: str) -> bool:
    if a == b:
        return True
    # An initial: "C." ~ "Christian", "J." ~ "John".
    for initial, name in ((a, b), (b, a)):
        if len(initial) == 2 and initial.endswith(".") and name.startswith(initial[0]):
            return True
    return False


# Popes and monarchs go by their first name: "Papst Benedikts" is Benedikt's.
_MONARCH = re.compile(r"\b(?:Papst|Papstes|Königs?|Königin|Kaisers?|Prinz(?:en)?|Fürsten?)\s+$")


class _Misspellings:
    """The surnames of people named in full, found again one edit away (``Hageed`` for
    ``Hagee``, same first letter): each surname is filed under itself and every form with
    one letter left out, so a word meets only surnames that share such a form with it."""

    def __init__(self, people: Sequence[_Person]) -> None:
        self._order = {id(p): i for i, p in enumerate(people)}
        self._by_form: dict[str, list[_Person]] = defaultdict(list)
        for person in people:
            if len(person.tokens) > 1 and len(person.surname) >= 5:
                for form in _one_left_out(person.surname):
                    self._by_form[form].append(person)

    def near(self, word: str) -> list[_Person]:
        """The people whose surname is one edit away from ``word``, in the people's order."""
        from rapidfuzz.distance import Levenshtein

        if len(word) < 5:
            return []
        found = {
            id(p): p
            for form in _one_left_out(word)
            for p in self._by_form.get(form, ())
            if p.surname[:1] == word[:1] and Levenshtein.distance(p.surname, word) <= 1
        }
        return sorted(found.values(), key=lambda p: self._order[id(p)])


def _one_left_out(word: str) -> set[str]:
    """The word and every form of it with one letter left out."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


class _Seen:
    """Who was named where, kept up to date while bare surnames are given to people in
    reading order: the starts of each person's mentions before that pass (sorted), the bare
    surnames given since, and how often each was named in full. (Reading all of a person's
    mentions again for every bare surname grew with the square of their number.)"""

    def __init__(self) -> None:
        self._starts: dict[int, list[int]] = {}
        self._full: dict[int, int] = {}
        self._bare: dict[int, list[int]] = {}

    def named(self, person: _Person) -> None:
        """Take in a person's mentions so far."""
        self._starts[id(person)] = sorted(m.start for m in person.mentions)
        self._full[id(person)] = sum(len(m.tokens) > 1 for m in person.mentions)

    def add(self, person: _Person, raw: _Raw) -> None:
        """A bare surname given to ``person``, after every one given before it."""
        person.mentions.append(raw)
        self._bare.setdefault(id(person), []).append(raw.start)

    def full_names(self, person: _Person) -> int:
        return self._full.get(id(person), 0)

    def last_before(self, person: _Person, offset: int) -> int:
        """Start of the person's last mention before ``offset``, or -1."""
        last = -1
        for starts in (self._starts.get(id(person), ()), self._bare.get(id(person), ())):
            k = bisect_left(starts, offset)
            if k:
                last = max(last, starts[k - 1])
        return last

    def first(self, person: _Person) -> int:
        return min(
            starts[0]
            for starts in (self._starts.get(id(person)), self._bare.get(id(person)))
            if starts
        )


def _most_recent(candidates: list[_Person], offset: int, seen: _Seen) -> _Person:
    """The candidate mentioned last before ``offset`` (else the first mentioned after it)."""
    before = [p for p in candidates if seen.last_before(p, offset) >= 0]
    if before:
        return max(before, key=lambda p: seen.last_before(p, offset))
    return min(candidates, key=seen.first)


def _main_person(candidates: list[_Person], seen: _Seen) -> _Person | None:
    """The one the story is about: named in full at least twice as often as any other."""
    if len(candidates) == 1:
        return candidates[0]
    if not rule("people.main-person"):
        return None
    counts = sorted(((seen.full_names(p), i) for i, p in enumerate(candidates)), reverse=True)
    (best, index), (second, _) = counts[0], counts[1]
    return candidates[index] if best >= 2 * max(second, 1) else None


@lru_cache(maxsize=100_000)
def _fold(word: str) -> str:
    """``Mladić`` -> ``mladic``: spellings that differ only in accents or case are one name."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _given_parts(tokens: Sequence[str]) -> list[str]:
    """The given names of a full name, hyphens split: ``Franz-Josef Jung`` -> franz, josef."""
    return [_fold(part) for token in tokens[:-1] for part in token.split("-") if part]


def _fuller(tokens: Sequence[str], than: Sequence[str]) -> bool:
    """Whether ``tokens`` is the better name to show: more words, else more accents."""
    if len(tokens) != len(than):
        return len(tokens) > len(than)
    return sum(not c.isascii() for c in "".join(tokens)) > sum(
        not c.isascii() for c in "".join(than)
    )


def _variants(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two full names of one person: one the start of the other (``Antonio Guerrero`` and
    ``Antonio Guerrero Rodriguez``), a one-letter slip in a long given name (``Jennfer
    Lopez`` and ``Jennifer Lopez``) or a letter dropped from a long surname after the same
    given names (``Paul Kirchhof`` and ``Paul Kirchhoff``)."""
    from rapidfuzz.distance import Levenshtein

    folded_a, folded_b = [_fold(w) for w in a], [_fold(w) for w in b]
    short, long = sorted((folded_a, folded_b), key=len)
    if len(short) < 2:
        return False
    if long[: len(short)] == short:
        return len(short) == len(long) or rule("people.longer-name")
    if len(short) != len(long):
        return False
    if (
        short[:-1] == long[:-1]
        and rule("people.surname-slip")
        and _surname_slip(short[-1], long[-1])
    ):
        return True
    if not rule("people.given-slip"):
        return False
    # A slip in a long given name ("Jennfer Lopez"); short surnames one letter apart may be
    # two people ("Meier", "Meyer").
    differ = [(x, y) for x, y in zip(short[:-1], long[:-1], strict=True) if x != y]
    return (
        short[-1] == long[-1]
        and len(differ) == 1
        and all(
            len(x) >= 5
            and x[0] == y[0]
            and Levenshtein.distance(x, y) <= 1
            # "Daniel"/"Daniela", "Andreas"/"Andrea": two names, not a slip.
            and not (x.startswith(y) or y.startswith(x))
            and _same_gender(x, y)
            for x, y in differ
        )
    )


def _surname_slip(a: str, b: str) -> bool:
    """``Kirchhoff``/``Kirchhof`` after the same given names: one letter more or less in a
    long surname is a slip, not a second person."""
    from rapidfuzz.distance import Levenshtein

    return (
        min(len(a), len(b)) >= 6
        and a[:2] == b[:2]
        and len(a) != len(b)
        and Levenshtein.distance(a, b) == 1
    )


def _same_gender(a: str, b: str) -> bool:
    """Whether two given names can be one person's: neither is known to be of the other gender."""
    ga, gb = lexicons.gender(a.capitalize()), lexicons.gender(b.capitalize())
    return ga is None or gb is None or ga == gb


def _name_words(words: Sequence[str]) -> bool:
    """Words that can lengthen a name: no particles, no nouns (``Renato Augusto [von
    Bayer]`` is a player from Leverkusen, ``Antonio Guerrero [Rodriguez]`` a full name)."""
    return all(w not in lexicons.NAME_PARTICLES and not _is_noun_word(w) for w in words)


def _variant_keys(tokens: Sequence[str]) -> list[tuple[str, ...]]:
    """Where ``_variants`` can find a full name's other spellings: under its first two words
    (one the start of the other), its given names and the first two letters of its surname
    (a slip in the surname), or its surname and the initials of its given names (a slip in
    a given name)."""
    folded = [_fold(w) for w in tokens]
    return [
        ("start", *folded[:2]),
        ("given", *folded[:-1], folded[-1][:2]),
        ("surname", folded[-1], *(w[:1] for w in folded[:-1])),
    ]


def _merge_variants(people: list[_Person]) -> list[_Person]:
    """One person for the variant spellings of a full name (see ``_variants``)."""
    merged: list[_Person] = []
    # Each person is compared only with those filed under one of its keys, so that a long
    # article does not compare every pair of people who share a first name.
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for person in people:
        if len(person.tokens) < 2:  # one word is never a variant of a full name
            merged.append(person)
            continue
        keys = _variant_keys(person.tokens)
        candidates = sorted({i for key in keys for i in by_key.get(key, ())})
        index = next((i for i in candidates if _variants(merged[i].tokens, person.tokens)), None)
        if index is None:
            for key in keys:
                by_key[key].append(len(merged))
            merged.append(person)
            continue
        target = merged[index]
        target.mentions.extend(person.mentions)
        short, long = sorted((target.tokens, person.tokens), key=len)
        if len(short) == len(long):
            target.tokens = list(long if _fuller(long, short) else short)
        else:
            target.tokens = list(long if _name_words(long[len(short) :]) else short)
        for key in _variant_keys(target.tokens):
            by_key[key].append(index)
    return merged


def _group_people(raws: list[_Raw], text: str) -> list[_Person]:
    people: list[_Person] = []
    # People by surname (accents folded), in order of appearance.
    by_surname: dict[str, list[_Person]] = defaultdict(list)
    particled = _particle_surnames(raws) if rule("people.particle-surname") else set()
    bare = [len(r.tokens) == 1 or _is_particle_surname(r, particled) for r in raws]
    # Full names first, in reading order: each distinct first name + surname is one person.
    for raw in (r for r, alone in zip(raws, bare, strict=True) if not alone):
        match = None
        for person in by_surname[_fold(raw.tokens[-1])]:
            if len(person.tokens) > 1 and _compatible(
                _given_parts(person.tokens), _given_parts(raw.tokens)
            ):
                match = person
                break
        if match is None:
            people.append(_Person(list(raw.tokens), [raw]))
            by_surname[_fold(raw.tokens[-1])].append(people[-1])
        else:
            match.mentions.append(raw)
            if _fuller(raw.tokens, match.tokens):
                match.tokens = list(raw.tokens)
    if rule("people.merge-variants"):
        people = _merge_variants(people)
    by_surname = defaultdict(list)
    # The full names are final now: index them by every word and by near spellings.
    by_word: dict[str, list[_Person]] = defaultdict(list)
    misspelt = _Misspellings(people)
    seen = _Seen()
    for person in people:
        by_surname[_fold(person.surname)].append(person)
        words = {_fold(word) for word in person.tokens}
        # "Muammar al-Gaddafi" is "Gaddafi" alone.
        if rule("people.arabic-article"):
            words |= {_fold(w.split("-", 1)[1]) for w in person.tokens if _ARABIC_ARTICLE.match(w)}
        # "Sabine Leutheusser-Schnarrenberger" is "Schnarrenberger" alone.
        if rule("people.double-name-part") and len(person.tokens) > 1:
            words |= {_fold(part) for part in _double_name_parts(person.surname)}
        for word in sorted(words):
            by_word[word].append(person)
        seen.named(person)
    # Single names: the person mentioned last with that surname (or, failing that, that name).
    for raw in (r for r, alone in zip(raws, bare, strict=True) if alone):
        word = raw.tokens[-1]
        candidates = list(by_surname.get(_fold(word), ()))
        if not candidates and rule("people.any-name-word"):
            candidates = list(by_word.get(_fold(word), ()))
        if not candidates and rule("people.near-surname"):
            candidates = misspelt.near(word)
        if not candidates:
            people.append(_Person(list(raw.tokens), [raw]))
            by_surname[_fold(word)].append(people[-1])
            seen.named(people[-1])
            continue
        chosen = _main_person(candidates, seen) or _most_recent(candidates, raw.start, seen)
        seen.add(chosen, raw)
    for person in people:
        person.mentions.sort(key=_order)
    return people


def _double_name_parts(surname: str) -> list[str]:
    """The parts of a double surname that can stand for it: ``Leutheusser-Schnarrenberger``
    -> both; no Arabic article (``al-Assad``) and no common word (``Müller-Kurzarbeit``)."""
    parts = surname.split("-")
    if len(parts) < 2 or _ARABIC_ARTICLE.match(surname):
        return []
    if not all(len(p) >= 3 and p[:1].isupper() and not _is_common_word(p) for p in parts):
        return []
    return parts


def _is_person(person: _Person) -> bool:
    """Drop what only the model thought a person: junk, common words, lone sentence openers."""
    tagged = [m for m in person.mentions if not m.untagged]
    if not tagged:
        return False
    name = " ".join(person.tokens)
    if not any(ch.isalpha() for ch in name) or not name[:1].isupper():
        return False
    if any(ch.isdigit() for ch in name) and rule("people.no-digits"):
        return False  # "Su-27", "Apollo 11": products and missions, not people
    if _not_a_persons_name(person, tagged):
        return False
    if any(m.strong for m in tagged):
        return True
    if any(m.governs for m in tagged) and rule("people.government-of"):
        return True  # "die Regierung Orbán"
    if len(person.tokens) == 1:
        return _lone_word_is_person(person, tagged)
    if _has_org_marker(person.tokens) and rule("people.org-marker"):
        return False
    # "Human Rights Watch", "Crown Plaza": every word an ordinary word.
    return not (
        rule("people.common-words")
        and all(
            (_is_common_word(w) or lexicons.is_frequent_word(w, 3.5))
            and not lexicons.is_given_name(w)
            for w in person.tokens
        )
    )


def _not_a_persons_name(person: _Person, tagged: list[_Raw]) -> bool:
    """Names of things, whatever the evidence of a first name or a verb of saying."""
    described = any(m.role or m.age for m in tagged)
    tokens = person.tokens
    if (
        len(tokens) > 1
        and rule("people.odd-words")
        and any(
            _is_hyphen_noun(w)
            or (w.isupper() and len(w) >= 2 and not _INITIALS.match(w) and not _REGNAL.fullmatch(w))
            # A country first: "Montserrat Sanz", "Jordan Peterson" are people.
            or (w in lexicons.countries_de() and not (i == 0 and lexicons.is_given_name(w)))
            for i, w in enumerate(tokens)
        )
    ):
        # "Oscar-gekrönte Klima-Dokumentation", "Willisau LU", "Conradty COVA", "Wikimedia
        # Deutschland": not how names of people are written.
        return True
    if not described and (
        (rule("people.thing") and all(m.thing for m in person.mentions))
        # One word ("Trump", "Gates") is as often a surname as an English word.
        or (len(tokens) > 1 and rule("people.english-phrase") and _english_phrase(tokens))
    ):
        return True
    # "Per Dekret ordnete …": a sentence-opening preposition and a noun.
    return (
        len(tokens) > 1
        and rule("people.preposition-noun")
        and all(m.sent_start for m in tagged)
        and tokens[0] in _PREPOSITIONS
        and not lexicons.is_person_name(tokens[-1])  # "Per Müller" is one
        and lexicons.is_common_noun(tokens[-1])
    )


def _lone_word_is_person(person: _Person, tagged: list[_Raw]) -> bool:
    """A one-word name with no strong evidence: kept if it is one of a list of people or a
    known name that is no common noun."""
    word = person.tokens[0]
    if len(word) < 2 or word in _SENTENCE_WORDS or _is_hyphen_noun(word):
        return False
    if any(m.listed for m in tagged) and not _is_common_word(word) and rule("people.lone-listed"):
        return True  # "Inzaghi, Schewtschenko und Kaká"
    return (
        lexicons.is_person_name(word)
        and not lexicons.is_common_noun(word)
        and rule("people.lone-known-name")
    )


def _english_phrase(tokens: Sequence[str]) -> bool:
    """``Human Rights Watch``, ``[General] Dynamics``: English common words, no name among
    them; a verb of saying or a title next to them does not make them a person."""
    return all(
        _is_english_word(w, 3.5)
        and not lexicons.is_given_name(w)
        and not lexicons.is_person_name(w)
        for w in tokens
    )


# A person leads these as often as a firm owns them: "Löw-Mannschaft", "Merkel-Partei".
_PEOPLES_GROUPS = frozenset({"mannschaft", "gruppe", "partei", "team", "regierung", "lager"})
# Heads of compounds that make the name before the hyphen a firm or a brand: "Audi-Werk",
# "Opel-Chef", "Audi-Kleinwagen" ("Merkel-Sprecher", "Trump-Tochter" are people's).
_BRAND_HEADS = (
    *(noun for noun in _ORG_NOUNS if noun not in _PEOPLES_GROUPS),
    "werk",
    "werke",
    "werks",
    "wagen",
    "modell",
    "modelle",
    "aktie",
    "aktien",
    "fabrik",
    "standort",
    "händler",
    "filiale",
)


_BRAND_COMPOUND = re.compile(r"(?<![\w-])([A-ZÄÖÜ][\w]*)-(\w+)")
_MODEL_CODE = re.compile(r"(?<![\w-])([A-ZÄÖÜ][\w]*) [A-Z]{1,2}\d")


def _brands(text: str) -> frozenset[str]:
    """Words the text writes as firms: before a firm's compound head (``Audi-Stammwerk``) or
    a model code (``Audi A4``). One pass over the text for all people."""
    found = {
        m.group(1)
        for m in _BRAND_COMPOUND.finditer(text)
        if m.group(2).lower().endswith(_BRAND_HEADS)
    }
    found.update(m.group(1) for m in _MODEL_CODE.finditer(text))
    return frozenset(found)


def _is_brand(person: _Person, brands: frozenset[str]) -> bool:
    """A one-word "person" that the article also writes as a firm (see ``_brands``); no role
    or age says otherwise."""
    if len(person.tokens) != 1 or any(m.role or m.age for m in person.mentions):
        return False
    return person.tokens[0] in brands


class _Holders:
    """The people who hold a role, in the order they are first given it: whether none, one
    or several held it before a point of the text, in one bisection."""

    def __init__(self, held: Iterable[tuple[int, _Person]]) -> None:
        ordered = sorted(held, key=lambda item: item[0])
        self._starts = [start for start, _ in ordered]
        self._first = ordered[0][1]
        # How many of them, in order, are the first holder before a second one comes.
        self._alone = next(
            (k for k, (_, p) in enumerate(ordered) if p is not self._first), len(ordered)
        )

    def before(self, offset: int) -> tuple[int, _Person | None]:
        """How many held it before ``offset`` (0, 1, or 2 for several), and the one."""
        count = bisect_left(self._starts, offset)
        if count == 0:
            return 0, None
        return (1, self._first) if count <= self._alone else (2, None)


# "der US-Präsident", "des neuen Ministers": a definite article, maybe an adjective, and a
# word that is checked against the article's roles (one alternation of every role made the
# scan grow with the number of roles times the text).
_ROLE_PHRASE = re.compile(
    r"\b(?:[Dd](?:er|ie|es|en|em))\s+(?:[a-zäöüß]+e[nrs]?\s+)?(\w[\w-]*)(?![\w-])(?!\s+[A-ZÄÖÜ]\w)"
)


def _role_of(word: str, roles: Container[str]) -> str | None:
    """The longest of ``roles`` that ``word`` is, inflected (``-in``, ``-en``, ``-n``, ``-s``)."""
    if word in roles:
        return word
    if word.endswith(("n", "s")) and word[:-1] in roles:
        return word[:-1]
    if word.endswith(("in", "en")) and word[:-2] in roles:
        return word[:-2]
    return None


def _role_references(people: list[_Person], text: str, taken: list[tuple[int, int]]) -> None:
    """``der US-Präsident`` after ``US-Präsident Donald Trump``: a mention of that person."""
    roles: list[tuple[int, str, _Person]] = []
    for person in people:
        for mention in person.mentions:
            if mention.role:
                roles.append((mention.start, mention.role, person))
    if not roles:
        return
    claimed = _Taken(taken)
    heads = {role: lexicons.role_head(role) for _, role, _ in roles}
    by_role = _holders((role, pos, person) for pos, role, person in roles)
    by_head = _holders((heads[role], pos, person) for pos, role, person in roles)
    # Where each person first held a role with each head.
    first_head: dict[int, dict[str, int]] = defaultdict(dict)
    for pos, role, person in roles:
        held = first_head[id(person)]
        held[heads[role]] = min(pos, held.get(heads[role], pos))
    # Every person's mentions in reading order, to find who was mentioned last before a match.
    named = sorted((m.start, i) for i, p in enumerate(people) for m in p.mentions)
    named_starts = [start for start, _ in named]
    words = set(heads) | set(heads.values())
    for match in _ROLE_PHRASE.finditer(text):
        word = _role_of(match.group(1), words)
        start, end = match.start(), match.end()
        if word is None or claimed.overlaps(start, end):
            continue
        # The exact role ("US-Präsident"), when one person holds it: two are ambiguous.
        holders, chosen = by_role[word].before(start) if word in by_role else (0, None)
        if chosen is None and not holders and rule("people.role-head-reference"):
            # The head ("der Präsident") only for the person mentioned last.
            before = bisect_left(named_starts, start)
            if before:
                # The first person (in list order) whose last mention before ``start`` is latest.
                latest = named_starts[before - 1]
                last = people[named[bisect_left(named_starts, latest)][1]]
                if first_head[id(last)].get(word, start) < start:
                    chosen = last
            if chosen is None and word in by_head:
                # Or for the one person of the article whose role has that head ("die
                # Ministerin" after "Bundesfinanzministerin Katrin Weber").
                chosen = by_head[word].before(start)[1]
        if chosen is None:
            continue
        chosen.role_mentions.append(Mention(start, end, text[start:end]))
        claimed.add(start, end)


def _holders(held: Iterable[tuple[str, int, _Person]]) -> dict[str, _Holders]:
    """``(role, start, person)`` -> the holders of each role."""
    by_role: dict[str, list[tuple[int, _Person]]] = defaultdict(list)
    for role, start, person in held:
        by_role[role].append((start, person))
    return {role: _Holders(items) for role, items in by_role.items()}


# "der US-Präsident", "die Ministerin": a definite role phrase that is no name.
# Only an office with a qualifier ("US-Präsident", "SPD-Chefin"), in the nominative singular:
# "der Minister" may be several people, "des Generalanwalts" is a genitive.
_ROLE_REFERENCE = re.compile(
    r"\b(?:[Dd]er\s+([A-ZÄÖÜ][\w]*-[A-ZÄÖÜ][a-zäöüß]+(?<![ns]))"
    r"|[Dd]ie\s+([A-ZÄÖÜ][\w]*-[A-ZÄÖÜ][a-zäöüß]+in))(?![\w-])(?!\s+[A-ZÄÖÜ]\w)"
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-ZÄÖÜ„«»\"])|\n")


def _first_role_reference(people: list[_Person], text: str, taken: list[tuple[int, int]]) -> None:
    """``Donald Trump (79) wollte … . Noch tönte der US-Präsident, …``: a role phrase that no
    one in the article holds refers to the one person named in it and the sentence before,
    when that person has no role of their own; it becomes their role."""
    # Roles held, exactly ("Ukraine-Präsident") and by head ("Präsident"): "der US-Präsident"
    # is still free then, a bare "der Präsident" is not.
    held = {
        form
        for person in people
        for role in [m.role for m in person.mentions if m.role]
        for form in (role, role.rsplit("-", 1)[-1])
    }
    claimed = _Taken(taken + [(m.start, m.end) for p in people for m in p.role_mentions])
    named = sorted((m.start, i) for i, p in enumerate(people) for m in p.mentions)
    starts = [start for start, _ in named]
    # Where the run of mentions of one person that ends at each mention begins: one person
    # alone in a window is then one look-up, however long the sentences.
    runs = [0] * len(named)
    for j in range(1, len(named)):
        runs[j] = runs[j - 1] if named[j][1] == named[j - 1][1] else j
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text)]
    given: dict[str, _Person] = {}  # roles given here, for their later mentions
    for match in _ROLE_REFERENCE.finditer(text):
        role = match.group(1) or match.group(2)
        start, end = match.start(), match.end()
        if role in given and not claimed.overlaps(start, end):
            given[role].role_mentions.append(Mention(start, end, text[start:end]))
            claimed.add(start, end)
            continue
        if not lexicons.is_role_word(role) or role in held or claimed.overlaps(start, end):
            continue
        # From the start of the sentence before the one with the role phrase.
        i = bisect_right(breaks, start)
        window = breaks[i - 2] if i >= 2 else 0
        first, last = bisect_left(starts, window), bisect_left(starts, start)
        if last == first or runs[last - 1] > first:
            continue  # nobody or several people named there
        person = people[named[last - 1][1]]
        if any(m.role for m in person.mentions) or person.referred_role:
            continue
        # "die Labour-Politikerin" is no Thomas, "der Clan-Chef" no Maria.
        gender = lexicons.gender(person.tokens[0]) if len(person.tokens) > 1 else None
        if gender == ("m" if match.group(2) else "f"):
            continue
        person.referred_role = role
        given[role] = person
        held.update((role, role.rsplit("-", 1)[-1]))
        person.role_mentions.append(Mention(start, end, text[start:end]))
        claimed.add(start, end)


# --- firms named like people ------------------------------------------------------------

# Nouns (and compound heads) for a firm, a bank, a medium or a party that introduce its name:
# "der Tabakkonzern Philip Morris", "die US-Bank Morgan Stanley", "die Kanzlei Baker
# McKenzie", "der Sender Al Jazeera", "der Mobilfunkgigant Vodafone".
_FIRM_HEADS = (
    "konzern",
    "konzerns",
    "bank",
    "kanzlei",
    "sender",
    "senders",
    "firma",
    "unternehmen",
    "unternehmens",
    "hersteller",
    "herstellers",
    "produzent",
    "produzenten",
    "gigant",
    "giganten",
    "anbieter",
    "anbieters",
    "agentur",
    "verlag",
    "verlags",
    "partei",
    "index",
    "versicherer",
    "zulieferer",
    "fluggesellschaft",
    "airline",
    "reederei",
    "kette",
    "holding",
    "analysehaus",
    "brokerhaus",
    "bankhaus",
    "investmenthaus",
    "verwalter",
)
# Compound heads after a firm's name: "Lockheed-Martin-Konzern", "Goldman-Sachs-Aktie".
_FIRM_COMPOUND_HEADS = (*_FIRM_HEADS, "aktie", "aktien", "werk", "werke", "chef", "chefs")
_LEGAL_FORM_AFTER = re.compile(
    r",?\s+(?:AG|GmbH|KGaA|Inc\.?|Corp\.?|Co\.|Ltd\.?|LLC|LLP|plc|SE|S\.A\.|N\.V\.|"
    r"Holding|& Co\.?)(?![\w-])"
)
_WORD_BEFORE = re.compile(r"(\S+)\s+(\S+)\s+[„“\"»«]?$")


def _firms_apart(
    people: list[_Person], raws: list[_Raw], text: str
) -> tuple[list[_Person], list[_Person]]:
    """Firms, banks, law firms, media and parties named like people (``Philip Morris``,
    ``Morgan Stanley``, ``Beate Uhse AG``): what the article writes around any of their
    mentions, not the name, says so. A role, an age or a title keeps a person; a verb of
    saying does not (firms "teilen mit"). Also the last word of such a name alone
    (``Lockheed [Martin]``)."""
    compounds = _firm_compounds(text)
    firms: list[_Person] = []
    kept: list[_Person] = []
    for person in people:
        described = any(m.role or m.age for m in person.mentions if not m.untagged)
        named = _named_as_firm(person, text, compounds)
        (firms if not described and named else kept).append(person)
    # Names of firms by their last word, longest first.
    names: dict[str, list[str]] = defaultdict(list)
    known = {" ".join(firm.tokens) for firm in firms}
    known |= {r.key for r in raws if r.label == "ORG" and len(r.tokens) > 1}
    for name in sorted(known, key=len, reverse=True):
        names[name.rsplit(" ", 1)[-1]].append(name)
    fragments = [p for p in kept if _firm_fragment(p, names, text)]
    for fragment in fragments:
        fragment.mentions = [_with_firm_head(m, names, text) for m in fragment.mentions]
    return [p for p in kept if p not in fragments], firms + fragments


_COMPOUND = re.compile(r"(?<![\w-])\w+(?:-\w+)+")


def _firm_compounds(text: str) -> set[str]:
    """What the text writes before a firm's compound head, in one pass: ``Lockheed-Martin``
    of ``Lockheed-Martin-Konzern``, ``Goldman-Sachs`` of ``Goldman-Sachs-Aktie``."""
    found = set()
    for match in _COMPOUND.finditer(text):
        parts = match.group().split("-")
        for j in range(1, len(parts)):
            if parts[j].lower().endswith(_FIRM_COMPOUND_HEADS):
                found.add("-".join(parts[:j]))
    return found


def _named_as_firm(person: _Person, text: str, compounds: set[str]) -> bool:
    """A legal form after the name, a firm's noun right before a mention (itself no part of a
    name: "der Deutschen Bank Josef Ackermann" is a person), or a firm's compound of the
    name (``Lockheed-Martin-Konzern``)."""
    name = " ".join(person.tokens)
    has_first_name = len(person.tokens) > 1 and lexicons.is_first_name(person.tokens[0])
    if "-".join(person.tokens) in compounds:
        return True
    for mention in person.mentions:
        if text.startswith(name, mention.start) and _LEGAL_FORM_AFTER.match(
            text, mention.start + len(name)
        ):
            return True
        before = _WORD_BEFORE.search(text, max(0, mention.start - 60), mention.start)
        if (
            before is not None
            and before.group(2).lower().endswith(_FIRM_HEADS)
            and (not before.group(1)[:1].isupper() or before.group(1) in lexicons.ARTICLES)
            # "des Softwareunternehmens Kevin Lynch": after a genitive, a person of the firm.
            and not (before.group(1) in ("des", "eines") and has_first_name)
        ):
            return True
    return False


def _with_firm_head(raw: _Raw, names: dict[str, list[str]], text: str) -> _Raw:
    """``Martin`` after ``Lockheed ``: the mention of the whole name."""
    for name in names.get(raw.key, ()):
        head = name[: -len(raw.key)]
        if name.endswith(" " + raw.key) and text.endswith(head, 0, raw.start):
            return replace(raw, start=raw.start - len(head), tokens=name.split())
    return raw


def _firm_fragment(person: _Person, names: dict[str, list[str]], text: str) -> bool:
    """A one-word "person" that is the end of a firm's name and stands only after the rest
    of it: ``Martin`` in ``Lockheed Martin teilte mit``."""
    if len(person.tokens) != 1 or any(m.role or m.age for m in person.mentions):
        return False
    word = person.tokens[0]
    heads = [n[: -len(word)].rstrip() for n in names.get(word, ()) if n.endswith(" " + word)]
    return bool(heads) and all(
        any(text.endswith(head + " ", 0, m.start) for head in heads) for m in person.mentions
    )


# --- other entities -----------------------------------------------------------------------


def _group_others(
    raws: list[_Raw], people: list[_Person]
) -> list[tuple[str, EntityLabel, list[_Raw]]]:
    """Places, organisations and other names, grouped by their cleaned text."""
    person_spans = _Taken((m.start, m.end) for p in people for m in p.mentions)
    groups: dict[str, list[_Raw]] = defaultdict(list)
    for raw in raws:
        if person_spans.overlaps(raw.start, raw.end):
            continue
        if not raw.key[:1].isalnum() or raw.key.isdigit():
            continue
        if len(raw.tokens) == 1 and raw.tokens[0] in _SENTENCE_WORDS:
            continue
        groups[raw.key].append(raw)
    result: list[tuple[str, EntityLabel, list[_Raw]]] = []
    for key, members in groups.items():
        label = Counter(m.label for m in members).most_common(1)[0][0]
        if lexicons.is_place(key):
            label = "LOC"
        result.append((key, label, sorted(members, key=_order)))
    return result


# --- output -------------------------------------------------------------------------------


def _description(person: _Person) -> str | None:
    role = next((m.role for m in person.mentions if m.role), person.referred_role)
    age = next((m.age for m in person.mentions if m.age), None)
    parts = [p for p in (role, age) if p]
    return ", ".join(parts) if parts else None


def _canonical(person: _Person) -> str:
    """The fullest form as written (hyphens and initials kept), genitive -s dropped."""
    return " ".join(person.tokens)


def _to_entities(
    people: list[_Person],
    others: list[tuple[str, EntityLabel, list[_Raw]]],
    text: str,
) -> list[Entity]:
    rows: list[tuple[int, Entity]] = []
    for person in people:
        named = [Mention(m.start, m.end, text[m.start : m.end]) for m in person.mentions]
        mentions = sorted(set(named) | set(person.role_mentions), key=lambda m: m.start)
        entity = _entity(_canonical(person), "PER", mentions, _description(person))
        # Aliases are the name's other spellings; "der US-Präsident" is a mention, not a name.
        entity.aliases = _aliases(entity.name, sorted(named, key=lambda m: m.start))
        rows.append((mentions[0].start, entity))
    for key, label, members in others:
        mentions = sorted(
            {Mention(m.start, m.end, text[m.start : m.end]) for m in members}, key=lambda m: m.start
        )
        rows.append((mentions[0].start, _entity(key, label, mentions, None)))
    rows.sort(key=lambda row: row[0])
    entities = []
    for number, (_, entity) in enumerate(rows, start=1):
        entity.id = f"e{number}"
        entities.append(entity)
    return entities


def _entity(
    name: str, label: EntityLabel, mentions: list[Mention], description: str | None
) -> Entity:
    return Entity("", name, label, _aliases(name, mentions), description, mentions)


def _aliases(name: str, mentions: list[Mention]) -> list[str]:
    """The other surface forms, in order of first use, whitespace normalised."""
    aliases: dict[str, None] = {}
    for mention in mentions:
        surface = " ".join(mention.text.split())
        if surface != name:
            aliases[surface] = None
    return list(aliases)
