"""Command line: ``reader [PATH]`` opens the app, ``reader analyze`` and ``reader search`` print.

Nothing here imports spaCy or Textual at module level, so ``reader --help`` stays instant.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__
from reader.config import settings
from reader.safe_text import json_line, one_line, visible
from reader.source import ArticleError, read_source
from reader.web import wants_web
from reader.web.commands import add_offline_option, apply_offline, read_any, run_feeds
from reader.web.commands import run_app as run_web_app

if TYPE_CHECKING:
    from reader.model import Analysis
    from reader.ui.app import ReaderApp

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
SUBCOMMANDS = ("analyze", "archive", "search", "feeds")
EXIT_USAGE = 2


def bundled_seed() -> Path:
    """The seed article that ``reader`` opens when given no path."""
    packaged = Path(__file__).parent / "seeds"
    for folder in (packaged, SEEDS_DIR):
        if folder.is_dir():
            articles = sorted(folder.glob("*.txt"))
            if articles:
                return articles[0]
    raise ArticleError("no bundled seed article found; pass an article path")


def _add_model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        metavar="NAME",
        help="an installed spaCy pipeline to use instead of the bundled one (e.g. de_core_news_lg)",
    )


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read German news in the terminal: who is in the story, who said what.",
        epilog=(
            "subcommands:\n"
            "  reader analyze PATH... [--json]        print the analysis without the app\n"
            "  reader archive PATH... --out FILE      the analysis on a Dask cluster\n"
            "  reader search PATH QUERY [--limit N]   fuzzy search people, quotes and text\n"
            "  reader feeds [add URL | import OPML]   read your subscribed feeds\n"
            "\nPATH may also be a link (https://…), a saved page (.html) or a feed (.xml, .rss).\n"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "path",
        nargs="?",
        help="article file, link, page or feed (or - for stdin); default: the bundled seed",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    _add_jobs_option(parser, "a library folder is analysed in")
    _add_model_option(parser)
    add_offline_option(parser)
    return parser


def _add_jobs_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help=f"processes {what} (default: the jobs setting, else the number of cores; "
        "1: this process only)",
    )


def _analyze_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader analyze", description="Print the analysis of articles."
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders or -")
    parser.add_argument("--json", action="store_true", help="one JSON object per article a line")
    _add_jobs_option(parser, "to analyse in")
    _add_model_option(parser)
    add_offline_option(parser)
    return parser


def _archive_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader archive",
        description="Analyse an archive on a Dask cluster (pip install 'reader-news[dask]').",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    parser.add_argument(
        "--out", required=True, metavar="FILE", help="JSON lines (- for stdout) or FILE.parquet"
    )
    parser.add_argument(
        "--format", choices=("jsonl", "parquet"), help="default: parquet for *.parquet, else jsonl"
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--scheduler", metavar="ADDRESS", help="a running Dask scheduler (tcp://host:8786)"
    )
    where.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="without --scheduler: a local cluster of N processes (default: the number of cores)",
    )
    _add_model_option(parser)
    add_offline_option(parser)
    return parser


def _search_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader search", description="Fuzzy search people, quotes and sentences."
    )
    parser.add_argument("path", metavar="PATH", help="article file or -")
    parser.add_argument("query", metavar="QUERY", help="a name, a fragment of a quote, …")
    parser.add_argument("--limit", type=int, default=10, help="most results (default 10)")
    parser.add_argument("--json", action="store_true", help="one JSON object per hit a line")
    _add_model_option(parser)
    add_offline_option(parser)
    return parser


def _error(message: str) -> None:
    """One line on stderr; file names and article text in it cannot steer the terminal."""
    print(f"reader: {one_line(message)}", file=sys.stderr, flush=True)


def _analyze(path: str, model: str | None) -> Analysis:
    from reader import cache
    from reader.nlp import load_pipeline

    return cache.analyze_source_cached(read_any(path), lambda: load_pipeline(model), model)


def _summary(analysis: Analysis) -> str:
    article = analysis.article
    lines = [article.title or "(untitled)"]
    lines.append(f"  {article.date.isoformat() if article.date else 'date unknown'}")
    lines.append(f"  {len(article.sections)} sections, {len(analysis.quotes)} quotes")
    if analysis.notice:
        lines.append(f"  note: {analysis.notice}")
    titles = {"PER": "People", "LOC": "Places", "ORG": "Organisations", "MISC": "Other"}
    for label, title in titles.items():
        found = [e for e in analysis.entities if e.label == label]
        if not found:
            continue
        lines.append(f"  {title}:")
        for entity in sorted(found, key=lambda e: -len(e.mentions)):
            role = f" ({entity.description})" if entity.description else ""
            lines.append(f"    {entity.name}{role} ×{len(entity.mentions)}")
    if analysis.quotes:
        lines.append("  Quotes:")
        for quote in analysis.quotes:
            who = quote.speaker_name or "?"
            text = quote.text if len(quote.text) <= 70 else quote.text[:69] + "…"
            lines.append(f"    {who}: {text}" if quote.kind == "direct" else f"    {who} ~ {text}")
    return visible("\n".join(lines))


def run_analyze(argv: Sequence[str]) -> int:
    from reader.archive import read_sources
    from reader.parallel import analyze_in_processes

    args = _analyze_parser().parse_args(argv)
    apply_offline(args)
    jobs = _jobs(args.jobs)
    failed = 0

    def bad(message: str) -> None:
        # One bad path is reported and skipped; the others are still analysed.
        nonlocal failed
        _error(message)
        failed += 1

    sources = read_sources(args.paths, bad)
    for analysis in analyze_in_processes(sources, args.model, jobs):
        if args.json:
            print(json_line(analysis.to_dict()), flush=True)
        else:
            print(_summary(analysis), end="\n\n", flush=True)
    return EXIT_USAGE if failed else 0


def _jobs(given: int | None) -> int:
    from reader.parallel import chosen_jobs

    if given is not None and given < 1:
        raise ArticleError("--jobs must be at least 1")
    return chosen_jobs(given)


def run_archive(argv: Sequence[str]) -> int:
    from reader.archive import Format, analyze_many

    args = _archive_parser().parse_args(argv)
    apply_offline(args)
    if args.workers is not None and args.workers < 1:
        raise ArticleError("--workers must be at least 1")
    out_format: Format = args.format or ("parquet" if args.out.endswith(".parquet") else "jsonl")
    run = analyze_many(
        args.paths,
        args.out,
        scheduler=args.scheduler,
        workers=args.workers,
        model=args.model,
        format=out_format,
        on_error=_error,
    )
    if run.unreadable:
        return EXIT_USAGE
    return 1 if run.failed else 0


def run_search(argv: Sequence[str]) -> int:
    args = _search_parser().parse_args(argv)
    apply_offline(args)
    if args.limit < 1:
        raise ArticleError("--limit must be at least 1")
    analysis = _analyze(args.path, args.model)
    from reader.search import SearchIndex

    index = SearchIndex.from_analysis(analysis)
    for hit in index.query(args.query, limit=args.limit):
        if args.json:
            print(json_line(hit.to_dict()))
        else:
            print(one_line(f"{hit.score:5.1f}  {hit.kind:<12} {hit.text[:80]}"))
    return 0


def run_app(argv: Sequence[str]) -> int:
    args = _app_parser().parse_args(argv)
    apply_offline(args)
    if wants_web(args.path):
        return run_web_app(args.path, args.model)
    jobs = _jobs(args.jobs)
    folder = args.path
    if folder is None:
        folder = _configured_library()
    if folder and folder != "-" and os.path.isdir(folder):
        from reader.library import open_library

        infos = open_library(folder)
        from reader.ui.app import ReaderApp

        return _run(ReaderApp(library=infos, model=args.model, jobs=jobs))
    path = args.path or str(bundled_seed())
    source = read_source(path)  # fail before the terminal switches to the app
    if path == "-":
        _reattach_stdin()
    from reader.ui.app import ReaderApp

    return _run(ReaderApp(source=source, model=args.model))


def _configured_library() -> str | None:
    """The library folder of the settings; one that is not there is an error, not the seed."""
    from reader.library import library_setting

    setting = library_setting()
    if setting is None:
        return None
    folder, origin = setting
    if not os.path.isdir(folder):
        problem = "not a folder" if os.path.lexists(folder) else "no such folder"
        raise ArticleError(f"{folder}: {problem} (the library set in {origin})")
    return str(folder)


def _run(app: ReaderApp) -> int:
    """Run the app; the exit status says how it ended (1 after a crash, 128 + N on signal N)."""
    app.run()
    return app.return_code or 0


def _reattach_stdin() -> None:
    """After reading an article from a pipe, the app needs the terminal as its input."""
    import os

    try:
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise ArticleError("cannot open the terminal after reading stdin") from None
    os.dup2(tty, 0)
    os.close(tty)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        settings()  # a config file that cannot be used is one line and exit 2, before anything
        if args and args[0] == "analyze":
            return run_analyze(args[1:])
        if args and args[0] == "archive":
            return run_archive(args[1:])
        if args and args[0] == "search":
            return run_search(args[1:])
        if args and args[0] == "feeds":
            return run_feeds(args[1:])
        return run_app(args)
    except ArticleError as error:
        _error(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `reader analyze … | head`: the reader went away; not an error of ours.
        sys.stderr.close()
        return 0
    except Exception as error:
        from reader.nlp import ModelError

        if isinstance(error, ModelError):
            _error(str(error))
            return EXIT_USAGE
        _error(f"unexpected error: {type(error).__name__}: {error}")
        return 1
