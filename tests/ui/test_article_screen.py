"""Driving the article screen with the Pilot, as a user would."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from reader.source import decode
from reader.ui.app import ReaderApp
from reader.ui.screens.article import ArticleScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.article_view import ArticleView
from tests.ui.fake_analysis import fake_analyze, make_app

SIZE = (120, 36)


async def ready(pilot) -> ArticleScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ArticleScreen)
    return screen


def screen_text(view: ArticleView) -> str:
    """The rows the view currently shows, as plain text."""
    height = view.scrollable_content_region.height
    return "\n".join(view.render_line(y).text for y in range(height))


async def test_title_date_and_sections_shown(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        shown = screen_text(view)
        assert "Trumps Nato-Wende" in shown and "22. Oktober 2025" in shown
        assert view.section_count == 5 and not view.collapsed
        kinds = {row.kind for row in view.rows}
        assert {"title", "date", "heading", "paragraph", "caption", "video"} <= kinds
        caption = next(i for i, r in enumerate(view.rows) if r.kind == "caption")
        view.scroll_to(y=caption, animate=False)
        await pilot.pause()
        assert screen_text(view).splitlines()[0].strip().startswith("▣ 1/6 Donald Trump")


async def test_next_and_previous_section(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("right_square_bracket")
        assert view.scroll_y == view.heading_row(0) and view.cursor_section == 0
        await pilot.press("right_square_bracket")
        assert view.scroll_y == view.heading_row(1) and view.cursor_section == 1
        assert screen_text(view).splitlines()[0].strip() == "▼ Die Lehre aus Kiew"
        await pilot.press("left_square_bracket")
        assert view.scroll_y == view.heading_row(0)


async def test_collapse_expand_and_toggle(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        rows = len(view.rows)
        await pilot.press("e")
        assert view.collapsed == set(range(5)) and len(view.rows) < rows
        await pilot.press("E")
        assert not view.collapsed and len(view.rows) == rows
        await pilot.press("right_square_bracket", "right_square_bracket", "o")
        assert view.collapsed == {1}
        assert screen_text(view).splitlines()[0].strip() == "▶ Die Lehre aus Kiew"
        await pilot.press("enter")
        assert not view.collapsed


async def test_click_on_heading_toggles(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("right_square_bracket")
        await pilot.click(ArticleView, offset=(5, 0))
        assert view.collapsed == {0}


async def test_scroll_keys(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("j", "j")
        assert view.scroll_y == 2
        await pilot.press("k")
        assert view.scroll_y == 1
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y > 0
        await pilot.press("g")
        assert view.scroll_y == 0
        await pilot.press("space")
        assert view.scroll_y > 10
        await pilot.press("b")
        assert view.scroll_y == 0


async def test_sidebar_toggle_and_focus_switch(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        sidebar = screen.query_one("#sidebar")
        await pilot.press("tab")
        assert isinstance(screen.focused, OptionList)
        await pilot.press("tab")
        assert isinstance(screen.focused, ArticleView)
        await pilot.press("s")
        assert not sidebar.display
        await pilot.press("s")
        assert sidebar.display


async def test_help_screen(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ArticleScreen)


async def test_select_entity_and_cycle_mentions(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("tab", "enter")  # the first row: the most-mentioned person
        await pilot.pause()
        assert screen.target is not None and screen.target.entity_id == "e1"
        count = len(screen.target.spans)
        status = screen.query_one("#status", Static)
        assert f"1/{count}" in str(status.render())
        await pilot.press("tab", "n", "n")
        assert f"3/{count}" in str(status.render())
        await pilot.press("N", "N", "N")
        assert f"{count}/{count}" in str(status.render())  # wraps around
        await pilot.press("escape")
        assert screen.target is None


async def test_entity_filter(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.query_one("#entity-filter").focus()
        await pilot.press(*"selensk")
        ids = [o.id for o in screen.query_one("#entity-list", OptionList).options if o.id]
        assert ids == ["e3"]


async def test_quote_jumps(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.analysis is not None
        await pilot.press("greater_than_sign")
        assert screen.quote_index == 0
        await pilot.press("greater_than_sign", "greater_than_sign")
        assert screen.quote_index == 2
        await pilot.press("less_than_sign", "less_than_sign", "less_than_sign")
        assert screen.quote_index == len(screen.analysis.quotes) - 1


async def test_markup_in_article_is_shown_literally() -> None:
    text = (
        "date 2024-01-01 [bold]Kein Fett[/bold] [@click=app.quit]klick[/]\n\n"
        "Ein Absatz mit [link=http://x]Link[/link] und \x1b[31mrot\x1b[0m.\n"
    )
    app = ReaderApp(decode(text.encode(), "markup.txt"), analyzer=fake_analyze)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        shown = screen_text(screen.query_one(ArticleView))
        assert "[bold]Kein Fett[/bold]" in shown and "[@click=app.quit]" in shown
        assert "[link=http://x]Link[/link]" in shown
        assert "\x1b" not in shown and "␛[31m" in shown
        await pilot.click(ArticleView, offset=(10, 0))
        assert pilot.app.is_running


async def test_selecting_a_person_lists_their_quotes(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        quotes = screen.query_one("#quotes", OptionList)
        everyone = quotes.option_count
        await pilot.press("tab", "enter")
        assert quotes.option_count == 1 < everyone
        await pilot.press("tab", "escape")
        assert quotes.option_count == everyone


async def test_hovering_a_quote_names_its_speaker(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        quote = screen.analysis.quotes[0]
        row = view.row_of(quote.start)
        column = quote.start - view.rows[row].start
        margin = (view.scrollable_content_region.width - view.text_width) // 2
        await pilot.hover(ArticleView, offset=(margin + column + 1, row))
        assert view.tooltip is not None and "Donald Trump said" in str(view.tooltip)


async def test_command_palette_lists_the_screen_keys(seed_path: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        commands = {command.title for command in pilot.app.get_system_commands(screen)}
        for description in ("Next section", "Next quote", "Next mention", "Search", "Sidebar"):
            assert description in commands
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"collapse all", "enter")
        await pilot.pause()
        assert screen.query_one(ArticleView).collapsed == set(range(5))


async def test_markup_in_search_hits_and_status_is_literal() -> None:
    text = "date 2024-01-01 Titel\n\n[/] Das ist kaputt und [bold]sehr[/bold] teuer.\tTab.\n"
    app = ReaderApp(decode(text.encode(), "markup.txt"), analyzer=fake_analyze)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"kaputt", "enter")
        await pilot.pause()
        assert pilot.app.is_running and pilot.app.screen is screen
        assert "[/] Das ist kaputt" in str(screen.query_one("#status", Static).render())
        assert "\t" not in screen_text(screen.query_one(ArticleView))
