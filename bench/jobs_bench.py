"""Analysis in several processes: words/s for 1, 2 and N processes, and the ratios to one.

    python bench/jobs_bench.py [--articles N] [--jobs 1,2,4] [--json] [--smoke]

Each process loads the pipeline before the clock starts (a warm-up article per process), so
the figures are throughput, not start-up. Words are whitespace-separated. On a machine that
other work shares, the ratios are low: ``load_1m`` says how busy it was.
"""

from __future__ import annotations

import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")
os.environ["READER_NO_CACHE"] = "1"  # every run analyses; none reads what the last one stored

import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import bench_parser, corpus_texts, report  # noqa: E402


def words_per_second(jobs: int, texts: list[str]) -> float:
    from reader.parallel import analysis_pool, in_order
    from reader.source import decode

    sources = [decode(text.encode(), f"{n}.txt") for n, text in enumerate(texts)]
    words = sum(len(text.split()) for text in texts)
    warm_up = [decode(b"Olaf Scholz sprach in Berlin.", "warm.txt")] * jobs
    with analysis_pool(jobs, None) as pool:
        # One warm-up article per process: each has loaded the pipeline before timing.
        list(pool.map(_warm, warm_up))
        started = time.perf_counter()
        for _ in in_order(pool, sources, jobs):
            pass
        return words / (time.perf_counter() - started)


def _warm(source: object) -> None:
    from reader.parallel import _analyze_in_worker

    _analyze_in_worker(source)  # type: ignore[arg-type]


def measure(count: int, job_counts: list[int]) -> dict[str, object]:
    texts = [f"date 2024-01-01 {title}\n\n{text}" for title, text in corpus_texts(count)]
    result: dict[str, object] = {"articles": len(texts), "load_1m_before": os.getloadavg()[0]}
    speeds = {jobs: words_per_second(jobs, texts) for jobs in job_counts}
    for jobs, speed in speeds.items():
        result[f"words_per_s_{jobs}"] = round(speed)
    for jobs, speed in speeds.items():
        if jobs != 1 and 1 in speeds:
            result[f"ratio_{jobs}_to_1"] = round(speed / speeds[1], 2)
    result["target_ratio_2_to_1"] = 1.7
    result["load_1m_after"] = os.getloadavg()[0]
    result["cores"] = os.cpu_count()
    return result


def main() -> int:
    from reader.parallel import default_jobs

    parser = bench_parser(__doc__, "a few articles, 1 and 2 processes, for CI")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--jobs", default=None, help="process counts (default: 1, 2, cores)")
    args = parser.parse_args()
    counts = sorted({1, 2, default_jobs()})
    if args.jobs:
        counts = [int(n) for n in args.jobs.split(",")]
    if args.smoke:
        counts = [1, 2]
    report(measure(8 if args.smoke else args.articles, counts), args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
