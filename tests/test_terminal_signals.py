"""The real app in a pseudo-terminal: signals save the reading position and give the terminal
back, and the exit status follows what happened."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The app as `reader ARTICLE` runs it, with the stand-in analysis of the UI tests (no spaCy).
CHILD = """
import sys
import reader.ui.app
from tests.ui.fake_analysis import fake_analyze

reader.ui.app.default_analyzer = lambda model: fake_analyze
{patch}
from reader.cli import main
raise SystemExit(main(sys.argv[1:]))
"""
CRASH_ON_MOUNT = """
def crash(self):
    raise RuntimeError("a bug in the app")

reader.ui.app.ReaderApp.on_mount = crash
"""
LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
SHOW_CURSOR = b"\x1b[?25h"
MOUSE_OFF = b"\x1b[?1000l"


@dataclass
class Terminal:
    """A child process on a pseudo-terminal, and everything it wrote there."""

    pid: int
    fd: int
    output: bytes = b""

    def read(self, timeout: float) -> bytes:
        """What arrives within ``timeout`` seconds of quiet (b"" at the end of output)."""
        chunks = []
        while select.select([self.fd], [], [], timeout)[0]:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # EIO: the child has closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        data = b"".join(chunks)
        self.output += data
        return data

    def wait_for(self, needle: bytes, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.output:
            assert time.monotonic() < deadline, f"{needle!r} never shown: {self.output[-500:]!r}"
            self.read(0.2)

    def settle(self) -> None:
        """Read until the app has been quiet for a second: it has done what it was asked."""
        while self.read(1.0):
            pass

    def exit_status(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read(0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError(f"the app did not exit: {self.output[-500:]!r}")


@pytest.fixture
def spawn(tmp_path: Path):
    started: list[Terminal] = []

    def start(*args: str, patch: str = "") -> Terminal:
        env = {
            **os.environ,
            "READER_STATE_DIR": str(tmp_path / "state"),
            "READER_CACHE_DIR": str(tmp_path / "cache"),
            "TERM": "xterm-256color",
            "PYTHONPATH": str(ROOT),
        }
        env.pop("READER_LIBRARY", None)
        pid, fd = pty.fork()
        if pid == 0:  # the child: never returns into pytest
            try:
                os.chdir(ROOT)
                code = CHILD.format(patch=patch)
                os.execve(sys.executable, [sys.executable, "-c", code, *args], env)
            finally:
                os._exit(127)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        terminal = Terminal(pid, fd)
        started.append(terminal)
        return terminal

    yield start
    for terminal in started:
        try:
            os.kill(terminal.pid, signal.SIGKILL)
            os.waitpid(terminal.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        with contextlib.suppress(OSError):
            os.close(terminal.fd)


def saved_offsets(tmp_path: Path) -> list[int]:
    path = tmp_path / "state" / "state.json"
    if not path.exists():
        return []
    return [entry.get("offset", 0) for entry in json.loads(path.read_text()).values()]


def read_to_the_end(terminal: Terminal, seed_path: Path) -> None:
    terminal.wait_for(b"Nato-Wende")
    terminal.settle()
    os.write(terminal.fd, b"G")  # to the bottom: a reading position worth keeping
    terminal.settle()


@pytest.mark.parametrize(("signal_number", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_signal_saves_the_position_and_restores_the_terminal(
    spawn, tmp_path: Path, seed_path: Path, signal_number: int, status: int
) -> None:
    terminal = spawn(str(seed_path))
    read_to_the_end(terminal, seed_path)
    before = len(terminal.output)
    os.kill(terminal.pid, signal_number)
    assert terminal.exit_status() == status
    after = terminal.output[before:]
    assert LEAVE_ALTERNATE_SCREEN in after and SHOW_CURSOR in after and MOUSE_OFF in after
    offsets = saved_offsets(tmp_path)
    assert len(offsets) == 1 and offsets[0] > 0


def test_a_hangup_saves_the_position(spawn, tmp_path: Path, seed_path: Path) -> None:
    terminal = spawn(str(seed_path))
    read_to_the_end(terminal, seed_path)
    os.close(terminal.fd)  # the terminal window is closed
    deadline = time.monotonic() + 30
    while not (pid_status := os.waitpid(terminal.pid, os.WNOHANG))[0]:
        assert time.monotonic() < deadline, "the app outlived its terminal"
        time.sleep(0.1)
    assert os.waitstatus_to_exitcode(pid_status[1]) != 0
    offsets = saved_offsets(tmp_path)
    assert len(offsets) == 1 and offsets[0] > 0


def test_quitting_saves_and_exits_0(spawn, tmp_path: Path, seed_path: Path) -> None:
    terminal = spawn(str(seed_path))
    read_to_the_end(terminal, seed_path)
    os.write(terminal.fd, b"q")
    assert terminal.exit_status() == 0
    assert saved_offsets(tmp_path)[0] > 0


def test_the_exit_status_follows_a_crash(spawn, seed_path: Path) -> None:
    terminal = spawn(str(seed_path), patch=CRASH_ON_MOUNT)
    assert terminal.exit_status(timeout=60) == 1
    assert b"a bug in the app" in terminal.output
