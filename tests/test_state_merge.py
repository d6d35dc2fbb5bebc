"""The reading state is never lost: two readers at once, unreadable files, leftover temporaries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.state import ReadingState, StateStore


def test_two_readers_keep_each_others_positions(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    StateStore(path).put("schon da", ReadingState(7))
    first, second = StateStore(path), StateStore(path)
    first.put("Artikel eins", ReadingState(100, [1], "Olaf Scholz"))
    second.put("Artikel zwei", ReadingState(200))
    first.save()
    second.save()  # quits last: must not write its old picture over the first one's article
    again = StateStore(path)
    assert again.get("Artikel eins") == ReadingState(100, [1], "Olaf Scholz")
    assert again.get("Artikel zwei") == ReadingState(200)


def test_the_last_save_of_the_same_article_wins(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    first, second = StateStore(path), StateStore(path)
    first.put("Artikel", ReadingState(100))
    second.put("Artikel", ReadingState(300))
    first.save()
    second.save()
    assert StateStore(path).get("Artikel") == ReadingState(300)
    first.put("Artikel", ReadingState(50))  # first reads on and quits later
    first.save()
    assert StateStore(path).get("Artikel") == ReadingState(50)


SAVER = """
import sys
from pathlib import Path
from reader.state import ReadingState, StateStore

path, name = Path(sys.argv[1]), sys.argv[2]
store = StateStore(path)  # one reader, open all along, saving as it goes
for number in range(25):
    store.put(f"{name} {number}", ReadingState(number + 1))
    store.save()
"""


def test_readers_saving_at_the_same_time_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    savers = [
        subprocess.Popen([sys.executable, "-c", SAVER, str(path), name]) for name in ("a", "b")
    ]
    for saver in savers:
        assert saver.wait(timeout=120) == 0
    store = StateStore(path)
    for name in ("a", "b"):
        for number in range(25):
            assert store.get(f"{name} {number}") == ReadingState(number + 1), (name, number)


@pytest.mark.parametrize(
    "content",
    [b"[" * 100_000, b"{" * 50_000, b'{"abc": {"offset": 12', b"[1, 2, 3]", b"\xff\xfe\x00?"],
    ids=["nested lists", "nested objects", "truncated", "not an object", "bad bytes"],
)
def test_unreadable_state_is_set_aside_and_the_app_starts_fresh(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    store = StateStore(path)
    assert store.get("x") == ReadingState()
    aside = [p for p in tmp_path.iterdir() if p.name != "state.json"]
    assert len(aside) == 1 and aside[0].name.startswith("state.json.unreadable")
    assert aside[0].read_bytes() == content  # kept for the user to look at
    assert store.warning is not None and store.warning.count("\n") == 0
    assert "set aside" in store.warning and aside[0].name in store.warning
    store.put("x", ReadingState(5))
    store.save()
    assert StateStore(path).get("x") == ReadingState(5)


async def test_the_app_starts_after_a_deeply_nested_state_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_path: Path
) -> None:
    from tests.ui.fake_analysis import make_app

    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path))
    (tmp_path / "state.json").write_text("[" * 100_000)
    app = make_app(seed_path)
    notices: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        notices = [n.message for n in app._notifications]
    assert any("set aside" in notice for notice in notices)


def old(path: Path, age: float = 3600) -> Path:
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_temporaries_left_by_a_killed_save_are_removed_at_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({}))
    stale = tmp_path / ".state.json.k1ll3d.tmp"
    stale.write_text('{"half": ')
    old(stale)
    fresh = tmp_path / ".state.json.wr1t1ng.tmp"  # another reader saving right now
    fresh.write_text("{}")
    StateStore(path)
    assert not stale.exists()
    assert fresh.exists()


def test_cache_temporaries_are_removed_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader import cache
    from reader.article import parse_article
    from reader.source import decode

    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    entries = tmp_path / "analyses"
    entries.mkdir()
    stale = entries / ".0123abcd.json.k1ll3d.tmp"
    stale.write_text('{"entities": [')
    old(stale)
    keep = entries / "notes.txt"  # not ours: never touched
    keep.write_text("x")
    old(keep)
    source = decode(b"date 2024-01-01 T\n\nText.", "a.txt")
    assert parse_article(source.text).title == "T"
    assert cache.load(source, "model-1") is None
    assert not stale.exists() and keep.exists()
