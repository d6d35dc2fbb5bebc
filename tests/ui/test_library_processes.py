"""The library analysed in several processes: the same table as in one, and no process left."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.library import open_library
from reader.source import read_source
from reader.ui.app import ReaderApp
from reader.ui.screens.library import LibraryScreen
from tests.seed_cuts import SEED, cut_seed
from tests.ui.fake_analysis import fake_analyze, fake_processes

SIZE = (120, 36)


def _folder(tmp_path: Path, articles: int) -> Path:
    folder = tmp_path / "library"
    cut_seed(folder, articles)
    return folder


async def _table(app: ReaderApp) -> list[dict[str, object]]:
    """Every row's analysis once the library is analysed (none missing)."""
    async with app.run_test(size=SIZE) as pilot:
        await _analysed(pilot)
        assert isinstance(app.library, list)
        analyses = [info.analysis for info in app.library]
        assert all(analysis is not None for analysis in analyses), [i.error for i in app.library]
        return [analysis.to_dict() for analysis in analyses if analysis is not None]


async def _analysed(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LibraryScreen) and screen.done == len(screen.infos)


async def test_processes_fill_the_table_as_this_process_does(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 6)
    here = await _table(ReaderApp(library=open_library(folder), analyzer=fake_analyze))
    app = ReaderApp(library=open_library(folder), analyzer=fake_analyze)
    app.analyze_parallel = analyzer = fake_processes(jobs=2)
    assert await _table(app) == here
    assert analyzer.starts == 1
    assert not multiprocessing.active_children()  # the app's end stopped them
    with pytest.raises(RuntimeError):  # and they are not started again
        list(analyzer([read_source(str(folder / "0.txt"))]))


async def test_one_job_starts_no_process(tmp_path: Path) -> None:
    app = ReaderApp(library=open_library(_folder(tmp_path, 3)), jobs=1)
    assert app.analyze_parallel is None
    two = ReaderApp(library=open_library(_folder(tmp_path / "b", 3)), jobs=2)
    assert two.analyze_parallel is not None and not multiprocessing.active_children()
    article = ReaderApp(read_source(str(SEED)), jobs=2)  # one article: nothing to share out
    assert article.analyze_parallel is None


@pytest.mark.model
@pytest.mark.slow
async def test_bundled_pipeline_in_two_processes_as_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_NO_CACHE", "1")  # each run analyses, none reads the other's
    folder = _folder(tmp_path, 4)
    one = await _table(ReaderApp(library=open_library(folder), jobs=1))
    two = await _table(ReaderApp(library=open_library(folder), jobs=2))
    assert two == one and len(one) == 4
