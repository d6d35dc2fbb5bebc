"""What the syntax layer says about a place in the text: the grammatical role of the noun
phrase there, read off the dependency parse of ``reader_syntax``.

The quote finder works on character offsets; ``Grammar`` maps an offset to the token of the
parsed passage that covers it. Sentences the syntax layer did not parse (``reader.syntax``
parses only those attribution reads) and pipelines without it give no answer (None), and the
caller falls back to reading the words around the phrase.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.quotes.roles import GENITIVE, OBJECT, OBLIQUE, OTHER, SUBJECT

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from reader.passage import Passage

# Relations that tie a word to the rest of its name or phrase: climb them to the phrase's head.
_INSIDE_A_NAME = frozenset({"flat", "compound", "flat:name", "appos"})
_ROLES = {
    "nsubj": SUBJECT,
    "nsubj:pass": SUBJECT,
    "obj": OBJECT,
    "iobj": OBJECT,
    "obl": OBLIQUE,
    "obl:arg": OBLIQUE,
}


class Grammar:
    """The parsed tokens of an article's passages, found by character offset."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self.passages = sorted(passages, key=lambda p: p.start)
        self.starts = [p.start for p in self.passages]
        # has_annotation reads every token of the doc: asked once per passage, not per name.
        self.parsed = [p.doc.has_annotation("DEP") for p in self.passages]
        self.lengths = [len(p.text) for p in self.passages]  # doc.text joins every token
        self.sentences: dict[int, tuple[list[int], list[Span], dict[int, bool]]] = {}

    def _sentence_parsed(self, i: int, token: Token) -> bool:
        """``is_parsed(token.sent)``, from the passage's sentences read once: ``token.sent``
        walks its whole sentence, which in one long sentence made every name cost its length.
        Asked sentence by sentence: ``is_parsed`` parses a sentence whose parse was deferred."""
        from reader.syntax import is_parsed

        if i not in self.sentences:
            sents = list(self.passages[i].doc.sents)
            self.sentences[i] = ([s.start for s in sents], sents, {})
        starts, sents, known = self.sentences[i]
        k = bisect_right(starts, token.i) - 1
        if k not in known:
            known[k] = is_parsed(sents[k])
        return known[k]

    def token_at(self, position: int) -> Token | None:
        """The token that covers ``position``, if its sentence was parsed."""
        i = bisect_right(self.starts, position) - 1
        if i < 0:
            return None
        passage = self.passages[i]
        doc = passage.doc
        offset = position - passage.start
        if offset >= self.lengths[i] or not self.parsed[i]:
            return None
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        token = span[0]
        return token if self._sentence_parsed(i, token) else None

    def subject_of(self, position: int) -> tuple[int, int] | None:
        """The character span of the nominative subject of the verb at ``position`` (of the
        verb it is the auxiliary of), as the parse says; None where the sentence is not
        parsed, the verb has no subject, or the parser's subject is no nominative."""
        token = self.token_at(position)
        if token is None:
            return None
        verb = token.head if token.dep_ in ("aux", "aux:pass", "cop") else token
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects:
            return None
        subject = subjects[0]
        cases = _determined_case(subject) or set(subject.morph.get("Case", []))
        if cases and "Nom" not in cases:
            return None
        i = bisect_right(self.starts, position) - 1
        passage = self.passages[i]
        # The tree of one sentence stays in it, whatever the parser joined.
        sentence_starts = self.sentences[i][0]
        j = bisect_right(sentence_starts, token.i) - 1
        lo = sentence_starts[j]
        hi = sentence_starts[j + 1] if j + 1 < len(sentence_starts) else len(passage.doc)
        first = passage.doc[max(subject.left_edge.i, lo)]
        last = passage.doc[min(subject.right_edge.i, hi - 1)]
        return passage.start + first.idx, passage.start + last.idx + len(last.text)

    def role(self, position: int) -> int | None:
        """The role (``reader.quotes.roles``) of the noun phrase at ``position``, or None
        where the sentence is not parsed."""
        token = self.token_at(position)
        if token is None:
            return None
        cases = _determined_case(token)
        while not cases and token.dep_ in _INSIDE_A_NAME and token.head is not token:
            # Climb from a name to the head of its phrase, until a determiner says its case:
            # "dem Minister Paul Kern" is a dative, whatever the parser hung it under.
            token = token.head
            cases = _determined_case(token)
        if cases == {"Nom"} and token.dep_ not in ("nmod", "nmod:poss"):
            return SUBJECT  # "der Minister": the determiner's nominative beats the label
        if not cases:
            cases = set(token.morph.get("Case", []))
        if cases == {"Gen"} or token.dep_ in ("nmod:poss", "det:poss"):
            return GENITIVE
        if token.dep_.startswith("nsubj") and cases and not cases & {"Nom"}:
            return OBJECT  # a dative or accusative the parser took for the subject
        if token.dep_ == "nsubj" and any(
            c.dep_ == "nsubj" and c.i < token.i for c in token.head.children
        ):
            return OBJECT  # "traf er Paul Kern": the first subject is the subject
        if token.dep_ == "nmod":
            # A noun attached to a noun: a genitive ("der Sprecher der Partei") or a
            # prepositional phrase ("Chef von Siemens"): no one's subject either way.
            return OBLIQUE if any(c.dep_ == "case" for c in token.children) else GENITIVE
        return _ROLES.get(token.dep_, OTHER)


def _determined_case(token: Token) -> set[str]:
    """The cases the determiner of ``token`` allows, where it has one."""
    return {c for d in token.children if d.dep_ == "det" for c in d.morph.get("Case", [])}
