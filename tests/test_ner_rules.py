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


def test_chinese_and_korean_names_are_people() -> None:
    words = "Der Astronaut Yang Liwei traf Kim Jong-un und den Sohn Fei Di. Nie Haisheng schwieg ."
    found = ents(words)
    for name in ("Yang Liwei", "Kim Jong-un", "Fei Di.", "Nie Haisheng"):
        assert (name, "PER") in found


def test_east_asian_name_over_a_one_word_entity_of_the_model() -> None:
    words = "Der Unternehmer Wei Wenhua wurde erschlagen ."
    assert ents(words, [(3, 4, "LOC")]) == [("Wei Wenhua", "PER")]


def test_german_words_after_a_chinese_family_name_are_no_given_name() -> None:
    words = "Der Eurovision Song Contest und die Park Zoo Gesellschaft . Die Sie ."
    assert ents(words) == []


def test_person_spans_joined_over_initials_and_a_misread_surname() -> None:
    words = "Präsident Joseph S. Blatter kam mit Carsten Rothenbach ."
    found = ents(words, [(1, 2, "PER"), (3, 4, "PER"), (6, 7, "PER"), (7, 8, "LOC")])
    assert found == [("Joseph S. Blatter", "PER"), ("Carsten Rothenbach", "PER")]


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


def test_more_family_names_and_names_at_a_sentence_start() -> None:
    words = "Zhai Zhigang und Nie Haisheng wurden benannt ."
    assert ents(words) == [("Zhai Zhigang", "PER"), ("Nie Haisheng", "PER")]


def test_one_word_person_and_a_misread_surname_are_joined() -> None:
    words = "Die Regierung des Ministerpräsidenten Abhisit Vejjajiva trat zurück ."
    found = ents(words, [(4, 5, "PER"), (5, 6, "LOC")])
    assert found == [("Abhisit Vejjajiva", "PER")]


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


def test_one_word_place_that_is_a_common_noun_is_dropped() -> None:
    words = "In den Hotels von Rom brannte es ."
    assert ents(words, [(2, 3, "LOC"), (4, 5, "LOC")]) == [("Rom", "LOC")]


def test_role_and_lone_first_name_is_a_person_when_the_name_ends_there() -> None:
    assert ents("Damals regierte König Vladislav in Prag .") == [
        ("Vladislav", "PER"),
        ("Prag", "LOC"),
    ]
    # "Prinz Karl von …" goes on: no guess at where the name ends.
    assert ("Karl", "PER") not in ents("Damals regierte Prinz Karl von Hessen .")


def test_a_first_name_before_a_regnal_number_is_a_person() -> None:
    assert ents("Damals regierte König Karl IV. in Prag .") == [
        ("Karl IV.", "PER"),
        ("Prag", "LOC"),
    ]
    assert ents("Vor dem Tod Rainers III. übernahm er .") == [("Rainers III.", "PER")]
    # The model's person is widened over the number.
    assert ents("Fürst Rainier III. regierte .", [(1, 2, "PER")]) == [("Rainier III.", "PER")]


def test_web_addresses_are_other_names() -> None:
    words = "Mehr dazu auf www.kuenker.de und bei stern.de , sagte er um 10.30 Uhr ."
    assert ents(words) == [("www.kuenker.de", "MISC"), ("stern.de", "MISC")]


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


def test_no_name_opens_with_a_negation() -> None:
    words = "Kein Kompromiss , sondern Unterwerfung ."
    assert ents(words, [(0, 2, "MISC")]) == []


def test_club_abbreviation_and_name_is_an_organisation() -> None:
    assert ents("Er wechselt zum 1. FC Köln und dann zum Naumburger SV 1905 .") == [
        ("1. FC Köln", "ORG"),
        ("Naumburger SV 1905", "ORG"),
    ]


def test_club_rule_skips_everyday_abbreviations_and_stops_at_roles() -> None:
    assert ents("Das Album erscheint als CD Anfang März .") == []
    assert ents("Der FC Bayern Präsident Uli Hoeneß schwieg .") == [
        ("FC Bayern", "ORG"),
        ("Uli Hoeneß", "PER"),
    ]


def test_hong_kong_is_no_chinese_name() -> None:
    assert ("Hong Kong", "PER") not in ents("Proteste in Hong Kong gehen weiter .")


def test_a_one_word_person_that_only_the_place_lists_know_is_a_place() -> None:
    assert ents("Amerika macht es vor .", [(0, 1, "PER")]) == [("Amerika", "LOC")]
    # A surname that is a town too stays a person ("Barth" is both).
    assert ents("Barth widersprach .", [(0, 1, "PER")]) == [("Barth", "PER")]


def test_a_first_name_and_a_common_noun_is_a_person() -> None:
    assert ents("Freddy Nock wäre fast gestürzt .") == [("Freddy Nock", "PER")]
    # Not a firm or a prize named after someone, nor a genitive first name.
    assert ents("Das Buch erschien bei Orlanda Verlag .") == []
    assert ents("Er traf Daniels Cousine .") == []


def test_a_first_name_the_model_took_for_a_place_joins_the_person_after_it() -> None:
    words = "Das bezeichnet die Archäologin Montserrat Sanz als Geschenk ."
    assert ents(words, [(4, 5, "LOC"), (5, 6, "PER")]) == [("Montserrat Sanz", "PER")]


def test_a_name_and_noun_compound_is_no_place_or_person() -> None:
    words = "Das Budapest-Treffen am Gaza-Streifen fiel aus ."
    assert ents(words, [(1, 2, "LOC"), (3, 4, "LOC")]) == [("Gaza-Streifen", "LOC")]
    assert ents("Nordrhein-Westfalen stimmte zu .", [(0, 1, "LOC")]) == [
        ("Nordrhein-Westfalen", "LOC")
    ]


def test_a_person_is_widened_over_a_name_the_tokeniser_split_at_its_apostrophe() -> None:
    nlp = spacy.blank("de")
    doc = nlp("Dazu gehören Michael O´Brien und Valéry Giscard d’Estaing .")
    words = [t.text for t in doc]
    michael, valery = words.index("Michael"), words.index("Valéry")
    brien = words.index("Brien")
    doc.ents = [
        Span(doc, michael, michael + 2, label="PER"),
        Span(doc, brien, brien + 1, label="LOC"),
        Span(doc, valery, valery + 2, label="PER"),
    ]
    found = [(e.text, e.label_) for e in add_rule_entities(doc).ents]
    assert found == [("Michael O´Brien", "PER"), ("Valéry Giscard d’Estaing", "PER")]


def test_two_persons_joined_by_a_name_particle_are_one() -> None:
    words = "Das sagte Frau Bloch von Blottnitz gestern ."
    assert ents(words, [(3, 4, "PER"), (5, 6, "PER")]) == [("Bloch von Blottnitz", "PER")]


def test_an_adverb_opening_the_sentence_is_no_person() -> None:
    assert ents("Erstens ist das falsch .", [(0, 1, "PER")]) == []
    assert ents("Bekanntlich irrt er .", [(0, 1, "PER")]) == []


def test_a_title_or_role_opening_a_span_is_left_out_of_the_name() -> None:
    assert ents("Das fragte Herrn Poggiolini gestern .", [(2, 4, "PER")]) == [("Poggiolini", "PER")]
    assert ents("Das sagte Kommissar Flynn .", [(2, 4, "LOC")]) == [("Flynn", "PER")]


def test_institutions_of_the_european_union_are_organisations() -> None:
    assert ents("Das Europäische Parlament stimmte zu .") == [("Europäische Parlament", "ORG")]
    # Also over a part the model tagged.
    words = "Der Bericht der Europäischen Kommission liegt vor ."
    assert ents(words, [(3, 4, "MISC")]) == [("Europäischen Kommission", "ORG")]


def test_a_name_after_herr_or_frau_is_a_person() -> None:
    assert ents("Ich danke Frau Samland .", [(3, 4, "LOC")]) == [("Samland", "PER")]
    assert ents("Ich danke Herrn von Wogau .") == [("von Wogau", "PER")]


def test_a_surname_that_is_a_town_stays_a_person_where_the_text_says_so() -> None:
    # A role before it, a verb of saying after it, or a role before it elsewhere.
    assert ents("Gesundheitsminister Lauterbach will sparen .", [(1, 2, "PER")]) == [
        ("Lauterbach", "PER")
    ]
    assert ents("Lauterbach sagte nichts .", [(0, 1, "PER")]) == [("Lauterbach", "PER")]
    words = "Minister Lauterbach kam . Lauterbach blieb ."
    assert ents(words, [(4, 5, "PER")]) == [("Lauterbach", "PER")]
    # ... and the place rule leaves such a name alone.
    assert ents("Das bestätigte Lauterbach sagte er .") == []


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


def test_titles_are_stripped_one_by_one_and_places_with_a_title_stay_places() -> None:
    words = "Das sagte Frau Ministerin Schulze gestern ."
    assert ents(words, [(2, 5, "PER")]) == [("Schulze", "PER")]
    assert ents("Sie flogen nach Lord Howe Island .", [(3, 6, "LOC")]) == [
        ("Lord Howe Island", "LOC")
    ]


def test_name_words_after_a_role_are_the_person_holding_it() -> None:
    words = "Der indonesische Präsident Susilo Bambang Yudhoyono reiste nach Jakarta ."
    assert ("Susilo Bambang Yudhoyono", "PER") in ents(words, [(3, 6, "LOC"), (8, 9, "LOC")])
    # A place after a role stays a place, and so does an organisation with a common noun.
    assert ents("Der Präsident Frankreichs sprach .", [(2, 3, "LOC")]) == [("Frankreichs", "LOC")]
    words = "Der Chef Deutsche Bank trat ab ."
    assert ents(words, [(2, 4, "ORG")]) == [("Deutsche Bank", "ORG")]
