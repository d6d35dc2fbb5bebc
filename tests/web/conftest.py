"""The local news server, and no real fetch or config file from any web test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.server import NewsServer


@pytest.fixture(scope="module")
def server() -> Iterator[NewsServer]:
    with NewsServer() as running:
        yield running


@pytest.fixture(autouse=True)
def online_and_own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Online unless a test says otherwise; the config file is the test's own."""
    monkeypatch.delenv("READER_OFFLINE", raising=False)
    monkeypatch.delenv("READER_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "reader" / "config.toml"
