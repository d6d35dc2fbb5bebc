"""Links and saved pages as articles: the store, offline reading, and the command line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader import cache
from reader.cli import main
from reader.nlp import load_pipeline
from reader.web import store, wants_web
from reader.web.sources import open_article, retrieve
from tests.web.server import NewsServer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "web"


def test_a_fetched_page_opens_again_offline(
    server: NewsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = server.url("/page/rentenpaket.html")
    online = open_article(url)
    stored = store.load(url)
    assert stored is not None and stored.final_url == url and stored.fetched is not None
    monkeypatch.setenv("READER_OFFLINE", "1")
    hits = server.hits[url.removeprefix(server.base)]
    offline = open_article(url)
    assert offline.text == online.text
    assert offline.origin is not None and offline.origin.note is not None
    assert re.fullmatch(r"copy of \d{4}-\d\d-\d\d \d\d:\d\d \(offline\)", offline.origin.note)
    assert server.hits[url.removeprefix(server.base)] == hits  # no request went out


def test_offline_without_a_copy_is_an_error(
    server: NewsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_OFFLINE", "1")
    with pytest.raises(Exception, match="offline, and never fetched before"):
        open_article(server.url("/page/hafenstreik.html"))


def test_a_second_open_asks_with_the_etag_and_keeps_the_copy(server: NewsServer) -> None:
    url = server.url("/etag/hafenstreik.html")
    first = retrieve(url)
    second = retrieve(url)
    assert server.headers_seen[-1].get("If-None-Match") == first.stored.etag
    assert second.stored.body == first.stored.body and second.note is None
    assert second.stored.fetched >= first.stored.fetched


def test_when_the_server_fails_the_stored_copy_opens_with_a_note(server: NewsServer) -> None:
    url = server.url("/flaky/interview-arbeitszeit.html")
    first = open_article(url)
    again = open_article(url)
    assert again.text == first.text
    assert again.origin is not None and again.origin.note is not None
    assert again.origin.note.endswith("(HTTP 503 Service Unavailable)")


def test_no_cache_stores_nothing(server: NewsServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_NO_CACHE", "1")
    url = server.url("/page/bayern-freiburg.html")
    open_article(url)
    assert store.load(url) is None
    assert not store.folder().exists() or not any(store.folder().iterdir())


def test_damaged_store_entries_read_as_absent(server: NewsServer) -> None:
    url = server.url("/page/bayern-freiburg.html")
    open_article(url)
    body = next(store.folder().glob("*.body"))
    body.write_bytes(b"cut")
    assert store.load(url) is None


def test_which_names_are_web_names(tmp_path: Path) -> None:
    plain_xml = tmp_path / "data.xml"
    plain_xml.write_text("<data/>")
    assert wants_web("https://example.org/a")
    assert wants_web("seite.html") and wants_web(str(FIXTURES / "feed-inland.xml"))
    assert not wants_web(str(plain_xml)) and not wants_web("artikel.txt")
    assert not wants_web("-") and not wants_web(None)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/status/404", "HTTP 404 Not Found"),
        ("/status/500", "HTTP 500 Internal Server Error"),
        ("/loop/a", "redirects in a loop"),
        ("/image/x", "not a web page or feed (image/png)"),
        ("/page/startseite.html", "no article text on this page (it offers a feed"),
        ("/feed/feed-inland.xml", "is a feed; open it with: reader"),
    ],
)
def test_analyze_fails_with_one_line_and_exit_2(
    server: NewsServer, capsys: pytest.CaptureFixture[str], path: str, message: str
) -> None:
    assert main(["analyze", server.url(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_offline_flag_refuses_and_exits_2(
    server: NewsServer, capsys: pytest.CaptureFixture[str]
) -> None:
    hits = sum(server.hits.values())
    assert main(["analyze", "--offline", server.url("/page/rentenpaket.html")]) == 2
    assert "offline, and never fetched before" in capsys.readouterr().err
    assert sum(server.hits.values()) == hits


def test_a_missing_saved_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "keine-seite.html"]) == 2
    assert "keine-seite.html: no such file" in capsys.readouterr().err


@pytest.mark.model
def test_analysis_of_a_link_has_origin_and_exact_offsets(server: NewsServer) -> None:
    source = open_article(server.url("/page/rentenpaket.html"))
    analysis = cache.analyze_source_cached(source, load_pipeline)
    text = analysis.text
    people = {e.name for e in analysis.entities if e.label == "PER"}
    assert {"Helga Brandstetter", "Jens Hallmann", "Miriam Okafor"} <= people
    for entity in analysis.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
    for quote in analysis.quotes:
        assert text[quote.start : quote.end] == quote.text
    said = {q.speaker_name for q in analysis.quotes if q.kind == "direct"}
    assert "Jens Hallmann" in said
    data = analysis.to_dict()
    assert data["origin"]["author"] == "Katrin Albers"
    assert data["path"] == server.url("/page/rentenpaket.html")
    # The cached analysis (second open) carries the origin too.
    again = cache.analyze_source_cached(
        open_article(server.url("/page/rentenpaket.html")), load_pipeline
    )
    assert again.to_dict()["origin"]["author"] == data["origin"]["author"]


def test_text_articles_keep_their_json_keys(seed_path: Path) -> None:
    from reader.analysis import Analysis
    from reader.article import parse_article

    keys = set(Analysis(str(seed_path), parse_article("date 2024-01-01 T\n\nText.")).to_dict())
    assert keys == {"path", "title", "date", "encoding", "model", "sections", "entities", "quotes"}


def test_the_web_package_loads_nothing_heavy_until_used() -> None:
    code = (
        "import sys, reader.cli, reader.web, reader.web.commands\n"
        "heavy = ('ssl', 'trafilatura', 'feedparser', 'lxml', 'spacy', 'textual')\n"
        "print(' '.join(m for m in heavy if m in sys.modules))\n"
        "import reader.web.sources, reader.web.session, reader.web.extract\n"
        "print(' '.join(m for m in ('spacy', 'textual') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == ["", ""]
