"""The feed library as a user drives it: enter fetches and opens an item, r refreshes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from reader.analysis import Analysis, Entity, Mention
from reader.article import parse_article
from reader.source import Source
from reader.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.screens.article import ArticleScreen
from reader.ui.screens.feeds import FeedScreen
from reader.web.readmarks import ReadMarks
from reader.web.session import FeedSession
from reader.web.sources import open_link
from tests.web.server import FIXTURES, NewsServer

SIZE = (150, 30)
PEOPLE = re.compile(r"\b(?:Helga Brandstetter|Jens Hallmann|Dörte Lindqvist|Henning Voss)\b")


def name_analyze(source: Source) -> Analysis:
    """People by name, so that the test does not depend on the trained model."""
    entities: dict[str, Entity] = {}
    for match in PEOPLE.finditer(source.text):
        entity = entities.setdefault(
            match.group(), Entity(f"e{len(entities) + 1}", match.group(), "PER")
        )
        entity.mentions.append(Mention(match.start(), match.end(), match.group()))
    return Analysis(source.path, parse_article(source.text), list(entities.values()))


@pytest.fixture(scope="module")
def server() -> Iterator[NewsServer]:
    with NewsServer() as running:
        yield running


@pytest.fixture(autouse=True)
def online(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READER_OFFLINE", raising=False)


def make_app(session: FeedSession, tmp_path: Path) -> ReaderApp:
    state = StateStore(tmp_path / "state.json")
    return ReaderApp(feeds=session, analyzer=name_analyze, state=state)


def rows(pilot: Pilot) -> list[list[str]]:
    table = pilot.app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def settled(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_enter_fetches_opens_and_marks_the_item(server: NewsServer, tmp_path: Path) -> None:
    session = open_link(server.url("/feed/feed-inland.xml"))
    assert isinstance(session, FeedSession)
    session.marks = ReadMarks(tmp_path / "read.json")
    async with make_app(session, tmp_path).run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert isinstance(pilot.app.screen, FeedScreen)
        shown = rows(pilot)
        assert [row[2] for row in shown][:2] == [
            "Hamburger Hafen: Streik legt Containerterminals lahm",
            "Rentenpaket: Bundestag stimmt nach langem Streit zu",
        ]
        assert shown[0][0] == "●" and shown[0][3] == "nachrichten.example – Inland"
        assert shown[0][4] == ""  # not fetched: nobody known yet
        await pilot.press("enter")
        await settled(pilot)
        article = pilot.app.screen
        assert isinstance(article, ArticleScreen)
        assert article.article.title == "Hamburger Hafen: Streik legt Containerterminals lahm"
        assert "Wochenblatt · Jonas Petersen; Merle Ahrens" in article.sub_title
        assert server.hits["/page/hafenstreik.html"] >= 1
        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(pilot.app.screen, FeedScreen)
        first = rows(pilot)[0]
        assert first[0] == ""  # read
        assert "Dörte Lindqvist" in first[4] and "Henning Voss" in first[4]
    assert f"{server.base}/page/hafenstreik.html" in ReadMarks(tmp_path / "read.json")


async def test_a_broken_item_says_why_and_stays_in_the_list(
    server: NewsServer, tmp_path: Path
) -> None:
    session = open_link(server.url("/feed/feed-inland.xml"))
    assert isinstance(session, FeedSession)
    async with make_app(session, tmp_path).run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("down", "down", "down", "enter")  # the last item links to a 404
        await settled(pilot)
        assert isinstance(pilot.app.screen, FeedScreen)
        messages = [str(n.message) for n in pilot.app._notifications]
        assert any("HTTP 404 Not Found" in message for message in messages)
        assert rows(pilot)[3][4] == "HTTP 404 Not Found"


async def test_r_refreshes_a_feed_file(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    text = (FIXTURES / "feed-inland.xml").read_text(encoding="utf-8")
    first_two = re.sub(r"(?s)<item>\s*<title>&lt;b&gt;.*</channel>", "</channel>", text)
    feed.write_text(first_two.replace("{{BASE}}", "http://127.0.0.1:9"), encoding="utf-8")
    session = FeedSession.of_files([str(feed)], marks=ReadMarks(tmp_path / "read.json"))
    async with make_app(session, tmp_path).run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert len(rows(pilot)) == 2
        feed.write_text(text.replace("{{BASE}}", "http://127.0.0.1:9"), encoding="utf-8")
        await pilot.press("r")
        await settled(pilot)
        assert len(rows(pilot)) == 4
        assert pilot.app.screen.sub_title == "4 items · 1 feed"


async def test_r_refreshes_a_feed_link_with_its_etag(server: NewsServer, tmp_path: Path) -> None:
    url = server.url("/etag/feed-sport.atom")
    session = open_link(url)
    assert isinstance(session, FeedSession)
    async with make_app(session, tmp_path).run_test(size=SIZE) as pilot:
        await settled(pilot)
        before = len(server.headers_seen)
        await pilot.press("r")
        await settled(pilot)
        assert server.headers_seen[before].get("If-None-Match") == '"v1"'
        assert len(rows(pilot)) == 2
        status = str(pilot.app.screen.query_one("#library-status", Static).render())
        assert "2 items" in status and "r: refresh" in status


async def test_offline_enter_on_an_unfetched_item_is_refused(
    server: NewsServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_link(server.url("/feed/feed-sport.atom"))
    assert isinstance(session, FeedSession)
    monkeypatch.setenv("READER_OFFLINE", "1")
    async with make_app(session, tmp_path).run_test(size=SIZE) as pilot:
        await settled(pilot)
        hits = sum(server.hits.values())
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, FeedScreen)
        messages = [str(n.message) for n in pilot.app._notifications]
        assert any("offline, and never fetched before" in message for message in messages)
        assert sum(server.hits.values()) == hits
