from __future__ import annotations

import os
import signal
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import evdict.transaction
from evdict.anchored import Place, replace
from evdict.cli import cli

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
EXAMPLES = REPO / "examples"

# A suite started in the background (nohup, `&` without job control) inherits Ctrl-C
# ignored, and so would every evdict it starts: the interrupt tests need a terminal's.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True, scope="session")
def session_user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A user cache folder for the session-scoped fixtures (set up before any test's own)."""
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("session-xdg-cache"))
    yield
    if previous is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture(autouse=True)
def user_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own user cache folder (``XDG_CACHE_HOME``, subprocesses included), so
    no test reads or fills the real one; the evdict folder in it is returned."""
    home = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "evdict"


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    """Run the test with the working directory in a fresh temporary folder."""
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(previous)


WriteFiles = Callable[..., Path]


@pytest.fixture
def write(in_tmp: Path) -> WriteFiles:
    """``write(**{"events.yaml": "..."})``: dedented files under the temp folder."""

    def _write(**files: str | bytes) -> Path:
        for name, content in files.items():
            path = in_tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return in_tmp

    return _write


RunCli = Callable[..., Result]


@pytest.fixture
def run() -> RunCli:
    def _run(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return _run


def fail_at_swap(monkeypatch: pytest.MonkeyPatch, nth: int, error: BaseException) -> None:
    """Make the ``nth`` file swap of evdict's transactions raise ``error``, the swaps
    before it done (``monkeypatch.undo()`` restores them)."""
    swaps = 0

    def swap(temporary: Place, target: Place) -> None:
        nonlocal swaps
        swaps += 1
        if swaps == nth:
            raise error
        replace(temporary, target)

    monkeypatch.setattr(evdict.transaction, "replace", swap)
