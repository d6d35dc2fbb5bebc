"""Hostile and broken input: offline by construction, nothing written next to the article,
and analysis output that always points inside the text."""

from __future__ import annotations

import json
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
