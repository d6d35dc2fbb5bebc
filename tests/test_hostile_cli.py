"""The print commands under attack: terminal control in articles and file names, reads without
an end, bad paths in a batch, odd file names and library settings."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main

# What an article could do to a terminal: set the window title, clear the screen, write the
# clipboard (OSC 52), turn red and leave it on, and a C1 control sequence introducer.
ATTACK = "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07\x1b[31m\x9b31m"
HOSTILE_ARTICLE = (
    f"date 2024-01-01 Titel {ATTACK} Ende\n\n"
    f"Angela Merkel sagte in Berlin: «Wir schaffen das {ATTACK} ganz sicher.»\n\n"
    f"Olaf Scholz{ATTACK} antwortete am Abend, er sehe das anders.\n"
)
# Bytes that must never reach a terminal from an article: ESC, BEL and C1 controls.
TERMINAL_CONTROL = ("\x1b", "\x07", "\x9b")
MEMORY_LIMIT = 2 * 1024**3  # the children below die of MemoryError long before the machine


def limited_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_reader(
    *args: str | bytes,
    stdin: int | bytes | None = None,
    setup: str = "",
    timeout: float = 120,
    bounded: bool = False,
) -> subprocess.CompletedProcess[bytes]:
    """``reader ARGS`` in a child (``bounded``: with limited memory); ``setup`` runs first."""
    code = f"import sys\n{setup}\nfrom reader.cli import main\nraise SystemExit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        input=stdin if isinstance(stdin, bytes) else None,
        stdin=stdin if isinstance(stdin, int) else None,
        capture_output=True,
        timeout=timeout,
        preexec_fn=limited_memory if bounded else None,
    )


def assert_terminal_safe(text: str) -> None:
    for control in TERMINAL_CONTROL:
        assert control not in text, f"{control!r} reached the terminal"


def one_error_line(err: bytes | str, *needles: str) -> str:
    text = err.decode("utf-8") if isinstance(err, bytes) else err
    assert text.count("\n") == 1 and "Traceback" not in text, text
    for needle in needles:
        assert needle in text, text
    return text


# -- 1. terminal injection ------------------------------------------------------------------------


@pytest.fixture
def hostile_article(tmp_path: Path) -> Path:
    path = tmp_path / "artikel.txt"
    path.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return path


@pytest.mark.model
def test_analyze_summary_shows_no_terminal_control(
    hostile_article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(hostile_article)]) == 0
    out = capsys.readouterr().out
    assert "Titel" in out and "Merkel" in out and "schaffen" in out
    assert_terminal_safe(out)
    assert "␛]0;pwned␇" in out  # shown as the app shows it: visible symbols, not removed


@pytest.mark.model
def test_analyze_json_stays_exact(
    hostile_article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", "--json", str(hostile_article)]) == 0
    out = capsys.readouterr().out
    assert_terminal_safe(out)  # JSON escapes them, C1 controls included
    data = json.loads(out)
    assert data["title"] == f"Titel {ATTACK} Ende"
    text = hostile_article.read_text(encoding="utf-8")
    for quote in data["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]


@pytest.mark.model
@pytest.mark.parametrize("as_json", [False, True])
def test_search_shows_no_terminal_control(
    hostile_article: Path, capsys: pytest.CaptureFixture[str], as_json: bool
) -> None:
    args = ["search", str(hostile_article), "schaffen", *(["--json"] if as_json else [])]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "schaffen" in out
    assert_terminal_safe(out)


@pytest.mark.parametrize("command", [["analyze"], ["analyze", "--json"], ["search"], []])
def test_file_names_in_errors_show_no_terminal_control(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    name = str(tmp_path / f"böse{ATTACK}\nzweite Zeile.txt")
    args = [*command, name, *(["x"] if command == ["search"] else [])]
    assert main(args) == 2
    err = one_error_line(capsys.readouterr().err, "böse", "no such file")
    assert_terminal_safe(err)


# -- 2. reads without a bound -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("device", "message"), [("/dev/zero", "not a text file"), ("/dev/urandom", "not a text file")]
)
def test_endless_devices_are_refused(device: str, message: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    result = run_reader("analyze", device, timeout=60, bounded=True)
    assert result.returncode == 2
    one_error_line(result.stderr, device, message)


def test_endless_text_on_stdin_is_refused_at_the_size_limit() -> None:
    if shutil.which("yes") is None:
        pytest.skip("no yes(1) here")
    with subprocess.Popen(["yes"], stdout=subprocess.PIPE) as producer:
        assert producer.stdout is not None
        try:
            result = run_reader(
                "analyze", "-", stdin=producer.stdout.fileno(), timeout=60, bounded=True
            )
        finally:
            producer.kill()
    assert result.returncode == 2
    one_error_line(result.stderr, "<stdin>", "too large")


def test_stdin_has_the_size_limit_of_files(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from reader import source

    monkeypatch.setattr(source, "MAX_BYTES", 1000)
    body = ("date 2024-01-01 Titel\n\n" + "Ein Satz. " * 200).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(body)))
    with pytest.raises(source.ArticleError, match="too large"):
        source.read_source("-")
    path = Path(tempfile.mkdtemp()) / "a.txt"
    path.write_bytes(body)
    with pytest.raises(source.ArticleError, match="too large"):
        source.read_source(path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(body[:1000])))
    assert source.read_source("-").text == body[:1000].decode()  # exactly the limit is fine


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "rohr.txt"
    os.mkfifo(path)
    yield path


def test_a_fifo_without_writer_times_out(fifo: Path) -> None:
    result = run_reader(
        "analyze", str(fifo), setup="import reader.source\nreader.source.IDLE_TIMEOUT = 0.5"
    )
    assert result.returncode == 2
    one_error_line(result.stderr, "rohr.txt", "nothing to read")


def test_a_fifo_with_a_writer_is_read(fifo: Path) -> None:
    import threading

    from reader.source import read_source

    def write() -> None:
        with fifo.open("wb") as pipe:
            pipe.write(b"date 2024-01-01 Durchs Rohr\n\nText.")

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert read_source(fifo).text.startswith("date 2024-01-01 Durchs Rohr")
    finally:
        writer.join(timeout=10)


# -- 3. one bad path does not lose the batch ----------------------------------------------------


@pytest.fixture
def two_articles(tmp_path: Path) -> tuple[Path, Path]:
    first = tmp_path / "a.txt"
    first.write_text("date 2024-01-01 Erster\n\nOlaf Scholz sprach in Berlin.", encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text("date 2024-01-02 Zweiter\n\nAngela Merkel in Paris.", encoding="utf-8")
    return first, second


@pytest.mark.model
def test_a_name_too_long_is_that_paths_error(
    two_articles: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = two_articles
    too_long = str(tmp_path / ("x" * 300 + ".txt"))
    assert main(["analyze", "--json", str(first), too_long, str(second)]) == 2
    captured = capsys.readouterr()
    one_error_line(captured.err, "xxx", "name too long")
    titles = [json.loads(line)["title"] for line in captured.out.splitlines()]
    assert titles == ["Erster", "Zweiter"]


def without_root_privilege() -> list[str]:
    """Tests may run as root, whom a missing search permission does not stop: drop the
    capabilities that let root pass (or skip where that cannot be done)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv(1)")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


@pytest.mark.model
def test_a_folder_without_search_permission_is_that_paths_error(
    two_articles: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = two_articles
    locked = tmp_path / "gesperrt"
    locked.mkdir()
    (locked / "c.txt").write_text("date 2024-01-03 Geheim\n\nText.", encoding="utf-8")
    locked.chmod(0o644)  # readable, not searchable
    code = "import sys\nfrom reader.cli import main\nraise SystemExit(main(sys.argv[1:]))"
    args = ["analyze", "--json", str(first), str(locked / "c.txt"), str(second)]
    try:
        result = subprocess.run(
            [*without_root_privilege(), sys.executable, "-c", code, *args],
            capture_output=True,
            timeout=300,
        )
    finally:
        locked.chmod(0o755)
    assert result.returncode == 2, result.stderr
    one_error_line(result.stderr, "c.txt", "permission denied")
    titles = [json.loads(line)["title"] for line in result.stdout.decode().splitlines()]
    assert titles == ["Erster", "Zweiter"]


# -- 11. odd file names, library settings, skipped files ------------------------------------------


@pytest.mark.model
def test_a_file_name_that_is_not_utf8_gives_valid_json(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as file:
        file.write("date 2024-01-01 Café\n\nOlaf Scholz trank Kaffee.".encode())
    result = run_reader("analyze", "--json", name)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.decode("utf-8"))
    assert data["title"] == "Café" and data["path"].endswith("caf\ufffd.txt")


def test_a_missing_file_name_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    result = run_reader("analyze", os.fsencode(tmp_path) + b"/fehlt\xe9.txt")
    assert result.returncode == 2
    one_error_line(result.stderr, "fehlt\ufffd.txt", "no such file")


@pytest.mark.parametrize("where", ["environment", "config"])
def test_a_library_setting_naming_a_missing_folder_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    from reader.ui.app import ReaderApp

    opened: list[object] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self, *a, **k: opened.append(self))
    missing = tmp_path / "Bibliothek"
    if where == "environment":
        monkeypatch.setenv("READER_LIBRARY", str(missing))
    else:
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
        (tmp_path / "reader").mkdir()
        (tmp_path / "reader" / "config.toml").write_text(f'library = "{missing}"\n')
    assert main([]) == 2
    assert not opened, "the seed article was opened instead"
    one_error_line(capsys.readouterr().err, "Bibliothek", "no such folder")


def test_analyze_of_a_folder_names_the_files_it_skips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kreis.txt").symlink_to(tmp_path / "kreis.txt")
    (tmp_path / "weg.txt").symlink_to(tmp_path / "gibt-es-nicht.txt")
    os.mkfifo(tmp_path / "rohr.txt")
    assert main(["analyze", "--json", str(tmp_path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3
    reasons = dict(line.split(": ", 2)[1:] for line in err)
    assert reasons == {
        str(tmp_path / "kreis.txt"): "skipped: a symlink loop",
        str(tmp_path / "weg.txt"): "skipped: a dangling link",
        str(tmp_path / "rohr.txt"): "skipped: a FIFO, not a file",
    }
