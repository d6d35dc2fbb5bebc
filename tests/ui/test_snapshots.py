"""What the screen shows: snapshots of the article screen, help and a selected entity.

Refresh with `pytest tests/ui/test_snapshots.py --snapshot-update` only after reading the
report that a failing run writes (snapshot_report.html).
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from reader.source import decode
from reader.ui.app import ReaderApp
from tests.ui.fake_analysis import fake_analyze, make_app

SIZE = (110, 34)


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_article_screen(snap_compare, seed_path: Path) -> None:
    assert snap_compare(make_app(seed_path), terminal_size=SIZE, run_before=settle)


def test_help_screen(snap_compare, seed_path: Path) -> None:
    async def open_help(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")

    assert snap_compare(make_app(seed_path), terminal_size=SIZE, run_before=open_help)


def test_entity_selected_highlights_mentions(snap_compare, seed_path: Path) -> None:
    async def select(pilot) -> None:
        await settle(pilot)
        await pilot.press("tab", "enter", "tab", "n")
        await pilot.pause()

    assert snap_compare(make_app(seed_path), terminal_size=SIZE, run_before=select)


def test_collapsed_sections(snap_compare, seed_path: Path) -> None:
    async def collapse(pilot) -> None:
        await settle(pilot)
        await pilot.press("e")

    assert snap_compare(make_app(seed_path), terminal_size=SIZE, run_before=collapse)


def test_markup_and_escapes_are_literal(snap_compare) -> None:
    text = (
        "date 2024-01-01 [bold red]Keine Farbe[/] und [@click=app.quit]kein Klick[/]\n\n"
        "Ein Absatz mit \x1b[31mANSI\x1b[0m, [link=https://example.org]Link[/link]"
        " und\x07 Glocke.\n"
    )
    app = ReaderApp(decode(text.encode(), "markup.txt"), analyzer=fake_analyze)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_library_screen(snap_compare, tmp_path: Path, seed_text: str) -> None:
    from reader.library import open_library

    (tmp_path / "seed.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "date 2024-06-01 Putin in Moskau\n\nWladimir Putin sprach in Moskau.\n", encoding="utf-8"
    )
    app = ReaderApp(library=open_library(tmp_path), analyzer=fake_analyze)

    async def analysed(pilot: Pilot) -> None:
        await settle(pilot)
        for _ in range(100):  # until every row has its people and the progress bar is gone
            if not pilot.app.screen.query_one("#library-progress").display:
                break
            await pilot.pause(0.02)

    assert snap_compare(app, terminal_size=SIZE, run_before=analysed)
