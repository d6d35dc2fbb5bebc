"""The library screen, the People view, next/previous article and restored positions."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList

from reader.library import open_library
from reader.source import read_source
from reader.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.screens.article import ArticleScreen
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.people import PeopleScreen
from reader.ui.widgets.article_view import ArticleView
from tests.ui.fake_analysis import fake_analyze

SIZE = (120, 36)


@pytest.fixture
def folder(tmp_path: Path, seed_text: str) -> Path:
    library = tmp_path / "library"
    library.mkdir()
    (library / "seed.txt").write_text(seed_text, encoding="utf-8")
    (library / "older.txt").write_text(
        "date 2024-06-01 Putin in Moskau\n\nWladimir Putin sprach in Moskau.\n\n"
        "Ein Abschnitt\n\nDonald Trump antwortete aus der Ferne.\n",
        encoding="utf-8",
    )
    (library / "undated.txt").write_text("Ohne Datum\n\nNato-Treffen ohne Trump.\n")
    return library


def make_app(folder: Path, state: StateStore | None = None) -> ReaderApp:
    return ReaderApp(library=open_library(folder), analyzer=fake_analyze, state=state)


async def analysed(pilot: Pilot) -> LibraryScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LibraryScreen)
    return screen


async def test_table_lists_articles_newest_first_with_people(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        screen = await analysed(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == 3
        titles = [str(table.get_row_at(i)[1]) for i in range(3)]
        assert titles[0].startswith("Trumps Nato-Wende") and titles[1] == "Putin in Moskau"
        assert "Donald Trump" in str(table.get_row_at(0)[3])


async def test_filter_enter_opens_escape_returns(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        screen = await analysed(pilot)
        await pilot.press("slash", *"moskau")
        assert screen.query_one(DataTable).row_count >= 1
        await pilot.press("enter", "enter")
        await pilot.pause()
        article = pilot.app.screen
        assert isinstance(article, ArticleScreen)
        assert article.article.title in ("Putin in Moskau", screen.infos[0].title)
        await pilot.press("escape")
        assert pilot.app.screen is screen


async def test_next_and_previous_article(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await analysed(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen.article.title.startswith("Trumps")
        await pilot.press("right_parenthesis")
        await pilot.pause()
        assert pilot.app.screen.article.title == "Putin in Moskau"
        await pilot.press("left_parenthesis")
        await pilot.pause()
        assert pilot.app.screen.article.title.startswith("Trumps")
        assert len(pilot.app.screen_stack) == 2  # library, article


async def test_people_view_opens_article_at_first_mention(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await analysed(pilot)
        await pilot.press("p")
        people_screen = pilot.app.screen
        assert isinstance(people_screen, PeopleScreen)
        assert people_screen.people[0].name == "Donald Trump"
        assert len(people_screen.people[0].appearances) == 3
        await pilot.press("enter")  # Donald Trump -> his articles
        await pilot.press("down", "enter")  # the second article he appears in
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        article = pilot.app.screen
        assert isinstance(article, ArticleScreen) and article.article.title == "Putin in Moskau"
        assert article.target is not None and article.target.label == "Donald Trump"
        assert article.target_index == 0


async def test_position_and_collapsed_sections_are_restored(
    seed_path: Path, tmp_path: Path
) -> None:
    state = StateStore(tmp_path / "state.json")
    app = ReaderApp(read_source(seed_path), analyzer=fake_analyze, state=state)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.press("o", "tab", "enter")  # collapse section 2, select the top person
        await pilot.press("tab", "space")
        top = pilot.app.screen.query_one(ArticleView).offset_at_top()
        await pilot.press("q")
    again = ReaderApp(read_source(seed_path), analyzer=fake_analyze, state=StateStore(state.path))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        view = screen.query_one(ArticleView)
        assert view.collapsed == {2}
        assert view.offset_at_top() == top
        assert screen.target is not None and screen.target.label == "Donald Trump"


async def test_entity_list_still_works_in_people_view_without_people(tmp_path: Path) -> None:
    folder = tmp_path / "empty-people"
    folder.mkdir()
    (folder / "a.txt").write_text("date 2024-01-01 Wetter\n\nEs regnet.\n", encoding="utf-8")
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await analysed(pilot)
        await pilot.press("p")
        people = pilot.app.screen.query_one("#people-list", OptionList)
        assert people.option_count == 1 and people.get_option_at_index(0).disabled
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, LibraryScreen)
