"""Reported speech, quote kind ``"indirect"``.

A sentence reports speech when a reporting verb frames a clause in Konjunktiv I, a ``dass``/
``ob`` clause or a ``zu`` infinitive (``Peskow meldete, Russland rücke vor``); when the clause
before ``, sagte X`` is in Konjunktiv; when a source cue frames it (``laut X``, ``nach Angaben
von X``, ``X zufolge``, ``heißt es in …``, ``wie X mitteilte``, ``, so X.``); when a noun of
saying frames it (``kam zu dem Ergebnis, dass``); and when a Konjunktiv sentence carries on
what the last speaker said.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.lang.de.verbs import KONJUNKTIV_I, mind_forms
from reader.lang.de.words import (
    CLAUSE_OPENERS,
    SEPARABLE_PARTICLES,
    SUBORDINATORS,
    can_be_nominative,
    determiner_cases,
    word_set,
)
from reader.model import Quote
from reader.quotes.clauses import WORD
from reader.quotes.cues import (
    KONJUNKTIV,
    REPORTING_VERBS,
    STRONG_KONJUNKTIV,
    has_reporting_verb,
    transitive,
    verb_positions,
)
from reader.quotes.phrases import apposition_subject, source_phrase, subject_phrase
from reader.quotes.sources import (
    IT_IS_SAID,
    SAID_VERBS,
    SOURCE_CUE,
    document_speaker,
    is_source_cue,
    message_start,
    only_a_phrase,
    source_speaker,
)
from reader.quotes.speakers import NameIndex, Speaker, can_speak, phrase_speaker
from reader.quotes.subjects import speaker_at_verb
from reader.rulebook import rule

# Longer "sentences" are not read for reported speech (a run-on blob; keeps it linear).
MAX_SENTENCE = 3000
Report = tuple[Quote, Speaker | None]

# "wie" opening a clause of saying: "Denn wie die Zeitung berichtete", ", wie er sagte".
_AS_SAID = re.compile(r"(?:,\s*|\b(?:[Dd]enn|[Uu]nd|[Aa]ber|[Dd]och)\s+|^)[Ww]ie\s+", re.M)
# ", so der Sprecher." / ", so Müller weiter.": a source named after the clause, no verb.
_CLOSING_SO = re.compile(
    r",\s+so\s+((?=[A-ZÄÖÜ]|(?:der|die|das|ein|eine)\s)[^\s,;:!?.]+(?:\s+[^\s,;:!?.]+){0,7}"
    r"(?:\s*\([^()]{1,40}\))?)(?:\s+(?:weiter|weiters|abschließend))?\s*$"
)
# A noun of saying or thinking held by the subject, then a comma: "kam zu dem Ergebnis,",
# "ist der Meinung,", "vertrat die Ansicht,", "äußerte die Hoffnung,", "brachte zum Ausdruck,".
# After a verb only, so "Damit bestätigt sich die Befürchtung, dass" (nobody's) stays out.
_NOUN_FRAME = re.compile(
    r"\b(?:kam|kamen|kommt|kommen|gelangte|gelangten|ist|sind|war|waren|bin|vertritt|vertrat|"
    r"vertraten|vertreten|äußerte|äußerten|äußert|äußern|teilt|teilte|teilten|teilen|bekräftigte|"
    r"bekräftigten|brachte|brachten|bringt|gab|gaben|gibt|erhob|erhoben|erhebt|drückte|drückten)"
    r"\s+(?:[\w-]+\s+){0,4}?(zu\s+dem\s+(?:Ergebnis|Schluss|Schluß)|zum\s+(?:Ergebnis|"
    r"Schluss|Schluß|Ausdruck)|(?:der|die|seine|ihre)\s+(?:[a-zäöü]\w+\s+)?(?:Meinung|Ansicht|"
    r"Auffassung|Überzeugung|Hoffnung|Forderung|Befürchtung|Sorge|Erwartung|Vermutung|"
    r"Einschätzung|Zuversicht))(?:\s+(?:aus|Ausdruck))?\s*,\s*"
    # "Der Bericht endet mit der Hoffnung, dass …", "Mit der Begründung, dass …".
    r"|\b((?:[Mm]it|[Uu]nter)\s+(?:der|dem)\s+(?:Hoffnung|Begründung|Hinweis|Forderung|Warnung|"
    r"Aufforderung|Bitte|Ankündigung|Behauptung|Zusicherung))\s*,\s*"
)
_ACCORDINGLY = re.compile(r"(?:Demnach|Demzufolge|Dementsprechend)\s")
_ACCORDING = re.compile(r",\s+wonach\s+")
# The "zu" infinitive of a separable verb: "abzugeben", "einzuführen", "zurückzutreten".
_PARTICLE_ZU = re.compile(
    "(?:" + "|".join(sorted(SEPARABLE_PARTICLES, key=len, reverse=True)) + r")zu\w{2,}en"
)
# A sentence that points back at the one before as what someone said: "Das sagte …".
_BACK_REPORT = re.compile(r"(?:Dies|Das|Diese Angaben|Dies alles)\s+(\w+)\b")
_EMERGES = re.compile(r"(?:geht|ging|gehe)\s+(?:\w+\s+){0,3}?aus\s+([^,;:.!?]{3,120}?)\s+hervor\b")
# Verbs of thinking and announcing outside the reporting verbs that take a "dass" clause
# ("geht davon aus, dass …"), and separable particles among them.
_THAT_VERBS = word_set(
    """
    geht ging gingen gehen aus davon erwähnte erwähnten erwähnt erwähnt hofft hoffte hofften
    glaubt glaubte glaubten befürchtet befürchtete fürchtet fürchtete vermutet vermutete hält
    hielt hielten weiß wusste wussten zeigt zeigte zeigten demonstrierten räumte räumten ein
    aufgefordert forderte geeinigt vorgeworfen warf warfen auf wird wurde berichtet bekannt mit
    betont heißt hieß heraus durchblicken
    """
)
# Openers of a fronted clause besides the subordinators: "Obwohl", "Falls", "Wie".
_FRONTED_OPENERS = word_set("falls obwohl obgleich wobei sofern indem weil seit seitdem bis")
_THAT_PARTICLES = word_set("aus ein auf mit heraus")
_GO_VERBS = word_set("geht gehen ging gingen")
# Words in -e that follow a subject without being verbs ("Russland keine …", "er seine …").
_E_NOT_VERBS = word_set(
    """
    keine eine seine ihre diese jene alle viele einige manche welche solche meine deine
    unsere eure beide andere erste letzte ganze große neue alte gute weitere gleiche selbe
    nie ohne ebene gerne gern schon bereits daher nahe lange wohl also
    """
)


def make_report(text: str, start: int, end: int, speaker: Speaker | None, cue: str | None) -> Quote:
    """An indirect quote over ``text[start:end]``, spaces trimmed."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quote(
        text[start:end],
        start,
        end,
        "indirect",
        speaker.entity if speaker else None,
        (speaker.name or None) if speaker else None,
        cue,
    )


def subject_then_konjunktiv(candidates: Sequence[str]) -> bool:
    """``Russland rücke …``, ``er lege …``: a subject, then a verb in -e (Konjunktiv I, 3rd
    person) — the list of common Konjunktiv forms cannot hold every verb."""
    if len(candidates) < 3:
        return False
    subject, verb = candidates[0], candidates[1]
    if not (subject[:1].isupper() or subject in ("er", "sie", "es", "man")):
        return False
    return (
        verb.islower()
        and verb.isalpha()
        and len(verb) > 3
        and verb.endswith("e")
        and not verb.endswith(("liche", "ische", "ige", "ene", "ete"))
        and verb not in _E_NOT_VERBS
    )


@dataclass(frozen=True, slots=True)
class _Sentence:
    """One sentence searched for a report, and what the search knows."""

    text: str
    start: int
    end: int
    index: NameIndex
    roles: dict[str, str]

    @property
    def stop(self) -> int:
        """Where the reported clause ends: before the full stop."""
        return self.end - 1 if self.text[self.end - 1] in ".!?" else self.end

    def report(self, start: int, end: int, speaker: Speaker | None, cue: str | None) -> Report:
        return make_report(self.text, start, end, speaker, cue), speaker


def report_in_sentence(
    text: str, start: int, end: int, index: NameIndex, roles: dict[str, str]
) -> Report | None:
    """The reported speech that one sentence frames itself, with its speaker, or None."""
    s = _Sentence(text, start, end, index, roles)
    for finder in (_as_said, _closing_so, _source_cue, _verb_clause, _noun_frame, _according):
        found = finder(s)
        if found is not None:
            return found
    return None


def _as_said(s: _Sentence) -> Report | None:
    """ "Wie X mitteilte, …", "Denn wie die Zeitung berichtete, leidet er …", "…, wie die
    Polizei mitteilte.": a "wie" clause that ends in its reporting verb frames the rest."""
    text, start, stop = s.text, s.start, s.stop
    first = WORD.search(text, start, s.end)
    if rule("indirect.wie-opening") and first is not None and first.group(0).lower() == "wie":
        comma = text.find(",", first.end(), s.end)
        verbs = verb_positions(text, first.end(), comma) if comma > 0 else []
        if verbs:
            speaker = phrase_speaker(text, first.end(), verbs[0][0], s.index, s.roles, True)
            return s.report(comma + 1, stop, speaker, verbs[0][2])
    for framing in _AS_SAID.finditer(text, start, stop) if rule("indirect.wie-clause") else ():
        clause_end = text.find(",", framing.end(), stop)
        clause_end = stop if clause_end < 0 else clause_end
        verbs = verb_positions(text, framing.end(), clause_end)
        tail = WORD.findall(text, verbs[-1][1], clause_end) if verbs else []
        if not verbs or len(tail) > 2:
            continue
        speaker = phrase_speaker(text, framing.end(), verbs[-1][0], s.index, s.roles, True)
        cue_word = verbs[-1][2]
        if clause_end < stop and framing.start() - start < 12:
            return s.report(clause_end + 1, stop, speaker, cue_word)
        if clause_end >= stop and text[framing.start()] == "," and framing.start() - start > 12:
            return s.report(start, framing.start(), speaker, cue_word)
    return None


def _closing_so(s: _Sentence) -> Report | None:
    """ "Zwei Drittel sind unwirksam, so das Ergebnis der Studie.": the source closes it."""
    # The source closes the sentence: look from its last ", so" only (linear, no backtracking
    # over the whole sentence).
    at = s.text.rfind(", so ", s.start, s.stop)
    closing = (
        _CLOSING_SO.match(s.text, at, s.stop) if at >= 0 and rule("indirect.closing-so") else None
    )
    if closing is None or closing.start() - s.start <= 12:
        return None
    speaker = source_phrase(s.text, closing.start(1), closing.end(1), s.index, True)
    return s.report(s.start, closing.start(), speaker, "so") if speaker is not None else None


def _source_cue(s: _Sentence) -> Report | None:
    """ "Laut X …", "Nach Angaben von X …", "X zufolge …", also inside the sentence."""
    cue = SOURCE_CUE.search(s.text, s.start, s.stop) if rule("indirect.source-cue") else None
    while cue is not None and not is_source_cue(s.text, cue):
        cue = SOURCE_CUE.search(s.text, cue.end(), s.stop)
    if cue is None:
        return None
    cue_word = " ".join(cue.group(0).split())
    speaker = source_speaker(s.text, cue, s.start, s.stop, s.index)
    if cue.start() - s.start < 3:
        start = (
            message_start(s.text, cue.end(), s.stop, s.index.grammar)
            if rule("indirect.message-after-source")
            else cue.end()
        )
        return s.report(start, s.stop, speaker, cue_word)
    if (
        cue_word == "zufolge"
        and rule("indirect.message-after-source")
        and only_a_phrase(s.text, s.start, cue.start())
    ):
        return s.report(cue.end(), s.stop, speaker, cue_word)  # "Dem Bericht zufolge | wurden …"
    return s.report(s.start, s.stop, speaker, cue_word)


def _verb_clause(s: _Sentence) -> Report | None:
    """A reporting verb (or a verb of thinking with "dass") and the clause after its comma,
    or a Konjunktiv clause before ", sagte X"."""
    sentence = s.text[s.start : s.end]
    found = list(WORD.finditer(s.text, s.start, s.end))
    lowered = [w.group(0).lower() for w in found]
    for n, word in enumerate(found):
        reporting = (
            lowered[n] in REPORTING_VERBS
            and has_reporting_verb([word.group(0)], sentence) is not None
        )
        if not reporting and not _thinks_that(s, found, lowered, n):
            continue
        said = _it_is_said(s, found, n) if lowered[n] in SAID_VERBS else None
        if said is not None:
            return said
        clause = _clause_after(s, word, reporting)
        if clause is not None:
            return clause
        if reporting:
            before = _clause_before_verb(s, word, any(w in KONJUNKTIV for w in lowered[:n]))
            if before is not None:
                return before
    return None


def _thinks_that(s: _Sentence, found: list[re.Match[str]], lowered: list[str], n: int) -> bool:
    """Whether ``found[n]`` is a verb of thinking or announcing that may frame a clause."""
    if lowered[n] not in _THAT_VERBS or not rule("indirect.that-verbs"):
        return False
    if lowered[n] in _GO_VERBS and "davon" not in lowered:
        return False  # "geht davon aus, dass", not "um eines gehen: um die Frage, ob"
    if rule("indirect.no-one-thinks") and (
        any(w in mind_forms() for w in lowered[n : n + 4])
        or ("man" in lowered[:n] and lowered[0] in ("wenn", "falls", "sofern"))
    ):
        # "Es wird erwartet, dass …", "wenn man davon ausgeht, dass …": an expectation or
        # a supposition of no one in particular, no one's words.
        return False
    word = found[n]
    # "räumte ein, dass", not "Ein Forscherteam hat herausgefunden, dass" (an article opening
    # the sentence); a particle inside the clause is left to chance.
    return not (
        lowered[n] in _THAT_PARTICLES
        and (word.group(0)[0].isupper() or lowered[n] == "heraus")
        and not s.text.startswith(",", word.end())
    )


def _it_is_said(s: _Sentence, found: list[re.Match[str]], n: int) -> Report | None:
    """ "In dem Bericht heißt es, die Lage sei ernst": what follows the comma is the
    document's, in Konjunktiv or not."""
    if not rule("indirect.heisst-es"):
        return None
    said = IT_IS_SAID.match(s.text, found[n].start()) or (
        IT_IS_SAID.match(s.text, found[n - 1].start()) if n else None
    )
    if said is None:
        return None
    comma = s.text.find(",", said.end(), min(s.end, said.end() + 120))
    if comma <= 0:
        return None
    speaker = document_speaker(s.text, said, s.start, s.index)
    if speaker is None and s.text[said.end() : comma].strip(" ,"):
        return None
    return s.report(comma + 1, s.stop, speaker, "heißt es")


def _clause_after(s: _Sentence, word: re.Match[str], reporting: bool) -> Report | None:
    """ "X sagte(,) [dass] sie sei …": the clause after the next comma."""
    text = s.text
    comma = text.find(",", word.end(), min(s.end, word.end() + 90))
    if comma <= 0:
        return None
    rest = [w.lower() for w in WORD.findall(text, comma + 1, s.end)]
    to_clause = any(
        w == "zu"
        or (w.startswith("zu") and w.endswith("en") and len(w) > 7)
        or _PARTICLE_ZU.fullmatch(w)
        for w in rest
    )
    framed = rest and (
        _opens_a_said_clause(text, comma, rest[0], reporting)
        or (reporting and any(w in KONJUNKTIV for w in rest[:12]))
        or (reporting and to_clause and rule("indirect.zu-infinitive"))
        or (
            reporting
            and rule("indirect.konjunktiv-in-e")
            and subject_then_konjunktiv(WORD.findall(text, comma + 1, s.end))
        )
    )
    if not framed:
        return None
    if reporting:
        verb = (word.start(), word.end(), word.group(0))
        speaker = speaker_at_verb(text, verb, s.start, comma, s.index, s.roles)
    else:  # "geht davon aus, dass": the subject opens the sentence
        speaker = phrase_speaker(text, s.start, comma, s.index, s.roles, first=True)
    return s.report(comma + 1, s.stop, speaker, word.group(0) or None)


def _opens_a_said_clause(text: str, comma: int, opener: str, reporting: bool) -> bool:
    """Whether ``opener`` after the comma opens what was said: "dass" and "ob" after any
    verb of saying or thinking; "wie", "wo", "warum" only after a reporting verb, and not
    after a noun ("in Lagern, wo …" is a relative clause of the place)."""
    if opener in ("dass", "ob") or not rule("indirect.relative-wo"):
        return opener in CLAUSE_OPENERS
    if opener not in CLAUSE_OPENERS or not reporting:
        return False
    before = WORD.findall(text, max(0, comma - 40), comma)[-1:]
    return not (before and before[0][0].isupper())


def _clause_before_verb(s: _Sentence, word: re.Match[str], konjunktiv: bool) -> Report | None:
    """ "Russland rücke vor, sagte Peskow.": the clause before a comma right before the verb."""
    before = s.text[s.start : word.start()].rstrip()
    if not (rule("indirect.clause-before-verb") and before.endswith(",")):
        return None
    speaker = phrase_speaker(s.text, word.end(), s.stop, s.index, s.roles, first=True)
    if not konjunktiv and not (
        rule("indirect.indicative-before-verb")
        and speaker is not None
        and len(WORD.findall(before)) >= 4
        and _ends_after_subject(s, word, speaker)
    ):
        return None
    return s.report(s.start, s.start + len(before) - 1, speaker, word.group(0))


def _ends_after_subject(s: _Sentence, word: re.Match[str], speaker: Speaker) -> bool:
    """ "…, teilte das Unternehmen mit.": the verb and its subject close the sentence (with
    a few words of time, place or manner), so the clause before it is what was said."""
    if transitive(word.group(0)):
        return False  # "Die Pläne, …, bezeichnete er als …": the clause is its object
    opening = WORD.findall(s.text, s.start, word.start())[:1]
    if not opening or opening[0].lower() in SUBORDINATORS | _FRONTED_OPENERS:
        return False  # "Falls die Firma pleitegeht, droht …": a fronted clause, no words
    if any(mark in s.text[s.start : word.start()] for mark in '„“”«»"'):
        return False  # a direct quote before the verb is read as one
    right_after = WORD.findall(s.text, word.end(), speaker.position)
    if any(not can_be_nominative(w) for w in right_after if determiner_cases(w)):
        return False  # "warf der SPD …": a dative after the verb is its object
    return (
        len(WORD.findall(s.text, word.end(), s.stop)) <= 10
        and speaker.position - word.end() < 8
        and _has_verb(s, word.start())
    )


def _has_verb(s: _Sentence, end: int) -> bool:
    """Whether the stretch before ``end`` holds a verb, as the parse says ("Der Vorsitzende,
    Edmund Stoiber, warf …" has none: a name and its apposition); unparsed, say yes."""
    grammar = s.index.grammar
    words = WORD.finditer(s.text, s.start, end)
    tokens = [grammar.token_at(w.start()) for w in words] if grammar is not None else []
    parsed = [t for t in tokens if t is not None]
    return not parsed or any(t.pos_ in ("VERB", "AUX") for t in parsed)


def _noun_frame(s: _Sentence) -> Report | None:
    """ "Die Studie kam zu dem Schluss, dass …", "X ist der Meinung, dass …": a noun of saying
    or thinking frames the clause after its comma; the sentence's subject holds it."""
    frame = _NOUN_FRAME.search(s.text, s.start, s.stop) if rule("indirect.noun-frame") else None
    if frame is None:
        return None
    rest = WORD.findall(s.text, frame.end(), s.stop)
    if not rest or not (
        rest[0].lower() in CLAUSE_OPENERS
        or any(w in KONJUNKTIV for w in rest[:12])
        or subject_then_konjunktiv(rest)
        or "zu" in rest  # "die Forderung, die Löhne zu erhöhen"
    ):
        return None
    speaker = phrase_speaker(s.text, s.start, frame.start(), s.index, s.roles, first=True)
    return s.report(frame.end(), s.stop, speaker, frame.group(1) or frame.group(2))


def _according(s: _Sentence) -> Report | None:
    """ "Berichte der Zeitung, wonach der Minister zurücktrete": the noun before says it."""
    according = _ACCORDING.search(s.text, s.start, s.stop) if rule("indirect.wonach") else None
    if according is None:
        return None
    speaker = source_phrase(
        s.text, max(s.start, according.start() - 80), according.start(), s.index, False
    )
    return s.report(according.end(), s.stop, speaker, "wonach")


@dataclass
class _Reports:
    """The state of the walk over an article's sentences."""

    text: str
    direct: Sequence[Quote]
    index: NameIndex
    roles: dict[str, str]
    para_starts: list[int]
    found: list[Quote] = field(default_factory=list)
    # The last speaker, direct or reported, with the paragraph they spoke in.
    last: tuple[int, Speaker | None] | None = None
    # The sentence just before, when it reported nothing: its subject may speak next.
    plain: tuple[int, int, int] | None = None

    def __post_init__(self) -> None:
        self.direct_spans = sorted((q.start, q.end) for q in self.direct)
        self.direct_starts = [s for s, _ in self.direct_spans]
        # Direct quotes with a speaker, in order: a Konjunktiv sentence after „…“, sagte X
        # goes on with X's words as much as one after a reported clause.
        self.said = [
            q for q in sorted(self.direct, key=lambda q: q.start) if q.speaker or q.speaker_name
        ]
        self.next_said = 0

    def inside_direct(self, position: int) -> bool:
        i = bisect_right(self.direct_starts, position) - 1
        return i >= 0 and self.direct_spans[i][0] <= position < self.direct_spans[i][1]

    def overlaps_direct(self, start: int, end: int) -> bool:
        j = bisect_right(self.direct_starts, end) - 1
        return j >= 0 and self.direct_spans[j][1] > start

    def catch_up(self, position: int) -> None:
        """Take the direct quotes before ``position`` as the last speakers."""
        while self.next_said < len(self.said) and self.said[self.next_said].start < position:
            quote = self.said[self.next_said]
            self.next_said += 1
            where = bisect_right(self.para_starts, quote.start) - 1
            if self.last is None or where >= self.last[0]:
                speaker = Speaker(quote.speaker, quote.speaker_name or "", quote.start)
                self.last = (where, speaker)

    def recent(self, paragraph: int) -> Speaker | None:
        """The last speaker, if they spoke in this paragraph or the one before."""
        return self.last[1] if self.last is not None and paragraph - self.last[0] <= 1 else None


def find_indirect(
    text: str,
    sentences: Sequence[tuple[int, int]],
    direct: Sequence[Quote],
    index: NameIndex,
    roles: dict[str, str],
    paragraphs: Sequence[tuple[int, int]],
) -> list[Quote]:
    """Reported speech of an article, given its sentences and its direct quotes."""
    state = _Reports(text, direct, index, roles, [s for s, _ in paragraphs])
    for s_start, s_end in sentences:
        while s_start < s_end and text[s_start].isspace():
            s_start += 1
        while s_end > s_start and text[s_end - 1].isspace():
            s_end -= 1
        before, state.plain = state.plain, None
        state.catch_up(s_start)
        if s_end - s_start < 12 or s_end - s_start > MAX_SENTENCE:
            continue  # too short to report anything, or no sentence at all
        i = bisect_right(state.direct_starts, s_start) - 1
        if i >= 0 and state.direct_spans[i][1] >= s_end - 2:
            continue  # inside a direct quote
        paragraph = bisect_right(state.para_starts, s_start) - 1
        if before is not None and before[2] == paragraph:
            _back_report(state, s_start, s_end, before)
        if not _walk_sentence(state, s_start, s_end, paragraph, before):
            state.plain = (s_start, s_end, paragraph)
    if not rule("indirect.join-runs"):
        return state.found
    return join_runs(text, state.found, state.para_starts)


def join_runs(text: str, reports: list[Quote], para_starts: list[int]) -> list[Quote]:
    """Reported speech that runs on over sentences is one report: a sentence that carries on
    (no cue of its own) joins the report right before it, framed or carried on itself, when
    the same speaker says it in the same paragraph with nothing but the full stop between."""
    joined: list[Quote] = []
    for report in sorted(reports, key=lambda q: q.start):
        last = joined[-1] if joined else None
        if (
            last is not None
            and report.cue is None
            and (report.speaker, report.speaker_name) == (last.speaker, last.speaker_name)
            and last.end <= report.start
            and not text[last.end : report.start].strip(" .!?\t")
            and bisect_right(para_starts, last.start) == bisect_right(para_starts, report.start)
        ):
            joined[-1] = Quote(
                text[last.start : report.end],
                last.start,
                report.end,
                "indirect",
                last.speaker,
                last.speaker_name,
                last.cue,
            )
        else:
            joined.append(report)
    return joined


def _walk_sentence(
    state: _Reports,
    s_start: int,
    s_end: int,
    paragraph: int,
    before: tuple[int, int, int] | None,
) -> bool:
    """Find what the sentence reports; whether it reported anything."""
    text = state.text
    found = report_in_sentence(text, s_start, s_end, state.index, state.roles)
    if found is not None and not state.inside_direct(found[0].start):
        state.found.append(found[0])
        state.last = (paragraph, found[1])
        return True
    overlaps = state.overlaps_direct(s_start, s_end)
    if rule("indirect.demnach") and _ACCORDINGLY.match(text, s_start, s_end) and not overlaps:
        # "Die Zeitung zitiert einen Bericht. Demnach …": the source just named says it.
        speaker = state.recent(paragraph)
        if before is not None and before[2] == paragraph:
            subject = subject_phrase(text, before[0], before[1], state.index)
            if subject is not None and (speaker is None or can_speak(subject)):
                speaker = subject
        state.found.append(make_report(text, s_start, _stop(text, s_end), speaker, None))
        return True
    if _carry_on(state, s_start, s_end, paragraph, before, overlaps):
        return True
    return not overlaps and _threat(state, s_start, s_end, paragraph)


_THREAT = re.compile(r"\b(droht|drohte|drohten|drohen)\b[^,;:.!?]{0,60}?\bmit\b")


def _threat(state: _Reports, s_start: int, s_end: int, paragraph: int) -> bool:
    """ "Kurzzeitig drohte er sogar mit einem Austritt": a person threatening is a speech act
    reported ("Ihm droht eine Strafe" is a risk, not a threat made: no "mit", no person)."""
    threat = _THREAT.search(state.text, s_start, s_end) if rule("indirect.threat") else None
    if threat is None:
        return False
    verb = (threat.start(1), threat.end(1), threat.group(1))
    speaker = speaker_at_verb(state.text, verb, s_start, s_end, state.index, state.roles)
    if speaker is None or not state.index.is_entity_person(speaker):
        return False
    stop = _stop(state.text, s_end)
    state.found.append(make_report(state.text, s_start, stop, speaker, threat.group(1)))
    state.last = (paragraph, speaker)
    return True


def _carry_on(
    state: _Reports,
    s_start: int,
    s_end: int,
    paragraph: int,
    before: tuple[int, int, int] | None,
    overlaps: bool,
) -> bool:
    """A Konjunktiv sentence with no reporting verb carries on what the last speaker said."""
    text = state.text
    # Words outside direct quotes: a "habe" inside „…“ is the speaker's own.
    sentence_words = (
        [
            w.group(0)
            for w in WORD.finditer(text, s_start, s_end)
            if not state.inside_direct(w.start())
        ]
        if overlaps
        else WORD.findall(text, s_start, s_end)
    )
    carries = rule("indirect.konjunktiv-carries") and any(
        w in STRONG_KONJUNKTIV for w in sentence_words[:14]
    )
    if not carries or has_reporting_verb(sentence_words, text[s_start:s_end]):
        return False
    if rule("indirect.mind-not-carried") and any(w.lower() in mind_forms() for w in sentence_words):
        return False  # "X bezweifelt, dass die Kassen leer seien": a mind, not words said
    if (
        rule("indirect.hypothesis-needs-report")
        and not any(w in KONJUNKTIV_I for w in sentence_words[:14])
        and (state.last is None or state.last[0] != paragraph)
    ):
        # Konjunktiv II alone ("Mit etwas Glück hätte es geklappt") is the writer's own
        # hypothesis unless a report in the same paragraph goes on.
        return False
    speaker = state.recent(paragraph)
    if rule("indirect.previous-subject") and before is not None and before[2] == paragraph:
        # "Der Iran bestreitet das. Sein Programm diene …": the subject of the sentence before
        # speaks; over an earlier speaker only when it can speak.
        subject = subject_phrase(text, before[0], before[1], state.index) or (
            apposition_subject(text, before[0], before[1], state.index)
        )
        if subject is not None and (speaker is None or can_speak(subject)):
            speaker = subject
    opener = sentence_words[0] if sentence_words else ""
    if rule("indirect.pronoun-opens") and speaker is None and opener in ("Er", "Sie"):
        # "Er werde im Amt bleiben": nobody spoke before, so the person "er" is.
        person = state.index.last_before(s_start, "male" if opener == "Er" else "female")
        if person is not None:
            speaker = Speaker(person.entity, person.name, s_start)
    state.found.append(make_report(text, s_start, _stop(text, s_end), speaker, None))
    if speaker:
        state.last = (paragraph, speaker)
    return True


def _back_report(state: _Reports, s_start: int, s_end: int, before: tuple[int, int, int]) -> None:
    """ "Die Firma schließt das Werk. Das teilte ein Sprecher mit.": the sentence before is
    what the speaker of this one said ("Das geht aus dem Bericht hervor": the document's)."""
    text = state.text
    back = _BACK_REPORT.match(text, s_start, s_end) if rule("indirect.back-report") else None
    if back is None:
        return
    verb = (back.start(1), back.end(1), back.group(1))
    j = bisect_right(state.direct_starts, before[1]) - 1
    if j >= 0 and state.direct_spans[j][1] > before[0]:
        return  # its words are a direct quote
    source = _EMERGES.match(text, back.start(1), s_end)
    if not (source or has_reporting_verb([verb[2]], text[s_start:s_end])):
        return
    speaker = (
        source_phrase(text, source.start(1), source.end(1), state.index, True)
        if source
        else speaker_at_verb(text, verb, s_start, s_end, state.index, state.roles)
    )
    state.found.append(make_report(text, before[0], _stop(text, before[1]), speaker, verb[2]))


def _stop(text: str, end: int) -> int:
    """A sentence's end without its full stop."""
    return end - 1 if text[end - 1] in ".!?" else end
