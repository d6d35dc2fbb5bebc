"""The library model and the reading state, without a terminal."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from reader.analysis import Analysis, Entity, Mention, Quote
from reader.article import parse_article
from reader.library import open_library, people_across
from reader.state import ReadingState, StateStore


def person(entity_id: str, name: str, count: int = 1, aliases: list[str] | None = None) -> Entity:
    mentions = [Mention(i * 10, i * 10 + len(name), name) for i in range(count)]
    return Entity(entity_id, name, "PER", aliases or [], None, mentions)


def analysis(entities: list[Entity], quotes: list[Quote] | None = None) -> Analysis:
    return Analysis(None, parse_article("date 2024-01-01 T\n\nText."), entities, quotes or [])


def test_open_library_sorts_newest_first_and_keeps_bad_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("date 2023-05-01 Alt\n\nText.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2024-05-01 Neu\n\nZwischen\n\nText.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Ohne Datum\n\nText.", encoding="utf-8")
    (tmp_path / "d.txt").write_bytes(b"")
    infos = open_library(tmp_path)
    assert [i.title for i in infos][:3] == ["Neu", "Alt", "Ohne Datum"]
    assert infos[0].date == date(2024, 5, 1) and infos[0].sections == 1
    broken = next(i for i in infos if i.path.endswith("d.txt"))
    assert broken.error is not None and "empty" in broken.error


def test_people_merge_by_full_name_and_unique_surname() -> None:
    first = analysis(
        [person("e1", "Olaf Scholz", 3), person("e2", "Annalena Baerbock")],
        [Quote("Wir schaffen das", 0, 16, "direct", "e1", "Olaf Scholz", "sagte")],
    )
    second = analysis([person("e1", "Scholz", 2), person("e2", "Christian Lindner")])
    third = analysis([person("e1", "olaf scholz")])
    people = people_across([first, second, None, third])
    scholz = people[0]
    assert scholz.name == "Olaf Scholz"
    assert [a.article for a in scholz.appearances] == [0, 1, 3]
    assert scholz.mentions == 6
    assert scholz.appearances[0].quotes == ["Wir schaffen das"]
    assert {p.name for p in people} == {"Olaf Scholz", "Annalena Baerbock", "Christian Lindner"}


def test_a_surname_shared_by_two_people_stays_apart() -> None:
    one = analysis([person("e1", "Willy Bogner"), person("e2", "Christian Bogner")])
    two = analysis([person("e1", "Bogner")])
    names = sorted(p.name for p in people_across([one, two]))
    assert names == ["Bogner", "Christian Bogner", "Willy Bogner"]


def test_state_round_trip_and_atomic_file(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.json")
    store.put("Artikel eins", ReadingState(120, [1, 3], "Olaf Scholz"))
    store.save()
    again = StateStore(tmp_path / "state.json")
    assert again.get("Artikel eins") == ReadingState(120, [1, 3], "Olaf Scholz")
    assert again.get("ein anderer Text") == ReadingState()
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temporary left behind


def test_corrupt_state_starts_fresh_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text('{"abc": {"offset": 12', encoding="utf-8")  # truncated
    store = StateStore(path)
    assert store.warning is not None and "starting fresh" in store.warning
    assert store.get("x") == ReadingState()
    store.put("x", ReadingState(5))
    store.save()
    assert json.loads(path.read_text(encoding="utf-8"))


def test_state_with_wrong_types_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    from reader.state import article_key

    path.write_text(
        json.dumps({article_key("T"): {"offset": "x", "collapsed": "y", "entity": 3}}),
        encoding="utf-8",
    )
    assert StateStore(path).get("T") == ReadingState()
