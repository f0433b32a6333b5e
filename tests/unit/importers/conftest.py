"""Shared by the importer tests."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent


@pytest.fixture
def in_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in this folder, so notes name their files as ``fixtures/...``."""
    monkeypatch.chdir(HERE)
