"""A [keymap] in the config file changes the app's keys, in the help and the palette too."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ui.keys import binding_ids
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.article_view import ArticleView
from tests.ui.fake_analysis import make_app
from tests.ui.test_article_screen import SIZE, ready

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("READER_CONFIG", str(path))
    return path


async def test_a_keymap_moves_a_binding_to_another_key(seed_path: Path, config: Path) -> None:
    config.write_text('[keymap]\narticle-next-section = "l"\n', encoding="utf-8")
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("right_square_bracket")  # the default key no longer moves
        assert view.scroll_y == 0 and view.cursor_section == -1
        await pilot.press("l")
        assert view.scroll_y == view.heading_row(0) and view.cursor_section == 0
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        rows = list(zip(*(column.cells for column in pilot.app.screen.table.columns), strict=True))
        assert ("l", "Next section") in rows


async def test_without_a_keymap_the_default_keys_stay(seed_path: Path, config: Path) -> None:
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("l")
        assert view.cursor_section == -1
        await pilot.press("right_square_bracket")
        assert view.cursor_section == 0


async def test_an_unknown_binding_id_is_named(seed_path: Path, config: Path) -> None:
    config.write_text('[keymap]\narticle-next-sektion = "l"\n', encoding="utf-8")
    async with make_app(seed_path).run_test(size=SIZE) as pilot:
        await ready(pilot)
        messages = [n.message for n in pilot.app._notifications]
        assert any("article-next-sektion" in message for message in messages)


def test_docs_list_every_binding_id() -> None:
    docs = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    keys = docs[docs.index("## Keys") :]
    listed = {line.split("`")[1] for line in keys.splitlines() if line.startswith("| `")}
    assert listed == set(binding_ids())
