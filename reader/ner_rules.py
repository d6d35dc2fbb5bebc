"""A second opinion after the statistical NER: high-precision rule entities.

The trained model knows only the few thousand names of its training data. These rules add what
German news spells out around a name, and only where the model found nothing:

* a first name followed by a capitalised word that is no common noun -> PER
  (``Olaf Scholz``); a PER the model found is widened over a first name before it;
* a role noun followed by such a name -> PER (``Bundeskanzler Scholz``);
* the surname after a verb of saying -> PER (``sagte Weber``);
* German country names (pycountry) -> LOC (``Deutschland``, ``Vereinigte Staaten``).

``reader.pipes.add_reader_components`` adds the ``reader_ner_rules`` component after ``ner``.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from reader import lexicons

# A country name has at most this many tokens ("Vereinigte Arabische Emirate").
MAX_COUNTRY_TOKENS = 4

# Verbs of saying that news puts before the speaker's surname: '", sagte Weber.'
SPEECH_VERBS = lexicons.words(
    """
    sagte sagt sagten erklärte erklärt betonte betont meinte meint hoffte kritisierte
    forderte fordert warnte warnt ergänzte ergänzt räumte fügte berichtete schrieb kündigte
    bestätigte bestätigt erläuterte versicherte unterstrich
    """
)
# "so" marks the speaker only right after the quotation: '", so Weber.'
_QUOTE_END = frozenset({",", '"', "“", "”", "«", "»", "'"})


@lru_cache(maxsize=100_000)
def _first_name(word: str) -> bool:
    # The lexicon checks (wordfreq among them) cost more than the model per token: cache them.
    return lexicons.is_first_name(word)


@lru_cache(maxsize=100_000)
def _role(word: str) -> bool:
    return lexicons.is_role_word(word) or word in ("Herr", "Herrn", "Frau")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and any(ch.islower() for ch in word[1:]) and word.isalpha()


@lru_cache(maxsize=100_000)
def _surname_like(word: str) -> bool:
    """A capitalised word that can be (part of) a surname: no common noun, role or function word."""
    parts = word.split("-")
    if not all(_capitalised(part) for part in parts):
        return False
    if lexicons.is_role_word(word) or word in lexicons.TITLES:
        return False
    if lexicons.is_person_name(word):
        return True
    core = word[:-1] if word.endswith("s") and len(word) > 3 else word
    if lexicons.is_common_noun(word) and lexicons.is_common_noun(core):
        return False
    # "Auf", "Bereits", "One": frequent words are no names; "Lieblingsort" is a compound noun.
    if lexicons.is_frequent_word(word, lexicons.FUNCTION_WORD_ZIPF):
        return False
    return not (len(word) >= 12 and lexicons.is_compound_noun(word))


def _name_end(doc: Doc, start: int, taken: set[int]) -> int:
    """End of the name that starts at ``start`` (first names, particles, surname words)."""
    end = start
    while end < len(doc) and end not in taken:
        word = doc[end].text
        particle = (
            word in lexicons.NAME_PARTICLES
            and end + 1 < len(doc)
            and _surname_like(doc[end + 1].text)
        )
        if not (_first_name(word) or (end > start and (particle or _surname_like(word)))):
            break
        end += 1
    return end


def _inside_name(doc: Doc, i: int) -> bool:
    """Whether token ``i`` continues a capitalised name (``Aston Martin``, ``Sankt Michael``)."""
    if i == 0 or doc[i].is_sent_start:
        return False
    before = doc[i - 1].text
    return _capitalised(before) and not lexicons.is_common_noun(before)


def _person_spans(doc: Doc, taken: set[int]) -> list[Span]:
    spans: list[Span] = []
    i = 0
    while i < len(doc):
        word = doc[i].text
        if i in taken:
            i += 1
            continue
        role = _role(word)
        start = i + 1 if role else i
        if not role and _inside_name(doc, i):
            i += 1
            continue
        if start < len(doc) and start not in taken and _first_name(doc[start].text):
            end = _name_end(doc, start, taken)
            # A lone first name is too often a word or a product: it needs a surname.
            if end - start >= 2 and _surname_like(doc[end - 1].text):
                spans.append(Span(doc, start, end, label="PER"))
                i = end
                continue
        elif role and start < len(doc) and start not in taken and _surname_like(doc[start].text):
            end = start + 1
            if end < len(doc) and end not in taken and _surname_like(doc[end].text):
                end += 1
            if not any(lexicons.is_place(doc[k].text) for k in range(start, end)):
                spans.append(Span(doc, start, end, label="PER"))
                i = end
                continue
        i += 1
    return spans


def _speaker_spans(doc: Doc, taken: set[int]) -> list[Span]:
    """The surname right after a verb of saying (``sagte Weber``, ``", so Barth``)."""
    spans: list[Span] = []
    for i in range(len(doc) - 1):
        verb = doc[i].text
        speech = verb in SPEECH_VERBS or (verb == "so" and i > 0 and doc[i - 1].text in _QUOTE_END)
        if not speech or i + 1 in taken:
            continue
        word = doc[i + 1].text
        if _surname_like(word) and not lexicons.is_place(word):
            spans.append(Span(doc, i + 1, i + 2, label="PER"))
    return spans


def _country_spans(doc: Doc, taken: set[int]) -> list[Span]:
    countries = lexicons.countries_de()
    spans: list[Span] = []
    i = 0
    while i < len(doc):
        if i in taken or not doc[i].text[:1].isupper():
            i += 1
            continue
        for n in range(min(MAX_COUNTRY_TOKENS, len(doc) - i), 0, -1):
            if any(k in taken for k in range(i, i + n)):
                continue
            text = doc[i : i + n].text
            if text in countries or (text.endswith("s") and text[:-1] in countries):
                spans.append(Span(doc, i, i + n, label="LOC"))
                i += n - 1
                break
        i += 1
    return spans


def _widen_persons(doc: Doc) -> list[Span]:
    """Widen PER spans over first names before them (``Olaf [Scholz]``) and over the surname
    after a trailing first name (``[Sabine] von Krosigk``)."""
    ents = list(doc.ents)
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    widened: list[Span] = []
    for ent in ents:
        start, end = ent.start, ent.end
        if ent.label_ == "PER":
            while start > 0 and start - 1 not in taken and _first_name(doc[start - 1].text):
                start -= 1
            if _first_name(doc[end - 1].text):
                name_end = _name_end(doc, end - 1, taken - set(range(ent.start, ent.end)))
                if name_end > end and _surname_like(doc[name_end - 1].text):
                    end = name_end
        widened.append(Span(doc, start, end, label=ent.label_))
    return widened


def add_rule_entities(doc: Doc) -> Doc:
    """Add rule entities where the model found none; the model's own entities stay."""
    ents = _widen_persons(doc)
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    rules = _person_spans(doc, taken)
    taken |= {i for span in rules for i in range(span.start, span.end)}
    rules += _speaker_spans(doc, taken)
    taken |= {i for span in rules for i in range(span.start, span.end)}
    rules += _country_spans(doc, taken)
    doc.ents = filter_spans(ents + rules)
    return doc


@Language.component("reader_ner_rules")
def ner_rules(doc: Doc) -> Doc:
    """Pipeline component: see ``add_rule_entities``."""
    return add_rule_entities(doc)
