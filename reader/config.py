"""The reader's settings: the config file, then the environment over it.

The config file is TOML, ``~/.config/reader/config.toml`` (the platform's config folder;
``$XDG_CONFIG_HOME`` or ``READER_CONFIG`` move it)::

    library = "~/news"                 # the folder `reader` opens with no argument
    feeds = ["https://www.example.de/index~rss2.xml"]
    cache_dir = "~/.cache/reader"      # analyses and fetched pages
    state_dir = "~/.local/share/reader"  # reading positions and read marks
    cache = true                       # false: analyse every time, store no pages
    offline = false                    # true: never fetch, open stored copies
    jobs = 2                           # processes to analyse in (default: the cores)

    [keymap]                           # binding id = keys (docs/config.md lists them)
    article-next-section = "l"
    article-previous-section = "h"

Every module asks ``settings()``, which reads the file and the environment once and again only
when either changes (tests and ``--offline`` change the environment). A file that is not valid
TOML, or a value of the wrong kind, is a ``ConfigError``: one line, exit status 2.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from reader.source import ArticleError

APP_NAME = "reader"
# The environment variables, each over the file's setting of the same meaning.
ENVIRONMENT = (
    "READER_CONFIG",
    "READER_LIBRARY",
    "READER_CACHE_DIR",
    "READER_STATE_DIR",
    "READER_NO_CACHE",
    "READER_OFFLINE",
    "READER_JOBS",
    "XDG_CONFIG_HOME",
)
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


class ConfigError(ArticleError):
    """The config file or a setting cannot be used; the message is one line."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the user can set, wherever it was set."""

    path: Path
    """The config file read (it need not exist)."""

    library: Path | None = None
    """The folder of articles `reader` opens with no argument: ``READER_LIBRARY`` or
    ``library``."""

    library_origin: str = ""
    """Where ``library`` was set, for error messages: the variable's name or the file's path."""

    feeds: tuple[str, ...] = ()
    """Subscribed feeds (``feeds``): URLs or paths of feed files, in the file's order."""

    cache_dir: Path = field(default_factory=Path)
    """Analyses and fetched pages: ``READER_CACHE_DIR`` or ``cache_dir``, else the platform's
    cache folder."""

    cache: bool = True
    """Keep analyses and pages on disk: ``cache = false`` or ``READER_NO_CACHE=1`` turn it off."""

    state_dir: Path = field(default_factory=Path)
    """Reading positions and read marks: ``READER_STATE_DIR`` or ``state_dir``, else the
    platform's data folder."""

    offline: bool = False
    """Never use the network (``offline``, ``READER_OFFLINE=1``, ``--offline``): links and
    feeds open from their stored copies."""

    jobs: int | None = None
    """Processes the library and ``reader analyze`` analyse in (``jobs``, ``READER_JOBS``;
    ``--jobs`` wins over both); None: as many as there are cores. 1: in the reader's own
    process, none started."""

    keymap: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """``[keymap]``: binding id -> keys (``"l"``, ``"ctrl+n,l"``), replacing the default keys
    of those bindings in the app."""


def config_file(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    if environ.get("READER_CONFIG"):
        return Path(environ["READER_CONFIG"]).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def read_config(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text and its TOML ("" and {} when there is no file)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return "", {}
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise ConfigError(f"{path}: cannot read ({reason})") from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None


def settings() -> Settings:
    """The settings now: read once, and again only when the file or the environment change."""
    environ = {name: os.environ.get(name, "") for name in ENVIRONMENT}
    path = config_file(environ)
    try:
        stat = path.stat()
        signature: tuple[int, ...] | None = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    except OSError:
        signature = None
    key = (tuple(environ.values()), str(path), signature)
    global _loaded
    if _loaded is None or _loaded[0] != key:
        _loaded = (key, load(path, environ))
    return _loaded[1]


_loaded: tuple[object, Settings] | None = None


def load(path: Path, environ: Mapping[str, str]) -> Settings:
    """Settings from the file at ``path`` with ``environ`` over it (no caching)."""
    _, values = read_config(path)
    file = _FileValues(path, values)
    library, origin = _library(file, environ)
    no_cache = _flag(environ, "READER_NO_CACHE")
    offline = _flag(environ, "READER_OFFLINE")
    return Settings(
        path=path,
        library=library,
        library_origin=origin,
        feeds=file.feeds(),
        cache_dir=_folder(environ, "READER_CACHE_DIR", file, "cache_dir", _platform_cache),
        cache=not no_cache if no_cache is not None else file.boolean("cache", True),
        state_dir=_folder(environ, "READER_STATE_DIR", file, "state_dir", _platform_data),
        offline=offline if offline is not None else file.boolean("offline", False),
        jobs=_jobs(environ, file),
        keymap=MappingProxyType(file.keymap()),
    )


class _FileValues:
    """The config file's values, each checked for its kind (other keys are left alone)."""

    def __init__(self, path: Path, values: dict[str, Any]) -> None:
        self.path = path
        self.values = values

    def error(self, key: str, wanted: str) -> ConfigError:
        return ConfigError(f"{self.path}: {key} must be {wanted}")

    def text(self, key: str) -> str | None:
        value = self.values.get(key)
        if value is not None and not isinstance(value, str):
            raise self.error(key, 'a string, like library = "~/news"')
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.values.get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, f"true or false, like {key} = true")
        return value

    def positive(self, key: str) -> int | None:
        value = self.values.get(key)
        if value is not None and (type(value) is not int or value < 1):
            raise self.error(key, f"a whole number from 1, like {key} = 2")
        return value

    def feeds(self) -> tuple[str, ...]:
        feeds = self.values.get("feeds", [])
        if not isinstance(feeds, list) or not all(isinstance(feed, str) for feed in feeds):
            raise self.error("feeds", 'a list of URLs, like feeds = ["https://…"]')
        return tuple(feed.strip() for feed in feeds if feed.strip())

    def keymap(self) -> dict[str, str]:
        keymap = self.values.get("keymap", {})
        wanted = 'a table of binding id = "keys", like [keymap] article-top = "t"'
        if not isinstance(keymap, dict):
            raise self.error("keymap", wanted)
        for binding, keys in keymap.items():
            if not isinstance(keys, str) or not keys.strip():
                raise self.error(f"keymap.{binding}", f'keys in a string, like {binding} = "t"')
        return {binding: keys.strip() for binding, keys in keymap.items()}


def _flag(environ: Mapping[str, str], name: str) -> bool | None:
    value = environ.get(name, "").strip().lower()
    if not value:
        return None
    if value in _TRUE or value in _FALSE:
        return value in _TRUE
    raise ConfigError(f"{name}={environ[name]!r}: use 1 or 0")


def _jobs(environ: Mapping[str, str], file: _FileValues) -> int | None:
    value = environ.get("READER_JOBS", "").strip()
    if not value:
        return file.positive("jobs")
    if not value.isdecimal() or int(value) < 1:
        raise ConfigError(f"READER_JOBS={environ['READER_JOBS']!r}: a whole number from 1")
    return int(value)


def _library(file: _FileValues, environ: Mapping[str, str]) -> tuple[Path | None, str]:
    if environ.get("READER_LIBRARY"):
        return Path(environ["READER_LIBRARY"]).expanduser(), "READER_LIBRARY"
    value = file.text("library")
    return (Path(value).expanduser(), str(file.path)) if value else (None, "")


def _folder(
    environ: Mapping[str, str], name: str, file: _FileValues, key: str, default: Any
) -> Path:
    if environ.get(name):
        return Path(environ[name]).expanduser()
    value = file.text(key)
    return Path(value).expanduser() if value else Path(default())


def _platform_cache() -> str:
    from platformdirs import user_cache_dir

    return user_cache_dir(APP_NAME, appauthor=False)


def _platform_data() -> str:
    from platformdirs import user_data_dir

    return user_data_dir(APP_NAME, appauthor=False)
