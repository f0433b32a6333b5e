"""The bundled examples: acme-enrich is clean, messy shows what every rule catches."""

from __future__ import annotations

import subprocess
import sys

from evdict.api import Options, check
from evdict.rules import all_rules
from tests.conftest import EXAMPLES


def test_acme_enrich_is_clean() -> None:
    result = check(Options(paths=(EXAMPLES / "acme-enrich",)))
    assert [f"{d.path}:{d.line}: {d.code} {d.message}" for d in result.diagnostics] == []
    assert result.exit_code == 0


def test_messy_shows_every_plan_rule() -> None:
    result = check(Options(paths=(EXAMPLES / "messy",)))
    found = {d.code for d in result.diagnostics}
    expected = {rule.code for rule in all_rules() if rule.scope in ("plan", "meta")}
    assert expected - found == set()
    assert result.exit_code == 1


def test_messy_as_a_subprocess_exits_1_with_located_findings() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "evdict", "check", str(EXAMPLES / "messy")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    lines = completed.stdout.splitlines()
    assert any(
        line.endswith(
            "growth.yaml:18:3: EV102 [warning] `weekly_login`: ends in 'login', "
            "not a past-tense verb; e.g. `user_logged_in`"
        )
        for line in lines
    )
