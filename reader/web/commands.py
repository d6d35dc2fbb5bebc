"""The command line's web part: ``reader feeds …``, and the app on a link, a page or a feed."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from reader.source import ArticleError, Source
from reader.web import is_url


def add_offline_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--offline",
        action="store_true",
        help="never use the network: links open from what was fetched before",
    )


def apply_offline(args: argparse.Namespace) -> None:
    """``--offline`` holds for every fetch of this process, workers of the app included."""
    if getattr(args, "offline", False):
        os.environ["READER_OFFLINE"] = "1"


def read_any(name: str) -> Source:
    """An article for ``reader analyze`` / ``search``: a link or saved page, else a text file."""
    from reader.web import wants_web

    if wants_web(name):
        from reader.web.sources import open_article

        return open_article(name)
    from reader.source import read_source

    return read_source(name)


def run_app(name: str, model: str | None) -> int:
    """Open a link, a saved page or a feed file in the app (fetching first, if it is a link)."""
    from reader.web.fetch import offline
    from reader.web.session import FeedSession
    from reader.web.sources import open_any

    if is_url(name) and not offline():
        print(f"reader: fetching {name}", file=sys.stderr, flush=True)
    target = open_any(name)
    from reader.ui.app import ReaderApp

    if isinstance(target, FeedSession):
        ReaderApp(feeds=target, model=model).run()
    else:
        ReaderApp(source=target, model=model).run()
    return 0


def _feeds_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader feeds",
        description="Read your subscribed feeds (feeds = [...] in the config file).",
        epilog=(
            "reader feeds                     open every subscribed feed (r refreshes)\n"
            "reader feeds add URL...          subscribe\n"
            "reader feeds import FILE.opml    subscribe to the feeds of an OPML file\n"
            "reader feeds list                the subscriptions and when each was fetched"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("action", nargs="?", choices=("add", "import", "list"))
    parser.add_argument("names", nargs="*", metavar="URL|FILE")
    parser.add_argument("--model", metavar="NAME", help="an installed spaCy pipeline to use")
    add_offline_option(parser)
    return parser


def run_feeds(argv: Sequence[str]) -> int:
    from reader.web import subscriptions

    args = _feeds_parser().parse_args(argv)
    apply_offline(args)
    if args.action == "add":
        return _subscribe(args.names)
    if args.action == "import":
        if len(args.names) != 1:
            raise ArticleError("reader feeds import: give one OPML file")
        return _subscribe(subscriptions.opml_feeds(args.names[0]))
    feeds = subscriptions.subscribed()
    if args.action == "list":
        from reader.web import store

        for location in feeds:
            stored = store.load(location) if is_url(location) else None
            when = stored.fetched.astimezone().strftime("%Y-%m-%d %H:%M") if stored else "never"
            print(f"{location}  (fetched: {when})")
        return 0
    if not feeds:
        raise ArticleError(
            f"no feeds yet: reader feeds add URL, or reader feeds import FILE.opml "
            f"(they go to {subscriptions.config_file()})"
        )
    from reader.ui.app import ReaderApp
    from reader.web.session import FeedSession

    ReaderApp(feeds=FeedSession.of_subscriptions(feeds), model=args.model).run()
    return 0


def _subscribe(names: Sequence[str]) -> int:
    from reader.web import subscriptions

    if not names:
        raise ArticleError("reader feeds add: give at least one feed URL")
    for name in names:
        if not is_url(name):
            raise ArticleError(f"{name}: not an http(s) link")
    added = subscriptions.subscribe(names)
    path = subscriptions.config_file()
    print(f"{len(added)} feed{'s' if len(added) != 1 else ''} added to {path}")
    for name in added:
        print(f"  {name}")
    return 0
