"""Headless modules never load Textual; `reader --help` and first paint never load spaCy."""

from __future__ import annotations

import subprocess
import sys

import pytest


def modules_after(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    return {line.split(".")[0] for line in result.stdout.splitlines()}


@pytest.mark.parametrize(
    "module",
    [
        "reader",
        "reader.article",
        "reader.analysis",
        "reader.source",
        "reader.safe_text",
        "reader.nlp",
        "reader.cache",
    ],
)
def test_headless_modules_do_not_import_textual_or_spacy(module: str) -> None:
    loaded = modules_after(f"import {module}")
    assert "textual" not in loaded
    assert "spacy" not in loaded


@pytest.mark.parametrize("module", ["reader.entities", "reader.quotes", "reader.search"])
def test_analysis_modules_do_not_import_textual(module: str) -> None:
    assert "textual" not in modules_after(f"import {module}")


def test_help_does_not_import_spacy() -> None:
    code = "from reader.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    loaded = modules_after(code)
    assert "spacy" not in loaded and "textual" not in loaded


def test_first_paint_does_not_import_spacy(seed_path) -> None:
    code = f"""
import asyncio
from reader.source import read_source
from reader.ui.app import ReaderApp

async def paint() -> None:
    # An analyzer that never runs spaCy: we only look at what the first paint needs.
    def never(source):
        raise RuntimeError("no analysis here")

    app = ReaderApp(read_source({str(seed_path)!r}), analyzer=never)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()

asyncio.run(paint())
"""
    assert "spacy" not in modules_after(code)
