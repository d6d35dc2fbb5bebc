"""`/` search: live results, enter jumps, n/N walk the mentions, escape goes back."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from reader.model import Analysis
from reader.source import Source
from reader.ui.screens.article import ArticleScreen
from reader.ui.screens.search import SearchModal
from reader.ui.widgets.article_view import ArticleView
from tests.ui.test_article_screen import SIZE, make_app, ready


async def test_search_jumps_to_a_person_and_walks_mentions(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash")
        assert isinstance(pilot.app.screen, SearchModal)
        await pilot.press(*"selensky")
        await pilot.pause()
        results = pilot.app.screen.query_one("#search-results", OptionList)
        assert results.option_count >= 1
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.target is not None and screen.target.entity_id == "e3"
        status = screen.query_one("#status", Static)
        count = len(screen.target.spans)
        assert f"1/{count}" in str(status.render())
        await pilot.press("n")
        assert f"{min(2, count)}/{count}" in str(status.render())
        await pilot.press("N")
        assert f"1/{count}" in str(status.render())


async def test_search_for_a_quote_fragment_scrolls_to_it(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("slash", *"Langstreckenrakten")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.target is not None
        start, end = screen.target.spans[0]
        assert "Langstreckenraketen" in screen.article.text[start:end]
        assert view.scroll_y > 0
        row = view.row_of(start)
        assert view.scroll_y <= row < view.scroll_y + view.scrollable_content_region.height


async def test_escape_returns_to_where_the_reader_was(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("space")
        before = view.scroll_y
        await pilot.press("slash", *"putin")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ArticleScreen)
        assert view.scroll_y == before and screen.target is None


async def test_empty_and_punctuation_queries_show_nothing(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", "space", "full_stop", "comma")
        await pilot.pause()
        results = pilot.app.screen.query_one("#search-results", OptionList)
        assert results.option_count == 0
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, SearchModal)


async def test_the_index_is_built_once_in_the_worker(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader import search
    from reader.source import read_source
    from reader.ui.app import ReaderApp
    from tests.ui.fake_analysis import fake_analyze

    built: list[threading.Thread] = []
    original = search.SearchIndex.from_analysis

    def counted(analysis: Analysis) -> search.SearchIndex:
        built.append(threading.current_thread())
        return original(analysis)

    monkeypatch.setattr(search.SearchIndex, "from_analysis", staticmethod(counted))
    release = threading.Event()

    def slow_analyze(source: Source) -> Analysis:
        release.wait(30)
        return fake_analyze(source)

    app = ReaderApp(read_source(seed_path), analyzer=slow_analyze)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")  # before the analysis: a note, no modal
        assert isinstance(app.screen, ArticleScreen)
        assert any("Still analysing" in str(n.message) for n in app._notifications)
        release.set()
        screen = await ready(pilot)
        assert screen.search_index is not None
        for _ in range(2):
            await pilot.press("slash")
            assert isinstance(app.screen, SearchModal)
            assert app.screen.index is screen.search_index
            await pilot.press("escape")
            await pilot.pause()
    assert len(built) == 1 and built[0] is not threading.main_thread()
