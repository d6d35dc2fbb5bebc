"""Issue 17's six kinds of people error, each with a positive and a negative example.

Names and sentences are made up; the issue's own examples are not used, so that nothing
passes by a special case.
"""

from __future__ import annotations

import pytest

from reader.analysis import Analysis, analyze_text

pytestmark = pytest.mark.model


def _analyse(text: str) -> Analysis:
    return analyze_text(f"date 2024-01-01 Beispiel\n\n{text}")


def _people(text: str) -> dict[str, set[str]]:
    return {e.name: set(e.aliases) for e in _analyse(text).entities if e.label == "PER"}


# 1. Names with particles
def test_a_name_with_particles_is_one_person_and_later_its_surname() -> None:
    people = _people(
        "Die Präsidentin Marleen van der Hoeven reiste nach Brüssel. "
        "Van der Hoeven sagte, sie sei zufrieden."
    )
    assert people == {"Marleen van der Hoeven": {"Van der Hoeven"}}
    assert "Jorge de la Fuente" in _people("Der Ingenieur Jorge de la Fuente eröffnete die Brücke.")
    assert "Faisal bin Nayef" in _people("Der Kronprinz Faisal bin Nayef traf den Präsidenten.")
    people = _people(
        "Der Oppositionsführer Yusuf al-Bakri wurde verhaftet. Al-Bakri bestritt die Vorwürfe."
    )
    assert people == {"Yusuf al-Bakri": {"Al-Bakri"}}


def test_a_preposition_after_a_name_is_no_particle_of_it() -> None:
    people = _people("Der Forscher Jonas Wendt von der Insel Rügen fand das Skelett.")
    assert list(people) == ["Jonas Wendt"]


# 2. Firms, indexes, law firms, media and parties named like people
def test_firms_indexes_media_and_parties_named_like_people_are_nobody() -> None:
    for text in (
        "Die Bank Brenner Lachs senkte ihre Prognose. "
        "„Der Markt ist schwach“, teilte Brenner Lachs mit.",
        "Die Anwaltskanzlei Hartwig Sommerfeld vertritt den Kläger.",
        "Der Leitindex Dow Jones schloss im Plus. Der Dow Jones stieg um zwei Prozent.",
        "Der Nachrichtensender Al Mayadeen berichtete über die Kämpfe.",
        "Die Partei Parti Québécois gewann die Wahl.",
    ):
        assert _people(text) == {}, text


def test_the_founder_of_a_firm_is_a_person() -> None:
    assert "Hartwig Sommerfeld" in _people(
        "Der Gründer Hartwig Sommerfeld sagte, die Kanzlei wachse."
    )


# 3. People introduced by their employer
def test_people_introduced_by_their_employer_are_people_in_full() -> None:
    assert "Tomasz Kowalczyk" in _people(
        "„Die Zinsen steigen“, sagte Tomasz Kowalczyk vom Analysehaus Brightline."
    )
    assert "Oluwaseun Adeyemi" in _people(
        "„Die Inflation bleibt hoch“, sagte Oluwaseun Adeyemi von der Bank Meridian."
    )


def test_the_employer_itself_is_no_person() -> None:
    people = _people(
        "Die Analystin Priya Raman von der Beratungsfirma Kestrel rechnet mit Verlusten."
    )
    assert list(people) == ["Priya Raman"]


# 4. Double names and their parts
def test_a_double_name_and_its_second_part_alone_are_one_row() -> None:
    people = _people("Die Politikerin Anna Berger-Lindqvist trat an. Lindqvist sagte, sie bleibe.")
    assert people == {"Anna Berger-Lindqvist": {"Lindqvist"}}


def test_someone_else_with_the_second_part_as_surname_stays_apart() -> None:
    people = _people(
        "Die Politikerin Anna Berger-Lindqvist trat an. Tom Lindqvist, ihr Bruder, half."
    )
    assert set(people) == {"Anna Berger-Lindqvist", "Tom Lindqvist"}


# 5. Foreign first names, surnames alone, "die Regierung Name"
def test_foreign_first_names_and_a_government_named_after_its_head() -> None:
    assert "Joaquín Varela" in _people("Der Architekt Joaquín Varela entwarf das Museum.")
    assert "Ngozi Emeka" in _people("Der Autor Ngozi Emeka schrieb den Roman.")
    assert "Kovács" in _people("Die Regierung Kovács plant neue Gesetze.")
    assert "Tamrak" in _people("Das Regime Tamrak bombardiert Städte im Norden.")


def test_a_government_named_after_its_country_has_no_person() -> None:
    assert _people("Die Regierung Kanadas lehnt den Plan ab.") == {}


def test_a_surname_used_alone_from_the_start_is_a_person() -> None:
    assert "Kerimov" in _people(
        "Kerimov muss sich vor Gericht verantworten. Kerimov bestreitet die Tat."
    )


def test_a_surname_used_alone_with_a_verb_of_saying_is_a_person() -> None:
    assert "Kerimov" in _people("„Ich bin unschuldig“, sagte Kerimov vor Gericht.")


# 6. Not people: religious titles, fragments of foreign names, inhabitants
def test_religious_titles_and_inhabitants_are_no_people() -> None:
    assert list(_people("Ajatollah Hassan Mahdavi rief zur Ruhe auf.")) == ["Hassan Mahdavi"]
    assert _people("Die Berliner protestieren gegen die Mieten.") == {}
    assert list(
        _people(
            "Die Hongkonger gingen auf die Straße. „Wir bleiben“, sagte die Studentin Mei Lin Chau."
        )
    ) == ["Mei Lin Chau"]


def test_an_inhabitant_word_before_a_name_leaves_the_person() -> None:
    assert list(_people("Der Hongkonger Geschäftsmann Li Kaiming kaufte die Firma.")) == [
        "Li Kaiming"
    ]


def test_a_religious_title_before_a_name_is_no_part_of_it() -> None:
    assert _people(
        "Der Kommandeur Reza Dehghani starb. Tausende trauerten um Shahid Dehghani."
    ) == {"Reza Dehghani": {"Shahid Dehghani"}}
    assert list(_people("Der Mufti Sayyid Omar Haddad predigte.")) == ["Omar Haddad"]


def test_the_same_word_as_a_given_name_stays() -> None:
    assert list(_people("Der Kricketspieler Shahid Malik gewann.")) == ["Shahid Malik"]
