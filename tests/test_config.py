"""One settings object: the config file, the environment over it, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import cache, config, state
from reader.cli import main
from reader.library import library_setting
from reader.parallel import chosen_jobs, default_jobs
from reader.web import fetch

FILE = """
library = "{root}/library"
cache_dir = "{root}/cache"
state_dir = "{root}/state"
cache = true
offline = false
feeds = ["https://a.example/feed", " "]

[keymap]
article-top = "t"
"""


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("READER_CACHE_DIR", "READER_STATE_DIR", "READER_LIBRARY"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "config.toml"
    path.write_text(FILE.format(root=tmp_path), encoding="utf-8")
    monkeypatch.setenv("READER_CONFIG", str(path))
    return path


def test_the_file_sets_what_every_module_reads(config_file: Path) -> None:
    root = config_file.parent
    settings = config.settings()
    assert settings.path == config_file
    assert cache.cache_dir() == root / "cache" and cache.enabled()
    assert state.state_file() == root / "state" / "state.json"
    assert library_setting() == (root / "library", str(config_file))
    assert not fetch.offline()
    assert settings.feeds == ("https://a.example/feed",)
    assert dict(settings.keymap) == {"article-top": "t"}


def test_the_environment_wins_over_the_file(
    config_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path / "st"))
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "lib"))
    monkeypatch.setenv("READER_NO_CACHE", "1")
    monkeypatch.setenv("READER_OFFLINE", "yes")
    assert cache.cache_dir() == tmp_path / "elsewhere" and not cache.enabled()
    assert state.state_file() == tmp_path / "st" / "state.json"
    assert library_setting() == (tmp_path / "lib", "READER_LIBRARY")
    assert fetch.offline()
    monkeypatch.setenv("READER_OFFLINE", "0")
    assert not fetch.offline()


def test_read_once_and_again_when_the_file_changes(config_file: Path) -> None:
    first = config.settings()
    assert config.settings() is first
    config_file.write_text("offline = true\n", encoding="utf-8")
    assert config.settings() is not first and config.settings().offline


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("library = \n", "not valid TOML"),
        ('cache = "no"\n', "cache must be true or false"),
        ("feeds = 3\n", "feeds must be a list of URLs"),
        ('keymap = "t"\n', "keymap must be a table"),
        ("[keymap]\narticle-top = 1\n", "keymap.article-top must be keys in a string"),
        ("jobs = 0\n", "jobs must be a whole number from 1"),
        ('jobs = "2"\n', "jobs must be a whole number from 1"),
        ("jobs = true\n", "jobs must be a whole number from 1"),
    ],
)
def test_a_bad_config_file_is_one_line_and_exit_2(
    config_file: Path, text: str, says: str, seed_path: Path, capsys
) -> None:
    config_file.write_text(text, encoding="utf-8")
    assert main(["analyze", str(seed_path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and says in captured.err
    assert str(config_file) in captured.err and "Traceback" not in captured.err


def test_a_bad_switch_in_the_environment_is_named(
    config_file: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("READER_OFFLINE", "sometimes")
    assert main(["feeds", "list"]) == 2
    assert "READER_OFFLINE='sometimes': use 1 or 0" in capsys.readouterr().err


def test_no_file_gives_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("READER_CACHE_DIR")
    settings = config.settings()
    assert settings.library is None and settings.feeds == () and not settings.keymap
    assert settings.cache and not settings.offline
    assert settings.cache_dir.name == "reader"


def test_jobs_from_the_option_the_environment_the_file_or_the_cores(
    config_file: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    assert config.settings().jobs is None and chosen_jobs() == default_jobs()
    config_file.write_text("jobs = 3\n", encoding="utf-8")
    assert chosen_jobs() == 3 and chosen_jobs(1) == 1
    monkeypatch.setenv("READER_JOBS", "2")
    assert chosen_jobs() == 2
    monkeypatch.setenv("READER_JOBS", "many")
    assert main(["feeds", "list"]) == 2
    assert "READER_JOBS='many': a whole number from 1" in capsys.readouterr().err
