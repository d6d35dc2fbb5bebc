"""Benchmark reader.web.extract: time per page and how much of the article text comes through.

On the project's own fixture pages (``tests/fixtures/web/*.html``, in the shape of German news
sites, with the article's text by hand in ``NAME.gold.txt``): the median time to decode,
extract and render each page, against a bare lxml parse of the same page run alongside (the
ratio is the steadier figure on a shared machine); the share of the article's words recovered
in order (recall) and the share of the extracted words that belong to the article (precision),
from a word-level diff; and the headings and captions found. A 2 MB page (a fixture whose
article is repeated) shows how the time grows with size.

    python bench/web_bench.py                 # table, 15 runs a page
    python bench/web_bench.py --smoke --json  # one run a page, no big page (for CI)
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._common import bench_parser, report  # noqa: E402
from reader.article import parse_article  # noqa: E402
from reader.web.extract import page_source  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "web"
BIG_BYTES = 2 * 1024 * 1024


def words(text: str) -> list[str]:
    return text.split()


def overlap(gold: list[str], found: list[str]) -> int:
    """Words of ``gold`` found in ``found`` in the same order (a word-level diff)."""
    matcher = SequenceMatcher(None, gold, found, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def timed(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@dataclass(frozen=True, slots=True)
class PageResult:
    page: str
    kb: float
    extract_ms: float
    parse_ms: float
    recall: float
    precision: float
    headings: int
    captions: int

    @property
    def ratio(self) -> float:
        return self.extract_ms / self.parse_ms

    def line(self) -> str:
        return (
            f"{self.extract_ms:.2f} ms ({self.ratio:.1f}× parse), recall {self.recall:.3f}, "
            f"precision {self.precision:.3f}, {self.headings} headings, "
            f"{self.captions} captions, {self.kb:.1f} KB"
        )


def measure_page(path: Path, runs: int) -> PageResult:
    from lxml import html

    data = path.read_bytes()
    gold_blocks = path.with_suffix(".gold.txt").read_text(encoding="utf-8").split("\n\n")
    article = parse_article(page_source(data, path=path.name).text)
    found = [article.title, *(s.heading or "" for s in article.sections)]
    found += [b.text.split(" ", 1)[1] if b.kind == "caption" else b.text for b in article.blocks()]
    found_words = words(" ".join(found))
    gold_words = words(" ".join(gold_blocks))
    matched = overlap(gold_words, found_words)
    return PageResult(
        page=path.stem,
        kb=len(data) / 1024,
        extract_ms=timed(lambda: page_source(data, path=path.name), runs) * 1000,
        parse_ms=timed(lambda: html.fromstring(data), runs) * 1000,
        recall=matched / len(gold_words),
        precision=matched / max(len(found_words), 1),
        headings=sum(1 for s in article.sections if s.heading),
        captions=sum(1 for b in article.blocks() if b.kind == "caption"),
    )


def big_page(runs: int) -> dict[str, object]:
    page = (FIXTURES / "rentenpaket.html").read_text(encoding="utf-8")
    head, rest = page.split('<p class="lead">', 1)
    body, tail = rest.split("</article>", 1)
    repeats = BIG_BYTES // len(body) + 1
    numbered = "".join(body.replace("Mit 362", f"Teil {n}: Mit 362") for n in range(repeats))
    data = f'{head}<p class="lead">{numbered}</article>{tail}'.encode()
    seconds = timed(lambda: page_source(data, path="big.html"), runs)
    return {"big_page_mb": round(len(data) / 1024 / 1024, 1), "big_page_s": round(seconds, 2)}


def main() -> int:
    parser = bench_parser(__doc__, "one run a page and no big page (for CI)")
    args = parser.parse_args()
    runs = 1 if args.smoke else 15
    golden = sorted(p for p in FIXTURES.glob("*.html") if p.with_suffix(".gold.txt").exists())
    pages = [measure_page(path, runs) for path in golden]
    result: dict[str, object] = {
        "pages": len(pages),
        "extract_ms_median": round(statistics.median(p.extract_ms for p in pages), 2),
        "ratio_to_lxml_parse_median": round(statistics.median(p.ratio for p in pages), 1),
        "recall_mean": round(statistics.mean(p.recall for p in pages), 3),
        "precision_mean": round(statistics.mean(p.precision for p in pages), 3),
    }
    result.update({page.page: page.line() for page in pages})
    if not args.smoke:
        result.update(big_page(3))
    report(result, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
