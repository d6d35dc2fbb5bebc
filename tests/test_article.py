"""The article parser: title, date, lead, sections, block kinds and exact offsets."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.article import Article, block_kind, is_heading, parse_article


def assert_offsets(article: Article) -> None:
    text = article.text
    assert text[article.title_start : article.title_end] == article.title
    previous = 0
    for section in article.sections:
        if section.heading is not None:
            assert text[section.heading_start : section.heading_end] == section.heading
        for block in section.blocks:
            assert text[block.start : block.end] == block.text
            assert block.start >= previous
            previous = block.end


def test_seed_structure(seed_text: str) -> None:
    article = parse_article(seed_text)
    assert article.date == date(2025, 10, 22)
    assert article.title.startswith("Trumps Nato-Wende")
    assert article.lead is not None and len(article.lead.blocks) == 2
    headings = [s.heading for s in article.sections if s.heading]
    assert len(headings) == 5
    assert all(len(h) < 60 for h in headings)
    kinds = [b.kind for b in article.blocks()]
    assert kinds.count("caption") == 1 and kinds.count("video") == 1
    assert_offsets(article)


def test_date_line_may_start_with_spaces() -> None:
    article = parse_article("   date 2024-02-29 Ein Titel\n\nText.")
    assert article.date == date(2024, 2, 29)
    assert article.title == "Ein Titel"
    assert_offsets(article)


@pytest.mark.parametrize("first", ["Nur ein Titel", "date 2024-13-45 Kaputt", "date gestern Titel"])
def test_missing_or_malformed_date_line_is_the_title(first: str) -> None:
    article = parse_article(f"{first}\n\nErster Absatz hier.\n\nZweiter Absatz.")
    assert article.date is None
    assert article.title == first
    assert [b.text for b in article.blocks()] == ["Erster Absatz hier.", "Zweiter Absatz."]


def test_no_headings_everything_is_lead() -> None:
    article = parse_article("date 2020-01-01 T\n\nEins ist hier.\n\nZwei ist da.\n\nDrei.")
    assert len(article.sections) == 1 and article.sections[0].heading is None
    assert len(article.sections[0].blocks) == 3


def test_title_only() -> None:
    article = parse_article("date 2020-01-01 Nur der Titel\n")
    assert article.title == "Nur der Titel"
    assert article.sections == []


def test_windows_line_endings_keep_exact_offsets() -> None:
    text = "date 2021-05-06 Titel\r\n\r\nLead hier.\r\n\r\nZwischentitel\r\n\r\nText danach.\r\n"
    article = parse_article(text)
    assert article.title == "Titel"
    assert [s.heading for s in article.sections] == [None, "Zwischentitel"]
    assert article.sections[1].blocks[0].text == "Text danach."
    assert_offsets(article)


def test_headings_at_the_end_and_without_paragraphs() -> None:
    text = "date 2021-05-06 T\n\nLead.\n\nErster Titel\n\nZweiter Titel"
    article = parse_article(text)
    assert [s.heading for s in article.sections] == [None, "Erster Titel", "Zweiter Titel"]
    assert article.sections[1].blocks == [] and article.sections[2].blocks == []
    assert_offsets(article)


def test_multi_line_paragraph_is_one_block() -> None:
    article = parse_article("date 2021-05-06 T\n\nZeile eins\nZeile zwei.\n\nNoch etwas.")
    assert article.sections[0].blocks[0].text == "Zeile eins\nZeile zwei."


@pytest.mark.parametrize(
    ("paragraph", "kind"),
    [
        ("1/6 Ein Bild von jemandem. Foto: Agentur", "caption"),
        ("12/12 Letztes Bild. Foto: AP", "caption"),
        ("0:47 Trump zu Budapest-Treffen: «Ich will nicht»", "video"),
        ("1:02:13 Die ganze Rede", "video"),
        ("Das ist ein normaler Absatz.", "paragraph"),
        ("7/5 ist kein Bildzähler.", "paragraph"),
    ],
)
def test_block_kinds(paragraph: str, kind: str) -> None:
    assert block_kind(paragraph) == kind


@pytest.mark.parametrize(
    ("paragraph", "heading"),
    [
        ("Die Lehre aus Kiew", True),
        ("Warum das wichtig ist", True),
        ("Ein ganzer Satz mit Punkt am Ende.", False),
        ("Frage an alle?", False),
        ("«Ein Zitat allein»", False),
        ("kleingeschriebener Anfang", False),
        ("Sehr " * 20, False),
    ],
)
def test_heading_rule(paragraph: str, heading: bool) -> None:
    assert is_heading(paragraph.strip()) is heading


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab Ä.\n\r\t«»1/:date-0"), max_size=300))
def test_parser_never_raises_and_offsets_round_trip(text: str) -> None:
    assert_offsets(parse_article(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_parser_on_any_unicode(text: str) -> None:
    assert_offsets(parse_article(text))
