"""``reader analyze --jobs N`` and the app's analyzer: several processes, the same results in
the same order, no process left behind."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader import cache
from reader.cli import main
from reader.source import read_source
from tests.seed_cuts import SEED, cut_seed
from tests.ui.fake_analysis import fake_analyze, fake_processes


@pytest.mark.slow
def test_two_processes_print_what_one_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_NO_CACHE", "1")  # each run analyses, none reads the other's
    paths = cut_seed(tmp_path)
    assert main(["analyze", "--json", "--jobs", "1", *paths]) == 0
    alone = capsys.readouterr().out
    assert main(["analyze", "--json", "--jobs", "2", *paths]) == 0
    assert capsys.readouterr().out == alone
    assert len(alone.splitlines()) == 4


def test_a_bad_path_among_many_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_NO_CACHE", "1")
    paths = cut_seed(tmp_path)[:2]
    assert main(["analyze", "--json", "--jobs", "2", paths[0], str(tmp_path / "no"), paths[1]]) == 2
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    assert len(captured.err.splitlines()) == 1


def test_jobs_below_one_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--jobs", "0", str(SEED)]) == 2
    assert "--jobs" in capsys.readouterr().err
    assert main(["--jobs", "0", str(SEED)]) == 2  # the app's, for a library folder
    assert "--jobs" in capsys.readouterr().err


def test_the_app_analyzer_keeps_its_processes_until_closed(tmp_path: Path) -> None:
    sources = [read_source(path) for path in cut_seed(tmp_path)]
    analyzer = fake_processes(jobs=2)
    try:
        first = [a.to_dict() for a in analyzer(sources[:3])]
        pids = {child.pid for child in multiprocessing.active_children()}
        again = [a.to_dict() for a in analyzer(sources)]
        assert {child.pid for child in multiprocessing.active_children()} == pids
        assert len(pids) == 2 and analyzer.starts == 1
    finally:
        analyzer.close()
    assert not multiprocessing.active_children()
    assert again == [fake_analyze(source).to_dict() for source in sources]
    assert first == again[:3]
    with pytest.raises(RuntimeError):
        list(analyzer(sources))


def test_cached_articles_start_no_process(tmp_path: Path) -> None:
    sources = [read_source(path) for path in cut_seed(tmp_path)]
    for source in sources:
        cache.store(fake_analyze(source), cache.model_id(None))
    analyzer = fake_processes(jobs=2)
    found = [a.to_dict() for a in analyzer(sources)]
    assert analyzer.starts == 0 and not multiprocessing.active_children()
    assert [(a["path"], len(a["entities"])) for a in found] == [
        (s.path, len(fake_analyze(s).entities)) for s in sources
    ]
    analyzer.close()


def test_a_progress_that_raises_stops_the_wait(tmp_path: Path) -> None:
    sources = [read_source(path) for path in cut_seed(tmp_path)]
    analyzer = fake_processes(jobs=2, seconds=5.0)

    class Stop(Exception):
        pass

    def stop(read: int) -> None:
        raise Stop

    try:
        with pytest.raises(Stop):
            list(analyzer(sources, stop))
    finally:
        analyzer.close()
    assert not multiprocessing.active_children()


# Starts the app's analyzer, has its two processes analyse, prints their ids and waits.
KILLED_PARENT = """
import multiprocessing, sys, time
from reader.source import read_source
from tests.ui.fake_analysis import fake_processes
if __name__ == "__main__":
    analyzer = fake_processes(jobs=2)
    list(analyzer([read_source(path) for path in sys.argv[1:]]))
    print(*(child.pid for child in multiprocessing.active_children()), flush=True)
    time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has ended; whoever adopted it may not reap it


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_processes_end_when_the_app_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(KILLED_PARENT, encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    parent = subprocess.Popen(
        [sys.executable, str(script), *cut_seed(tmp_path)],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    children = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(children) == 2
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while any(map(_alive, children)) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in children if _alive(pid)]
    for pid in left:  # not to leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert not left
