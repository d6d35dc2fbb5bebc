"""Headless modules never load Textual; `reader --help` and first paint never load spaCy."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reader"
# Importing it runs the app.
ENTRY_POINT = "reader.__main__"


def modules_after(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    return {line.split(".")[0] for line in result.stdout.splitlines()}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def headless_modules() -> list[str]:
    """Every module of the package outside reader.ui, found on disk."""
    names = {module_name(path) for path in PACKAGE.rglob("*.py")}
    return sorted(n for n in names if n != ENTRY_POINT and not n.startswith("reader.ui"))


def registers_spacy_components(module: str) -> bool:
    """Modules that register spaCy components need spaCy when imported; no other may."""
    path = ROOT / (module.replace(".", "/") + ".py")
    return path.exists() and re.search(r"^@Language\.", path.read_text("utf-8"), re.M) is not None


HEADLESS = headless_modules()

# One interpreter imports each module in a fresh fork and reports what it loaded.
PROBE = """
import importlib, json, os, sys
found = {}
for name in sys.argv[1:]:
    read, write = os.pipe()
    if os.fork() == 0:
        importlib.import_module(name)
        os.write(write, json.dumps(sorted(sys.modules)).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        found[name] = json.loads(pipe.read() or b"null")
    os.wait()
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def loaded_by() -> dict[str, set[str]]:
    """Module name -> the modules loaded by importing it alone."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *HEADLESS],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        cwd=ROOT,
    )
    return {name: set(modules or ()) for name, modules in json.loads(result.stdout).items()}


def test_the_headless_modules_are_found() -> None:
    # The discovery itself could go wrong and check nothing.
    assert {"reader", "reader.analysis", "reader.model", "reader.nlp", "reader.web.fetch"} <= set(
        HEADLESS
    )
    assert not any(name.startswith("reader.ui") for name in HEADLESS)
    components = {m for m in HEADLESS if registers_spacy_components(m)}
    assert {"reader.pipes", "reader.crf_ner"} <= components
    assert not {"reader", "reader.nlp", "reader.analysis", "reader.model"} & components


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_module_imports_neither_textual_nor_the_ui(
    module: str, loaded_by: dict[str, set[str]]
) -> None:
    loaded = loaded_by[module]
    assert module in loaded, f"{module} did not import"
    assert not {name for name in loaded if name.split(".")[0] == "textual"}
    assert not {name for name in loaded if name.startswith("reader.ui")}


@pytest.mark.parametrize("module", HEADLESS)
def test_only_spacy_components_import_spacy(module: str, loaded_by: dict[str, set[str]]) -> None:
    loads_spacy = "spacy" in loaded_by[module]
    assert loads_spacy == registers_spacy_components(module)


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
