"""First paint: the reader against a bare Textual app that shows one Static.

Both run headless in a fresh process; the time is from starting the process until the first
screen (title and first paragraph for the reader) has been rendered. Median of several runs,
measured side by side. Also checks that the first paint imported no spaCy.

    python bench/paint_bench.py [--runs N] [--json] [--smoke]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import bench_parser, report

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "trump-nato-wende.txt"

# Each child prints the seconds from the parent's start time to its first rendered line of
# article text, then exits at once: shutdown is not part of the first paint.
BARE = """
import os, sys, time
from textual.app import App
from textual.widgets import Static

started = float(sys.argv[1])
render = Static.render

def first_render(self):
    print("painted", time.time() - started, False, flush=True)
    os._exit(0)

Static.render = first_render

class Bare(App):
    def compose(self):
        yield Static("Trumps Nato-Wende")

Bare().run(headless=True, size=(120, 40))
"""

READER = """
import os, sys, time
from reader.source import read_source
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView

started = float(sys.argv[1])
render_line = ArticleView.render_line

def first_line(self, y):
    strip = render_line(self, y)
    if self.rows and self.article.title[:10] in strip.text:
        print("painted", time.time() - started, "spacy" in sys.modules, flush=True)
        os._exit(0)
    return strip

ArticleView.render_line = first_line

def never(source):
    raise RuntimeError("the benchmark measures the first paint only")

ReaderApp(read_source(sys.argv[2]), analyzer=never).run(headless=True, size=(120, 40))
"""


def time_process(code: str, *args: str) -> tuple[float, bool]:
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", code, str(started), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    fields = result.stdout.split()
    if len(fields) < 3 or fields[0] != "painted":
        raise RuntimeError(f"no paint: {result.stdout} {result.stderr[-2000:]}")
    return float(fields[1]), fields[2] == "True"


def measure(runs: int, article: Path) -> dict[str, object]:
    bare, reader = [], []
    spacy_loaded = False
    for _ in range(runs):  # interleaved, so both see the same machine load
        bare.append(time_process(BARE)[0])
        seconds, spacy = time_process(READER, str(article))
        reader.append(seconds)
        spacy_loaded |= spacy
    bare_median, reader_median = statistics.median(bare), statistics.median(reader)
    return {
        "article": article.name,
        "runs": runs,
        "bare_textual_s": round(bare_median, 3),
        "reader_s": round(reader_median, 3),
        "ratio": round(reader_median / bare_median, 2),
        "target_ratio": 1.3,
        "spacy_imported_before_paint": spacy_loaded,
    }


def main() -> int:
    parser = bench_parser(__doc__, "one run, for CI")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--article", type=Path, default=SEED)
    args = parser.parse_args()
    result = measure(1 if args.smoke else args.runs, args.article)
    report(result, args.json)
    return 1 if result["spacy_imported_before_paint"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
