"""Shared fixtures: sample articles, an isolated cache, the bundled-model marker."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "trump-nato-wende.txt"
MODEL = ROOT / "reader" / "models" / "de_reader_ner"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if (MODEL / "meta.json").exists():
        return
    skip = pytest.mark.skip(reason="the bundled pipeline reader/models/de_reader_ner is absent")
    for item in items:
        if "model" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never read or write the user's real cache from tests."""
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.delenv("READER_LIBRARY", raising=False)
    # Nor the user's config file (a test that wants one sets XDG_CONFIG_HOME or READER_CONFIG).
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    for name in ("READER_CONFIG", "READER_OFFLINE", "READER_NO_CACHE", "READER_JOBS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
