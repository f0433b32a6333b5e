"""Every rule's must-flag and must-pass cases, as data: ``cases/EVxxx.yaml``.

A case file looks like::

    rule: EV402
    cases:
      - name: event without owner is flagged
        files:                       # plan files (default name events.yaml via `plan:`)
          events.yaml: |
            events:
              signup_completed: {description: A user signed up here.}
        config: {categories: [core]} # optional evdict.yaml content (a mapping)
        expect:                      # exact findings of this rule: "path:line:col: message"
          - "events.yaml:2:3: event 'signup_completed' has no owner"
      - name: event with owner passes
        plan: |                      # shorthand for files: {events.yaml: ...}
          events:
            signup_completed: {owner: team-growth}
        expect: []

Only the case's rule is selected, so the other rules' findings do not interfere.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from evdict.api import Options, check
from evdict.config import load_config

CASES = Path(__file__).parent / "cases"


def _load_cases() -> list[Any]:
    params = []
    for case_file in sorted(CASES.glob("*.yaml")):
        spec = YAML(typ="safe").load(case_file.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            params.append(pytest.param(spec["rule"], case, id=f"{spec['rule']}-{case['name']}"))
    return params


def run_case(rule: str, case: dict[str, Any], root: Path) -> list[str]:
    files = dict(case.get("files") or {})
    if "plan" in case:
        files["events.yaml"] = case["plan"]
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    config = dict(case.get("config") or {})
    config.setdefault("plan", ["events.yaml", "tracking-plan/**/*.yaml"])
    with (root / "evdict.yaml").open("w", encoding="utf-8") as handle:
        YAML(typ="safe").dump(config, handle)
    previous = Path.cwd()
    os.chdir(root)
    try:
        options = Options(select=(rule,), paths=tuple(Path(p) for p in case.get("paths", ())))
        result = check(options, load_config(root / "evdict.yaml"))
    finally:
        os.chdir(previous)
    return [
        f"{d.path}:{d.line}:{d.column}: {d.message}" for d in result.diagnostics if d.code == rule
    ]


@pytest.mark.parametrize(("rule", "case"), _load_cases())
def test_rule_case(rule: str, case: dict[str, Any], tmp_path: Path) -> None:
    assert run_case(rule, case, tmp_path) == list(case["expect"])
