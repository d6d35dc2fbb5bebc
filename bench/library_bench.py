"""A library of many articles: first open (analysis) and second open (from the cache).

    python bench/library_bench.py [--articles 1000] [--json] [--smoke]

The articles are generated from the corpus texts into a temporary folder, with a temporary
cache; each open runs headless in a fresh process. "table_s" is when the table lists every
article, "analysed_s" when every row has its people.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import run_counted, write_library

CHILD = r"""
import asyncio, json, sys, time
started = time.perf_counter()
from reader.library import open_library
from reader.ui.app import ReaderApp
from textual.widgets import DataTable

async def main():
    app = ReaderApp(library=open_library(sys.argv[1]))
    result = {}
    async with app.run_test(size=(120, 40)) as pilot:
        while True:
            await asyncio.sleep(0.005)
            tables = app.screen.query(DataTable)
            if tables and tables.first().row_count and "table_s" not in result:
                result["table_s"] = time.perf_counter() - started
            if getattr(app.screen, "done", 0) == len(app.library):
                result["analysed_s"] = time.perf_counter() - started
                break
    print(json.dumps(result))

asyncio.run(main())
"""


def open_once(folder: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)], capture_output=True, text=True, timeout=3600
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(count: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root) / "library"
        write_library(folder, count)
        os.environ["READER_CACHE_DIR"] = str(Path(root) / "cache")
        os.environ["READER_STATE_DIR"] = str(Path(root) / "state")
        first = open_once(folder)
        second = open_once(folder)
    return {
        "articles": count,
        "first_table_s": round(first["table_s"], 2),
        "first_analysed_s": round(first["analysed_s"], 2),
        "second_table_s": round(second["table_s"], 2),
        "second_analysed_s": round(second["analysed_s"], 2),
    }


def main() -> int:
    return run_counted(__doc__, measure, 1000, 10, "10 articles, for CI")


if __name__ == "__main__":
    raise SystemExit(main())
