"""The speaker of a direct quote, read off its frame: ``„…“, sagte X`` / ``„…“, so X`` /
``X sagte: „…“`` / ``heißt es in der Erklärung`` / a phrase quoted inside a sentence."""

from __future__ import annotations

import re

from reader.lang.de.words import DEFINITE_ARTICLES, INDEFINITE_ARTICLES, PREPOSITIONS
from reader.quotes.clauses import WORD, clause_after, clause_before, words
from reader.quotes.coref import SUBJECT, role_at
from reader.quotes.cues import KONJUNKTIV, has_reporting_verb, verb_positions
from reader.quotes.marks import QuoteSpan
from reader.quotes.phrases import source_phrase
from reader.quotes.sources import SAID_IN, document_speaker
from reader.quotes.speakers import NameIndex, Speaker, is_genitive, phrase_speaker
from reader.quotes.subjects import speaker_at_verb
from reader.rulebook import rule

_SO_AFTER = re.compile(
    r"^[“”«»‹›\"']?\s*[,–—]?\s*(so|laut|gemäß|gemäss)\s|,\s*(so|laut|gemäß|gemäss)\s"
)
_SOURCE_WORDS = ("so", "laut", "gemäß", "gemäss")
_CLOSING_MARKS = "“”«»‹›\"'"
_AGE = re.compile(r"\(\s*\d{1,3}\s*\)")
# What may stand between the subject of a gapped clause and its quote: "von einem «…»".
_GAP_WORDS = PREPOSITIONS | DEFINITE_ARTICLES | INDEFINITE_ARTICLES | {"als", "vom", "zum"}
_ADJECTIVE = re.compile(r"[a-zäöüß]+(?:e|en|er|es|em)")


def attribute(
    text: str, span: QuoteSpan, floor: int, ceiling: int, index: NameIndex, roles: dict[str, str]
) -> tuple[Speaker | None, str | None]:
    """Speaker and cue of a direct quote from the frame around it (``floor``/``ceiling``: the
    paragraph), or (None, None)."""
    close = span.end + (1 if span.closed else 0)
    open_at = span.start - 1
    before = clause_before(text, open_at, floor)
    before_start = open_at - len(before)
    after = clause_after(text, close, ceiling)
    after_end = close + len(after)
    found: tuple[Speaker, str | None] | None = _after_comma(text, close, after, index, roles)
    if found is None:
        found = _so_source(text, close, after, index, roles)
    if found is None and rule("speaker.heisst-es"):
        found = _said_in(text, (before_start, open_at), (close, after_end), index=index)
    if found is None and rule("frame.gapped-subject"):
        found = _gapped_subject(text, before_start, open_at, index)
    if found is None:
        found = _verb_around(text, (before_start, open_at), (close, after_end), index, roles)
    if (
        found is None
        and rule("speaker.phrase-in-sentence")
        and before.strip()
        and not any(w in KONJUNKTIV for w in words(before))
    ):
        # A phrase quoted inside a sentence without a reporting verb: its subject said it
        # (in a Konjunktiv sentence the report goes on: the last speaker said it).
        speaker = phrase_speaker(text, before_start, open_at, index, roles, first=True, guess=False)
        found = (speaker, None) if speaker is not None else None
    return found if found is not None else (None, None)


def _after_comma(
    text: str, close: int, after: str, index: NameIndex, roles: dict[str, str]
) -> tuple[Speaker, str] | None:
    """„…“, so X / „…“, sagte X: a source word or a reporting verb right after the quote's
    comma, dash or bracket."""
    stripped = after.lstrip("“”«»‹›\"' ")
    if not stripped.startswith((",", "–", "—", "(")):
        return None
    after_end = close + len(after)
    lead = after_end - len(stripped) + 1
    following = list(WORD.finditer(text, lead, after_end))[:4]
    if rule("speaker.so-after") and following and following[0].group(0).lower() in _SOURCE_WORDS:
        at = following[0].end()
        speaker = source_phrase(text, at, after_end, index, True) or phrase_speaker(
            text, at, after_end, index, roles, first=True
        )
        if speaker is not None:
            return speaker, following[0].group(0)
    for word in following[:3]:
        if has_reporting_verb([word.group(0)], after) or word.group(0) in ("hieß", "ließ"):
            verb = (word.start(), word.end(), word.group(0))
            speaker = speaker_at_verb(text, verb, lead, after_end, index, roles)
            if speaker is not None:
                return speaker, word.group(0)
    return None


def _so_source(
    text: str, close: int, after: str, index: NameIndex, roles: dict[str, str]
) -> tuple[Speaker, str] | None:
    """ ", so X" or ", laut X" further on in the clause after the quote."""
    so = _SO_AFTER.search(after) if rule("speaker.so-after") else None
    if so is None:
        return None
    at, after_end = close + so.end(), close + len(after)
    speaker = source_phrase(text, at, after_end, index, True) or phrase_speaker(
        text, at, after_end, index, roles, first=True
    )
    return (speaker, so.group(1) or so.group(2)) if speaker is not None else None


def _said_in(text: str, *regions: tuple[int, int], index: NameIndex) -> tuple[Speaker, str] | None:
    """ "heißt es in der Erklärung", "In dem Antrag heißt es:": the document speaks."""
    for region in regions:
        said = SAID_IN.search(text, *region)
        if said is not None:
            speaker = document_speaker(text, said, region[0], index)
            if speaker is not None:
                return speaker, " ".join(said.group(0).split())
    return None


def _gapped_subject(
    text: str, before_start: int, open_at: int, index: NameIndex
) -> tuple[Speaker, str] | None:
    """ "Peskow spricht von «…», Sacharowa von einem «…»": a clause after a comma with no verb
    of its own shares the verb before it, and the person opening it is its subject. Only the
    parallel shape counts: the first clause ends in a quote, the second is the person, a
    preposition or article and the quote."""
    comma = text.rfind(",", before_start, open_at)
    if comma < 0 or text[comma - 1 : comma] not in _CLOSING_MARKS:
        return None
    shared = verb_positions(text, before_start, comma)
    if not shared:
        return None
    people = [
        n
        for n in index.between(comma + 1, open_at)
        if n.label == "PER" and not is_genitive(text, n)
    ]
    if not people or role_at(text, people[0].start, comma + 1) != SUBJECT:
        return None
    between = _AGE.sub(" ", text[people[-1].end : open_at])
    if not all(w.lower() in _GAP_WORDS or _ADJECTIVE.fullmatch(w) for w in words(between)):
        return None  # "…», Gillibrand sei „…": a clause of its own, with its verb
    return Speaker(people[0].entity, people[0].name, people[0].start), shared[-1][2]


def _verb_around(
    text: str,
    before: tuple[int, int],
    after: tuple[int, int],
    index: NameIndex,
    roles: dict[str, str],
) -> tuple[Speaker, str] | None:
    """The subject of the last reporting verb before the quote, else of the first after it
    (looked for after the quote, never inside it)."""
    verbs_before = verb_positions(text, *before)
    if verbs_before:
        verb = verbs_before[-1]
        speaker = speaker_at_verb(text, verb, before[0], before[1], index, roles)
        if speaker is not None:
            return speaker, verb[2]
    verbs_after = verb_positions(text, *after)
    if verbs_after:
        speaker = speaker_at_verb(text, verbs_after[0], after[0], after[1], index, roles)
        if speaker is not None:
            return speaker, verbs_after[0][2]
    return None
