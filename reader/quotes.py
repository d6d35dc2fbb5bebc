"""Direct and reported speech in German news, with the speaker where one is named.

Everything below ``find_quotes`` works on plain text plus person-name spans
(``quotes_in_text``), so it is testable without a model; it never raises and stays linear.

Direct quotes
    ``scan_quotes`` walks the quotation marks of each paragraph once with a bounded stack:
    „…“ “…” «…» »…« ‹…› ‚…‘ "…" '…'; whether « » ‹ › open or close is read from what
    stands next to them, so Swiss «…» and book-style »…« both work. Apostrophes
    (``Trump's``, ``geht's``) and a ``‚`` used as a comma never open a quote; a quote left open
    ends with its paragraph, unless the next paragraph opens again with the same mark (a long
    quote over several paragraphs). Inner quotes are kept as depth 1 and never reported alone.
``is_direct``
    Separates statements from names, titles and bare scare quotes, with rules tuned on the
    German WikiNews quotation corpus: long quotes (5+ words) count unless they look like a
    title (mostly capitalised, no pronoun or finite verb, no sentence end); shorter ones count
    when they end a sentence, follow a colon or precede ``, sagte X``/``, so X``; lower-case
    phrases count with a reporting verb, Konjunktiv or ``als``/``von`` nearby; capitalised ones
    only when they are common German nouns used as a label (``nannte es eine „Zeitungsente“``,
    ``als „Wortbruch“ bezeichnet``). A noun that announces a name (``die Zeitung „…“``,
    ``der Film „…“``, ``so genannte „…“``) or a definite article before a capitalised string
    makes it a name, and so does an article or ``von``/``beim`` before a name-like string
    (``der „New York Times“``, ``beim „2. Weltkongress der EnBW“``), ``sich``/``selbst``
    (``nennt sich „documenta 12“``), ``genannt`` or ``, so heißt`` after it, or a verb right
    after it (``Wie „heise online“ berichtet``), as does a title-case string with its own
    article (``schrieb „Die Zeit“``). Up to four words more common in English
    than in German, none plainly German, are a borrowed term (``„running mate“``), and after
    ``von``/``zu`` a capitalised word needs a reporting verb (``die Namen von „Steuersündern“``).
``attribute``
    Finds the speaker in the frame: ``„…“, sagte X`` / ``„…“, so X`` / ``X sagte: „…“`` /
    ``Dazu sagte X der Zeitung: „…“`` / ``laut X`` / ``gemäß X`` / ``X zufolge`` / ``nach
    Angaben von X`` / ``wie X sagte`` / ``seiner Meinung nach``. The subject is a person's
    name (linked to its entity), a pronoun (``er``/``sie``: the closest earlier person of that
    gender named as a subject, gender from gender-guesser; ``sie`` with a plural verb,
    ``sagten sie``, is the closest organisation) or a role phrase (``der
    Staatsanwalt``; linked when an entity's description has that role word, otherwise given
    as ``speaker_name``). Organisations speak too (ORG entities, ``schreibt die
    „Computerwoche“``, ``spricht der Gesetzentwurf``), and so do documents: ``heißt es in der
    Erklärung``, ``In dem Antrag heißt es:``. A subject opening the clause right before the
    verb wins (``Schröder (SPD) sagte der Zeitung``); after the verb the subject ends at the
    next comma (``sagte, der Pilot trage …`` is the reported clause), except for a name in
    apposition (``sagte der Sprecher des Ministeriums, Hans Meier,``). ``zitiert X Y`` gives
    Y, the person quoted; ``Für X ist …`` gives X. Names after a preposition or a dative
    article and genitives are objects, not speakers. A nominative ``er`` after the verb beats
    a fronted object (``Die Arbeit … lobte er mit den Worten:``); a quote in brackets after a
    name is that name's (``Mohammed ElBaradei („…“)``); in a relative clause the noun before
    it speaks (``ein Kommentar, der die Entscheidung als „…“ bezeichnet``). With no cue the
    sentence's subject speaks (``Die Firma nennt das „…“``); a Konjunktiv sentence instead
    goes on with the report around it, and a quote with no frame with the last speaker of the
    same or previous paragraph. A phrase quoted inside reported speech is the reporter's.
``find_indirect``
    Reported speech, kind ``"indirect"``: a reporting verb with a comma clause in Konjunktiv I,
    ``dass``/``ob`` or a ``zu`` infinitive (``Peskow meldete, Russland rücke vor``), the clause
    before ``, sagte X`` when it is in Konjunktiv, ``laut X …``/``nach Angaben …``/``X
    zufolge`` sentences, Konjunktiv (and reportative ``soll``) sentences that carry on what the
    last speaker said, and sentences whose verb is a reporting verb with a named subject
    (``Merkel kritisierte die Entscheidung.``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

from reader.analysis import Entity, Quote
from reader.rulebook import rule

if TYPE_CHECKING:
    from reader.article import Article
    from reader.nlp import Passage


def _wordlist(text: str) -> list[str]:
    """A word list written as one whitespace-separated string."""
    return text.split()


# --------------------------------------------------------------------------------------------
# Quotation marks

# Openers and the closers that may end them. « » and ‹ › serve both ways round (Swiss «…»,
# German books »…«); which way is decided by what stands next to the mark.
_CLOSERS: dict[str, str] = {
    "„": '“”"',
    "“": "”“",
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
    "‚": "‘’'",
    "‘": "’",
    '"': '"',
    "'": "'",
}
_OUTER_OPENERS = '„“«»"'
_MARKS = re.compile(r"[„“”«»‹›‚‘’\"']")
_OPEN_BEFORE = set("([{/–—-:") | set(_CLOSERS)
MAX_DEPTH = 8
MAX_SENTENCE = 3000  # longer "sentences" are not read for indirect speech (keeps it linear)


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Text inside a pair of quotation marks: ``text[start:end]`` excludes the marks."""

    start: int
    end: int
    mark: str
    depth: int = 0
    closed: bool = True


def _can_open(text: str, i: int) -> bool:
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if not nxt or nxt.isspace():
        return False
    prev = text[i - 1] if i > 0 else ""
    return not prev or prev.isspace() or prev in _OPEN_BEFORE or text[i] == "„"


def _can_close(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else ""
    if not prev or prev.isspace():
        return False
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return not nxt.isalnum()


def scan_paragraph(text: str, start: int, end: int) -> tuple[list[QuoteSpan], str | None]:
    """Quoted spans in ``text[start:end]``; also the mark of a quote left open at the end.

    One pass with a bounded stack, so the cost is linear in the paragraph length whatever the
    nesting. Apostrophes (``Trump's``, ``geht's``) and a ``‚`` used as a comma never open.
    """
    spans: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []  # (opening mark, position after it)
    for match in _MARKS.finditer(text, start, end):
        i = match.start()
        mark = text[i]
        # Close the innermost open quote this mark can end.
        if _can_close(text, i) or (mark in "“”" and stack and stack[-1][0] == "„"):
            for depth in range(len(stack) - 1, -1, -1):
                opener, after = stack[depth]
                if mark in _CLOSERS[opener]:
                    if mark in "'’" and depth != len(stack) - 1:
                        break  # an apostrophe does not close across an inner quote
                    del stack[depth:]
                    if i > after:
                        spans.append(QuoteSpan(after, i, opener, depth))
                    break
            else:
                if not (_can_open(text, i) and mark in _CLOSERS and mark not in "’"):
                    continue
                if len(stack) < MAX_DEPTH:
                    stack.append((mark, i + 1))
            continue
        if mark in _CLOSERS and mark != "’" and _can_open(text, i) and len(stack) < MAX_DEPTH:
            stack.append((mark, i + 1))
    left_open = None
    if stack:
        # An unclosed quote ends with its paragraph; only the outermost is kept.
        opener, after = stack[0]
        if opener in _OUTER_OPENERS and after < end:
            spans.append(QuoteSpan(after, end, opener, 0, closed=False))
            left_open = opener
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans, left_open


def scan_quotes(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[QuoteSpan]:
    """Quoted spans of all paragraphs; a quote left open at a paragraph's end whose next
    paragraph opens with the same mark goes on there (news style for long quotes)."""
    result: list[QuoteSpan] = []
    carry: QuoteSpan | None = None
    for start, end in paragraphs:
        spans, left_open = scan_paragraph(text, start, end)
        if carry is not None:
            first = next((s for s in spans if s.depth == 0), None)
            if first is not None and first.start == start + 1 and text[start] == carry.mark:
                spans.remove(first)
                carry = QuoteSpan(carry.start, first.end, carry.mark, 0, first.closed)
                if first.closed:
                    result.append(carry)
                    carry = None
                else:
                    left_open = None  # the open quote is the one carried on
            else:
                result.append(carry)
                carry = None
        if left_open is not None:
            carry = next(s for s in spans if not s.closed)
            spans.remove(carry)
        result.extend(spans)
    if carry is not None:
        result.append(carry)
    result.sort(key=lambda s: (s.start, -s.end))
    return result


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Blank-line separated paragraphs of ``text``, for callers without an Article."""
    spans = []
    position = 0
    for match in re.finditer(r"\n[ \t]*\n\s*", text):
        if match.start() > position:
            spans.append((position, match.start()))
        position = match.end()
    if position < len(text):
        spans.append((position, len(text)))
    return spans


# --------------------------------------------------------------------------------------------
# Lexicon: reporting verbs in all finite and participle forms, Konjunktiv I forms

# Regular (weak) reporting verbs by infinitive; separable ones as "particle|verb".
_WEAK_VERBS = _wordlist(
    """
    sagen erklären betonen meinen kritisieren warnen fordern melden berichten behaupten äußern
    erläutern ergänzen unterstreichen bekräftigen bestätigen dementieren versichern klagen
    beklagen mahnen fragen antworten erwidern entgegnen kommentieren zitieren twittern
    bilanzieren folgern urteilen argumentieren schildern beteuern bemängeln monieren loben
    verlangen appellieren drohen kontern resümieren präzisieren verkünden glauben vermuten
    befürchten fürchten hoffen bezweifeln zweifeln klarstellen festhalten mitteilen ankündigen
    einräumen hinzufügen ausführen anmerken feststellen bekanntgeben versprechen verdeutlichen
    darlegen darstellen beschreiben bezeichnen verweisen hinweisen vorwerfen zugeben angeben
    bestreiten beschuldigen anprangern rechtfertigen begründen vorschlagen verraten verteidigen
    prognostizieren schätzen empfehlen raten bitten ausrichten unterrichten informieren
    verlauten berichten ermahnen jubeln skandieren auffordern
    """
)
_SEPARABLE = (
    "mit",
    "an",
    "ein",
    "hinzu",
    "aus",
    "fest",
    "bekannt",
    "dar",
    "vor",
    "zu",
    "hin",
    "klar",
    "auf",
)
# Strong verbs: infinitive (with its particle if separable) → present 3sg, past, participle.
_STRONG_FORMS = {
    "sprechen": "spricht sprach sprachen gesprochen",
    "versprechen": "verspricht versprach versprachen versprochen",
    "schreiben": "schreibt schrieb schrieben geschrieben",
    "beschreiben": "beschreibt beschrieb beschrieben beschrieben",
    "nennen": "nennt nannte nannten genannt",
    "rufen": "ruft rief riefen gerufen",
    "an|geben": "gibt gab gaben angegeben",
    "zu|geben": "gibt gab gaben zugegeben",
    "bekannt|geben": "gibt gab gaben bekanntgegeben",
    "hin|weisen": "weist wies wiesen hingewiesen",
    "verweisen": "verweist verwies verwiesen verwiesen",
    "beschließen": "beschließt beschloss beschlossen beschlossen",
    "entscheiden": "entscheidet entschied entschieden entschieden",
    "vor|werfen": "wirft warf warfen vorgeworfen",
    "vor|schlagen": "schlägt schlug schlugen vorgeschlagen",
    "fest|halten": "hält hielt hielten festgehalten",
    "bitten": "bittet bat baten gebeten",
    "bestreiten": "bestreitet bestritt bestritten bestritten",
    "verraten": "verrät verriet verrieten verraten",
    "empfehlen": "empfiehlt empfahl empfahlen empfohlen",
    "verlauten": "verlauten",
    "raten": "rät riet rieten",  # no "geraten": "in Not geraten" is no advice
    "beschwören": "beschwören beschwört beschwor beschworen",
}
_UNSEPARABLE = frozenset(["antworten"])
_INSEPARABLE = ("be", "er", "ver", "ent", "emp", "ge", "zer", "miss", "wider", "hinter", "unter")
_STRONG_SKIP = {
    "angeben",
    "zugeben",
    "bekanntgeben",
    "hinweisen",
    "vorwerfen",
    "vorschlagen",
    "festhalten",
    "versprechen",
    "beschreiben",
    "bestreiten",
    "empfehlen",
    "verraten",
    "verlauten",
    "raten",
    "darstellen",
    "verweisen",
}


def _weak_forms(infinitive: str) -> tuple[set[str], str]:
    """Forms of a weak verb (``erklären`` → erklärt, erklärte, …) and its separable particle."""
    particle = next(
        (p for p in _SEPARABLE if infinitive.startswith(p) and len(infinitive) > len(p) + 4), ""
    )
    if infinitive in _UNSEPARABLE:
        particle = ""  # "antworten" is no "an|tworten"
    base = infinitive[len(particle) :]
    stem = base[:-2] if base.endswith("en") else base[:-1]
    epenthetic = stem.endswith(("t", "d")) or re.search(r"(?:[^aeiouäöülrh]|ch)[mn]$", stem)
    e = "e" if epenthetic else ""
    forms = {stem + "e", stem + e + "t", stem + e + "te", stem + e + "ten"}
    if base.endswith("ieren") or base.startswith(_INSEPARABLE):
        participle = stem + e + "t"
    else:
        participle = "ge" + stem + e + "t"
    return forms | {particle + participle, infinitive, base}, particle


def _build_verbs() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """All reporting-verb forms, and for finite forms of separable verbs the particles that
    must follow in the clause ("teilte … mit"): "teilte" alone is not a reporting verb."""
    forms: set[str] = set()
    particles: dict[str, set[str]] = {}
    free: set[str] = set()
    entries: list[tuple[str, str, list[str]]] = []
    for verb in _WEAK_VERBS:
        if verb in _STRONG_SKIP:
            continue
        verb_forms, particle = _weak_forms(verb)
        entries.append((verb, particle, sorted(verb_forms)))
    for key, strong in _STRONG_FORMS.items():
        particle, _, base = key.rpartition("|")
        # The plural present is the infinitive: "Die Medien sprechen von …", "werfen ihm … vor".
        entries.append((particle + base, particle, [*strong.split(), base]))
    for infinitive, particle, verb_forms in entries:
        for form in verb_forms:
            forms.add(form)
            if particle and not form.startswith(particle) and form != infinitive:
                particles.setdefault(form, set()).add(particle)
                # At a subordinate clause's end the particle is joined: "wie sie mitteilte".
                forms.add(particle + form)
                free.add(particle + form)
            else:
                free.add(form)
    needs = {form: frozenset(p) for form, p in particles.items() if form not in free}
    return frozenset(forms), needs


REPORTING_VERBS, _NEEDS_PARTICLE = _build_verbs()
# Konjunktiv I (and the Konjunktiv II that stands in for it) as used in reported speech.
KONJUNKTIV: frozenset[str] = frozenset(
    _wordlist(
        """
    sei seien seiest habe werde könne müsse solle wolle dürfe möge wisse gebe liege stehe gehe
    komme bleibe lasse handele handle befinde brauche fehle sehe trage halte bestehe gelte
    erwarte plane arbeite lebe fordere verfüge biete drohe spiele zeige führe stamme entspreche
    treffe betreffe lohne reiche mache nehme finde laufe passe bringe diene wachse sinke steige
    gehöre hätte hätten wäre wären würde würden könnten müssten sollten wollten dürften
    """
    )
)
_STRONG_KONJUNKTIV = frozenset(w for w in KONJUNKTIV if not w.endswith(("n",)) or w == "seien")
_WORD = re.compile(r"\w+(?:[-’']\w+)*")
# --------------------------------------------------------------------------------------------
# Direct quotes: real quotes versus quoted names, titles and scare quotes

# Nouns that announce a name or title in quotation marks ("der Film „Sunshine“").
_TITLE_NOUNS = frozenset(
    _wordlist(
        """
    titel motto name namen namens buch buches film films album albums lied song songs single
    zeitung zeitschrift zeitschift magazin magazins blatt blattes wochenzeitung tageszeitung
    wochenzeitschrift nachrichtenmagazin nachrichtenagentur agentur sender senders sendung serie
    krimireihe reihe show kategorie typs typ modell modells marke aktion aktionstages kampagne
    projekt projekts programm programms operation mission sonde schiff schiffes frachter
    flugzeugträger shuttle rakete trägerrakete wirbelsturm hurrikan sturm tour gruppe band
    bündnis partei organisation initiative verein firma unternehmen verlag gesetz gesetzes stück
    theaterstück roman oper ausstellung festival preis auszeichnung parole aufschrift slogan
    schlagwort begriff begriffs wort stichwort bezeichnung spitzname kneipe restaurant hotel
    club lokal naturdenkmal tv-sendung online-ausgabe ausgabe internetseite website plattform
    app spiel computerspiel studie bericht berichts grundsatz grundsatzes prinzip prinzips
    prädikat bereich rubrik
    """
    )
)
# Words that make a quoted string a statement rather than a name: pronouns, finite verbs.
_STATEMENT_WORDS = (
    frozenset(
        _wordlist(
            """
    ich wir du ihr mich mir uns euch man es ist sind war waren bin hat haben hatte hatten wird
    werden wurde wurden kann können konnte muss müssen musste soll sollen sollte will wollen
    wollte darf dürfen gibt gab geht ging nicht kein keine keinen nichts sehr auch noch schon
    nur doch mehr dass weil wenn aber denn jetzt hier heute dies das
    """
        )
    )
    | KONJUNKTIV
)
_AS_CUES = frozenset(
    _wordlist(
        """
    als nannte nannten nennt bezeichnete bezeichneten bezeichnet sprach sprachen spricht von vor
    zu
    """
    )
)


@dataclass(frozen=True, slots=True)
class Name:
    """A name the quote finder may give as speaker: ``text[start:end]`` of entity ``entity``."""

    start: int
    end: int
    entity: str | None
    name: str
    gender: str | None = None
    label: str = "PER"  # organisations ("ORG") speak too, but are never an "er"/"sie"


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _clause_before(text: str, start: int, floor: int) -> str:
    """The text from the last sentence end before ``start`` (within its paragraph)."""
    window = text[max(floor, start - 240) : start]
    cut = -1
    for match in _SENTENCE_END.finditer(window):
        cut = match.start()
    return window[cut + 1 :] if cut >= 0 else window


# A sentence end, not an abbreviation ("Dr. ", "W. ", "Nr. ") or an ordinal ("5. Mai",
# "Benedikt XVI. "); also one that lacks its space ("sagte der Papst.Der Bruder").
_SENTENCE_END = re.compile(
    r"(?<!\b[A-ZÄÖÜ])(?<!\bDr)(?<!\bSt)(?<!\bNr)(?<!\bProf)(?<!\bbzw)(?<!\bca)(?<!\d)"
    r"(?<!\b[IVXLC]{2})(?<!\b[IVXLC]{3})(?<!\b[IVXLC]{4})[.!?](?=\s)"
    r"|(?<=[a-zäöüß]{2})(?<!Prof)(?<!Dipl)[.!?](?=[A-ZÄÖÜ][a-zäöüß])|\n"
)


def _clause_after(text: str, end: int, ceiling: int) -> str:
    """The text up to the next sentence end after ``end`` (within its paragraph)."""
    window = text[end : min(ceiling, end + 240)]
    if end >= 2 and text[end - 2] in ".!?…" and re.match(r"\s+[A-ZÄÖÜ„«»\"]", window):
        return ""  # the quote ended its sentence: what follows is the next one
    if re.match(r"[“”«»‹›\"']?[.!?](?:\s|$)", window):
        return window[:1]  # "„…“. Der Leiter …": a full stop right after the quote ends it
    match = re.search(r"[.!?](?=\s|$)|\n", window[1:])
    return window[: match.end() + 1] if match else window


def has_reporting_verb(words: Iterable[str], clause: str = "") -> str | None:
    """The first reporting verb among ``words`` as written (separable ones need their particle)."""
    lowered = None
    for word in words:
        key = word.lower()
        if key not in REPORTING_VERBS or (word[0].isupper() and key.endswith("en")):
            continue
        particles = _NEEDS_PARTICLE.get(key)
        if particles:
            lowered = lowered if lowered is not None else set(_words(clause.lower()))
            if not particles & lowered:
                continue
        return word
    return None


def is_direct(text: str, span: QuoteSpan, floor: int, ceiling: int) -> bool:
    """Tell a quoted statement from a quoted name, title or bare scare quote.

    The rules follow what the German WikiNews gold data annotates as direct speech: whole
    sentences and clauses, and short phrases that someone said (``nannte den Plan „verfehlt“``),
    but not titles, names or labels (``die Zeitung „Die Zeit“``).
    """
    if span.depth > 0:
        return False
    quote = text[span.start : span.end].strip()
    words = _words(quote)
    if not words:
        return False
    before = _clause_before(text, span.start - 1, floor)
    after = _clause_after(text, span.end + (1 if span.closed else 0), ceiling)
    before_words = _words(before)
    previous = before_words[-1].lower() if before_words else ""
    lowered = [w.lower() for w in words]
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit()) / len(words)
    statement = any(w in _STATEMENT_WORDS for w in lowered[1:]) or lowered[0] in _STATEMENT_WORDS
    # An ordinal's full stop ("XX. Kategorie", "22. Juni") ends no sentence.
    plain = _ORDINAL.sub("", quote)
    ends_sentence = plain[-1:] in tuple(".!?…") or bool(re.search(r"[.!?…] ", plain))
    context = before_words[-8:] + _words(after)[:6]
    cue = has_reporting_verb(context, before + " " + after) is not None
    colon = before.rstrip().endswith(":")
    after_words = _words(after)[:4]
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
    konjunktiv = any(w in KONJUNKTIV for w in _words(before)[-10:] + _words(after)[:10])
    if (
        rule("direct.numbered-title")
        and (_NUMBERED_TITLE.match(quote) or _DESIGNATION.fullmatch(quote))
        and not ends_sentence
    ):
        return False  # "„XXXII Championnat du Monde“", "„22. Bol d’or“", "„HD 13189“"
    if (
        rule("direct.edition-name")
        and re.search(r"(?<![\d.])\d{1,3}\.\s*$", before)
        and not (ends_sentence or statement)
    ):
        return False  # "die 22. „europäische Hackerkonferenz“": an edition's name
    lead4 = [w.lower() for w in before_words[-4:]]
    if rule("direct.term-explained") and any(
        a in _NAMING_VERBS and b == "man" for a, b in pairwise(lead4)
    ):
        return False  # "Dies nennt man einen „Aktiensplit“": a term explained, not words said
    if (
        rule("direct.foreign-term")
        and len(words) <= 4
        and not ends_sentence
        and not colon
        and _foreign_term(words)
    ):
        return False  # "„running mate“", "„space recovery experiment“": a foreign term
    if rule("direct.legal-form") and _LEGAL_FORM.search(quote):
        return False  # "„Ener1 Group Inc.“", "„… e.V.“": a company or association
    if (
        rule("direct.foreign-title")
        and not ends_sentence
        and (words[0] in _FOREIGN_ARTICLES or _non_latin(quote))
    ):
        return False  # "„Le Grand Macabre“", "„The Guardian“", Cyrillic: a title or name
    if (
        rule("direct.reputation")
        and previous == "als"
        and not (ends_sentence or colon)
        and any(w.lower() in _REPUTE_VERBS for w in before_words[-8:])
    ):
        return False  # "galt als „heimlicher Regierungschef“": a reputation, not words
    if (
        rule("direct.name-reads")
        and not (ends_sentence or statement or colon)
        and any(w.lower() in _READS_VERBS for w in before_words[-2:])
    ):
        return False  # "der Name lautet also „Tiktaalik“": a name, no statement
    if (
        rule("direct.self-name")
        and previous == "sich"
        and any(w.lower().startswith(("nenn", "nann", "bezeichn")) for w in before_words[-4:])
    ):
        return False  # "nennt sich „documenta 12“": a name it gives itself
    if (
        rule("direct.passive-label")
        and previous == "als"
        and len(words) <= 2
        and len(after_words) >= 2
        and after_words[0] in _PASSIVE_LABELS
        and after_words[1] in _PASSIVE_AUXILIARIES
    ):
        return False  # "der als „Sonnenwind“ bezeichnet wird": a term, nobody's words
    if (
        rule("direct.nickname")
        and len(words) <= 4
        and not ends_sentence
        and after_words[:1] == ["genannt"]
    ):
        return False  # "stets „der Dicke“ genannt": a nickname, not words someone said
    if (ends_sentence or statement) and (colon or so_after or cue):
        return True
    if (
        rule("direct.statement-sentence")
        and statement
        and len(words) >= 3
        and not before.strip()
        and after.strip() in (".", "!", "?")
    ):
        return True  # "„Ja, es gibt Zumutungen“. Das musste …": the quote is a sentence
    # "skandierten Parolen wie „Gefälschte Demokratie“", "Parolen wie etwa „…“"
    lead = [w.lower() for w in before_words[-5:]]
    while lead and lead[-1] in ("zum", "beispiel", "etwa", "z", "b"):
        lead.pop()
    if (
        rule("direct.speech-noun-wie")
        and len(lead) > 1
        and lead[-1] == "wie"
        and lead[-2] in _SPEECH_NOUNS
    ):
        return True
    if rule("direct.slogan-noun") and previous in _SLOGAN_NOUNS:
        return True  # "mit der Parole „Wir erwarten euch“", "mit der Aufschrift „…“"
    if rule("direct.bracket-name") and not statement and before.endswith("("):
        return False  # a name's translation or abbreviation in brackets
    if (
        rule("direct.name-then-verb")
        and len(words) <= 4
        and not statement
        and not ends_sentence
        and previous in ("", "wie")
        and _verb_follows(after)
    ):
        return False  # "Wie „heise online“ berichtet": the quoted name is the subject
    name_like = quote[0].isupper() or quote[0].isdigit()
    if name_like and not statement and not ends_sentence and not colon:
        if (
            rule("direct.article-name")
            and (previous in _DEFINITE or previous in _ARTICLE_PREPOSITIONS)
            and (
                so_after
                or (len(words) >= 2 and capitalised >= 0.75)
                or any(w[0].isupper() and not _german_noun(w) for w in words)
            )
        ):
            return False  # "der „New York Times“, bekräftigt …", "beim „2. Weltkongress“"
        if rule("direct.so-heisst") and re.match(
            r"[“”«»\"']?\s*,\s*so\s+(?:heißt|hieß|lautet|lautete|nennt)\b", after
        ):
            return False  # "„Wikiasari“, so heißt ein Projekt"
        if (
            rule("direct.own-article")
            and len(words) <= 4
            and lowered[0] in ("der", "die", "das")
            and all(w[0].isupper() or w[0].isdigit() for w in words)
        ):
            return False  # "schrieb „Die Zeit“": a title with its own article
        if rule("direct.self-name") and (
            previous in ("sich", "selbst") or (after_words and after_words[0] == "genannt")
        ):
            return False  # "nennt sich „documenta 12“", "auch „BD-Live“ genannt"
        if (
            rule("direct.name-then-verb")
            and previous in _DEFINITE
            and len(words) <= 6
            and _verb_follows(after)
        ):
            return False  # "Die „Kampagne für ein Freies Tibet“ berichtete": the subject
        if (
            rule("direct.name-subject")
            and len(words) <= 2
            and not previous
            and re.match(r"[“”«»\"']?\s+[a-zäöü]", after)
        ):
            return False  # "„Landser“ habe in seinen Liedern …": a name as the subject
    if rule("direct.title-noun") and (
        previous in _TITLE_NOUNS
        or previous in _NAMING
        or (previous.endswith(_NAMING_ENDINGS) and not statement and not ends_sentence)
        or (
            previous in _DEFINITE
            and len(before_words) > 1
            and before_words[-2].lower() in _TITLE_NOUNS
        )
    ):
        return False
    if len(words) >= 5:
        if (
            rule("direct.long-title-case")
            and quote[0].isupper()
            and capitalised >= 0.5
            and not (statement or ends_sentence or cue)
        ):
            return False  # "Gesetz zur Bekämpfung des Terrors", "Rat für nationale Sicherheit"
        return not (capitalised >= 0.7 and not statement and not ends_sentence)
    if ends_sentence or so_after or colon:
        return True
    if quote[0].islower():
        if rule("direct.lower-name") and re.match(r"\w+[A-Z0-9]|\S*\w\.\w", quote):
            return False  # "iPod nano", "amazon.de": lower-case names
        if (
            rule("direct.stressed-word")
            and len(words) == 1
            and not (cue or konjunktiv or previous in _AS_CUES)
        ):
            return False  # a single word stressed by the writer: „nur“, „verzinst“
        return statement or cue or konjunktiv or previous in _AS_CUES or len(words) > 1
    if previous in _DEFINITE:
        return statement and cue  # "die „Computerwoche“", "der „Heilige Krieg“"
    if (
        rule("direct.indefinite-label")
        and previous in _INDEFINITE
        and cue
        and any(w[0].islower() for w in words[1:])
    ):
        return True  # "bezeichnete es als einen „Akt des politischen Verbrechertums“"
    if not all(_german_noun(w) for w in words if w[0].isupper()):
        return statement and cue
    if (
        rule("direct.capital-before")
        and before_words
        and before_words[-1][0].isupper()
        and previous not in _INDEFINITE
    ):
        return False  # "die „Süddeutsche Zeitung“" is a name; "eine „Zeitungsente“" is not
    labelled = bool(_LABELLING.search(before + " " + after))
    if previous == "als":  # "bezeichnete ihn als „Lügner“", not "galt als „Stadt der Musik“"
        return cue or konjunktiv or labelled
    if previous in _INDEFINITE:  # "nannte den Bericht eine „Zeitungsente“"
        return cue or konjunktiv or labelled or "als" in [w.lower() for w in before_words[-3:]]
    # "sprach von „Verrat“" is a label, "die Namen von „Steuersündern“" a plain noun: after
    # "von"/"zu" a capitalised word needs a reporting verb nearby.
    return cue or konjunktiv or (previous in _AS_CUES and previous not in ("von", "zu"))


_PASSIVE_LABELS = frozenset(_wordlist("bezeichnet genannt interpretiert gewertet eingestuft"))
_PASSIVE_AUXILIARIES = frozenset(_wordlist("wird werden wurde wurden worden ist sind"))
_ORDINAL = re.compile(r"\b(?:\d{1,4}|[IVXLC]{1,7})\.(?=\s+\S)")
# A Roman numeral or an ordinal before a capitalised word opens the name of an event or a work.
_NUMBERED_TITLE = re.compile(r"(?:[IVXLC]{2,7}|[IVX])\.?\s+[A-ZÄÖÜ]|\d{1,3}\.\s+[A-ZÄÖÜ]")
# A catalogue or type designation: "HD 13189", "A380", "F-16".
_DESIGNATION = re.compile(r"[A-Z]{1,4}[- ]?\d+[a-z]?")
# "nennt man", "spricht man von": a term and its meaning, nobody's words.
_NAMING_VERBS = frozenset(_wordlist("nennt nannte nennen spricht sprach bezeichnet"))
# Legal forms of companies and associations ("e.V.", "GmbH", "Inc."): the quote is a name.
_LEGAL_FORM = re.compile(
    r"(?:\be\.\s?V\.|\bGmbH\b|\bA[Gg]\b|\bag$|\bInc\.|\bLtd\b|\bS\.\s?[AE]\.|\bKG\b|\bCorp\.|"
    r"\bLLC\b|\bplc\b)"
)
# "galt als „…“": what someone is reputed to be, nobody's words.
_REPUTE_VERBS = frozenset(_wordlist("gilt galt gelten galten"))
_READS_VERBS = frozenset(_wordlist("lautet lautete lauten lauteten"))
# Articles of other languages: a quote opening with one is a title or a name.
_FOREIGN_ARTICLES = frozenset(["The", "Le", "La", "Les", "El", "Il", "Los", "Las"])


def _non_latin(quote: str) -> bool:
    """Whether most letters of ``quote`` are not Latin (Cyrillic, Greek, Arabic, CJK, …)."""
    letters = [c for c in quote if c.isalpha()]
    return sum(c > "ɏ" for c in letters) * 2 > len(letters)


def _foreign_term(words: Sequence[str]) -> bool:
    """Whether most words are more frequent in English than in German and none is plainly
    German (found in German text only, or a German noun): a borrowed term, not a quote."""
    from reader.lexicons import zipf

    foreign = 0
    for word in words:
        if word.isdigit():
            continue
        de, en = zipf(word, "de"), zipf(word, "en")
        if (de > 0 and en == 0) or (word[0].isupper() and _german_noun(word) and de >= en):
            return False
        foreign += en > de + 0.5 or (de == 0 and word[-1:].lower() in "aiouy")
    return foreign * 2 >= len(words) > 0


# Nouns for things said: "Parolen wie „…“", "mit den Worten „…“".
_SPEECH_NOUNS = frozenset(
    _wordlist(
        """
        parolen sprüche sprüchen rufe rufen slogans sprechchöre sprechchören worte worten sätze
        sätzen aussagen formulierungen
        """
    )
)
# Nouns right before the words they carry: "die Parole „…“" (a motto or title is a name).
_SLOGAN_NOUNS = frozenset(_wordlist("parole parolen aufschrift worten"))
_ARTICLE_PREPOSITIONS = frozenset(["von", "vom", "im", "beim", "zum", "am", "ins"])


def _verb_follows(after: str) -> bool:
    """Whether a finite reporting verb follows a quote directly, without a comma."""
    first = _WORD.match(after.lstrip("“”«»‹›\"' "))
    return first is not None and has_reporting_verb([first.group(0)], after) is not None


# Verbs that label something with someone's words: "… als „Wortbruch“ zurückgewiesen".
_LABELLING = re.compile(
    r"\b(?:bezeichn\w*|nannte\w*|nennt|genannt|kritisier\w*|verurteil\w*|wertet\w*|sieht|sah|"
    r"zurück\w*|beschrieb\w*|beschreibt|lobt\w*|feiert\w*|würdigt\w*|empfind\w*|betrachte\w*|"
    r"charakterisier\w*|verteidigt\w*|sprach|spricht|warnt\w*)\b"
)


# Compounds that announce a name: "Codenamen: „Maelstrom“", "Arbeitstitel „…“".
_NAMING_ENDINGS = ("name", "namen", "titel", "motto", "slogan")
_NAMING = frozenset(
    _wordlist(
        """
    genannt genannte genannten genannter sogenannt sogenannte sogenannten sogenannter kurz
    namens heißt hieß magazines etwa deutsch übersetzt engl
    """
    )
)
_DEFINITE = frozenset(
    _wordlist(
        """
    der die das den dem des
    """
    )
)
_INDEFINITE = frozenset(
    _wordlist(
        """
    ein eine einen einer einem eines kein keine keinen einer
    """
    )
)


def _german_noun(word: str) -> bool:
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
    for form in forms:
        if is_common_noun(form) or any(
            is_common_noun(form[i].upper() + form[i + 1 :]) for i in range(2, len(form) - 3)
        ):
            return True
    return False


# --------------------------------------------------------------------------------------------
# Speakers

_ROLE_PHRASE = re.compile(
    r"\b(?:[Dd](?:er|ie|as|es|em|en|essen|eren)|[Ee]in(?:e[rsmn]?)?|[Ee]inige|[Ss]ein(?:e[rsmn]?)?|"
    r"[Ii]hr(?:e[rsmn]?)?)\s+(?:(?:der|des)\s+(?:\d+\s+)?)?"
    r"(?:(?!(?:der|die|das|den|dem|des)\s)[a-zäöüß\d][\w-]*(?:e|en|er)\s+){0,3}([A-ZÄÖÜ][\w-]+)"
    r"(?:\s+(?:de[rs]|von|vom)\s+(?:[a-zäöüß][\w-]*(?:e|en|er)\s+){0,2}[A-ZÄÖÜ][\w-]+)?"
)
_PRONOUN_RE = re.compile(r"\b(er|sie|Er|Sie)\b")
_GENITIVE_DETERMINERS = frozenset(["des", "eines", "seines", "ihres"])
_PREPOSITION_CUE = re.compile(
    r"\b(?:[Ll]aut|[Gg]emäss|[Gg]emäß|[Nn]ach\s+(?:Angaben|Aussagen?|Informationen|Worten|"
    r"Ansicht|Meinung|Auffassung|Einschätzung|Darstellung)\s+(?:von|des|der|vom)?|[Ww]ie)\s+"
)
_EXAMPLE = re.compile(r"(?:zum Beispiel\s+|etwa\s+|z\.\s?B\.\s+)?[„“«»‹›\"']")
_NOT_HEADS = frozenset(
    _wordlist(
        """
    Jahr Jahre Tag Tage Woche Wochen Monat Monate Zeit Mal Ende Anfang Angaben Zeitung Interview
    Sonntag Montag Dienstag Mittwoch Donnerstag Freitag Samstag Abend Morgen Nachmittag
    Wochenende
    """
    )
)


@dataclass(slots=True)
class _Speaker:
    entity: str | None
    name: str
    position: int
    guess: bool = False  # a capitalised word taken for a name, not a known name or role


def _gender(first_name: str) -> str | None:
    """ "male", "female" or None from gender-guesser's first-name dictionary."""
    try:
        return _gender_of(first_name)
    except Exception:  # gender-guesser missing or odd input: no gender, no harm
        return None


def _gender_of(first_name: str) -> str | None:
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
        gender = _gender(parts[0]) if len(parts) > 1 and entity.label == "PER" else None
        names.extend(
            Name(m.start, m.end, entity.id, entity.name, gender, entity.label)
            for m in entity.mentions
        )
    names.sort(key=lambda n: (n.start, n.end))
    return names


# How far back (characters) the last quoted speaker stays who "er"/"sie" most likely is.
RECENT_SPEAKER = 800
_SURNAME = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?")


class _NameIndex:
    """Name spans sorted by start, for "the names between a and b" and "the last name before"."""

    def __init__(self, names: Sequence[Name], text: str = "") -> None:
        self.names = sorted(names, key=lambda n: (n.start, n.end))
        self.starts = [n.start for n in self.names]
        self.text = text
        self.by_entity = {n.entity: n for n in self.names if n.entity is not None}
        # Quote starts and their named speakers, sorted by start.
        self.speaker_starts: list[int] = []
        self.speakers: list[Name] = []
        # Direct quotes found so far (in text order): a name inside one is what the speaker
        # talks about, not whom a later "er" in the report stands for.
        self.quoted: list[tuple[int, int]] = []

    def note_quote(self, start: int, end: int) -> None:
        if not self.quoted or start >= self.quoted[-1][1]:
            self.quoted.append((start, end))

    def in_quote(self, position: int) -> bool:
        i = bisect_right(self.quoted, (position, len(self.text) + 1)) - 1
        return i >= 0 and self.quoted[i][0] <= position < self.quoted[i][1]

    def note_speaker(self, position: int, entity: str | None, surname: str = "") -> None:
        """Remember who spoke at ``position``: the likeliest person a later "er" stands for.
        ``surname``: a speaker the model did not know ("…“, so Guttenberg"), of no known
        gender."""
        name = self.by_entity.get(entity) if entity else None
        surname = surname.rstrip(".,;:")
        # Not a noun ("Polizei", "Sprecher"), which also leaves out "Müller": no guess.
        if (
            name is None
            and entity is None
            and _SURNAME.fullmatch(surname)
            and not _is_noun(surname)
        ):
            name = Name(position, position, None, surname)
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
        """The closest earlier person of a compatible gender, preferring one named as a
        subject: "den Brief an Jacques Chirac" or "Merkels" is rarely who "er" is.
        ``label="ORG"``: the closest organisation instead (a plural "sie")."""
        i = bisect_left(self.starts, position) - 1
        fallback = None
        while i >= 0 and position - self.names[i].start <= limit:
            name = self.names[i]
            i -= 1
            if name.label != label:
                continue
            if gender is not None and name.gender not in (None, gender):
                continue
            if (
                rule("coref.not-in-quote")
                and self.in_quote(name.start)
                and not self.in_quote(position)
            ):
                fallback = fallback or name
                continue
            if (
                rule("coref.prefer-subject")
                and self.text
                and (_genitive(self.text, name) or _oblique(self.text, name.start))
            ):
                fallback = fallback or name
                continue
            return self._recent_speaker(position, gender, label, name.start) or name
        return self._recent_speaker(position, gender, label) or fallback

    def _recent_speaker(
        self, position: int, gender: str | None, label: str, named_at: int | None = None
    ) -> Name | None:
        """The last speaker quoted shortly before ``position`` when they fit the pronoun:
        news goes on about who spoke last rather than whoever was named last. Not when the
        pronoun's gender is known and the speaker's is not ("…“, sagte Müller. Später kam
        Angela Merkel. Sie sagte …")."""
        i = bisect_left(self.speaker_starts, position) - 1
        if not rule("coref.recent-speaker"):
            return None
        if i < 0 or position - self.speaker_starts[i] > RECENT_SPEAKER:
            return None
        name = self.speakers[i]
        if name.label == label and (gender is None or name.gender == gender):
            return name
        if (
            rule("coref.missed-surname")
            and name.entity is None
            and name.gender is None
            and named_at is not None
            and self.speaker_starts[i] > named_at
        ):
            # A surname the model missed that spoke after the last name it knew: "er".
            return name
        return None


def _after_word(text: str, position: int, words: tuple[str, ...]) -> bool:
    before = _WORD.findall(text[max(0, position - 12) : position])
    return bool(before) and before[-1].lower() in words


def _attribute_of_noun(text: str, position: int, floor: int) -> bool:
    """Whether a name at ``position`` follows a noun and "der"/"des"/"von" (a genitive or
    "von" attribute: "der Sprecher der „Polizei“", "Chef von Siemens")."""
    before = _WORD.findall(text[max(floor, position - 40) : position])[-2:]
    return (
        len(before) == 2
        and before[1].lower() in ("der", "des", "von", "vom")
        and before[0][0].isupper()
    )


def _genitive_role(text: str, position: int, floor: int) -> bool:
    """Whether a person's name at ``position`` follows a noun, "der"/"des" and a role ("die
    Rede der Abgeordneten Anna Kolb", "ein Sprecher des Ministers Paul Kern"): a genitive."""
    before = _WORD.findall(text[max(floor, position - 60) : position])[-3:]
    return (
        len(before) == 3
        and before[1] in ("der", "des")
        and before[0][0].isupper()
        and before[0] not in _FUNCTION_WORDS
        and before[2][0].isupper()
        and _speaker_noun(before[2])
    )


def _genitive(text: str, name: Name) -> bool:
    surface = text[name.start : name.end]
    return surface.endswith(("s", "’", "'")) and not name.name.endswith("s")


_PREPOSITIONS = frozenset(
    _wordlist(
        """
        über an auf für mit von vor gegen zu bei nach aus in im am zum zur vom beim gegenüber
        um durch ohne unter hinter neben zwischen wegen trotz seit bis sowie
        """
    )
)
_PREPOSITION_WORDS = tuple(_PREPOSITIONS)
_NAME_ENDINGS = ("mann", "berg", "stein", "burg", "feld", "bach", "dorf", "hof", "meier")


def _oblique(text: str, position: int, floor: int = 0) -> bool:
    """Whether a noun phrase at ``position`` follows a preposition or a dative/accusative
    article ("an die Lehrkräfte", "dem Minister Schäuble"): then it is not the speaker."""
    before = _WORD.findall(text[max(floor, position - 40) : position])[-2:]
    if not before:
        return False
    last = before[-1].lower()
    if last in _PREPOSITIONS or last in _OBLIQUE or last in ("ihm", "ihr", "ihn"):
        return True
    if len(before) == 2 and before[-1][0].isupper() and _speaker_noun(before[-1]):
        first = before[0].lower()
        return first in _PREPOSITIONS or first in _OBLIQUE
    if len(before) == 2 and last in _DEFINITE and before[0].lower() != "von":
        return before[0].lower() in _PREPOSITIONS  # "gegenüber der ARD", not "von der Leyen"
    return False


_ADVERB_ENDINGS = (
    "lich",
    "ig",
    "isch",
    "ens",
    "ers",
    "weise",
    "mal",
    "dem",
    "aus",
    "ein",
    "her",
    "hin",
    "rum",
    "dere",
    "ders",
    "wegen",
    "falls",
    "dings",
    "zeit",
    "über",
    "unter",
    "gegen",
    "seits",
    "wärts",
    "los",
    "bar",
    "sam",
    "haft",
    "iert",
    "t",
    "end",
    "nach",
    "vor",
    "zu",
    "mit",
)


def _adverb_like(word: str) -> bool:
    """A capitalised sentence opener that looks like an adverb or adjective, not a name."""
    return word.lower().endswith(_ADVERB_ENDINGS) or word in _FUNCTION_WORDS


def _sentence_initial(text: str, position: int) -> bool:
    head = text[max(0, position - 3) : position].rstrip(" „“«»\"'")
    return not head or head[-1] in ".!?:\n"


def _phrase_speaker(
    text: str,
    start: int,
    end: int,
    index: _NameIndex,
    entities_by_role: dict[str, str],
    first: bool,
    guess: bool = True,
    pronoun_object: bool = False,
) -> _Speaker | None:
    """The speaker named in ``text[start:end]``: a person's name, a pronoun or a role phrase.

    ``guess`` also takes capitalised words that are no known nouns for names;
    ``pronoun_object``: a pronoun at the start is the verb's object ("nannte sie").

    ``first`` picks the leftmost candidate (after a verb: "sagte Merkel"), otherwise the
    rightmost (before a verb: "Merkel sagte").
    """
    if start >= end:
        return None
    candidates: list[tuple[int, _Speaker]] = []
    unresolved: set[int] = set()  # where an "er" stands that no named man fits
    for name in index.between(start, end):
        if rule("phrase.genitive") and _genitive(text, name):
            continue  # a genitive ("die Eignung Merkels") owns, it does not speak
        if rule("phrase.oblique") and _oblique(text, name.start, start):
            continue
        if (
            rule("phrase.dative-en")
            and text[name.start : name.end].split()[0].endswith("en")
            and _after_word(text, name.start, ("der", "den", "dem"))
        ):
            continue  # "sagte der Süddeutschen Zeitung": dative, not the speaker
        if (
            rule("phrase.organisation-attribute")
            and name.label != "PER"
            and (
                _attribute_of_noun(text, name.start, start)
                or text[name.start - 1 : name.start] == "("
            )
        ):
            continue  # "ein Sprecher der Polizei", "Merkel (CDU)": not the organisation
        if (
            rule("phrase.genitive-role")
            and name.label == "PER"
            and _genitive_role(text, name.start, start)
        ):
            continue  # "während einer Rede der Abgeordneten Anna Kolb": a genitive attribute
        candidates.append((name.start, _Speaker(name.entity, name.name, name.start)))
    segment = text[start:end]
    for match in _PRONOUN_RE.finditer(segment) if rule("phrase.pronoun") else ():
        word = match.group(1).lower()
        if _oblique(text, start + match.start(), start):
            continue
        if pronoun_object and not segment[: match.start()].strip():
            continue
        gender = "male" if word == "er" else "female"
        plural = word == "sie" and _plural_verb(text, start + match.start(), start + match.end())
        person = index.last_before(start + match.start(), gender, label="ORG" if plural else "PER")
        if person is not None:
            candidates.append(
                (start + match.start(), _Speaker(person.entity, person.name, start + match.start()))
            )
        else:
            # Nobody to resolve the pronoun to: a speaker without a name.
            candidates.append((start + match.start(), _Speaker(None, "", start)))
            if word == "er":
                unresolved.add(start + match.start())
    for match in _ROLE_PHRASE.finditer(segment) if rule("phrase.role") else ():
        head = match.group(1)
        determiner = match.group(0).split()[0].lower()
        position = start + match.start()
        if not _speaker_noun(head) or (first and determiner in _OBLIQUE):
            continue
        if determiner in _GENITIVE_DETERMINERS:
            continue  # "die Sicherheit seines Chefs": a genitive owns, it does not speak
        if determiner == "der" and head.endswith(_FEMININE_ENDINGS):
            continue  # "der Regierung": dative or genitive, not a subject
        if _oblique(text, position, start):
            continue
        if any(position <= p < position + len(match.group(0)) + 3 for p, _ in candidates):
            continue  # "der Kremlsprecher Peskow": the name is the speaker
        candidates.append(
            # "der Kremlsprecher" is the one person with that role; "ein Sprecher" another.
            (
                position,
                _Speaker(
                    entities_by_role.get(head) if determiner in ("der", "die") else None,
                    match.group(0),
                    position,
                ),
            )
        )
    # A name in quotation marks after an article: "schreibt die „Computerwoche“".
    for match in _QUOTED_NAME.finditer(segment) if rule("phrase.quoted-name") else ():
        position = start + match.start()
        if _oblique(text, position, start) or any(
            position <= p < start + match.end() for p, _ in candidates
        ):
            continue
        candidates.append((position, _Speaker(None, match.group(1) or match.group(2), position)))
    # Capitalised words that are no German nouns are names the model may have missed.
    for match in _CAPITALISED.finditer(segment if guess and rule("phrase.guess") else ""):
        word = match.group(0)
        position = start + match.start()
        while " " in word and (word.split()[0] in _FUNCTION_WORDS or _german_noun(word.split()[0])):
            head_len = len(word.split()[0])
            skipped = len(word) - len(word[head_len:].lstrip())
            word, position = word[skipped:], position + skipped
        head = word.split()[0]
        overlaps = any(
            p <= position < p + 60 or position <= p < position + len(word) for p, _ in candidates
        )
        if overlaps:
            continue
        if (
            " " not in word
            and word.endswith("s")
            and re.search(r"[A-ZÄÖÜ]\w+\s+$", text[max(0, position - 30) : position])
        ):
            continue  # "die Eignung Merkels": a genitive after its noun
        if " " in word and _first_name(head) and not _oblique(text, position, start):
            candidates.append((position, _Speaker(None, word, position, guess=True)))
            continue
        if (
            head in _FUNCTION_WORDS
            or _is_noun(word.split()[-1])
            or (_german_noun(word.split()[-1]) and not word.endswith(_NAME_ENDINGS))
            or (
                " " not in word
                and _sentence_initial(text, position)
                and (_adverb_like(word) or _frequent(word))
            )
            or _oblique(text, position, start)
            or any(
                p <= position < p + 60 or position <= p < position + len(word)
                for p, _ in candidates
            )
        ):
            continue
        candidates.append((position, _Speaker(None, word, position, guess=True)))
    # Words of another direct quote in the frame ("skandierten „Stoppt …“ oder „…“") are
    # what was said, not who said it.
    if rule("phrase.not-in-quote"):
        candidates = [c for c in candidates if not index.in_quote(c[0])]
    if not candidates:
        return None
    candidates.sort(key=lambda c: c[0])
    at = candidates[0][0] if first else candidates[-1][0]
    if at in unresolved and rule("phrase.er-is-role"):
        # "Der Student … war er hochgeschreckt": an "er" nobody named stands for is the
        # role phrase before it.
        role = [
            c
            for p, c in candidates
            if p < at and not c.guess and c.name.lower().startswith(("der ", "ein "))
        ]
        if role:
            return role[-1]
    if first:
        return candidates[0][1]
    # Before the verb the subject is usually the last candidate, but a name beats a role
    # phrase that merely precedes it ("der Sprecher des Ministeriums, Peskow, sagte").
    return candidates[-1][1]


# Also a title that carries its own article: "schrieb „Die Zeit“".
_QUOTED_NAME = re.compile(
    r"(?:\b(?:[Dd]er|[Dd]ie|[Dd]as)\s+[„»«\"]([A-ZÄÖÜ][^„“”»«\"\n]{1,50})"
    r"|(?<=\s)[„»«\"]((?:Der|Die|Das)\s[A-ZÄÖÜ][^„“”»«\"\n]{1,40}))[“”«»\"]"
)
_OBLIQUE = frozenset(
    _wordlist(
        """
    den dem des einen einem eines seinen seinem seines ihren ihrem ihres
    """
    )
)
_CAPITALISED = re.compile(r"\b[A-ZÄÖÜ][\w’'-]*[a-zäöüß]\b(?:\s+[A-ZÄÖÜ][\w-]*[a-zäöüß]\b)*")
_FUNCTION_WORDS = frozenset(
    _wordlist(
        """
    Aber Als Am Auch Auf Aus Bei Bis Da Dabei Damit Dann Daher Darum Das Dass Dem Den Der Des
    Die Dies Diese Dieser Dieses Doch Dort Du Durch Ein Eine Einer Er Es Für Gegen Heute Hier
    Ich Ihr Im In Ja Jetzt Kein Laut Man Mit Nach Nein Neben Nicht Noch Nun Ob Oder Ohne Seit
    Sie So Sogar Um Und Unter Vom Von Vor Während Was Weil Wenn Wer Wie Wir Wo Zu Zum Zur Zwar
    Zwischen Über Seine Seiner Sein Ihre Ihrer Es Dazu Deshalb Jedoch Zudem Allerdings Montag
    Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Januar Februar März April Mai Juni Juli
    August September Oktober November Dezember
    """
    )
)
_GROUP_HEADS = (
    "regierung",
    "polizei",
    "staatsanwaltschaft",
    "ministerium",
    "organisation",
    "behörde",
    "partei",
    "gewerkschaft",
    "kommission",
    "verband",
    "unternehmen",
    "konzern",
    "gericht",
    "amt",
    "agentur",
    "armee",
    "militär",
    "opposition",
    "fraktion",
    "verwaltung",
    "leitung",
    "vorstand",
    "rat",
    "gruppe",
    "bündnis",
    "kanzlei",
    "präsidium",
    "team",
    "klub",
    "verein",
    "agentur",
    "fernsehen",
    "sender",
    "zeitung",
    "blatt",
    "magazin",
    "rundfunk",
    "radio",
)
_PERSON_SUFFIXES = (
    "er",
    "erin",
    "ler",
    "ner",
    "ent",
    "entin",
    "ant",
    "antin",
    "ist",
    "istin",
    "eur",
    "eurin",
    "ge",
    "gin",
    "te",
    "tin",
    "mann",
    "frau",
    "männer",
    "leute",
    "anten",
    "enten",
    "isten",
    "innen",
)
_NOT_PERSON = frozenset(
    _wordlist(
        """
    Bericht Meinung Zeitung Mitte Seite Rede Worte Worten Frage Ende Wetter Zimmer Muster
    Fenster Theater Monster Computer Wasser Kinder Liste Ansicht Angaben Woche Nummer Lager
    Zentrum Register Sommer Winter Oktober November Dezember September Messer Ufer Kilometer
    Meter Liter Partner
    """
    )
)


def _first_name(word: str) -> bool:
    from reader.lexicons import is_first_name

    return is_first_name(word)


def _is_noun(word: str) -> bool:
    from reader.lexicons import is_common_noun

    return is_common_noun(word) and not word.endswith(("mann", "berg", "stein"))


def _speaker_noun(head: str) -> bool:
    """A noun that can say something: a role, a person noun, a group or institution."""
    from reader.lexicons import is_role_word

    if head in _NOT_HEADS or head in _NOT_PERSON:
        return False
    lowered = head.lower()
    return (
        is_role_word(head)
        or lowered.endswith(_GROUP_HEADS)
        or (lowered.endswith(_PERSON_SUFFIXES) and len(head) > 4)
    )


def _roles(entities: Sequence[Entity]) -> dict[str, str]:
    """Role words of people's descriptions ("Kremlsprecher") → entity id, and the heads of
    compound roles ("Bundesfinanzministerin" → "Ministerin") where only one person has them."""
    from reader.lexicons import role_head

    roles: dict[str, str] = {}
    heads: dict[str, set[str]] = {}
    for entity in entities:
        if entity.label == "PER" and entity.description:
            for word in _WORD.findall(entity.description):
                if not word[:1].isupper():
                    continue
                roles.setdefault(word, entity.id)
                heads.setdefault(role_head(word), set()).add(entity.id)
    for head, ids in heads.items():
        if len(ids) == 1 and head not in roles:
            roles[head] = next(iter(ids))
    return roles


def _verb_positions(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Reporting verbs in ``text[start:end]`` as (start, end, word)."""
    clause = text[start:end]
    found = []
    for match in _WORD.finditer(clause):
        word = match.group(0)
        if has_reporting_verb([word], clause):
            found.append((start + match.start(), start + match.end(), word))
    return found


_FEMININE_ENDINGS = ("ung", "ion", "heit", "keit", "schaft", "ei", "in", "innen", "tät", "ik", "ie")
# Verbs whose object right after them is a person: "nannte sie", "fragte ihn".
_OBJECT_VERBS = frozenset(
    _wordlist(
        """
        nannte nannten nennt bezeichnete bezeichneten bezeichnet zitierte zitierten zitiert
        kritisierte kritisierten kritisiert lobte lobten lobt warnte warnten warnt fragte
        fragten fragt bat baten bittet forderte forderten fordert informierte informierten
        beschuldigte beschuldigten warf warfen wirft
        """
    )
)


# A passive with its agent: "werden von Fachleuten als „…“ bezeichnet", "wurde vom
# Sprecher die Vermutung geäußert". The agent is who speaks.
_PASSIVE_AUX = re.compile(r"\b(?:wird|werden|wurde|wurden|worden)\b")
_AGENT_VON = re.compile(r"\b(?:von|vom)\s+")
_AGENT_DETERMINERS = frozenset(
    _wordlist("dem der den einem einer seinem seiner ihrem ihrer diesem dieser vielen einigen")
)


def _agent_phrase(text: str, start: int, end: int, index: _NameIndex) -> _Speaker | None:
    """The noun phrase right after the "von" of a passive: determiner, adjectives, nouns and
    a genitive ("vom Sprecher der Partei"); it stops where the next phrase starts."""
    taken: list[re.Match[str]] = []
    noun = False
    for token in _WORD.finditer(text, start, min(end, start + 100)):
        word = token.group(0)
        lowered = word.lower()
        if text[taken[-1].end() if taken else start : token.start()].strip():
            break  # punctuation or a quotation mark ends the phrase
        if not taken and lowered in _AGENT_DETERMINERS:
            taken.append(token)
        elif word[0].isupper() and word not in _FUNCTION_WORDS:
            taken.append(token)
            noun = True
        elif noun and lowered in ("des", "der", "eines", "einer") and len(taken) < 6:
            taken.append(token)  # "der Sprecher der Partei": a genitive goes with it
            noun = False
        elif not noun and word.islower() and lowered.endswith(("e", "en", "er", "es", "em")):
            if lowered in _STATEMENT_WORDS or lowered in REPORTING_VERBS:
                break
            taken.append(token)  # an adjective before the noun
        else:
            break
    while taken and not taken[-1].group(0)[0].isupper():
        taken.pop()
    if not noun and not taken:
        return None
    if not taken or not any(t.group(0)[0].isupper() for t in taken):
        return None
    lo, hi = taken[0].start(), taken[-1].end()
    for name in index.between(lo, hi):
        if not _genitive(text, name):
            return _Speaker(name.entity, name.name, name.start)
    return _Speaker(None, text[lo:hi], lo)


def _participle(word: str) -> bool:
    """A reporting verb's or labelling verb's form that can be a past participle; not
    "zitiert": who "wird von der Zeitung zitiert" is the one who spoke."""
    lowered = word.lower()
    return (
        word.islower()
        and not lowered.startswith("zitier")
        and (lowered in REPORTING_VERBS or lowered in _PASSIVE_LABELS)
        and lowered.endswith(("t", "en"))
        and not lowered.endswith(("te", "ten"))
    )


_CLAUSE_MARK = re.compile(r"[,;:.!?]")


def _open_passive(text: str, lo: int, end: int, reach: int) -> re.Match[str] | None:
    """The last passive auxiliary ("wird", "wurde" …) in the ``reach`` characters before
    ``end`` (not before ``lo``) with no punctuation between it and ``end``."""
    found = list(_PASSIVE_AUX.finditer(text, max(lo, end - reach), end))
    if not found or _CLAUSE_MARK.search(text, found[-1].end(), end):
        return None
    return found[-1]


def _passive_speaker(text: str, lo: int, end: int, index: _NameIndex) -> _Speaker | None:
    """The agent of a passive ("wird … von X") in ``text[lo:end]`` that runs on to ``end``
    with no punctuation between (the caller checks for the participle)."""
    aux = _open_passive(text, lo, end, 160)
    if aux is None:
        return None
    # The last "von" is the agent's: "die Gefahr von Bränden vom Wetterdienst".
    agent = [m.end() for m in _AGENT_VON.finditer(text, aux.end(), end)]
    return _agent_phrase(text, agent[-1], end, index) if agent else None


def _quoted_subject(
    text: str, lo: int, v_start: int, index: _NameIndex, roles: dict[str, str]
) -> _Speaker | None:
    """The subject of a passive "wird … zitiert" is who is quoted: "wird der Trainer in der
    Zeitung zitiert", "Meier wird mit den Worten zitiert"."""
    aux = _open_passive(text, lo, v_start, 120)
    if aux is None:
        return None
    inner = _phrase_speaker(text, aux.end(), v_start, index, roles, first=True, guess=False)
    if inner is not None and inner.name:
        return inner
    subject = _NOMINATIVE.match(text, aux.end(), v_start)  # "wird der Franzose … zitiert"
    if subject is not None:
        return _Speaker(None, subject.group(1), subject.start(1))
    head = max(lo, aux.start() - 100)
    # The phrase before the auxiliary starts after the clause's last punctuation.
    head = max((m.end() for m in _CLAUSE_MARK.finditer(text, head, aux.start())), default=head)
    outer = _phrase_speaker(text, head, aux.start(), index, roles, first=False)
    return outer if outer is not None and outer.name else None


def _speaker_at_verb(
    text: str,
    verb: tuple[int, int, str],
    lo: int,
    hi: int,
    index: _NameIndex,
    roles: dict[str, str],
) -> _Speaker | None:
    """The subject of a reporting verb: right after it (inverted order) or before it."""
    v_start, v_end, word = verb
    passive = rule("verb.passive-agent") and _participle(word)
    agent = _passive_speaker(text, lo, v_start, index) if passive else None
    if agent is not None:
        return agent  # "Es wurde von seinem Sohn die Vermutung geäußert, …"
    if rule("verb.quoted-subject") and word.lower() == "zitiert":
        quoted = _quoted_subject(text, lo, v_start, index, roles)
        if quoted is not None:
            return quoted
    named = _set_off_name(text, lo, v_start, index) if rule("verb.set-off-name") else None
    if named is not None:
        return named
    if rule("verb.and-shares-subject") and _AND_VERB.search(text, max(lo, v_start - 12), v_start):
        # "Die Firma bestätigte das nicht und nannte es „…“": the second verb shares the
        # subject of the first.
        shared = _subject_phrase(text, lo, v_start, index)
        if shared is not None:
            return shared
    # "Kristina Schröder (CDU) sagte hierzu der Zeitung": a subject opening the clause
    # right before the verb.
    opening = _subject_phrase(text, lo, v_end, index, verb_at=v_start)
    inverted_er = re.match(r"\s+er\b", text[v_end : v_end + 4]) is not None
    if (
        rule("verb.labelled-object")
        and opening is not None
        and opening.entity is None
        and word.lower().startswith(_LABELLING_VERBS)
        and not any(_speaker_noun(w) for w in _words(opening.name) if w[:1].isupper())
    ):
        # "Eine Verschiebung des Termins bezeichnete Conze als …": a thing before a verb of
        # labelling and a person's name right after it: the thing is the object ("Der
        # Minister nannte Müller …" keeps its subject).
        named = [n for n in index.between(v_end, v_end + 60) if n.label == "PER"]
        if named and not text[v_end : named[0].start].strip():
            return _Speaker(named[0].entity, named[0].name, named[0].start)
    if (
        opening is not None
        and not word.lower().startswith("zitier")
        and not (inverted_er and rule("verb.inverted-er"))
    ):
        # ("Die Arbeit der Regierung lobte er": "er" is only nominative, so the fronted
        # phrase is the object.)
        return opening
    # The subject after the verb stands before the next comma: in "sagte, der Pilot trage …"
    # the name after the comma belongs to the reported clause.
    after_hi = min(hi, v_end + 70)
    stop = _PHRASE_STOP.search(text, v_end, after_hi)
    cut = stop.start() if stop else after_hi
    # "zitiert die „Computerwoche“ Lynch", "zitiert Welt-Online den Minister": who is quoted
    # stands last; the medium quoting them comes first.
    quoting = word.lower().startswith("zitier")
    after = _phrase_speaker(
        text,
        v_end,
        cut,
        index,
        roles,
        first=not quoting,
        pronoun_object=word.lower() in _OBJECT_VERBS and not quoting,
    )
    if quoting:
        people = [
            n
            for n in index.between(v_end, cut)
            if n.label == "PER"
            and not _genitive(text, n)
            and not _after_word(text, n.start, _PREPOSITION_WORDS)
        ]
        if people and rule(
            "verb.quoted-person-last"
        ):  # "zitiert die „Rundschau“ den Landrat Georg Huber"
            after = _Speaker(people[-1].entity, people[-1].name, people[-1].start)
    if after is not None and after.position - v_end > (60 if quoting else 40):
        after = None
    # "sagte der Sprecher des Ministeriums, Hans Meier,": the name in apposition.
    apposition = after is not None and after.entity is None and not after.guess
    if (
        rule("verb.apposition-name")
        and apposition
        and stop is not None
        and text[stop.start()] == ","
    ):
        end = _PHRASE_STOP.search(text, stop.end(), min(hi, stop.end() + 60))
        limit = end.start() if end else min(hi, stop.end() + 60)
        named = _phrase_speaker(text, stop.end(), limit, index, roles, True)
        if (
            named is not None
            and named.name
            and not text[stop.end() : named.position].strip()
            and (named.guess or _is_person(index, named))
        ):
            after = _Speaker(named.entity, named.name, v_end)
    if rule("verb.nominative-after") and after is None and not word.lower().startswith(_TRANSITIVE):
        # Right after a reporting verb a nominative phrase is its subject, whatever its
        # noun: "spricht der Gesetzentwurf", "teilte das Ministerium mit".
        subject = _NOMINATIVE.match(text, v_end, cut)
        if subject is not None:
            after = _Speaker(None, subject.group(1), subject.start(1))
    if rule("verb.bare-plural") and after is None and word.islower() and word.endswith("en"):
        # "„…“, warnen Experten", "fragen sich Beobachter": after a plural verb a bare plural
        # noun that can speak is its subject (even after a verb that takes an object: the
        # reflexive or the missing article shows it is no object).
        bare = _BARE_PLURAL.match(text, v_end, cut)
        if bare is not None and _speaker_noun(bare.group(2)):
            after = _Speaker(None, bare.group(1), bare.start(1))
    nominative = after is not None and re.match(
        r"[Ee]r\b", text[after.position : after.position + 3]
    )
    if (
        rule("verb.object-after")
        and after is not None
        and word.lower() in _OBJECT_VERBS
        and not quoting
        and not nominative
    ):
        # "Ein Fernsehsender zitierte Papandreou", "Rice nannte Shultz einen …": what follows
        # these verbs is their object when a subject stands before them in the clause.
        subject = _phrase_speaker(text, max(lo, v_start - 120), v_start, index, roles, first=True)
        if subject is not None:
            return subject
    if after is not None:
        return after
    if rule("verb.comma-shares-opener") and text[lo:v_start].rstrip().endswith(","):
        # "Jim Meier, ein Abgeordneter, wollte sich nicht festlegen, sagte aber, …": a verb
        # after a comma and no subject of its own shares the person the sentence opens with.
        people = [n for n in index.between(lo, v_start) if n.label == "PER"]
        if people and not text[lo : people[0].start].strip(" „“«»\"'"):
            return _Speaker(people[0].entity, people[0].name, people[0].start)
    region_start = max(lo, v_start - 160)
    region_end = v_start
    # "Platter, der Verteidigungsminister Österreichs, der … inne hat, sagte": the subject
    # stands before the apposition or relative clause that ends right before the verb.
    if rule("verb.insertion") and text[region_start:v_start].rstrip().endswith(","):
        inserted = _INSERTION.search(text, region_start, v_start)
        if inserted is not None and inserted.start() > region_start:
            region_end = inserted.start()
    # "Als Rubio nach einem Telefonat mit Lawrow meldete, …": in a clause that a conjunction
    # opens, the subject comes right after the conjunction, before any object.
    opener = _WORD.search(text, lo, v_start) if region_start == lo else None
    subordinate = (
        rule("verb.subordinate-subject")
        and opener is not None
        and opener.group(0).lower() in _CLAUSE_OPENERS
    )
    before = _phrase_speaker(text, region_start, region_end, index, roles, first=subordinate)
    if before is None and region_end != v_start:
        before = _phrase_speaker(text, region_start, v_start, index, roles, first=False)
    return before or after


# Verbs that label someone or something ("bezeichnete X als …"): the thing before them may be
# their object.
_LABELLING_VERBS = (
    "bezeichn",
    "nenn",
    "nann",
    "wertet",
    "beschrieb",
    "beschreib",
    "lob",
    "kritisier",
)
_LAUT_BEFORE = re.compile(r"\b(?:[Ll]aut|[Gg]emä(?:ß|ss))\s+([^,;:!?„“«»\"()]{2,80})$")
_AND_VERB = re.compile(r"\s(?:und|oder|sowie)\s+$")
# What may stand between a name and the comma before its verb: "Sandra Boser (Grüne), sagte".
_NAME_THEN_COMMA = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?,\s*")
# An apposition or relative clause set off by commas: "David Meier, der Parteichef, sagte".
_NAME_APPOSITION = re.compile(
    r"\s*(?:\([^()]{1,40}\)\s*)?,\s+(?:der|die|das|ein|eine|dessen|deren|seit|selbst)\s[^„“«»\"]{1,150},\s*"
)

# Where a person works, after the name: "Sascha Kempf vom Max-Planck-Institut in Heidelberg".
_NAME_ATTACHMENT = re.compile(
    r"(?:\s+(?:vom|von|der|des|aus|für|in|im|bei|beim|am|und|[A-ZÄÖÜ0-9][\w.-]*))+\s+"
)


def _set_off_name(text: str, lo: int, v_start: int, index: _NameIndex) -> _Speaker | None:
    """A person named right before a verb, set off by commas: the verb's subject.

    "die Sprecherin der Fraktion, Sandra Boser (Grüne), erklärte" (the name in apposition
    to a role just before the verb) and "David Meier, der Parteichef, begründete" (a name
    opening the clause, then its apposition).
    """
    people = [n for n in index.between(max(lo, v_start - 200), v_start) if n.label == "PER"]
    if not people:
        return None
    last = people[-1]
    lead = text[max(0, last.start - 80) : last.start].rstrip()
    if (
        _NAME_THEN_COMMA.fullmatch(text, last.end, v_start)
        and lead.endswith(",")
        # A role before the comma ("die Sprecherin der Fraktion, Anna Kolb,"), not a list of
        # names ("gehörten Angela Merkel, Olaf Scholz, berichtete die Zeitung").
        and any(_speaker_noun(w) for w in _words(lead)[-5:] if w[:1].isupper())
        # Only a party in brackets may stand between: "Anna Kolb (SPD), erklärte".
        and not any(n.label == "PER" for n in index.between(last.end, v_start))
    ):
        return _Speaker(last.entity, last.name, last.start)
    first = people[0]
    lead = text[lo : first.start]
    if (
        not re.search(r"[,;:„“«»\"]", lead)
        and len(lead.split()) <= 3
        and not any(w.lower() in _PREPOSITIONS for w in lead.split())
        and (
            _NAME_APPOSITION.fullmatch(text, first.end, v_start)
            or _NAME_ATTACHMENT.fullmatch(text, first.end, v_start)
        )
    ):
        return _Speaker(first.entity, first.name, first.start)
    return None


_SUBJECT_PRONOUN = re.compile(r"(?:^|(?<=[.!?:]\s)|\b([a-zäöüß]+)\s+)(er|sie|Er|Sie)\b")


def _pronoun_subject(text: str, start: int, end: int, index: _NameIndex) -> _Speaker | None:
    """The person a subject pronoun of ``text[start:end]`` stands for: "er" anywhere (it is
    only nominative), "sie" opening the clause or right after a verb ("griff sie … an"),
    not after a preposition, article or conjunction ("für sie", "dass sie")."""
    for match in _SUBJECT_PRONOUN.finditer(text, start, end):
        word = match.group(1)
        pronoun = match.group(2).lower()
        if word is not None and (
            word in _PREPOSITIONS or word in _NOT_VERBS or word in _THAT or word in _CONJUNCTIONS
        ):
            continue
        opener = text[match.start(2) - 2 : match.start(2)].strip() in (".", "!", "?", ":", "")
        if pronoun == "sie" and word is None and match.start(2) != start and not opener:
            continue
        position = match.start(2)
        person = index.last_before(position, "male" if pronoun == "er" else "female")
        if person is not None:
            return _Speaker(person.entity, person.name, position)
        return None
    return None


def _plural_verb(text: str, start: int, end: int) -> bool:
    """Whether the finite verb next to "sie" at ``text[start:end]`` is plural ("sagten sie",
    "sie forderten"): then "sie" is a group or organisation, not a woman."""
    lead = re.split(r"[.!?:;„“”«»]", text[max(0, start - 20) : start])[-1]
    before = _WORD.findall(lead)  # "… zu schreiben. Sie sagte": not across a sentence end
    after = _WORD.match(text[end : end + 20].lstrip())
    for word in (before[-1] if before else "", after.group(0) if after else ""):
        if word.islower() and word.endswith("en") and has_reporting_verb([word], text[start:end]):
            return True
    return False


_CONJUNCTIONS = frozenset(_wordlist("dass weil wenn als ob obwohl da damit nachdem bevor sodass"))
_CLAUSE_OPENERS = frozenset(_wordlist("als nachdem während weil obwohl wenn sobald bevor"))


# A relative clause still open where the quote starts: ", der die Pläne als „…“", ", welche …".
_NOUN_BEFORE_COMMA = re.compile(
    r"\b(?:[Ee]in|[Ee]ine|[Dd]er|[Dd]ie|[Dd]as)\s+(?:[a-zäöüß]+\s+){0,2}[A-ZÄÖÜ][\w-]*[a-zäöüß]$"
)
_RELATIVE = re.compile(
    r",\s+(?:welche[rs]?|(?:der|die)(?=\s+(?:[a-zäöüß]|[Dd](?:ie|en|as|er|em)\s)))\s[^,;:]*$"
)


def _is_person(index: _NameIndex, speaker: _Speaker) -> bool:
    return any(n.label == "PER" for n in index.between(speaker.position, speaker.position + 80)[:1])


# Reporting verbs whose noun phrase right after them is mostly their object.
_TRANSITIVE = (
    "kommentier",
    "begrüß",
    "bestätig",
    "dementier",
    "kritisier",
    "verurteil",
    "lob",
    "beschreib",
    "verteidig",
    "zitier",
    "nenn",
    "nann",
    "bezeichn",
    "forder",
    "frag",
    "bat",
    "warn",
    "beklag",
    "bemängel",
    "verlang",
    "versprach",
    "versprich",
    "schilder",
    "lehnt",
    "wies",
    "weist",
    "ford",
)
_NOMINATIVE = re.compile(
    r"\s+(?:sich\s+)?((?:der|die|das)\s+(?:[a-zäöüß][\w-]*(?:e|en|er)\s+){0,3}[A-ZÄÖÜ][\w-]*[a-zäöüß])\b"
)
_BARE_PLURAL = re.compile(
    r"\s+(?:sich\s+)?((?:(?:viele|einige|manche|zahlreiche|mehrere|andere|[a-zäöüß]+ische)\s+)?"
    r"([A-ZÄÖÜ][\w-]*[a-zäöüß]))\b(?!\s+[A-ZÄÖÜ])"
)
_PHRASE_STOP = re.compile(
    r"[,;:(–]|(?<!\b[A-ZÄÖÜ])(?<!\bDr)(?<!\bSt)(?<!\bProf)(?<!\d)[.!?](?=\s|$)"
)
_INSERTION = re.compile(
    r",\s+(?:der|die|das|dem|den|deren|dessen|welche[rsmn]?|ein|eine|einer|seit|zuletzt)\s"
)


# Words after a quote's comma that open a new clause, not an inverted verb ("„…“, doch die
# Richterin ließ sich nicht beirren"): no speaker follows them.
_NOT_VERB_OPENERS = frozenset(
    _wordlist(
        """
    doch aber und oder denn sondern während noch wo was wie sowie weder zumal bis seit um
    dass ob weil wenn als obwohl da damit nachdem bevor sodass die der das den dem ein eine
    """
    )
)
# A speech noun with its speaker as a heading for the quote: "Zitat von Schröder:".
_WORDS_OF = re.compile(
    r"(?:^|[.!?])\s*(?:(?:Ein|Eine|Das|Die|Der)\s+)?(?:Zitat|Worte|O-Ton|Antwort|Kommentar|"
    r"Fazit|Reaktion|Botschaft|Appell|Warnung)\s+(?:von|vom|des|der)\s+([^:;„“«»\"]{2,80}?)\s*:\s*$"
)
# A sentence after a paragraph's opening quote that points back at it: "„…“ Das sagte …".
_BACK_REFERENCE = re.compile(
    r"[“”«»‹›\"']?\s*[.!?]?\s+((?:Das|Dies|So|Mit diesen Worten)\s+(\w+))\b"
)
_MODALS = frozenset(_wordlist("musste mussten wollte wollten konnte konnten sollte sollten"))


def attribute(
    text: str, span: QuoteSpan, floor: int, ceiling: int, index: _NameIndex, roles: dict[str, str]
) -> tuple[_Speaker | None, str | None]:
    """Speaker and cue of a direct quote from the frame around it (``floor``/``ceiling``: the
    paragraph), or (None, None)."""
    close = span.end + (1 if span.closed else 0)
    open_at = span.start - 1
    before = _clause_before(text, open_at, floor)
    before_start = open_at - len(before)
    source = _LAUT_BEFORE.search(before) if rule("speaker.laut-before") else None
    if source is not None:
        # "laut Klinikdirektor Beckmann „…“, suchen die Forscher": the source given right
        # before the quote is its speaker, whatever verb follows.
        at = before_start + source.start(1)
        speaker = _source_phrase(text, at, open_at, index, True) or _phrase_speaker(
            text, at, open_at, index, roles, first=True
        )
        if speaker is not None:
            return speaker, source.group(0).split()[0]
    after = _clause_after(text, close, ceiling)
    after_end = close + len(after)
    stripped = after.lstrip("“”«»‹›\"' ")
    if stripped.startswith((",", "–", "—", "(")):
        lead = close + len(after) - len(stripped) + 1
        words = list(_WORD.finditer(text, lead, after_end))[:4]
        if (
            rule("speaker.so-after")
            and words
            and words[0].group(0).lower() in ("so", "laut", "gemäß", "gemäss")
        ):
            speaker = _source_phrase(
                text, words[0].end(), after_end, index, True
            ) or _phrase_speaker(text, words[0].end(), after_end, index, roles, first=True)
            if speaker is not None:
                return speaker, words[0].group(0)
        for word in words[:3]:
            if has_reporting_verb([word.group(0)], after) or word.group(0) in ("hieß", "ließ"):
                verb = (word.start(), word.end(), word.group(0))
                speaker = _speaker_at_verb(text, verb, lead, after_end, index, roles)
                if speaker is not None:
                    return speaker, word.group(0)
        # „…“, freute sich Müller: a name right after the quote's comma is its speaker.
        if (
            rule("speaker.word-after-comma")
            and len(words) >= 2
            and words[0].group(0)[0].islower()
            and words[0].group(0) not in _NOT_VERB_OPENERS
        ):
            speaker = _phrase_speaker(
                text, words[0].end(), min(after_end, words[0].end() + 30), index, roles, first=True
            )
            if speaker is not None and (
                speaker.entity is not None or speaker.position - words[0].end() <= 20
            ):
                return speaker, words[0].group(0)
    so = re.search(
        r"^[“”«»‹›\"']?\s*[,–—]?\s*(so|laut|gemäß|gemäss)\s|,\s*(so|laut|gemäß|gemäss)\s", after
    )
    if so is not None and rule("speaker.so-after"):
        speaker = _source_phrase(text, close + so.end(), after_end, index, True) or _phrase_speaker(
            text, close + so.end(), after_end, index, roles, first=True
        )
        if speaker is not None:
            return speaker, so.group(1) or so.group(2)
    if rule("speaker.bracket-after-name") and before.endswith("("):
        # "…, Mohammed ElBaradei („…“), und …": a quote in brackets right after a name.
        bracket = before_start + len(before.rstrip("( "))
        named = [n for n in index.between(max(floor, bracket - 80), bracket) if n.end == bracket]
        if named:
            return _Speaker(named[-1].entity, named[-1].name, named[-1].start), None
    verbs = _verb_positions(text, before_start, open_at)
    for region in (
        ((before_start, open_at), (close, after_end)) if rule("speaker.source-cue") else ()
    ):
        for cue in _SOURCE_CUE.finditer(text, *region):
            speaker = _source_speaker(text, cue, region[0], region[1], index)
            if speaker is not None:
                return speaker, " ".join(cue.group(0).split())
    for region in (
        ((before_start, open_at), (close, after_end)) if rule("speaker.heisst-es") else ()
    ):
        said = _SAID_IN.search(text, *region)
        if said is not None:  # "heißt es in der Erklärung", "In dem Antrag heißt es:"
            speaker = _document_speaker(text, said, region[0], index)
            if speaker is not None:
                return speaker, " ".join(said.group(0).split())
    frame = text[before_start:open_at] + " " + text[close:after_end]
    if rule("speaker.written-on") and _TO_READ.search(frame):
        # "Auf dem Transparent war „…“ zu lesen", "ein Zettel, auf dem geschrieben stand:
        # „…“": the thing the words are written on.
        place = _SOURCE_PREPOSITION.match(text, before_start + len(before) - len(before.lstrip()))
        if place is not None:
            speaker = _source_phrase(text, place.end(), open_at, index, True)
            if speaker is not None:
                return speaker, None
        written_on = _WRITTEN_ON.search(before)
        if written_on is not None:
            comma = before_start + written_on.start()
            noun = _NOUN_BEFORE_COMMA.search(text, max(before_start, comma - 80), comma)
            if noun is not None:
                return _Speaker(None, noun.group(0), noun.start()), None
    if rule("speaker.die-rede") and _THE_TALK.match(text, close, after_end):
        # "In dem Bericht ist von „gravierenden Mängeln“ die Rede": the place the words
        # stand in speaks.
        place = _SOURCE_PREPOSITION.match(text, before_start + len(before) - len(before.lstrip()))
        if place is not None:
            speaker = _source_phrase(text, place.end(), open_at, index, True)
            if speaker is not None:
                return speaker, "die Rede"
    for_whom = _FOR_WHOM.match(text, before_start, open_at) if rule("speaker.fuer-x") else None
    if for_whom is not None:  # "Für den Theologen Küng sei der Rücktritt „verständlich“"
        named = index.between(for_whom.start(1), for_whom.end(1))
        if named and named[-1].label == "PER":
            return _Speaker(named[-1].entity, named[-1].name, named[-1].start), "für"
    comma_so = re.search(r",\s*so\s+([^,]+),\s*$", before) if rule("speaker.so-inside") else None
    if comma_so is not None:  # "Der Einsatz solle sich, so Gall, „…“"
        speaker = _source_phrase(text, before_start + comma_so.start(1), open_at, index, True)
        if speaker is not None:
            return speaker, "so"
    cues_before = rule("speaker.preposition-cue")
    for match in _PREPOSITION_CUE.finditer(text, before_start, open_at) if cues_before else ():
        window = min(open_at, match.end() + 80)
        source = None
        comma = text.find(",", match.end(), open_at)
        if match.group(0).split()[0].lower() == "wie" and any(v[0] > comma >= 0 for v in verbs):
            continue  # "Wie die Zeitung berichtete, soll er gesagt haben: „…“": the main verb
        if match.group(0).split()[0].lower() == "wie" and _EXAMPLE.match(text, match.end()):
            continue  # "Parolen wie „…“ oder „…“": examples, no source
        if match.group(0).split()[0].lower() != "wie":
            source = _source_phrase(text, match.end(), window, index, True)
        speaker = source or _phrase_speaker(text, match.end(), window, index, roles, first=True)
        if speaker is not None:
            return speaker, match.group(0).split()[0]
    agent = (
        _passive_speaker(text, before_start, open_at, index)
        if rule("speaker.passive-agent")
        else None
    )
    if agent is not None:
        # "Seine Werke werden von Kritikern als „…“ bezeichnet": the participle stands
        # before the quote or right after it.
        tail = re.match(r"[^,;:.!?„]{0,40}", text[close:after_end])
        words = _words(text[agent.position : open_at]) + _words(tail.group(0) if tail else "")
        participle = next((w for w in words if _participle(w)), None)
        if participle is not None:
            return agent, participle
    if verbs:
        verb = verbs[-1]
        speaker = _speaker_at_verb(text, verb, before_start, open_at, index, roles)
        if speaker is not None:
            return speaker, verb[2]
    relative = _RELATIVE.search(before) if rule("speaker.relative-clause") else None
    if relative is not None:
        # "ein Kommentar, der die Entscheidung als „…“ bezeichnet": the relative clause's
        # subject is the noun phrase before its comma.
        comma = before_start + relative.start()
        named = [n for n in index.between(max(before_start, comma - 80), comma) if n.end == comma]
        speaker = (
            _Speaker(named[-1].entity, named[-1].name, named[-1].start)
            if named  # "vom Fahrgastverband Pro Bahn, der …": a preposition does not matter
            else _phrase_speaker(
                text, max(before_start, comma - 80), comma, index, roles, first=False, guess=False
            )
        )
        noun = _NOUN_BEFORE_COMMA.search(text, max(before_start, comma - 80), comma)
        if speaker is None and noun is not None and not _oblique(text, noun.start(), before_start):
            # "erschien ein Kommentar, der …": a document or anyone else the noun names.
            speaker = _Speaker(None, noun.group(0), noun.start())
        if speaker is not None:
            return speaker, None
    verbs = [
        v
        for v in _verb_positions(text, close, after_end)
        # "kurz „PACs“ genannt,": a participle right after a quoted name names it ("„…“
        # bezeichnet die Archäologin den Fund" is the verb with its subject).
        if not (
            rule("speaker.participle-names")
            and v[2] in _PASSIVE_LABELS
            and text[max(0, v[0] - 3) : v[0]].rstrip()[-1:] in "“”»«\"'"
            and text[v[1] : v[1] + 2].lstrip()[:1] in ",;)"
        )
    ]
    if verbs:
        # The subject is looked for after the quote, never inside it.
        speaker = _speaker_at_verb(text, verbs[0], close, after_end, index, roles)
        if speaker is not None:
            return speaker, verbs[0][2]
    pronoun = (
        _pronoun_subject(text, before_start, open_at, index)
        if rule("speaker.pronoun-subject")
        else None
    )
    if pronoun is not None:
        # "lobte er ihn mit den Worten: „…“": a nominative pronoun is the clause's subject,
        # whatever noun phrase was moved to the front ("Die Arbeit … lobte er").
        return pronoun, None
    sentence_start = before_start == floor or text[before_start - 1] in ".!?\n"
    subject = (
        _subject_phrase(text, before_start, open_at, index)
        if sentence_start and rule("speaker.sentence-subject")
        else None
    )
    if subject is not None:
        # No cue: the sentence's subject ("Die Firma nennt das „…“", "Meteorologen rechnen
        # mit „…“", "Die Kommission erklärte dazu: „…“") is the best guess.
        return subject, None
    words_of = _WORDS_OF.search(before) if rule("speaker.words-of") else None
    if words_of is not None:
        # "Zitat von Schröder: „…“", "Die Antwort des Ministers: „…“": whose words they are.
        at = before_start + words_of.start(1)
        speaker = _source_phrase(text, at, before_start + words_of.end(1), index, True)
        if speaker is not None:
            return speaker, None
    if rule("speaker.colon-phrase") and before.rstrip().endswith(":"):
        speaker = _phrase_speaker(
            text, before_start, open_at, index, roles, first=False, guess=False
        )
        if speaker is not None:
            return speaker, None
    back = _BACK_REFERENCE.match(text, close, ceiling) if rule("speaker.back-reference") else None
    if back is not None and not before.strip():
        # „…“ Das sagte Müller am Montag. / „…“. Das musste der Minister einräumen.
        region_end = back.end(1) + len(_clause_after(text, back.end(1), ceiling))
        verbs = _verb_positions(text, back.start(1), region_end)
        if verbs or back.group(2).lower() in _MODALS or back.group(1).startswith("Mit"):
            speaker = _phrase_speaker(
                text, back.end(2), min(region_end, back.end(2) + 80), index, roles, first=True
            )
            if speaker is not None:
                return speaker, verbs[0][2] if verbs else back.group(2)
    if (
        rule("speaker.phrase-in-sentence")
        and before.strip()
        and not any(w in KONJUNKTIV for w in _words(before))
    ):
        # A phrase quoted inside a sentence without a reporting verb: its subject said it
        # (in a Konjunktiv sentence the report goes on: the last speaker said it).
        speaker = _phrase_speaker(
            text, before_start, open_at, index, roles, first=True, guess=False
        )
        if speaker is not None:
            return speaker, None
    return None, None


# --------------------------------------------------------------------------------------------
# Indirect speech

_THAT = frozenset(
    _wordlist(
        """
    dass ob wie warum weshalb wann wo wonach
    """
    )
)


def _sentence_words(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_WORD.finditer(text, start, end))


def find_indirect(
    text: str,
    sentences: Sequence[tuple[int, int]],
    direct: Sequence[Quote],
    index: _NameIndex,
    roles: dict[str, str],
    paragraphs: Sequence[tuple[int, int]],
) -> list[Quote]:
    """Reported speech: a reporting verb or ``laut X`` with a Konjunktiv or ``dass`` clause,
    and the Konjunktiv sentences that carry on what the last speaker said."""
    found: list[Quote] = []
    direct_spans = sorted((q.start, q.end) for q in direct)
    direct_starts = [s for s, _ in direct_spans]
    para_starts = [s for s, _ in paragraphs]
    last: tuple[int, _Speaker | None] | None = None  # paragraph index and speaker
    # Direct quotes with a speaker, in order: a Konjunktiv sentence after „…“, sagte X goes
    # on with X's words as much as one after a reported clause.
    said = [q for q in sorted(direct, key=lambda q: q.start) if q.speaker or q.speaker_name]
    k = 0
    reported = -2  # paragraph of the last reported clause: a reportative "soll" goes on with it
    # The sentence just before, when it reported nothing: its subject may be who speaks next.
    plain: tuple[int, int, int] | None = None
    for s_start, s_end in sentences:
        while s_start < s_end and text[s_start].isspace():
            s_start += 1
        while s_end > s_start and text[s_end - 1].isspace():
            s_end -= 1
        before, plain = plain, None
        while k < len(said) and said[k].start < s_start:
            quote = said[k]
            k += 1
            where = bisect_right(para_starts, quote.start) - 1
            if last is None or where >= last[0]:
                last = (where, _Speaker(quote.speaker, quote.speaker_name or "", quote.start))
        if s_end - s_start < 12 or s_end - s_start > MAX_SENTENCE:
            continue  # too short to report anything, or no sentence at all (a run-on blob)
        i = bisect_right(direct_starts, s_start) - 1
        if i >= 0 and direct_spans[i][1] >= s_end - 2:
            continue  # inside a direct quote
        paragraph = bisect_right(para_starts, s_start) - 1
        back = _BACK_REPORT.match(text, s_start, s_end) if rule("indirect.back-report") else None
        if back is not None and before is not None and before[2] == paragraph:
            verb = (back.start(1), back.end(1), back.group(1))
            j = bisect_right(direct_starts, before[1]) - 1
            quoted = j >= 0 and direct_spans[j][1] > before[0]  # its words are a direct quote
            source = _EMERGES.match(text, back.start(1), s_end)
            if not quoted and (source or has_reporting_verb([verb[2]], text[s_start:s_end])):
                # "Die Firma schließt das Werk. Das teilte ein Sprecher mit.": the sentence
                # before is what the speaker of this one said ("Das geht aus dem Bericht
                # hervor": what the document says).
                speaker = (
                    _source_phrase(text, source.start(1), source.end(1), index, True)
                    if source
                    else _speaker_at_verb(text, verb, s_start, s_end, index, roles)
                )
                end = before[1] - 1 if text[before[1] - 1] in ".!?" else before[1]
                found.append(_make(text, before[0], end, speaker, verb[2]))
        quote = _indirect_in_sentence(text, s_start, s_end, index, roles)
        if quote is not None and not _inside(quote[0].start, direct_spans, direct_starts):
            found.append(quote[0])
            last = (paragraph, quote[1])
            reported = paragraph
            continue
        j = bisect_right(direct_starts, s_end) - 1
        overlaps_direct = j >= 0 and direct_spans[j][1] > s_start
        if (
            rule("indirect.demnach")
            and _ACCORDINGLY.match(text, s_start, s_end)
            and not overlaps_direct
        ):
            # "Die Zeitung zitiert einen Bericht. Demnach …": the source just named says it.
            speaker = last[1] if last is not None and paragraph - last[0] <= 1 else None
            if before is not None and before[2] == paragraph:
                subject = _subject_phrase(text, before[0], before[1], index)
                if subject is not None and (speaker is None or _can_speak(subject)):
                    speaker = subject
            end = s_end - 1 if text[s_end - 1] in ".!?" else s_end
            found.append(_make(text, s_start, end, speaker, None))
            continue
        # Words outside direct quotes: a "habe" inside „…“ is the speaker's own.
        words = (
            [
                w.group(0)
                for w in _sentence_words(text, s_start, s_end)
                if not _inside(w.start(), direct_spans, direct_starts)
            ]
            if overlaps_direct
            else _WORD.findall(text, s_start, s_end)
        )
        reportative = (
            rule("indirect.reportative-soll")
            and paragraph - reported <= 1
            and any(w in ("soll", "sollen") for w in words[:14])
        )
        carries = reportative or (
            rule("indirect.konjunktiv-carries") and any(w in _STRONG_KONJUNKTIV for w in words[:14])
        )
        if carries and not has_reporting_verb(words, text[s_start:s_end]):
            speaker = last[1] if last is not None and paragraph - last[0] <= 1 else None
            if rule("indirect.previous-subject") and before is not None and before[2] == paragraph:
                # "Der Iran bestreitet das. Sein Programm diene …": the subject of the sentence
                # before speaks; over an earlier speaker only when it can speak.
                subject = _subject_phrase(text, before[0], before[1], index) or (
                    _apposition_subject(text, before[0], before[1], index)
                )
                if subject is not None and (speaker is None or _can_speak(subject)):
                    speaker = subject
            if (
                rule("indirect.pronoun-opens")
                and speaker is None
                and words
                and words[0] in ("Er", "Sie")
            ):
                # "Er werde im Amt bleiben": nobody spoke before, so the person "er" is.
                person = index.last_before(s_start, "male" if words[0] == "Er" else "female")
                if person is not None:
                    speaker = _Speaker(person.entity, person.name, s_start)
            end = s_end - 1 if text[s_end - 1] in ".!?" else s_end
            found.append(_make(text, s_start, end, speaker, None))
            if speaker:
                last = (paragraph, speaker)
                reported = paragraph
            continue
        verbs = [
            w
            for w in words[:12]
            if w[0].islower()
            and (not w.startswith("ge") or w in _ACT_PARTICLES)  # no participle; "geht" is
            and (
                (w in REPORTING_VERBS and has_reporting_verb([w], text[s_start:s_end]))
                or _speech_act(w, words)
            )
            # "Ihm droht eine Strafe" is a risk; "X droht mit dem Rücktritt" a threat made.
            and (not w.startswith("droh") or "mit" in words or not rule("indirect.droht-mit"))
        ]
        if rule("indirect.speech-act") and verbs and text[s_end - 1] == "." and not overlaps_direct:
            # "Merkel kritisierte die Entscheidung scharf.": a reported speech act.
            verb_at = text.find(verbs[0], s_start)
            verb = (verb_at, verb_at + len(verbs[0]), verbs[0])
            speaker = _speaker_at_verb(text, verb, s_start, s_end, index, roles)
            if speaker is None and rule("indirect.inverted-subject"):
                speaker = _inverted_subject(text, verb[1], s_end, index)
            # "Der Plan wurde von der SPD kritisiert." tells of a reaction, not what was said.
            passive = (
                rule("indirect.passive-reaction")
                and _participle(verbs[0])
                and _passive_speaker(text, s_start, verb_at, index)
            )
            if passive and verbs[0].startswith(_LABELLING_VERBS) and "als" in words:
                # "Der Plan wurde von der SPD als unsozial bezeichnet": a label is what was said
                # (a plain "von der SPD kritisiert" stays a reaction).
                passive = False
            if speaker is not None and not speaker.guess and not passive:
                end = s_end - 1 if text[s_end - 1] in ".!?" else s_end
                found.append(_make(text, s_start, end, speaker, verbs[0]))
                last = (paragraph, speaker)
                reported = paragraph
                continue
        plain = (s_start, s_end, paragraph)
    return found


# Right after the verb of a sentence with its object fronted or an adverbial first: "er", or
# a masculine phrase in the nominative ("Seit Jahren fordert der Verband …").
_INVERTED = re.compile(
    r"\s+(?:(er)\b|((?:der|ein)\s+(?:[a-zäöüß][\w-]*(?:e|en|er)\s+){0,3}([A-ZÄÖÜ][\w-]*[a-zäöüß]))\b)"
)


def _inverted_subject(text: str, v_end: int, end: int, index: _NameIndex) -> _Speaker | None:
    """The subject right after a transitive verb of saying, where a phrase there could also be
    its object: only "er" (nominative only) or "der"/"ein" + a noun that can speak and is not
    feminine ("fordert der Regierung" is a dative)."""
    match = _INVERTED.match(text, v_end, end)
    if match is None:
        return None
    if match.group(1):
        person = index.last_before(match.start(1), "male")
        return _Speaker(person.entity, person.name, match.start(1)) if person else None
    head = match.group(3)
    if head.lower().endswith(_FEMININE_ENDINGS) or not _speaker_noun(head):
        return None
    return _Speaker(None, match.group(2), match.start(2))


# Verbs of a speech act that the list of reporting verbs leaves out, as they frame no
# quote: "Die Behörde bezifferte den Schaden auf …", "Die Polizei geht von Brandstiftung aus".
# ("begrüßte" also greets and "lehnte ab" is mostly a decision: on train they were wrong
# more often than right.)
_ACT_VERBS = frozenset(
    _wordlist("bezifferte bezifferten beziffert beziffern plädiert plädierte plädierten plädieren")
)
# Forms of "gehen": a "dass" clause only after "davon ausgehen", a report after "von … aus".
_GO_VERBS = frozenset(_wordlist("geht gehen ging gingen"))
# Separable ones count only with their particle closing the sentence ("regte … an").
_ACT_PARTICLES = {
    **dict.fromkeys(_wordlist("regt regte regten"), "an"),
    **dict.fromkeys(_GO_VERBS, "aus"),
}
# "Von dem Stoff geht keine Gefahr aus": a thing, no assumption.
_NOT_ASSUMED = frozenset(_wordlist("gefahr gefahren bedrohung wirkung signal signale impulse"))


def _speech_act(word: str, words: Sequence[str]) -> bool:
    """``word`` makes the sentence of ``words`` a reported speech act."""
    if word in _ACT_VERBS:
        return True
    particle = _ACT_PARTICLES.get(word)
    if particle is None or not words or words[-1] != particle:
        return False
    if particle == "aus":  # "geht von einem Unfall aus": what someone assumes
        return "von" in words and not any(w.lower() in _NOT_ASSUMED for w in words)
    return True


# Cues inside a sentence that make the rest of it a report: "laut X", "nach Angaben der
# Polizei", "Nach einem Bericht der FAZ", "seiner Meinung nach", "X zufolge".
_SOURCE_CUE = re.compile(
    r"\b(?:[Ll]aut(?=\s+[\w„»«\"])|[Gg]emäss|[Gg]emäß|zufolge|"
    r"[Nn]ach\s+(?:(?:einem|einer|den|dem|der|eigenen|ersten|offiziellen|übereinstimmenden|"
    r"neuesten|jüngsten|bisherigen)\s+)?(?:Angaben|Aussagen?|Informationen|Worten|Ansicht|"
    r"Meinung|Auffassung|Einschätzung|Darstellung|Bericht|Berichten|Meldung|Meldungen|"
    r"Erkenntnissen|Schätzungen|Ansicht|Vernehmen|Darstellungen|Einschätzungen|[A-ZÄÖÜ]\w*(?:angaben|berichten|berichte|"
    r"meldungen|informationen|schätzungen|aussagen|erkenntnissen))|"
    r"(?:[Ss]einer|[Ii]hrer|[Dd]eren|[Dd]essen)\s+(?:Meinung|Ansicht|Auffassung|Einschätzung|"
    r"Darstellung|Aussage|Überzeugung)\s+nach)\b"
)
# Verbs of thinking and announcing that take a "dass" clause ("geht davon aus, dass …").
_THAT_VERBS = frozenset(
    _wordlist(
        """
    geht ging gingen gehen aus davon erwähnte erwähnten erwähnt erwähnt hofft hoffte hofften
    glaubt glaubte glaubten befürchtet befürchtete fürchtet fürchtete vermutet vermutete hält
    hielt hielten weiß wusste wussten zeigt zeigte zeigten demonstrierten räumte räumten ein
    aufgefordert forderte geeinigt vorgeworfen warf warfen auf wird wurde berichtet bekannt mit
    betont heißt hieß heraus durchblicken
    """
    )
)


# Particles of separable verbs among them: a cue only closing the clause before the comma.
_THAT_PARTICLES = frozenset(_wordlist("aus ein auf mit heraus"))


_NP_WORD = re.compile(r"[\w.-]+|[„“”«»\"'()]")
_NP_GLUE = frozenset(
    _wordlist(
        """
        der des dem den die das ein eines einem einer einen sein seines seinem seiner ihr ihres
        ihrem ihrer von vom und
        """
    )
)


def _source_phrase(
    text: str, start: int, end: int, index: _NameIndex, forward: bool
) -> _Speaker | None:
    """The noun phrase right after "laut"/"nach Angaben" (``forward``) or right before
    "zufolge": ``laut der Studie``, ``nach Angaben des ZDF``, ``ersten Angaben zufolge``."""
    tokens = list(_NP_WORD.finditer(text, start, end))
    if not forward:
        tokens.reverse()
    taken: list[re.Match[str]] = []
    for token in tokens:
        word = token.group(0)
        # "laut ai-Bericht", "laut iPhone-Hersteller": a lower-case name before a compound.
        capital = word[0].isupper() or word[0].isdigit() or bool(_LOWER_COMPOUND.match(word))
        adjective = (
            word.islower()
            and word.endswith(("e", "en", "er", "es", "em"))
            and word not in _STATEMENT_WORDS
            and word not in REPORTING_VERBS
            and word not in _NP_ADVERBS
            and len(word) > 3
        )
        if len(taken) >= 8:
            break
        if word in "„“”«»\"'()" or capital or word.lower() in _NP_GLUE or adjective:
            taken.append(token)
            continue
        if taken and word in _NP_ADVERBS:  # "in einer gestern verbreiteten Erklärung"
            continue
        break
    while taken and (taken[-1].group(0).lower() in _NP_GLUE or not taken[-1].group(0)[0].isalnum()):
        taken.pop()
    if not any(
        t.group(0)[0].isupper() or t.group(0)[0].isdigit() or _LOWER_COMPOUND.match(t.group(0))
        for t in taken
    ):
        return None  # "so charakterisierte ihn …": a verb, not a source
    lo = min(t.start() for t in taken)
    hi = max(t.end() for t in taken)
    for name in index.between(lo, hi):
        return _Speaker(name.entity, name.name, name.start)
    return _Speaker(None, text[lo:hi].strip(" „“”«»\"'"), lo)


_LOWER_COMPOUND = re.compile(r"[a-zäöü]\w*-[A-ZÄÖÜ]")
_NP_ADVERBS = frozenset(
    ["gestern", "heute", "kürzlich", "zuvor", "bereits", "jüngst", "erst", "weiter", "abschließend"]
)
_SUBJECT_DETERMINERS = frozenset(
    _wordlist(
        """
        der die das ein eine sein seine ihr ihre diese dieser dieses alle viele beide einige
        mehrere zahlreiche manche andere verschiedene weitere
        """
    )
)


def _subject_phrase(
    text: str, start: int, end: int, index: _NameIndex, verb_at: int | None = None
) -> _Speaker | None:
    """The noun phrase that opens a sentence when a verb follows it right away, so it is the
    subject: "Die neue Version verspricht", "Das Fazit des Berichts lautete",
    "Meteorologen rechnen". None when the sentence opens otherwise ("In dem Antrag …",
    "Dort …") or its verb is a Konjunktiv (reported speech goes on with its speaker).
    ``verb_at``: the verb must be the one starting there."""
    taken: list[re.Match[str]] = []
    noun = False
    verb = None
    bracket = False
    for token in _NP_WORD.finditer(text, start, min(end, start + 150)):
        word = token.group(0)
        lowered = word.lower()
        if bracket:  # "Kristina Schröder (CDU) sagte": the party is no part of the subject
            bracket = word != ")"
            continue
        if word == "(" and noun:
            bracket = True
            continue
        if not word[0].isalnum():
            if taken:
                break
            continue  # an opening quotation mark
        if not taken and word[0].islower() and lowered not in _SUBJECT_DETERMINERS:
            return None  # "… Benedikt XVI. betriebenen Berufung": no sentence opens in lower case
        opener = not taken and word[0].isupper() and lowered not in _SUBJECT_DETERMINERS
        if opener and (
            word in _FUNCTION_WORDS
            or _adverb_like(word)
            or lowered.endswith("mals")
            or lowered in _PRONOMINAL_ADVERBS
            or lowered in _PREPOSITIONS
            or (
                _frequent(word)
                and not _german_noun(word)
                and not index.between(token.start(), token.end())
            )
        ):
            return None  # "Weiter sagte …", "Dennoch …": an adverb opens the sentence
        if (lowered in _SUBJECT_DETERMINERS and not taken) or (
            noun and lowered in ("der", "des", "eines", "einer")
        ):
            taken.append(token)  # "Der Sprecher des Verbandes": a genitive goes with it
            continue
        if len(taken) == 1 and taken[0].group(0).lower() == "der" and lowered.endswith("en"):
            return None  # "Der englischsprachigen Zeitung sagte …": dative, not the subject
        if word[0].isupper() or (word[0].isdigit() and not noun):
            taken.append(token)
            noun = noun or word[0].isupper()
            continue
        if (
            not noun
            and word.islower()
            and lowered.endswith(("e", "en", "er", "es", "em"))
            and lowered not in _STATEMENT_WORDS
            and lowered not in REPORTING_VERBS
        ):
            taken.append(token)  # an adjective before the noun
            continue
        if (
            not noun
            and taken
            and word.islower()
            and lowered.endswith(("lich", "isch", "ig"))
            and re.match(r"\s+[a-zäöüß]+(?:e|en|er|es|em)\s", text[token.end() : token.end() + 30])
        ):
            taken.append(token)  # "Die staatlich kontrollierten Medien": an adverb before it
            continue
        if lowered in _PREPOSITIONS and noun:
            return None  # "Jegliche Mitverantwortung für …": the phrase goes on, no verb yet
        verb = lowered if word.islower() else None
        if verb_at is not None and token.start() != verb_at:
            return None
        break
    if not taken or not noun or verb is None or len(taken) > 8:
        return None
    if verb in KONJUNKTIV or verb in _COPULAS or verb in _NOT_VERBS:
        return None  # "Der Plan sei …" goes on with a speaker; "Die Lage ist …" is described
    while taken and taken[-1].group(0).lower() in _SUBJECT_DETERMINERS:
        taken.pop()
    if not taken:
        return None
    lo, hi = taken[0].start(), taken[-1].end()
    for name in index.between(lo, hi):
        return _Speaker(name.entity, name.name, name.start)
    return _Speaker(None, text[lo:hi], lo)


def _frequent(word: str) -> bool:
    """A very common German word ("weiter", "dennoch"): no name."""
    from reader.lexicons import zipf

    try:
        return zipf(word, "de") >= 4.5
    except Exception:  # no frequency table: no opinion
        return False


_PRONOMINAL_ADVERBS = frozenset(
    _wordlist(
        """
        darin darauf daraus dabei dadurch dafür dagegen daher dahinter damit danach daneben
        darüber darum darunter davon davor dazu dazwischen hierzu hierbei hier dort nun dann
        inzwischen indes zuvor zuletzt später bisher
        """
    )
)
# Words that cannot be the verb after a subject: "Kämen sie …" opens with a verb.
_NOT_VERBS = frozenset(
    _wordlist(
        """
        sie er es man wir ich du ihr der die das den dem des ein eine einer und oder auch
        nicht noch schon nur
        """
    )
)
_COPULAS = frozenset(
    _wordlist(
        """
        ist sind war waren wird werden wurde wurden bleibt bleiben blieb blieben soll sollen
        sollte sollten muss müssen musste mussten kann können konnte konnten darf dürfen
        """
    )
)
# "Für X ist/sei …": X's view.
_FOR_WHOM = re.compile(
    r"\s*[„“\"]?Für\s+([^,.;:„“]{2,60}?)\s+(?:sei|seien|ist|sind|war|waren|wäre|wären|bleibe|"
    r"bleibt|stehe|steht|gehe|geht)\b"
)
_SAID_VERBS = frozenset(["heißt", "hieß", "heisst", "hiess"])
# "heißt es" and "Es heißt" (not "Das heißt, …": that means).
_IT_IS_SAID = re.compile(
    r"(?:heißt|hieß|heisst|hiess)\s+es\b|[Ee]s\s+(?:heißt|hieß|heisst|hiess)\b"
)
_SAID_IN = re.compile(
    r"\b(?:(?:heißt|hieß|heisst|hiess|geheißen|geheissen)\s+es|es\s+(?:geheißen|geheissen))\b"
)
_TO_READ = re.compile(
    r"\bzu\s+lesen\b|\bgeschrieben\s+st(?:and|eht)\b|\bst(?:and|eht)\s+(?:\w+\s+)?geschrieben\b"
)
_WRITTEN_ON = re.compile(r",\s+(?:auf|in)\s+(?:dem|der|denen)\s[^,;:]*:?\s*$")
_THE_TALK = re.compile(r"[“”«»‹›\"']?\s*(?:\w+\s+){0,2}?die\s+Rede\b")
_SOURCE_PREPOSITION = re.compile(
    r"\b(?:[Ii]n|[Ii]m|[Aa]uf|[Bb]ei|[Bb]eim|[Aa]us|[Vv]on|[Vv]om|[Ss]eitens)\s+"
)


def _document_speaker(
    text: str, said: re.Match[str], floor: int, index: _NameIndex
) -> _Speaker | None:
    """Who "heißt es" quotes: the place after it ("heißt es in der Erklärung der Partei",
    "hieß es aus dem Ministerium") or before it ("In dem Antrag heißt es")."""
    stop = _PHRASE_STOP.search(text, said.end(), said.end() + 120)
    end = stop.start() if stop else min(len(text), said.end() + 120)
    # A few words may stand between ("heißt es wörtlich in …", "hieß es dazu aus …").
    for match in _SOURCE_PREPOSITION.finditer(text, said.end(), min(end, said.end() + 30)):
        source = _source_phrase(text, match.end(), end, index, True)
        if source is not None:
            return source
    # Before it, the first place phrase of the clause: "In einer Erklärung der Minister vom
    # Dienstag hatte es geheißen" is the Erklärung's.
    first = _SOURCE_PREPOSITION.search(text, max(floor, said.start() - 120), said.start())
    if first is not None:
        return _source_phrase(text, first.end(), said.start(), index, True)
    return None


def _source_speaker(
    text: str, cue: re.Match[str], start: int, stop: int, index: _NameIndex
) -> _Speaker | None:
    """Who a "laut X" / "X zufolge" / "seiner Meinung nach" cue names."""
    cue_word = cue.group(0).split()[0].lower()
    if cue_word in ("seiner", "ihrer"):  # "Seiner Meinung nach": the last he/she
        person = index.last_before(cue.start(), "male" if cue_word == "seiner" else "female")
        return _Speaker(person.entity, person.name, cue.start()) if person else None
    if cue_word == "zufolge":
        return _source_phrase(text, max(start, cue.start() - 80), cue.start(), index, False)
    if cue_word == "nach" and not _OF_WHOM.match(text, cue.end(), stop):
        # "nach Polizeiangaben", "nach eigenen Angaben": the cue names its own source
        # (a bare "nach Angaben" names nobody).
        source = cue.group(0).split(None, 1)[1]
        if _GENERIC_SOURCE.fullmatch(source):
            return None
        if source.startswith("eigene"):
            # "Die Firma hat nach eigenen Angaben …": the subject's own words.
            subject = _subject_phrase(text, start, cue.start(), index)
            if subject is not None:
                return subject
        return _Speaker(None, source, cue.start())
    return _source_phrase(text, cue.end(), min(stop, cue.end() + 100), index, True)


_GENERIC_SOURCE = re.compile(
    r"Angaben|Aussagen?|Informationen|Worten|Ansicht|Meinung|Auffassung|Einschätzung(?:en)?|"
    r"Darstellung(?:en)?|Bericht(?:en)?|Meldung(?:en)?|Erkenntnissen|Schätzungen|Vernehmen"
)
# Whose statement a "nach Angaben" cue reports, when it says: "nach Angaben des ZDF".
_OF_WHOM = re.compile(r"\s+(?:des|der|von|vom|eines|einer|seines|seiner|ihres|ihrer)\b")


# A sentence that points back at the one before as what someone said: "Das sagte …".
_BACK_REPORT = re.compile(r"(?:Dies|Das|Diese Angaben|Dies alles)\s+(\w+)\b")
_EMERGES = re.compile(r"(?:geht|ging|gehe)\s+(?:\w+\s+){0,3}?aus\s+([^,;:.!?]{3,120}?)\s+hervor\b")


def _can_speak(speaker: _Speaker) -> bool:
    """Whether a subject phrase names someone who can say something: a known name, a role
    or institution ("der Sprecher", "die Behörde") or a name the lexicon does not know."""
    return speaker.entity is not None or any(
        _speaker_noun(w) or (not _german_noun(w) and w not in _FUNCTION_WORDS)
        for w in _words(speaker.name)
        if w[:1].isupper()
    )


def _inside(position: int, spans: Sequence[tuple[int, int]], starts: Sequence[int]) -> bool:
    i = bisect_right(starts, position) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]


# Words in -e that follow a subject without being verbs ("Russland keine …", "er seine …").
_E_NOT_VERBS = frozenset(
    _wordlist(
        """
        keine eine seine ihre diese jene alle viele einige manche welche solche meine deine
        unsere eure beide andere erste letzte ganze große neue alte gute weitere gleiche selbe
        nie ohne ebene gerne gern schon bereits daher nahe lange wohl also
        """
    )
)


def _subject_then_konjunktiv(words: Sequence[str]) -> bool:
    """``Russland rücke …``, ``er lege …``: a subject, then a verb in -e (Konjunktiv I, 3rd
    person) — the list of common Konjunktiv forms cannot hold every verb."""
    if len(words) < 3:
        return False
    subject, verb = words[0], words[1]
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


def _indirect_in_sentence(
    text: str, start: int, end: int, index: _NameIndex, roles: dict[str, str]
) -> tuple[Quote, _Speaker | None] | None:
    sentence = text[start:end]
    stop = end - 1 if sentence[-1] in ".!?" else end
    words = _sentence_words(text, start, end)
    lowered = [w.group(0).lower() for w in words]
    konj = [w in KONJUNKTIV for w in lowered]
    # "Wie X mitteilte, …"
    if rule("indirect.wie-opening") and lowered and lowered[0] == "wie":
        comma = text.find(",", words[0].end(), end)
        verbs = _verb_positions(text, words[0].end(), comma) if comma > 0 else []
        if verbs:
            speaker = _phrase_speaker(text, words[0].end(), verbs[0][0], index, roles, first=True)
            return _make(text, comma + 1, stop, speaker, verbs[0][2]), speaker
    # "Denn wie die Zeitung berichtete, leidet er …" / "…, wie die Polizei mitteilte.": a
    # "wie" clause that ends in its reporting verb frames the rest of the sentence.
    for framing in _AS_SAID.finditer(text, start, stop) if rule("indirect.wie-clause") else ():
        clause_end = text.find(",", framing.end(), stop)
        clause_end = stop if clause_end < 0 else clause_end
        verbs = _verb_positions(text, framing.end(), clause_end)
        tail = _WORD.findall(text, verbs[-1][1], clause_end) if verbs else []
        if not verbs or len(tail) > 2:
            continue
        speaker = _phrase_speaker(text, framing.end(), verbs[-1][0], index, roles, first=True)
        cue_word = verbs[-1][2]
        if clause_end < stop and framing.start() - start < 12:
            return _make(text, clause_end + 1, stop, speaker, cue_word), speaker
        if clause_end >= stop and text[framing.start()] == "," and framing.start() - start > 12:
            return _make(text, start, framing.start(), speaker, cue_word), speaker
    # "Zwei Drittel sind unwirksam, so das Ergebnis der Studie.": the source closes it.
    closing = _CLOSING_SO.search(text, start, stop) if rule("indirect.closing-so") else None
    if closing is not None and closing.start() - start > 12:
        speaker = _source_phrase(text, closing.start(1), closing.end(1), index, True)
        if speaker is not None:
            return _make(text, start, closing.start(), speaker, "so"), speaker
    # "Laut X …", "Nach Angaben von X …", "X zufolge …", also inside the sentence.
    cue = _SOURCE_CUE.search(text, start, stop) if rule("indirect.source-cue") else None
    if cue is not None:
        cue_word = " ".join(cue.group(0).split())
        speaker = _source_speaker(text, cue, start, stop, index)
        if cue.start() - start < 3:
            return _make(text, cue.end(), stop, speaker, cue_word), speaker
        return _make(text, start, stop, speaker, cue_word), speaker
    for n, word in enumerate(words):
        verb_text = word.group(0)
        reporting = (
            lowered[n] in REPORTING_VERBS and has_reporting_verb([verb_text], sentence) is not None
        )
        if not reporting and (lowered[n] not in _THAT_VERBS or not rule("indirect.that-verbs")):
            continue
        if lowered[n] in _GO_VERBS and "davon" not in lowered:
            continue  # "geht davon aus, dass", not "um eines gehen: um die Frage, ob"
        if (
            not reporting
            and lowered[n] in _THAT_PARTICLES
            and (verb_text[0].isupper() or lowered[n] == "heraus")
            and not text.startswith(",", word.end())
        ):
            # "räumte ein, dass", not "Ein Forscherteam hat herausgefunden, dass" (an article
            # opening the sentence); a particle inside the clause is left to chance.
            continue
        # "In dem Bericht heißt es, die Lage sei ernst": what follows the comma is the
        # document's, in Konjunktiv or not.
        said = None
        if lowered[n] in _SAID_VERBS and rule("indirect.heisst-es"):
            said = _IT_IS_SAID.match(text, word.start()) or (
                _IT_IS_SAID.match(text, words[n - 1].start()) if n else None
            )
        if said is not None:
            comma = text.find(",", said.end(), min(end, said.end() + 120))
            if comma > 0 and not text[said.end() : comma].strip(" ,"):
                speaker = _document_speaker(text, said, start, index)
                return _make(text, comma + 1, stop, speaker, "heißt es"), speaker
            if comma > 0:
                source = _document_speaker(text, said, start, index)
                if source is not None:
                    return _make(text, comma + 1, stop, source, "heißt es"), source
        # "X sagte(,) [dass] sie sei …": the clause after the next comma.
        comma = text.find(",", word.end(), min(end, word.end() + 90))
        if comma > 0:
            rest = [w.lower() for w in _WORD.findall(text, comma + 1, end)]
            to_clause = any(
                w == "zu"
                or (w.startswith("zu") and w.endswith("en") and len(w) > 7)
                or _PARTICLE_ZU.fullmatch(w)
                for w in rest
            )
            if rest and (
                rest[0] in _THAT
                or (reporting and any(w in KONJUNKTIV for w in rest[:12]))
                or (reporting and to_clause and rule("indirect.zu-infinitive"))
                or (
                    reporting
                    and rule("indirect.konjunktiv-in-e")
                    and _subject_then_konjunktiv(_WORD.findall(text, comma + 1, end))
                )
            ):
                if reporting:
                    verb = (word.start(), word.end(), verb_text)
                    speaker = _speaker_at_verb(text, verb, start, comma, index, roles)
                else:  # "geht davon aus, dass": the subject opens the sentence
                    speaker = _phrase_speaker(text, start, comma, index, roles, first=True)
                return _make(text, comma + 1, stop, speaker, verb_text or None), speaker
        if not reporting:
            continue
        # "Russland rücke vor, sagte Peskow.": the clause before a comma right before the verb.
        before = text[start : word.start()].rstrip()
        if rule("indirect.clause-before-verb") and before.endswith(",") and any(konj[:n]):
            verb = (word.start(), word.end(), verb_text)
            speaker = _phrase_speaker(text, word.end(), stop, index, roles, first=True)
            return _make(text, start, start + len(before) - 1, speaker, verb_text), speaker
    # "Die Studie kam zu dem Schluss, dass …", "X ist der Meinung, dass …": a noun of
    # saying or thinking frames the clause after its comma; the sentence's subject holds it.
    frame = _NOUN_FRAME.search(text, start, stop) if rule("indirect.noun-frame") else None
    if frame is not None:
        rest = _WORD.findall(text, frame.end(), stop)
        if rest and (
            rest[0].lower() in _THAT
            or any(w in KONJUNKTIV for w in rest[:12])
            or _subject_then_konjunktiv(rest)
            or "zu" in rest  # "die Forderung, die Löhne zu erhöhen"
        ):
            speaker = _phrase_speaker(text, start, frame.start(), index, roles, first=True)
            cue_words = frame.group(1) or frame.group(2)
            return _make(text, frame.end(), stop, speaker, cue_words), speaker
    # "Berichte der Zeitung, wonach der Minister zurücktrete": the noun before says it.
    according = _ACCORDING.search(text, start, stop) if rule("indirect.wonach") else None
    if according is not None:
        speaker = _source_phrase(
            text, max(start, according.start() - 80), according.start(), index, False
        )
        return _make(text, according.end(), stop, speaker, "wonach"), speaker
    return None


# "wie" opening a clause of saying: "Denn wie die Zeitung berichtete", ", wie er sagte".
_AS_SAID = re.compile(r"(?:,\s*|\b(?:[Dd]enn|[Uu]nd|[Aa]ber|[Dd]och)\s+|^)[Ww]ie\s+", re.M)
# ", so der Sprecher." / ", so Müller weiter.": a source named after the clause, no verb.
_CLOSING_SO = re.compile(
    r",\s+so\s+((?=[A-ZÄÖÜ]|(?:der|die|das|ein|eine)\s)(?:[^\s,;:!?.]+\s*){1,8}"
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
    r"(?:ab|an|auf|aus|bei|ein|fest|her|hin|mit|nach|vor|weg|zurück|zusammen|dar|frei|los|"
    r"teil|statt|durch|um|wieder|fort|weiter|bereit|offen|heraus|herbei|voran|vorbei)zu\w{2,}en"
)


def _make(text: str, start: int, end: int, speaker: _Speaker | None, cue: str | None) -> Quote:
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


# --------------------------------------------------------------------------------------------
# Putting it together

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[“”«»\"']?\s+(?=[„“«»\"'A-ZÄÖÜ0-9])")


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


# What stands between two coordinated quotes: "„…“ und „…“", "„…“, „…“ oder „…“".
_COORDINATED = re.compile(r"[“”«»‹›\"']?\s*(?:,|,?\s*(?:und|oder|bzw\.|sowie))\s*[„“«»‹›\"']")


def quotes_in_text(
    text: str,
    paragraphs: Sequence[tuple[int, int]] | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
    names: Sequence[Name] = (),
    entities: Sequence[Entity] = (),
) -> list[Quote]:
    """Direct and indirect quotes of ``text`` given its paragraphs, sentences and person names.

    The model-free core of ``find_quotes``: paragraphs default to blank-line blocks,
    sentences to a punctuation splitter.
    """
    paragraphs = sorted(paragraphs) if paragraphs is not None else paragraph_spans(text)
    if not paragraphs:
        return []
    sentences = sentences if sentences is not None else split_sentences(text, paragraphs)
    index = _NameIndex(names, text)
    roles = _roles(entities)
    para_starts = [s for s, _ in paragraphs]
    direct: list[Quote] = []
    unattributed: set[int] = set()  # starts of quotes whose frame names nobody
    pronouns: set[int] = set()  # … but for a pronoun ("sagte er") nobody named stands for
    subjects: set[int] = set()  # … and those the subject of the sentence before speaks
    previous: tuple[int, _Speaker] | None = None
    sibling: tuple[int, bool] | None = None  # end and verdict of the last outer quote
    for span in scan_quotes(text, paragraphs):
        p = max(0, bisect_right(para_starts, span.start) - 1)
        floor, ceiling = paragraphs[p]
        if (
            rule("direct.coordinated")
            and sibling is not None
            and span.depth == 0
            and _COORDINATED.fullmatch(text[sibling[0] : span.start])
        ):
            verdict = sibling[1]  # "„aggressiv“ und „herausfordernd“": one list, one verdict
        else:
            verdict = is_direct(text, span, floor, ceiling)
        if span.depth == 0:
            sibling = (span.end, verdict)
        if not verdict:
            continue
        if span.depth == 0:
            index.note_quote(span.start, span.end)
        speaker, cue = attribute(text, span, floor, ceiling, index, roles)
        if speaker is not None and not speaker.name and speaker.entity is None:
            speaker = None  # an unresolved "er": the paragraph's speaker is the best guess
            pronouns.add(span.start)
        if speaker is None:
            unattributed.add(span.start)
        subject = None
        if speaker is None and rule("assemble.previous-subject"):
            # "Die SPD will am Kurs festhalten. „Wir wollen …“": a quote standing alone after
            # a sentence about a named person is theirs, even when someone else spoke before
            # ("…“, sagte Müller. Schmidt widersprach. „…“").
            subject = _previous_subject(text, span.start - 1, floor, index)
        if subject is not None and (
            previous is None or p - previous[0] > 1 or _is_person(index, subject)
        ):
            speaker = subject
            subjects.add(span.start)
        elif (
            rule("assemble.previous-speaker")
            and speaker is None
            and previous is not None
            and p - previous[0] <= 1
        ):
            speaker = previous[1]  # the paragraph goes on with the last speaker's words
        if speaker is not None:
            previous = (p, speaker)
            index.note_speaker(span.start, speaker.entity, speaker.name)
        direct.append(
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
    indirect = find_indirect(text, sentences, direct, index, roles, paragraphs)
    if rule("assemble.speakers-from-reports"):
        direct = _speakers_from_reports(direct, indirect, unattributed)
    if rule("assemble.carry-speakers"):
        direct = _carry_speakers(direct, indirect, unattributed - subjects, para_starts, pronouns)
    quotes = direct + indirect
    if rule("assemble.link-roles"):
        quotes = _link_roles(quotes, roles)
    return sorted(quotes, key=lambda q: (q.start, q.end))


_DEFINITE_ROLE = re.compile(r"(?:[Dd]er|[Dd]ie)\s+([A-ZÄÖÜ][\w-]+)")


def _link_roles(quotes: list[Quote], roles: dict[str, str]) -> list[Quote]:
    """A speaker given as "die Ministerin" is the one person whose role that is."""
    linked = []
    for quote in quotes:
        match = _DEFINITE_ROLE.fullmatch(quote.speaker_name or "")
        if quote.speaker is None and match is not None and match.group(1) in roles:
            quote = replace(quote, speaker=roles[match.group(1)])
        linked.append(quote)
    return linked


def _previous_subject(text: str, open_at: int, floor: int, index: _NameIndex) -> _Speaker | None:
    """The named subject of the sentence right before a quote that opens its own sentence."""
    floor = max(floor, open_at - 400)  # one sentence back is enough, and keeps it linear
    before = text[floor:open_at].rstrip()
    if not before.endswith((".", "!", "?")):
        return None
    ends = [m.end() for m in _SENTENCE_END.finditer(text, floor, floor + len(before) - 1)]
    if not ends and floor > 0 and text[floor - 1] != "\n":
        return None  # the sentence starts further back than the window
    start = ends[-1] if ends else floor
    while start < open_at and text[start].isspace():
        start += 1
    subject = _subject_phrase(text, start, floor + len(before), index)
    if subject is None and rule("assemble.apposition-subject"):
        subject = _apposition_subject(text, start, floor + len(before), index)
    return subject if subject is not None and subject.entity is not None else None


# "Der Sprecher der Partei, Hans Meier, verurteilte …" / "Hans Meier, der Sprecher der
# Partei, verurteilte …": a person set off by commas at a sentence's start, then its verb.
_ROLE_THEN_NAME = re.compile(r"(?:Der|Die)\s[^,;:.!?„“«»\"]{3,80},\s+")
_THEN_VERB = re.compile(r"(?:\s*\([^()]{1,40}\))?,\s+[a-zäöüß]")


def _apposition_subject(text: str, start: int, end: int, index: _NameIndex) -> _Speaker | None:
    """The person a sentence opens with when an apposition sets them off."""
    role = _ROLE_THEN_NAME.match(text, start, end)
    people = [n for n in index.between(start, min(end, start + 200)) if n.label == "PER"]
    if not people:
        return None
    first = people[0]
    if role is not None and first.start == role.end() and _THEN_VERB.match(text, first.end, end):
        return _Speaker(first.entity, first.name, first.start)
    if first.start == start and _NAME_APPOSITION.match(text, first.end, end):
        after = _NAME_APPOSITION.match(text, first.end, end)
        if after is not None and re.match(r"[a-zäöüß]", text[after.end() : after.end() + 1]):
            return _Speaker(first.entity, first.name, first.start)
    for person in people[:3]:
        # "Am Rande nahm auch der Ministerpräsident, Paul Kern (SPD), Stellung": after the
        # verb, a role and the person set off by commas is the subject.
        role = _VERB_ROLE_THEN_NAME.search(text, max(start, person.start - 100), person.start)
        if (
            role is not None
            and role.end() == person.start
            and role.group(1) not in _PREPOSITIONS
            and role.group(1) not in _CONJUNCTIONS
            and _NAME_THEN_COMMA.match(text, person.end, end)
        ):
            return _Speaker(person.entity, person.name, person.start)
    return None


_VERB_ROLE_THEN_NAME = re.compile(
    r"\b([a-zäöüß]+)\s+(?:auch\s+|jetzt\s+|nun\s+)*(?:der|die)\s[^,;:.!?„“«»\"]{3,80},\s+"
)


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
    direct: list[Quote], indirect: list[Quote], unattributed: set[int] = frozenset()
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
    return quotes_in_text(text, paragraphs, sentences, names, entities)
