"""Who can be a speaker: the names of the article, pronouns, role phrases, and the noun
phrases that open a sentence or follow a source cue.

``NameIndex`` holds the person and organisation mentions in text order, with the speakers
found so far, and resolves ``er``/``sie`` to the last person of that gender, preferring the
speaker quoted just before. ``phrase_speaker`` picks the speaker named in a stretch of text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.lang.de.nouns import FEMININE_ENDINGS, speaker_noun
from reader.lang.de.words import (
    DEFINITE_ARTICLES,
    MONTHS,
    PREPOSITIONS,
    SENTENCE_OPENERS,
    WEEKDAYS,
    word_set,
)
from reader.model import Entity
from reader.quotes.clauses import WORD, sentence_initial, words
from reader.quotes.cues import has_reporting_verb
from reader.quotes.direct import german_noun
from reader.rulebook import rule

if TYPE_CHECKING:
    from reader.quotes.grammar import Grammar

# Capitalised words that open sentences or name days and months: no names.
FUNCTION_WORDS = SENTENCE_OPENERS | WEEKDAYS | MONTHS
# Determiners of an object: a phrase after them does not speak.
OBLIQUE = word_set("den dem des einen einem eines seinen seinem seines ihren ihrem ihres")
_GENITIVE_DETERMINERS = frozenset(["des", "eines", "seines", "ihres"])
_ROLE_PHRASE = re.compile(
    r"\b(?:[Dd](?:er|ie|as|es|em|en|essen|eren)|[Ee]in(?:e[rsmn]?)?|[Ee]inige|[Ss]ein(?:e[rsmn]?)?|"
    r"[Ii]hr(?:e[rsmn]?)?)\s+(?:(?:der|des)\s+(?:\d+\s+)?)?"
    r"(?:(?!(?:der|die|das|den|dem|des)\s)[a-zäöüß\d][\w-]*(?:e|en|er)\s+){0,3}"
    r"((?:\d+-)?[A-ZÄÖÜ][\w-]+)"
    r"(?:\s+(?:de[rs]|von|vom)\s+(?:[a-zäöüß][\w-]*(?:e|en|er)\s+){0,2}[A-ZÄÖÜ][\w-]+)?"
)
_PRONOUN = re.compile(r"\b(er|sie|Er|Sie)\b")
# A name in quotation marks after an article ("schreibt die „Computerwoche“"), or a title
# that carries its own article ("schrieb „Die Zeit“").
_QUOTED_NAME = re.compile(
    r"(?:\b(?:[Dd]er|[Dd]ie|[Dd]as)\s+[„»«\"]([A-ZÄÖÜ][^„“”»«\"\n]{1,50})"
    r"|(?<=\s)[„»«\"]((?:Der|Die|Das)\s[A-ZÄÖÜ][^„“”»«\"\n]{1,40}))[“”«»\"]"
)
_CAPITALISED = re.compile(r"\b[A-ZÄÖÜ][\w’'-]*[a-zäöüß]\b(?:\s+[A-ZÄÖÜ][\w-]*[a-zäöüß]\b)*")
_NAME_ENDINGS = ("mann", "berg", "stein", "burg", "feld", "bach", "dorf", "hof", "meier")
# How adverbs and adjectives end: a capitalised sentence opener ending so is no name.
_ADVERB_ENDINGS = (
    "lich", "ig", "isch", "ens", "ers", "weise", "mal", "dem", "aus", "ein", "her", "hin",
    "rum", "dere", "ders", "wegen", "falls", "dings", "zeit", "über", "unter", "gegen",
    "seits", "wärts", "los", "bar", "sam", "haft", "iert", "t", "end", "nach", "vor", "zu",
    "mit",
)  # fmt: skip
# How far back (characters) the last quoted speaker stays who "er"/"sie" most likely is.
RECENT_SPEAKER = 800


@dataclass(frozen=True, slots=True)
class Name:
    """A name the quote finder may give as speaker: ``text[start:end]`` of entity ``entity``."""

    start: int
    end: int
    entity: str | None
    name: str
    gender: str | None = None
    label: str = "PER"  # organisations ("ORG") speak too, but are never an "er"/"sie"


@dataclass(slots=True)
class Speaker:
    """A speaker found in the text: an entity, or a phrase (``name``) at ``position``."""

    entity: str | None
    name: str
    position: int
    guess: bool = False  # a capitalised word taken for a name, not a known name or role


def gender_of(first_name: str) -> str | None:
    """ "male", "female" or None from the first-name list."""
    from reader import lexicons

    return {"m": "male", "f": "female"}.get(lexicons.gender(first_name) or "")


def names_from_entities(entities: Sequence[Entity]) -> list[Name]:
    """Person and organisation mentions as name spans, sorted, with a person's gender where
    it is known (organisations speak through statements: "teilte die Polizei mit")."""
    names: list[Name] = []
    for entity in entities:
        if entity.label not in ("PER", "ORG"):
            continue
        parts = entity.name.split()
        gender = gender_of(parts[0]) if len(parts) > 1 and entity.label == "PER" else None
        names.extend(
            Name(m.start, m.end, entity.id, entity.name, gender, entity.label)
            for m in entity.mentions
        )
    names.sort(key=lambda n: (n.start, n.end))
    return names


def roles_of(entities: Sequence[Entity]) -> dict[str, str]:
    """Role words of people's descriptions ("Kremlsprecher") → entity id, and the heads of
    compound roles ("Bundesfinanzministerin" → "Ministerin") and ages ("34") where only one
    person has them."""
    from reader.lexicons import role_head

    roles: dict[str, str] = {}
    heads: dict[str, set[str]] = {}
    for entity in entities:
        if entity.label == "PER" and entity.description:
            for word in WORD.findall(entity.description):
                if word.isdigit():
                    heads.setdefault(word, set()).add(entity.id)
                if not word[:1].isupper():
                    continue
                roles.setdefault(word, entity.id)
                heads.setdefault(role_head(word), set()).add(entity.id)
    for head, ids in heads.items():
        if len(ids) == 1 and head not in roles:
            roles[head] = next(iter(ids))
    return roles


class NameIndex:
    """Name spans sorted by start, for "the names between a and b" and "the last name before",
    and the speakers found so far, for the pronouns."""

    def __init__(
        self,
        names: Sequence[Name],
        text: str = "",
        sentences: Sequence[tuple[int, int]] = (),
        paragraphs: Sequence[tuple[int, int]] = (),
        grammar: Grammar | None = None,
    ) -> None:
        self.grammar = grammar
        self.names = sorted(names, key=lambda n: (n.start, n.end))
        self.starts = [n.start for n in self.names]
        self.text = text
        self.sentences = sorted(sentences)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.paragraph_starts = sorted(s for s, _ in paragraphs)
        self.by_entity = {n.entity: n for n in self.names if n.entity is not None}
        # Answers of reader.quotes.coref, kept: in a long sentence every pronoun asks again
        # about the same names and the same earlier "er", which made the cost grow as a power.
        self.antecedents: dict[tuple[int, str | None, str, int], Name | None] = {}
        self.roles: dict[tuple[int, int, int], int] = {}
        # Quote starts and their named speakers, sorted by start.
        self.speaker_starts: list[int] = []
        self.speakers: list[Name] = []

    def note_speaker(self, position: int, entity: str | None) -> None:
        """Remember who spoke at ``position``: the likeliest person a later "er" stands for."""
        name = self.by_entity.get(entity) if entity else None
        if name is not None:
            i = bisect_right(self.speaker_starts, position)
            self.speaker_starts.insert(i, position)
            self.speakers.insert(i, name)

    def between(self, start: int, end: int) -> list[Name]:
        i = bisect_left(self.starts, start)
        found = []
        while i < len(self.names) and self.names[i].start < end:
            if self.names[i].end <= end:
                found.append(self.names[i])
            i += 1
        return found

    def last_before(
        self, position: int, gender: str | None, limit: int = 3000, label: str = "PER"
    ) -> Name | None:
        """The closest earlier person of a compatible gender (``label="ORG"``: the closest
        organisation instead, for a plural "sie"), or the speaker quoted just before when
        they fit."""
        if rule("coref.salience") and self.sentences:
            from reader.quotes.coref import salient_antecedent

            found = salient_antecedent(self, position, gender, label)
            if found is not None:
                return found
        i = bisect_left(self.starts, position) - 1
        while i >= 0 and position - self.names[i].start <= limit:
            name = self.names[i]
            i -= 1
            if name.label != label:
                continue
            if gender is not None and name.gender not in (None, gender):
                continue
            return self._recent_speaker(position, gender, label) or name
        return self._recent_speaker(position, gender, label)

    def _recent_speaker(self, position: int, gender: str | None, label: str) -> Name | None:
        """The last speaker quoted shortly before ``position`` when they fit the pronoun:
        news goes on about who spoke last rather than whoever was named last."""
        if not rule("coref.recent-speaker"):
            return None
        i = bisect_left(self.speaker_starts, position) - 1
        if i < 0 or position - self.speaker_starts[i] > RECENT_SPEAKER:
            return None
        name = self.speakers[i]
        if name.label == label and (gender is None or name.gender == gender):
            return name
        return None

    def role(self, position: int, clause_start: int) -> int:
        """The grammatical role of the phrase at ``position``: from the parse where the
        sentence was parsed, else from the words of its clause before it."""
        from reader.quotes.coref import role_at

        if self.grammar is not None and rule("grammar.roles"):
            found = self.grammar.role(position)
            if found is not None:
                return found
        return role_at(self.text, position, clause_start)

    def is_entity_person(self, speaker: Speaker) -> bool:
        """Whether the speaker is an entity the article names as a person."""
        name = self.by_entity.get(speaker.entity) if speaker.entity else None
        return name is not None and name.label == "PER"

    def is_person(self, speaker: Speaker) -> bool:
        """Whether a person's name starts at or right after the speaker's position."""
        return any(
            n.label == "PER" for n in self.between(speaker.position, speaker.position + 80)[:1]
        )


def is_genitive(text: str, name: Name) -> bool:
    """A name written with a genitive ending its entity's name lacks ("Merkels")."""
    surface = text[name.start : name.end]
    return surface.endswith(("s", "’", "'")) and not name.name.endswith("s")


def is_oblique(text: str, position: int, floor: int = 0) -> bool:
    """Whether a noun phrase at ``position`` follows a preposition or a dative/accusative
    article ("an die Lehrkräfte", "dem Minister Schäuble"): then it is not the speaker."""
    before = WORD.findall(text[max(floor, position - 40) : position])[-2:]
    if not before:
        return False
    last = before[-1].lower()
    if last in PREPOSITIONS or last in OBLIQUE or last in ("ihm", "ihr", "ihn"):
        return True
    if len(before) == 2 and before[-1][0].isupper() and speaker_noun(before[-1]):
        first = before[0].lower()
        return first in PREPOSITIONS or first in OBLIQUE
    if len(before) == 2 and last in DEFINITE_ARTICLES and before[0].lower() != "von":
        return before[0].lower() in PREPOSITIONS  # "gegenüber der ARD", not "von der Leyen"
    return False


def adverb_like(word: str) -> bool:
    """A capitalised sentence opener that looks like an adverb or adjective, not a name."""
    return word.lower().endswith(_ADVERB_ENDINGS) or word in FUNCTION_WORDS


def frequent(word: str) -> bool:
    """A very common German word ("weiter", "dennoch"): no name."""
    from reader.lexicons import zipf

    return zipf(word, "de") >= 4.5


def is_noun(word: str) -> bool:
    """A German common noun, not a surname made of one ("Zimmermann")."""
    from reader.lexicons import is_common_noun

    return is_common_noun(word) and not word.endswith(("mann", "berg", "stein"))


def plural_verb(text: str, start: int, end: int) -> bool:
    """Whether the finite verb next to "sie" at ``text[start:end]`` is plural ("sagten sie",
    "sie forderten"): then "sie" is a group or organisation, not a woman."""
    lead = re.split(r"[.!?:;„“”«»]", text[max(0, start - 20) : start])[-1]
    before = WORD.findall(lead)  # "… zu schreiben. Sie sagte": not across a sentence end
    after = WORD.match(text[end : end + 20].lstrip())
    for word in (before[-1] if before else "", after.group(0) if after else ""):
        if word.islower() and word.endswith("en") and has_reporting_verb([word], text[start:end]):
            return True
    return False


def can_speak(speaker: Speaker) -> bool:
    """Whether a subject phrase names someone who can say something: a known name, a role
    or institution ("der Sprecher", "die Behörde") or a name the lexicon does not know."""
    return speaker.entity is not None or any(
        speaker_noun(w) or (not german_noun(w) and w not in FUNCTION_WORDS)
        for w in words(speaker.name)
        if w[:1].isupper()
    )


@dataclass(frozen=True, slots=True)
class _Stretch:
    """A stretch of text searched for a speaker, and what the search knows."""

    text: str
    start: int
    end: int
    index: NameIndex
    roles: dict[str, str]
    first: bool
    pronoun_object: bool


def phrase_speaker(
    text: str,
    start: int,
    end: int,
    index: NameIndex,
    roles: dict[str, str],
    first: bool,
    guess: bool = True,
    pronoun_object: bool = False,
    before_verb: bool = False,
) -> Speaker | None:
    """The speaker named in ``text[start:end]``: a person's name, a pronoun or a role phrase.

    ``first`` picks the leftmost candidate (after a verb: "sagte Merkel"), otherwise the
    rightmost (before a verb: "Merkel sagte"). ``guess`` also takes capitalised words that
    are no known nouns for names; ``pronoun_object``: a pronoun at the start is the verb's
    object ("nannte sie"); ``before_verb``: the stretch is a clause up to its verb, whose
    subject stands first in it.
    """
    if start >= end:
        return None
    stretch = _Stretch(text, start, end, index, roles, first, pronoun_object)
    candidates = _named(stretch) + _pronouns(stretch)
    candidates += _role_phrases(stretch, candidates)
    candidates += _quoted_names(stretch, candidates)
    if guess and rule("phrase.guess"):
        candidates += _guessed_names(stretch, candidates)
    if not candidates:
        return None
    candidates.sort(key=lambda c: c[0])
    if first:
        return candidates[0][1]
    if before_verb and rule("verb.subject-role"):
        from reader.quotes.roles import SUBJECT

        # Before a verb at a clause's end the subject opens the clause: "Als Rubio nach einem
        # Telefonat mit Lawrow meldete" is Rubio's.
        subjects = [c for c in candidates if c[1].entity is not None or c[1].name]
        subjects = [c for c in subjects if index.role(c[0], start) == SUBJECT]
        if subjects:
            return subjects[-1][1]
    return candidates[-1][1]


def _named(s: _Stretch) -> list[tuple[int, Speaker]]:
    """The article's names in the stretch that are no genitives ("die Eignung Merkels")."""
    return [
        (name.start, Speaker(name.entity, name.name, name.start))
        for name in s.index.between(s.start, s.end)
        if not (rule("phrase.genitive") and is_genitive(s.text, name))
    ]


def _pronouns(s: _Stretch) -> list[tuple[int, Speaker]]:
    """ "er"/"sie" in the stretch, each as the person it stands for (or no one)."""
    found: list[tuple[int, Speaker]] = []
    if not rule("phrase.pronoun"):
        return found
    segment = s.text[s.start : s.end]
    for match in _PRONOUN.finditer(segment):
        at = s.start + match.start()
        word = match.group(1).lower()
        if is_oblique(s.text, at, s.start):
            continue
        if s.pronoun_object and not segment[: match.start()].strip():
            continue
        plural = word == "sie" and plural_verb(s.text, at, s.start + match.end())
        gender = "male" if word == "er" else "female"
        person = s.index.last_before(at, gender, label="ORG" if plural else "PER")
        # Nobody to resolve the pronoun to: a speaker without a name.
        found.append(
            (at, Speaker(person.entity, person.name, at) if person else Speaker(None, "", s.start))
        )
    return found


def _role_phrases(s: _Stretch, taken: list[tuple[int, Speaker]]) -> list[tuple[int, Speaker]]:
    """Role phrases that can be a subject ("der Staatsanwalt"), linked to the one person of
    the article with that role when the article is definite."""
    found: list[tuple[int, Speaker]] = []
    if not rule("phrase.role"):
        return found
    for match in _ROLE_PHRASE.finditer(s.text[s.start : s.end]):
        head = match.group(1)
        determiner = match.group(0).split()[0].lower()
        position = s.start + match.start()
        if not speaker_noun(head) or (s.first and determiner in OBLIQUE):
            continue
        if determiner in _GENITIVE_DETERMINERS:
            continue  # "die Sicherheit seines Chefs": a genitive owns, it does not speak
        if determiner == "der" and head.endswith(FEMININE_ENDINGS):
            continue  # "der Regierung": dative or genitive, not a subject
        if is_oblique(s.text, position, s.start):
            continue
        if any(position <= p < position + len(match.group(0)) + 3 for p, _ in taken + found):
            continue  # "der Kremlsprecher Peskow": the name is the speaker
        # "der Kremlsprecher" is the one person with that role; "ein Sprecher" another.
        entity = s.roles.get(head) if determiner in ("der", "die") else None
        found.append((position, Speaker(entity, match.group(0), position)))
    return found


def _quoted_names(s: _Stretch, taken: list[tuple[int, Speaker]]) -> list[tuple[int, Speaker]]:
    """A name in quotation marks after an article: "schreibt die „Computerwoche“"."""
    found: list[tuple[int, Speaker]] = []
    if not rule("phrase.quoted-name"):
        return found
    for match in _QUOTED_NAME.finditer(s.text[s.start : s.end]):
        position = s.start + match.start()
        if is_oblique(s.text, position, s.start) or any(
            position <= p < s.start + match.end() for p, _ in taken + found
        ):
            continue
        # "die „Netzwelt“" is named with its article: a noun phrase, not a bare word.
        name = f"{match.group(0).split()[0]} {match.group(1)}" if match.group(1) else match.group(2)
        found.append((position, Speaker(None, name, position)))
    return found


def _guessed_names(s: _Stretch, taken: list[tuple[int, Speaker]]) -> list[tuple[int, Speaker]]:
    """Capitalised words that are no German nouns: names the model may have missed."""
    found: list[tuple[int, Speaker]] = []
    for match in _CAPITALISED.finditer(s.text[s.start : s.end]):
        word, position = match.group(0), s.start + match.start()
        while " " in word and (word.split()[0] in FUNCTION_WORDS or german_noun(word.split()[0])):
            skipped = len(word) - len(word[len(word.split()[0]) :].lstrip())
            word, position = word[skipped:], position + skipped
        if any(
            p <= position < p + 60 or position <= p < position + len(word) for p, _ in taken + found
        ):
            continue
        if _guess_is_name(s, word, position):
            found.append((position, Speaker(None, word, position, guess=True)))
    return found


def _guess_is_name(s: _Stretch, word: str, position: int) -> bool:
    from reader.lexicons import is_first_name

    head = word.split()[0]
    if (
        " " not in word
        and word.endswith("s")
        and re.search(r"[A-ZÄÖÜ]\w+\s+$", s.text[max(0, position - 30) : position])
    ):
        return False  # "die Eignung Merkels": a genitive after its noun
    if " " in word and is_first_name(head):
        return not is_oblique(s.text, position, s.start)
    return not (
        head in FUNCTION_WORDS
        or is_noun(word.split()[-1])
        or (german_noun(word.split()[-1]) and not word.endswith(_NAME_ENDINGS))
        or (
            " " not in word
            and sentence_initial(s.text, position)
            and (adverb_like(word) or frequent(word))
        )
        or is_oblique(s.text, position, s.start)
    )
