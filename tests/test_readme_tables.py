"""The README's accuracy tables are what the stored evaluation results give."""

from __future__ import annotations

import copy

import pytest

from eval import results, tables

README = tables.README.read_text(encoding="utf-8")
STORED = results.load()


def test_the_readme_tables_are_the_stored_results() -> None:
    filled = tables.fill(README, tables.render(STORED))
    assert filled == README, (
        "README.md's accuracy tables differ from eval/results/accuracy.json: "
        "python -m eval.tables --write"
    )


def first(entries: dict) -> dict:
    return next(iter(entries.values()))


# One figure each table shows, as a path into the stored results.
SHOWN = {
    "ner": lambda r: r["ner"]["reader"]["germeval-dev"]["overall"],
    "ner-combinations": lambda r: first(first(r["ner"]))["overall"],
    "people": lambda r: first(r["people"]),
    "quotes": lambda r: first(r["quotes"]),
}
KEY = {"ner": "p", "ner-combinations": "f", "people": "precision", "quotes": "direct_recall"}


@pytest.mark.parametrize("name", list(tables.TABLES))
def test_every_table_has_its_markers_and_shows_a_changed_figure(name: str) -> None:
    assert f"<!-- table:{name} -->" in README and f"<!-- /table:{name} -->" in README
    changed = copy.deepcopy(STORED)
    SHOWN[name](changed)[KEY[name]] += 0.01
    assert tables.render(changed)[name] != tables.render(STORED)[name]


def test_fill_names_a_missing_marker() -> None:
    with pytest.raises(ValueError, match="table:quotes"):
        tables.fill("no tables here", {"quotes": "| a |"})


def test_save_keeps_other_entries(tmp_path) -> None:
    path = tmp_path / "accuracy.json"
    results.save(("quotes", "open"), {"direct_recall": 0.5}, path)
    results.save(("quotes", "sealed"), {"direct_recall": 0.6}, path)
    results.save(("quotes", "open"), {"direct_recall": 0.7}, path)
    assert results.load(path) == {
        "quotes": {"open": {"direct_recall": 0.7}, "sealed": {"direct_recall": 0.6}}
    }
