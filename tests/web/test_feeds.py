"""Feeds: parsing, newest first, refresh with ETag, read marks, subscriptions and OPML."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reader.cli import main
from reader.source import ArticleError
from reader.web.feeds import FeedError, parse_feed
from reader.web.readmarks import ReadMarks
from reader.web.session import FeedSession
from reader.web.sources import open_link
from reader.web.subscriptions import ConfigError, opml_feeds, subscribe, subscribed
from tests.web.server import NewsServer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "web"
BASE = "http://127.0.0.1:8000"


def feed_file(tmp_path: Path, name: str, base: str = BASE) -> Path:
    path = tmp_path / name
    text = (FIXTURES / name).read_text(encoding="utf-8").replace("{{BASE}}", base)
    path.write_text(text, encoding="utf-8")
    return path


def test_rss_items_as_plain_text(tmp_path: Path) -> None:
    path = feed_file(tmp_path, "feed-inland.xml")
    feed = parse_feed(path.read_bytes(), location=str(path))
    assert feed.title == "nachrichten.example – Inland"
    titles = [item.title for item in feed.items]
    # The item without a link is left out; markup in a title is reduced to its text.
    assert len(titles) == 4 and "Ein Eintrag ohne Link" not in titles
    assert "Interview: „Wir müssen über Arbeitszeit reden“" in titles
    first = feed.items[0]
    assert first.path == f"{BASE}/page/rentenpaket.html" and first.source == feed.title
    assert (
        first.published is not None and first.published.isoformat() == "2025-11-14T15:42:00+00:00"
    )
    assert first.summary.startswith("Nach wochenlangem Streit")
    assert "alert" not in first.summary and "<" not in first.summary


def test_atom_and_newest_first_across_feeds(tmp_path: Path) -> None:
    session = FeedSession.of_files(
        [str(feed_file(tmp_path, "feed-inland.xml")), str(feed_file(tmp_path, "feed-sport.atom"))],
        marks=ReadMarks(tmp_path / "read.json"),
    )
    titles = [item.title for item in session.items]
    assert titles[0] == "Bayern verliert überraschend in Freiburg"  # Atom, <em> dropped
    assert titles[1].startswith("Hamburger Hafen")
    # The Rentenpaket link is in both feeds: listed once.
    assert sum(item.path.endswith("rentenpaket.html") for item in session.items) == 1
    dates = [item.published for item in session.items if item.published]
    assert dates == sorted(dates, reverse=True)


def test_not_a_feed(tmp_path: Path) -> None:
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed((FIXTURES / "rentenpaket.html").read_bytes(), location="seite.html")
    broken = tmp_path / "kaputt.rss"
    broken.write_text("<rss><channel><item><title>Halb")
    with pytest.raises(ArticleError, match="a broken feed"):
        FeedSession.of_files([str(broken)])


def test_a_feed_link_becomes_a_session_and_refreshes_with_its_etag(
    server: NewsServer, tmp_path: Path
) -> None:
    url = server.url("/etag/feed-inland.xml")
    session = open_link(url)
    assert isinstance(session, FeedSession)
    assert len(session.items) == 4
    assert session.items[0].path == server.url("/page/hafenstreik.html")
    before = len(server.headers_seen)
    found = session.refresh()
    assert not found.errors
    assert server.headers_seen[before].get("If-None-Match") == '"v1"'  # answered 304
    session.apply(found)
    assert len(session.items) == 4
    assert session.notice is None


def test_a_failing_feed_keeps_its_items_and_says_why(server: NewsServer, tmp_path: Path) -> None:
    good = server.url("/feed/feed-inland.xml")
    session = FeedSession.of_documents([good], {})
    session.apply(session.refresh())
    assert len(session.items) == 4
    session.locations.append(server.url("/status/500"))
    session.locations.append(server.url("/page/rentenpaket.html"))
    found = session.refresh()
    session.apply(found)
    assert len(session.items) == 4
    errors = list(found.errors.values())
    assert len(errors) == 2
    assert "HTTP 500" in errors[0] and "not a feed" in errors[1]


def test_read_marks_survive_a_restart(tmp_path: Path) -> None:
    marks = ReadMarks(tmp_path / "read.json")
    session = FeedSession.of_files([str(feed_file(tmp_path, "feed-inland.xml"))], marks=marks)
    session.mark_read(session.items[1])
    again = FeedSession.of_files(
        [str(feed_file(tmp_path, "feed-inland.xml"))], marks=ReadMarks(tmp_path / "read.json")
    )
    assert [item.read for item in again.items] == [False, True, False, False]


def test_subscriptions_are_added_to_the_config_file(online_and_own_config: Path) -> None:
    config = online_and_own_config
    config.parent.mkdir(parents=True)
    config.write_text(
        '# mein reader\nlibrary = "~/Nachrichten"\n\n[ui]\ntheme = "dark"\n', encoding="utf-8"
    )
    assert subscribe(["https://a.example/feed", "https://b.example/rss"]) == [
        "https://a.example/feed",
        "https://b.example/rss",
    ]
    assert subscribe(["https://a.example/feed", "https://c.example/atom"]) == [
        "https://c.example/atom"
    ]
    text = config.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["library"] == "~/Nachrichten" and data["ui"] == {"theme": "dark"}
    assert data["feeds"] == [
        "https://a.example/feed",
        "https://b.example/rss",
        "https://c.example/atom",
    ]
    assert text.startswith("# mein reader\n")
    assert subscribed() == data["feeds"]


def test_a_feeds_array_with_comments_and_brackets_is_rewritten(
    online_and_own_config: Path,
) -> None:
    config = online_and_own_config
    config.parent.mkdir(parents=True)
    config.write_text(
        'feeds = [ # meine Abos ]\n  "https://a.example/feed?x=[1]",\n]\nlibrary = "x"\n',
        encoding="utf-8",
    )
    subscribe(["https://b.example/feed"])
    data = tomllib.loads(config.read_text(encoding="utf-8"))
    assert data == {
        "feeds": ["https://a.example/feed?x=[1]", "https://b.example/feed"],
        "library": "x",
    }


def test_a_config_that_is_no_toml_is_left_alone(online_and_own_config: Path) -> None:
    config = online_and_own_config
    config.parent.mkdir(parents=True)
    config.write_text("feeds = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        subscribe(["https://b.example/feed"])
    assert config.read_text(encoding="utf-8") == "feeds = [\n"


def test_opml_import(online_and_own_config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert opml_feeds(FIXTURES / "abos.opml") == [
        "https://nachrichten.example/inland/index~rss2.xml",
        "https://nachrichten.example/wirtschaft/index~rss2.xml",
        "https://sport.example/feed.atom",
    ]
    assert main(["feeds", "import", str(FIXTURES / "abos.opml")]) == 0
    assert "3 feeds added" in capsys.readouterr().out
    assert len(subscribed()) == 3
    assert main(["feeds", "import", str(FIXTURES / "rentenpaket.html")]) == 2
    assert "not an OPML file" in capsys.readouterr().err


def test_feeds_command_without_subscriptions_explains(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["feeds"]) == 2
    err = capsys.readouterr().err
    assert "no feeds yet" in err and "reader feeds add URL" in err
    assert main(["feeds", "add", "keine-url"]) == 2
    assert "not an http(s) link" in capsys.readouterr().err


def test_feeds_list_touches_no_network(
    server: NewsServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.url("/feed/feed-sport.atom")
    assert main(["feeds", "add", url]) == 0
    hits = sum(server.hits.values())
    assert main(["feeds", "list"]) == 0
    assert f"{url}  (fetched: never)" in capsys.readouterr().out
    session = FeedSession.of_subscriptions(subscribed())
    assert session.items == [] and session.never_fetched == [url]
    assert sum(server.hits.values()) == hits
