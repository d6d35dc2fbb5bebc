"""Pages to articles: what trafilatura keeps, what stays out, and offsets into the shown text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reader.article import parse_article
from reader.web.extract import ExtractError, Page, clean, extract, page_source, render

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "web"
PAGES = ["rentenpaket", "hafenstreik", "interview-arbeitszeit", "bayern-freiburg"]
# Text that is on the pages but not in their articles.
BOILERPLATE = [
    "Cookies",
    "Alle akzeptieren",
    "Zustimmung",
    "Mehr zum Thema",
    "Weitere Nachrichten",
    "Kommentare",
    "rentner_1958",
    "Hafenarbeiter_HH",
    "Pragmatiker_42",
    "Kompany raus",
    "Meistgelesen",
    "Lesen Sie auch",
    "Impressum",
    "Datenschutz",
    "Startseite",
    "Newsletter",
    "Tracking aktiv",
    "Adblocker",
    "dataLayer",
    "font-family",
    "Weiterlesen",
    "Werbefrei",
]


def source_of(name: str):
    return page_source((FIXTURES / f"{name}.html").read_bytes(), path=f"{name}.html")


@pytest.mark.parametrize("name", PAGES)
def test_offsets_point_into_the_shown_text(name: str) -> None:
    source = source_of(name)
    article = parse_article(source.text)
    assert source.text[article.title_start : article.title_end] == article.title
    blocks = list(article.blocks())
    assert len(blocks) >= 5
    for section in article.sections:
        if section.heading is not None:
            assert source.text[section.heading_start : section.heading_end] == section.heading
        for block in section.blocks:
            assert source.text[block.start : block.end] == block.text


@pytest.mark.parametrize("name", PAGES)
def test_boilerplate_scripts_and_markup_stay_out(name: str) -> None:
    text = source_of(name).text
    for phrase in BOILERPLATE:
        assert phrase not in text, phrase
    for markup in ("<", ">", "{", "function(", "iframe", "alert("):
        assert markup not in text, markup


@pytest.mark.parametrize("name", PAGES)
def test_every_paragraph_of_the_article_is_there(name: str) -> None:
    text = source_of(name).text
    gold = (FIXTURES / f"{name}.gold.txt").read_text(encoding="utf-8").split("\n\n")
    # The body paragraphs (long blocks); teasers above the text may be missed, see the bench.
    body = [block.strip() for block in gold[2:] if len(block) > 120]
    missing = [block[:50] for block in body if block.strip() not in text]
    assert not missing


def test_title_date_author_site_and_sections() -> None:
    source = source_of("rentenpaket")
    article = parse_article(source.text)
    assert article.title == "Rentenpaket: Bundestag stimmt nach langem Streit zu"
    assert article.date == date(2025, 11, 14)
    assert [s.heading for s in article.sections] == [
        None,
        "Scharfe Kritik aus der Opposition",
        "Ökonomen sehen Reformbedarf",
    ]
    assert source.origin is not None
    assert source.origin.author == "Katrin Albers"
    assert source.origin.site == "nachrichten.example"
    assert source.origin.url == "https://nachrichten.example/inland/rentenpaket-bundestag-100.html"
    # The kicker above the headline and the byline are not article text.
    assert "Abstimmung im Bundestag" not in source.text
    assert "ARD-Hauptstadtstudio" not in source.text


def test_captions_of_the_images_in_the_text() -> None:
    article = parse_article(source_of("hafenstreik").text)
    captions = [b.text for b in article.blocks() if b.kind == "caption"]
    assert captions == [
        "1/2 Stillstehende Containerbrücken am Burchardkai am Samstagmorgen. "
        "Foto: Christian Charisius / dpa",
        "2/2 Streikposten vor dem Terminal Altenwerder. Foto: Marcus Brandt / dpa",
    ]


def test_two_authors_from_json_ld() -> None:
    origin = source_of("hafenstreik").origin
    assert origin is not None and origin.author == "Jonas Petersen; Merle Ahrens"


def test_a_short_line_that_is_no_heading_stays_with_its_paragraph() -> None:
    page = Page(
        title="Titel",
        blocks=[
            ("paragraph", "Ein erster Absatz mit einem ganzen Satz."),
            ("paragraph", "Mit Material von dpa"),
            ("heading", "Ein Abschnitt"),
            ("paragraph", "Foto: dpa"),
            ("paragraph", "Der letzte Absatz."),
        ],
    )
    article = parse_article(render(page))
    assert [s.heading for s in article.sections] == [None, "Ein Abschnitt"]
    assert [b.text for b in article.blocks()] == [
        "Ein erster Absatz mit einem ganzen Satz.\nMit Material von dpa",
        "Foto: dpa\nDer letzte Absatz.",
    ]


def test_a_short_news_item_is_an_article() -> None:
    html = (
        "<html><head><title>Kurz gemeldet</title></head><body><nav><a href='/'>Start</a></nav>"
        "<article><h1>Stau auf der A7</h1><p>Nach einem Unfall bei Hamburg-Othmarschen ist die "
        "A7 in Richtung Norden gesperrt. Die Polizei rechnet mit Behinderungen bis zum "
        "Abend.</p></article></body></html>"
    )
    page = extract(html)
    assert page.title == "Stau auf der A7"
    assert page.blocks == [("paragraph", page.blocks[0][1])] and page.words == 20


def test_a_headline_with_its_kicker_is_not_a_section() -> None:
    html = (FIXTURES / "bayern-freiburg.html").read_text(encoding="utf-8")
    html = html.replace("<h1>Bayern", "<h1>Bundesliga: Bayern")
    article = parse_article(render(extract(html)))
    assert article.title == "Bundesliga: Bayern verliert überraschend in Freiburg"
    assert article.sections[0].heading is None


def test_a_page_without_an_article_names_its_feed() -> None:
    html = (FIXTURES / "startseite.html").read_text(encoding="utf-8")
    with pytest.raises(ExtractError, match=r"no article text.*reader https://n\.example/feed/"):
        extract(html, "https://n.example/")


def test_hostile_page(tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>Die Ministerin Anna Berger sagte am {day} in Berlin, die Reform komme "
        "noch in diesem Jahr.\x1b[31m Rot\x1b[0m\u200b\u00ad Die Opposition kritisierte das "
        "Vorhaben scharf und kündigte Widerstand im Bundesrat an.</p>"
        for day in ("Montag", "Dienstag", "Mittwoch")
    )
    html = (
        "<html><head><script>alert('x')</script><style>p{color:red}</style></head><body>"
        "<article><h1>Reform kommt</h1>"
        + paragraphs
        + "<iframe src='https://evil.example'>Iframe-Text</iframe>"
        + "<noscript>Bitte JavaScript aktivieren</noscript>"
        + "<svg><text>SVG-Text</text></svg></article></body></html>"
    )
    text = page_source(html.encode(), path="hostile.html").text
    assert "\x1b" not in text and "\u200b" not in text and "\u00ad" not in text
    for leaked in ("alert", "color:red", "Iframe-Text", "JavaScript", "SVG-Text"):
        assert leaked not in text
    assert "Anna Berger" in text


def test_a_saved_page_in_windows_1252(tmp_path: Path) -> None:
    from reader.web.sources import page_file

    html = (FIXTURES / "bayern-freiburg.html").read_text(encoding="utf-8")
    saved = tmp_path / "seite.html"
    saved.write_bytes(html.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252"))
    source = page_file(str(saved))
    assert source.encoding == "cp1252"
    assert "Europa-Park-Stadion trafen Lukas Kübler" in source.text


def test_clean_keeps_line_breaks_and_nothing_else() -> None:
    assert clean("  a\u00a0 b \r\n\n c\x07 ") == "a b\nc"
