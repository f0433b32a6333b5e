"""What the benchmark scripts share: the median wall time of repeated runs, and
evdict's sources compiled to bytecode before they are timed."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[1] / "src"


def compile_sources(*sources: str | Path) -> None:
    """Compile evdict's sources (this checkout's, and each of ``sources``, another
    checkout's ``src/``) to bytecode, as an installed package is: run from a checkout
    with PYTHONDONTWRITEBYTECODE set (as on this machine), a stale module would be
    compiled again on every start (0.05 s of each run)."""
    for source in (SOURCES, *sources):
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(source)], check=True)


def timed(step: Callable[[], object], repeat: int) -> float:
    """The median seconds of ``repeat`` runs of ``step``."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)
