from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import RunCli

# The fixture corpus is code to scan, not tests to run (some of it looks like tests).
collect_ignore = ["fixtures"]

SuggestedCalls = Callable[[], list[dict[str, Any]]]


@pytest.fixture
def suggested_calls(in_tmp: Path, run: RunCli) -> SuggestedCalls:
    """The calls a scan of the temp folder finds once the lines `scan --suggest-config`
    printed for it are its config (`scan --format json`'s `calls`)."""

    def scan() -> list[dict[str, Any]]:
        found = json.loads(run("scan", "--format", "json", "--suggest-config").output)
        lines = [f"  - {suggestion['config']}" for suggestion in found["suggestions"]]
        (in_tmp / "evdict.yaml").write_text("wrappers:\n" + "\n".join(lines) + "\n")
        calls: list[dict[str, Any]] = json.loads(run("scan", "--format", "json").output)["calls"]
        return calls

    return scan
