"""The subject of a reporting verb: the phrase that opens the clause right before the verb,
the phrase right after it ("sagte der Sprecher"), or the last speaker-like phrase before it."""

from __future__ import annotations

import re

from reader.quotes.clauses import PHRASE_STOP
from reader.quotes.cues import takes_object, transitive
from reader.quotes.phrases import subject_phrase
from reader.quotes.roles import GENITIVE, OBLIQUE
from reader.quotes.speakers import NameIndex, Speaker, phrase_speaker
from reader.rulebook import rule

# Right after a reporting verb, a nominative phrase: "spricht der Gesetzentwurf".
_NOMINATIVE = re.compile(
    r"\s+(?:sich\s+)?((?:der|die|das)\s+(?:[a-zäöüß][\w-]*(?:e|en|er)\s+){0,3}[A-ZÄÖÜ][\w-]*[a-zäöüß])\b"
)


def speaker_at_verb(
    text: str,
    verb: tuple[int, int, str],
    lo: int,
    hi: int,
    index: NameIndex,
    roles: dict[str, str],
) -> Speaker | None:
    """The subject of the reporting verb ``verb`` (start, end, word) in ``text[lo:hi]``."""
    v_start, v_end, word = verb
    quoting = word.lower().startswith("zitier")
    parsed = _parsed_subject(text, verb, lo, hi, index, roles) if not quoting else None
    if parsed is not None:
        return parsed
    # "Kristina Schröder (CDU) sagte hierzu der Zeitung": a subject opening the clause right
    # before the verb. ("zitiert X Y": Y is who is quoted, X the medium.)
    opening = subject_phrase(text, lo, v_end, index, verb_at=v_start)
    if opening is not None and not quoting:
        return opening
    after = _after_verb(text, verb, hi, index, roles, quoting)
    if after is not None:
        return after
    return phrase_speaker(
        text, max(lo, v_start - 160), v_start, index, roles, first=False, before_verb=True
    )


# Right after a finite verb, a pronoun that can only be a nominative is its subject.
_NOMINATIVE_PRONOUN = re.compile(r"\s+(er|ich|wir)\b")
_BETWEEN_COMMAS = re.compile(r"(?:\s*\([^()]{1,40}\))?\s*,")


def _parsed_subject(
    text: str,
    verb: tuple[int, int, str],
    lo: int,
    hi: int,
    index: NameIndex,
    roles: dict[str, str],
) -> Speaker | None:
    """The verb's subject as the parse gives it: the person named in it ("Günther Platter,
    der Minister Österreichs, das …, sagte"), else its speaker phrase or pronoun ("Deren
    Haltung bezeichnete er als …")."""
    if index.grammar is None or not rule("verb.parsed-subject"):
        return None
    pronoun = _NOMINATIVE_PRONOUN.match(text, verb[1], hi)
    if pronoun is not None:  # "lobte er": only a subject can be "er", whatever the parser says
        return phrase_speaker(text, pronoun.start(1), pronoun.end(1), index, roles, first=True)
    span = index.grammar.subject_of(verb[0])
    if span is None:
        return None
    start, end = max(lo, span[0]), min(hi, span[1])
    if start >= end:
        return None
    people = [n for n in index.between(start, end) if n.label == "PER"]
    # "Der Doktorvater zu Guttenbergs, Peter Häberle,": the person set off by commas is the
    # subject, not the one in its genitive or prepositional phrase.
    set_off = [
        n
        for n in people
        if _BETWEEN_COMMAS.match(text, n.end) and text[start : n.start].rstrip().endswith(",")
    ]
    plain = [n for n in people if index.role(n.start, start) not in (GENITIVE, OBLIQUE)]
    for person in set_off[:1] or plain[:1]:
        return Speaker(person.entity, person.name, person.start)
    return phrase_speaker(text, start, end, index, roles, first=True)


def _after_verb(
    text: str,
    verb: tuple[int, int, str],
    hi: int,
    index: NameIndex,
    roles: dict[str, str],
    quoting: bool,
) -> Speaker | None:
    """The speaker right after the verb, before the next comma: in "sagte, der Pilot trage …"
    the name after the comma belongs to the reported clause. After "zitiert" who is quoted
    stands last, the medium quoting them first."""
    _, v_end, word = verb
    after_hi = min(hi, v_end + 70)
    stop = PHRASE_STOP.search(text, v_end, after_hi)
    cut = stop.start() if stop else after_hi
    after = phrase_speaker(
        text,
        v_end,
        cut,
        index,
        roles,
        first=not quoting,
        pronoun_object=takes_object(word) and not quoting,
    )
    if after is not None and after.position - v_end > (60 if quoting else 40):
        after = None
    if rule("verb.nominative-after") and after is None and not transitive(word):
        # Right after a reporting verb a nominative phrase is its subject, whatever its
        # noun: "spricht der Gesetzentwurf", "teilte das Ministerium mit".
        subject = _NOMINATIVE.match(text, v_end, cut)
        if subject is not None:
            after = Speaker(None, subject.group(1), subject.start(1))
    return after
