"""The rule second opinion after the NER model (``reader_ner_rules``), on made-up sentences."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from reader.ner_rules import add_rule_entities


def ents(sentence: str, model: list[tuple[int, int, str]] = ()) -> list[tuple[str, str]]:
    """Entities after the rules, given space-separated tokens and what the "model" found."""
    nlp = spacy.blank("de")
    doc = Doc(nlp.vocab, words=sentence.split(" "))
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in model]
    return [(ent.text, ent.label_) for ent in add_rule_entities(doc).ents]


def test_first_name_and_surname_is_a_person() -> None:
    words = "Gestern traf Jonas Kellermann die Delegation ."
    assert ents(words) == [("Jonas Kellermann", "PER")]


def test_role_and_surname_is_a_person() -> None:
    words = "Die Entscheidung verteidigte Innenministerin Brandauer am Abend ."
    assert ents(words) == [("Brandauer", "PER")]


def test_surname_after_verb_of_saying_is_a_person() -> None:
    words = '" Wir bleiben dabei " , sagte Kowalczyk .'
    assert ents(words) == [("Kowalczyk", "PER")]


def test_country_names_are_places() -> None:
    words = "Die Vereinigten Arabischen Emirate und Frankreich verhandeln ."
    assert ("Frankreich", "LOC") in ents(words)


def test_model_person_is_widened_over_first_name() -> None:
    words = "Bundeskanzler Olaf Scholz reiste ab ."
    assert ents(words, [(2, 3, "PER")]) == [("Olaf Scholz", "PER")]


def test_model_entities_win_over_rules() -> None:
    words = "Die Carl Zeiss AG baut in Jena ."
    assert ents(words, [(1, 4, "ORG"), (6, 7, "LOC")]) == [
        ("Carl Zeiss AG", "ORG"),
        ("Jena", "LOC"),
    ]


def test_common_nouns_after_a_first_name_are_not_surnames() -> None:
    words = "Am Montag hat Paul Auto und Haus verkauft ."
    assert ents(words) == []
