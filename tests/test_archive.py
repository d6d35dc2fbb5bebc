"""``reader archive``: on a Dask cluster, the objects that ``reader analyze --json`` prints."""

from __future__ import annotations

import json
import sys
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from reader.archive import analyses_on, analyze_many
from reader.cli import main
from reader.source import read_source
from tests.seed_cuts import SEED, cut_seed


@pytest.mark.slow
def test_a_local_cluster_of_two_writes_what_one_process_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from distributed import Client, LocalCluster

    monkeypatch.setenv("READER_NO_CACHE", "1")  # set before the workers start: they inherit it
    folder = tmp_path / "archive"
    folder.mkdir()
    paths = cut_seed(folder)
    assert main(["analyze", "--json", "--jobs", "1", *paths]) == 0
    alone = capsys.readouterr().out
    cluster = LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    )
    with cluster, Client(cluster) as client:
        assert len(client.nthreads()) == 2
        lines = tmp_path / "out.jsonl"
        run = analyze_many([str(folder)], lines, client=client)
        table = tmp_path / "out.parquet"
        analyze_many([str(folder)], table, client=client, format="parquet")
    assert run.written == 4 and not run.unreadable and not run.failed
    assert lines.read_text(encoding="utf-8") == alone
    import pyarrow.parquet as pq

    rows = pq.read_table(table).to_pylist()
    for row in rows:
        assert row.pop("origin") is None  # a column for web pages; the JSON has it only there
    assert rows == [json.loads(line) for line in alone.splitlines()]


def test_the_command_reports_a_bad_file_and_writes_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cluster is stood in for: what the command does with input and output is tested here.
    import reader.archive as archive

    monkeypatch.setattr(archive, "_client", _in_process_client)
    paths = cut_seed(tmp_path)[:2]
    out = tmp_path / "out.jsonl"
    code = main(["archive", paths[0], str(tmp_path / "no.txt"), paths[1], "--out", str(out)])
    assert code == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert [json.loads(line)["path"] for line in out.read_text().splitlines()] == paths


def test_a_failed_analysis_is_reported_in_its_place() -> None:
    sources = [read_source(str(SEED)), read_source(str(SEED))]
    results = list(analyses_on(_FailingClient(), sources, None))
    assert isinstance(results[0][1], dict)
    assert isinstance(results[1][1], RuntimeError)


def test_without_dask_the_command_says_what_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed: ImportError
    code = main(["archive", str(SEED), "--out", str(tmp_path / "out.jsonl")])
    assert code == 2
    assert 'pip install "reader-news[dask]"' in capsys.readouterr().err


def test_workers_below_one_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["archive", str(SEED), "--out", str(tmp_path / "o"), "--workers", "0"]) == 2
    assert "--workers" in capsys.readouterr().err


class _InProcessClient:
    """The two calls of a ``distributed.Client`` the archive makes, run in this process."""

    def nthreads(self) -> dict[str, int]:
        return {"here": 1}

    def submit(self, function: Any, *args: Any, pure: bool = True) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(function(*args))
        except Exception as error:
            future.set_exception(error)
        return future


class _FailingClient(_InProcessClient):
    """A client whose second task raises, as a worker that died would."""

    calls = 0

    def submit(self, function: Any, *args: Any, pure: bool = True) -> Future[Any]:
        self.calls += 1
        if self.calls == 2:
            return super().submit(_raise)
        return super().submit(lambda: {"path": args[0].path})


def _raise() -> None:
    raise RuntimeError("worker died")


def _in_process_client(client: Any, scheduler: Any, workers: Any) -> Any:
    from contextlib import nullcontext

    return nullcontext(_InProcessClient())


def test_an_output_that_cannot_be_written_is_refused_before_any_cluster(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.archive as archive

    monkeypatch.setattr(archive, "dask_client", _no_cluster)
    assert main(["archive", str(SEED), "--out", str(tmp_path / "no" / "out.jsonl")]) == 2
    assert main(["archive", str(SEED), "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.count("cannot write") == 2


def _no_cluster(*_: Any) -> Any:
    raise AssertionError("a cluster was started")
