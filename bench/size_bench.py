"""Cost against article size: parse, first paint, full layout, analysis and peak memory.

Each size runs in a fresh process (so peak RSS is its own):

    python bench/size_bench.py [--sizes 10000,100000,1000000,10000000] [--analyse-up-to N]
                               [--sentence-words 10000,20000,40000] [--json] [--smoke]

First paint is headless: from the app's start to the first rendered line of article text.
The full layout of big articles continues in a thread after that; "layout_done_s" is when it
has finished. Analysis (spaCy, entities, quotes) runs for sizes up to --analyse-up-to (default
10 MB: the 10 MB article is analysed too), and for
articles that are one long sentence of --sentence-words words (rows ``sentence N words``);
"analysis_s" counts loading the pipeline, "analysis_cpu_s" is a second, warm run in CPU
seconds (steady on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import article_of_size, one_sentence

CHILD = r"""
import json, os, resource, sys, time
os.environ.setdefault("OMP_NUM_THREADS", "1")
path, analyse = sys.argv[1], sys.argv[2] == "1"
result = {}
started = time.perf_counter()
from reader.source import read_source
from reader.article import parse_article
source = read_source(path)
article = parse_article(source.text)
result["parse_s"] = time.perf_counter() - started

from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView

render_line = ArticleView.render_line
app_started = time.perf_counter()

def first_line(self, y):
    strip = render_line(self, y)
    if "first_paint_s" not in result and self.rows:
        result["first_paint_s"] = time.perf_counter() - app_started
    return strip

ArticleView.render_line = first_line

def never(source):
    raise RuntimeError("analysis is measured below, not in the app")

async def drive(app):
    view = None
    while view is None or "first_paint_s" not in result:
        await __import__("asyncio").sleep(0.01)
        if app.screen.query(ArticleView):
            view = app.screen.query_one(ArticleView)
    # Keys still work while the rest is laid out: scroll a page and time the response.
    press = time.perf_counter()
    await app.screen.run_action("scroll('page_down')")
    result["key_during_layout_s"] = time.perf_counter() - press
    while not view.complete:
        await __import__("asyncio").sleep(0.01)
    result["layout_done_s"] = time.perf_counter() - app_started
    result["rows"] = len(view.rows)
    # Scroll through the article: time per page.
    pages = 0
    press = time.perf_counter()
    for _ in range(20):
        view.scroll_page_down(animate=False)
        view.refresh()
        await __import__("asyncio").sleep(0)
        pages += 1
    result["scroll_page_ms"] = (time.perf_counter() - press) / pages * 1000
    app.exit()

app = ReaderApp(source, analyzer=never)
async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        await drive(app)
import asyncio
asyncio.run(main())

if analyse:
    from reader.analysis import analyze_article
    from reader.nlp import load_pipeline
    started = time.perf_counter()
    analysis = analyze_article(article, nlp=load_pipeline())
    result["analysis_s"] = time.perf_counter() - started
    # Again, warm (pipeline and word lists loaded), in CPU seconds: what the text costs.
    cpu = time.process_time()
    analysis = analyze_article(article, nlp=load_pipeline())
    result["analysis_cpu_s"] = time.process_time() - cpu
    result["entities"] = len(analysis.entities)
    result["quotes"] = len(analysis.quotes)
result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def run(size: int, analyse: bool, text: str | None = None) -> dict[str, object]:
    """One article of ``size`` bytes (or ``text``) in a fresh process."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article-{size}.txt"
        path.write_text(article_of_size(size) if text is None else text, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), "1" if analyse else "0"],
            capture_output=True,
            text=True,
            timeout=1200,
        )
        if done.returncode != 0:
            raise SystemExit(f"size {size}: {done.stderr[-3000:]}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "bytes": size if text is None else len(text.encode()),
        **{k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000,10000000")
    parser.add_argument("--analyse-up-to", type=int, default=10_000_000)
    parser.add_argument(
        "--sentence-words", default="10000,20000,40000", help="one-sentence articles, analysed"
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--smoke", action="store_true", help="10 KB and 100 KB, a 2,000-word sentence, for CI"
    )
    args = parser.parse_args()
    sizes = [10_000, 100_000] if args.smoke else [int(s) for s in args.sizes.split(",")]
    limit = 0 if args.smoke else args.analyse_up_to
    results = [run(size, size <= limit) for size in sizes]
    sentences = [2_000] if args.smoke else [int(w) for w in args.sentence_words.split(",") if w]
    for words in sentences:
        row = run(0, True, one_sentence(words))
        results.append({"article": f"sentence {words} words", **row})
    if args.json:
        print(json.dumps(results))
        return 0
    columns = [
        "article",
        "bytes",
        "parse_s",
        "first_paint_s",
        "key_during_layout_s",
        "layout_done_s",
        "scroll_page_ms",
        "analysis_s",
        "analysis_cpu_s",
        "peak_rss_mb",
    ]
    print("| " + " | ".join(columns) + " |")
    print("|" + " --- |" * len(columns))
    for result in results:
        result.setdefault("article", "corpus text")
        print("| " + " | ".join(str(result.get(c, "—")) for c in columns) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
