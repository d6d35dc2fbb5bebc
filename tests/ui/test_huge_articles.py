"""Huge and odd articles open, paint their first screen and keep answering keys."""

from __future__ import annotations

import pytest

from reader.source import decode
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView
from tests.ui.fake_analysis import fake_analyze

BODIES = {
    "one 3 MB paragraph": "Wort " * 600_000,
    "100,000 short lines": "\n".join(f"Zeile {i}" for i in range(100_000)),
    "a 1 MB line without spaces": "x" * 1_000_000,
    "title only": "",
    "headings without paragraphs": "\n\n".join(f"Titel Nummer {i}" for i in range(500)),
}


@pytest.mark.parametrize("name", list(BODIES))
async def test_opens_and_stays_responsive(name: str) -> None:
    text = f"date 2024-01-01 Ein Test: {name}\n\n{BODIES[name]}"
    app = ReaderApp(decode(text.encode(), "huge.txt"), analyzer=fake_analyze)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.rows, "the first screen is laid out"
        assert name in view.render_line(0).text or name in view.render_line(1).text
        await pilot.press("space", "G", "g", "right_square_bracket", "e", "E")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.complete
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y


async def test_toggling_a_section_deep_in_a_big_article_keeps_the_place() -> None:
    sections = "\n\n".join(f"Abschnitt {i}\n\n" + "Ein Satz mit Wörtern. " * 150 for i in range(80))
    text = f"date 2024-01-01 Groß\n\n{sections}"
    app = ReaderApp(decode(text.encode(), "big.txt"), analyzer=fake_analyze)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        await pilot.press("G", "left_square_bracket")
        section = view.cursor_section
        assert section > 70
        await pilot.press("enter")
        await pilot.pause()
        assert view.collapsed == {section}
        assert view.heading_row(section) is not None
        top = int(view.scroll_y)
        assert top <= view.heading_row(section) < top + view.scrollable_content_region.height
