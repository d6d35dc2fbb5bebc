"""Real quotes against quoted names, titles and scare quotes.

A quoted string is a statement when it reads like one (a pronoun, a finite verb, a sentence
end) and something around it marks speech (a colon, ``, sagte X``, a reporting verb); long
quotes count unless they look like a title; short ones need a cue, a Konjunktiv, or a word
that puts a label on something (``als``, ``nannte``). This follows what the German WikiNews
gold annotates as direct speech: whole sentences and clauses, and short phrases that someone
said (``nannte den Plan „verfehlt“``), not titles, names or labels (``die Zeitung „Die
Zeit“``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.lang.de.verbs import utterance_nouns
from reader.lang.de.words import DEFINITE_ARTICLES, INDEFINITE_ARTICLES, NEGATIVE_ARTICLES, word_set
from reader.quotes.clauses import clause_after, clause_before, words
from reader.quotes.cues import KONJUNKTIV, has_reporting_verb
from reader.quotes.marks import QuoteSpan
from reader.rulebook import rule

# Words that make a quoted string a statement rather than a name: pronouns, finite verbs.
STATEMENT_WORDS = (
    word_set("""
    ich wir du ihr mich mir uns euch man es ist sind war waren bin hat haben hatte hatten wird
    werden wurde wurden kann können konnte muss müssen musste soll sollen sollte will wollen
    wollte darf dürfen gibt gab geht ging nicht kein keine keinen nichts sehr auch noch schon
    nur doch mehr dass weil wenn aber denn jetzt hier heute dies das
    """)
    | KONJUNKTIV
)
# Words right before a quote that make it words someone used: "als „Lügner“", "von „Verrat“".
_AS_CUES = word_set(
    "als nannte nannten nennt bezeichnete bezeichneten bezeichnet sprach sprachen spricht von "
    "vor zu"
)
_INDEFINITE = INDEFINITE_ARTICLES | NEGATIVE_ARTICLES
# An ordinal's full stop ("XX. Kategorie", "22. Juni") ends no sentence.
_ORDINAL = re.compile(r"\b(?:\d{1,4}|[IVXLC]{1,7})\.(?=\s+\S)")
# Verbs that label something with someone's words: "… als „Wortbruch“ zurückgewiesen".
_LABELLING = re.compile(
    r"\b(?:bezeichn\w*|nannte\w*|nennt|genannt|kritisier\w*|verurteil\w*|wertet\w*|sieht|sah|"
    r"zurück\w*|beschrieb\w*|beschreibt|lobt\w*|feiert\w*|würdigt\w*|empfind\w*|betrachte\w*|"
    r"charakterisier\w*|verteidigt\w*|sprach|spricht|warnt\w*)\b"
)


@dataclass(frozen=True, slots=True)
class _Context:
    """What stands in and around a quoted string, as the decision reads it."""

    quote: str
    words: list[str]
    before: str
    after: str
    before_words: list[str]
    previous: str  # the word right before the opening mark, lower-cased
    capitalised: float  # share of words that are capitalised or numbers
    statement: bool
    ends_sentence: bool
    cue: bool  # a reporting verb near the quote
    colon: bool
    so_after: bool  # ", sagte X" / ", so X" right after it
    konjunktiv: bool


def _context(text: str, span: QuoteSpan, floor: int, ceiling: int) -> _Context | None:
    quote = text[span.start : span.end].strip()
    quoted = words(quote)
    if not quoted:
        return None
    before = clause_before(text, span.start - 1, floor)
    after = clause_after(text, span.end + (1 if span.closed else 0), ceiling)
    before_words = words(before)
    after_words = words(after)[:4]
    lowered = [w.lower() for w in quoted]
    plain = _ORDINAL.sub("", quote)
    # ", sagte X" / ", so X": the verb comes first; ", Commander Henderson sagte" is an
    # apposition after a name ("ein Sprecher der „Polizei von DeLand“, …").
    so_after = after.lstrip("“”«»\"' ").startswith(",") and bool(
        after_words
        and (
            after_words[0] == "so"
            or has_reporting_verb(after_words[:1], after)
            or after_words[0] in ("hieß", "heißt", "ließ", "lässt")
        )
    )
    return _Context(
        quote=quote,
        words=quoted,
        before=before,
        after=after,
        before_words=before_words,
        previous=before_words[-1].lower() if before_words else "",
        capitalised=sum(1 for w in quoted if w[0].isupper() or w[0].isdigit()) / len(quoted),
        statement=any(w in STATEMENT_WORDS for w in lowered),
        ends_sentence=plain[-1:] in tuple(".!?…") or bool(re.search(r"[.!?…] ", plain)),
        cue=has_reporting_verb(before_words[-8:] + words(after)[:6], before + " " + after)
        is not None,
        colon=before.rstrip().endswith(":"),
        so_after=so_after,
        konjunktiv=any(w in KONJUNKTIV for w in words(before)[-10:] + words(after)[:10]),
    )


def is_direct(text: str, span: QuoteSpan, floor: int, ceiling: int) -> bool:
    """Tell a quoted statement from a quoted name, title or bare scare quote."""
    if span.depth > 0:
        return False
    c = _context(text, span, floor, ceiling)
    if c is None:
        return False
    if rule("direct.close-apposition") and _names_the_noun_before(c):
        return False
    if (c.ends_sentence or c.statement) and (c.colon or c.so_after or c.cue):
        return True
    if rule("direct.bracket-name") and not c.statement and c.before.endswith("("):
        return False  # a name's translation or abbreviation in brackets
    name_like = c.quote[0].isupper() or c.quote[0].isdigit()
    if (
        rule("direct.name-subject")
        and name_like
        and not (c.statement or c.ends_sentence or c.colon)
        and len(c.words) <= 2
        and not c.previous
        and re.match(r"[“”«»\"']?\s+[a-zäöü]", c.after)
    ):
        return False  # "„Landser“ habe in seinen Liedern …": a name as the subject
    if len(c.words) >= 5:
        return not (c.capitalised >= 0.7 and not c.statement and not c.ends_sentence)
    if c.ends_sentence or c.so_after or c.colon:
        return True
    if c.quote[0].islower():
        return c.statement or c.cue or c.konjunktiv or c.previous in _AS_CUES or len(c.words) > 1
    return _short_capitalised(c)


def _names_the_noun_before(c: _Context) -> bool:
    """A capitalised quote right after a common noun, with nothing between them, is that
    noun's name: a close apposition ("die Organisation „Reporter ohne Grenzen“", "unter dem
    Motto „…“"), unless the noun names something said ("mit den Worten „Wir …“")."""
    if c.colon or c.so_after or not (c.quote[0].isupper() or c.quote[0].isdigit()):
        return False
    if len(c.before_words) < 2 or not re.search(r"\w\s*$", c.before):
        return False  # a noun opening the sentence may be the speaker: "Merkel „Wir …“"
    noun = c.before_words[-1]
    return noun[0].isupper() and noun not in utterance_nouns() and german_noun(noun)


def _short_capitalised(c: _Context) -> bool:
    """A short capitalised quote is words said when a cue or a label marks it, a name when
    an article or another capitalised word ties it to what stands before."""
    if c.previous in DEFINITE_ARTICLES:
        return c.statement and c.cue  # "die „Computerwoche“", "der „Heilige Krieg“"
    if (
        rule("direct.indefinite-label")
        and c.previous in _INDEFINITE
        and c.cue
        and any(w[0].islower() for w in c.words[1:])
    ):
        return True  # "bezeichnete es als einen „Akt des politischen Verbrechertums“"
    if not all(german_noun(w) for w in c.words if w[0].isupper()):
        return c.statement and c.cue
    labelled = bool(_LABELLING.search(c.before + " " + c.after))
    if c.previous == "als":  # "bezeichnete ihn als „Lügner“", not "galt als „Stadt der Musik“"
        return c.cue or c.konjunktiv or labelled
    if c.previous in _INDEFINITE:  # "nannte den Bericht eine „Zeitungsente“"
        return (
            c.cue or c.konjunktiv or labelled or "als" in [w.lower() for w in c.before_words[-3:]]
        )
    # "sprach von „Verrat“" is a label, "die Namen von „Steuersündern“" a plain noun: after
    # "von"/"zu" a capitalised word needs a reporting verb nearby.
    return c.cue or c.konjunktiv or (c.previous in _AS_CUES and c.previous not in ("von", "zu"))


def german_noun(word: str) -> bool:
    """A German common noun, compounds (``Zeitungsente`` ends in ``Ente``) and inflected
    forms (genitive ``Verbrechertums``, dative plural ``Verkäufen``) included."""
    from reader.lexicons import is_common_noun

    word = word.rsplit("-", 1)[-1]
    if len(word) < 3:
        return False
    forms = [word]
    if word.endswith(("s", "n")):
        forms.append(word[:-1])
    if word.endswith(("es", "en")):
        forms.append(word[:-2])
    return any(
        is_common_noun(form)
        or any(is_common_noun(form[i].upper() + form[i + 1 :]) for i in range(2, len(form) - 3))
        for form in forms
    )
