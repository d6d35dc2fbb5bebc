"""`q` during a library analysis: the app is gone within a second, its worker with it, and the
processes it analysed in too."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

from textual.pilot import Pilot

from reader.library import open_library
from reader.ui.app import ReaderApp
from reader.ui.screens.library import LibraryScreen
from tests.ui.fake_analysis import fake_analyze, fake_processes, slow_batches

ARTICLES = 450


def _library(folder: Path, articles: int) -> None:
    for number in range(articles):
        (folder / f"{number:03}.txt").write_text(
            f"date 2024-01-01 Artikel {number}\n\nWladimir Putin sprach in Moskau.\n",
            encoding="utf-8",
        )


def test_q_returns_within_a_second_while_the_library_is_analysed(tmp_path: Path) -> None:
    _library(tmp_path, ARTICLES)
    app = ReaderApp(library=open_library(tmp_path), analyzer=fake_analyze)
    # A chunk of 64 articles takes 3.2 s: a worker that waited for its chunk would be late.
    app.analyze_many = slow_batches(0.05)
    threads_before = set(threading.enumerate())
    pressed: list[float] = []

    async def quit_while_analysing(pilot: Pilot[None]) -> None:
        await pilot.pause(0.5)  # the worker is inside its first chunk
        pressed.append(time.monotonic())
        await pilot.press("q")

    # app.run, not run_test: it returns only when the worker thread has ended too.
    app.run(headless=True, size=(120, 36), auto_pilot=quit_while_analysing)
    elapsed = time.monotonic() - pressed[0]
    assert elapsed < 1.0, f"q took {elapsed:.2f} s"
    assert set(threading.enumerate()) <= threads_before
    assert not multiprocessing.active_children()


def test_q_ends_the_analysis_processes_within_a_second(tmp_path: Path) -> None:
    _library(tmp_path, 60)
    app = ReaderApp(library=open_library(tmp_path), analyzer=fake_analyze)
    # Two real processes at 0.3 s an article: at q, both are inside one, more are queued.
    app.analyze_parallel = fake_processes(jobs=2, seconds=0.3)
    threads_before = set(threading.enumerate())
    pressed: list[float] = []
    seen: dict[str, int] = {}

    async def quit_while_analysing(pilot: Pilot[None]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, LibraryScreen)
        deadline = time.monotonic() + 30  # spawning on a loaded machine
        while screen.done < 4 and time.monotonic() < deadline:
            await pilot.pause(0.05)
        seen["done"] = screen.done
        seen["processes"] = len(multiprocessing.active_children())
        pressed.append(time.monotonic())
        await pilot.press("q")

    app.run(headless=True, size=(120, 36), auto_pilot=quit_while_analysing)
    elapsed = time.monotonic() - pressed[0]
    assert seen["done"] >= 4 and seen["processes"] == 2, seen
    assert seen["done"] < 60  # q came in the middle
    assert elapsed < 1.0, f"q took {elapsed:.2f} s"
    assert not multiprocessing.active_children()
    assert set(threading.enumerate()) <= threads_before
