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


def test_country_names_are_places() -> None:
    words = "Die Vereinigten Arabischen Emirate und Frankreich verhandeln ."
    assert ("Frankreich", "LOC") in ents(words)


def test_model_entities_win_over_rules() -> None:
    words = "Die Carl Zeiss AG baut in Jena ."
    assert ents(words, [(1, 4, "ORG"), (6, 7, "LOC")]) == [
        ("Carl Zeiss AG", "ORG"),
        ("Jena", "LOC"),
    ]


def test_common_nouns_after_a_first_name_are_not_surnames() -> None:
    words = "Am Montag hat Paul Auto und Haus verkauft ."
    assert ents(words) == []


def test_german_words_after_a_chinese_family_name_are_no_given_name() -> None:
    words = "Der Eurovision Song Contest und die Park Zoo Gesellschaft . Die Sie ."
    assert ents(words) == []


def test_person_spans_joined_over_initials() -> None:
    words = "Präsident Joseph S. Blatter kam ."
    found = ents(words, [(1, 2, "PER"), (3, 4, "PER")])
    assert found == [("Joseph S. Blatter", "PER")]


def test_two_full_names_side_by_side_stay_two() -> None:
    words = "Das Bildnis des Jakob Meyer Hans Holbein hängt in Basel ."
    found = ents(words, [(3, 5, "PER"), (5, 7, "PER"), (9, 10, "LOC")])
    assert ("Jakob Meyer", "PER") in found and ("Hans Holbein", "PER") in found


def test_a_first_name_before_a_known_place_is_not_joined() -> None:
    words = "Gestern reiste Peter Berlin an ."
    found = ents(words, [(2, 3, "PER"), (3, 4, "LOC")])
    assert ("Berlin", "LOC") in found


def test_abstract_nouns_after_a_role_are_no_surnames() -> None:
    words = "Er warf dem Justizminister Einmischung vor ."
    assert ents(words) == []


def test_english_words_after_a_name_are_not_joined() -> None:
    words = "Er besuchte den Trump Tower in New York ."
    found = ents(words, [(3, 4, "PER"), (4, 5, "ORG")])
    assert ("Trump Tower", "PER") not in found


def test_one_word_person_that_is_a_common_noun_is_dropped() -> None:
    words = "Die Schulmedizin lehnt das ab , sagte Koch ."
    assert ents(words, [(1, 2, "PER"), (7, 8, "PER")]) == [("Koch", "PER")]


def test_common_noun_surname_in_a_longer_name_or_with_an_age_stays() -> None:
    words = "Filep Karma ( 52 ) blieb in Haft . Karma schwieg ."
    assert ents(words, [(0, 2, "PER"), (9, 10, "PER")]) == [
        ("Filep Karma", "PER"),
        ("Karma", "PER"),
    ]
    words = "Gestern schwieg Karma ( 52 ) ."
    assert ents(words, [(2, 3, "PER")]) == [("Karma", "PER")]


def test_known_place_after_a_preposition_of_place_is_a_place() -> None:
    assert ents("Die Messe findet in Freiburg statt .") == [("Freiburg", "LOC")]
    # Not when a capitalised word follows: "in Freiburg Nord" may be a longer name.
    assert ents("Die Messe findet in Freiburg Nord statt .") == []


def test_known_place_anywhere_is_a_place() -> None:
    assert ents("Uelzen und Lüneburg spielen gegeneinander .") == [
        ("Uelzen", "LOC"),
        ("Lüneburg", "LOC"),
    ]
    assert ents("Die Zukunft Afrikas liegt offen .") == [("Afrikas", "LOC")]
    assert ents("Seither lebt sie in Los Angeles .") == [("Los Angeles", "LOC")]


def test_everyday_words_that_are_towns_too_are_no_places() -> None:
    # "Als" and "Dabei" are towns in GeoNames; at a sentence start they are words.
    assert ents("Als Kind zog er nach Dabei .") == []
    assert ents("Dabei blieb es .") == []


def test_a_place_after_a_name_word_is_left_to_the_model() -> None:
    # Part of a longer name: "Universität Tübingen" is an organisation.
    assert ents("Er studierte an der Universität Tübingen .") == []


def test_club_abbreviation_and_name_is_an_organisation() -> None:
    assert ents("Er wechselt zum 1. FC Köln und dann zum Naumburger SV 1905 .") == [
        ("1. FC Köln", "ORG"),
        ("Naumburger SV 1905", "ORG"),
    ]


def test_club_rule_skips_everyday_abbreviations_and_stops_at_roles() -> None:
    assert ents("Das Album erscheint als CD Anfang März .") == []
    assert ents("Der FC Bayern Präsident Uli Hoeneß schwieg .")[0] == ("FC Bayern", "ORG")


def test_hong_kong_is_no_chinese_name() -> None:
    assert ("Hong Kong", "PER") not in ents("Proteste in Hong Kong gehen weiter .")


def test_a_one_word_person_that_only_the_place_lists_know_is_a_place() -> None:
    assert ents("Amerika macht es vor .", [(0, 1, "PER")]) == [("Amerika", "LOC")]
    # A surname that is a town too stays a person ("Barth" is both).
    assert ents("Barth widersprach .", [(0, 1, "PER")]) == [("Barth", "PER")]


def test_a_name_and_noun_compound_is_no_place_or_person() -> None:
    words = "Das Budapest-Treffen am Gaza-Streifen fiel aus ."
    assert ents(words, [(1, 2, "LOC"), (3, 4, "LOC")]) == [("Gaza-Streifen", "LOC")]
    assert ents("Nordrhein-Westfalen stimmte zu .", [(0, 1, "LOC")]) == [
        ("Nordrhein-Westfalen", "LOC")
    ]


def test_institutions_of_the_european_union_are_organisations() -> None:
    assert ents("Das Europäische Parlament stimmte zu .") == [("Europäische Parlament", "ORG")]
    # Also over a part the model tagged.
    words = "Der Bericht der Europäischen Kommission liegt vor ."
    assert ents(words, [(3, 4, "MISC")]) == [("Europäischen Kommission", "ORG")]


def test_two_persons_are_not_joined_across_a_preposition() -> None:
    words = "Die Reaktion von Merkel auf Putin war verhalten ."
    assert ents(words, [(3, 4, "PER"), (5, 6, "PER")]) == [("Merkel", "PER"), ("Putin", "PER")]
    words = "Das sagte Scholz zu Selenskyj ."
    assert ents(words, [(2, 3, "PER"), (4, 5, "PER")]) == [("Scholz", "PER"), ("Selenskyj", "PER")]


def test_a_rare_surname_ending_like_an_adverb_stays_a_person() -> None:
    words = "Carstens war Bundespräsident ."
    assert ents(words, [(0, 1, "PER")]) == [("Carstens", "PER")]


def test_a_first_name_and_an_everyday_object_is_no_person() -> None:
    assert ents("Seit Jahren spielt Paula Klavier im Orchester .") == []
