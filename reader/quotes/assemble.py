"""Putting the quote finder together: the direct quotes of an article with their speakers,
then reported speech, then speakers carried over from one quote to the next."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.model import Entity, Quote
from reader.quotes.clauses import SENTENCE_END
from reader.quotes.direct import is_direct
from reader.quotes.frame import attribute
from reader.quotes.grammar import Grammar
from reader.quotes.marks import QuoteSpan, paragraph_spans, scan_quotes
from reader.quotes.phrases import apposition_subject, subject_phrase
from reader.quotes.reported import find_indirect
from reader.quotes.speaker_names import tidy_speaker
from reader.quotes.speakers import (
    Name,
    NameIndex,
    Speaker,
    names_from_entities,
    roles_of,
)
from reader.rulebook import rule

if TYPE_CHECKING:
    from reader.article import Article
    from reader.passage import Passage

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[“”«»\"']?\s+(?=[„“«»\"'A-ZÄÖÜ0-9])")
_DEFINITE_ROLE = re.compile(r"([Dd]er|[Dd]ie|[Dd]as)\s+([A-ZÄÖÜ][\w-]+)")
# "der 34-Jährige", "die 79-jährige": the one person of that age.
# How far back "der 49-Jährige" looks for the person it stands for.
_AGE_REACH = 600
_AGED = re.compile(r"([Dd]er|[Dd]ie)\s+(\d{1,3})-[Jj]ährige")


def split_sentences(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """A plain sentence splitter, for callers without spaCy sentences."""
    sentences = []
    for start, end in paragraphs:
        position = start
        for match in _SENTENCE_SPLIT.finditer(text, start, end):
            sentences.append((position, match.start()))
            position = match.end()
        sentences.append((position, end))
    return [(s, e) for s, e in sentences if e > s]


def quotes_in_text(
    text: str,
    paragraphs: Sequence[tuple[int, int]] | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
    names: Sequence[Name] = (),
    entities: Sequence[Entity] = (),
    grammar: Grammar | None = None,
) -> list[Quote]:
    """Direct and indirect quotes of ``text`` given its paragraphs, sentences and person names.

    The model-free core of ``find_quotes``: paragraphs default to blank-line blocks,
    sentences to a punctuation splitter.
    """
    paragraphs = sorted(paragraphs) if paragraphs is not None else paragraph_spans(text)
    if not paragraphs:
        return []
    sentences = sentences if sentences is not None else split_sentences(text, paragraphs)
    index = NameIndex(names, text, sentences, paragraphs, grammar)
    roles = roles_of(entities)
    direct = _Direct(text, paragraphs, index, roles)
    for span in scan_quotes(text, paragraphs):
        direct.add(span)
    indirect = find_indirect(text, sentences, direct.quotes, index, roles, paragraphs)
    quotes = direct.quotes
    if rule("assemble.speakers-from-reports"):
        quotes = _speakers_from_reports(quotes, indirect, direct.unattributed)
    if rule("assemble.carry-speakers"):
        unattributed = direct.unattributed - direct.by_subject
        quotes = _carry_speakers(
            quotes, indirect, unattributed, direct.para_starts, direct.pronouns
        )
    quotes = quotes + indirect
    if rule("assemble.link-roles"):
        quotes = _link_roles(quotes, roles, index, _ages_given(entities))
    if rule("assemble.tidy-speakers"):
        quotes = [_tidy(quote) for quote in quotes]
    return sorted(quotes, key=lambda q: (q.start, q.end))


def _tidy(quote: Quote) -> Quote:
    """A speaker that is no entity is a noun phrase with a noun head, or no speaker."""
    if quote.speaker is not None or quote.speaker_name is None:
        return quote
    return replace(quote, speaker_name=tidy_speaker(quote.speaker_name))


class _Direct:
    """The direct quotes of an article, found one after another, each with its speaker."""

    def __init__(
        self,
        text: str,
        paragraphs: Sequence[tuple[int, int]],
        index: NameIndex,
        roles: dict[str, str],
    ) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.para_starts = [s for s, _ in paragraphs]
        self.index = index
        self.roles = roles
        self.quotes: list[Quote] = []
        self.unattributed: set[int] = set()  # starts of quotes whose frame names nobody
        self.pronouns: set[int] = set()  # … but a pronoun ("sagte er") nobody named stands for
        self.by_subject: set[int] = set()  # … and those the sentence before's subject said
        self.previous: tuple[int, Speaker] | None = None  # paragraph and the last speaker

    def add(self, span: QuoteSpan) -> None:
        text = self.text
        p = max(0, bisect_right(self.para_starts, span.start) - 1)
        floor, ceiling = self.paragraphs[p]
        if not is_direct(text, span, floor, ceiling):
            return
        speaker, cue = attribute(text, span, floor, ceiling, self.index, self.roles)
        if speaker is not None and not speaker.name and speaker.entity is None:
            speaker = None  # an unresolved "er": the paragraph's speaker is the best guess
            self.pronouns.add(span.start)
        if speaker is None:
            self.unattributed.add(span.start)
            speaker = self._from_context(span.start, floor, p)
        if speaker is not None:
            self.previous = (p, speaker)
            self.index.note_speaker(span.start, speaker.entity)
        self.quotes.append(
            Quote(
                text[span.start : span.end],
                span.start,
                span.end,
                "direct",
                speaker.entity if speaker else None,
                (speaker.name or None) if speaker else None,
                cue,
            )
        )

    def _from_context(self, start: int, floor: int, p: int) -> Speaker | None:
        """The speaker of a quote whose frame names nobody: the named subject of the sentence
        before ("Die SPD will am Kurs festhalten. „Wir wollen …“"), even when someone else
        spoke before, or the last speaker of the same or the previous paragraph."""
        previous = self.previous
        subject = (
            previous_subject(self.text, start - 1, floor, self.index)
            if rule("assemble.previous-subject")
            else None
        )
        if subject is not None and (
            previous is None or p - previous[0] > 1 or self.index.is_person(subject)
        ):
            self.by_subject.add(start)
            return subject
        if rule("assemble.previous-speaker") and previous is not None and p - previous[0] <= 1:
            return previous[1]  # the paragraph goes on with the last speaker's words
        return None


def previous_subject(text: str, open_at: int, floor: int, index: NameIndex) -> Speaker | None:
    """The named subject of the sentence right before a quote that opens its own sentence."""
    floor = max(floor, open_at - 400)  # one sentence back is enough, and keeps it linear
    before = text[floor:open_at].rstrip()
    if not before.endswith((".", "!", "?")):
        return None
    ends = [m.end() for m in SENTENCE_END.finditer(text, floor, floor + len(before) - 1)]
    if not ends and floor > 0 and text[floor - 1] != "\n":
        return None  # the sentence starts further back than the window
    start = ends[-1] if ends else floor
    while start < open_at and text[start].isspace():
        start += 1
    subject = subject_phrase(text, start, floor + len(before), index)
    if subject is None and rule("assemble.apposition-subject"):
        subject = apposition_subject(text, start, floor + len(before), index)
    return subject if subject is not None and subject.entity is not None else None


def _link_roles(
    quotes: list[Quote], roles: dict[str, str], index: NameIndex, ages: Collection[str]
) -> list[Quote]:
    """A speaker given as "die Ministerin" is the one person whose role that is."""
    linked = []
    for quote in quotes:
        match = _DEFINITE_ROLE.fullmatch(quote.speaker_name or "")
        if quote.speaker is None and match is not None and match.group(2) in roles:
            quote = replace(quote, speaker=roles[match.group(2)])
        age = _AGED.fullmatch(quote.speaker_name or "") if rule("assemble.link-age") else None
        if quote.speaker is None and age is not None and age.group(2) in roles:
            quote = replace(quote, speaker=roles[age.group(2)])  # "der 34-Jährige"
        elif (
            quote.speaker is None
            and age is not None
            and age.group(2) not in ages
            and rule("assemble.age-to-person")
        ):
            quote = replace(quote, speaker=_person_of_age(age.group(1), quote.start, index))
        linked.append(quote)
    return linked


def _ages_given(entities: Sequence[Entity]) -> set[str]:
    """The ages the article gives its people ("Jonas Wendt (34)")."""
    return {
        word
        for entity in entities
        if entity.label == "PER" and entity.description
        for word in re.findall(r"\b\d{1,3}\b", entity.description)
    }


def _person_of_age(article: str, position: int, index: NameIndex) -> str | None:
    """ "der 49-Jährige" when the article gave no one that age: news uses the epithet only
    for someone just named, so it is the closest person before of its gender."""
    gender = "male" if article.lower() == "der" else "female"
    person = index.last_before(position, gender, limit=_AGE_REACH)
    return person.entity if person is not None and person.gender == gender else None


def _carry_speakers(
    direct: list[Quote],
    indirect: list[Quote],
    unattributed: set[int],
    para_starts: list[int],
    pronouns: Collection[int] = frozenset(),
) -> list[Quote]:
    """A quote whose frame names nobody goes on with the last speaker named in the same or
    the previous paragraph, direct or reported ("Müller erklärte, … . „…“"); so does one
    whose "sagte er" has no named person to stand for ("Der Sekretär sagte, … . „…“, sagte
    er")."""
    events = sorted(direct + indirect, key=lambda q: (q.start, q.end))
    last: tuple[int, str | None, str | None] | None = None
    carried: dict[int, tuple[str | None, str | None]] = {}
    for quote in events:
        p = bisect_right(para_starts, quote.start) - 1
        if quote.kind == "direct" and quote.start in unattributed:
            if last is not None and p - last[0] <= 1 and (not quote.cue or quote.start in pronouns):
                carried[quote.start] = (last[1], last[2])
            continue
        if (quote.speaker or quote.speaker_name) and (quote.kind == "direct" or quote.cue):
            last = (p, quote.speaker, quote.speaker_name)
    if not carried:
        return direct
    return [
        Quote(q.text, q.start, q.end, q.kind, *carried[q.start], q.cue)
        if q.start in carried and q.kind == "direct"
        else q
        for q in direct
    ]


def _speakers_from_reports(
    direct: list[Quote], indirect: list[Quote], unattributed: Collection[int] = frozenset()
) -> list[Quote]:
    """A phrase quoted inside reported speech ("Die Kanadier sagen, der Pilot trage die
    „volle Verantwortung“") is the reporter's: a quote without its own cue takes the speaker
    of the reported clause around it; one whose frame names nobody also takes the speaker of
    a Konjunktiv sentence that carries on a report ("Der Plan sei „verfehlt“")."""
    reports = sorted((q for q in indirect if q.speaker or q.speaker_name), key=lambda q: q.start)
    if not reports:
        return direct
    starts = [q.start for q in reports]
    result = []
    for quote in direct:
        i = bisect_right(starts, quote.start) - 1
        report = reports[i] if i >= 0 else None
        if (
            quote.cue is None
            and report is not None
            and report.end >= quote.end - 1
            and (report.cue or quote.start in unattributed)
        ):
            quote = Quote(
                quote.text,
                quote.start,
                quote.end,
                quote.kind,
                report.speaker,
                report.speaker_name,
                report.cue,
            )
        result.append(quote)
    return result


def find_quotes(article: Article, passages: list[Passage], entities: list[Entity]) -> list[Quote]:
    """All direct and indirect quotes of an article, sorted by start, with speakers linked to
    ``entities`` where the speaker is a named person or organisation."""
    from reader.nlp import article_passages

    text = article.text
    paragraphs = [(start, start + len(chunk)) for start, chunk in article_passages(article)]
    sentences: list[tuple[int, int]] = []
    for passage in passages:
        doc = passage.doc
        if doc.has_annotation("SENT_START"):
            sentences.extend(
                (passage.start + s.start_char, passage.start + s.end_char) for s in doc.sents
            )
        else:
            sentences.extend(split_sentences(text, [(passage.start, passage.end)]))
    if not passages:
        sentences = split_sentences(text, paragraphs)
    names = names_from_entities(entities)
    if not names:
        names = [
            Name(p.start + ent.start_char, p.start + ent.end_char, None, ent.text, None, ent.label_)
            for p in passages
            for ent in p.doc.ents
            if ent.label_ in ("PER", "ORG")
        ]
    sentences.sort()
    return quotes_in_text(text, paragraphs, sentences, names, entities, Grammar(passages))
