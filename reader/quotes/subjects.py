"""The subject of a reporting verb: the phrase that opens the clause right before the verb,
the phrase right after it ("sagte der Sprecher"), or the last speaker-like phrase before it."""

from __future__ import annotations

import re

from reader.quotes.clauses import PHRASE_STOP
from reader.quotes.cues import takes_object, transitive
from reader.quotes.phrases import subject_phrase
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
    # "Kristina Schröder (CDU) sagte hierzu der Zeitung": a subject opening the clause right
    # before the verb. ("zitiert X Y": Y is who is quoted, X the medium.)
    opening = subject_phrase(text, lo, v_end, index, verb_at=v_start)
    if opening is not None and not quoting:
        return opening
    after = _after_verb(text, verb, hi, index, roles, quoting)
    nominative = after is not None and re.match(
        r"[Ee]r\b", text[after.position : after.position + 3]
    )
    if (
        rule("verb.object-after")
        and after is not None
        and takes_object(word)
        and not quoting
        and not nominative
    ):
        # "Ein Fernsehsender zitierte Papandreou", "Rice nannte Shultz einen …": what follows
        # these verbs is their object when a subject stands before them in the clause.
        subject = phrase_speaker(text, max(lo, v_start - 120), v_start, index, roles, first=True)
        if subject is not None:
            return subject
    if after is not None:
        return after
    return phrase_speaker(
        text, max(lo, v_start - 160), v_start, index, roles, first=False, before_verb=True
    )


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
