"""Hostile input in the app: invisible characters, files the library skips, huge articles."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable, ProgressBar, Static

from reader.analysis import Analysis
from reader.library import open_library
from reader.source import Source, decode
from reader.ui.app import ReaderApp
from reader.ui.screens.library import LibraryScreen
from reader.ui.widgets.article_view import ArticleView
from tests.ui.fake_analysis import fake_analyze

SIZE = (120, 36)
INVISIBLE = "\u202e\u2066\u200b\u200d\u2060\ufeff"


async def test_direction_overrides_and_zero_width_characters_are_shown_as_marks() -> None:
    text = (
        f"date 2024-01-01 Titel{INVISIBLE}txt.exe\n\n"
        f"Donald Trump sagte{INVISIBLE}: «Alles gut{INVISIBLE} hier.»\n"
    )
    app = ReaderApp(decode(text.encode(), "a.txt"), analyzer=fake_analyze)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        shown = "\n".join(view.render_line(y).text for y in range(8))
        assert "Titel" in shown and "Alles gut" in shown
        for char in INVISIBLE:
            assert char not in shown, f"U+{ord(char):04X} reached the screen"
        assert "txt.exe" in shown
        title = app.screen.title or ""
        assert "txt.exe" in title and not any(char in title for char in INVISIBLE)


@pytest.fixture
def odd_folder(tmp_path: Path) -> Path:
    (tmp_path / "gut.txt").write_text("date 2024-01-01 Gut\n\nDonald Trump kam.", encoding="utf-8")
    (tmp_path / "kreis.txt").symlink_to(tmp_path / "kreis.txt")
    (tmp_path / "weg.txt").symlink_to(tmp_path / "gibt-es-nicht.txt")
    os.mkfifo(tmp_path / "rohr.txt")
    return tmp_path


async def test_the_library_shows_the_files_it_skipped_and_why(odd_folder: Path) -> None:
    app = ReaderApp(library=open_library(odd_folder), analyzer=fake_analyze)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        rows = {str(table.get_row_at(i)[1]): str(table.get_row_at(i)[3]) for i in range(4)}
        assert rows["Gut"] == "Donald Trump"
        assert rows["kreis.txt"] == "skipped: a symlink loop"
        assert rows["weg.txt"] == "skipped: a dangling link"
        assert rows["rohr.txt"] == "skipped: a FIFO, not a file"
        status = str(app.screen.query_one("#library-status", Static).render())
        assert "1 article analysed" in status and "3 files skipped" in status


@pytest.fixture
def folder_with_a_big_article(tmp_path: Path) -> Path:
    (tmp_path / "gross.txt").write_text(
        "date 2024-12-31 Der lange Bericht\n\n" + "Donald Trump redet. " * 200, encoding="utf-8"
    )
    for day in range(1, 4):
        (tmp_path / f"klein{day}.txt").write_text(
            f"date 2024-01-0{day} Kurz {day}\n\nWladimir Putin schweigt.", encoding="utf-8"
        )
    return tmp_path


async def test_big_articles_come_last_with_progress_inside(
    folder_with_a_big_article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.ui.screens import library as library_screen

    monkeypatch.setattr(library_screen, "BIG_ARTICLE", 1000)
    order: list[str] = []
    halfway, release = threading.Event(), threading.Event()

    def analyze_many(sources: Iterable[Source], progress=None) -> Iterator[Analysis]:
        for source in sources:
            order.append(Path(source.path).name)
            # spaCy is half through the big article (progress is passed for every stream: the
            # worker stops through it; only the big one shows it)
            if progress is not None and len(source.text) > 1000:
                progress(len(source.text) // 2)
                halfway.set()
                release.wait(30)
            yield fake_analyze(source)

    app = ReaderApp(library=open_library(folder_with_a_big_article), analyzer=fake_analyze)
    app.analyze_many = analyze_many
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(100):
            if halfway.is_set():
                break
            await pilot.pause(0.05)
        assert halfway.is_set()
        await pilot.pause(0.3)  # progress reaches the screen at most every POST_INTERVAL
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        bar = screen.query_one(ProgressBar)
        assert bar.total == 4 and 3.3 <= bar.progress <= 3.7
        status = str(screen.query_one("#library-status", Static).render())
        assert "Der lange Bericht" in status and "%" in status
        await pilot.press("slash", *"kurz")  # the app answers keys meanwhile
        assert screen.query_one(DataTable).row_count == 3
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert bar.progress == 4
    assert order[-1] == "gross.txt" and sorted(order[:-1]) == [
        "klein1.txt",
        "klein2.txt",
        "klein3.txt",
    ]
