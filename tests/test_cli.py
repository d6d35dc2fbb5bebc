"""The command line: exit codes, one-line errors, JSON shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import main


def run_reader(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], input=stdin, capture_output=True, timeout=120
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_help_lists_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "reader analyze" in out and "reader search" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"  \n \n", "empty"),
        (b"\x00\x01\x02binary\x00", "not a text file"),
    ],
)
@pytest.mark.parametrize("command", [["analyze"], ["analyze", "--json"], [], ["search"]])
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes | None,
    message: str,
    command: list[str],
) -> None:
    path = tmp_path / "artikel.txt"
    if content is not None:
        path.write_bytes(content)
    args = [*command, str(path)] + (["Trump"] if command == ["search"] else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "artikel.txt" in err
    assert "Traceback" not in err


def test_directory_without_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tmp_path)]) == 2
    assert "no articles" in capsys.readouterr().err


def test_unknown_model_is_a_clear_error(
    seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", "--model", "de_not_installed_xyz", str(seed_path)]) == 2
    err = capsys.readouterr().err
    assert "de_not_installed_xyz" in err and err.count("\n") == 1


def test_usage_error_exit_code() -> None:
    result = run_reader("analyze")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr


@pytest.mark.model
def test_analyze_json_shape(seed_path: Path, seed_text: str) -> None:
    result = run_reader("analyze", "--json", str(seed_path), str(seed_path))
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 2
    data = json.loads(lines[0])
    assert {"path", "title", "date", "sections", "entities", "quotes"} <= data.keys()
    assert data["date"] == "2025-10-22"
    for section in data["sections"]:
        for block in section["blocks"]:
            assert seed_text[block["start"] : block["end"]] == block["text"]
            assert {"kind", "text", "start", "end"} <= block.keys()
    for entity in data["entities"]:
        assert {"id", "name", "label", "aliases", "description", "mentions"} <= entity.keys()
        for mention in entity["mentions"]:
            assert seed_text[mention["start"] : mention["end"]] == mention["text"]
    for quote in data["quotes"]:
        assert seed_text[quote["start"] : quote["end"]] == quote["text"]
        assert quote["kind"] in ("direct", "indirect")


@pytest.mark.model
def test_analyze_reads_stdin(seed_text: str) -> None:
    result = run_reader("analyze", "--json", "-", stdin=seed_text.encode())
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["title"].startswith("Trumps Nato-Wende")


@pytest.mark.model
def test_analyze_summary_is_readable(seed_path: Path) -> None:
    result = run_reader("analyze", str(seed_path))
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "People:" in out and "2025-10-22" in out


@pytest.mark.model
def test_analyze_python_api_equals_json(seed_path: Path) -> None:
    import reader

    analysis = reader.analyze_path(seed_path)
    result = run_reader("analyze", "--json", str(seed_path))
    from_cli = json.loads(result.stdout)
    assert analysis.to_dict()["entities"] == from_cli["entities"]
    assert analysis.to_dict()["quotes"] == from_cli["quotes"]


@pytest.mark.model
def test_search_command_ranks_people_first(seed_path: Path) -> None:
    result = run_reader("search", str(seed_path), "selensky", "--limit", "3", "--json")
    assert result.returncode == 0, result.stderr.decode()
    hits = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert 1 <= len(hits) <= 3
    assert hits[0]["kind"] == "person" and "Selenski" in hits[0]["text"]


def test_search_limit_must_be_positive(seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(seed_path), "x", "--limit", "0"]) == 2
    assert "--limit" in capsys.readouterr().err


@pytest.mark.model
def test_many_articles_keep_their_order_and_a_bad_one_is_skipped(
    tmp_path: Path, seed_text: str
) -> None:
    first = tmp_path / "a.txt"
    first.write_text("date 2024-01-01 Erster\n\nOlaf Scholz sprach in Berlin.", encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text(seed_text, encoding="utf-8")
    missing = tmp_path / "fehlt.txt"
    result = run_reader("analyze", "--json", str(first), str(missing), str(second))
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and "fehlt.txt" in result.stderr.decode()
    titles = [json.loads(line)["title"] for line in result.stdout.decode().splitlines()]
    assert titles[0] == "Erster" and titles[1].startswith("Trumps Nato-Wende")


@pytest.mark.model
def test_batched_analysis_equals_one_by_one(seed_text: str) -> None:
    from reader.analysis import analyze_many, analyze_text
    from reader.source import decode

    texts = [
        seed_text,
        "date 2024-01-01 Leer\n",
        "Titel\n\nAngela Merkel sagte: «Wir schaffen das.»",
    ]
    sources = [decode(text.encode(), f"{i}.txt") for i, text in enumerate(texts)]
    together = [a.to_dict() for a in analyze_many(sources)]
    alone = [analyze_text(text, path=f"{i}.txt").to_dict() for i, text in enumerate(texts)]
    assert together == alone


@pytest.mark.model
def test_a_folder_without_articles_does_not_stop_the_others(tmp_path: Path) -> None:
    empty = tmp_path / "leer"
    empty.mkdir()
    article = tmp_path / "a.txt"
    article.write_text("date 2024-01-01 Da\n\nAngela Merkel sprach.", encoding="utf-8")
    result = run_reader("analyze", "--json", str(empty), str(article))
    assert result.returncode == 2 and "no articles" in result.stderr.decode()
    assert json.loads(result.stdout)["title"] == "Da"
