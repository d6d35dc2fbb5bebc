"""``reader analyze --jobs N``: several processes, the same lines in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main

SEED = Path(__file__).resolve().parent.parent / "seeds" / "trump-nato-wende.txt"


def _articles(folder: Path) -> list[str]:
    body = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    paths = []
    for number in range(4):
        text = "\n\n".join(paragraphs[number::4])
        path = folder / f"{number}.txt"
        path.write_text(f"date 2024-01-0{number + 1} Artikel {number}\n\n{text}", encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.slow
def test_two_processes_print_what_one_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_NO_CACHE", "1")  # each run analyses, none reads the other's
    paths = _articles(tmp_path)
    assert main(["analyze", "--json", "--jobs", "1", *paths]) == 0
    alone = capsys.readouterr().out
    assert main(["analyze", "--json", "--jobs", "2", *paths]) == 0
    assert capsys.readouterr().out == alone
    assert len(alone.splitlines()) == 4


def test_a_bad_path_among_many_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_NO_CACHE", "1")
    paths = _articles(tmp_path)[:2]
    assert main(["analyze", "--json", "--jobs", "2", paths[0], str(tmp_path / "no"), paths[1]]) == 2
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    assert len(captured.err.splitlines()) == 1


def test_jobs_below_one_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--jobs", "0", str(SEED)]) == 2
    assert "--jobs" in capsys.readouterr().err
