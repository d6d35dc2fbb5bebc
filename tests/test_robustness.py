"""Hostile and broken input: offline by construction, nothing written next to the article,
and analysis output that always points inside the text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NO_NETWORK = """
import socket, sys

def refuse(*args, **kwargs):
    raise OSError("network access attempted")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.socket.sendto = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from reader.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


@pytest.mark.model
def test_analyze_runs_with_sockets_disabled(seed_path: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", NO_NETWORK, "analyze", "--json", str(seed_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["entities"]


@pytest.mark.model
def test_nothing_is_written_next_to_the_article(tmp_path: Path, seed_text: str) -> None:
    from reader.cli import main

    article = tmp_path / "artikel.txt"
    article.write_text(seed_text, encoding="utf-8")
    assert main(["analyze", "--json", str(article)]) == 0
    assert main(["analyze", "--json", str(article)]) == 0  # the second run reads the cache
    assert [p.name for p in tmp_path.iterdir()] == ["artikel.txt"]


@pytest.mark.model
def test_corrupt_cache_entry_is_rebuilt(seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from reader import cache
    from reader.nlp import load_pipeline
    from reader.source import read_source

    source = read_source(seed_path)
    first = cache.analyze_source_cached(source, load_pipeline)
    entries = list(Path(os.environ["READER_CACHE_DIR"]).rglob("*.json"))
    assert len(entries) == 1
    entries[0].write_text('{"entities": [{"id": ', encoding="utf-8")  # truncated
    again = cache.analyze_source_cached(source, load_pipeline)
    assert again.to_dict() == first.to_dict()
    assert json.loads(entries[0].read_text(encoding="utf-8"))["entities"]


HOSTILE = st.one_of(
    st.text(max_size=300),
    st.text(
        alphabet=st.sampled_from(" \n«»„“‚‘‹›\"'.,:;sagte Er Merkel Berlin (58)"), max_size=300
    ),
)


@pytest.mark.model
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE)
def test_mentions_and_quotes_always_lie_inside_the_text(text: str) -> None:
    from reader.analysis import analyze_text

    analysis = analyze_text("date 2024-01-01 Titel\n\n" + text)
    full = analysis.text
    for entity in analysis.entities:
        for mention in entity.mentions:
            assert 0 <= mention.start < mention.end <= len(full)
            assert full[mention.start : mention.end] == mention.text
    for quote in analysis.quotes:
        assert 0 <= quote.start <= quote.end <= len(full)
        assert full[quote.start : quote.end] == quote.text


@pytest.mark.model
@pytest.mark.parametrize(
    "body",
    [
        "«" * 5000 + "Zitat",
        "„Er sagte: ‚Sie sagte: »Es ist ‹so› gewesen«‘“, so Müller." * 200,
        "«Ein offenes Zitat ohne Ende.\n\nUnd der nächste Absatz geht weiter.",
        "x" * 200_000,
    ],
)
def test_pathological_bodies_analyse(body: str) -> None:
    from reader.analysis import analyze_text

    analysis = analyze_text("date 2024-01-01 Titel\n\n" + body)
    assert analysis.article.sections


# -- cache entries of the right syntax and the wrong shape ----------------------------------------

CACHED_TEXT = "date 2024-01-01 Titel\n\nAngela Merkel sagte: «Wir schaffen das.»"


def cached_analysis():
    from reader.analysis import Analysis, Entity, Mention, Quote
    from reader.article import parse_article

    start = CACHED_TEXT.index("Angela")
    quote = CACHED_TEXT.index("Wir")
    return Analysis(
        "a.txt",
        parse_article(CACHED_TEXT),
        [
            Entity(
                "e1",
                "Angela Merkel",
                "PER",
                ["Merkel"],
                None,
                [Mention(start, start + 13, "Angela Merkel")],
            )
        ],
        [Quote("Wir schaffen das.", quote, quote + 17, "direct", "e1", "Angela Merkel", "sagte")],
        model="m-1",
    )


def tampered(change) -> dict:
    entry = {
        "model": "m-1",
        "entities": [e.to_dict() for e in cached_analysis().entities],
        "quotes": [q.to_dict() for q in cached_analysis().quotes],
    }
    change(entry)
    return entry


WRONG_SHAPES = {
    "entities not a list": lambda e: e.update(entities={"e1": 1}),
    "entity not an object": lambda e: e["entities"].append("Merkel"),
    "id not a string": lambda e: e["entities"][0].update(id=1),
    "name null": lambda e: e["entities"][0].update(name=None),
    "unknown label": lambda e: e["entities"][0].update(label="PERSON"),
    "aliases a string": lambda e: e["entities"][0].update(aliases="Merkel"),
    "alias not a string": lambda e: e["entities"][0].update(aliases=[None]),
    "description a number": lambda e: e["entities"][0].update(description=79),
    "an extra field": lambda e: e["entities"][0].update(colour="red"),
    "mention start a string": lambda e: e["entities"][0]["mentions"][0].update(start="24"),
    "mention start a bool": lambda e: e["entities"][0]["mentions"][0].update(start=True),
    "mention past the text": lambda e: e["entities"][0]["mentions"][0].update(end=10**9),
    "mention before the text": lambda e: e["entities"][0]["mentions"][0].update(start=-3),
    "mention of other text": lambda e: e["entities"][0]["mentions"][0].update(text="Kohl"),
    "quotes null": lambda e: e.update(quotes=None),
    "unknown quote kind": lambda e: e["quotes"][0].update(kind="shouted"),
    "quote end before start": lambda e: e["quotes"][0].update(end=0),
    "quote speaker unknown": lambda e: e["quotes"][0].update(speaker="e9"),
    "quote cue a list": lambda e: e["quotes"][0].update(cue=["sagte"]),
    "model a number": lambda e: e.update(model=3),
    "payload a list": lambda e: (e.clear(), e.update(x=[])),
}


@pytest.mark.parametrize("name", list(WRONG_SHAPES))
def test_a_cache_entry_of_the_wrong_shape_is_a_miss(name: str) -> None:
    from reader import cache
    from reader.source import decode

    source = decode(CACHED_TEXT.encode(), "a.txt")
    cache.store(cached_analysis(), "m-1")
    assert cache.load(source, "m-1") is not None  # the untouched entry is read back
    entry = cache._entry(source.text, "m-1")
    payload = tampered(WRONG_SHAPES[name])
    entry.write_text(json.dumps([] if name == "payload a list" else payload), encoding="utf-8")
    assert cache.load(source, "m-1") is None


@pytest.mark.parametrize(
    "nested",
    ["[" * 100_000, '{"entities": ' * 50_000, "[" * 1000 + "]" * 1000],
    ids=["lists", "objects", "closed lists"],
)
def test_a_deeply_nested_cache_entry_is_a_miss(nested: str) -> None:
    from reader import cache
    from reader.source import decode

    source = decode(CACHED_TEXT.encode(), "a.txt")
    cache._entry(source.text, "m-1").parent.mkdir(parents=True, exist_ok=True)
    cache._entry(source.text, "m-1").write_text(nested, encoding="utf-8")
    assert cache.load(source, "m-1") is None


@pytest.mark.model
@pytest.mark.parametrize(
    "poison",
    [
        "[" * 100_000,
        '{"entities": [{"id": 1, "name": null, '
        '"label": "PER", "aliases": 3, "description": null, '
        '"mentions": [{"start": "a", "end": 9e99, "text": 5}]}], '
        '"quotes": [], "model": "x"}',
    ],
    ids=["nested", "wrong types"],
)
def test_a_poisoned_cache_entry_is_rebuilt(seed_path: Path, poison: str) -> None:
    from reader.cli import main

    assert main(["analyze", "--json", str(seed_path)]) == 0
    entries = list(Path(os.environ["READER_CACHE_DIR"]).rglob("*.json"))
    assert len(entries) == 1
    entries[0].write_text(poison, encoding="utf-8")
    assert main(["analyze", "--json", str(seed_path)]) == 0
    rebuilt = json.loads(entries[0].read_text(encoding="utf-8"))
    assert rebuilt["entities"] and all(isinstance(e["id"], str) for e in rebuilt["entities"])


# -- three bad bytes in a UTF-8 article ------------------------------------------------------------

UMLAUTS = (
    "date 2024-01-02 Grüße aus Zürich\n\n"
    "Der Bürgermeister von Zürich sagte: «Schöne Grüße an alle Bürgerinnen und Bürger.»\n\n"
    "Die Straßenbahn fährt über die Brücke, während die Möwen über dem See kreisen.\n"
)


def test_a_few_bad_bytes_do_not_garble_a_utf8_article() -> None:
    from reader.source import decode

    data = bytearray(UMLAUTS.encode("utf-8"))
    for word, byte in ((b"von Z", 0xFF), (b"Der ", 0x96), (b"kreisen", 0x80)):
        data[data.index(word)] = byte  # three stray bytes in place of ASCII letters
    source = decode(bytes(data), "a.txt")
    assert source.encoding == "utf-8"
    assert source.text.count("\ufffd") == 3
    assert len(source.text) == len(UMLAUTS)
    assert "Grüße aus Zürich" in source.text and "Straßenbahn fährt über die Brücke" in source.text
    assert source.notice is not None and "3 bytes" in source.notice and "\ufffd" in source.notice


def test_a_cp1252_article_is_still_read_as_cp1252() -> None:
    from reader.source import decode

    source = decode(UMLAUTS.encode("cp1252"), "a.txt")
    assert source.encoding == "cp1252" and source.text == UMLAUTS


def test_a_mostly_ascii_cp1252_article_with_one_umlaut_is_cp1252() -> None:
    from reader.source import decode

    text = "date 2024-01-02 Titel\n\n" + "Ein ganz normaler Satz. " * 50 + "Schön.\n"
    source = decode(text.encode("cp1252"), "a.txt")
    assert source.encoding == "cp1252" and source.text == text


@pytest.mark.model
def test_the_summary_names_the_replaced_bytes(tmp_path: Path) -> None:
    import subprocess
    import sys

    data = bytearray(UMLAUTS.encode("utf-8"))
    data[data.index(b"Der ")] = 0xFF
    path = tmp_path / "a.txt"
    path.write_bytes(bytes(data))
    result = subprocess.run(
        [sys.executable, "-m", "reader", "analyze", str(path)], capture_output=True, timeout=300
    )
    out = result.stdout.decode()
    assert result.returncode == 0 and "Grüße aus Zürich" in out
    assert "1 byte" in out and "\ufffd" in out


# -- invisible characters made visible ------------------------------------------------------------


@pytest.mark.parametrize(
    "char",
    [
        "\u202e",
        "\u202d",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u200e",
        "\u200f",
        "\u061c",
        "\u200b",
        "\u200c",
        "\u200d",
        "\u2060",
        "\ufeff",
        "\U000e0041",
        "\u2028",
        "\u2029",
        "\udcff",
    ],
)
def test_invisible_and_direction_characters_become_visible_marks(char: str) -> None:
    from rich.cells import cell_len

    from reader.safe_text import visible

    shown = visible(f"a{char}b")
    assert len(shown) == 3 and shown[0] == "a" and shown[2] == "b"  # offsets map one to one
    assert shown[1] != char and cell_len(shown[1]) == 1 and shown[1].isprintable()


def test_ordinary_text_is_left_alone() -> None:
    from reader.safe_text import visible

    text = "Grüße, „Zitat“ – 100 € · 中文 · مرحبا · שלום\n"
    assert visible(text) == text


# -- files a folder lists that are no articles ---------------------------------------------------


def test_the_library_lists_the_files_it_skipped_and_why(tmp_path: Path) -> None:
    from reader.library import open_library

    (tmp_path / "gut.txt").write_text("date 2024-01-01 Gut\n\nText.", encoding="utf-8")
    (tmp_path / "kreis.txt").symlink_to(tmp_path / "kreis.txt")
    (tmp_path / "weg.txt").symlink_to(tmp_path / "gibt-es-nicht.txt")
    os.mkfifo(tmp_path / "rohr.txt")
    (tmp_path / "ordner.txt").mkdir()  # a folder named like an article: not mentioned
    infos = open_library(tmp_path)
    errors = {Path(info.path).name: info.error for info in infos}
    assert errors == {
        "gut.txt": None,
        "kreis.txt": "skipped: a symlink loop",
        "weg.txt": "skipped: a dangling link",
        "rohr.txt": "skipped: a FIFO, not a file",
    }


@pytest.mark.model
def test_progress_is_reported_inside_one_article() -> None:
    from reader.analysis import analyze_many, analyze_text
    from reader.source import decode

    body = "\n\n".join(f"Olaf Scholz sprach am Tag {i} in Berlin über die Lage." for i in range(40))
    text = f"date 2024-01-01 Ein langer Text\n\n{body}\n"
    heard: list[int] = []
    (analysis,) = analyze_many([decode(text.encode(), "a.txt")], progress=heard.append)
    assert len(heard) == 41  # the title and every paragraph, as each comes out of the pipeline
    assert heard == sorted(heard) and 0.9 * len(text) <= heard[-1] <= len(text)
    assert analysis.to_dict() == analyze_text(text, path="a.txt").to_dict()
